#include "util/json.h"

#include <fmt/format.h>
#include <rabta/error.h>
#include <rapidjson/error/en.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>
#include <memory>
#include <mutex>

namespace rabta::detail {

std::string line_col(std::string_view text, std::size_t offset) {
    std::size_t line = 1, col = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            col = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++col;
        }
    }
    return fmt::format("line {}, column {}", line, col);
}

std::string json_snippet(const rapidjson::Value& v, std::size_t max) {
    rapidjson::StringBuffer sb;
    rapidjson::Writer<rapidjson::StringBuffer> w(sb);
    v.Accept(w);
    std::string s(sb.GetString(), sb.GetSize());
    if (s.size() > max) {
        std::size_t cut = max;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
            --cut;
        s = s.substr(0, cut) + "…";
    }
    return s;
}

namespace {

std::string explain(std::string_view keyword) {
    static const std::map<std::string_view, std::string_view> words = {
        {"required", "a required property is missing"},
        {"type", "the value has the wrong type"},
        {"enum", "the value is not one of the allowed values"},
        {"additionalProperties", "a property that the schema does not allow"},
        {"minLength", "the string is too short"},
        {"maxLength", "the string is too long"},
        {"pattern", "the string does not match the required pattern"},
        {"minItems", "the array has too few items"},
        {"uniqueItems", "the array has duplicate items"},
        {"minimum", "the number is too small"},
        {"maximum", "the number is too large"},
        {"oneOf", "the value matches none (or more than one) of the allowed forms"},
        {"anyOf", "the value matches none of the allowed forms"},
    };
    auto it = words.find(keyword);
    return it == words.end() ? fmt::format("violates schema keyword '{}'", keyword)
                             : fmt::format("{} (schema keyword '{}')", it->second, keyword);
}

// Compiled schemas are immutable and shared; compile each once.
const rapidjson::SchemaDocument& schema_for(std::string_view path) {
    static std::mutex mu;
    static std::map<std::string, std::unique_ptr<rapidjson::Document>, std::less<>> docs;
    static std::map<std::string, std::unique_ptr<rapidjson::SchemaDocument>, std::less<>> schemas;
    std::lock_guard lock(mu);
    if (auto it = schemas.find(path); it != schemas.end()) return *it->second;
    DataFile f = embedded_file(path);
    auto d = std::make_unique<rapidjson::Document>();
    d->Parse(f.content.c_str(), f.content.size());
    if (d->HasParseError()) {
        throw ConfigError(f.origin, "", rapidjson::GetParseError_En(d->GetParseError()));
    }
    auto sd = std::make_unique<rapidjson::SchemaDocument>(*d);
    auto& ref = *sd;
    docs.emplace(std::string(path), std::move(d));
    schemas.emplace(std::string(path), std::move(sd));
    return ref;
}

}  // namespace

std::optional<std::string> schema_violation(const rapidjson::Value& doc,
                                            std::string_view schema_path,
                                            std::string* pointer) {
    rapidjson::SchemaValidator validator(schema_for(schema_path));
    if (doc.Accept(validator)) return std::nullopt;
    rapidjson::StringBuffer where;
    validator.GetInvalidDocumentPointer().Stringify(where);
    std::string at(where.GetString(), where.GetSize());
    std::string reason = explain(validator.GetInvalidSchemaKeyword());
    if (const rapidjson::Value* v = validator.GetInvalidDocumentPointer().Get(doc)) {
        reason += fmt::format("; value: {}", json_snippet(*v));
    }
    if (pointer) *pointer = at;
    return reason;
}

rapidjson::Document load_validated(const DataFile& file, std::string_view schema_path) {
    rapidjson::Document doc;
    doc.Parse(file.content.c_str(), file.content.size());
    if (doc.HasParseError()) {
        throw ConfigError(
            file.origin, "",
            fmt::format("invalid JSON at {}: {}", line_col(file.content, doc.GetErrorOffset()),
                        rapidjson::GetParseError_En(doc.GetParseError())));
    }
    std::string pointer;
    if (auto why = schema_violation(doc, schema_path, &pointer)) {
        throw ConfigError(file.origin, pointer, *why);
    }
    return doc;
}

std::optional<std::string> parse_record(rapidjson::Document& doc,
                                        const std::string& line,
                                        std::string_view schema_path) {
    doc.Parse<rapidjson::kParseValidateEncodingFlag>(line.c_str(), line.size());
    if (doc.HasParseError()) {
        return fmt::format("invalid JSON at byte {}: {}", doc.GetErrorOffset(),
                           rapidjson::GetParseError_En(doc.GetParseError()));
    }
    std::string pointer;
    if (auto why = schema_violation(doc, schema_path, &pointer))
        return fmt::format("at '{}': {}", pointer.empty() ? "/" : pointer, *why);
    return std::nullopt;
}

}  // namespace rabta::detail
