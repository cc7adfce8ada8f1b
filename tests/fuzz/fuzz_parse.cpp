// The clause reader and rule matching over an arbitrary sentence (made valid
// UTF-8, folded and tokenized as extraction does), with the embedded lexicon's
// mentions: every position stays inside the sentence, clauses only grow, every
// actor index is one the table holds, and the same sentence reads the same way.
// The sentence is read twice in one article, so the second reading resolves
// pronouns and anaphors to what the first one named.
#include <rabta/extract.h>
#include <rabta/lexicon.h>
#include <rabta/rules.h>
#include <rabta/text.h>

#include <algorithm>
#include <string_view>
#include <vector>

#include "fuzz.h"
#include "parse/clause.h"
#include "recognize/discover.h"
#include "recognize/matcher.h"
#include "relate/relate.h"
#include "util/utf8.h"

namespace {

using namespace rabta;
using namespace rabta::detail;

void check(const ParsedSentence& p, const ActorTable& actors, std::size_t n) {
    auto actor_ok = [&](std::uint32_t a) { return a < actors.lexicon().actors().size(); };
    if (p.tokens.size() != n || p.clause_of_token.size() != n + 1) __builtin_trap();
    if (!std::is_sorted(p.clause_of_token.begin(), p.clause_of_token.end())) __builtin_trap();
    const std::size_t clauses = p.clause_of_token.back() + 1;
    for (const NounPhrase& h : p.heads) {
        if (h.token >= n || h.clause >= clauses || !actor_ok(h.actor)) __builtin_trap();
        if (p.clause_of_token[h.token] != h.clause) __builtin_trap();
        if (!std::all_of(h.also.begin(), h.also.end(), actor_ok) ||
            !std::all_of(h.affiliations.begin(), h.affiliations.end(), actor_ok))
            __builtin_trap();
    }
    for (const Predicate& c : p.predicates) {
        if (c.token >= n || c.relation.empty() || p.clause_of_token[c.token] != c.clause)
            __builtin_trap();
        // the verb's scope starts after its cue; its object ends at the cue
        if (c.scope_end <= c.token || c.scope_end > n || c.object_begin > c.token) __builtin_trap();
    }
    for (const auto* markers : {&p.intents, &p.negations})
        for (const ModeMarker& m : *markers)
            if (m.token >= n || p.clause_of_token[m.token] != m.clause) __builtin_trap();
    for (const RelationIntent& m : p.relation_intents)
        if (m.token >= n || p.clause_of_token[m.token] != m.clause) __builtin_trap();
    for (const ResolvedReference& r : p.references)
        if (r.length == 0 || r.token + r.length > n || !actor_ok(r.actor)) __builtin_trap();
}

void check(const SentenceResult& r, const Rules& rules) {
    for (const Relation& rel : r.relations) {
        if (rel.source.empty() || rel.target.empty() || rel.source == rel.target) __builtin_trap();
        if (rel.mode != "done" && rel.mode != "intent") __builtin_trap();
        if (!rules.relation(rel.relation)) __builtin_trap();
        if (std::none_of(rules.rules.begin(), rules.rules.end(),
                         [&](const Rule& x) { return x.id == rel.rule; }))
            __builtin_trap();
    }
}

bool same(const SentenceResult& a, const SentenceResult& b) {
    return std::equal(a.relations.begin(), a.relations.end(), b.relations.begin(),
                      b.relations.end(), [](const Relation& x, const Relation& y) {
                          return x.source == y.source && x.target == y.target &&
                                 x.relation == y.relation && x.mode == y.mode &&
                                 x.context == y.context && x.rule == y.rule;
                      });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Lexicon lexicon = Lexicon::embedded();
    static const Rules rules = Rules::embedded();
    static const CompiledGrammar grammar(rules);
    static const CompiledRules compiled(rules, grammar);
    static const Matcher matcher(lexicon);
    static const Limits limits;
    std::size_t repaired = 0;
    const FoldedText ft = fold(repair_utf8(fuzz_bytes(data, size), repaired));
    std::vector<Token> toks = tokenize(ft.text, {0, static_cast<std::uint32_t>(ft.text.size())});
    if (toks.size() > limits.sentence_tokens) toks.resize(limits.sentence_tokens);
    std::vector<std::string_view> views;
    std::vector<bool> is_word;
    for (const Token& t : toks) {
        views.push_back(t.span.of(ft.text));
        is_word.push_back(t.word);
    }
    std::vector<TokenMention> mentions = matcher.find(views, is_word);
    if (mentions.size() > limits.sentence_mentions) mentions.resize(limits.sentence_mentions);

    const ActorTable actors(lexicon);
    ArticleState state;
    const ParsedSentence first = parse_sentence(grammar, actors, views, mentions, state);
    check(first, actors, views.size());
    const SentenceResult related = relate(compiled, actors, first);
    check(related, rules);
    // again, with what the article remembers from the first reading
    const ParsedSentence again = parse_sentence(grammar, actors, views, mentions, state);
    check(again, actors, views.size());
    check(relate(compiled, actors, again), rules);
    // a fresh article reads the sentence as the first one did
    ArticleState fresh;
    const ParsedSentence other = parse_sentence(grammar, actors, views, mentions, fresh);
    if (other.heads.size() != first.heads.size() || other.context != first.context)
        __builtin_trap();
    if (!same(relate(compiled, actors, other), related)) __builtin_trap();
    return 0;
}
