// The rabta command line as a function, so tests run it in-process.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace rabta::cli {

/// Exit codes. Scripts rely on them; never change their meaning.
enum ExitCode : int {
    kOk = 0,
    kDataProblems =
        1,  ///< bad articles were reported and skipped, or a bad lexicon/rules file stopped the run
    kUsage = 2,         ///< the command line is wrong
    kStoreFailure = 3,  ///< the database or an output file cannot be read or written
    kLocked = 4,        ///< another build holds the database and --wait ran out
};

/// Runs `rabta args...` (args[0] is the program name) writing to out and err.
/// `out_fd` is the descriptor behind `out` when there is one (standard output):
/// the command refuses to run when it is a file the command reads.
int run(const std::vector<std::string>& args,
        std::ostream& out,
        std::ostream& err,
        int out_fd = -1);

}  // namespace rabta::cli
