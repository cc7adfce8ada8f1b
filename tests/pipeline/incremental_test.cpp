// Incremental builds: after articles are added, changed and deleted, updating the
// store in place gives the same graph, byte for byte, as building it from scratch.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <rabta/build.h>
#include <rabta/error.h>
#include <rabta/export.h>
#include <rabta/graph.h>
#include <rabta/store.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support.h"

using namespace rabta;
using rabta::test::jsonl_record;
using rabta::test::seed;
using rabta::test::TempDir;
using rabta::test::write_file;
namespace fs = std::filesystem;

namespace {

BuildReport run_build(const std::string& db,
                      std::vector<std::string> paths,
                      bool full = false,
                      std::optional<std::string> lexicon = {},
                      unsigned jobs = 0) {
    BuildOptions o;
    o.db = db;
    o.paths = std::move(paths);
    o.full = full;
    o.lexicon = std::move(lexicon);
    o.jobs = jobs;
    o.max_removed_percent = 100;  // these cases remove on purpose; the guard: cli_safety_store
    return build(o, [](const InputError&) {});
}

// Every export format, concatenated.
std::string exports(const std::string& db) {
    const Store store = Store::open(db);
    const TieGraph g = TieGraph::from_store(store);
    std::ostringstream out, edges;
    write_graphml(g, out);
    write_gexf(g, store, out);
    write_json(g, store, out);
    write_csv(g, out, edges);
    write_html(g, store, out);
    return out.str() + edges.str();
}

// The graph's tables, row by row, without row ids and run history.
std::string tables(const std::string& db) {
    SQLite::Database d(db);
    std::string out;
    for (const char* sql : {
             "SELECT * FROM articles ORDER BY id",
             "SELECT * FROM entities ORDER BY id",
             "SELECT * FROM aliases ORDER BY 1, 2, 3",
             "SELECT * FROM roles ORDER BY 1, 2, 3, 4, 5, 6",
             "SELECT * FROM mentions ORDER BY 1, 5, 2, 3",
             "SELECT source_id, target_id, relation, directed, mode, context, rule_id, "
             "confidence, article_id, sentence, span_begin, span_end, evidence, evidence_key "
             "FROM relations ORDER BY article_id, span_begin, source_id, target_id, relation, "
             "rule_id",
             "SELECT * FROM discoveries ORDER BY 1, 2",
             "SELECT * FROM discovered_names ORDER BY 1, 2, 3",
         }) {
        SQLite::Statement st(d, sql);
        out += sql;
        out += '\n';
        while (st.executeStep()) {
            for (int i = 0; i < st.getColumnCount(); ++i) {
                out += st.getColumn(i).isNull() ? "NULL" : st.getColumn(i).getString();
                out += '|';
            }
            out += '\n';
        }
    }
    return out;
}

std::int64_t count(const std::string& db, const char* sql) {
    SQLite::Database d(db);
    return d.execAndGet(sql).getInt64();
}

// The first `percent` of a page's lines: the same story, told shorter.
std::string shortened(const std::string& text, int percent) {
    std::size_t lines = 0;
    for (char c : text)
        lines += c == '\n';
    std::size_t keep = lines * static_cast<std::size_t>(percent) / 100, at = 0;
    while (keep > 0 && at < text.size())
        if (text[at++] == '\n') --keep;
    return text.substr(0, at);
}

// A JSON line with its text cut after the sentence that ends nearest the middle.
std::string cut_in_half(const std::string& line) {
    rapidjson::Document doc;
    doc.Parse(line.c_str(), line.size());
    REQUIRE_FALSE(doc.HasParseError());
    const std::string text = doc["text"].GetString();
    const std::size_t stop = text.find("۔", text.size() / 2);
    if (stop == std::string::npos) return line;
    const std::string half = text.substr(0, stop + std::string("۔").size());
    doc["text"].SetString(half.c_str(), static_cast<rapidjson::SizeType>(half.size()),
                          doc.GetAllocator());
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    doc.Accept(w);
    return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

std::vector<std::string> lines_of(const fs::path& p) {
    std::ifstream in(p);
    std::vector<std::string> out;
    for (std::string l; std::getline(in, l);)
        if (!l.empty()) out.push_back(l + "\n");
    return out;
}

std::string joined(const std::vector<std::string>& lines, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t i = from; i < to && i < lines.size(); ++i)
        out += lines[i];
    return out;
}

const std::string s000 = "000_e3da61d015d2337c", s001 = "001_1372cbb2c968a4af",
                  s002 = "002_64b5cc6f0c724d73", s003 = "003_32cc9811ad68b415",
                  s004 = "004_449d9a5e21841ebb";

}  // namespace

