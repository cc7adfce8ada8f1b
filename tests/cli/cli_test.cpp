#include "cli.h"

#include <fcntl.h>
#include <rabta/error.h>
#include <rabta/eval.h>
#include <rabta/store.h>
#include <rapidjson/document.h>
#include <sys/file.h>
#include <unistd.h>

#include <fstream>
#include <set>
#include <sstream>

#include "support.h"
#include "util/json.h"

using namespace rabta;
using rabta::test::TempDir;
using rabta::test::write_file;

namespace {
struct Run {
    int code;
    std::string out, err;
};
Run rabta_cmd(std::vector<std::string> args) {
    args.insert(args.begin(), "rabta");
    std::ostringstream out, err;
    int code = cli::run(args, out, err);
    return {code, out.str(), err.str()};
}
std::string seeds_dir() {
    return (rabta::test::source_dir() / "seeds" / "articles").string();
}
}  // namespace

TEST_CASE("rabta build on the embedded seeds, then the gold file scores it") {
    TempDir dir;
    const std::string db = dir / "out/rabta.db";
    Run b = rabta_cmd({"build", "--db", db});
    CHECK(b.code == 0);
    CHECK(b.err.empty());
    CHECK(b.out.find("rabta build (full: new database): 6 articles stored (6 added, 0 changed, 0 "
                     "removed, 0 unchanged), 0 skipped") != std::string::npos);
    CHECK(b.out.find("entities: country 7, forum 4, organization 27, person 13, place 5") !=
          std::string::npos);

    // Scored against the hand-checked gold of the seeds (tests/gold/dev/seeds.json).
    const Store store = Store::open(db);
    EvalReport r = evaluate(
        store, read_data_files((rabta::test::source_dir() / "tests/gold/dev/seeds.json").string(),
                               ".json"));
    for (const auto& m : r.missed)
        MESSAGE("missed " << m);
    for (const auto& m : r.spurious)
        MESSAGE("spurious " << m);
    CHECK(r.entities.f1() >= 0.95);
    CHECK(r.ties.f1() >= 0.90);
    CHECK(r.ties.tp >= 10);

    Run e = rabta_cmd(
        {"eval", "--gold", (rabta::test::source_dir() / "tests/gold").string(), "--db", db});
    CHECK(e.code == 0);
    CHECK(e.out.find("ties (required)") != std::string::npos);
    // both splits side by side; the seed store holds no test article, and a
    // test split's items are never listed
    CHECK(e.out.find("dev: scored 6 gold articles") != std::string::npos);
    CHECK(e.out.find("test: scored 0 gold articles") != std::string::npos);
    CHECK(e.out.find("test: missed") == std::string::npos);
    {
        const std::string hidden = dir / "hidden.json";
        std::ofstream(hidden) << R"({"split": "test", "articles": {"004_449d9a5e21841ebb": {
            "entities": [{"type": "person", "names": ["فرضی نام"]}], "ties": []}}})";
        Run t = rabta_cmd({"eval", "--gold", hidden, "--db", db});
        CHECK(t.code == 0);
        CHECK(t.out.find("test: 1 missed and") != std::string::npos);
        CHECK(t.out.find("فرضی نام") == std::string::npos);
    }
    Run js = rabta_cmd({"eval", "--gold", (rabta::test::source_dir() / "tests/gold/dev").string(),
                        "--db", db, "--json"});
    CHECK(js.code == 0);
    CHECK(js.out.find("\"dev\": {") != std::string::npos);
    CHECK(js.out.find("\"ties_by_relation\"") != std::string::npos);

    // the same seeds read from the directory give the same graph
    const std::string db2 = dir / "dir.db";
    CHECK(rabta_cmd({"build", seeds_dir(), "--db", db2, "-q"}).code == 0);
    const std::string g1 = dir / "a.graphml", g2 = dir / "b.graphml";
    CHECK(rabta_cmd({"export", "--db", db, "--format", "graphml", "-o", g1}).code == 0);
    CHECK(rabta_cmd({"export", "--db", db2, "--format", "graphml", "-o", g2}).code == 0);
    CHECK(rabta::test::read_file(g1) == rabta::test::read_file(g2));
    Run so = rabta_cmd({"export", "--db", db});
    CHECK(so.out == rabta::test::read_file(g1));

    Run s = rabta_cmd({"stats", "--db", db});
    CHECK(s.code == 0);
    CHECK(s.out.find("articles: 6") != std::string::npos);
}

