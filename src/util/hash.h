// Content hashes for change detection (not for security).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace rabta::detail {

/// 64-bit FNV-1a, continued from `seed` so that several parts can be chained.
std::uint64_t hash64(std::string_view bytes, std::uint64_t seed = 0xcbf29ce484222325ULL);

/// 16 lower-case hex digits.
std::string hex64(std::uint64_t v);

}  // namespace rabta::detail
