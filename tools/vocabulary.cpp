// Derives the common-word vocabulary of the recognizer from a corpus: the
// folded word forms that occur at least --min-count times, less every word of a
// lexicon name or pattern, and every word the corpus uses as a name (in the
// three words after a title or honorific in --name-share percent of its uses). Urdu has no capital
// letters; what tells a name from a word is that it is not a common word, so the discoverer never
// starts or ends a name with one of these. Prints a JSON array, one word a line,
// most frequent first (ties by bytes), for seeds/rules/actors.json "common_words".
#include <fmt/format.h>
#include <rabta/article.h>
#include <rabta/boilerplate.h>
#include <rabta/error.h>
#include <rabta/lexicon.h>
#include <rabta/rules.h>
#include <rabta/text.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

std::vector<std::string> words_of(const std::string& s) {
    const rabta::FoldedText ft = rabta::fold(s);
    std::vector<std::string> out;
    for (const auto& t : rabta::tokenize(ft.text, {0, static_cast<std::uint32_t>(ft.text.size())}))
        if (t.word) out.emplace_back(t.span.of(ft.text));
    return out;
}

// Words that are names or parts of the patterns: never common.
std::set<std::string> known_words(const rabta::Lexicon& lex, const rabta::ActorPatterns& p) {
    std::set<std::string> w;
    auto add = [&](const std::string& s) {
        for (auto& x : words_of(s))
            w.insert(std::move(x));
    };
    for (const auto& a : lex.actors()) {
        for (const auto& n : a.names)
            add(n);
        for (const auto& d : a.demonyms)
            add(d);
    }
    for (const auto* list : {&p.portfolios, &p.organization_suffixes, &p.forum_heads,
                             &p.ministry_heads, &p.honorifics, &p.list_nouns})
        for (const auto& ph : *list)
            for (const auto& x : ph)
                w.insert(x);
    return w;
}

// Titles and honorifics (by their last word): the words after one stand in a
// name's slot.
std::set<std::string> slot_openers(const rabta::ActorPatterns& p) {
    std::set<std::string> s;
    auto add = [&](const std::vector<rabta::Phrase>& phrases) {
        for (const auto& ph : phrases)
            if (!ph.empty()) s.insert(ph.back());
    };
    add(p.honorifics);
    for (const auto& t : p.titles)
        add(t.words);
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"rabta common-word vocabulary"};
    std::vector<std::string> paths;
    long min_count = 40, name_share = 15;
    app.add_option("paths", paths, "Corpus files or directories")->required();
    app.add_option("--min-count", min_count, "Occurrences for a word to be common")
        ->capture_default_str();
    app.add_option("--name-share", name_share,
                   "Percent of a word's occurrences in a name's slot (the three words after a "
                   "title or honorific) that make it a name")
        ->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    const rabta::Lexicon lex = rabta::Lexicon::embedded();
    const rabta::Rules rules = rabta::Rules::embedded();
    const std::set<std::string> names = known_words(lex, rules.actors);
    std::set<std::string> stops;
    for (const auto& ph : rules.actors.name_stops)
        if (ph.size() == 1) stops.insert(ph[0]);
    const std::set<std::string> openers = slot_openers(rules.actors);
    std::map<std::string, long> count, after_opener;
    rabta::read_corpus(
        paths, rabta::Boilerplate::embedded(),
        [&](rabta::Article&& a) {
            const std::vector<std::string> w = words_of(a.title + "\n" + a.text);
            // up to three words after an opener, to the first function word
            std::size_t slot = 0;
            for (std::size_t i = 0; i < w.size(); ++i) {
                ++count[w[i]];
                if (stops.count(w[i])) slot = 0;
                if (slot > 0) {
                    ++after_opener[w[i]];
                    --slot;
                }
                if (openers.count(w[i])) slot = 3;
            }
        },
        [](const rabta::InputError&) {});
    std::vector<std::pair<long, std::string>> common;
    for (const auto& [word, n] : count) {
        if (n < min_count || names.count(word) || openers.count(word)) continue;
        auto it = after_opener.find(word);
        if (it != after_opener.end() && it->second * 100 >= name_share * n) continue;
        if (std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; }))
            continue;
        common.emplace_back(-n, word);
    }
    std::sort(common.begin(), common.end());
    fmt::print("[\n");
    for (std::size_t i = 0; i < common.size(); ++i)
        fmt::print("  \"{}\"{}\n", common[i].second, i + 1 < common.size() ? "," : "");
    fmt::print("]\n");
    return 0;
}
