#include "eval_command.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <rabta/data_source.h>
#include <rabta/eval.h>
#include <rabta/store.h>

#include <filesystem>
#include <set>

#include "table.h"

namespace rabta::cli {

namespace {

using Scored = ScoredSet;

// Rows of the side-by-side table: every entity type and relation any set scored.
std::vector<std::pair<std::string, const Score*>> rows_of(const EvalReport& r) {
    std::vector<std::pair<std::string, const Score*>> rows;
    for (const auto& [k, sc] : r.entities_by_type)
        rows.emplace_back("entity " + k, &sc);
    rows.emplace_back("entities (all)", &r.entities);
    for (const auto& [k, sc] : r.ties_by_relation)
        rows.emplace_back("tie " + k, &sc);
    rows.emplace_back("ties (required)", &r.ties);
    return rows;
}

std::vector<std::string> row_names(const std::vector<Scored>& sets) {
    std::vector<std::string> names;
    std::set<std::string> seen;
    auto add = [&](const std::string& n) {
        if (seen.insert(n).second) names.push_back(n);
    };
    for (const auto& s : sets)
        for (const auto& [k, _] : s.report.entities_by_type)
            add("entity " + k);
    add("entities (all)");
    for (const auto& s : sets)
        for (const auto& [k, _] : s.report.ties_by_relation)
            add("tie " + k);
    add("ties (required)");
    return names;
}

const Score* find_row(const EvalReport& r, const std::string& name) {
    for (const auto& [n, sc] : rows_of(r))
        if (n == name) return sc;
    return nullptr;
}

void print_tables(const std::vector<Scored>& sets, std::ostream& out) {
    fmt::print(out, "{:<20}", "");
    for (const auto& s : sets)
        fmt::print(out, " | {:^34}", fmt::format("{} ({} articles)", s.name, s.report.scored));
    fmt::print(out, "\n{:<20}", "");
    for (std::size_t i = 0; i < sets.size(); ++i)
        fmt::print(out, " | {:>4} {:>4} {:>4}  {:<5} {:<5} {:<5}", "tp", "fp", "fn", "P", "R",
                   "F1");
    fmt::print(out, "\n");
    for (const auto& name : row_names(sets)) {
        fmt::print(out, "{:<20}", name);
        for (const auto& s : sets) {
            const Score* sc = find_row(s.report, name);
            if (!sc) {
                fmt::print(out, " | {:>34}", "");
                continue;
            }
            fmt::print(out, " | {:>4} {:>4} {:>4}  {:.3f} {:.3f} {:.3f}", sc->tp, sc->fp, sc->fn,
                       sc->precision(), sc->recall(), sc->f1());
        }
        fmt::print(out, "\n");
    }
    auto agreement = [&](const char* label, Agreement EvalReport::*a) {
        fmt::print(out, "{:<20}", label);
        for (const auto& s : sets) {
            const Agreement& g = s.report.*a;
            fmt::print(out, " | {:>34}",
                       fmt::format("{}/{} = {:.3f}", g.agreed, g.compared, g.rate()));
        }
        fmt::print(out, "\n");
    };
    agreement("mode", &EvalReport::mode);
    agreement("context", &EvalReport::context);
    agreement("context digital", &EvalReport::context_digital);
}

void print_items(const Scored& s, std::ostream& out) {
    if (s.report.split == "test") {
        fmt::print(out,
                   "{}: {} missed and {} spurious items are not listed: the test split is "
                   "scored, never read to tune\n",
                   s.name, s.report.missed.size(), s.report.spurious.size());
        return;
    }
    for (const auto& m : s.report.missed)
        fmt::print(out, "{}: missed   {}\n", s.name, visible(m));
    for (const auto& m : s.report.spurious)
        fmt::print(out, "{}: spurious {}\n", s.name, visible(m));
}

void print_summary(const Scored& s, std::ostream& out) {
    const EvalReport& r = s.report;
    fmt::print(out,
               "{:<6} {:>3} articles  entities P {:.3f} R {:.3f} F1 {:.3f}  ties P {:.3f} R "
               "{:.3f} F1 {:.3f}  mode {:.3f}  context {:.3f}\n",
               s.name, r.scored, r.entities.precision(), r.entities.recall(), r.entities.f1(),
               r.ties.precision(), r.ties.recall(), r.ties.f1(), r.mode.rate(), r.context.rate());
}

// A directory that holds dev/ and test/ (tests/gold) stands for both splits.
std::vector<std::string> expand_splits(const std::vector<std::string>& gold) {
    namespace fs = std::filesystem;
    std::vector<std::string> sets;
    for (const auto& g : gold) {
        const fs::path p(g);
        std::error_code ec;
        if (fs::is_directory(p / "dev", ec) && fs::is_directory(p / "test", ec)) {
            sets.push_back((p / "dev").string());
            sets.push_back((p / "test").string());
        } else {
            sets.push_back(g);
        }
    }
    return sets;
}

}  // namespace

int run_eval(const EvalOptions& o, std::ostream& out) {
    const Store store = Store::open(o.db);
    std::vector<Scored> sets;
    for (const auto& g : expand_splits(o.gold)) {
        Scored s{g, evaluate(store, read_data_files(g, ".json"))};
        if (!s.report.split.empty()) s.name = s.report.split;
        sets.push_back(std::move(s));
    }
    if (o.json) {
        write_json(out, sets);
        return 0;
    }
    if (o.summary) {
        for (const auto& s : sets)
            print_summary(s, out);
        return 0;
    }
    for (const auto& s : sets)
        fmt::print(out, "{}: scored {} gold articles; {} not in this database\n", s.name,
                   s.report.scored, s.report.absent.size());
    print_tables(sets, out);
    for (const auto& s : sets)
        print_items(s, out);
    return 0;
}

}  // namespace rabta::cli
