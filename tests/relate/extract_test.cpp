#include <rabta/article.h>
#include <rabta/boilerplate.h>
#include <rabta/extract.h>

#include <algorithm>

#include "support.h"

using namespace rabta;

namespace {
struct Fixture {
    Lexicon lexicon = Lexicon::embedded();
    Rules rules = Rules::embedded();
    Extractor extractor{lexicon, rules};

    std::vector<std::pair<Article, Extraction>> seed(const std::string& stem) {
        std::vector<std::pair<Article, Extraction>> out;
        for (auto& a : read_page(stem, stem, rabta::test::seed(stem), Boilerplate::embedded())) {
            Extraction ex = extractor.run(a);
            out.emplace_back(std::move(a), std::move(ex));
        }
        return out;
    }
    Extraction text(const std::string& s) {
        Article a;
        a.id = std::string("t");  // not = "t": GCC 12 -O2 -Wrestrict misreads that with ASan
        a.text = s;
        a.regions = {{0, static_cast<std::uint32_t>(s.size())}};
        return extractor.run(a);
    }
};

const Relation* find(const Extraction& ex,
                     const std::string& rel,
                     const std::string& a,
                     const std::string& b) {
    for (const auto& r : ex.relations) {
        if (r.relation == rel &&
            ((r.source == a && r.target == b) || (r.source == b && r.target == a)))
            return &r;
    }
    return nullptr;
}
}  // namespace

TEST_CASE_FIXTURE(Fixture,
                  "seed 000: the Alibaba delegation led by James Dong met the Prime Minister") {
    auto [a, ex] = seed("000_e3da61d015d2337c").at(0);
    const Relation* r = find(ex, "met", "person:james-dong", "person:shehbaz-sharif");
    REQUIRE(r);
    CHECK(r->rule == "met.se-ne");
    CHECK(r->mode == "done");
    CHECK(r->context == "e-commerce");
    // the evidence is the sentence exactly as written in the article
    const std::string sentence(ex.sentences[r->sentence].of(a.text));
    CHECK(sentence.starts_with("وزیراعظم محمد شہباز شریف سے عالمی شہرت یافتہ ای کامرس کمپنی"));
    CHECK(sentence.ends_with("تبادلہ خیال ہوا۔"));
    CHECK(a.text.find(sentence) != std::string::npos);
    CHECK(find(ex, "met", "org:alibaba-group", "person:shehbaz-sharif"));
    CHECK(std::count_if(ex.relations.begin(), ex.relations.end(),
                        [](const Relation& x) { return x.relation == "met"; }) == 2);
    // titles give roles: «علی بابا گروپ کے انٹرنیشنل مارکیٹس کے صدر جیمز ڈونگ»
    CHECK(find(ex, "holds_role", "person:james-dong", "org:alibaba-group"));
    CHECK(find(ex, "holds_role", "person:shehbaz-sharif", "country:PK"));
    REQUIRE_FALSE(ex.roles.empty());
    CHECK(ex.roles.front().title == "وزیراعظم");
}

TEST_CASE_FIXTURE(
    Fixture,
    "seed 002: Cybernet–Alipay through «ہمارا», NXP signs at the conference, intent kept") {
    auto [a, ex] = seed("002_64b5cc6f0c724d73").at(0);
    const Relation* coop = find(ex, "cooperated", "org:cybernet", "org:alipay");
    REQUIRE(coop);
    CHECK(coop->mode == "done");
    const Relation* nxp =
        find(ex, "signed", "org:nxp", "forum:global-digital-economy-conference-2024");
    REQUIRE(nxp);
    CHECK(nxp->directed);
    CHECK(nxp->source == "org:nxp");
    const Relation* pkcn = find(ex, "cooperated", "country:PK", "country:CN");
    REQUIRE(pkcn);
    CHECK(pkcn->mode == "intent");  // «… کا خواہاں ہے»
    // the mention of «شِنہوا» quotes the original with its kasra
    bool xinhua = false;
    for (const auto& m : ex.mentions) {
        if (m.entity == "org:xinhua") xinhua = m.span.of(a.text) == "شِنہوا";
    }
    CHECK(xinhua);
}

