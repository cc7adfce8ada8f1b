#include "util/hash.h"

#include <fmt/format.h>

namespace rabta::detail {

std::uint64_t hash64(std::string_view bytes, std::uint64_t seed) {
    std::uint64_t h = seed;
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 0x100000001b3ULL;
    }
    return h;
}

std::string hex64(std::uint64_t v) {
    return fmt::format("{:016x}", v);
}

}  // namespace rabta::detail
