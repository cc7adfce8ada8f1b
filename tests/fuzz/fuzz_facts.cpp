// The facts reader (`rabta merge` input): bad lines are problems, a bad header
// an InputError; spans of every article it gives lie inside its text.
#include <rabta/error.h>
#include <rabta/facts.h>

#include <sstream>

#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in{std::string(fuzz_bytes(data, size))};
    try {
        rabta::read_facts(
            in, "fuzz.facts", {},
            [](rabta::Article&& a, rabta::Extraction&& ex) {
                for (const auto& m : ex.mentions)
                    if (m.span.end > a.text.size()) __builtin_trap();
                for (const auto& r : ex.relations)
                    if (r.sentence >= ex.sentences.size()) __builtin_trap();
            },
            [](const rabta::InputError&) {});
    } catch (const rabta::InputError&) {
    }
    return 0;
}