TEST_CASE("incremental equals from scratch after adding, changing and deleting articles") {
    TempDir dir;
    const fs::path corpus = dir.path() / "corpus";
    for (const auto& s : {s000, s001, s002, s003, s004})
        write_file(corpus / "pages" / (s + ".txt"), seed(s));
    write_file(corpus / "more.jsonl",
               jsonl_record("m-1", "پہلی", seed(s002), R"(, "published": "2025-07-01")") +
                   jsonl_record("m-2", "دوسری", seed(s004), R"(, "published": "2025-07-02")") +
                   jsonl_record("m-3", "تیسری", seed(s000), R"(, "published": "2025-07-03")"));
    const std::string db = dir / "nightly.db";

    const BuildReport first = run_build(db, {corpus.string()});
    CHECK(first.mode == "full");
    CHECK(first.full_reason == "new database");
    CHECK(first.added == 9);  // five pages (003 holds two stories) and three lines
    const std::string tables_before = tables(db);

    // tonight: one page gone, one shortened, a new page with two stories; in the
    // JSON Lines a new line first (so the others move), one changed, one gone
    fs::remove(corpus / "pages" / (s001 + ".txt"));
    write_file(corpus / "pages" / (s002 + ".txt"), shortened(seed(s002), 50));
    write_file(corpus / "pages" / "005_new.txt", seed(s003));
    write_file(corpus / "more.jsonl",
               jsonl_record("m-4", "چوتھی", seed(s001), R"(, "published": "2025-07-04")") +
                   jsonl_record("m-3", "تیسری", shortened(seed(s000), 40),
                                R"(, "published": "2025-07-03")") +
                   jsonl_record("m-2", "دوسری", seed(s004), R"(, "published": "2025-07-02")"));

    const BuildReport inc = run_build(db, {corpus.string()});
    CHECK(inc.mode == "incremental");
    CHECK(inc.full_reason.empty());
    CHECK(inc.added == 3);      // 005_new, 005_new-2, m-4
    CHECK(inc.changed == 2);    // 002, m-3
    CHECK(inc.removed == 2);    // 001, m-1
    CHECK(inc.unchanged == 5);  // 000, 003, 003-2, 004, m-2
    CHECK(inc.articles == 10);
    CHECK(tables(db) != tables_before);
    REQUIRE(inc.since_previous);
    CHECK_FALSE(inc.since_previous->entities_removed.empty());
    // m-2 moved from line 2 to line 3, and the store says so
    CHECK(count(db,
                "SELECT count(*) FROM articles WHERE id = 'm-2' AND origin LIKE '%more.jsonl:3'") ==
          1);

    const std::string scratch = dir / "scratch.db";
    const BuildReport full = run_build(scratch, {corpus.string()}, true);
    CHECK(full.mode == "full");
    CHECK(full.articles == 10);
    CHECK(tables(db) == tables(scratch));
    const std::string graph = exports(scratch);
    CHECK(graph.find("<graphml") != std::string::npos);
    CHECK(exports(db) == graph);

    // nothing changed: nothing is read again, and the graph stays byte for byte
    const BuildReport noop = run_build(db, {corpus.string()});
    CHECK(noop.mode == "incremental");
    CHECK(noop.unchanged == 10);
    CHECK(noop.added + noop.changed + noop.removed == 0);
    REQUIRE(noop.since_previous);
    CHECK(noop.since_previous->ties_added.empty());
    CHECK(noop.since_previous->ties_removed.empty());
    CHECK(exports(db) == graph);
    // its snapshot is the previous run's, copied, and what a recount gives
    CHECK(Store::open(db).snapshot_run() == 3);
    CHECK(count(db,
                "SELECT count(*) FROM (SELECT source_id, target_id, relation, evidences FROM "
                "run_ties WHERE run_id = 3 EXCEPT SELECT source_id, target_id, relation, "
                "count(DISTINCT evidence_key) FROM relations GROUP BY 1, 2, 3)") == 0);
    CHECK(count(db, "SELECT count(*) FROM run_ties WHERE run_id = 3") ==
          count(db, "SELECT count(*) FROM run_ties WHERE run_id = 2"));
    CHECK(count(db, "SELECT count(*) FROM run_entities WHERE run_id = 3") ==
          count(db, "SELECT count(*) FROM run_entities WHERE run_id = 2"));

    // the run history says what each build did
    const std::vector<StoredRun> runs = Store::open(db).runs();
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].mode == "full");
    CHECK(runs[1].mode == "incremental");
    CHECK(runs[1].added == 3);
    CHECK(runs[1].removed == 2);
    CHECK(runs[2].unchanged == 10);
}

