// Writes a synthetic store for export benchmarks: `entities` persons, `ties`
// met ties between them (fixed pseudo-random pairs), each with `per_tie`
// evidences spread over articles and dates. The same arguments give the same
// store, so ×1, ×10, ×100 evidence runs differ in evidence only.
#include <fmt/format.h>
#include <rabta/article.h>
#include <rabta/extract.h>
#include <rabta/lexicon.h>
#include <rabta/store.h>

#include <CLI/CLI.hpp>
#include <cstdint>
#include <filesystem>

int main(int argc, char** argv) {
    CLI::App app{"synthetic store for export benchmarks"};
    std::string db;
    int entities = 2000, ties = 20000, per_tie = 1;
    app.add_option("--db", db)->required();
    app.add_option("--entities", entities)->capture_default_str();
    app.add_option("--ties", ties)->capture_default_str();
    app.add_option("--per-tie", per_tie, "Evidences per tie")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    // Urdu-looking names from a few syllables, unique per index.
    const char* syl[] = {"شا", "ہد", "نو", "ری", "کا", "مل", "زی", "با", "تو", "فر"};
    std::string lex = R"({"version": 1, "actors": [)";
    for (int i = 0; i < entities; ++i) {
        std::string name;
        for (int k = i; k > 0 || name.empty(); k /= 10)
            name += syl[k % 10];
        lex += fmt::format(
            R"({}{{"id": "person:p{}", "type": "person", "names": ["{} {}"], "country": "{}"}})",
            i ? "," : "", i, name, syl[i % 10], i % 2 ? "PK" : "CN");
    }
    lex += "]}";
    const rabta::Lexicon lexicon = rabta::Lexicon::load({{"synthetic.json", lex}});

    std::filesystem::remove(db);
    rabta::Store store = rabta::Store::create(db);
    store.begin();
    store.put_lexicon(lexicon);
    std::uint64_t x = 88172645463325252ULL;  // xorshift: same pairs every run
    auto rnd = [&] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
    };
    const int per_article = 50;
    rabta::Article a;
    rabta::Extraction ex;
    int article = 0;
    auto flush = [&] {
        if (ex.relations.empty()) return;
        a.id = fmt::format("a{:07}", article);
        a.published =
            fmt::format("{}-{:02}-{:02}", 2020 + article % 6, 1 + article % 12, 1 + article % 28);
        a.content_hash = static_cast<std::uint64_t>(article);
        store.put_article(a, ex);
        ++article;
        a = {};
        ex = {};
    };
    for (int k = 0; k < per_tie; ++k) {
        x = 88172645463325252ULL;
        for (int t = 0; t < ties; ++t) {
            const auto s = static_cast<int>(rnd() % static_cast<std::uint64_t>(entities));
            auto d = static_cast<int>(rnd() % static_cast<std::uint64_t>(entities));
            if (d == s) d = (d + 1) % entities;
            const std::string sentence = fmt::format(
                "{} نے {} سے ملاقات کی۔ ", lexicon.find(fmt::format("person:p{}", s))->label_ur,
                lexicon.find(fmt::format("person:p{}", d))->label_ur);
            const auto begin = static_cast<std::uint32_t>(a.text.size());
            a.text += sentence;
            const auto end = static_cast<std::uint32_t>(a.text.size() - 1);
            const auto idx = static_cast<std::uint32_t>(ex.sentences.size());
            ex.sentences.push_back({begin, end});
            const std::string ids[2] = {fmt::format("person:p{}", std::min(s, d)),
                                        fmt::format("person:p{}", std::max(s, d))};
            ex.mentions.push_back({ids[0], rabta::MentionKind::name, idx, {begin, begin + 2}});
            ex.mentions.push_back({ids[1], rabta::MentionKind::name, idx, {begin, begin + 2}});
            ex.relations.push_back(
                {ids[0], ids[1], "met", false, "done", "affirmed", "", "", "synthetic", 0.9, idx});
            if (static_cast<int>(ex.relations.size()) == per_article) flush();
        }
    }
    flush();
    store.commit();
    fmt::print("{}: {} entities, {} ties, {} evidences in {} articles\n", db, entities, ties,
               static_cast<long>(ties) * per_tie, article);
    return 0;
}
