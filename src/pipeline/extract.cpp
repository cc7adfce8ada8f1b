#include <rabta/extract.h>
#include <rabta/text.h>

#include <algorithm>

#include "recognize/matcher.h"
#include "relate/relate.h"

namespace rabta {

std::string_view to_string(MentionKind k) noexcept {
    switch (k) {
        case MentionKind::name:
            return "name";
        case MentionKind::demonym:
            return "demonym";
        case MentionKind::anaphor:
            return "anaphor";
    }
    return "name";
}

struct Extractor::Impl {
    Impl(const Lexicon& l, const Rules& r) : lexicon(l), matcher(l), compiled(r) {}
    const Lexicon& lexicon;
    detail::Matcher matcher;
    detail::CompiledRules compiled;
};

Extractor::Extractor(const Lexicon& lexicon, const Rules& rules)
    : impl_(std::make_unique<Impl>(lexicon, rules)) {}

Extractor::~Extractor() = default;

Extraction Extractor::run(const Article& article) const {
    Extraction ex;
    detail::ArticleState state;
    std::vector<std::string_view> views;
    std::vector<bool> is_word;
    for (const Span& region : article.regions) {
        const std::string_view rtext = region.of(article.text);
        const FoldedText ft = fold(rtext);
        auto to_article = [&](Span folded) {
            Span o = ft.original(folded);
            return Span{o.begin + region.begin, o.end + region.begin};
        };
        for (const Span& sent :
             split_sentences(ft.text, {0, static_cast<std::uint32_t>(ft.text.size())})) {
            const std::vector<Token> toks = tokenize(ft.text, sent);
            views.clear();
            is_word.clear();
            for (const Token& t : toks) {
                views.push_back(t.span.of(ft.text));
                is_word.push_back(t.word);
            }
            const auto sidx = static_cast<std::uint32_t>(ex.sentences.size());
            ex.sentences.push_back(to_article(sent));
            const std::vector<detail::TokenMention> found = impl_->matcher.find(views, is_word);
            detail::SentenceResult sr =
                detail::relate_sentence(impl_->compiled, impl_->lexicon, views, found, state);
            const auto& actors = impl_->lexicon.actors();
            for (const auto& m : found) {
                Span f{toks[m.first].span.begin, toks[m.last - 1].span.end};
                ex.mentions.push_back(
                    {actors[m.key.actor].id,
                     m.key.kind == KeyKind::demonym ? MentionKind::demonym : MentionKind::name,
                     sidx, to_article(f)});
            }
            for (const auto& ref : sr.references) {
                Span f{toks[ref.token].span.begin, toks[ref.token + ref.length - 1].span.end};
                ex.mentions.push_back(
                    {actors[ref.actor].id, MentionKind::anaphor, sidx, to_article(f)});
            }
            for (auto& rel : sr.relations) {
                rel.sentence = sidx;
                ex.relations.push_back(std::move(rel));
            }
        }
    }
    std::stable_sort(
        ex.mentions.begin(), ex.mentions.end(),
        [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
    return ex;
}

}  // namespace rabta