TEST_CASE("a malformed lexicon stops the build before anything is written") {
    TempDir dir;
    const std::string db = dir / "rabta.db";
    REQUIRE(rabta_cmd({"build", "--db", db, "-q"}).code == 0);
    const std::string before = rabta::test::read_file(db);
    write_file(
        dir.path() / "lex" / "persons.json",
        R"({"version": 1, "actors": [{"id": "person:x", "type": "persn", "names": ["ایکس"]}]})");
    Run r = rabta_cmd({"build", "--db", db, "--lexicon", dir / "lex"});
    CHECK(r.code == 1);
    CHECK(r.err.find(
              "persons.json: at '/actors/0/type': the value is not one of the allowed values") !=
          std::string::npos);
    CHECK(r.err.find("nothing was written") != std::string::npos);
    CHECK(rabta::test::read_file(db) == before);
    const std::string fresh = dir / "fresh.db";
    CHECK(rabta_cmd({"build", "--db", fresh, "--lexicon", dir / "lex"}).code == 1);
    CHECK_FALSE(std::filesystem::exists(fresh));
}

TEST_CASE("bad articles are reported with their path and skipped or repaired; the run exits 1") {
    TempDir dir;
    write_file(dir.path() / "in" / "good.txt", rabta::test::seed("004_449d9a5e21841ebb"));
    write_file(dir.path() / "in" / "latin1.txt", "عنوان\n\nکراچی \xE9t\xE9 میں\n");
    write_file(dir.path() / "in" / "empty.txt", "");
    write_file(dir.path() / "in" / "lines.jsonl",
               "{\"id\": \"j1\", \"text\": \"شہباز شریف سے جیمز ڈونگ نے ملاقات کی۔\"}\n{broken\n");
    // a selection that repeats j1 as it is (ignored) and reuses j1 for other text (reported)
    write_file(dir.path() / "in" / "sub" / "selection.jsonl",
               "{\"id\": \"j1\", \"text\": \"شہباز شریف سے جیمز ڈونگ نے ملاقات کی۔\"}\n"
               "{\"id\": \"j1\", \"text\": \"کوئی اور خبر۔\"}\n");
    const std::string db = dir / "rabta.db";
    Run r = rabta_cmd({"build", dir / "in", "--db", db});
    CHECK(r.code == 1);
    CHECK(r.err.find("rabta: repaired ") != std::string::npos);
    CHECK(r.err.find("latin1.txt: invalid UTF-8 at byte offset 23 (2 bytes replaced by U+FFFD)") !=
          std::string::npos);
    CHECK(r.err.find("empty.txt: empty file") != std::string::npos);
    CHECK(r.err.find("lines.jsonl:2: invalid JSON") != std::string::npos);
    CHECK(r.err.find("selection.jsonl:2: article id 'j1' was already used for different text at") !=
          std::string::npos);
    CHECK(r.out.find("3 articles stored (3 added, 0 changed, 0 removed, 0 unchanged), 3 skipped, 1 "
                     "repaired, 1 repeated copies ignored") != std::string::npos);
    CHECK(Store::open(db).stats().articles == 3);

    // --strict stops at the first problem and keeps the previous database
    const std::string before = rabta::test::read_file(db);
    Run s = rabta_cmd({"build", dir / "in", "--db", db, "--strict"});
    CHECK(s.code == 1);
    CHECK(s.err.find("previous database is unchanged") != std::string::npos);
    CHECK(rabta::test::read_file(db) == before);
    CHECK(rabta_cmd({"build", dir / "missing", "--db", dir / "m.db"})
              .err.find("missing: no such file or directory") != std::string::npos);
}

