// One JSON Lines record, parsed as the build parses it: never throws; every
// article it gives has regions inside its text.
#include <rabta/article.h>
#include <rabta/boilerplate.h>

#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    rabta::Record r;
    r.file = "fuzz.jsonl";
    r.line = 1;
    r.bytes = std::string(fuzz_bytes(data, size));
    const rabta::Parsed p = rabta::parse_record(r, rabta::Boilerplate::embedded());
    for (const auto& a : p.articles)
        for (const auto& reg : a.regions)
            if (reg.end > a.text.size() || reg.begin > reg.end) __builtin_trap();
    return 0;
}
