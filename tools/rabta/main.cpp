#include <rabta/output.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <iostream>

#include "cli.h"

int main(int argc, char** argv) {
    // A full disk or a file size limit must come back as a write error with a
    // message (and the previous database kept), not as a silent kill. A reader
    // of standard output that went away ends the program as SIGPIPE would
    // (quietly, status 128+13), once its temporary files are removed.
    std::signal(SIGXFSZ, SIG_IGN);
    std::signal(SIGPIPE, SIG_IGN);
    rabta::remove_temporaries_on_signals();
    rabta::FdOStream out(STDOUT_FILENO);
    out.on_broken_pipe([] { rabta::exit_by_signal(SIGPIPE); });
    int code =
        rabta::cli::run(std::vector<std::string>(argv, argv + argc), out, std::cerr, STDOUT_FILENO);
    // Every write to standard output was checked; so is the last flush.
    if (const int e = out.finish(); e != 0) {
        if (e == EPIPE) rabta::exit_by_signal(SIGPIPE);
        std::cerr << "rabta: cannot write to standard output: " << std::strerror(e) << "\n";
        if (code == rabta::cli::kOk || code == rabta::cli::kDataProblems)
            code = rabta::cli::kStoreFailure;
    }
    return code;
}
