// Facts: `rabta extract` over shards, then `rabta merge`, equals one build of the
// whole corpus; facts from other data files are refused.
#include <SQLiteCpp/SQLiteCpp.h>
#include <rabta/boilerplate.h>
#include <rabta/build.h>
#include <rabta/error.h>
#include <rabta/export.h>
#include <rabta/facts.h>
#include <rabta/graph.h>
#include <rabta/lexicon.h>
#include <rabta/rules.h>
#include <rabta/store.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support.h"
#include "util/hash.h"

using namespace rabta;
using rabta::test::jsonl_record;
using rabta::test::seed;
using rabta::test::TempDir;
using rabta::test::write_file;
namespace fs = std::filesystem;

namespace {

const char* kStems[] = {"000_e3da61d015d2337c", "001_1372cbb2c968a4af", "002_64b5cc6f0c724d73",
                        "003_32cc9811ad68b415", "004_449d9a5e21841ebb"};

// Two shards of real Urdu news: the shared digital-economy articles when
// ../shared is there, and the seed texts under new ids either way.
std::pair<std::string, std::string> shards(const TempDir& dir) {
    std::vector<std::string> lines;
    const fs::path shared = rabta::test::shared_dir();
    if (!shared.empty()) {
        std::ifstream in(shared / "corpus" / "digital-economy.jsonl");
        for (std::string l; std::getline(in, l);)
            if (!l.empty()) lines.push_back(l + "\n");
    }
    for (int i = 0; i < 10; ++i)
        lines.push_back(jsonl_record("seed-" + std::to_string(i), "نقل", seed(kStems[i % 5]),
                                     R"(, "published": "2025-07-1)" + std::to_string(i) + "\""));
    std::string a, b;
    for (std::size_t i = 0; i < lines.size(); ++i)
        (i < lines.size() / 2 ? a : b) += lines[i];
    write_file(dir.path() / "shard-a.jsonl", a);
    write_file(dir.path() / "shard-b.jsonl", b);
    return {dir / "shard-a.jsonl", dir / "shard-b.jsonl"};
}

std::string extract_file(const std::string& path, unsigned jobs = 0) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    ExtractOptions o;
    o.jobs = jobs;
    std::size_t problems = 0;
    extract_stream(o, in, path, out, [&](const InputError&) { ++problems; });
    CHECK(problems == 0);
    return out.str();
}

std::string graph_bytes(const std::string& db) {
    const Store store = Store::open(db);
    const TieGraph g = TieGraph::from_store(store);
    std::ostringstream out;
    write_graphml(g, out);
    write_json(g, store, out);
    return out.str();
}

std::string rows(const std::string& db, const char* sql) {
    SQLite::Database d(db);
    SQLite::Statement st(d, sql);
    std::string out;
    while (st.executeStep()) {
        for (int i = 0; i < st.getColumnCount(); ++i)
            out += (st.getColumn(i).isNull() ? "NULL" : st.getColumn(i).getString()) + "|";
        out += "\n";
    }
    return out;
}

// A facts stream of these lines (the header first) with the trailer that
// rabta extract would write for them.
std::string with_trailer(const std::vector<std::string>& lines) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    std::string out;
    for (const auto& l : lines) {
        h = detail::hash64(l + "\n", h);
        out += l + "\n";
    }
    return out + "{\"rabta_facts_end\":1,\"articles\":" + std::to_string(lines.size() - 1) +
           ",\"fnv1a64\":\"" + detail::hex64(h) + "\"}\n";
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);)
        out.push_back(l);
    return out;
}

BuildReport store_facts(const std::string& db, std::vector<std::string> facts) {
    BuildOptions o;
    o.db = db;
    o.facts = std::move(facts);
    return build(o, [](const InputError& e) { FAIL(e.what()); });
}

}  // namespace

