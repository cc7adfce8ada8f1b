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

/// `s` with every byte that is not part of well-formed UTF-8 written as %XX
/// (upper-case hex): for file names, whose bytes are not text but must become
/// text (an article id, an origin) that still tells two names apart.
std::string percent_escape_invalid_utf8(std::string_view s);

/// Decodes the code point at s[i] and advances i. Meant for valid UTF-8; a byte
/// that does not start a complete sequence decodes as U+FFFD and advances one
/// byte, so no input reads past the end (the fuzzers found that path).
inline char32_t next_cp(std::string_view s, std::size_t& i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    const std::size_t n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
    if (c < 0xC0 || c > 0xF4 || n >= s.size() - i) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = c & (0x3F >> n);
    for (std::size_t k = 1; k <= n; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    i += n + 1;
    return cp;
}

/// Appends the UTF-8 encoding of cp.
void append_utf8(std::string& out, char32_t cp);

}  // namespace rabta::detail
