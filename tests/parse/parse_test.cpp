// The clause reader over real Urdu sentences: heads with the case marker that
// closes them, affiliations, coordination, clause boundaries, negation positions
// and references.
#include <rabta/lexicon.h>
#include <rabta/rules.h>
#include <rabta/text.h>

#include <algorithm>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "parse/clause.h"
#include "recognize/discover.h"
#include "recognize/matcher.h"
#include "support.h"

using namespace rabta;
using namespace rabta::detail;

namespace {

// One article read sentence by sentence, as extraction reads it: folded,
// tokenized, its actors recognized, then parsed.
struct ArticleReader {
    Lexicon lexicon = Lexicon::embedded();
    Rules rules = Rules::embedded();
    CompiledGrammar grammar{rules};
    Matcher matcher{lexicon};
    Discoverer discoverer{rules.actors, lexicon};
    ActorTable actors{lexicon};
    TitleMemory titles;
    ArticleState state;

    struct Sentence {
        FoldedText folded;
        std::vector<std::string_view> tokens;
        ParsedSentence parsed;
    };
    std::deque<Sentence> sentences;  // the parsed sentences view their tokens

    const ParsedSentence& read(const std::string& text) {
        Sentence& s = sentences.emplace_back();
        s.folded = fold(text);
        std::vector<Token> toks =
            tokenize(s.folded.text, {0, static_cast<std::uint32_t>(s.folded.text.size())});
        discoverer.split_glued_titles(toks, s.folded.text);
        std::vector<bool> is_word;
        for (const Token& t : toks) {
            s.tokens.push_back(t.span.of(s.folded.text));
            is_word.push_back(t.word);
        }
        const Discovery found =
            discoverer.run(s.tokens, is_word, matcher.find(s.tokens, is_word), actors, titles);
        s.parsed = parse_sentence(grammar, actors, s.tokens, found.mentions, state);
        return s.parsed;
    }

    const std::string& id(std::uint32_t actor) const { return actors[actor].id; }
    std::string marker(int m) const {
        if (m == kNoMarker) return "none";
        if (m == kGenitive) return "gen";
        return grammar.marker_names.at(static_cast<std::size_t>(m));
    }
    std::vector<std::string> ids(const std::vector<std::uint32_t>& v) const {
        std::vector<std::string> out;
        for (auto a : v)
            out.push_back(id(a));
        return out;
    }
};

}  // namespace

TEST_CASE_FIXTURE(ArticleReader, "a «نے» subject with its title, and the delegation's firm") {
    const ParsedSentence& p = read("وفاقی وزیر شزہ فاطمہ خواجہ نے ہواوے کے وفد سے ملاقات کی");
    REQUIRE(p.tokens.size() == 12);
    REQUIRE(p.heads.size() == 2);
    // the head starts at the name, after the title «وفاقی وزیر»
    CHECK(id(p.heads[0].actor) == "person:shaza-fatima-khawaja");
    CHECK(p.heads[0].token == 2);
    CHECK(marker(p.heads[0].marker) == "ne");
    CHECK(p.heads[0].clause == 0);
    // «ہواوے کے وفد سے ملاقات»: the firm waits with «کے» for the noun it qualifies;
    // «وفد» names no actor, so the firm takes the «سے» that closes the phrase.
    CHECK(id(p.heads[1].actor) == "org:huawei");
    CHECK(p.heads[1].token == 6);
    CHECK(marker(p.heads[1].marker) == "se");
    REQUIRE(p.predicates.size() == 1);
    CHECK(p.predicates[0].relation == "met");
    CHECK(p.predicates[0].token == 10);
    CHECK(p.negations.empty());
    CHECK(p.intents.empty());
    CHECK(p.context.empty());
}

// An unnamed delegation of X is a «سے» party that stands for X.
TEST_CASE_FIXTURE(ArticleReader, "the delegation's «سے» carries Huawei as its party") {
    const ParsedSentence& p = read("وفاقی وزیر شزہ فاطمہ خواجہ نے ہواوے کے وفد سے ملاقات کی");
    const auto se = std::find_if(p.heads.begin(), p.heads.end(),
                                 [&](const NounPhrase& h) { return marker(h.marker) == "se"; });
    REQUIRE(se != p.heads.end());
    std::vector<std::string> parties = ids(se->also);
    parties.push_back(id(se->actor));
    for (const auto& a : ids(se->affiliations))
        parties.push_back(a);
    CHECK(std::find(parties.begin(), parties.end(), "org:huawei") != parties.end());
}