TEST_CASE("merging the facts of two shards equals building the whole corpus at once") {
    TempDir dir;
    const auto [a, b] = shards(dir);
    const std::string fa = extract_file(a), fb = extract_file(b);
    // one header line, then one line per article
    CHECK(fa.starts_with("{\"rabta_facts\":1,"));
    write_file(dir.path() / "a.facts", fa);
    write_file(dir.path() / "b.facts", fb);

    const std::string merged = dir / "merged.db";
    const BuildReport m = store_facts(merged, {dir / "a.facts", dir / "b.facts"});
    BuildOptions o;
    o.db = dir / "whole.db";
    o.paths = {a, b};
    const BuildReport w = build(o, [](const InputError&) {});
    CHECK(m.articles == w.articles);
    CHECK(m.relations == w.relations);
    CHECK(m.relations > 10);
    for (const char* sql :
         {"SELECT * FROM articles ORDER BY id", "SELECT * FROM entities ORDER BY id",
          "SELECT * FROM aliases ORDER BY 1, 2, 3", "SELECT * FROM roles ORDER BY 1, 2, 3, 4, 5, 6",
          "SELECT * FROM mentions ORDER BY 1, 5, 2, 3",
          "SELECT source_id, target_id, relation, mode, rule_id, article_id, "
          "span_begin, span_end, evidence FROM relations ORDER BY 6, 7, 1, 2, 3"}) {
        CAPTURE(sql);
        CHECK(rows(merged, sql) == rows(dir / "whole.db", sql));
    }
    CHECK(graph_bytes(merged) == graph_bytes(dir / "whole.db"));

    // the shards' facts concatenated (one stream with two headers) merge the same
    write_file(dir.path() / "all.facts", fa + fb);
    store_facts(dir / "cat.db", {dir / "all.facts"});
    CHECK(graph_bytes(dir / "cat.db") == graph_bytes(merged));

    // merging again changes nothing: the store is updated in place, by content hash
    const BuildReport again = store_facts(merged, {dir / "a.facts", dir / "b.facts"});
    CHECK(again.mode == "incremental");
    CHECK(again.unchanged == m.articles);
    CHECK(again.added + again.changed + again.removed == 0);
}

TEST_CASE("extract writes the same facts for any number of threads") {
    TempDir dir;
    const auto [a, b] = shards(dir);
    const std::string one = extract_file(a, 1);
    CHECK(extract_file(a, 2) == one);
    CHECK(extract_file(a, 5) == one);
}

TEST_CASE("facts from another lexicon are refused before anything is stored") {
    TempDir dir;
    const auto [a, b] = shards(dir);
    std::string facts = extract_file(a);
    const std::string db = dir / "g.db";
    write_file(dir.path() / "a.facts", facts);
    store_facts(db, {dir / "a.facts"});
    const std::string before = rows(db, "SELECT id FROM articles ORDER BY id");

    const auto at = facts.find("\"lexicon_version\":\"") + 19;
    facts.replace(at, 4, "ffff");
    write_file(dir.path() / "other.facts", facts);
    BuildOptions o;
    o.db = db;
    o.facts = {dir / "other.facts"};
    CHECK_THROWS_WITH_AS(build(o, [](const InputError&) {}),
                         doctest::Contains("other.facts:1: these facts were extracted with "
                                           "lexicon_version ffff"),
                         InputError);
    CHECK(rows(db, "SELECT id FROM articles ORDER BY id") == before);

    // a missing shard stops the merge too: its articles would look deleted
    o.facts = {dir / "a.facts", dir / "missing.facts"};
    CHECK_THROWS_AS(build(o, [](const InputError&) {}), InputError);
    CHECK(rows(db, "SELECT id FROM articles ORDER BY id") == before);
}

