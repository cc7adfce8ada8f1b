// Writing JSON with RapidJSON's writers (compact or pretty): the few shapes
// every JSON output of the library uses, for any writer type.
#pragma once

#include <rapidjson/rapidjson.h>

#include <cstdint>
#include <string_view>

namespace rabta::detail {

template <typename W>
void write_string(W& w, std::string_view s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

/// "k": "v"
template <typename W>
void write_field(W& w, const char* k, std::string_view v) {
    w.Key(k);
    write_string(w, v);
}

/// "k": "v", or "k": null when v is empty: a reader tells an absent value
/// from a misspelt field.
template <typename W>
void write_optional_field(W& w, const char* k, std::string_view v) {
    w.Key(k);
    if (v.empty()) {
        w.Null();
    } else {
        write_string(w, v);
    }
}

/// A byte span as [begin, end].
template <typename W>
void write_span(W& w, std::uint32_t begin, std::uint32_t end) {
    w.StartArray();
    w.Uint(begin);
    w.Uint(end);
    w.EndArray();
}

}  // namespace rabta::detail
