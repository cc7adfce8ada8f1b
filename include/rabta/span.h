// Byte ranges into an article's original text.
#pragma once

#include <cstdint>
#include <string_view>

namespace rabta {

/// Half-open byte range [begin, end) into a UTF-8 string.
struct Span {
    std::uint32_t begin = 0;
    std::uint32_t end = 0;

    std::uint32_t size() const noexcept { return end - begin; }
    bool empty() const noexcept { return end <= begin; }
    std::string_view of(std::string_view text) const { return text.substr(begin, end - begin); }
    friend bool operator==(const Span&, const Span&) = default;
};

}  // namespace rabta