TEST_CASE("a changed lexicon re-reads everything") {
    TempDir dir;
    const std::string db = dir / "g.db";
    const fs::path lexicon = dir.path() / "lexicon";
    fs::create_directories(lexicon);
    for (const auto& e : fs::directory_iterator(rabta::test::source_dir() / "seeds" / "lexicon"))
        fs::copy_file(e.path(), lexicon / e.path().filename(),
                      fs::copy_options::overwrite_existing);

    CHECK(run_build(db, {}, false, lexicon.string()).mode == "full");
    CHECK(run_build(db, {}, false, lexicon.string()).mode == "incremental");
    // one more line break at the end of one file: a new lexicon version
    const fs::path countries = lexicon / "countries.json";
    write_file(countries, rabta::test::read_file(countries) + "\n");
    const BuildReport r = run_build(db, {}, false, lexicon.string());
    CHECK(r.mode == "full");
    CHECK(r.full_reason.find("lexicon version changed") == 0);
    CHECK(r.unchanged == 6);  // counted against the store it replaced
    CHECK(run_build(db, {}, true, lexicon.string()).full_reason == "asked for (--full)");
}

TEST_CASE("articles of a file that cannot be read are kept, not taken for deleted") {
    TempDir dir;
    const std::string db = dir / "g.db";
    const std::string a = dir / "a.jsonl", b = dir / "b.jsonl";
    write_file(a, jsonl_record("a-1", "ایک", seed(s000)));
    write_file(b, jsonl_record("b-1", "دو", seed(s004)) + jsonl_record("b-2", "تین", seed(s002)));
    CHECK(run_build(db, {a, b}).articles == 3);

    fs::rename(b, dir / "b.away");  // an unmounted disk, a typo in the cron line
    const BuildReport r = run_build(db, {a, b});
    CHECK(r.mode == "incremental");
    CHECK(r.kept == 2);
    CHECK(r.removed == 0);
    CHECK(r.articles == 3);
    CHECK(count(db, "SELECT count(*) FROM articles") == 3);
    const std::vector<StoredRun> runs = Store::open(db).runs();
    REQUIRE(runs.back().problems.size() == 1);
    CHECK(runs.back().problems[0].origin == b);
    CHECK(runs.back().problems[0].reason == "no such file or directory");
    CHECK(runs.back().status == "partial");

    // a path no longer given is no longer part of the corpus
    fs::rename(dir / "b.away", b);
    CHECK(run_build(db, {a, b}).unchanged == 3);
    CHECK(run_build(db, {a}).removed == 2);
    CHECK(count(db, "SELECT count(*) FROM articles") == 1);
}