TEST_CASE_FIXTURE(
    Fixture,
    "seed 003: each signatory signs with the SCO forum, no clique; the second story's meeting") {
    auto stories = seed("003_32cc9811ad68b415");
    REQUIRE(stories.size() == 2);
    const Extraction& ex = stories[0].second;
    for (const char* c : {"country:CN", "country:PK", "country:KZ", "country:EG"}) {
        INFO(c);
        const Relation* r = find(ex, "signed", c, "forum:sco-digital-economy-forum");
        REQUIRE(r);
        CHECK(r->source == c);
    }
    CHECK_FALSE(find(ex, "signed", "country:CN", "country:PK"));
    const Relation* met =
        find(stories[1].second, "met", "person:attaullah-tarar", "person:cao-shumin");
    REQUIRE(met);
    CHECK(met->rule == "met.between");
    // China and NRTA qualify Cao Shumin («چین کی … (NRTA) کی وزیر»); they did not meet Tarar
    CHECK_FALSE(find(stories[1].second, "met", "person:attaullah-tarar", "country:CN"));
    CHECK_FALSE(find(stories[1].second, "met", "person:attaullah-tarar", "org:nrta"));
}

TEST_CASE_FIXTURE(Fixture,
                  "seed 004: the Korean ambassador met the IT minister, in text and caption") {
    auto [a, ex] = seed("004_449d9a5e21841ebb").at(0);
    int n = 0;
    for (const auto& r : ex.relations) {
        if (r.relation == "met") {
            ++n;
            CHECK(r.source == "person:suh-sangpyo");
            CHECK(r.target == "person:syed-aminul-haque");
        }
    }
    CHECK(n == 2);
    // «پاکستان میں جنوبی کوریا کے سفیر»: the host country is where, not who
    CHECK_FALSE(find(ex, "met", "country:PK", "person:syed-aminul-haque"));
}

TEST_CASE_FIXTURE(Fixture, "precision guards on sentences written for them") {
    // a city is a place, never a party
    CHECK(text("بیجنگ اور چین کے درمیان ملاقات ہوئی۔").relations.empty());
    // no cue, no tie
    CHECK(text("شہباز شریف سے جیمز ڈونگ نے گفتگو کی۔").relations.empty());
    // the cue must be in the same clause as the parties
    CHECK(text("شہباز شریف نے کہا کہ جیمز ڈونگ سے ملاقات اچھی تھی۔").relations.empty());
    // one tie per pair and relation in a sentence, whichever rules find it
    auto ex = text("عطاء اللہ تارڑ اور کاؤ شو مِن کے درمیان ملاقات اور تعاون پر بات ہوئی۔");
    REQUIRE(ex.relations.size() == 2);
    CHECK(ex.relations[0].relation == "met");
    CHECK(ex.relations[1].relation == "cooperated");
    // a denied tie is no tie, but kept as denied; an approval to sign is not a signing
    auto denied = text("ایران امریکہ کے ساتھ تعاون کی ضرورت محسوس نہیں کرتا۔");
    REQUIRE(denied.relations.size() == 1);
    CHECK(denied.relations[0].relation == "cooperated");
    CHECK(denied.relations[0].polarity == "negated");
    auto approval = text("کابینہ نے پاکستان اور ترکی کے درمیان پروٹوکول پر دستخط کی منظوری دی۔");
    REQUIRE(approval.relations.size() == 1);
    CHECK(approval.relations[0].mode == "intent");
    // «ملے» is also "will get": no meeting here
    CHECK(text("پاکستان اور چین کے درمیان تجارت سے فائدہ ملے گا۔").relations.empty());
    // a person does not tie with the country they act for
    {
        // the Prime Minister holds his office in Pakistan; he is no partner of it
        auto own = text("وزیر اعظم شہباز شریف نے حکومت پاکستان کے ساتھ تعاون کی بات کی۔");
        REQUIRE(own.relations.size() == 1);
        CHECK(own.relations[0].relation == "holds_role");
    }
    // future tense marks intent
    auto fut = text("پاکستان چین کے ساتھ تعاون کرے گا۔");
    REQUIRE(fut.relations.size() == 1);
    CHECK(fut.relations[0].mode == "intent");
}

