// The rules loader: a rules file edited by hand gives rules or a ConfigError.
#include <rabta/error.h>
#include <rabta/rules.h>

#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        (void)rabta::Rules::load({{"relations.json", std::string(fuzz_bytes(data, size))}});
    } catch (const rabta::ConfigError&) {
    }
    return 0;
}
