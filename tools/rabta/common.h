// What the commands share: the evidence selection flags (relations, dates),
// parsed and checked in one place, and printing a library error.
#pragma once

#include <rabta/graph.h>
#include <rabta/store.h>

#include <CLI/CLI.hpp>
#include <ostream>
#include <string>
#include <vector>

namespace rabta::cli {

/// Which evidence a command counts, as typed.
struct Selection {
    std::string relation;          ///< --relation LIST
    std::string exclude_relation;  ///< --exclude-relation LIST
    std::string from, to;          ///< --from, --to: YYYY, YYYY-MM or YYYY-MM-DD
};

/// Declares --relation and --exclude-relation, and with `dates` --from and --to.
/// `fallback` names the relations counted when neither list is given, for the help.
void add_selection(CLI::App* cmd, Selection& s, bool dates, const std::string& fallback = "all");

/// The selection checked (UsageError naming the flag and the allowed values):
/// relations are `fallback` (empty: all) unless --relation or
/// --exclude-relation says otherwise; dates are real calendar periods.
EvidenceScope scope_of(const Selection& s, const std::vector<std::string>& fallback = {});
/// The same as a graph filter.
GraphFilter filter_of(const Selection& s, const std::vector<std::string>& fallback = {});

/// Whether the analyst gave --relation or --exclude-relation.
bool chose_relations(const Selection& s);

/// What a command that counts the interactions unless told otherwise says about it.
inline constexpr const char* kInteractionsByDefault =
    " (the interactions, by default; --relation or --exclude-relation to count others)";

/// Prints a (possibly multi-line) library message after "rabta: ", each line
/// made safe for a terminal.
void print_error(std::ostream& err, const std::string& message);

}  // namespace rabta::cli
