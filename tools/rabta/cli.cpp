// Thin: parses arguments, calls the library, prints. No extraction logic here.
#include "cli.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <fmt/ranges.h>
#include <rabta/arguments.h>
#include <rabta/build.h>
#include <rabta/context.h>
#include <rabta/error.h>
#include <rabta/export.h>
#include <rabta/facts.h>
#include <rabta/graph.h>
#include <rabta/lookup.h>
#include <rabta/output.h>
#include <rabta/progress.h>
#include <rabta/query.h>
#include <rabta/report.h>
#include <rabta/store.h>
#include <rabta/version.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <new>
#include <optional>
#include <sstream>
#include <system_error>

#include "common.h"
#include "curate_command.h"
#include "eval_command.h"
#include "history.h"
#include "progress_line.h"
#include "query_commands.h"
#include "table.h"

namespace rabta::cli {

namespace {

namespace fs = std::filesystem;

std::string join_counts(const std::map<std::string, std::int64_t>& m) {
    std::string s;
    for (const auto& [k, v] : m)
        s += fmt::format("{}{} {}", s.empty() ? "" : ", ", k, v);
    return s.empty() ? "none" : s;
}

// The export filter from its flags: names and countries resolved, lists and
// dates checked (UsageError, LookupError).
GraphFilter export_filter(const Store& store,
                          const Selection& sel,
                          const std::string& types,
                          const std::string& dyad,
                          const std::string& ego,
                          GraphFilter gf) {
    // an ego network counts the interactions unless told otherwise: through
    // holds_role and located_in every actor is two hops from its country
    const bool interactions = !ego.empty() && !chose_relations(sel);
    const GraphFilter scoped =
        filter_of(sel, interactions ? interaction_relations() : std::vector<std::string>{});
    gf.from = scoped.from;
    gf.to = scoped.to;
    gf.relations = scoped.relations;
    gf.contexts = scoped.contexts;
    gf.types = list_of("--type", types, entity_types());
    if (!dyad.empty()) {
        const auto comma = dyad.find(',');
        if (comma == std::string::npos || dyad.find(',', comma + 1) != std::string::npos)
            throw UsageError("--dyad takes two countries: C1,C2");
        for (const std::string& c : {dyad.substr(0, comma), dyad.substr(comma + 1)})
            gf.dyad.push_back(resolve_country(store, "--dyad", c));
    }
    if (!ego.empty()) gf.ego = resolve_entity(store, ego);
    return gf;
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, int out_fd) {
    CLI::App app{"rabta: a knowledge graph of bilateral digital-economy ties from Urdu news",
                 "rabta"};
    app.set_version_flag("--version", std::string("rabta ") + std::string(version()));
    app.require_subcommand(1);
    app.footer(
        "Exit codes: 0 success (warnings too: renamed articles, records with no story), 1 data "
        "problems reported (bad articles "
        "skipped, or "
        "a bad\nlexicon/rules "
        "file stopped the run before anything was written), 2 usage error, 3 database or output "
        "failure,\n4 another build holds the database (see build --wait).");

    BuildOptions bo;
    bool quiet = false;
    bool progress = false;
    bool incremental = false;
    std::string report_path;
    // What build and merge share: the store, the data files, the run's mode.
    auto add_store_options = [&](CLI::App* cmd) {
        cmd->add_option("--db", bo.db, "Database to build or update")->capture_default_str();
        cmd->add_option("--curated", bo.curated,
                        "Curation overlay (rabta curate) to apply (default: DB.curated.json "
                        "beside the database, when it is there)");
        cmd->add_option("--lexicon", bo.lexicon,
                        "Lexicon file or directory (default: embedded seeds/lexicon)");
        cmd->add_option("--rules", bo.rules, "Rules file (default: embedded seeds/rules)");
        cmd->add_option("--boilerplate", bo.boilerplate,
                        "Boilerplate file (default: embedded seeds/text)");
        cmd->add_flag("--strict", bo.strict,
                      "Stop at the first bad article; the old database stays");
        auto* full_flag =
            cmd->add_flag("--full", bo.full,
                          "Read every article again into a new database, swapped in at the end");
        cmd->add_flag("--incremental", incremental,
                      "Update the database in place, reading only new and changed articles (the "
                      "default when the database exists and its lexicon, rules and rabta version "
                      "are the ones in use; otherwise a full build)")
            ->excludes(full_flag);
        auto* quiet_flag =
            cmd->add_flag("-q,--quiet", quiet, "Print problems only: no summary, no progress line");
        cmd->add_flag("--progress", progress,
                      "Show the progress line on standard error even when it is not a terminal")
            ->excludes(quiet_flag);
        cmd->add_option("--report", report_path,
                        "Write the run report as JSON here (schemas/report.schema.json; -: "
                        "standard output)");
        cmd->add_option("--wait", bo.wait_seconds,
                        "Seconds to wait for another build of the same database, or for another "
                        "process's lock on it (then exit 4; inf: as long as it takes)")
            ->capture_default_str();
        cmd->add_option("--max-removed", bo.max_removed_percent,
                        "Refuse (exit 1, nothing changed) to remove more than this percentage of "
                        "the stored articles as no longer in the corpus; 100: no limit")
            ->check(CLI::Range(0.0, 100.0))
            ->capture_default_str();
        cmd->add_option("--keep-runs", bo.keep_runs,
                        "Keep the graph snapshots (for `rabta diff`) of the newest N runs only "
                        "(default: all); older runs keep their summary")
            ->check(CLI::PositiveNumber);
    };
    auto* build_cmd =
        app.add_subcommand("build", "Read articles, extract actors and ties, write the store");
    build_cmd->add_option(
        "paths", bo.paths,
        "Seed pages (*.txt), JSON Lines (*.jsonl), directories of them, or - for JSON "
        "Lines on stdin (default: the embedded seed articles)");
    add_store_options(build_cmd);
    build_cmd->add_option("-j,--jobs", bo.jobs,
                          "Threads extracting articles (default 0: one per core); the result is "
                          "the same for any number");
    // Bounds on hostile input, for the commands that extract.
    auto add_limits = [](CLI::App* cmd, Limits& l) {
        cmd->add_option("--max-article-bytes", l.article_bytes,
                        "Skip (and report) an article whose text is longer")
            ->capture_default_str();
        cmd->add_option("--max-sentence-tokens", l.sentence_tokens,
                        "Read only this many tokens of a sentence (reported)")
            ->capture_default_str();
        cmd->add_option("--max-sentence-mentions", l.sentence_mentions,
                        "Relate only this many actor mentions of a sentence (reported)")
            ->capture_default_str();
    };
    add_limits(build_cmd, bo.limits);
    auto* merge_cmd = app.add_subcommand(
        "merge", "Store the facts that `rabta extract` wrote for shards of a corpus");
    merge_cmd->add_option("facts", bo.facts, "Facts files (JSON Lines), or - for stdin")
        ->required();
    add_store_options(merge_cmd);
    merge_cmd
        ->add_option("--max-article-bytes", bo.limits.article_bytes,
                     "The limit the facts were extracted with: a facts line longer than 16 times "
                     "this plus 1 MiB is refused unread")
        ->capture_default_str();

    ExtractOptions eo;
    std::vector<std::string> extract_inputs;
    auto* extract_cmd = app.add_subcommand(
        "extract",
        "Read JSON Lines articles, write JSON Lines facts (schemas/facts.schema.json): no "
        "database, no state, for running over shards");
    extract_cmd->add_option("inputs", extract_inputs, "JSON Lines files (default: standard input)");
    extract_cmd->add_option("--lexicon", eo.lexicon, "Lexicon file or directory");
    extract_cmd->add_option("--rules", eo.rules, "Rules file");
    extract_cmd->add_option("--boilerplate", eo.boilerplate, "Boilerplate file");
    extract_cmd->add_option("-j,--jobs", eo.jobs,
                            "Threads (default 0: one per core); the output is the same for any "
                            "number");
    add_limits(extract_cmd, eo.limits);
    auto* extract_quiet =
        extract_cmd->add_flag("-q,--quiet", quiet, "No progress line, even on a terminal");
    extract_cmd
        ->add_flag("--progress", progress,
                   "Show the progress line on standard error even when it is not a terminal")
        ->excludes(extract_quiet);

    std::string db = "out/rabta.db";
    std::string format = "graphml";
    std::string output;
    auto* export_cmd = app.add_subcommand("export", "Export the graph for Gephi and other tools");
    export_cmd->add_option("--db", db, "Database")->capture_default_str();
    export_cmd->add_option("--format", format, "Output format: csv, gexf, graphml, html or json")
        ->capture_default_str();
    export_cmd->add_option("-o,--output", output,
                           "Output file, replaced whole (default, or -: standard output; a "
                           "device or FIFO is written in place, a link's target is replaced)");
    GraphFilter gf;
    Selection export_sel;
    std::string types, dyad, ego;
    add_selection(export_cmd, export_sel, true);
    export_cmd->add_option("--type", types,
                           "Only ties between entities of these types, comma-separated");
    export_cmd->add_option("--dyad", dyad,
                           "Only ties between actors of two countries: C1,C2 (ISO codes or names)");
    export_cmd->add_option("--min-weight", gf.min_weight,
                           "Only ties with at least this many evidences");
    export_cmd->add_option("--ego", ego,
                           "Only the neighbourhood of this actor (id, Urdu or Latin name)");
    export_cmd->add_option("--hops", gf.hops, "Size of the --ego neighbourhood")
        ->capture_default_str();
    ExportOptions xo;
    std::string label = "ur";
    export_cmd
        ->add_option("--label", label,
                     "Which label goes into the label field (both are attributes)")
        ->capture_default_str();
    export_cmd->add_flag("--keep-isolates", gf.keep_isolates,
                         "Keep the nodes a filter left without any edge");
    export_cmd->add_flag("--mixed", xo.mixed,
                         "GraphML/GEXF: symmetric ties undirected beside directed ones (Gephi, "
                         "Gephi Lite; networkx refuses such a file)");
    export_cmd->add_flag("--excel", xo.excel, "CSV: a UTF-8 byte-order mark, for Excel");

    auto* stats_cmd =
        app.add_subcommand("stats", "Counts of articles, entities and ties in a database");
    stats_cmd->add_option("--db", db, "Database")->capture_default_str();
    bool stats_json = false;
    stats_cmd->add_flag("--json", stats_json,
                        "One JSON object (schemas/query.schema.json) instead of lines");

    auto* review_cmd = app.add_subcommand(
        "review", "Actors found by patterns and not in the lexicon, and roles that disagree");
    review_cmd->add_option("--db", db, "Database")->capture_default_str();
    std::size_t review_limit = 50;
    review_cmd->add_option("-n,--limit", review_limit, "Discovered actors to list (0: all)")
        ->capture_default_str();

    std::string since;
    bool diff_json = false;
    auto* diff_cmd = app.add_subcommand(
        "diff", "Entities, ties and roles added or removed since a run (default: the previous)");
    diff_cmd->add_option("--db", db, "Database")->capture_default_str();
    diff_cmd->add_option("--since", since, "A run id, or a date: the last run started by then");
    diff_cmd->add_flag("--json", diff_json, "One JSON object instead of tables");
    std::string diff_context;
    diff_cmd->add_option("--context", diff_context,
                         "Only ties added or changed that evidence about these contexts now "
                         "proves, comma-separated (fintech,telecom,...; digital: the whole "
                         "digital family); removals and roles are counted, not listed");

    EvalOptions eval;
    auto* eval_cmd =
        app.add_subcommand("eval", "Score the store against hand-checked gold annotations");
    eval_cmd
        ->add_option("--gold", eval.gold,
                     "Gold file or directory of *.json (schemas/gold.schema.json); give it once "
                     "per set (e.g. tests/gold/dev and tests/gold/test) to score them side by side")
        ->required();
    eval_cmd->add_option("--db", db, "Database")->capture_default_str();
    eval_cmd->add_flag("--json", eval.json, "One JSON object, a member per set");
    eval_cmd->add_flag("--summary", eval.summary, "One line per set");

    QueryCommands query;
    add_query_commands(app, query);
    CurateCommand curate;
    add_curate_command(app, curate);

    std::vector<const char*> argv;
    for (const auto& a : args)
        argv.push_back(a.c_str());
    try {
        app.parse(static_cast<int>(argv.size()), argv.data());
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e, out, err);
        return code == 0 ? kOk : kUsage;
    }

