// `rabta curate promote|reject|rename|merge|label`: an analyst's decisions
// about actors, written to the curation overlay that every later build reads.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>

namespace rabta::cli {

struct CurateCommand {
    CLI::App* cmd = nullptr;
    std::string action;  ///< promote, reject, rename, merge, label
    std::string name;    ///< the actor: an id or any of its names
    std::string value;   ///< rename: the Urdu label; merge: the actor kept; label: English
    std::string db = "out/rabta.db";
    std::string curated;  ///< the overlay; default beside the database
};

void add_curate_command(CLI::App& app, CurateCommand& c);

/// Runs `rabta curate` when it was parsed; returns -1 when it was not.
int run_curate_command(const CurateCommand& c, std::ostream& out, std::ostream& err);

}  // namespace rabta::cli
