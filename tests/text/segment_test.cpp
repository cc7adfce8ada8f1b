#include <rabta/text.h>

#include "support.h"

using namespace rabta;

namespace {
std::vector<std::string> sentences(const std::string& text) {
    auto ft = fold(text);
    std::vector<std::string> out;
    for (Span s : split_sentences(ft.text, {0, static_cast<std::uint32_t>(ft.text.size())})) {
        out.emplace_back(ft.original(s).of(text));
    }
    return out;
}
std::vector<std::string> words(const std::string& text) {
    auto ft = fold(text);
    std::vector<std::string> out;
    for (const Token& t : tokenize(ft.text, {0, static_cast<std::uint32_t>(ft.text.size())})) {
        out.emplace_back(t.span.of(ft.text));
    }
    return out;
}
}  // namespace

TEST_CASE("sentences end at ۔ ؟ ! ? and line breaks, even without a space after") {
    // seed 000: «…تشکیل دینے کا اعلان کیا۔وزیراعظم نے بتایا…»
    auto s = sentences("اعلان کیا۔وزیراعظم نے بتایا کہ ہے؟ جی ہاں!\nنئی سطر");
    REQUIRE(s.size() == 4);
    CHECK(s[0] == "اعلان کیا۔");
    CHECK(s[1] == "وزیراعظم نے بتایا کہ ہے؟");
    CHECK(s[2] == "جی ہاں!");
    CHECK(s[3] == "نئی سطر");
}

TEST_CASE("a decimal number does not end a sentence") {
    // seed 004
    auto s = sentences(
        "پہلے 9 مہینوں میں 43.59 فیصد اضافہ ہوا ہے، آئی ٹی انڈسٹری کو سہولیات دی جائیں گی۔");
    CHECK(s.size() == 1);
}

TEST_CASE("an ASCII full stop ends an Urdu sentence, not a number or an abbreviation") {
    // BBC Urdu types "." at the end of its copyright line; seed 003 ends mid-number at "3."
    auto s = sentences("بیرونی لنکس کے بارے میں ہماری پالیسی. اگلی بات U.S. اور Mr. Dong کی ہے");
    REQUIRE(s.size() == 2);
    CHECK(s[0] == "بیرونی لنکس کے بارے میں ہماری پالیسی.");
    CHECK(sentences("آن لائن ریٹیل مارکیٹ کا پیمانہ 3.").size() == 1);
    CHECK(sentences("شرح 43.59 فیصد رہی. پھر").size() == 2);
}

TEST_CASE("a closing quote after the end stays with its sentence") {
    // BBC Urdu opens a quotation with ’ and closes it with ‘
    auto s = sentences("’سردیوں کی رات تھی۔‘ پھر سڑک سنسان تھی۔ اس نے کہا ”ٹھیک ہے؟“ اور چلا گیا");
    REQUIRE(s.size() == 4);
    CHECK(s[0] == "’سردیوں کی رات تھی۔‘");
    CHECK(s[1] == "پھر سڑک سنسان تھی۔");
    CHECK(s[2] == "اس نے کہا ”ٹھیک ہے؟“");
}

TEST_CASE("runs of terminators stay with their sentence") {
    auto s = sentences("کیا واقعی؟! ہاں۔۔۔ ٹھیک");
    REQUIRE(s.size() == 3);
    CHECK(s[0] == "کیا واقعی؟!");
    CHECK(s[1] == "ہاں۔۔۔");
}

TEST_CASE("words split at spaces, punctuation and digit/letter changes") {
    // UrduPoint dateline dates glue the year to the month and the era mark: «10 جولائی2025ء»
    CHECK(words("10 جولائی2025ء)") == std::vector<std::string>{"10", "جولائی", "2025", "ء", ")"});
    CHECK(words("چین، پاکستان ، قازقستان") ==
          std::vector<std::string>{"چین", "،", "پاکستان", "،", "قازقستان"});
    CHECK(words("(Suh Sangpyo) نے") == std::vector<std::string>{"(", "suh", "sangpyo", ")", "نے"});
    CHECK(words("شہبازشریف") == std::vector<std::string>{"شہبازشریف"});
}
