// The ratchet: extraction scored against the hand-checked gold must not fall
// below tests/query/baseline.json. The corpus part reads the gold articles from
// ../shared/corpus and skips when it is absent.
#include <rabta/boilerplate.h>
#include <rabta/build.h>
#include <rabta/data_source.h>
#include <rabta/error.h>
#include <rabta/eval.h>
#include <rabta/extract.h>
#include <rapidjson/document.h>

#include <set>

#include "seed_store.h"
#include "support.h"

using namespace rabta;

namespace {

struct Floor {
    double entities, ties;
};

Floor floor_of(const char* part) {
    rapidjson::Document d;
    const std::string text =
        rabta::test::read_file(rabta::test::source_dir() / "tests/query/baseline.json");
    d.Parse(text.c_str());
    REQUIRE_FALSE(d.HasParseError());
    REQUIRE(d.HasMember(part));
    return {d[part]["entities"].GetDouble(), d[part]["ties"].GetDouble()};
}

std::vector<DataFile> gold_split(const char* split) {
    return read_data_files((rabta::test::source_dir() / "tests/gold" / split).string(), ".json");
}

// Per entity type and per relation, so that a run's log shows where a split stands.
void print_scores(const std::string& split, const EvalReport& r) {
    auto line = [&](const std::string& name, const Score& s) {
        MESSAGE(split << " " << name << ": P " << s.precision() << " R " << s.recall() << " F1 "
                      << s.f1() << " (tp " << s.tp << ", fp " << s.fp << ", fn " << s.fn << ")");
    };
    for (const auto& [k, s] : r.entities_by_type)
        line("entity " + k, s);
    line("entities", r.entities);
    for (const auto& [k, s] : r.ties_by_relation)
        line("tie " + k, s);
    line("ties (required)", r.ties);
    MESSAGE(split << " mode agreement " << r.mode.agreed << "/" << r.mode.compared << ", context "
                  << r.context.agreed << "/" << r.context.compared << ", digital or not "
                  << r.context_digital.agreed << "/" << r.context_digital.compared);
}

// The items are listed for dev only: the test split is scored, never read to tune.
void check_floor(const std::string& split, const EvalReport& r, const Floor& f) {
    print_scores(split, r);
    if (r.split != "test") {
        for (const auto& m : r.missed)
            MESSAGE(split << " missed   " << m);
        for (const auto& s : r.spurious)
            MESSAGE(split << " spurious " << s);
    }
    CHECK(r.entities.f1() >= f.entities - 5e-4);
    CHECK(r.ties.f1() >= f.ties - 5e-4);
    if (r.entities.f1() > f.entities + 5e-3 || r.ties.f1() > f.ties + 5e-3)
        MESSAGE(split << " scores are above tests/query/baseline.json: raise it");
}

// Every article id a split's gold files annotate.
std::set<std::string> annotated(const std::vector<DataFile>& files) {
    std::set<std::string> ids;
    for (const auto& f : files) {
        rapidjson::Document d;
        d.Parse(f.content.c_str());
        REQUIRE_FALSE(d.HasParseError());
        for (const auto& a : d["articles"].GetObject())
            ids.insert(a.name.GetString());
    }
    return ids;
}

// One store of the seed pages and of the corpus articles that either split annotates.
std::string gold_store(const rabta::test::TempDir& dir, std::set<std::string> wanted) {
    const std::string path = dir / "gold.db";
    const Lexicon lex = Lexicon::embedded();
    const Rules rules = Rules::embedded();
    const Extractor ex(lex, rules);
    Store s = Store::create(path);
    s.begin();
    s.put_lexicon(lex);
    const std::string seeds = (rabta::test::source_dir() / "seeds/articles").string();
    const std::string corpus = (rabta::test::shared_dir() / "corpus").string();
    read_corpus(
        {seeds, corpus}, Boilerplate::embedded(),
        [&](Article&& a) {
            if (wanted.erase(a.id)) s.put_article(a, ex.run(a));
        },
        [](const InputError&) {});
    s.commit();
    CHECK(wanted.empty());
    return path;
}

}  // namespace

TEST_CASE("the seeds score at least the baseline") {
    const Store s = Store::open(rabta::test::seed_store());
    const DataFile seeds{
        (rabta::test::source_dir() / "tests/gold/dev/seeds.json").string(),
        rabta::test::read_file(rabta::test::source_dir() / "tests/gold/dev/seeds.json")};
    const EvalReport r = evaluate(s, {seeds});
    CHECK(r.scored == 6);
    CHECK(r.ties.tp >= 30);
    check_floor("seeds", r, floor_of("seeds"));
}

TEST_CASE("dev and test splits score at least their baselines, each on its own") {
    if (rabta::test::shared_dir().empty()) {
        MESSAGE("../shared is absent: skipped");
        return;
    }
    const std::vector<DataFile> dev = gold_split("dev"), test = gold_split("test");
    const std::set<std::string> dev_ids = annotated(dev), test_ids = annotated(test);
    REQUIRE(dev_ids.size() >= 50);
    REQUIRE(test_ids.size() >= 25);
    for (const auto& id : test_ids)
        CHECK_MESSAGE(!dev_ids.count(id), id << " is in both splits");

    std::set<std::string> wanted = dev_ids;
    wanted.insert(test_ids.begin(), test_ids.end());
    rabta::test::TempDir dir;
    const Store store = Store::open(gold_store(dir, wanted));

    const EvalReport d = evaluate(store, dev);
    CHECK(d.scored == dev_ids.size());
    CHECK(d.split == "dev");
    check_floor("dev", d, floor_of("dev"));

    const EvalReport t = evaluate(store, test);
    CHECK(t.scored == test_ids.size());
    CHECK(t.split == "test");
    check_floor("test", t, floor_of("test"));
}

TEST_CASE("a gold tie must name entities of its article") {
    const Store s = Store::open(rabta::test::seed_store());
    const DataFile bad{"bad.json", R"({"articles": {"004_449d9a5e21841ebb": {
        "entities": ["country:KR", {"type": "person", "names": ["سو سنگپیو"]}],
        "ties": [{"relation": "met", "source": "سو سنگپیو", "target": "سید امین الحق",
                  "required": true}]}}})"};
    CHECK_THROWS_WITH_AS(
        evaluate(s, {bad}),
        doctest::Contains("bad.json: at '/articles/004_449d9a5e21841ebb/ties/0/target'"),
        ConfigError);
    // by name, a found entity matches whatever spelling the gold gives, spaced or not
    const DataFile ok{"ok.json", R"({"articles": {"004_449d9a5e21841ebb": {
        "entities": ["country:KR", "country:PK", {"type": "person", "names": ["سوو سنگپیو"]},
                     {"type": "person", "names": ["سیدامین الحق"]}],
        "ties": [{"relation": "met", "source": "سوو سنگپیو", "target": "سیدامین الحق",
                  "required": true}]}, "not-stored": {"entities": [], "ties": []}}})"};
    const EvalReport r = evaluate(s, {ok});
    CHECK(r.scored == 1);
    CHECK(r.absent == std::vector<std::string>{"not-stored"});
    CHECK(r.ties_by_relation.at("met").tp == 1);
    CHECK(r.entities_by_type.at("person").tp == 2);
    CHECK(r.entities_by_type.at("person").fn == 0);
}