TEST_CASE("a shard without a good header stops the merge; nothing stored is lost") {
    TempDir dir;
    const auto [a, b] = shards(dir);
    const std::string facts = extract_file(a);
    const std::string db = dir / "g.db";
    write_file(dir.path() / "a.facts", facts);
    store_facts(db, {dir / "a.facts"});
    const std::string before = rows(db, "SELECT id, content_hash FROM articles ORDER BY id");
    REQUIRE(!before.empty());

    const std::string header = facts.substr(0, facts.find('\n'));
    const std::string body = facts.substr(facts.find('\n') + 1);
    const std::pair<std::string, std::string> cases[] = {
        // a shard whose extract job died before writing anything
        {"", "empty.facts: empty: no facts and no header line"},
        {"\n\n", "empty.facts: no header line"},
        // a header cut short, then good article lines
        {header.substr(0, 40) + "\n" + body,
         "empty.facts:1: the header line is broken: invalid JSON"},
        // found by fuzz_facts: a format number too large for an int
        {"{\"rabta_facts\":99999999991" + header.substr(header.find(',')) + "\n" + body,
         "empty.facts:1: the header line is broken: at '/'"},
        {body, "empty.facts:1: facts without a header line"},
    };
    for (const auto& c : cases) {
        // not a structured binding: clang 14 cannot capture one (CAPTURE does)
        const std::string& text = c.first;
        const std::string& message = c.second;
        CAPTURE(message);
        write_file(dir.path() / "empty.facts", text);
        BuildOptions o;
        o.db = db;
        o.facts = {dir / "empty.facts"};
        CHECK_THROWS_WITH_AS(build(o, [](const InputError&) {}), doctest::Contains(message.c_str()),
                             InputError);
        CHECK(rows(db, "SELECT id, content_hash FROM articles ORDER BY id") == before);
    }
}

TEST_CASE("a broken facts line is reported with its line, and the merge stores nothing") {
    TempDir dir;
    const std::string facts = extract_file(
        (write_file(dir.path() / "one.jsonl", jsonl_record("s0", "ایک", seed(kStems[0])) +
                                                  jsonl_record("s4", "دو", seed(kStems[4]))),
         dir / "one.jsonl"));
    const std::vector<std::string> lines = lines_of(facts);
    REQUIRE(lines.size() == 4);
    const std::string& header = lines[0];
    const std::string& first = lines[1];
    const std::string& second = lines[2];
    // a span past the end of its text, and a line cut in half
    std::string bad = first;
    const auto at = bad.find("\"mentions\":[[");
    REQUIRE(at != std::string::npos);
    const auto num = bad.find(',', bad.find(',', bad.find(',', at + 13) + 1) + 1) + 1;
    bad.replace(num, 0, "999999");
    write_file(dir.path() / "good.facts", facts);
    const std::string db = dir / "g.db";
    store_facts(db, {dir / "good.facts"});
    const std::string before = rows(db, "SELECT id, content_hash, text FROM articles ORDER BY id");
    write_file(dir.path() / "bad.facts", with_trailer({header, bad, second.substr(0, 50), second}));
    std::vector<std::string> seen;
    BuildOptions o;
    o.db = db;
    o.facts = {dir / "bad.facts"};
    CHECK_THROWS_WITH_AS(build(o, [&](const InputError& e) { seen.push_back(e.what()); }),
                         doctest::Contains("bad.facts:2: 2 bad lines in the facts (reported "
                                           "above): a merge stores all of its facts or nothing"),
                         InputError);
    REQUIRE(seen.size() == 2);
    CHECK(
        seen[0].find("bad.facts:2: article 's0': a span or sentence index lies outside its text") !=
        std::string::npos);
    CHECK(seen[1].find("bad.facts:3: invalid JSON") != std::string::npos);
    CHECK(rows(db, "SELECT id, content_hash, text FROM articles ORDER BY id") == before);
    // into a new database too: nothing is left behind
    o.db = dir / "new.db";
    CHECK_THROWS_AS(build(o, [](const InputError&) {}), InputError);
    CHECK(!fs::exists(dir / "new.db"));
}

