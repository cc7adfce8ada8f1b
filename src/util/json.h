// JSON loading with schema validation; RapidJSON stays inside src/.
#pragma once

#include <rabta/data_source.h>
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

namespace rabta::detail {

/// How deep arrays and objects may nest in any JSON that rabta reads. Every
/// schema needs fewer than ten levels; the bound keeps a hostile line from
/// costing stack (the schema validator and the value printer recurse) or
/// memory per level.
inline constexpr unsigned kMaxJsonDepth = 100;

/// Where and why a JSON text is not accepted.
struct JsonSyntaxError {
    std::size_t offset = 0;  ///< byte offset into the text
    std::string reason;      ///< e.g. "nested deeper than 100 arrays and objects"
};

/// Parses `text` into `doc` with RapidJSON's iterative parser (no recursion:
/// no input can overflow the stack), refusing nesting deeper than
/// kMaxJsonDepth and bytes that are not UTF-8. A string whose escapes decode
/// to ill-formed UTF-8 (a lone surrogate such as \udc80) is refused, or, when
/// `repaired` is given, has the offending bytes replaced by U+FFFD and is
/// counted there. Every JSON reader of rabta parses through here.
std::optional<JsonSyntaxError> parse_json(rapidjson::Document& doc,
                                          std::string_view text,
                                          std::size_t* repaired = nullptr);

/// Parses `file` and validates it against the embedded schema `schema_path`
/// (e.g. "schemas/lexicon.schema.json"). Throws ConfigError with the file, the
/// JSON pointer of the offending value and a reason (line and column for syntax errors).
rapidjson::Document load_validated(const DataFile& file, std::string_view schema_path);

/// Validates `doc` against the embedded schema; returns "<pointer>: <reason>" or
/// nothing when valid.
std::optional<std::string> schema_violation(const rapidjson::Value& doc,
                                            std::string_view schema_path,
                                            std::string* pointer = nullptr);

/// Parses one JSON Lines record into `doc` and validates it against the embedded
/// schema; returns why it is not a valid record ("invalid JSON at byte N: …" or
/// "at '<pointer>': …"), or nothing.
/// `repaired` as for parse_json.
std::optional<std::string> parse_record(rapidjson::Document& doc,
                                        std::string_view line,
                                        std::string_view schema_path,
                                        std::size_t* repaired = nullptr);

/// "line L, column C" for a byte offset into text.
std::string line_col(std::string_view text, std::size_t offset);

/// Short JSON text of a value, cut to about `max` bytes, for messages.
std::string json_snippet(const rapidjson::Value& v, std::size_t max = 60);

}  // namespace rabta::detail
