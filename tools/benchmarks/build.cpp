// Build benchmark: a full build of a corpus, then the nightly cases on the same
// store: a no-op incremental rebuild, and one after a few articles changed.
// Each is a median of several runs, next to the baseline measured in the same
// run: reading every file and hashing every record, which any rebuild must do
// to know what changed. The goal for the no-op rebuild is under one second
// beyond that baseline.
#include <fmt/format.h>
#include <rabta/article.h>
#include <rabta/boilerplate.h>
#include <rabta/build.h>
#include <rabta/error.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "timing.h"

namespace fs = std::filesystem;
using rabta::bench::median;
using rabta::bench::times_ms;

namespace {

std::string runs_list(const std::vector<double>& ms) {
    std::string out;
    for (double v : ms)
        out += fmt::format("{}{:.0f}", out.empty() ? "" : " ", v);
    return out;
}

// The corpus's JSON Lines files, copied so that the benchmark can change them.
std::vector<fs::path> copy_corpus(const fs::path& corpus, const fs::path& to) {
    std::vector<fs::path> out;
    std::vector<fs::path> files;
    if (fs::is_directory(corpus)) {
        for (const auto& e : fs::recursive_directory_iterator(corpus))
            if (e.is_regular_file() && e.path().extension() == ".jsonl") files.push_back(e.path());
    } else {
        files.push_back(corpus);
    }
    std::sort(files.begin(), files.end());
    for (std::size_t i = 0; i < files.size(); ++i) {
        const fs::path dst = to / fmt::format("{:03}-{}", i, files[i].filename().string());
        fs::copy_file(files[i], dst);
        out.push_back(dst);
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"rabta build benchmark: full, no-op and small incremental rebuilds"};
    std::string corpus = "../shared/corpus";
    int runs = 5;
    int changes = 20;
    app.add_option("--corpus", corpus, "Directory or JSON Lines file")->capture_default_str();
    app.add_option("--runs", runs, "Timed runs of each incremental case")->capture_default_str();
    app.add_option("--changes", changes, "Articles changed for the small incremental case")
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    if (!fs::exists(corpus)) {
        fmt::print("bench build: {} is absent; nothing to measure\n", corpus);
        return 0;
    }

    const fs::path tmp =
        fs::temp_directory_path() / fmt::format("rabta-bench-build-{}", ::getpid());
    fs::create_directories(tmp);
    const std::vector<fs::path> files = copy_corpus(corpus, tmp);
    std::uintmax_t bytes = 0;
    for (const auto& f : files)
        bytes += fs::file_size(f);
    rabta::BuildOptions o;
    for (const auto& f : files)
        o.paths.push_back(f.string());
    o.db = (tmp / "rabta.db").string();
    const auto quiet = [](const rabta::InputError&) {};

    // baseline: read every file and hash every record, and nothing else
    std::size_t records = 0;
    const std::vector<double> base = times_ms(runs, [&] {
        records = 0;
        rabta::read_corpus(
            o.paths, rabta::Boilerplate::embedded(), [](rabta::Article&&) {}, quiet,
            [&](const std::string&, std::uint64_t) {
                ++records;
                return true;
            });
    });
    const double base_ms = median(base);
    fmt::print("corpus: {} JSON Lines files, {:.1f} MB, {} records\n", files.size(), bytes / 1e6,
               records);
    fmt::print("{:<44} median {:8.1f} ms  (runs: {})\n", "baseline: read and hash every record",
               base_ms, runs_list(base));

    rabta::BuildReport full;
    const std::vector<double> full_ms = times_ms(1, [&] {
        o.full = true;
        full = rabta::build(o, quiet);
        o.full = false;
    });
    fmt::print("{:<44} {:15.1f} ms  {} articles, {:.1f} articles/s, {:.2f} MB/s\n",
               "full build (one run)", full_ms[0], full.articles,
               full.articles / (full_ms[0] / 1000), bytes / 1e6 / (full_ms[0] / 1000));

    rabta::BuildReport noop;
    const std::vector<double> noop_ms = times_ms(runs, [&] { noop = rabta::build(o, quiet); });
    if (noop.mode != "incremental" || noop.unchanged != full.articles) {
        fmt::print("bench build: the rebuild was not a no-op ({} build, {} unchanged)\n", noop.mode,
                   noop.unchanged);
        return 1;
    }
    const double noop_med = median(noop_ms);
    fmt::print(
        "{:<44} median {:8.1f} ms  (runs: {})  ×{:.2f} baseline, {:+.0f} ms beyond it "
        "(goal: under 1000)\n",
        "no-op incremental rebuild", noop_med, runs_list(noop_ms), noop_med / base_ms,
        noop_med - base_ms);

    // A few articles change each night: rewrite `changes` records of the first
    // file with one more sentence each, then time the rebuild that reads them.
    std::vector<std::string> lines;
    {
        std::ifstream in(files.front());
        for (std::string l; std::getline(in, l);)
            lines.push_back(l);
    }
    std::vector<double> small_ms;
    rabta::BuildReport small;
    for (int r = 0; r < runs; ++r) {
        int changed = 0;
        std::ofstream out(files.front(), std::ios::trunc);
        for (std::size_t i = 0; i < lines.size(); ++i) {
            std::string l = lines[i];
            const auto at = l.find("\"text\": \"");
            if (changed < changes && at != std::string::npos && i % 7 == 0) {
                l.insert(at + 9, fmt::format("رات {} کی خبر۔ ", r));
                ++changed;
            }
            out << l << '\n';
        }
        out.close();
        const auto ms = times_ms(1, [&] { small = rabta::build(o, quiet); });
        small_ms.push_back(ms[0]);
    }
    const double small_med = median(small_ms);
    fmt::print("{:<44} median {:8.1f} ms  (runs: {})  ×{:.2f} baseline, {} changed\n",
               fmt::format("incremental, {} articles changed", changes), small_med,
               runs_list(small_ms), small_med / base_ms, small.changed);
    fmt::print("ratio, full build / no-op rebuild: {:.1f}\n", full_ms[0] / noop_med);
    fs::remove_all(tmp);
    return 0;
}
