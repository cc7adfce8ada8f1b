// A store built from the embedded seed articles, once per test program.
#pragma once

#include <rabta/build.h>
#include <rabta/error.h>

#include "support.h"

namespace rabta::test {

inline const std::string& seed_store() {
    static TempDir dir;
    static const std::string path = [] {
        BuildOptions o;
        o.db = dir / "seeds.db";
        build(o, [](const InputError& e) { FAIL("unexpected problem: " << e.what()); });
        return o.db;
    }();
    return path;
}

}  // namespace rabta::test
