// The ratchet: extraction scored against the hand-checked gold must not fall
// below tests/query/baseline.json. The corpus part reads the gold articles from
// ../shared/corpus and skips when it is absent.
#include <rabta/boilerplate.h>
#include <rabta/build.h>
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
    return {d[part]["entities"].GetDouble(), d[part]["ties"].GetDouble()};
}

DataFile gold_file(const char* name) {
    const auto path = rabta::test::source_dir() / "tests/gold" / name;
    return {path.string(), rabta::test::read_file(path)};
}

void check_floor(const EvalReport& r, const Floor& f) {
    MESSAGE("entities F1 " << r.entities.f1() << " (floor " << f.entities << "), ties F1 "
                           << r.ties.f1() << " (floor " << f.ties << ")");
    for (const auto& m : r.missed)
        MESSAGE("missed   " << m);
    for (const auto& s : r.spurious)
        MESSAGE("spurious " << s);
    CHECK(r.entities.f1() >= f.entities - 5e-4);
    CHECK(r.ties.f1() >= f.ties - 5e-4);
    if (r.entities.f1() > f.entities + 5e-3 || r.ties.f1() > f.ties + 5e-3)
        MESSAGE("scores are above tests/query/baseline.json: raise it");
}

}  // namespace

TEST_CASE("the seeds score at least the baseline") {
    const Store s = Store::open(rabta::test::seed_store());
    const EvalReport r = evaluate(s, {gold_file("seeds.json")});
    CHECK(r.scored == 6);
    CHECK(r.ties.tp >= 30);
    check_floor(r, floor_of("seeds"));
}

TEST_CASE("the corpus gold articles score at least the baseline") {
    const auto shared = rabta::test::shared_dir();
    if (shared.empty()) {
        MESSAGE("../shared is absent: skipped");
        return;
    }
    const DataFile gold = gold_file("corpus.json");
    rapidjson::Document d;
    d.Parse(gold.content.c_str());
    std::set<std::string> wanted;
    for (const auto& a : d["articles"].GetObject())
        wanted.insert(a.name.GetString());
    REQUIRE(wanted.size() >= 10);

    rabta::test::TempDir dir;
    const std::string path = dir / "gold.db";
    {
        const Lexicon lex = Lexicon::embedded();
        const Rules rules = Rules::embedded();
        const Extractor ex(lex, rules);
        Store s = Store::create(path);
        s.begin();
        s.put_lexicon(lex);
        read_corpus(
            {(shared / "corpus").string()}, Boilerplate::embedded(),
            [&](Article&& a) {
                if (wanted.erase(a.id)) s.put_article(a, ex.run(a));
            },
            [](const InputError&) {});
        s.commit();
    }
    CHECK(wanted.empty());
    const EvalReport r = evaluate(Store::open(path), {gold});
    CHECK(r.scored == d["articles"].MemberCount());
    check_floor(r, floor_of("corpus"));
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