TEST_CASE("rabta export: every format, filters by name, ambiguity reported") {
    TempDir dir;
    const std::string db = dir / "rabta.db";
    REQUIRE(rabta_cmd({"build", "--db", db, "-q"}).code == 0);
    for (const char* f : {"graphml", "gexf", "json"}) {
        Run r =
            rabta_cmd({"export", "--db", db, "--format", f, "-o", dir / (std::string("g.") + f)});
        CHECK(r.code == 0);
        CHECK(std::filesystem::file_size(dir / (std::string("g.") + f)) > 1000);
    }
    CHECK(rabta_cmd({"export", "--db", db, "--format", "csv", "-o", dir / "csv"}).code == 0);
    CHECK(std::filesystem::exists(dir / "csv/nodes.csv"));
    CHECK(std::filesystem::exists(dir / "csv/edges.csv"));
    CHECK(rabta_cmd({"export", "--db", db, "--format", "csv"}).code == 2);
    // the ego by a spelling variant, with or without spaces
    Run ego = rabta_cmd(
        {"export", "--db", db, "--format", "csv", "-o", dir / "ego", "--ego", "سوو سنگپیو"});
    CHECK(ego.code == 0);
    CHECK(ego.err.find("2 nodes, 1 edges") != std::string::npos);  // the meeting with Aminul
    CHECK(ego.err.find("--ego counts agreed, attended, cooperated, met, signed") !=
          std::string::npos);
    Run ego_roles = rabta_cmd({"export", "--db", db, "--format", "csv", "-o", dir / "ego2", "--ego",
                               "سوو سنگپیو", "--exclude-relation", "located_in"});
    CHECK(ego_roles.err.find("3 nodes, 2 edges") != std::string::npos);  // and Korea
    CHECK(rabta_cmd({"export", "--db", db, "--ego", "Suh Sangpyo"})
              .out.find("person:syed-aminul-haque") != std::string::npos);
    Run none = rabta_cmd({"export", "--db", db, "--ego", "کوئی نہیں"});
    CHECK(none.code == 1);
    CHECK(none.err.find("no entity is named") != std::string::npos);
    Run dy = rabta_cmd(
        {"export", "--db", db, "--dyad", "پاکستان,کوریا", "--format", "csv", "-o", dir / "dy"});
    CHECK(dy.code == 0);
    CHECK(dy.err.find("4 nodes, 2 edges") != std::string::npos);
    // a date or a country pair asked wrong is a usage error
    CHECK(rabta_cmd({"export", "--db", db, "--from", "July 2025"}).code == 2);
    CHECK(rabta_cmd({"export", "--db", db, "--dyad", "PK"}).code == 2);
}

TEST_CASE("usage errors exit 2, help and version exit 0") {
    CHECK(rabta_cmd({}).code == 2);
    CHECK(rabta_cmd({"frobnicate"}).code == 2);
    CHECK(rabta_cmd({"export", "--format", "pdf"}).code == 2);
    Run v = rabta_cmd({"--version"});
    CHECK(v.code == 0);
    CHECK(v.out.starts_with("rabta "));
    for (const char* cmd : {"build", "export", "stats", "eval"}) {
        Run h = rabta_cmd({cmd, "--help"});
        CHECK(h.code == 0);
        CHECK(h.out.find("--db") != std::string::npos);
    }
    TempDir dir;
    Run m = rabta_cmd({"stats", "--db", dir / "none.db"});
    CHECK(m.code == 3);
    CHECK(m.err.find("none.db: no such database") != std::string::npos);
}

