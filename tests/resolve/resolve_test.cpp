#include <rabta/error.h>
#include <rabta/extract.h>
#include <rabta/lexicon.h>
#include <rabta/resolve.h>

#include <algorithm>

#include "support.h"

using namespace rabta;

namespace {

Extraction run(const Extractor& x, const std::string& text, const std::string& dateline = "") {
    Article a;
    a.id = std::string("t");  // not = "t": GCC 12 -O2 -Wrestrict misreads that with ASan
    a.text = text;
    a.dateline = dateline;
    a.regions = {{0, static_cast<std::uint32_t>(text.size())}};
    return x.run(a);
}

const Actor* discovered(const Extraction& ex, const std::string& id) {
    for (const Actor& a : ex.discovered)
        if (a.id == id) return &a;
    return nullptr;
}

bool mentioned(const Extraction& ex, const std::string& id) {
    return std::any_of(ex.mentions.begin(), ex.mentions.end(),
                       [&](const Mention& m) { return m.entity == id; });
}

}  // namespace

TEST_CASE("a ministry is its country's: the demonym before it, else the home country") {
    const Lexicon lex = Lexicon::embedded();
    const Rules rules = Rules::embedded();
    const Extractor x(lex, rules);
    // invented names; the sentence shapes are the corpus's
    const Extraction ex = run(x,
                              "وفاقی وزیر برائے آئی ٹی نورین بختاور سے سعودی وزارت خارجہ کے وفد نے "
                              "ملاقات کی۔ وزارت خارجہ کے ترجمان نے بتایا۔");
    const Actor* sa = discovered(ex, "org:wazarat-kharaja-sa");
    const Actor* pk = discovered(ex, "org:wazarat-kharaja-pk");
    REQUIRE(sa);
    REQUIRE(pk);
    CHECK(sa->country == "SA");
    CHECK(sa->label_ur == "وزارت خارجہ (سعودی عرب)");
    CHECK(sa->label_en.ends_with(" (Saudi Arabia)"));
    CHECK(pk->label_ur == "وزارت خارجہ (پاکستان)");
    CHECK_FALSE(mentioned(ex, "org:wazarat-kharaja"));
}

TEST_CASE("a ministry with «کی» after its country, from a corpus sentence") {
    const Lexicon lex = Lexicon::embedded();
    const Rules rules = Rules::embedded();
    const Extractor x(lex, rules);
    const Extraction ex =
        run(x, "مشاورت کا تیسرا دور ریگا میں لٹویا کی وزارت خارجہ میں منعقد ہوا۔");
    CHECK(discovered(ex, "org:wazarat-kharaja-lv"));
    CHECK_FALSE(discovered(ex, "org:wazarat-kharaja-pk"));
}

TEST_CASE("the curation overlay becomes lexicon data") {
    Curation c;
    CurationDecision promote{"promote",
                             "org:nilam-soft",
                             "organization",
                             "نیلم سافٹ ٹیکنالوجیز",
                             "Neelum Soft",
                             "",
                             {"نیلم سافٹ ٹیکنالوجیز"},
                             "",
                             "",
                             "",
                             "",
                             {}};
    CurationDecision reject{"reject",
                            "person:kaghaz-nama",
                            "person",
                            "کاغذ نامہ",
                            "",
                            "",
                            {"کاغذ نامہ"},
                            "",
                            "",
                            "",
                            "",
                            {}};
    c.decisions = {promote, reject};
    const Lexicon lex = Lexicon::load(curated_lexicon_files(embedded_files("seeds/lexicon/"), c));
    const Actor* a = lex.find("org:nilam-soft");
    REQUIRE(a);
    CHECK(a->label_en == "Neelum Soft");
    CHECK(a->names.front() == "نیلم سافٹ ٹیکنالوجیز");
    const Rules rules = Rules::embedded();  // the extractor keeps a reference
    const Extractor x(lex, rules);
    const Extraction ex = run(x, "نیلم سافٹ ٹیکنالوجیز نے نئی ایپ متعارف کرادی۔");
    CHECK(mentioned(ex, "org:nilam-soft"));
    CHECK(ex.discovered.empty());
    // the same overlay twice gives the same lexicon
    CHECK(Lexicon::load(curated_lexicon_files(embedded_files("seeds/lexicon/"), c)).version() ==
          lex.version());
    CHECK(Curation::load({"c.json", c.to_json()}).to_json() == c.to_json());
}

TEST_CASE("a broken overlay names file, pointer and reason") {
    const std::string bad =
        R"({"version": 1, "decisions": [{"action": "bless", "id": "org:x", "type": "organization",)"
        R"( "label_ur": "ایکس", "names": []}]})";
    try {
        Curation::load({"g.curated.json", bad});
        FAIL("no error");
    } catch (const ConfigError& e) {
        CHECK(std::string(e.what()).find("g.curated.json") != std::string::npos);
        CHECK(std::string(e.what()).find("/decisions/0/action") != std::string::npos);
    }
    const std::string across =
        R"({"version": 1, "decisions": [{"action": "merge", "id": "org:a-pk", "type": "organization",)"
        R"( "label_ur": "بورڈ", "country": "PK", "names": [], "into": "org:a-in", "into_type": "organization",)"
        R"( "into_label_ur": "بورڈ", "into_country": "IN"}]})";
    CHECK_THROWS_WITH_AS(Curation::load({"g.curated.json", across}),
                         doctest::Contains("never merged"), ConfigError);
}
