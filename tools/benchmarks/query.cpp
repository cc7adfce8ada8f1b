// Times every query command in-process over one store (by default a build of
// ../shared/corpus), several runs each, and prints medians with the ratio to a
// baseline measured in the same run: opening the store and counting it
// (what `rabta stats` reads before it builds the graph).
#include <fmt/format.h>
#include <rabta/build.h>
#include <rabta/error.h>
#include <rabta/store.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <sstream>

#include "cli.h"
#include "timing.h"

namespace {

using rabta::bench::median_ms;

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"query benchmarks"};
    std::string db, corpus = "../shared/corpus";
    int runs = 5;
    app.add_option("--db", db, "Store to query (default: build CORPUS into a temporary store)");
    app.add_option("--corpus", corpus)->capture_default_str();
    app.add_option("--runs", runs)->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    std::filesystem::path tmp;
    if (db.empty()) {
        if (!std::filesystem::exists(corpus)) {
            fmt::print("bench query: {} is absent; nothing to measure\n", corpus);
            return 0;
        }
        tmp = std::filesystem::temp_directory_path() /
              fmt::format("rabta-bench-query-{}.db", ::getpid());
        rabta::BuildOptions o;
        o.paths = {corpus};
        o.db = tmp.string();
        const auto t0 = std::chrono::steady_clock::now();
        const rabta::BuildReport r = rabta::build(o, [](const rabta::InputError&) {});
        const auto t1 = std::chrono::steady_clock::now();
        fmt::print("store: {} articles, {} relation mentions, built in {:.1f} s\n", r.articles,
                   r.relations, std::chrono::duration<double>(t1 - t0).count());
        db = o.db;
    }

    const double base = median_ms(runs, [&] {
        const rabta::Store s = rabta::Store::open(db);
        (void)s.stats();
    });
    fmt::print("{:<58} median {:8.1f} ms\n", "baseline: open the store and count it", base);

    const std::vector<std::vector<std::string>> commands = {
        {"entities", "--type", "person"},
        {"show", "شہباز شریف"},
        {"ties", "شہباز شریف"},
        {"ties", "PK", "CN", "--from", "2024"},
        {"path", "شہباز شریف", "Xi Jinping"},
        {"top", "--by", "degree", "-n", "20"},
        {"top", "--by", "betweenness", "-n", "20"},
        {"dyad", "PK", "CN"},
        {"dyad", "PK", "CN", "--json"},
    };
    int failures = 0;
    for (const auto& c : commands) {
        std::vector<std::string> args{"rabta"};
        args.insert(args.end(), c.begin(), c.end());
        args.push_back("--db");
        args.push_back(db);
        int code = 0;
        std::size_t bytes = 0;
        const double ms = median_ms(runs, [&] {
            std::ostringstream out, err;
            code = rabta::cli::run(args, out, err);
            bytes = out.str().size();
        });
        std::string label;
        for (const auto& a : c)
            label += (label.empty() ? "" : " ") + a;
        fmt::print("{:<58} median {:8.1f} ms  ×{:5.1f} baseline  exit {}  {} bytes\n",
                   "rabta " + label, ms, ms / base, code, bytes);
        failures += code != 0;
    }
    if (!tmp.empty()) std::filesystem::remove(tmp);
    return failures ? 1 : 0;
}
