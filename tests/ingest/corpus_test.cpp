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
