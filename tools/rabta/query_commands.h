// The query commands: entities, show, ties, path, top, dyad. Each parses its
// options into its own struct, asks the library for its answer (rabta/query.h)
// and prints it as an aligned table, or with --json as the answer's JSON
// (schemas/query.schema.json).
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

#include "common.h"

namespace rabta::cli {

struct EntitiesArgs {
    std::string type, country;
    bool discovered = false;
};
struct ShowArgs {
    std::string name, as_of;
    Selection sel;
};
struct TiesArgs {
    std::vector<std::string> names;  ///< NAME [NAME2]
    Selection sel;
};
struct PathArgs {
    std::vector<std::string> names;  ///< NAME1 NAME2
    Selection sel;
};
struct TopArgs {
    std::string by = "degree";
    std::string type;
    std::size_t limit = 20;
    Selection sel;
};
struct DyadArgs {
    std::vector<std::string> countries;
    Selection sel;
};

struct QueryCommands {
    CLI::App* entities = nullptr;
    CLI::App* show = nullptr;
    CLI::App* ties = nullptr;
    CLI::App* path = nullptr;
    CLI::App* top = nullptr;
    CLI::App* dyad = nullptr;

    std::string db = "out/rabta.db";
    bool json = false;
    EntitiesArgs entities_args;
    ShowArgs show_args;
    TiesArgs ties_args;
    PathArgs path_args;
    TopArgs top_args;
    DyadArgs dyad_args;
};

void add_query_commands(CLI::App& app, QueryCommands& q);

/// Whether one of these commands was parsed.
bool is_query_command(const QueryCommands& q);

/// Runs the query command that was parsed, or returns -1 when none was.
int run_query_command(QueryCommands& q, std::ostream& out, std::ostream& err);

}  // namespace rabta::cli
