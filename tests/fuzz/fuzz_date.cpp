// Date parsing: any text gives an ISO date YYYY-MM-DD or nothing.
#include <rabta/date.h>

#include "fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto d = rabta::parse_date(fuzz_bytes(data, size));
    if (d && (d->size() != 10 || (*d)[4] != '-' || (*d)[7] != '-')) __builtin_trap();
    return 0;
}