TEST_CASE("rabta review lists discovered actors with an example, and roles the lexicon denies") {
    TempDir dir;
    const std::string db = dir / "r.db";
    // an unknown minister and a firm's officer; Trump as «وزیر خزانہ» contradicts his lexicon
    // roles
    write_file(dir.path() / "a.jsonl",
               R"({"id": "r1", "title": "ملاقات", "date": "2024-05-02", "text": )"
               R"("وفاقی وزیر تجارت جمیل احمد خان سے زیڈ ٹی ای کے سی ای او لی وے نے ملاقات کی۔ )"
               R"(وفاقی وزیر خزانہ ٹرمپ نے کہا کہ معیشت بہتر ہے۔"})"
               "\n");
    REQUIRE(rabta_cmd({"build", "-q", "--db", db, dir / "a.jsonl"}).code == 0);
    Run r = rabta_cmd({"review", "--db", db});
    CHECK(r.code == 0);
    CHECK(r.out.find("جمیل احمد خان") != std::string::npos);
    CHECK(r.out.find("person        لی وے") != std::string::npos);
    CHECK(r.out.find("r1: وفاقی وزیر تجارت جمیل احمد خان سے") != std::string::npos);
    // a known person's office with no country named is taken to be in his own country
    CHECK(r.out.find("person:donald-trump «وفاقی وزیر خزانہ» country:US on 2024-05-02") !=
          std::string::npos);
    // and the ties the titles gave
    Run t = rabta_cmd({"export", "--db", db, "--format", "csv", "-o", dir / "csv"});
    CHECK(t.code == 0);
    const std::string edges = rabta::test::read_file(dir / "csv/edges.csv");
    // roles to the home country (named nowhere in the text) and to ZTE; Lee Wei met the minister
    CHECK(edges.find("person:jamil-ahamd-khan,country:PK,Directed,1.0,holds_role") !=
          std::string::npos);
    CHECK(edges.find("holds_role,holds_role,done,2024-05-02,2024-05-02,1,,زیڈ ٹی ای کے سی ای او") ==
          std::string::npos);
    CHECK(edges.find(",org:zte,Directed,1.0,holds_role") != std::string::npos);
    CHECK(edges.find(",Undirected,1.0,met,met,done") != std::string::npos);
}

namespace {
// The --json output parses and matches schemas/query.schema.json.
rapidjson::Document json_of(const Run& r) {
    rapidjson::Document d;
    d.Parse(r.out.c_str());
    REQUIRE_MESSAGE(!d.HasParseError(), r.out);
    const auto violation = rabta::detail::schema_violation(d, "schemas/query.schema.json");
    CHECK_MESSAGE(!violation, (violation ? *violation : std::string()));
    return d;
}
}  // namespace

