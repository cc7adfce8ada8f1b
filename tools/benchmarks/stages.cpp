// Stage benchmarks, each next to the input its external baseline needs
// (tools/bench times the baselines on the same bytes):
//
//   lexicon  the lexicon pass (Matcher over pre-tokenized sentences), and the
//            same with folding and tokenization; writes text.txt and terms.txt
//            for `grep -c -F -w -f terms.txt text.txt`.
//   store    writing every article's extraction into a new store (the
//            transaction and all indexes, no extraction); writes the same rows
//            as CSV with import.sql for `sqlite3 .import`.
//   graph    the graph of a store: loading it, memory per edge (heap bytes
//            allocated while it is built), and GraphML writing alone.
#include <fmt/format.h>
#include <malloc.h>
#include <rabta/article.h>
#include <rabta/boilerplate.h>
#include <rabta/error.h>
#include <rabta/export.h>
#include <rabta/extract.h>
#include <rabta/graph.h>
#include <rabta/lexicon.h>
#include <rabta/rules.h>
#include <rabta/store.h>
#include <rabta/text.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "recognize/matcher.h"
#include "timing.h"

namespace fs = std::filesystem;
using rabta::bench::median;
using rabta::bench::times_ms;

namespace {

std::vector<rabta::Article> read_all(const std::vector<std::string>& paths) {
    std::vector<rabta::Article> out;
    rabta::read_corpus(
        paths, rabta::Boilerplate::embedded(),
        [&](rabta::Article&& a) { out.push_back(std::move(a)); }, [](const rabta::InputError&) {});
    return out;
}

std::string runs_list(const std::vector<double>& ms) {
    std::string out;
    for (double v : ms)
        out += fmt::format("{}{:.0f}", out.empty() ? "" : " ", v);
    return out;
}

// RFC 4180 field.
std::string csv(std::string_view v) {
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

int lexicon_stage(const std::vector<std::string>& paths, int runs, const fs::path& out) {
    const std::vector<rabta::Article> articles = read_all(paths);
    const rabta::Lexicon lexicon = rabta::Lexicon::embedded();
    const rabta::detail::Matcher matcher(lexicon);
    // what grep reads: every story region as written, one after another
    std::size_t bytes = 0;
    {
        std::ofstream text(out / "text.txt", std::ios::binary);
        for (const auto& a : articles)
            for (const auto& r : a.regions) {
                text << r.of(a.text) << '\n';
                bytes += r.size() + 1;
            }
        std::ofstream terms(out / "terms.txt", std::ios::binary);
        std::size_t n = 0;
        for (const auto& actor : lexicon.actors())
            for (const auto& name : actor.names) {
                terms << name << '\n';
                ++n;
            }
        fmt::print("lexicon: {} actors, {} Urdu names; text: {} articles, {:.1f} MB\n",
                   lexicon.actors().size(), n, articles.size(), bytes / 1e6);
    }
    struct Sentence {
        std::vector<std::string_view> views;
        std::vector<bool> is_word;
    };
    std::vector<rabta::FoldedText> folded;
    std::vector<Sentence> sentences;
    auto prepare = [&] {
        folded.clear();
        sentences.clear();
        for (const auto& a : articles)
            for (const auto& r : a.regions)
                folded.push_back(rabta::fold(r.of(a.text)));
        for (const auto& ft : folded)
            for (const auto& s :
                 rabta::split_sentences(ft.text, {0, static_cast<std::uint32_t>(ft.text.size())})) {
                Sentence x;
                for (const auto& t : rabta::tokenize(ft.text, s)) {
                    x.views.push_back(t.span.of(ft.text));
                    x.is_word.push_back(t.word);
                }
                sentences.push_back(std::move(x));
            }
    };
    std::size_t found = 0;
    auto match = [&] {
        found = 0;
        for (const auto& s : sentences)
            found += matcher.find(s.views, s.is_word).size();
    };
    prepare();
    const std::vector<double> only = times_ms(runs, match);
    const std::vector<double> all = times_ms(runs, [&] {
        prepare();
        match();
    });
    fmt::print("{:<44} median {:8.1f} ms  {:7.1f} MB/s  (runs: {})  {} matches\n",
               "lexicon pass (matcher, tokens ready)", median(only),
               bytes / 1e6 / (median(only) / 1000), runs_list(only), found);
    fmt::print("{:<44} median {:8.1f} ms  {:7.1f} MB/s  (runs: {})\n",
               "lexicon pass with fold + split + tokenize", median(all),
               bytes / 1e6 / (median(all) / 1000), runs_list(all));
    fmt::print("MBPS {:.3f} {:.3f}\n", bytes / 1e6 / (median(only) / 1000),
               bytes / 1e6 / (median(all) / 1000));
    return 0;
}

int store_stage(const std::vector<std::string>& paths, int runs, const fs::path& out) {
    std::vector<rabta::Article> articles = read_all(paths);
    const rabta::Lexicon lexicon = rabta::Lexicon::embedded();
    const rabta::Rules rules = rabta::Rules::embedded();
    const rabta::Extractor extractor(lexicon, rules);
    std::vector<rabta::Extraction> ex;
    ex.reserve(articles.size());
    for (const auto& a : articles)
        ex.push_back(extractor.run(a));
    // an id read twice (a corpus and a selection from it) is stored once
    {
        std::set<std::string> ids;
        std::size_t keep = 0;
        for (std::size_t i = 0; i < articles.size(); ++i)
            if (ids.insert(articles[i].id).second) {
                if (keep != i) {
                    articles[keep] = std::move(articles[i]);
                    ex[keep] = std::move(ex[i]);
                }
                ++keep;
            }
        articles.resize(keep);
        ex.resize(keep);
    }
    std::size_t mentions = 0, relations = 0;
    for (const auto& e : ex) {
        mentions += e.mentions.size();
        relations += e.relations.size();
    }
    const fs::path db = out / "writes.db";
    const std::vector<double> ms = times_ms(runs, [&] {
        fs::remove(db);
        rabta::Store s = rabta::Store::create_for_load(db.string());
        s.begin();
        s.put_lexicon(lexicon);
        for (std::size_t i = 0; i < articles.size(); ++i)
            s.put_article(articles[i], ex[i]);
        s.commit();
    });
    const std::size_t rows = articles.size() + mentions + relations;
    fmt::print("rows: {} articles, {} mentions, {} relation mentions\n", articles.size(), mentions,
               relations);
    fmt::print("{:<44} median {:8.1f} ms  {:9.0f} rows/s  (runs: {})\n",
               "store writes (bulk load, indexes after)", median(ms), rows / (median(ms) / 1000),
               runs_list(ms));
    fmt::print("MS {:.3f}\n", median(ms));

    // The same rows for sqlite3: the store's own schema, then .import of each table.
    std::ofstream art(out / "articles.csv", std::ios::binary),
        men(out / "mentions.csv", std::ios::binary), rel(out / "relations.csv", std::ios::binary);
    std::size_t relation_id = 0;
    for (std::size_t i = 0; i < articles.size(); ++i) {
        const auto& a = articles[i];
        art << csv(a.id) << ',' << csv(a.origin) << ',' << csv(a.title) << ',' << csv(a.published)
            << ',' << csv(a.dateline) << ',' << csv(a.outlet) << ',' << csv(a.agency) << ','
            << csv(a.url) << ',' << fmt::format("{:016x}", a.content_hash) << ','
            << fmt::format("{:016x}", a.story_hash) << ',' << csv(a.text) << '\n';
        for (const auto& m : ex[i].mentions)
            men << csv(a.id) << ',' << csv(m.entity) << ',' << rabta::to_string(m.kind) << ','
                << m.sentence << ',' << m.span.begin << ',' << m.span.end << ','
                << csv(m.span.of(a.text)) << '\n';
        for (const auto& r : ex[i].relations) {
            const rabta::Span s = ex[i].sentences.at(r.sentence);
            rel << ++relation_id << ',' << csv(r.source) << ',' << csv(r.target) << ','
                << csv(r.relation) << ',' << (r.directed ? 1 : 0) << ',' << r.mode << ','
                << csv(r.context) << ',' << csv(r.rule) << ',' << r.confidence << ',' << csv(a.id)
                << ',' << r.sentence << ',' << s.begin << ',' << s.end << ',' << csv(s.of(a.text))
                << ',' << csv(rabta::fold_key(s.of(a.text))) << '\n';
        }
    }
    std::ofstream sql(out / "import.sql", std::ios::binary);
    sql << ".bail on\n.read " << (out / "store.sql").string() << "\nBEGIN;\n.mode csv\n"
        << ".import " << (out / "articles.csv").string() << " articles\n"
        << ".import " << (out / "mentions.csv").string() << " mentions\n"
        << ".import " << (out / "relations.csv").string() << " relations\nCOMMIT;\n";
    return 0;
}

int graph_stage(const std::string& db, int runs) {
    const rabta::Store store = rabta::Store::open(db);
    const std::size_t before = mallinfo2().uordblks;
    rabta::TieGraph g = rabta::TieGraph::from_store(store);
    const std::size_t after = mallinfo2().uordblks;
    fmt::print("graph: {} nodes, {} edges; {:.0f} heap bytes per edge (nodes included)\n",
               g.vertex_count(), g.edge_count(),
               static_cast<double>(after - before) / std::max<std::size_t>(1, g.edge_count()));
    const std::vector<double> load =
        times_ms(runs, [&] { (void)rabta::TieGraph::from_store(store); });
    std::size_t bytes = 0;
    const std::vector<double> write = times_ms(runs, [&] {
        std::ostringstream out;
        rabta::write_graphml(g, out);
        bytes = out.str().size();
    });
    fmt::print("{:<44} median {:8.1f} ms  (runs: {})\n", "graph from the store", median(load),
               runs_list(load));
    fmt::print("{:<44} median {:8.1f} ms  (runs: {})  {:.1f} MB\n", "GraphML writing alone",
               median(write), runs_list(write), bytes / 1e6);
    fmt::print("MS {:.3f}\n", median(write));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"rabta stage benchmarks (see tools/bench)"};
    app.require_subcommand(1);
    std::vector<std::string> paths;
    std::string out = ".", db;
    int runs = 5;
    auto* lex = app.add_subcommand("lexicon", "the lexicon pass; writes text.txt and terms.txt");
    auto* store = app.add_subcommand("store", "store writes; writes CSV rows and import.sql");
    auto* graph = app.add_subcommand("graph", "graph memory per edge, GraphML writing alone");
    for (auto* c : {lex, store}) {
        c->add_option("paths", paths, "Corpus files or directories")->required();
        c->add_option("--out", out, "Directory for the baseline's input")->capture_default_str();
    }
    graph->add_option("--db", db)->required();
    for (auto* c : {lex, store, graph})
        c->add_option("--runs", runs)->capture_default_str();
    CLI11_PARSE(app, argc, argv);
    try {
        if (*lex) return lexicon_stage(paths, runs, out);
        if (*store) return store_stage(paths, runs, out);
        return graph_stage(db, runs);
    } catch (const std::exception& e) {
        fmt::print(stderr, "bench stages: {}\n", e.what());
        return 1;
    }
}
