#include <csignal>
#include <iostream>

#include "cli.h"

int main(int argc, char** argv) {
    // A full disk or a file size limit must come back as a write error with a
    // message (and the previous database kept), not as a silent kill.
    std::signal(SIGXFSZ, SIG_IGN);
    std::signal(SIGPIPE, SIG_IGN);
    return rabta::cli::run(std::vector<std::string>(argv, argv + argc), std::cout, std::cerr);
}
