#include "util/json.h"

#include <fmt/format.h>
#include <rabta/error.h>
#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>
#include <memory>
#include <mutex>

#include "util/utf8.h"

namespace rabta::detail {

namespace {

// Hands the parser's events to the document being built, counting how deep
// arrays and objects nest and checking what strings decode to. Returning false
// stops the parser (kParseErrorTermination); `why` says why.
class GuardedHandler {
  public:
    GuardedHandler(rapidjson::Document& doc, std::size_t* repaired)
        : doc_(doc), repaired_(repaired) {}
    const std::string& why() const { return why_; }

    bool Null() { return doc_.Null(); }
    bool Bool(bool b) { return doc_.Bool(b); }
    bool Int(int i) { return doc_.Int(i); }
    bool Uint(unsigned i) { return doc_.Uint(i); }
    bool Int64(std::int64_t i) { return doc_.Int64(i); }
    bool Uint64(std::uint64_t i) { return doc_.Uint64(i); }
    bool Double(double d) { return doc_.Double(d); }
    bool RawNumber(const char* s, rapidjson::SizeType n, bool copy) {
        return doc_.RawNumber(s, n, copy);
    }
    bool String(const char* s, rapidjson::SizeType n, bool copy) {
        return checked(s, n, copy, [&](const char* t, rapidjson::SizeType m, bool c) {
            return doc_.String(t, m, c);
        });
    }
    bool Key(const char* s, rapidjson::SizeType n, bool copy) {
        return checked(s, n, copy, [&](const char* t, rapidjson::SizeType m, bool c) {
            return doc_.Key(t, m, c);
        });
    }
    bool StartObject() { return enter() && doc_.StartObject(); }
    bool EndObject(rapidjson::SizeType n) {
        --depth_;
        return doc_.EndObject(n);
    }
    bool StartArray() { return enter() && doc_.StartArray(); }
    bool EndArray(rapidjson::SizeType n) {
        --depth_;
        return doc_.EndArray(n);
    }

  private:
    bool enter() {
        if (++depth_ <= kMaxJsonDepth) return true;
        why_ = fmt::format("nested deeper than {} arrays and objects", kMaxJsonDepth);
        return false;
    }
    // The raw bytes are validated by the parser; an escape can still decode
    // to a lone surrogate, which RapidJSON encodes as ill-formed UTF-8.
    template <typename Put>
    bool checked(const char* s, rapidjson::SizeType n, bool copy, Put put) {
        const std::string_view v(s, n);
        if (!first_invalid_utf8(v)) return put(s, n, copy);
        if (!repaired_) {
            why_ = "a string's \\u escapes are not valid Unicode (a lone surrogate)";
            return false;
        }
        std::size_t k = 0;
        const std::string fixed = repair_utf8(v, k);
        *repaired_ += k;
        return put(fixed.data(), static_cast<rapidjson::SizeType>(fixed.size()), true);
    }

    rapidjson::Document& doc_;
    std::size_t* repaired_;
    unsigned depth_ = 0;
    std::string why_;
};

}  // namespace

std::optional<JsonSyntaxError> parse_json(rapidjson::Document& doc,
                                          std::string_view text,
                                          std::size_t* repaired) {
    constexpr unsigned kFlags =
        rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;
    rapidjson::MemoryStream ms(text.data(), text.size());
    rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> is(ms);
    rapidjson::Reader reader;
    GuardedHandler handler(doc, repaired);
    rapidjson::ParseResult result;
    auto generate = [&](rapidjson::Document& d) {
        (void)d;  // the handler forwards to it
        result = reader.Parse<kFlags>(is, handler);
        return !result.IsError();
    };
    doc.SetNull();
    doc.Populate(generate);
    if (!result.IsError()) return std::nullopt;
    JsonSyntaxError e;
    e.offset = result.Offset();
    e.reason = result.Code() == rapidjson::kParseErrorTermination && !handler.why().empty()
                   ? handler.why()
                   : rapidjson::GetParseError_En(result.Code());
    return e;
}

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
    if (auto e = parse_json(*d, f.content)) throw ConfigError(f.origin, "", e->reason);
    auto sd = std::make_unique<rapidjson::SchemaDocument>(*d);
    auto& ref = *sd;
    docs.emplace(std::string(path), std::move(d));
    schemas.emplace(std::string(path), std::move(sd));
    return ref;
}

