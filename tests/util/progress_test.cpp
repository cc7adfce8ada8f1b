#include <rabta/progress.h>

#include <sstream>
#include <string>
#include <vector>

#include "support.h"

using namespace rabta;

TEST_CASE(
    "the meter reports the first record at once, then at most once per interval, then the end") {
    std::vector<Progress> seen;
    ProgressMeter meter([&](const Progress& p) { seen.push_back(p); }, 1000, 3600);
    meter.advance(1, 100);
    meter.advance(1, 100);  // within the hour: not reported
    meter.advance(1, 100);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].articles == 1);
    CHECK(seen[0].bytes == 100);
    CHECK(seen[0].total_bytes == 1000);
    CHECK_FALSE(seen[0].finished);
    meter.finish();
    REQUIRE(seen.size() == 2);
    CHECK(seen[1].articles == 3);
    CHECK(seen[1].bytes == 300);
    CHECK(seen[1].finished);
    meter.advance(1, 100);  // after the end: nothing
    meter.finish();
    CHECK(seen.size() == 2);
}

TEST_CASE("a file that grew while it was read never shows more than 100%") {
    std::vector<Progress> seen;
    ProgressMeter meter([&](const Progress& p) { seen.push_back(p); }, 100, 0);
    meter.advance(1, 150);
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].total_bytes == 150);
}

TEST_CASE("a stream read through ProgressInput gives the same bytes and counts its lines") {
    const std::string lines =
        "{\"id\": \"j1\", \"text\": \"شہباز شریف سے جیمز ڈونگ نے ملاقات کی۔\"}\n"
        "{\"id\": \"j2\", \"text\": \"پاکستان اور چین کے درمیان تعاون۔\"}\n";
    std::istringstream source(lines);
    std::vector<Progress> seen;
    ProgressMeter meter([&](const Progress& p) { seen.push_back(p); }, lines.size(), 0);
    ProgressInput counted(*source.rdbuf(), meter);
    std::istream in(&counted);
    std::string line, all;
    while (std::getline(in, line))
        all += line + "\n";
    CHECK(all == lines);
    meter.finish();
    REQUIRE_FALSE(seen.empty());
    CHECK(seen.back().articles == 2);
    CHECK(seen.back().bytes == lines.size());
    CHECK(seen.back().finished);
}