TEST_CASE("a facts shard cut short, padded or edited is refused; nothing stored is lost") {
    TempDir dir;
    const auto [a, b] = shards(dir);
    const std::string fa = extract_file(a), fb = extract_file(b);
    const std::string db = dir / "g.db";
    write_file(dir.path() / "a.facts", fa);
    write_file(dir.path() / "b.facts", fb);
    store_facts(db, {dir / "a.facts", dir / "b.facts"});
    const std::string before = rows(db, "SELECT id, content_hash FROM articles ORDER BY id");
    const std::vector<std::string> la = lines_of(fa), lb = lines_of(fb);
    REQUIRE(la.size() > 4);
    REQUIRE(la.back().starts_with("{\"rabta_facts_end\":1,\"articles\":" +
                                  std::to_string(la.size() - 2) + ",\"fnv1a64\":\""));
    const auto join = [](const std::vector<std::string>& v, std::size_t from, std::size_t to) {
        std::string out;
        for (std::size_t i = from; i < to && i < v.size(); ++i)
            out += v[i] + "\n";
        return out;
    };
    std::string edited = fa;
    const auto text_at = edited.find("\"text\":\"") + 8;
    edited.insert(text_at, "x");  // still valid JSON, spans still inside the text
    std::vector<std::string> ghost = la;
    // a relation no rule makes, and an entity nobody knows: the store would refuse
    // them half-way through its transaction
    const auto rel = ghost[1].find("\"relation\":\"");
    REQUIRE(rel != std::string::npos);
    ghost[1].replace(rel, 12, "\"relation\":\"bribed");
    const auto men = ghost[2].find("\"mentions\":[[\"");
    REQUIRE(men != std::string::npos);
    ghost[2].replace(men, 14, "\"mentions\":[[\"person:ghost");
    ghost.pop_back();
    const std::pair<std::string, std::string> cases[] = {
        // cut at a line boundary: the trailer is gone, or the trailer and more
        {join(la, 0, la.size() - 1), "cut.facts:" + std::to_string(la.size()) +
                                         ": the stream that began on line 1 ends without its "
                                         "trailer line: the shard was cut short"},
        {join(la, 0, 3), "cut.facts:4: the stream that began on line 1 ends without its trailer"},
        {join(la, 0, 1), "cut.facts:2: the stream that began on line 1 ends without its trailer"},
        // cut in the middle of a line
        {fa.substr(0, fa.size() / 2), "ends without its trailer line"},
        // an article line lost (or added) with the trailer kept
        {join(la, 0, 2) + join(la, 3, la.size()),
         "the trailer counts " + std::to_string(la.size() - 2) +
             " article lines, the stream from line 1 has " + std::to_string(la.size() - 3)},
        {edited, "cut.facts:" + std::to_string(la.size()) + ": the checksum in the trailer"},
        // concatenated shards: the first one cut short, or the second one headless
        {join(la, 0, la.size() - 1) + fb,
         "cut.facts:" + std::to_string(la.size()) +
             ": a new header before the trailer of the stream that began on line 1"},
        {fa + join(lb, 1, lb.size()), "cut.facts:" + std::to_string(la.size() + 1) +
                                          ": facts after the trailer on line " +
                                          std::to_string(la.size()) + " without a header"},
        {la.back() + "\n", "cut.facts:1: a trailer line without a header line before it"},
        {with_trailer(ghost), "cut.facts:2: 2 bad lines in the facts"},
    };
    for (const auto& c : cases) {
        const std::string& text = c.first;
        const std::string& message = c.second;
        CAPTURE(message);
        write_file(dir.path() / "cut.facts", text);
        BuildOptions o;
        o.db = db;
        o.facts = {dir / "cut.facts"};
        std::vector<std::string> seen;
        CHECK_THROWS_WITH_AS(build(o, [&](const InputError& e) { seen.push_back(e.what()); }),
                             doctest::Contains(message.c_str()), InputError);
        if (&c == &cases[std::size(cases) - 1]) {
            REQUIRE(seen.size() == 2);
            CHECK(seen[0].find("cut.facts:2: article '") != std::string::npos);
            CHECK(seen[0].find("': relation 'bribed") != std::string::npos);
            CHECK(seen[0].find("is not one the rules define") != std::string::npos);
            CHECK(seen[1].find("cut.facts:3: article '") != std::string::npos);
            CHECK(seen[1].find("mentioned entity 'person:ghost") != std::string::npos);
        }
        CHECK(rows(db, "SELECT id, content_hash FROM articles ORDER BY id") == before);
    }
}
