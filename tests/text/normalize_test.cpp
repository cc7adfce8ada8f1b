#include <rabta/text.h>

#include "support.h"

using rabta::fold;
using rabta::fold_key;
using rabta::Span;

namespace {
// Finds `needle` (already folded) in the fold of `original`, maps it back, and
// returns the original bytes it covers.
std::string original_of_match(const std::string& original, const std::string& needle) {
    auto ft = fold(original);
    auto at = ft.text.find(needle);
    REQUIRE_MESSAGE(at != std::string::npos, "folded text lacks " << needle);
    Span s = ft.original(
        {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(at + needle.size())});
    return std::string(s.of(original));
}
}  // namespace

TEST_CASE("Arabic letter variants fold to their Urdu letters") {
    struct Row {
        const char* in;
        const char* out;
    };
    const Row rows[] = {
        {"\u064A", "\u06CC"},           // Arabic yeh → Farsi yeh
        {"\u0649", "\u06CC"},           // alef maksura
        {"\u0643", "\u06A9"},           // Arabic kaf → keheh
        {"\u0647", "\u06C1"},           // Arabic heh → heh goal
        {"\u0629", "\u06C3"},           // teh marbuta → teh marbuta goal
        {"\u0640", ""},                 // tatweel dropped
        {"\u06F1\u06F2\u06F3", "123"},  // Urdu digits
        {"\u0661\u0662", "12"},         // Arabic-Indic digits
        {"\u00A0", " "},                // NBSP
        {"\u200F\u200E", ""},           // RLM, LRM
        {"NRTA", "nrta"},
        {"\uFEFB", "\u0644\u0627"},  // presentation form lam-alef → ل ا (NFKC)
        {"\uFB8E", "\u06A9"},        // keheh isolated form → ک
    };
    for (const auto& r : rows)
        CHECK(fold(r.in).text == r.out);
}

TEST_CASE("real Urdu spellings fold to one key") {
    // seed 000 writes the Prime Minister joined in the headline and spaced in the body
    CHECK(fold_key("شہبازشریف") == fold_key("شہباز شریف"));
    // kasra of the izafat (seed 000: «قابلِ عمل») and damma (every UrduPoint dateline «اُردو»)
    CHECK(fold_key("قابلِ عمل") == fold_key("قابل عمل"));
    CHECK(fold_key("اُردو پوائنٹ") == fold_key("اردو پوائنٹ"));
    // «شِنہوا» in seed 002 with kasra, «شنہوا» without
    CHECK(fold_key("شِنہوا") == fold_key("شنہوا"));
    // superscript alef «اعلیٰ»
    CHECK(fold_key("اعلیٰ") == fold_key("اعلی"));
    // Arabic kaf and yeh as pasted from Arabic-script sources
    CHECK(fold_key("\u0643\u0648\u0631\u064A\u0627") == fold_key("کوریا"));
    // a decomposed alef madda (about a third of آ in real news) equals the composed one
    CHECK(fold_key("\u0627\u0653\u0628\u0627\u062F") == fold_key("\u0622\u0628\u0627\u062F"));
    CHECK(fold_key("اسلام آباد") == fold_key("اسلام\u00A0آباد"));
    // ZWNJ inside a compound is dropped
    CHECK(fold_key("کمپیوٹر\u200Cسائنس") == fold_key("کمپیوٹرسائنس"));
}

TEST_CASE("a folded match maps back to the exact original bytes") {
    // seed 002 writes «شِنہوا» with a kasra; the evidence must quote it as written
    const std::string line =
        "پاکستان کے بورڈ آف انویسٹمنٹ کی ایگزیکٹو ڈائریکٹر ارفع اقبال نے شِنہوا سے گفتگو کرتے ہوئے "
        "کہا";
    CHECK(original_of_match(line, "شنہوا") == "شِنہوا");
    CHECK(original_of_match(line, "ارفع اقبال") == "ارفع اقبال");
    // decomposed alef madda: the folded ا maps to both original code points
    const std::string decomposed = "اسلام \u0627\u0653باد میں";
    CHECK(original_of_match(decomposed, "اباد") == "\u0627\u0653باد");
    // a tatweel inside stays in the quoted span, and so do marks dropped right after
    // the last letter (a trailing diacritic belongs to its letter)
    const std::string marks = "وزیر\u0640اعظمِ\u200F نے";
    CHECK(original_of_match(marks, "وزیراعظم") == "وزیر\u0640اعظمِ\u200F");
    // the whole text maps to the whole text
    auto ft = fold(line);
    CHECK(ft.original({0, static_cast<std::uint32_t>(ft.text.size())}).of(line) == line);
    CHECK(ft.to_original.size() == ft.text.size() + 1);
}

TEST_CASE("yeh with hamza above becomes ئ") {
    CHECK(fold("\u06CC\u0654").text == "\u0626");
}

TEST_CASE("a line of a folded text reads as the fold of that line alone") {
    // decomposed alef madda (ا + U+0653), a diacritic, tatweel, CRLF, Arabic yeh
    // and kaf, NBSP, and a line that starts with hamza above (no NFKC boundary)
    const std::string text =
        "ا\xd9\x93پ کے لیے\r\nوزیرِ خارجہ نے چـین کا دورہ كيا\xc2\xa0۔\r\n"
        "\xd9\x94ہمزہ سے شروع\nPost Views: 12";
    const rabta::FoldedText whole = fold(text);
    std::size_t start = 0, lines = 0, fresh = 0;
    while (start <= text.size()) {
        const std::size_t nl = std::min(text.find('\n', start), text.size());
        std::size_t end = nl;
        if (end > start && text[end - 1] == '\r') --end;
        const Span line{static_cast<std::uint32_t>(start), static_cast<std::uint32_t>(end)};
        const rabta::FoldedText alone = fold(line.of(text));
        const rabta::FoldedSpan part(&whole, text, line);
        CHECK(part.text() == alone.text);
        const rabta::FoldedText copy = part.copy();
        CHECK(copy.to_original == alone.to_original);
        // every folded word maps back to the same original bytes
        for (std::uint32_t b = 0; b < alone.text.size(); ++b)
            CHECK(part.original({b, static_cast<std::uint32_t>(alone.text.size())}) ==
                  alone.original({b, static_cast<std::uint32_t>(alone.text.size())}));
        fresh += part.text().data() < whole.text.data() ||
                 part.text().data() > whole.text.data() + whole.text.size();
        ++lines;
        start = nl + 1;
    }
    CHECK(lines == 4);
    CHECK(fresh == 1);  // only the line that starts with a combining mark is folded anew
}