TEST_CASE_FIXTURE(Fixture, "titles find persons and their roles; a former office gives none") {
    auto ex =
        text("اسرائیل کے سابق وزیر اعظم یہود بارک اور روس کے صدر ولادیمیر پوتن نے ملاقات کی۔");
    REQUIRE(ex.discovered.size() == 2);
    CHECK(ex.discovered[0].label_ur == "یہود بارک");
    CHECK(ex.discovered[0].subtype == "discovered");
    // Putin is president of Russia; Barak's office is a past one, so no role at all
    REQUIRE(ex.roles.size() == 1);
    CHECK(ex.roles[0].org == "country:RU");
    CHECK(ex.roles[0].title == "صدر");
    CHECK(find(ex, "holds_role", ex.discovered[1].id, "country:RU"));
    CHECK_FALSE(find(ex, "holds_role", ex.discovered[0].id, "country:PK"));
    // another office's country is not this one's
    auto wishes = text("چینی وزیراعظم کا وزیر اعظم عمران خان کیلئے نیک خواہشات کا اظہار۔");
    CHECK_FALSE(find(wishes, "holds_role", "person:imran-khan", "country:CN"));
    CHECK(find(wishes, "holds_role", "person:imran-khan", "country:PK"));
    // «سابق» before a demonym is a former office too
    CHECK(text("سابق امریکی صدر جارج ڈبلیو بش نے کہا۔").roles.empty());
}

TEST_CASE_FIXTURE(Fixture, "«ان کا ملک» is the country of the person who spoke last") {
    auto ex = text(
        "پاکستان میں چین کے سفیر جیانگ زائیدونگ نے کہا کہ ان کا ملک پاکستان کے ساتھ تعاون "
        "بڑھانا چاہتا ہے۔");
    REQUIRE(ex.discovered.size() == 1);
    CHECK(ex.discovered[0].country == "CN");
    const Relation* r = find(ex, "cooperated", "country:CN", "country:PK");
    REQUIRE(r);
    CHECK(r->mode == "intent");
    CHECK(find(ex, "holds_role", ex.discovered[0].id, "country:CN"));
}

TEST_CASE("limits bound the work of hostile sentences, and say what they cut") {
    const Lexicon lexicon = Lexicon::embedded();
    const Rules rules = Rules::embedded();
    Limits limits;
    limits.sentence_tokens = 40;
    limits.sentence_mentions = 3;
    const Extractor small(lexicon, rules, limits);
    auto run = [&](const std::string& s) {
        Article a;
        a.id = std::string("t");  // not = "t": GCC 12 -O2 -Wrestrict misreads that with ASan
        a.text = s;
        a.regions = {{0, static_cast<std::uint32_t>(s.size())}};
        return small.run(a);
    };
    // a «sentence» of 500 words without an end: only the first 40 tokens are read
    std::string words = "وزیراعظم شہباز شریف سے چینی سفیر نے ملاقات کی";
    for (int i = 0; i < 100; ++i)
        words += " اور پاکستان چین ترکی";
    const Extraction long_one = run(words);
    REQUIRE(long_one.limits.size() >= 1);
    CHECK(long_one.limits[0].find("sentence 1 has") == 0);
    CHECK(long_one.limits[0].find("only the first 40 were read") != std::string::npos);
    // what lies within the limit is still read, and nothing past it
    CHECK(std::any_of(long_one.mentions.begin(), long_one.mentions.end(),
                      [](const Mention& m) { return m.entity == "person:shehbaz-sharif"; }));
    CHECK(std::all_of(long_one.mentions.begin(), long_one.mentions.end(),
                      [&](const Mention& m) { return m.span.end < 400; }));

    // a sentence naming many actors: only the first three can relate
    const Extraction many =
        run("پاکستان، چین، ترکی، ایران، سعودی عرب اور قطر کے درمیان تعاون کا معاہدہ ہوا۔");
    REQUIRE(many.limits.size() == 1);
    CHECK(many.limits[0].find("names 6 actors; only the first 3 can relate") != std::string::npos);
    for (const auto& r : many.relations) {
        CHECK(r.source != "country:QA");
        CHECK(r.target != "country:QA");
    }

    // an ordinary sentence hits no limit
    CHECK(run("وزیراعظم شہباز شریف سے چینی سفیر نے ملاقات کی۔").limits.empty());
}
