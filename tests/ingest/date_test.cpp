#include <rabta/date.h>

#include "support.h"

using rabta::parse_date;

TEST_CASE("publication dates in the forms the seeds and corpus use") {
    struct Row {
        const char* text;
        const char* iso;
    };
    const Row rows[] = {
        {"جمعرات 10 جولائی 2025 22:28", "2025-07-10"},  // UrduPoint date line (seed 000)
        {"اتوار 14 ستمبر 2025 17:00", "2025-09-14"},    // seed 001
        {"14 ستمبر2025ء", "2025-09-14"},                // UrduPoint dateline
        {"July 06, 2024", "2024-07-06"},                // Xinhua Urdu (seed 002)
        {"11th, July 2025 GMT", "2025-07-11"},          // seed 003 after its label
        {"2023-03-29", "2023-03-29"},
        {"16 دسمبر 2025", "2025-12-16"},
        {"08 نومبر ، 2024", "2024-11-08"},  // titles in the ASamad73 corpus
        {"29 February 2024", "2024-02-29"},
    };
    for (const auto& r : rows) {
        INFO(r.text);
        auto d = parse_date(r.text, true);
        REQUIRE(d.has_value());
        CHECK(*d == r.iso);
    }
}

TEST_CASE("what is not a full, valid date gives none") {
    CHECK_FALSE(
        parse_date("May, 15th, 25", true));  // scraper header with a two-digit year (seed 002)
    CHECK_FALSE(parse_date("31 فروری 2025", true));
    CHECK_FALSE(parse_date("29 February 2023", true));
    CHECK_FALSE(parse_date("819", true));  // view counter (seed 004)
    CHECK_FALSE(parse_date("جولائی", true));
    CHECK_FALSE(parse_date("", true));
}

TEST_CASE("whole-line dates reject text around the date; embedded search finds it") {
    const char* line = "اسلام آباد (اُردو پوائنٹ اخبارتازہ ترین - آن لائن۔ 10 جولائی2025ء)";
    CHECK_FALSE(parse_date(line, true));
    auto d = parse_date(line, false);
    REQUIRE(d);
    CHECK(*d == "2025-07-10");
}
