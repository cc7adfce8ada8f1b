// The cooperation index of a dyad, on hand-computed cases.
#include <rabta/cooperation.h>
#include <rabta/error.h>

#include "support.h"

using namespace rabta;

namespace {
StoredRelation mention(const std::string& relation,
                       const std::string& mode,
                       const std::string& date,
                       const std::string& sentence,
                       const std::string& article,
                       const std::string& context = "") {
    StoredRelation r;
    r.source = "country:CN";
    r.target = "country:PK";
    r.relation = relation;
    r.mode = mode;
    r.date = date;
    r.sentence = sentence;
    r.article = article;
    r.context = context;
    return r;
}
}  // namespace

TEST_CASE("the weights are the Goldstein scores of the CAMEO codes, intent at the discount") {
    const CooperationWeights w = CooperationWeights::embedded();
    CHECK(w.relations.at("signed").cameo == "057");
    CHECK(w.relations.at("signed").score == doctest::Approx(8.0));
    CHECK(w.relations.at("cooperated").score == doctest::Approx(6.4));
    // 030 express intent to cooperate is 4.0 on the scale; 3.4 is 019 express accord
    CHECK(w.relations.at("agreed").cameo == "030");
    CHECK(w.relations.at("agreed").score == doctest::Approx(4.0));
    CHECK(w.intent_discount == doctest::Approx(0.5));
    CHECK(w.weight("signed", true) == doctest::Approx(4.0));
    CHECK(w.weight("holds_role", false) == 0);  // no event on the scale
    CHECK(w.scale.find("Goldstein") != std::string::npos);
}

TEST_CASE("a month sums its independent evidences; a syndicated copy counts once") {
    const CooperationWeights w = CooperationWeights::embedded();
    const std::string mou =
        "پاکستان اور چین کے درمیان فائیو جی ٹیکنالوجی کے معاہدے پر دستخط کیے گئے۔";
    const std::vector<StoredRelation> in = {
        mention("signed", "done", "2025-07-02", mou, "express-1", "telecom"),
        // the same sentence reprinted by another outlet, spaced differently
        mention("signed", "done", "2025-07-03",
                "پاکستان اور چین کے درمیان فائیو جی ٹیکنالوجی کے  معاہدے پر دستخط کیے گئے۔",
                "jang-1", "telecom"),
        mention("met", "done", "2025-07-10", "پاکستان اور چین کے وزرا کی ملاقات ہوئی۔", "geo-1"),
        mention("cooperated", "intent", "2025-08-01",
                "چین پاکستان کے ساتھ آئی ٹی میں تعاون کرے گا۔", "samaa-1", "it-services"),
        mention("agreed", "done", "", "دونوں ممالک نے اتفاق کیا۔", "bbc-1"),
    };
    const CooperationSeries s = cooperation_series(in, w);
    REQUIRE(s.months.size() == 3);
    // July: 8.0 (the MoU, once) + 1.0 (a meeting)
    CHECK(s.months[0].month == "2025-07");
    CHECK(s.months[0].evidences == 2);
    CHECK(s.months[0].index == doctest::Approx(9.0));
    CHECK(s.months[0].by_relation.at("signed") == 1);
    CHECK(s.months[0].by_context.at("telecom") == 1);
    CHECK(s.months[0].by_context.at("") == 1);
    // August: cooperation announced, not done: 6.4 × 0.5
    CHECK(s.months[1].month == "2025-08");
    CHECK(s.months[1].index == doctest::Approx(3.2));
    // undated last: 4.0 (030 express intent to cooperate)
    CHECK(s.months[2].month == "undated");
    CHECK(s.months[2].index == doctest::Approx(4.0));
    CHECK(s.index == doctest::Approx(16.2));
    // the heaviest evidence first, standing for its earliest copy, with its copies
    REQUIRE(s.evidences.size() == 4);
    CHECK(s.evidences[0].weight == doctest::Approx(8.0));
    CHECK(s.evidences[0].copies == 2);
    CHECK(s.evidences[0].evidence.article == "express-1");
    CHECK(s.evidences[1].evidence.relation == "agreed");
}

TEST_CASE("a tie done in one copy and announced in another counts as done") {
    const CooperationWeights w = CooperationWeights::embedded();
    const std::string t = "چین نے پاکستان کے ساتھ تعاون کیا۔";
    const CooperationSeries s =
        cooperation_series({mention("cooperated", "intent", "2024-01-05", t, "a"),
                            mention("cooperated", "done", "2024-01-06", t, "b")},
                           w);
    REQUIRE(s.evidences.size() == 1);
    CHECK_FALSE(s.evidences[0].intent);
    CHECK(s.index == doctest::Approx(6.4));
}

TEST_CASE("the index follows the weights file, not numbers in the code") {
    const CooperationWeights w = CooperationWeights::load(
        {"edited.json",
         R"({"version": 1, "scale": "a test scale", "intent_discount": 0.25,
             "relations": {"met": {"cameo": "040", "score": 2.0}}})"});
    const CooperationSeries s = cooperation_series(
        {mention("met", "done", "2024-03-01", "چین اور پاکستان کے وزرا کی ملاقات ہوئی۔", "a"),
         mention("met", "intent", "2024-03-09", "چینی وفد پاکستان کا دورہ کرے گا۔", "b"),
         mention("signed", "done", "2024-03-10", "دونوں ممالک نے معاہدے پر دستخط کیے۔", "c")},
        w);
    // 2.0 + 2.0 × 0.25; signed is not on this scale
    CHECK(s.index == doctest::Approx(2.5));
    REQUIRE(s.months.size() == 1);
    CHECK(s.months[0].evidences == 3);
    CHECK(s.months[0].by_relation.at("signed") == 1);
    // a file that breaks the schema names itself
    try {
        CooperationWeights::load({"bad.json", R"({"version": 1})"});
        FAIL("a weights file without relations was taken");
    } catch (const ConfigError& e) {
        CHECK(std::string(e.what()).find("bad.json") != std::string::npos);
    }
}
