#include "recognize/matcher.h"

#include <rabta/text.h>

#include "support.h"

using namespace rabta;

namespace {
std::vector<std::string> match(const Lexicon& lex, const std::string& text) {
    auto ft = fold(text);
    auto toks = tokenize(ft.text, {0, static_cast<std::uint32_t>(ft.text.size())});
    std::vector<std::string_view> views;
    std::vector<bool> word;
    for (const auto& t : toks) {
        views.push_back(t.span.of(ft.text));
        word.push_back(t.word);
    }
    std::vector<std::string> ids;
    for (const auto& m : detail::Matcher(lex).find(views, word))
        ids.push_back(lex.actors()[m.key.actor].id);
    return ids;
}
}  // namespace

TEST_CASE("whole words only: چین is not in چینل, and چینی is the demonym") {
    const Lexicon lex = Lexicon::embedded();
    CHECK(match(lex, "نجی ٹی وی چینل پر").empty());
    CHECK(match(lex, "چین میں") == std::vector<std::string>{"country:CN"});
    CHECK(match(lex, "چینی کمپنیوں") == std::vector<std::string>{"country:CN"});
    CHECK(match(lex, "پاکستانیوں").empty());
}

TEST_CASE("space-insensitive and longest match") {
    const Lexicon lex = Lexicon::embedded();
    CHECK(match(lex, "شہبازشریف") == std::vector<std::string>{"person:shehbaz-sharif"});
    CHECK(match(lex, "وزیراعظم محمد شہباز شریف سے") ==
          std::vector<std::string>{"person:shehbaz-sharif"});
    // the forum's name contains «شنگھائی تعاون تنظیم» (SCO): the longer name wins
    CHECK(match(lex, "شنگھائی تعاون تنظیم کا ڈیجیٹل اکنامک فورم چین کے شہر") ==
          std::vector<std::string>{"forum:sco-digital-economy-forum", "country:CN"});
    CHECK(match(lex, "شنگھائی تعاون تنظیم کے اجلاس") == std::vector<std::string>{"org:sco"});
    // «پاکستان ٹیلی ویژن (PTV)» is the broadcaster, twice, not the country
    CHECK(match(lex, "پاکستان ٹیلی ویژن (PTV) اور") ==
          std::vector<std::string>{"org:ptv", "org:ptv"});
    // a variant spelling within one article (seed 004)
    CHECK(match(lex, "سو سنگپیو اور سوو سنگپیو") ==
          std::vector<std::string>{"person:suh-sangpyo", "person:suh-sangpyo"});
}
