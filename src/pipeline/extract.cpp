#include <fmt/format.h>
#include <rabta/extract.h>
#include <rabta/resolve.h>
#include <rabta/text.h>

#include <algorithm>
#include <map>
#include <set>

#include "parse/clause.h"
#include "recognize/discover.h"
#include "recognize/matcher.h"
#include "relate/context.h"
#include "relate/relate.h"

namespace rabta {

struct Extractor::Impl {
    Impl(const Lexicon& l, const Rules& r, const Limits& lim)
        : lexicon(l),
          rules(r),
          limits(lim),
          matcher(l),
          grammar(r),
          compiled(r, grammar),
          discoverer(r.actors, l),
          contexts(r.taxonomy) {}
    const Lexicon& lexicon;
    const Rules& rules;
    Limits limits;
    detail::Matcher matcher;
    detail::CompiledGrammar grammar;  ///< for the clause reader
    detail::CompiledRules compiled;   ///< for matching rules over its clauses
    detail::Discoverer discoverer;
    detail::ContextReader contexts;  ///< what each tie is about
};

namespace {

// The relations the recognizer's patterns state, as the rules file's
// /recognized entries name and weigh them: the offices titles give, the places
// located_in patterns put in a city or country. Sentence order, entries in order.
void recognized_relations(const detail::Discovery& found,
                          const detail::ActorTable& actors,
                          const Rules& rules,
                          std::uint32_t sentence,
                          std::vector<Relation>& out) {
    auto add = [&](const RecognizedFrame& f, std::uint32_t a, std::uint32_t b, double confidence) {
        const RelationType* type = rules.relation(f.relation);
        Relation rel;
        rel.source = actors[a].id;
        rel.target = actors[b].id;
        rel.relation = f.relation;
        rel.directed = !(type && type->symmetric);
        rel.mode = "done";
        rel.rule = f.id;
        rel.confidence = confidence;
        rel.sentence = sentence;
        out.push_back(std::move(rel));
    };
    for (const RecognizedFrame& f : rules.recognized) {
        if (f.from == "role") {
            for (const auto& r : found.roles)
                add(f, r.person, r.org, r.defaulted ? f.home_confidence : f.confidence);
        } else if (f.from == "located") {
            for (const auto& [place, container] : found.located)
                add(f, place, container, f.confidence);
        }
    }
}

}  // namespace

Extractor::Extractor(const Lexicon& lexicon, const Rules& rules, const Limits& limits)
    : impl_(std::make_unique<Impl>(lexicon, rules, limits)) {}

Extractor::~Extractor() = default;

Extraction Extractor::run(const Article& article) const {
    Extraction ex;
    detail::ArticleState state;
    detail::ActorTable actors(impl_->lexicon);
    detail::TitleMemory titles;
    // Roles given the home country by default, dropped at the end for a person the
    // article also names with a country: «وزیر اکانومی میکائیل جیباروف» …
    // «آذربائیجان کے وزیر اکانومی».
    std::vector<std::size_t> defaulted_roles;
    std::vector<std::string_view> views;
    std::vector<bool> is_word;
    std::vector<double> topic_scores;
    for (const Span& region : article.regions) {
        const FoldedText ft = fold_part(article.folded.get(), article.text, region);
        auto to_article = [&](Span folded) {
            Span o = ft.original(folded);
            return Span{o.begin + region.begin, o.end + region.begin};
        };
        for (const Span& sent :
             split_sentences(ft.text, {0, static_cast<std::uint32_t>(ft.text.size())})) {
            std::vector<Token> toks = tokenize(ft.text, sent);
            if (toks.size() > impl_->limits.sentence_tokens) {
                ex.limits.push_back(fmt::format(
                    "sentence {} has {} tokens; only the first {} were read (sentence_tokens)",
                    ex.sentences.size() + 1, toks.size(), impl_->limits.sentence_tokens));
                toks.resize(impl_->limits.sentence_tokens);
            }
            impl_->discoverer.split_glued_titles(toks, ft.text);
            views.clear();
            is_word.clear();
            for (const Token& t : toks) {
                views.push_back(t.span.of(ft.text));
                is_word.push_back(t.word);
            }
            const auto sidx = static_cast<std::uint32_t>(ex.sentences.size());
            ex.sentences.push_back(to_article(sent));
            detail::Discovery found = impl_->discoverer.run(
                views, is_word, impl_->matcher.find(views, is_word), actors, titles);
            if (found.mentions.size() > impl_->limits.sentence_mentions) {
                ex.limits.push_back(
                    fmt::format("sentence {} names {} actors; only the first {} can relate "
                                "(sentence_mentions)",
                                sidx + 1, found.mentions.size(), impl_->limits.sentence_mentions));
                found.mentions.resize(impl_->limits.sentence_mentions);
            }
            const detail::ParsedSentence parsed =
                detail::parse_sentence(impl_->grammar, actors, views, found.mentions, state);
            detail::SentenceResult sr = detail::relate(impl_->compiled, actors, parsed);
            const auto cues = impl_->contexts.cues(views);
            impl_->contexts.assign(parsed, actors, cues, sr.relations);
            impl_->contexts.score(cues, 1.0, topic_scores);
            auto span_of = [&](std::size_t first, std::size_t last) {
                return to_article({toks[first].span.begin, toks[last - 1].span.end});
            };
            for (const auto& m : found.mentions) {
                const MentionKind kind = m.anaphor                        ? MentionKind::anaphor
                                         : m.key.kind == KeyKind::demonym ? MentionKind::demonym
                                                                          : MentionKind::name;
                ex.mentions.push_back(
                    {actors[m.key.actor].id, kind, sidx, span_of(m.first, m.last)});
            }
            for (const auto& ref : parsed.references) {
                ex.mentions.push_back({actors[ref.actor].id, MentionKind::anaphor, sidx,
                                       span_of(ref.token, ref.token + ref.length)});
            }
            for (auto& rel : sr.relations) {
                rel.sentence = sidx;
                ex.relations.push_back(std::move(rel));
            }
            recognized_relations(found, actors, impl_->rules, sidx, ex.relations);
            for (const auto& r : found.roles) {
                if (r.defaulted) defaulted_roles.push_back(ex.roles.size());
                const Span t = span_of(r.first, r.last);
                ex.roles.push_back(
                    {actors[r.person].id, actors[r.org].id, std::string(t.of(article.text)), sidx});
            }
        }
    }
    std::map<std::string, std::set<std::string>> explicit_country;
    for (std::size_t i = 0; i < ex.roles.size(); ++i) {
        if (std::find(defaulted_roles.begin(), defaulted_roles.end(), i) == defaulted_roles.end() &&
            ex.roles[i].org.starts_with("country:"))
            explicit_country[ex.roles[i].person].insert(ex.roles[i].org);
    }
    std::set<std::pair<std::string, std::string>> dropped;
    for (auto i : defaulted_roles) {
        auto it = explicit_country.find(ex.roles[i].person);
        if (it != explicit_country.end() && !it->second.count(ex.roles[i].org))
            dropped.insert({ex.roles[i].person, ex.roles[i].org});
    }
    auto drop = [&](const std::string& person, const std::string& org, bool is_role) {
        return is_role && dropped.count({person, org}) > 0;
    };
    std::erase_if(ex.roles, [&](const TextRole& r) { return drop(r.person, r.org, true); });
    std::erase_if(ex.relations, [&](const Relation& r) {
        return drop(r.source, r.target, r.relation == "holds_role");
    });
    impl_->contexts.score_title(article.title, topic_scores);
    ex.topics = impl_->contexts.topics(topic_scores);
    impl_->contexts.inherit(ex.topics, ex.relations);
    ex.discovered = actors.discovered();
    resolve_article(article, impl_->lexicon, impl_->rules, ex);
    std::stable_sort(
        ex.mentions.begin(), ex.mentions.end(),
        [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
    return ex;
}

}  // namespace rabta