TEST_CASE("query commands on the seed store: tables and --json") {
    TempDir dir;
    const std::string db = dir / "q.db";
    REQUIRE(rabta_cmd({"build", "-q", "--db", db}).code == 0);

    Run ents = rabta_cmd({"entities", "--db", db, "--type", "country"});
    CHECK(ents.code == 0);
    CHECK(ents.out.find("country:PK") != std::string::npos);
    CHECK(ents.out.find("person:") == std::string::npos);
    auto ej = json_of(rabta_cmd({"entities", "--db", db, "--country", "KR", "--json"}));
    std::set<std::string> kr;
    for (const auto& e : ej["entities"].GetArray())
        kr.insert(e["id"].GetString());
    CHECK(kr == std::set<std::string>{"country:KR", "person:suh-sangpyo"});

    // show by a spelling variant: the role timeline and the ties with sentences
    Run show = rabta_cmd({"show", "--db", db, "شزا فاطمہ خواجہ"});
    CHECK(show.code == 0);
    CHECK(show.out.find("person:shaza-fatima-khawaja") != std::string::npos);
    CHECK(show.out.find("2024-07-06  2024-07-06  وزیر مملکت برائے") != std::string::npos);
    CHECK(show.out.find("وفاقی وزیر برائے آئی ٹی") != std::string::npos);
    auto sj = json_of(rabta_cmd({"show", "--db", db, "Shaza Fatima Khawaja", "--json"}));
    CHECK(sj["roles"].Size() == 4);  // two in the lexicon, two from the articles
    CHECK(sj["ties"].Size() == 2);
    CHECK(sj["in_office"].IsNull());
    auto asof = json_of(
        rabta_cmd({"show", "--db", db, "شزہ فاطمہ خواجہ", "--as-of", "2025-07-10", "--json"}));
    REQUIRE(asof["in_office"].Size() == 2);
    CHECK(std::string(asof["in_office"][0]["title"].GetString()) == "وفاقی وزیر برائے آئی ٹی");
    // the tie's table says in which office it was made
    Run shaza_ties = rabta_cmd({"ties", "--db", db, "شزہ فاطمہ خواجہ"});
    CHECK(shaza_ties.out.find("وفاقی وزیر برائے آئی ٹی @") != std::string::npos);
    CHECK(rabta_cmd({"show", "--db", db, "شزہ فاطمہ خواجہ", "--as-of", "2025"}).code == 2);

    // an ambiguous or unknown name lists what it found and exits 1
    Run none = rabta_cmd({"show", "--db", db, "کوئی نہیں"});
    CHECK(none.code == 1);
    CHECK(none.err.find("no entity is named") != std::string::npos);
    // a part of a name suggests the entities whose names contain it
    Run part = rabta_cmd({"show", "--db", db, "شہباز"});
    CHECK(part.code == 1);
    CHECK(part.err.find("person:shehbaz-sharif") != std::string::npos);

    Run ties = rabta_cmd({"ties", "--db", db, "سوو سنگپیو", "سید امین الحق", "--relation", "met"});
    CHECK(ties.code == 0);
    CHECK(ties.out.find("2 relation mentions") != std::string::npos);
    auto tj = json_of(rabta_cmd({"ties", "--db", db, "PK", "--from", "2025", "--json"}));
    for (const auto& t : tj["ties"].GetArray())
        CHECK(std::string(t["date"].GetString()) >= "2025-01-01");

    // the path from the Korean ambassador to the Alibaba president, each hop with its
    // sentence: through the offices of the two countries, so not over interactions alone
    Run path = rabta_cmd(
        {"path", "--db", db, "سو سنگپیو", "James Dong", "--exclude-relation", "located_in"});
    CHECK(path.code == 0);
    CHECK(path.out.find("met →") != std::string::npos);
    CHECK(path.out.find("relations: agreed, attended, cooperated, holds_role, met, signed\n") !=
          std::string::npos);
    auto pj = json_of(rabta_cmd({"path", "--db", db, "person:suh-sangpyo", "جیمز ڈونگ", "--json",
                                 "--relation", "holds_role,cooperated,met"}));
    CHECK(pj["found"].GetBool());
    auto none_j =
        json_of(rabta_cmd({"path", "--db", db, "person:suh-sangpyo", "جیمز ڈونگ", "--json"}));
    CHECK_FALSE(none_j["found"].GetBool());
    CHECK(none_j["relations"].Size() == 5);
    for (const auto& h : pj["hops"].GetArray())
        CHECK(std::string(h["sentence"].GetString()).size() > 20);

    Run top = rabta_cmd({"top", "--db", db, "--by", "betweenness", "-n", "3"});
    CHECK(top.code == 0);
    CHECK(top.out.find("1     ") != std::string::npos);
    auto topj = json_of(rabta_cmd({"top", "--db", db, "--type", "person", "--json"}));
    for (const auto& e : topj["entities"].GetArray())
        CHECK(std::string(e["type"].GetString()) == "person");

    // the Pakistan–China dyad by Urdu names: the seed ties between their actors, with dates
    Run dy = rabta_cmd({"dyad", "--db", db, "پاکستان", "چین"});
    CHECK(dy.code == 0);
    CHECK(dy.out.find("2024-07  cooperated 3") != std::string::npos);
    CHECK(dy.out.find("عطاء اللہ تارڑ") != std::string::npos);
    auto dj = json_of(rabta_cmd({"dyad", "--db", db, "PK", "CN", "--to", "2024", "--json"}));
    CHECK(dj["months"].Size() == 1);
    CHECK(rabta_cmd({"dyad", "--db", db, "پاکستان", "شہباز شریف"}).code == 2);  // not a country
    CHECK(rabta_cmd({"dyad", "--db", db, "PK"}).code == 2);
}

TEST_CASE("a build that finds another one running exits 4 after --wait") {
    TempDir dir;
    const std::string db = dir / "l.db";
    REQUIRE(rabta_cmd({"build", "-q", "--db", db}).code == 0);
    const int fd = ::open((db + ".lock").c_str(), O_RDWR | O_CREAT, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX) == 0);
    Run r = rabta_cmd({"build", "-q", "--db", db, "--wait", "0.2"});
    CHECK(r.code == cli::kLocked);
    CHECK(r.err.find("another build is running on it") != std::string::npos);
    CHECK(r.err.find("nothing was written") != std::string::npos);
    ::close(fd);
    CHECK(rabta_cmd({"build", "-q", "--db", db, "--wait", "0.2"}).code == 0);
}