// RapidJSON 1.1 hashes the values that meet an "enum" or "uniqueItems" by
// casting each double to a 64-bit integer, which is undefined beyond that
// range. Such a number is valid JSON and may sit in a field rabta ignores, so
// it is not refused: the validator reads a copy where it is held at the edge
// of the range, which keeps its sign and every bound our schemas set.
bool castable(double d) {
    return d >= -9.2e18 && d <= 1.8e19;
}

bool has_uncastable(const rapidjson::Value& v) {
    if (v.IsDouble()) return !castable(v.GetDouble());
    if (v.IsArray()) {
        for (const auto& e : v.GetArray())
            if (has_uncastable(e)) return true;
    } else if (v.IsObject()) {
        for (const auto& m : v.GetObject())
            if (has_uncastable(m.value)) return true;
    }
    return false;
}

void clamp_uncastable(rapidjson::Value& v) {
    if (v.IsDouble() && !castable(v.GetDouble())) {
        v.SetDouble(v.GetDouble() < 0 ? -9.2e18 : 1.8e19);
    } else if (v.IsArray()) {
        for (auto& e : v.GetArray())
            clamp_uncastable(e);
    } else if (v.IsObject()) {
        for (auto& m : v.GetObject())
            clamp_uncastable(m.value);
    }
}

// Validates `checked`; a value named in the reason is quoted from `shown`,
// the document as the user wrote it.
std::optional<std::string> violation(const rapidjson::Value& checked,
                                     const rapidjson::Value& shown,
                                     std::string_view schema_path,
                                     std::string* pointer) {
    rapidjson::SchemaValidator validator(schema_for(schema_path));
    if (checked.Accept(validator)) return std::nullopt;
    rapidjson::StringBuffer where;
    validator.GetInvalidDocumentPointer().Stringify(where);
    std::string at(where.GetString(), where.GetSize());
    std::string reason = explain(validator.GetInvalidSchemaKeyword());
    if (const rapidjson::Value* v = validator.GetInvalidDocumentPointer().Get(shown)) {
        reason += fmt::format("; value: {}", json_snippet(*v));
    }
    if (pointer) *pointer = at;
    return reason;
}

}  // namespace

std::optional<std::string> schema_violation(const rapidjson::Value& doc,
                                            std::string_view schema_path,
                                            std::string* pointer) {
    if (!has_uncastable(doc)) return violation(doc, doc, schema_path, pointer);
    rapidjson::Document copy;
    copy.CopyFrom(doc, copy.GetAllocator());
    clamp_uncastable(copy);
    return violation(copy, doc, schema_path, pointer);
}

rapidjson::Document load_validated(const DataFile& file, std::string_view schema_path) {
    rapidjson::Document doc;
    if (auto e = parse_json(doc, file.content)) {
        throw ConfigError(
            file.origin, "",
            fmt::format("invalid JSON at {}: {}", line_col(file.content, e->offset), e->reason));
    }
    std::string pointer;
    if (auto why = schema_violation(doc, schema_path, &pointer)) {
        throw ConfigError(file.origin, pointer, *why);
    }
    return doc;
}

std::optional<std::string> parse_record(rapidjson::Document& doc,
                                        std::string_view line,
                                        std::string_view schema_path,
                                        std::size_t* repaired) {
    if (auto e = parse_json(doc, line, repaired))
        return fmt::format("invalid JSON at byte {}: {}", e->offset, e->reason);
    std::string pointer;
    if (auto why = schema_violation(doc, schema_path, &pointer))
        return fmt::format("at '{}': {}", pointer.empty() ? "/" : pointer, *why);
    return std::nullopt;
}

}  // namespace rabta::detail
