#include <rabta/article.h>
#include <rabta/boilerplate.h>
#include <rabta/error.h>

#include "support.h"

using namespace rabta;
using rabta::test::seed;

namespace {
std::vector<Article> page(const std::string& stem) {
    return read_page(stem + ".txt", stem, seed(stem), Boilerplate::embedded());
}
std::string content(const Article& a) {
    std::string s;
    for (Span r : a.regions)
        s += std::string(r.of(a.text)) + "\n";
    return s;
}
}  // namespace

TEST_CASE("seed 000: title, date line, dateline, and no boilerplate in the content") {
    auto arts = page("000_e3da61d015d2337c");
    REQUIRE(arts.size() == 1);
    const Article& a = arts[0];
    CHECK(a.id == "000_e3da61d015d2337c");
    CHECK(a.title ==
          "ای کامرس برآمدات میں انقلاب لا سکتی ہے، علی بابا جیسے پلیٹ فارمز کا بھرپور فائدہ اٹھایا "
          "جائے، شہبازشریف");
    CHECK(a.published == "2025-07-10");
    CHECK(a.dateline == "اسلام آباد");
    CHECK(a.outlet == "اُردو پوائنٹ");
    CHECK(a.agency == "آن لائن");
    CHECK(a.boilerplate_lines >= 2);  // «(جاری ہے)» and the teaser
    const std::string c = content(a);
    CHECK(c.find("(جاری ہے)") == std::string::npos);
    CHECK(c.find("جمعرات 10 جولائی") == std::string::npos);
    CHECK(c.find("پلیٹ فارمز کا ..") == std::string::npos);  // the teaser that repeats the title
    CHECK(c.find("آن لائن۔ 10 جولائی2025ء)") == std::string::npos);  // dateline is not a sentence
    CHECK(c.find("وزیراعظم محمد شہباز شریف سے عالمی شہرت یافتہ") != std::string::npos);
    // regions point into the original text
    for (Span r : a.regions)
        CHECK(r.end <= a.text.size());
}

TEST_CASE("seed 002: scraper header and Xinhua captions are dropped, the outlet is kept") {
    const Article a = page("002_64b5cc6f0c724d73").at(0);
    CHECK(a.title ==
          "چین پاکستان اقتصادی راہداری کی اعلیٰ معیاری ترقی میں ڈیجیٹل معیشت کا اہم کردارتازترین");
    CHECK(a.published == "2024-07-06");
    CHECK(a.outlet == "شِنہوا");
    CHECK(a.dateline == "بیجنگ");
    const std::string c = content(a);
    CHECK(c.find("Ashburn") == std::string::npos);
    CHECK(c.find("پینل مباحثے کا ایک منظر") == std::string::npos);  // caption «… (شِنہوا)»
    CHECK(c.find("سائبر نیٹ کے سی او او") != std::string::npos);
}

TEST_CASE("seed 003 holds two stories; the second gets its own id") {
    auto arts = page("003_32cc9811ad68b415");
    REQUIRE(arts.size() == 2);
    CHECK(arts[0].id == "003_32cc9811ad68b415");
    CHECK(arts[0].published == "2025-07-11");  // «اشاعت کی تاریخ: 11th, July 2025 GMT»
    CHECK(arts[0].outlet == "Daily Mumtaz");   // «ذریعہ: Daily Mumtaz»
    CHECK(content(arts[0]).find("کلیدی لفظ") == std::string::npos);
    CHECK(content(arts[0]).find("عطاء اللہ تارڑ") == std::string::npos);
    CHECK(arts[1].id == "003_32cc9811ad68b415-2");
    CHECK(arts[1].title == "بیجنگ: پاکستان اور چین کے درمیان میڈیا تعاون کو وسعت دینے پر اتفاق");
    CHECK(arts[1].published == "2025-07-11");
    CHECK(content(arts[1]).find("عطاء اللہ تارڑ") != std::string::npos);
    CHECK(content(arts[1]).find("Post Views") == std::string::npos);
    // one record, the page: a change to either story re-reads both
    CHECK(arts[0].content_hash == arts[1].content_hash);
    CHECK(arts[0].story_hash != arts[1].story_hash);
}

TEST_CASE("seed 004: related-links block and comment form dropped, no invented date") {
    const Article a = page("004_449d9a5e21841ebb").at(0);
    CHECK(a.published.empty());
    const std::string c = content(a);
    CHECK(c.find("زرعی یونیورسٹی میں پاک کوریا نیوٹریشن سنٹر") == std::string::npos);
    CHECK(c.find("یہ بھی پڑھیے") == std::string::npos);
    CHECK(c.find("Please enter your comment") == std::string::npos);
    CHECK(c.find("جواب چھوڑیں") == std::string::npos);
    CHECK(c.find("819") == std::string::npos);
    // the paragraph right after the link list is story text
    CHECK(c.find("وفاقی وزیر سید امین الحق نے کہا کہ پاکستان کوریا") != std::string::npos);
}

TEST_CASE("bad pages are reported with the file and the reason") {
    const auto& bp = Boilerplate::embedded();
    CHECK_THROWS_WITH_AS(read_page("empty.txt", "empty", "", bp), "empty.txt: empty file",
                         InputError);
    CHECK_THROWS_WITH_AS(read_page("views.txt", "views", "Post Views: 12\n(جاری ہے)\n", bp),
                         "views.txt: no story text (only boilerplate)", InputError);
}

TEST_CASE("invalid UTF-8 is replaced and reported once, with the offset of the first bad byte") {
    const auto& bp = Boilerplate::embedded();
    // Latin-1 bytes in a Karachi dateline, twice
    const std::string bad = "عنوان\n\nکراچی \xE9t\xE9 میں اجلاس ہوا۔\n";
    std::vector<std::string> notes;
    auto arts = read_page("bad.txt", "bad", bad, bp, [&](const InputError& e) {
        CHECK(e.repaired());
        notes.push_back(e.what());
    });
    REQUIRE(notes.size() == 1);
    CHECK(notes[0] == "bad.txt: invalid UTF-8 at byte offset 23 (2 bytes replaced by U+FFFD)");
    REQUIRE(arts.size() == 1);
    CHECK(arts[0].text.find("کراچی \uFFFDt\uFFFD میں") != std::string::npos);
    CHECK(arts[0].title == "عنوان");
}
