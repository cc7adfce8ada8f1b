// `rabta eval`: scores a store against one or more gold sets, side by side.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace rabta::cli {

struct EvalOptions {
    std::vector<std::string> gold;  ///< gold files or directories, one set each
    std::string db;
    bool json = false;
    bool summary = false;  ///< one line per set instead of the tables
};

/// Prints the scores of each gold set; the items a set missed or added are
/// listed only for sets whose split is not "test", so that the test split
/// cannot be tuned on by reading its misses.
int run_eval(const EvalOptions& o, std::ostream& out);

}  // namespace rabta::cli
