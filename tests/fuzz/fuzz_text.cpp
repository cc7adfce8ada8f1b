// The normalizer, the segmenter and extraction over arbitrary text (made valid
// UTF-8 first, as the readers do): spans stay inside the text, and every
// relation names a sentence that exists.
#include <rabta/article.h>
#include <rabta/extract.h>
#include <rabta/lexicon.h>
#include <rabta/rules.h>
#include <rabta/text.h>

#include "fuzz.h"
#include "util/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const rabta::Lexicon lexicon = rabta::Lexicon::embedded();
    static const rabta::Rules rules = rabta::Rules::embedded();
    static const rabta::Extractor extractor(lexicon, rules);
    std::size_t repaired = 0;
    rabta::Article a;
    a.id = "fuzz";
    a.text = rabta::detail::repair_utf8(fuzz_bytes(data, size), repaired);
    const rabta::FoldedText ft = rabta::fold(a.text);
    if (ft.to_original.size() != ft.text.size() + 1) __builtin_trap();
    for (const auto& s :
         rabta::split_sentences(ft.text, {0, static_cast<std::uint32_t>(ft.text.size())})) {
        if (s.end > ft.text.size()) __builtin_trap();
        for (const auto& t : rabta::tokenize(ft.text, s))
            if (t.span.begin < s.begin || t.span.end > s.end) __builtin_trap();
        const rabta::Span o = ft.original(s);
        if (o.begin > o.end || o.end > a.text.size()) __builtin_trap();
    }
    a.regions.push_back({0, static_cast<std::uint32_t>(a.text.size())});
    const rabta::Extraction ex = extractor.run(a);
    for (const auto& m : ex.mentions)
        if (m.span.end > a.text.size() || m.sentence >= ex.sentences.size()) __builtin_trap();
    for (const auto& r : ex.relations)
        if (r.sentence >= ex.sentences.size()) __builtin_trap();
    return 0;
}
