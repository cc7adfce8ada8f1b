// Key–value helpers for the JSON the CLI prints (--json, --report), so each
// command writes its fields in one line each.
#pragma once

#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <cstdint>
#include <string>

namespace rabta::cli::json {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;

inline void key(Writer& w, const char* k) {
    w.Key(k);
}
inline void str(Writer& w, const char* k, const std::string& v) {
    w.Key(k);
    w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
}
/// An empty string is written as null.
inline void opt_str(Writer& w, const char* k, const std::string& v) {
    w.Key(k);
    if (v.empty()) {
        w.Null();
    } else {
        w.String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
    }
}
inline void num(Writer& w, const char* k, std::int64_t v) {
    w.Key(k);
    w.Int64(v);
}

}  // namespace rabta::cli::json
