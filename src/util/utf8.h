// Minimal UTF-8 decoding for hot loops where ICU's UTF-16 round trip is not wanted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rabta::detail {

/// Offset of the first byte that is not part of well-formed UTF-8 (overlongs,
/// surrogates and code points above U+10FFFF are ill-formed), or nothing.
std::optional<std::size_t> first_invalid_utf8(std::string_view s);

/// A copy of `s` with every byte that is not part of well-formed UTF-8 replaced
/// by U+FFFD; `replaced` counts them.
std::string repair_utf8(std::string_view s, std::size_t& replaced);

/// Decodes the code point at s[i] (s must be valid UTF-8) and advances i.
inline char32_t next_cp(std::string_view s, std::size_t& i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    int n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    char32_t cp = c & (0x3F >> n);
    for (int k = 1; k <= n; ++k)
        cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += static_cast<std::size_t>(n) + 1;
    return cp;
}

/// Appends the UTF-8 encoding of cp.
void append_utf8(std::string& out, char32_t cp);

}  // namespace rabta::detail