TEST_CASE_FIXTURE(ArticleReader,
                  "two clauses: «جبکہ» ends the first, each keeps its heads and cue") {
    const ParsedSentence& p = read(
        "وزیراعظم شہباز شریف نے چینی صدر شی جن پنگ سے ملاقات کی جبکہ پاکستان اور چین نے مفاہمتی "
        "یادداشت پر دستخط کیے");
    REQUIRE(p.tokens.size() == 22);
    REQUIRE(p.tokens[12] == "جبکہ");
    REQUIRE(p.clause_of_token.size() == p.tokens.size() + 1);
    // the break belongs to the clause it ends
    for (std::size_t t = 0; t <= 12; ++t)
        CHECK_MESSAGE(p.clause_of_token[t] == 0, "token ", t);
    for (std::size_t t = 13; t <= p.tokens.size(); ++t)
        CHECK_MESSAGE(p.clause_of_token[t] == 1, "token ", t);

    REQUIRE(p.heads.size() == 4);
    CHECK(id(p.heads[0].actor) == "person:shehbaz-sharif");
    CHECK(marker(p.heads[0].marker) == "ne");
    CHECK(p.heads[0].clause == 0);
    // «چینی صدر شی جن پنگ سے»: a «سے» head that the demonym qualifies
    CHECK(id(p.heads[1].actor) == "person:xi-jinping");
    CHECK(marker(p.heads[1].marker) == "se");
    CHECK(p.heads[1].clause == 0);
    CHECK(ids(p.heads[1].affiliations) == std::vector<std::string>{"country:CN"});
    CHECK(id(p.heads[2].actor) == "country:PK");
    CHECK(marker(p.heads[2].marker) == "and");
    CHECK(p.heads[2].clause == 1);
    CHECK(id(p.heads[3].actor) == "country:CN");
    CHECK(marker(p.heads[3].marker) == "ne");
    CHECK(p.heads[3].clause == 1);

    // «ملاقات» in the first clause; «مفاہمتی یادداشت» and «دستخط», both signing
    // cues, in the second
    REQUIRE(p.predicates.size() == 3);
    CHECK(p.predicates[0].relation == "met");
    CHECK(p.predicates[0].clause == 0);
    for (std::size_t i = 1; i < 3; ++i) {
        CHECK(p.predicates[i].relation == "signed");
        CHECK(p.predicates[i].clause == 1);
    }
}

TEST_CASE_FIXTURE(ArticleReader,
                  "a coordinated list: «،» and «اور» mark its items, «کے ساتھ» its last") {
    const ParsedSentence& p =
        read("پاکستان نے سعودی عرب، متحدہ عرب امارات اور کویت کے ساتھ معاہدے پر دستخط کیے");
    REQUIRE(p.heads.size() == 4);
    CHECK(id(p.heads[0].actor) == "country:PK");
    CHECK(marker(p.heads[0].marker) == "ne");
    CHECK(id(p.heads[1].actor) == "country:SA");
    CHECK(marker(p.heads[1].marker) == "list");
    CHECK(id(p.heads[2].actor) == "country:AE");
    CHECK(marker(p.heads[2].marker) == "and");
    CHECK(id(p.heads[3].actor) == "country:KW");
    CHECK(marker(p.heads[3].marker) == "with");
    // the comma between short items joins the list: it does not end the clause
    for (const NounPhrase& h : p.heads)
        CHECK(h.clause == 0);
    CHECK(p.clause_of_token.back() == 0);
    REQUIRE(p.predicates.size() == 1);
    CHECK(p.predicates[0].relation == "signed");
}

TEST_CASE_FIXTURE(ArticleReader, "negation: its position and its clause") {
    SUBCASE("in the clause of the cue") {
        const ParsedSentence& p = read("پاکستان نے بھارت سے مذاکرات نہیں کیے");
        REQUIRE(p.heads.size() == 2);
        CHECK(marker(p.heads[0].marker) == "ne");
        CHECK(id(p.heads[1].actor) == "country:IN");
        CHECK(marker(p.heads[1].marker) == "se");
        REQUIRE(p.negations.size() == 1);
        CHECK(p.negations[0].token == 5);
        CHECK(p.tokens[p.negations[0].token] == "نہیں");
        CHECK(p.negations[0].clause == 0);
        CHECK(p.intents.empty());
    }
    SUBCASE("in a later clause than the cue") {
        const ParsedSentence& p = read(
            "وفاقی وزیر شزہ فاطمہ خواجہ نے ہواوے کے وفد سے ملاقات کی، تاہم کوئی معاہدہ نہیں ہوا");
        // «معاہدہ … ہوا» is a predicate of its own, in the later clause with its negation
        REQUIRE(p.predicates.size() == 2);
        CHECK(p.predicates[1].relation == "signed");
        CHECK(p.predicates[1].clause == p.negations.at(0).clause);
        CHECK(p.predicates[0].relation == "met");
        CHECK(p.predicates[0].clause == 0);
        REQUIRE(p.negations.size() == 1);
        CHECK(p.tokens[p.negations[0].token] == "نہیں");
        CHECK(p.negations[0].clause > p.predicates[0].clause);
        CHECK(p.clause_of_token[p.negations[0].token] == p.negations[0].clause);
    }
}

