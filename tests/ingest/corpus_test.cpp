// Reads all of ../shared/corpus (skipped when absent) and reports what the text
// layer did with it: no crash, every story non-empty, boilerplate removed, dates
// found per outlet. The figures are printed for the record (meson test -v).
#include <rabta/article.h>
#include <rabta/boilerplate.h>
#include <rabta/error.h>
#include <rabta/extract.h>

#include <map>

#include "support.h"

using namespace rabta;

TEST_CASE("the whole shared corpus goes through ingest and the text layer") {
    const auto shared = rabta::test::shared_dir();
    if (shared.empty()) {
        MESSAGE("../shared is absent: skipped");
        return;
    }
    struct Outlet {
        std::size_t articles = 0, dated = 0, datelines = 0, boilerplate = 0;
        std::size_t opens_with_dateline = 0, found_there = 0;  // UrduPoint's «(اُردو پوائنٹ …)»
    };
    std::map<std::string, Outlet> by_outlet;
    std::size_t articles = 0, problems = 0, repaired = 0, boilerplate = 0, sentences = 0,
                empty_sentences = 0;
    const Lexicon lex = Lexicon::embedded();
    const Rules rules = Rules::embedded();
    const Extractor ex(lex, rules);
    read_corpus(
        {(shared / "corpus").string()}, Boilerplate::embedded(),
        [&](Article&& a) {
            ++articles;
            Outlet& o = by_outlet[a.outlet.empty() ? "(unknown)" : a.outlet];
            ++o.articles;
            if (!a.published.empty()) ++o.dated;
            if (!a.dateline.empty()) ++o.datelines;
            o.boilerplate += a.boilerplate_lines;
            if (a.text.substr(0, 160).find("(اُردو پوائنٹ") != std::string::npos) {
                ++o.opens_with_dateline;
                if (!a.dateline.empty()) ++o.found_there;
            }
            boilerplate += a.boilerplate_lines;
            REQUIRE_FALSE(a.regions.empty());
            Extraction x = ex.run(a);
            sentences += x.sentences.size();
            for (Span s : x.sentences) {
                if (s.empty()) ++empty_sentences;
                REQUIRE(s.end <= a.text.size());
            }
            for (const Mention& m : x.mentions)
                REQUIRE(m.span.end <= a.text.size());
        },
        [&](const InputError& e) { ++(e.repaired() ? repaired : problems); });
    MESSAGE("articles read: " << articles << ", reported and skipped: " << problems
                              << ", repaired: " << repaired);
    MESSAGE("boilerplate lines removed: " << boilerplate << ", sentences: " << sentences);
    for (const auto& [name, o] : by_outlet) {
        MESSAGE(name << ": " << o.articles << " articles, " << o.dated << " dated, " << o.datelines
                     << " with a dateline, " << o.boilerplate << " boilerplate lines removed");
    }
    CHECK(articles > 30000);
    CHECK(empty_sentences == 0);
    CHECK(boilerplate > 500);
    // BBC Urdu records carry a date; UrduPoint dates its datelines
    CHECK(by_outlet["BBC Urdu"].dated * 100 >= by_outlet["BBC Urdu"].articles * 95);
    CHECK(by_outlet["UrduPoint"].dated * 10 >= by_outlet["UrduPoint"].articles * 9);
    const Outlet& up = by_outlet["UrduPoint"];
    MESSAGE("UrduPoint datelines found: " << up.found_there << " of " << up.opens_with_dateline);
    CHECK(up.found_there * 100 >= up.opens_with_dateline * 98);
}

TEST_CASE("a file name that is not UTF-8 gives a valid article id, and a warning") {
    rabta::test::TempDir dir;
    const std::string page = "عنوان\n2025-07-11\nپاکستان اور چین کے درمیان تعاون کا معاہدہ ہوا۔\n";
    rabta::test::write_file(dir.path() / "caf\xE9-\xFF.txt", page);
    rabta::test::write_file(dir.path() / "n\xE9ws.jsonl",
                            rabta::test::jsonl_record("j1", "عنوان", page));
    std::vector<Article> got;
    std::vector<InputError> problems;
    read_corpus(
        {dir.path().string()}, Boilerplate::embedded(),
        [&](Article&& a) { got.push_back(std::move(a)); },
        [&](const InputError& e) { problems.push_back(e); });
    REQUIRE(got.size() == 2);
    CHECK(got[0].id == "caf%E9-%FF");
    CHECK(got[0].origin == dir.path().string() + "/caf%E9-%FF.txt");
    CHECK(got[1].id == "j1");
    CHECK(got[1].origin == dir.path().string() + "/n%E9ws.jsonl:1");
    REQUIRE(problems.size() == 2);
    CHECK(problems[0].repaired());
    CHECK(problems[0].file() == dir.path().string() + "/caf%E9-%FF.txt");
    CHECK(problems[0].reason() ==
          "the file name is not valid UTF-8: its other bytes are written %XX here, and the "
          "article id is 'caf%E9-%FF'");
    CHECK(problems[1].repaired());
    CHECK(problems[1].file() == dir.path().string() + "/n%E9ws.jsonl");
}
