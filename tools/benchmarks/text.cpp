// Text-layer benchmark: reads a corpus, then times fold + sentence split + word
// tokenization over the text of every article, several runs, and prints each run
// and the median in MB/s. With --icu-words it also times ICU's word
// BreakIterator over the same text, the alternative to rabta's own tokenizer.
// With --dump FILE it writes the same text for a baseline tool (uconv).
#include <fmt/format.h>
#include <rabta/article.h>
#include <rabta/boilerplate.h>
#include <rabta/error.h>
#include <rabta/text.h>
#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>

#include "timing.h"

namespace {

using Clock = std::chrono::steady_clock;

using rabta::bench::median;

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"rabta text-layer benchmark"};
    std::vector<std::string> paths;
    int runs = 5;
    std::string dump;
    bool icu_words = false;
    app.add_option("paths", paths, "Corpus files or directories")->required();
    app.add_option("--runs", runs, "Timed runs")->capture_default_str();
    app.add_option("--dump", dump, "Write the article texts here (one after another) and exit");
    app.add_flag("--icu-words", icu_words, "Also time ICU's word BreakIterator");
    CLI11_PARSE(app, argc, argv);

    std::vector<std::string> texts;
    std::size_t bytes = 0;
    rabta::read_corpus(
        paths, rabta::Boilerplate::embedded(),
        [&](rabta::Article&& a) {
            bytes += a.text.size();
            texts.push_back(std::move(a.text));
        },
        [](const rabta::InputError&) {});
    if (!dump.empty()) {
        std::ofstream out(dump, std::ios::binary);
        for (const auto& t : texts)
            out << t << '\n';
        return out ? 0 : 1;
    }
    const double mb = static_cast<double>(bytes) / 1e6;
    fmt::print("{} articles, {:.1f} MB of text\n", texts.size(), mb);

    auto time_runs = [&](const char* name, auto&& body) {
        std::vector<double> rates;
        std::size_t units = 0;
        for (int r = 0; r < runs; ++r) {
            auto t0 = Clock::now();
            units = 0;
            for (const auto& t : texts)
                units += body(t);
            double s = std::chrono::duration<double>(Clock::now() - t0).count();
            rates.push_back(mb / s);
        }
        fmt::print("{:<34} median {:7.1f} MB/s  (runs:", name, median(rates));
        for (double x : rates)
            fmt::print(" {:.1f}", x);
        fmt::print(")  {} units\n", units);
        return median(rates);
    };

    time_runs("fold + sentences + words (rabta)", [](const std::string& t) {
        rabta::FoldedText ft = rabta::fold(t);
        std::size_t n = 0;
        for (rabta::Span s :
             rabta::split_sentences(ft.text, {0, static_cast<std::uint32_t>(ft.text.size())})) {
            n += rabta::tokenize(ft.text, s).size();
        }
        return n;
    });
    time_runs("fold only", [](const std::string& t) { return rabta::fold(t).text.size(); });
    if (icu_words) {
        std::vector<std::string> folded;
        for (const auto& t : texts)
            folded.push_back(rabta::fold(t).text);
        std::vector<std::string> keep = std::move(texts);
        texts = folded;
        time_runs("words: rabta tokenizer", [](const std::string& t) {
            return rabta::tokenize(t, {0, static_cast<std::uint32_t>(t.size())}).size();
        });
        UErrorCode err = U_ZERO_ERROR;
        std::unique_ptr<icu::BreakIterator> bi(
            icu::BreakIterator::createWordInstance(icu::Locale("ur", "PK"), err));
        time_runs("words: ICU BreakIterator (ur_PK)", [&](const std::string& t) {
            icu::UnicodeString u = icu::UnicodeString::fromUTF8(t);
            bi->setText(u);
            std::size_t n = 0;
            for (int32_t p = bi->first(); p != icu::BreakIterator::DONE; p = bi->next()) {
                if (bi->getRuleStatus() != UBRK_WORD_NONE) ++n;
            }
            return n;
        });
        texts = std::move(keep);
    }
    return 0;
}
