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
