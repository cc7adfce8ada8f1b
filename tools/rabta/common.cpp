#include "common.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <rabta/arguments.h>
#include <rabta/error.h>

#include <sstream>

#include "table.h"

namespace rabta::cli {

void add_selection(CLI::App* cmd, Selection& s, bool dates, const std::string& fallback) {
    cmd->add_option(
        "--relation", s.relation,
        "Only these relations, comma-separated (met,signed,...; default: " + fallback + ")");
    cmd->add_option("--exclude-relation", s.exclude_relation,
                    "Leave these relations out, comma-separated (holds_role,located_in,...)");
    if (!dates) return;
    cmd->add_option("--from", s.from, "From this date (YYYY, YYYY-MM or YYYY-MM-DD)");
    cmd->add_option("--to", s.to, "Up to this date (YYYY, YYYY-MM or YYYY-MM-DD)");
}

namespace {

std::string date_of(const char* flag, const std::string& d, bool end) {
    if (d.empty()) return "";
    if (auto bound = period_bound(d, end)) return *bound;
    throw UsageError(fmt::format("{} '{}' is not a date: YYYY, YYYY-MM or YYYY-MM-DD", flag, d));
}

}  // namespace

EvidenceScope scope_of(const Selection& s, const std::vector<std::string>& fallback) {
    EvidenceScope scope;
    scope.from = date_of("--from", s.from, false);
    scope.to = date_of("--to", s.to, true);
    scope.relations = relation_selection(s.relation, s.exclude_relation, fallback);
    return scope;
}

GraphFilter filter_of(const Selection& s, const std::vector<std::string>& fallback) {
    const EvidenceScope scope = scope_of(s, fallback);
    GraphFilter f;
    f.from = scope.from;
    f.to = scope.to;
    f.relations = scope.relations;
    return f;
}

bool chose_relations(const Selection& s) {
    return !s.relation.empty() || !s.exclude_relation.empty();
}

void print_error(std::ostream& err, const std::string& message) {
    std::istringstream lines(message);
    std::string line;
    bool first = true;
    while (std::getline(lines, line)) {
        fmt::print(err, "{}{}\n", first ? "rabta: " : "", visible(line));
        first = false;
    }
}

}  // namespace rabta::cli
