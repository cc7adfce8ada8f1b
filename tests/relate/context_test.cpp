// What a tie is about: the taxonomy, and context from the clause, the sentence
// and the article, read through the whole extractor on real Urdu sentences.
#include <rabta/context.h>
#include <rabta/error.h>
#include <rabta/extract.h>

#include "support.h"

using namespace rabta;

namespace {
struct Fixture {
    Lexicon lexicon = Lexicon::embedded();
    Rules rules = Rules::embedded();
    Extractor extractor{lexicon, rules};

    Extraction run(const std::string& title, const std::string& s) {
        Article a;
        a.id = std::string("t");  // not = "t": GCC 12 -O2 -Wrestrict misreads that with ASan
        a.title = title;
        a.text = s;
        a.regions = {{0, static_cast<std::uint32_t>(s.size())}};
        return extractor.run(a);
    }
};

const Relation* find(const Extraction& ex, const std::string& rel) {
    for (const auto& r : ex.relations)
        if (r.relation == rel) return &r;
    return nullptr;
}
}  // namespace

TEST_CASE("the taxonomy: the digital family, and unknown tags named with the known ones") {
    const ContextTaxonomy t = ContextTaxonomy::embedded();
    REQUIRE(t.find("fintech"));
    CHECK(t.find("fintech")->parent == "digital");
    CHECK(t.in_family("space", "digital"));
    CHECK_FALSE(t.in_family("media", "digital"));
    const auto digital = t.select("digital");
    CHECK(digital.size() == 13);  // the twelve fields and the digital economy in general
    CHECK(std::find(digital.begin(), digital.end(), "media") == digital.end());
    CHECK(t.select("media, fintech") == std::vector<std::string>{"fintech", "media"});
    try {
        t.select("fintech,crypto");
        FAIL("an unknown tag was accepted");
    } catch (const UsageError& e) {
        const std::string m = e.what();
        CHECK(m.find("'crypto'") != std::string::npos);
        CHECK(m.find("e-commerce") != std::string::npos);
    }
    CHECK(t.takes_context("signed"));
    CHECK_FALSE(t.takes_context("holds_role"));
}

TEST_CASE_FIXTURE(Fixture, "the tie's own clause: a field named with «کے شعبے میں»") {
    // after ha405-samaa-173: two fields in the sentence, the framed one is the tie's
    const Extraction ex = run(
        "", "پاکستان اور چین نے تجارت کے فروغ کے بعد آئی ٹی کے شعبے میں تعاون پر اتفاق کیا ہے۔");
    const Relation* r = find(ex, "agreed");
    REQUIRE(r);
    CHECK(r->context == "it-services");
    CHECK(r->context_source == "clause");
}

TEST_CASE_FIXTURE(Fixture, "the sentence when the clause names no field") {
    const Extraction ex =
        run("", "سپارکو کے خلائی پروگرام پر بریفنگ کے بعد، پاکستان اور چین کے درمیان ملاقات ہوئی۔");
    const Relation* r = find(ex, "met");
    REQUIRE(r);
    CHECK(r->context == "space");
    CHECK((r->context_source == "sentence" || r->context_source == "clause"));
}

TEST_CASE_FIXTURE(Fixture,
                  "the article's main topic, marked inherited, when the sentence says nothing") {
    const std::string body =
        "پاکستان میں فائیو جی سپیکٹرم کی نیلامی اگلے ماہ ہوگی۔ ٹیلی کام کمپنیوں نے سپیکٹرم کی قیمت "
        "پر تحفظات ظاہر کیے۔ پاکستان اور چین کے درمیان ملاقات ہوئی۔";
    const Extraction ex = run("فائیو جی سپیکٹرم کی نیلامی", body);
    const Relation* r = find(ex, "met");
    REQUIRE(r);
    CHECK(r->context == "telecom");
    CHECK(r->context_source == "article");
    REQUIRE_FALSE(ex.topics.empty());
    CHECK(ex.topics.front().tag == "telecom");
    // the same meeting alone has nothing to inherit
    const Extraction alone = run("", "پاکستان اور چین کے درمیان ملاقات ہوئی۔");
    const Relation* m = find(alone, "met");
    REQUIRE(m);
    CHECK(m->context.empty());
    CHECK(m->context_source.empty());
    CHECK(alone.topics.empty());
}

TEST_CASE_FIXTURE(Fixture, "an excluded phrase is no cue: «اے آئی جی» is a police rank, not AI") {
    const Extraction ex =
        run("", "اے آئی جی پولیس کی موجودگی میں پاکستان اور چین کے درمیان ملاقات ہوئی۔");
    const Relation* r = find(ex, "met");
    REQUIRE(r);
    CHECK(r->context != "ai");
}
