// JSON loading with schema validation; RapidJSON stays inside src/.
#pragma once

#include <rabta/data_source.h>
#include <rapidjson/document.h>

#include <optional>
#include <string>
#include <string_view>

namespace rabta::detail {

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
std::optional<std::string> parse_record(rapidjson::Document& doc,
                                        const std::string& line,
                                        std::string_view schema_path);

/// "line L, column C" for a byte offset into text.
std::string line_col(std::string_view text, std::size_t offset);

/// Short JSON text of a value, cut to about `max` bytes, for messages.
std::string json_snippet(const rapidjson::Value& v, std::size_t max = 60);

}  // namespace rabta::detail
