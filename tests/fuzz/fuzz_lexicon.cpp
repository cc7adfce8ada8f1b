// The lexicon loader: a file edited by hand gives a lexicon or a ConfigError.
#include <rabta/error.h>
#include <rabta/lexicon.h>

#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)rabta::Lexicon::load({{"fuzz.json", std::string(fuzz_bytes(data, size))}});
    } catch (const rabta::ConfigError&) {
    }
    return 0;
}