TEST_CASE("each build records a run; --report writes it; diff says what changed") {
    TempDir dir;
    const std::string db = dir / "h.db";
    REQUIRE(rabta_cmd({"build", "-q", "--db", db, "--report", dir / "r1.json"}).code == 0);
    CHECK(rabta_cmd({"diff", "--db", db}).code == 1);  // one run: nothing to compare with
    // tonight's corpus lost four of the five pages, and one is broken
    write_file(dir.path() / "bad.jsonl", "{\"id\": \"x\", \"text\": ");
    Run b = rabta_cmd({"build", "-q", "--db", db, seeds_dir() + "/004_449d9a5e21841ebb.txt",
                       dir / "bad.jsonl", "--report", dir / "r2.json", "--max-removed", "100"});
    CHECK(b.code == 1);
    rapidjson::Document r;
    const std::string text = rabta::test::read_file(dir / "r2.json");
    r.Parse(text.c_str());
    REQUIRE_FALSE(r.HasParseError());
    const auto violation = rabta::detail::schema_violation(r, "schemas/report.schema.json");
    CHECK_MESSAGE(!violation, (violation ? *violation : std::string()));
    CHECK(r["run"].GetInt() == 2);
    CHECK(r["status"].GetString() == std::string("partial"));
    CHECK(r["articles"]["stored"].GetInt() == 1);
    REQUIRE(r["problems"].Size() == 1);
    CHECK(std::string(r["problems"][0].GetString()).find("bad.jsonl:1") != std::string::npos);
    // what the morning shows: the Alibaba meeting is gone, Suh and Aminul stay
    const auto& since = r["since_previous"];
    bool alibaba_gone = false;
    for (const auto& t : since["ties_removed"].GetArray())
        alibaba_gone = alibaba_gone || std::string(t["source"].GetString()) == "org:alibaba-group";
    CHECK(alibaba_gone);
    for (const auto& e : since["entities_removed"].GetArray())
        CHECK(std::string(e["id"].GetString()) != "person:suh-sangpyo");
    Run d = rabta_cmd({"diff", "--db", db});
    CHECK(d.code == 0);
    CHECK(d.out.find("changes from run 1 to run 2") != std::string::npos);
    CHECK(d.out.find("org:alibaba-group") != std::string::npos);
    Run dj = rabta_cmd({"diff", "--db", db, "--since", "1", "--json"});
    CHECK(dj.code == 0);
    rapidjson::Document dd;
    dd.Parse(dj.out.c_str());
    CHECK_FALSE(rabta::detail::schema_violation(dd, "schemas/report.schema.json"));
    CHECK(rabta_cmd({"diff", "--db", db, "--since", "2000-01-01"}).code == 1);
    CHECK(rabta_cmd({"diff", "--db", db, "--since", "yesterday"}).code == 2);
}

TEST_CASE("rabta extract writes facts; rabta merge stores them like a build") {
    TempDir dir;
    const std::string stem = "004_449d9a5e21841ebb";
    write_file(dir.path() / "in.jsonl",
               rabta::test::jsonl_record("n1", "خبر", rabta::test::seed(stem)) + "{broken\n");
    Run e = rabta_cmd({"extract", dir / "in.jsonl", "-j", "2"});
    CHECK(e.code == 1);  // the broken line is reported, the good one extracted
    CHECK(e.err.find("in.jsonl:2: invalid JSON") != std::string::npos);
    // header, the article, trailer
    CHECK(std::count(e.out.begin(), e.out.end(), '\n') == 3);
    CHECK(e.out.find("{\"rabta_facts_end\":1,\"articles\":1,\"fnv1a64\":\"") != std::string::npos);
    write_file(dir.path() / "in.facts", e.out);

    Run m = rabta_cmd({"merge", dir / "in.facts", "--db", dir / "m.db"});
    CHECK(m.code == 0);
    CHECK(m.out.find("1 articles stored (1 added") != std::string::npos);
    Run b = rabta_cmd({"build", dir / "in.jsonl", "--db", dir / "b.db", "-q"});
    CHECK(b.code == 1);
    Run gm = rabta_cmd({"export", "--db", dir / "m.db"});
    Run gb = rabta_cmd({"export", "--db", dir / "b.db"});
    CHECK(gm.code == 0);
    CHECK(gm.out.find("<edge") != std::string::npos);
    CHECK(gm.out == gb.out);

    Run none = rabta_cmd({"merge", "--db", dir / "x.db"});
    CHECK(none.code == 2);
}