    try {
        // Standard output redirected into a file the command reads (`>> g.db`)
        // would corrupt it: refused before anything is read or written.
        auto reads = [&] {
            Inputs in;
            if (*build_cmd || *merge_cmd) return build_inputs(bo);
            if (*extract_cmd) {
                for (const auto& p : extract_inputs)
                    in.add(p, "an input file");
                if (extract_inputs.empty()) in.add("-", "the input");
                for (const auto* p : {&eo.lexicon, &eo.rules, &eo.boilerplate})
                    if (*p) in.add(**p, "a data file");
                return in;
            }
            in.add_database(is_query_command(query) ? query.db : *curate.cmd ? curate.db : db);
            if (*eval_cmd)
                for (const auto& g : eval.gold)
                    in.add(g, "a gold file");
            return in;
        };
        struct stat out_st {};
        if (out_fd >= 0 && ::fstat(out_fd, &out_st) == 0 && S_ISREG(out_st.st_mode))
            reads().check_output_fd(out_fd, "standard output");
        if (int code = run_query_command(query, out, err); code >= 0) return code;
        if (int code = run_curate_command(curate, out, err); code >= 0) return code;
        if (*extract_cmd) {
            std::size_t bad = 0;  // errors; warnings keep exit 0
            ProgressLine line(err, show_progress(progress, quiet, err));
            ProgressMeter meter(line.sink(),
                                corpus_bytes(extract_inputs.empty() ? std::vector<std::string>{"-"}
                                                                    : extract_inputs));
            auto report = [&](const InputError& e) {
                bad += e.warning() ? 0 : 1;
                line.clear();
                fmt::print(err, "rabta: {} {}\n", e.verb(), visible(e.what()));
            };
            auto extract_from = [&](std::istream& in, const std::string& origin) {
                ProgressInput counted(*in.rdbuf(), meter);
                std::istream counted_in(&counted);
                extract_stream(eo, counted_in, origin, out, report);
            };
            if (extract_inputs.empty()) {
                extract_from(std::cin, "(stdin)");
            } else {
                for (const auto& path : extract_inputs) {
                    std::ifstream in(path, std::ios::binary);
                    if (!in) {
                        report(InputError(path, 0, "cannot open for reading"));
                        continue;
                    }
                    extract_from(in, path);
                }
            }
            meter.finish();
            if (!out) {
                fmt::print(err, "rabta extract: cannot write the facts\n");
                return kStoreFailure;
            }
            return bad > 0 ? kDataProblems : kOk;
        }
        if (*build_cmd || *merge_cmd) {
            if (!report_path.empty()) build_inputs(bo).check_output(report_path, "--report");
            std::vector<InputError> problems;
            ProgressLine line(err, show_progress(progress, quiet, err));
            bo.progress = line.sink();
            BuildReport r = build(bo, [&](const InputError& e) {
                problems.push_back(e);
                line.clear();
                fmt::print(err, "rabta: {} {}\n", e.verb(), visible(e.what()));
            });
            if (!report_path.empty()) {
                const Store store = Store::open(bo.db);
                write_output(report_path, out,
                             [&](std::ostream& f) { write_run_report(f, r, problems, store); });
            }
            if (!quiet) {
                fmt::print(out,
                           "rabta build ({}{}): {} articles stored ({} added, {} changed, "
                           "{} removed, {} unchanged",
                           r.mode, r.full_reason.empty() ? "" : ": " + r.full_reason, r.articles,
                           r.added, r.changed, r.removed, r.unchanged);
                if (r.kept > 0) fmt::print(out, ", {} kept from unreadable files", r.kept);
                fmt::print(out, "), {} skipped", r.skipped);
                if (r.repaired > 0) fmt::print(out, ", {} repaired", r.repaired);
                if (r.renamed > 0) fmt::print(out, ", {} renamed (reused ids)", r.renamed);
                if (r.empty > 0) fmt::print(out, ", {} with no story ignored", r.empty);
                if (r.duplicates > 0) fmt::print(out, ", {} repeated copies ignored", r.duplicates);
                if (r.snapshots_pruned > 0)
                    fmt::print(out, "; {} old run snapshots pruned (--keep-runs)",
                               r.snapshots_pruned);
                fmt::print(out, "\n");
                fmt::print(out, "entities: {}\n", join_counts(r.entities_by_type));
                fmt::print(out, "ties: {} relation mentions ({})\n", r.relations,
                           join_counts(r.relations_by_type));
                fmt::print(out, "database: {}\n", bo.db);
            }
            // warnings alone (renamed articles): 0
            return r.skipped > 0 || r.repaired > 0 ? kDataProblems : kOk;
        }
        if (*export_cmd) {
            format = one_of("--format", format, {"csv", "gexf", "graphml", "html", "json"});
            label = one_of("--label", label, {"latin", "ur"});
            xo.label = label == "latin" ? ExportOptions::Label::latin : ExportOptions::Label::urdu;
            if (format == "csv" && (output.empty() || output == "-")) {
                fmt::print(err,
                           "rabta export: --format csv needs -o DIR (it writes nodes.csv and "
                           "edges.csv)\n");
                return kUsage;
            }
            const std::vector<std::string> files =
                format == "csv"
                    ? std::vector<std::string>{(fs::path(output) / "nodes.csv").string(),
                                               (fs::path(output) / "edges.csv").string()}
                    : std::vector<std::string>{output.empty() ? "-" : output};
            {
                Inputs in;
                in.add_database(db);
                for (const auto& f : files)
                    in.check_output(f, "-o");
            }
            Store store = Store::open(db);
            const GraphFilter filter = export_filter(store, export_sel, types, dyad, ego, gf);
            xo.dyad = filter.dyad;
            TieGraph g = TieGraph::from_store(store, filter);
            if (!ego.empty() && !chose_relations(export_sel))
                fmt::print(err, "rabta export: --ego counts {}{}\n",
                           fmt::join(interaction_relations(), ", "), kInteractionsByDefault);
            auto write = [&](std::ostream& f) {
                if (format == "gexf") {
                    write_gexf(g, store, f, xo);
                } else if (format == "json") {
                    write_json(g, store, f);
                } else if (format == "html") {
                    write_html(g, store, f, xo);
                } else {
                    write_graphml(g, f, xo);
                }
            };
            if (format == "csv") {
                // two tables: -o names the directory that receives nodes.csv and edges.csv
                std::ostringstream edges;
                write_output(files[0], out, [&](std::ostream& f) { write_csv(g, f, edges, xo); });
                write_output(files[1], out, [&](std::ostream& f) { f << edges.str(); });
                fmt::print(err, "rabta export: {} nodes, {} edges → {}/nodes.csv, edges.csv\n",
                           g.vertex_count(), g.edge_count(), output);
            } else {
                write_output(files[0], out, write);
                if (files[0] != "-")
                    fmt::print(err, "rabta export: {} nodes, {} edges → {}\n", g.vertex_count(),
                               g.edge_count(), output);
            }
            return kOk;
        }
        if (*stats_cmd) {
            const StatsAnswer a = answer_stats(Store::open(db));
            if (stats_json) return write_json(out, a), kOk;
            fmt::print(out, "database: {}\n", db);
            fmt::print(out, "articles: {}\n", a.stats.articles);
            fmt::print(out, "mentions: {}\n", a.stats.mentions);
            fmt::print(out, "entities: {}\n", join_counts(a.stats.entities_by_type));
            fmt::print(out, "relation mentions: {}\n", join_counts(a.stats.relations_by_type));
            fmt::print(out, "denied in the text (not ties): {}\n",
                       join_counts(a.stats.not_ties_by_type));
            fmt::print(out, "articles by main topic: {}\n", join_counts(a.stats.articles_by_topic));
            fmt::print(out, "relation mentions by context: {}\n",
                       join_counts(a.stats.ties_by_context));
            fmt::print(out, "ties by context: {}\n", join_counts(a.ties_by_context));
            fmt::print(out, "graph: {} nodes, {} edges (ties)\n", a.nodes, a.edges);
            for (const auto& [k, v] : a.stats.meta)
                fmt::print(out, "{}: {}\n", k, v);
            return kOk;
        }
        if (*diff_cmd) {
            const std::vector<std::string> contexts =
                diff_context.empty() ? std::vector<std::string>{}
                                     : ContextTaxonomy::embedded().select(diff_context);
            const Store store = Store::open(db);
            const std::vector<StoredRun> runs = store.runs();
            if (runs.empty()) {
                fmt::print(err, "rabta diff: {} has no recorded runs\n", db);
                return kDataProblems;
            }
            const StoredRun& last = runs.back();
            const StoredRun* base = runs.size() >= 2 ? &runs[runs.size() - 2] : nullptr;
            if (!since.empty()) {
                base = nullptr;
                const bool is_id = std::all_of(since.begin(), since.end(),
                                               [](char c) { return c >= '0' && c <= '9'; });
                const auto bound = is_id ? std::nullopt : period_bound(since, true);
                if (!is_id && !bound) {
                    fmt::print(err, "rabta diff: --since '{}' is neither a run id nor a date\n",
                               since);
                    return kUsage;
                }
                for (const auto& run : runs) {
                    if (is_id ? std::to_string(run.id) == since
                              : run.started.substr(0, 10) <= *bound)
                        base = &run;
                }
            }
            if (!base) {
                fmt::print(err, "rabta diff: no run to compare with{}\n",
                           since.empty() ? " (only one run recorded)" : " for --since " + since);
                return kDataProblems;
            }
            if (base->snapshot_pruned) {
                const auto kept = std::find_if(runs.begin(), runs.end(),
                                               [](const StoredRun& r) { return r.has_snapshot; });
                fmt::print(err,
                           "rabta diff: the graph of run {} was pruned (builds keep the snapshots "
                           "of their newest runs, --keep-runs); the runs that can be compared are "
                           "{} to {}\n",
                           base->id, kept->id, last.id);
                return kDataProblems;
            }
            if (!base->has_snapshot) {
                fmt::print(err,
                           "rabta diff: run {} was recorded before runs kept their graph "
                           "(schema 3); compare with a later run\n",
                           base->id);
                return kDataProblems;
            }
            print_diff(out, answer_diff(store, base->id, last.id, contexts), diff_json);
            return kOk;
        }
        if (*review_cmd) {
            const Store store = Store::open(db);
            const std::vector<DiscoveredActor> found = store.discovered();
            fmt::print(out, "{} discovered actors not in the lexicon (by mentions):\n",
                       found.size());
            std::size_t shown = 0;
            for (const auto& d : found) {
                if (review_limit && shown++ == review_limit) break;
                fmt::print(out, "{:>5} {:>4}  {:<13} {}  ({}; {})\n        {}: {}\n", d.mentions,
                           d.articles, visible(d.type), visible(d.label_ur), visible(d.label_en),
                           visible(d.id), visible(d.example_article), visible(d.example));
            }
            const std::vector<RoleConflict> conflicts = store.role_conflicts();
            fmt::print(out, "{} roles in text that no dated lexicon role covers:\n",
                       conflicts.size());
            for (const auto& c : conflicts) {
                fmt::print(out, "  {} «{}» {} on {} ({})\n        lexicon: {}\n", visible(c.person),
                           visible(c.title), visible(c.org),
                           c.date.empty() ? "an undated article" : visible(c.date),
                           visible(c.article), visible(c.lexicon));
            }
            return kOk;
        }
        if (*eval_cmd) {
            eval.db = db;
            return run_eval(eval, out);
        }
    } catch (const ConfigError& e) {
        fmt::print(err, "rabta: {}\nnothing was written\n", e.what());
        return kDataProblems;
    } catch (const InputError& e) {
        fmt::print(err, "rabta: {}\n", visible(e.what()));
        if (*build_cmd) fmt::print(err, "stopped (--strict); the previous database is unchanged\n");
        return kDataProblems;
    } catch (const LookupError& e) {
        print_error(err, e.what());
        return kDataProblems;
    } catch (const UsageError& e) {
        fmt::print(err, "rabta: {}\n", e.what());
        return kUsage;
    } catch (const LockedError& e) {
        fmt::print(err, "rabta: {}\nnothing was written\n", e.what());
        return kLocked;
    } catch (const StoreError& e) {
        fmt::print(err, "rabta: {}\n", e.what());
        return kStoreFailure;
    } catch (const std::filesystem::filesystem_error& e) {
        fmt::print(err, "rabta: {}\n", e.what());
        return kStoreFailure;
    } catch (const std::bad_alloc&) {
        // Unwinding freed what the run held, and dropped its transaction or
        // its half-built database; plain writes, in case memory is still short.
        err << "rabta: out of memory: the run stopped; nothing was written, and a database it "
               "was building or updating is as it was\n";
        return kStoreFailure;
    } catch (const std::system_error& e) {
        fmt::print(err,
                   "rabta: {} ({}): the run stopped; nothing was written, and a database it "
                   "was building or updating is as it was\n",
                   e.what(), e.code().category().name());
        return kStoreFailure;
    } catch (const Error& e) {
        fmt::print(err, "rabta: {}\n", e.what());
        return kDataProblems;
    }
    return kUsage;
}

}  // namespace rabta::cli