TEST_CASE("real news with discovered actors: incremental equals from scratch, in any order") {
    const fs::path shared = rabta::test::shared_dir();
    if (shared.empty()) {
        MESSAGE("../shared is absent: skipped");
        return;
    }
    const std::vector<std::string> lines = lines_of(shared / "corpus" / "digital-economy.jsonl");
    REQUIRE(lines.size() >= 50);
    TempDir dir;
    const std::string corpus = dir / "news.jsonl";
    const std::string db = dir / "nightly.db";
    write_file(corpus, joined(lines, 0, 40));
    run_build(db, {corpus});
    const std::int64_t discovered_before =
        count(db, "SELECT count(*) FROM entities WHERE discovered = 1");
    CHECK(discovered_before > 20);

    // the first ten gone, ten shortened, the rest new
    std::string tonight;
    for (std::size_t i = 10; i < lines.size(); ++i)
        tonight += i >= 20 && i < 30 ? cut_in_half(lines[i]) : lines[i];
    write_file(corpus, tonight);
    const BuildReport inc = run_build(db, {corpus});
    CHECK(inc.mode == "incremental");
    CHECK(inc.removed == 10);
    CHECK(inc.added == static_cast<std::int64_t>(lines.size()) - 40);
    CHECK(inc.changed >= 8);  // a text without a sentence end past its middle stays
    CHECK(count(db, "SELECT count(*) FROM entities WHERE discovered = 1") != discovered_before);
    // every discovered actor is named by an article still in the store
    CHECK(count(db,
                "SELECT count(*) FROM entities WHERE discovered = 1 AND id NOT IN "
                "(SELECT entity_id FROM discoveries)") == 0);

    const std::string scratch = dir / "scratch.db";
    run_build(scratch, {corpus}, true);
    CHECK(tables(db) == tables(scratch));
    const std::string graph = exports(scratch);
    CHECK(exports(db) == graph);

    // the same articles read in the opposite order give the same graph
    std::vector<std::string> reversed(lines.begin() + 10, lines.end());
    for (std::size_t i = 0; i < reversed.size(); ++i)
        if (i + 10 >= 20 && i + 10 < 30) reversed[i] = cut_in_half(reversed[i]);
    std::reverse(reversed.begin(), reversed.end());
    const std::string backwards = dir / "backwards.jsonl";
    write_file(backwards, joined(reversed, 0, reversed.size()));
    const std::string other = dir / "backwards.db";
    run_build(other, {backwards});
    CHECK(exports(other) == graph);
}

TEST_CASE("any number of extraction threads gives the same store") {
    TempDir dir;
    std::vector<std::string> paths;
    const fs::path shared = rabta::test::shared_dir();
    if (!shared.empty()) paths.push_back((shared / "corpus" / "digital-economy.jsonl").string());
    std::string copies;
    int n = 0;
    for (const auto& s : {s000, s001, s002, s003, s004})
        for (int i = 0; i < 7; ++i)
            copies += jsonl_record(fmt::format("copy-{}", n++), "نقل", seed(s));
    write_file(dir.path() / "copies.jsonl", copies);
    paths.push_back(dir / "copies.jsonl");

    run_build(dir / "one.db", paths, true, {}, 1);
    const std::string one = tables(dir / "one.db");
    for (unsigned jobs : {2u, 3u, 8u}) {
        CAPTURE(jobs);
        const std::string db = dir / fmt::format("j{}.db", jobs);
        run_build(db, paths, true, {}, jobs);
        CHECK(tables(db) == one);
    }
}

