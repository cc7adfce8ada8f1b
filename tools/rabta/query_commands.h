// The query commands: entities, show, ties, path, top, dyad. Each prints an
// aligned table, or with --json one object described by schemas/query.schema.json.
#pragma once

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace rabta::cli {

struct QueryCommands {
    CLI::App* entities = nullptr;
    CLI::App* show = nullptr;
    CLI::App* ties = nullptr;
    CLI::App* path = nullptr;
    CLI::App* top = nullptr;
    CLI::App* dyad = nullptr;

    std::string db = "out/rabta.db";
    bool json = false;
    std::string type, country;
    bool discovered = false;
    std::vector<std::string> names;
    std::string relation, from, to, as_of;
    std::string by = "degree";
    std::size_t limit = 20;
};

void add_query_commands(CLI::App& app, QueryCommands& q);

/// Whether one of these commands was parsed.
bool is_query_command(const QueryCommands& q);

/// Runs the query command that was parsed, or returns -1 when none was.
int run_query_command(QueryCommands& q, std::ostream& out, std::ostream& err);

}  // namespace rabta::cli
