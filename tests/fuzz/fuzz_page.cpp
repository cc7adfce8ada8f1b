// The seed page reader: any bytes give articles or an InputError, nothing else.
#include <rabta/article.h>
#include <rabta/boilerplate.h>
#include <rabta/error.h>

#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    try {
        const auto articles =
            rabta::read_page("fuzz.txt", "fuzz", fuzz_bytes(data, size),
                             rabta::Boilerplate::embedded(), [](const rabta::InputError&) {});
        for (const auto& a : articles)
            for (const auto& r : a.regions)
                if (r.end > a.text.size() || r.begin > r.end) __builtin_trap();
    } catch (const rabta::InputError&) {
    }
    return 0;
}