TEST_CASE("the same story in two files, with other fields around it, is one article") {
    TempDir dir;
    const std::string db = dir / "g.db";
    const std::string a = dir / "a.jsonl", b = dir / "selection.jsonl";
    write_file(a, jsonl_record("n1", "ایک", seed(s000), R"(, "category": "business")") +
                      jsonl_record("n2", "دو", seed(s004)));
    // a selection from it that drops a field and adds another
    write_file(b, jsonl_record("n1", "ایک", seed(s000), R"(, "topic": "digital")"));
    std::vector<std::string> problems;
    auto run = [&](bool full) {
        BuildOptions o;
        o.db = db;
        o.paths = {a, b};
        o.full = full;
        return build(o, [&](const InputError& e) { problems.push_back(e.what()); });
    };
    const BuildReport first = run(true);
    CHECK(first.articles == 2);
    CHECK(first.duplicates == 1);
    const BuildReport again = run(false);
    CHECK(again.mode == "incremental");
    CHECK(again.unchanged == 2);
    CHECK(again.duplicates == 1);
    CHECK(problems.empty());
    for (const auto& p : problems)
        MESSAGE(p);

    // another story under the same id is kept under a derived id, a warning
    // that names both places
    write_file(b, jsonl_record("n1", "کچھ اور", seed(s002)));
    const BuildReport clash = run(false);
    CHECK(clash.skipped == 0);
    CHECK(clash.renamed == 1);
    CHECK(clash.articles == 3);  // both of a.jsonl, and the renamed story
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].find("selection.jsonl:1: article id 'n1' was already used for a different "
                           "story at") != std::string::npos);
}

TEST_CASE("a no-op rebuild reports bad and empty records again without parsing them") {
    TempDir dir;
    const std::string db = dir / "g.db";
    const fs::path corpus = dir / "corpus";
    const std::string broken = R"({"id": "cut", "title": "ادھوری سطر", "text": "وزیر)";
    write_file(corpus / "a.jsonl", jsonl_record("n1", "ایک", seed(s000)) + broken + "\n" +
                                       jsonl_record("n3", "خالی", "Post Views: 120") +
                                       jsonl_record("n4", "دو", seed(s004)));
    write_file(corpus / "empty.txt", "");
    write_file(corpus / "page.txt", seed(s002));
    std::vector<std::string> problems;
    auto run = [&](bool full) {
        problems.clear();
        BuildOptions o;
        o.db = db;
        o.paths = {corpus.string()};
        o.full = full;
        return build(o, [&](const InputError& e) { problems.push_back(e.what()); });
    };
    const BuildReport first = run(true);
    const std::vector<std::string> first_problems = problems;
    CHECK(first.parsed == 6);
    CHECK(first.articles == 3);
    CHECK(first.skipped == 2);  // the cut line, the empty page
    CHECK(first.empty == 1);    // a view counter, no story
    REQUIRE(first_problems.size() == 3);
    CHECK(first_problems[0].find("a.jsonl:2") != std::string::npos);
    CHECK(first_problems[1].find("a.jsonl:3") != std::string::npos);
    CHECK(first_problems[2].find("empty.txt") != std::string::npos);
    const std::string graph = tables(db);
    const std::int64_t notes = count(db, "SELECT count(*) FROM record_notes");
    CHECK(notes == 3);

    const BuildReport again = run(false);
    CHECK(again.mode == "incremental");
    CHECK(again.parsed == 0);
    CHECK(problems == first_problems);
    CHECK(again.skipped == first.skipped);
    CHECK(again.empty == first.empty);
    CHECK(again.unchanged == 3);
    CHECK(again.added + again.changed + again.removed == 0);
    CHECK(tables(db) == graph);
    CHECK(count(db, "SELECT count(*) FROM record_notes") == notes);

    // the cut line mended: read again and stored, its note gone; the rest still not parsed
    std::string text = rabta::test::read_file(corpus / "a.jsonl");
    text.replace(text.find(broken), broken.size(), jsonl_record("cut", "پوری سطر", seed(s001)));
    text.erase(text.find("\n\n"), 1);
    write_file(corpus / "a.jsonl", text);
    const BuildReport mended = run(false);
    CHECK(mended.parsed == 1);
    CHECK(mended.added == 1);
    CHECK(mended.skipped == 1);
    CHECK(mended.empty == 1);
    CHECK(problems.size() == 2);
    CHECK(count(db, "SELECT count(*) FROM record_notes") == 2);
    CHECK(run(false).parsed == 0);
}