TEST_CASE_FIXTURE(ArticleReader, "«انہوں نے» is the person who spoke last in the article") {
    read("وفاقی وزیر شزہ فاطمہ خواجہ نے ہواوے کے وفد سے ملاقات کی");
    const ParsedSentence& p = read("انہوں نے چین کے ساتھ تعاون بڑھانے پر زور دیا");
    REQUIRE(!p.references.empty());
    CHECK(p.references[0].token == 0);
    CHECK(id(p.references[0].actor) == "person:shaza-fatima-khawaja");
    REQUIRE(!p.heads.empty());
    CHECK(id(p.heads[0].actor) == "person:shaza-fatima-khawaja");
    CHECK(marker(p.heads[0].marker) == "ne");
}

TEST_CASE_FIXTURE(ArticleReader, "a light-verb predicate: «معاہدہ» is signed only with its verb") {
    // «معاہدہ … طے پایا» two words apart: the frame's verb lemma is within reach
    const ParsedSentence& done = read(
        "ٹیک برج انٹرنیشنل اور کوہسار ڈیجیٹل کے مابین ڈیٹا سینٹر کی تعمیر کا معاہدہ گزشتہ روز طے "
        "پایا");
    REQUIRE(done.predicates.size() == 1);
    CHECK(done.predicates[0].relation == "signed");
    CHECK(done.tokens[done.predicates[0].token] == "معاہدہ");
    // the noun without a verb of its frame names no relation
    const ParsedSentence& bare = read("پاکستان نے معاہدے کی منسوخی کا مطالبہ دہرایا");
    CHECK(bare.predicates.empty());
}

TEST_CASE_FIXTURE(ArticleReader, "a predicate's scope ends at the next coordinated predicate") {
    const ParsedSentence& p = read(
        "جام کمال خان نے قازق وزیر تجارت سے ملاقات کی اور دوطرفہ تعاون بڑھانے کی خواہش ظاہر کی");
    REQUIRE(p.predicates.size() == 2);
    CHECK(p.predicates[0].relation == "met");
    CHECK(p.predicates[1].relation == "cooperated");
    // «خواہش» is the intent of the cooperation, past the meeting's scope
    CHECK(p.predicates[0].scope_end == p.predicates[1].token);
    CHECK(p.predicates[1].scope_end == p.tokens.size());
    REQUIRE(p.intents.size() == 1);
    CHECK(p.intents[0].token > p.predicates[0].scope_end);
}

TEST_CASE_FIXTURE(ArticleReader, "a demonym's delegation takes the case of its group noun") {
    const ParsedSentence& p =
        read("سعودی تجارتی وفد نے وفاقی وزیر تجارت جام کمال خان سے ملاقات کی");
    REQUIRE(p.heads.size() >= 2);
    CHECK(id(p.heads[0].actor) == "country:SA");
    CHECK(marker(p.heads[0].marker) == "ne");
    // a demonym with no group noun only qualifies: «چینی کمپنی» is not China
    const ParsedSentence& q = read("چینی کمپنی نے کراچی میں دفتر کھولا");
    for (const auto& h : q.heads)
        CHECK(id(h.actor) != "country:CN");
}

TEST_CASE_FIXTURE(ArticleReader,
                  "a predicate's object is the words between its last party and the cue") {
    const ParsedSentence& p = read("جاز نے ہواوے کے ساتھ ای کامرس کے شعبے میں تعاون کیا");
    REQUIRE(p.predicates.size() == 1);
    const Predicate& c = p.predicates[0];
    REQUIRE(c.object_begin < c.token);
    std::string object;
    for (std::size_t t = c.object_begin; t < c.token; ++t)
        object += std::string(p.tokens[t]) + (t + 1 < c.token ? " " : "");
    CHECK(object == "ای کامرس کے شعبے میں");
}

TEST_CASE_FIXTURE(ArticleReader, "a denial has its polarity, and a verb phrase ends its scope") {
    SUBCASE("«معذرت» declines, «منسوخ» withdraws") {
        const ParsedSentence& p = read("قطر نے پاکستان کے ساتھ معاہدے پر دستخط سے معذرت کر لی");
        REQUIRE(p.negations.size() == 1);
        CHECK(grammar.polarity_kind.at(p.negations[0].kind) == "declined");
        const ParsedSentence& q =
            read("ہلال لاجسٹکس نے مہران پورٹ سروسز کے ساتھ مشترکہ منصوبہ منسوخ کر دیا");
        REQUIRE(q.negations.size() == 1);
        CHECK(grammar.polarity_kind.at(q.negations[0].kind) == "withdrawn");
    }
    SUBCASE("a relative clause after the auxiliary is another predicate's") {
        const ParsedSentence& p = read(
            "اے ڈی بی کے صدر ماساتسو گواساکاوا نے وزیرِ خزانہ محمد اورنگزیب سے ملاقات کی ہے "
            "جس میں انہوں نے قرض کی فراہمی کا عندیہ دیا ہے");
        REQUIRE_FALSE(p.predicates.empty());
        const Predicate& met = p.predicates[0];
        CHECK(met.relation == "met");
        REQUIRE(met.scope_end < p.tokens.size());
        CHECK(p.tokens[met.scope_end] == "ہے");
        // the intent word is after the meeting's verb phrase
        REQUIRE_FALSE(p.intents.empty());
        CHECK(p.intents.back().token > met.scope_end);
    }
}
