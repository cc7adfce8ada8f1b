// Fuzz targets: each defines LLVMFuzzerTestOneInput for one parser of untrusted
// input. Built with libFuzzer under clang (meson -Dfuzz=true), and always as a
// replay program that runs the target's seed files as an ordinary test.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

inline std::string_view fuzz_bytes(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}
