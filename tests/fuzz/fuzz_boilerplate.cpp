// The boilerplate loader (regular expressions from a file edited by hand).
#include <rabta/boilerplate.h>
#include <rabta/error.h>

#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)rabta::Boilerplate::load("fuzz.json", fuzz_bytes(data, size));
    } catch (const rabta::ConfigError&) {
    }
    return 0;
}
