// The clause reader. A noun phrase is closed by a postposition (نے, سے, کے ساتھ,
// کے درمیان …) and the verb (with the relation cue) comes last: the sentence is
// read as a list of noun-phrase heads, each with the marker class that closes it;
// "X کے/کی/کا … Y" makes X an affiliation of Y instead of a head. Clause breaks
// number the clauses; cues, intent and negation words are kept with their clause.
#include "parse/clause.h"

#include <algorithm>
#include <limits>

namespace rabta::detail {

CompiledGrammar::CompiledGrammar(const Rules& r) {
    for (const auto& [cls, ps] : r.markers) {
        int v = static_cast<int>(marker_names.size());
        marker_names.push_back(cls);
        markers.add_all(ps, v);
        note(ps, in_markers);
        if (cls == "of") of_marker = v;
        if (cls == "list") list_marker = v;
        if (cls == "and") and_marker = v;
    }
    transparent.add_all(r.transparent, 0);
    note(r.transparent, in_transparent);
    fillers.add_all(r.fillers, 0);
    note(r.fillers, in_fillers);
    clause_breaks.add_all(r.clause_breaks, 0);
    note(r.clause_breaks, in_clause_breaks);
    group_nouns.add_all(r.group_nouns, 0);
    note(r.group_nouns, in_group_nouns);
    scope_ends.add_all(r.scope_ends, 0);
    note(r.scope_ends, in_scope_ends);
    for (const auto& t : r.actors.titles) {
        office_titles.add_all(t.words, 0);
        note(t.words, in_office_titles);
    }
    intent.add_all(r.intent, 0);
    note(r.intent, in_intent);
    for (const auto& [kind, ps] : r.polarity) {
        negation.add_all(ps, static_cast<int>(polarity_kind.size()));
        note(ps, in_negation);
        polarity_kind.push_back(kind);
    }
    for (const auto& [rel, ps] : r.intent_by_relation) {
        intent_by_relation[rel].add_all(ps, 0);
        note(ps, in_relation_intent);
    }
    for (const auto& p : r.pronouns) {
        pronouns.add_all(p.words, static_cast<int>(pronoun_refers.size()));
        note(p.words, in_pronouns);
        pronoun_refers.push_back(p.refers);
    }
    for (const auto& a : r.anaphors) {
        anaphors.add_all(a.words, static_cast<int>(anaphor_type.size()));
        note(a.words, in_anaphors);
        anaphor_type.push_back(a.type);
        anaphor_pair.push_back(a.pair);
    }
    for (const auto& [rel, ps] : r.cues) {
        cues.add_all(ps, static_cast<int>(cue_relation.size()));
        note(ps, in_cues);
        cue_relation.push_back(rel);
    }
    std::map<std::string, int> lemma_index;
    for (const auto& [lemma, forms] : r.verbs) {
        const int v = static_cast<int>(lemma_index.size());
        lemma_index[lemma] = v;
        verb_forms.add_all(forms, v);
        note(forms, in_verb_forms);
    }
    for (const auto& f : r.light_verbs) {
        light_nouns.add_all(f.nouns, static_cast<int>(light_frames.size()));
        note(f.nouns, in_light_nouns);
        LightFrame lf{f.relation, {}, f.reach};
        for (const auto& lemma : f.verbs)
            lf.lemmas.push_back(lemma_index.at(lemma));
        light_frames.push_back(std::move(lf));
    }
    for (const auto& [tag, ps] : r.contexts) {
        contexts.add_all(ps, static_cast<int>(context_tag.size()));
        note(ps, in_contexts);
        context_tag.push_back(tag);
    }
}

namespace {

class SentenceReader {
  public:
    SentenceReader(const CompiledGrammar& r,
                   const ActorTable& lex,
                   const std::vector<std::string_view>& toks,
                   const std::vector<TokenMention>& mentions,
                   ArticleState& state)
        : r_(r), lex_(lex), toks_(toks), state_(state) {
        mention_at_.assign(toks.size(), -1);
        in_mention_.assign(toks.size(), false);
        for (std::size_t m = 0; m < mentions.size(); ++m) {
            mention_at_[mentions[m].first] = static_cast<int>(m);
            for (std::size_t t = mentions[m].first; t < mentions[m].last; ++t)
                in_mention_[t] = true;
        }
        mentions_ = &mentions;
        sets_.reserve(toks.size());
        for (auto t : toks)
            sets_.push_back(r.sets_of(t));
    }

    ParsedSentence read();

  private:
    // The marker class closing a phrase whose head ends before token j, and the
    // token after the marker. Skips a parenthesis right after the head, fillers,
    // and transparent words (سمیت), which pass on to the marker after them.
    std::pair<int, std::size_t> marker_after(std::size_t j) const {
        std::size_t k = j;
        if (k < toks_.size() && toks_[k] == "(") {
            std::size_t close = k + 1;
            while (close < toks_.size() && close < k + 12 && toks_[close] != ")")
                ++close;
            if (close < toks_.size() && toks_[close] == ")") k = close + 1;
        }
        // «جائیٹکس گلوبل 2024 میں»: a year after a name
        if (k < toks_.size() && toks_[k].size() == 4 &&
            std::all_of(toks_[k].begin(), toks_[k].end(),
                        [](char c) { return c >= '0' && c <= '9'; }))
            ++k;
        for (int pass = 0; pass < 2; ++pass) {
            while (auto f = phrase_at(CompiledGrammar::in_fillers, r_.fillers, k))
                k += f->length;
            if (auto m = phrase_at(CompiledGrammar::in_markers, r_.markers, k))
                return {m->value, k + m->length};
            auto t = phrase_at(CompiledGrammar::in_transparent, r_.transparent, k);
            if (!t) break;
            k += t->length;
        }
        return {kNoMarker, j};
    }

    // The longest phrase of `set` at token k, asked only when the token can start one.
    std::optional<PhraseSet::Match> phrase_at(std::uint32_t bit,
                                              const PhraseSet& set,
                                              std::size_t k) const {
        if (k >= toks_.size() || !(sets_[k] & bit)) return std::nullopt;
        return set.match(toks_, k);
    }

    const Actor& actor(std::uint32_t a) const { return lex_[a]; }

    bool is_comma(std::size_t k) const { return toks_[k] == "،" || toks_[k] == ","; }
    // A comma whose item after it is one to three words that end in another comma,
    // «اور» or a transparent word («سمیت»).
    bool list_comma(std::size_t i) const {
        if (!is_comma(i)) return false;
        for (std::size_t k = i + 1; k < toks_.size() && k <= i + 4; ++k) {
            if (phrase_at(CompiledGrammar::in_clause_breaks, r_.clause_breaks, k) && !is_comma(k))
                return false;
            if (is_comma(k) || toks_[k] == "اور" ||
                phrase_at(CompiledGrammar::in_transparent, r_.transparent, k))
                return k > i + 1;
        }
        return false;
    }

    void add_head(std::uint32_t actor_index,
                  std::size_t token,
                  std::size_t end,
                  std::vector<std::uint32_t> also,
                  std::vector<std::uint32_t> aff,
                  std::size_t& next) {
        auto [marker, after] = marker_after(end);
        if (marker == r_.of_marker) {
            pending_.push_back({actor_index, token, after, true});
            next = after;
            return;
        }
        // «X کی Y سے ملاقات»: one person is not the affiliation of another.
        if (actor(actor_index).type == EntityType::person) {
            std::vector<Pending> keep;
            for (const auto& p : pending_) {
                // «X کی Y سے ملاقات» (کی agrees with the event noun), not «X کے مشیر Y»
                if (p.name && actor(p.actor).type == EntityType::person && p.after > 0 &&
                    toks_[p.after - 1] == "کی") {
                    heads_.push_back({p.actor, {}, p.token, clause_, kGenitive, {}});
                } else {
                    keep.push_back(p);
                }
            }
            pending_ = std::move(keep);
            aff = pending_actors();
        }
        heads_.push_back({actor_index, std::move(also), token, clause_, marker, std::move(aff)});
        pending_.clear();
        object_begin_ = after;
        const Actor& a = actor(actor_index);
        if (a.type == EntityType::person && marker != kNoMarker &&
            r_.marker_names[static_cast<std::size_t>(marker)] == "ne") {
            state_.last_subject_person = actor_index;
            for (auto org : heads_.back().affiliations) {
                if (actor(org).type == EntityType::organization) state_.last_speaker_org = org;
            }
        }
        next = after;
    }

    const CompiledGrammar& r_;
    const ActorTable& lex_;
    const std::vector<std::string_view>& toks_;
    const std::vector<TokenMention>* mentions_ = nullptr;
    ArticleState& state_;
    std::vector<int> mention_at_;
    std::vector<std::uint32_t> sets_;  ///< per token: the sets it starts a phrase of
    std::vector<bool> in_mention_;
    // Actors named with «کے/کی/کا» that wait for the head they qualify.
    struct Pending {
        std::uint32_t actor;
        std::size_t token;  ///< first token of the mention
        std::size_t after;  ///< token after the «کے/کی/کا»
        bool name;          ///< a name, not a demonym
    };
    std::vector<Pending> pending_;
    std::vector<std::uint32_t> pending_actors() const {
        std::vector<std::uint32_t> v;
        for (const auto& p : pending_)
            v.push_back(p.actor);
        return v;
    }
    void flush_pending(int marker, std::size_t at);
    // «معاہدہ گزشتہ روز طے پایا»: one of the frame's verbs within its reach,
    // before the clause ends.
    bool light_verb_follows(const CompiledGrammar::LightFrame& f, std::size_t from) const {
        for (std::size_t k = from; k < toks_.size() && k < from + f.reach; ++k) {
            if (auto v = phrase_at(CompiledGrammar::in_verb_forms, r_.verb_forms, k)) {
                if (std::find(f.lemmas.begin(), f.lemmas.end(), v->value) != f.lemmas.end())
                    return true;
            }
            // a postposition or another predicate noun takes the verb: «معاہدے پر دستخط کیے»
            if (phrase_at(CompiledGrammar::in_clause_breaks, r_.clause_breaks, k) ||
                phrase_at(CompiledGrammar::in_markers, r_.markers, k) ||
                phrase_at(CompiledGrammar::in_cues, r_.cues, k))
                return false;
        }
        return false;
    }
    // A group noun or office title in [from, to), and neither a «کے/کی/کا» nor a
    // cue: the words are one noun phrase, «قازق وزیر تجارت», not «چینی حکومت کی
    // … معاونت».
    bool group_between(std::size_t from, std::size_t to) const {
        for (std::size_t k = from; k < to; ++k) {
            auto m = phrase_at(CompiledGrammar::in_markers, r_.markers, k);
            if ((m && m->value == r_.of_marker) || phrase_at(CompiledGrammar::in_cues, r_.cues, k))
                return false;
        }
        for (std::size_t k = from; k < to; ++k)
            if (phrase_at(CompiledGrammar::in_group_nouns, r_.group_nouns, k) ||
                phrase_at(CompiledGrammar::in_office_titles, r_.office_titles, k))
                return true;
        return false;
    }
    std::size_t clause_ = 0;
    std::vector<NounPhrase> heads_;
    std::vector<Predicate> cues_;
    std::size_t object_begin_ = 0;         ///< after the last actor phrase or clause break
    std::vector<std::size_t> ands_;        ///< tokens of «اور» read as a conjunction
    std::vector<std::size_t> scope_ends_;  ///< tokens that end a verb phrase («ہے»)
    // Each predicate's verb reaches to the next coordinated predicate of another
    // relation in its clause, or to the sentence's end.
    void set_scopes() {
        for (auto& p : cues_) {
            p.scope_end = toks_.size();
            auto end = std::find_if(scope_ends_.begin(), scope_ends_.end(), [&](std::size_t t) {
                return t > p.token && clause_of_token_[t] == p.clause;
            });
            if (end != scope_ends_.end()) p.scope_end = *end;
            for (const auto& q : cues_) {
                if (q.token <= p.token || q.clause != p.clause || q.relation == p.relation)
                    continue;
                auto a = std::find_if(ands_.begin(), ands_.end(),
                                      [&](std::size_t t) { return t > p.token && t < q.token; });
                if (a != ands_.end()) {
                    p.scope_end = std::min(p.scope_end, q.token);
                    break;
                }
            }
        }
    }
    std::vector<ModeMarker> intents_;
    std::vector<RelationIntent> relation_intents_;
    std::vector<ModeMarker> negations_;
    std::vector<std::size_t> clause_of_token_;
    std::string_view context_;
    std::vector<ResolvedReference> refs_;
};

// Tokens the reader steps over (a marker after its head, the rest of a phrase
// of several words) take the clause of the token before them.
constexpr std::size_t kUnread = std::numeric_limits<std::size_t>::max();

ParsedSentence SentenceReader::read() {
    clause_of_token_.assign(toks_.size() + 1, kUnread);
    std::size_t i = 0;
    while (i < toks_.size()) {
        clause_of_token_[i] = clause_;
        if (int m = mention_at_[i]; m >= 0) {
            const TokenMention& tm = (*mentions_)[static_cast<std::size_t>(m)];
            const Actor& a = actor(tm.key.actor);
            for (std::size_t t = tm.first; t < tm.last; ++t)
                clause_of_token_[t] = clause_;
            if (tm.key.kind == KeyKind::name) {
                state_.last_of_type[a.type] = tm.key.actor;
                auto& recent = state_.recent[a.type];
                std::erase(recent, tm.key.actor);
                recent.push_back(tm.key.actor);
            }
            if (tm.key.kind == KeyKind::demonym) {
                // پاکستانی سفیر, چینی کمپنی: the country qualifies what follows.
                pending_.push_back({tm.key.actor, tm.first, tm.last, false});
                i = tm.last;
                continue;
            }
            std::size_t next = tm.last;
            if (a.type == EntityType::forum) ++state_.forum_mentions[tm.key.actor];
            add_head(tm.key.actor, tm.first, tm.last, {}, pending_actors(), next);
            i = next;
            continue;
        }
        if (in_mention_[i]) {
            ++i;
            continue;
        }
        if (context_.empty()) {
            if (auto c = phrase_at(CompiledGrammar::in_contexts, r_.contexts, i))
                context_ = r_.context_tag[static_cast<std::size_t>(c->value)];
        }
        if (auto p = phrase_at(CompiledGrammar::in_pronouns, r_.pronouns, i)) {
            const std::string& refers = r_.pronoun_refers[static_cast<std::size_t>(p->value)];
            // «ان کا ملک»: the country of the person who spoke last
            auto speaker_country = [&]() -> std::optional<std::uint32_t> {
                if (!state_.last_subject_person) return std::nullopt;
                const Actor& speaker = actor(*state_.last_subject_person);
                if (speaker.country.empty()) return std::nullopt;
                return lex_.country(speaker.country);
            };
            const std::optional<std::uint32_t> who = refers == "speaker_country" ? speaker_country()
                                                     : refers == "speaker_org"
                                                         ? state_.last_speaker_org
                                                         : state_.last_subject_person;
            if (who) {
                refs_.push_back({i, p->length, *who});
                std::size_t next = i + p->length;
                add_head(*who, i, i + p->length, {}, {}, next);
                i = next;
                continue;
            }
        }
        if (auto a = phrase_at(CompiledGrammar::in_anaphors, r_.anaphors, i);
            a && r_.anaphor_pair[static_cast<std::size_t>(a->value)]) {
            // «دونوں ممالک کے درمیان»: the two read as «A اور B کے درمیان»
            auto type = entity_type_from(r_.anaphor_type[static_cast<std::size_t>(a->value)]);
            const auto& recent = state_.recent[*type];
            if (recent.size() >= 2) {
                const std::uint32_t first = recent[recent.size() - 2], second = recent.back();
                refs_.push_back({i, a->length, first});
                refs_.push_back({i, a->length, second});
                heads_.push_back({first, {}, i, clause_, r_.and_marker, {}});
                std::size_t next = i + a->length;
                add_head(second, i, i + a->length, {}, pending_actors(), next);
                i = next;
                continue;
            }
        } else if (a) {
            auto type = entity_type_from(r_.anaphor_type[static_cast<std::size_t>(a->value)]);
            auto it = type ? state_.last_of_type.find(*type) : state_.last_of_type.end();
            if (it != state_.last_of_type.end()) {
                std::uint32_t who = it->second;
                if (*type == EntityType::forum) {
                    // «ایونٹ», «کانفرنس»: the forum the article names most, the latest on a tie
                    int best = state_.forum_mentions[who];
                    for (const auto& [f, count] : state_.forum_mentions)
                        if (count > best) best = count, who = f;
                }
                refs_.push_back({i, a->length, who});
                std::size_t next = i + a->length;
                add_head(who, i, i + a->length, {}, pending_actors(), next);
                i = next;
                continue;
            }
        }
        if (auto g = phrase_at(CompiledGrammar::in_group_nouns, r_.group_nouns, i)) {
            // "X کی قیادت میں … وفد نے": the delegation acts as its leader and the
            // leader's organization.
            if (!heads_.empty() && heads_.back().marker >= 0 &&
                r_.marker_names[static_cast<std::size_t>(heads_.back().marker)] == "lead") {
                NounPhrase leader = heads_.back();
                std::vector<std::uint32_t> orgs;
                for (auto aff : leader.affiliations) {
                    if (actor(aff).type == EntityType::organization) orgs.push_back(aff);
                }
                std::size_t next = i + g->length;
                add_head(leader.actor, i, i + g->length, orgs, leader.affiliations, next);
                i = next;
                continue;
            }
        }
        if (auto c = phrase_at(CompiledGrammar::in_cues, r_.cues, i)) {
            cues_.push_back({r_.cue_relation[static_cast<std::size_t>(c->value)], i, clause_,
                             toks_.size(), object_begin_});
        } else if (auto lv = phrase_at(CompiledGrammar::in_light_nouns, r_.light_nouns, i)) {
            const auto& frame = r_.light_frames[static_cast<std::size_t>(lv->value)];
            if (light_verb_follows(frame, i + lv->length))
                cues_.push_back({frame.relation, i, clause_, toks_.size(), object_begin_});
        }
        if (phrase_at(CompiledGrammar::in_intent, r_.intent, i)) intents_.push_back({i, clause_});
        if (phrase_at(CompiledGrammar::in_scope_ends, r_.scope_ends, i)) scope_ends_.push_back(i);
        if (auto n = phrase_at(CompiledGrammar::in_negation, r_.negation, i))
            negations_.push_back({i, clause_, static_cast<std::size_t>(n->value)});
        for (const auto& [rel, set] : r_.intent_by_relation) {
            if ((sets_[i] & CompiledGrammar::in_relation_intent) && set.match(toks_, i))
                relation_intents_.push_back({rel, i, clause_});
        }
        if (auto b = phrase_at(CompiledGrammar::in_clause_breaks, r_.clause_breaks, i)) {
            // «ریلوے، کسٹمز، ایئرپورٹ انفرا اسٹرکچر اور بحری امور سمیت»: a comma
            // between short items of a list joins, it does not end the clause
            if (!list_comma(i)) {
                flush_pending(kNoMarker, i);
                ++clause_;
                object_begin_ = i + b->length;
            }
            i += b->length;
            continue;
        }
        if (auto m = phrase_at(CompiledGrammar::in_markers, r_.markers, i)) {
            if (m->value == r_.and_marker) ands_.push_back(i);
            if (m->value != r_.of_marker) flush_pending(m->value, i);
            i += m->length;
            continue;
        }
        ++i;
    }
    flush_pending(kNoMarker, toks_.size());
    clause_of_token_[toks_.size()] = clause_;
    for (std::size_t t = 1; t < toks_.size(); ++t) {
        if (clause_of_token_[t] == kUnread) clause_of_token_[t] = clause_of_token_[t - 1];
    }
    set_scopes();
    ParsedSentence out;
    out.tokens = toks_;
    out.heads = std::move(heads_);
    out.predicates = std::move(cues_);
    out.intents = std::move(intents_);
    out.relation_intents = std::move(relation_intents_);
    out.negations = std::move(negations_);
    out.clause_of_token = std::move(clause_of_token_);
    out.references = std::move(refs_);
    out.context = context_;
    return out;
}

// Qualifiers that found no head. «B کی بھی ملاقات ہوئی»: B possesses the event
// noun, a head of its own (gen). «چین کے چانگ ای 8 مشن کے ساتھ»: a few plain words
// after «کے» and then a postposition: the possessor acts through what it owns and
// takes the postposition. Demonyms only qualify.
void SentenceReader::flush_pending(int marker, std::size_t at) {
    if (pending_.empty()) return;
    // «بیلاروس کے وزیر صنعت یافیموا کی … ملاقات»: the qualifier nearest the noun
    // owns it; the ones before qualify that one.
    const Pending p = pending_.back();
    std::vector<std::uint32_t> aff;
    for (std::size_t i = 0; i + 1 < pending_.size(); ++i)
        aff.push_back(pending_[i].actor);
    pending_.clear();
    // «سعودی تجارتی وفد نے», «چینی حکام سے», «قازق وزیر تجارت سے»: a demonym's
    // group or unnamed official acts for its country
    if (!p.name) {
        if (marker >= 0 && marker != r_.list_marker && marker != r_.and_marker && at >= p.after &&
            at - p.after <= 4 && group_between(p.after, at))
            heads_.push_back({p.actor, {}, p.token, clause_, marker, aff});
        return;
    }
    bool cue_ahead = false, cue_between = false;
    for (std::size_t k = p.after; k < toks_.size() && k < p.after + 8; ++k) {
        if (mention_at_[k] >= 0 ||
            phrase_at(CompiledGrammar::in_clause_breaks, r_.clause_breaks, k))
            break;
        if (phrase_at(CompiledGrammar::in_cues, r_.cues, k)) {
            cue_ahead = true;
            cue_between = k < at;
            break;
        }
    }
    // «ہواوے کے وفد سے ملاقات»: the possessor of a delegation or an unnamed official
    // takes the postposition that closes the phrase; otherwise a cue ahead makes
    // it the event's possessor («وزیراعظم کی … ماحول میں ملاقات»).
    const bool fits = marker >= 0 && at >= p.after && at - p.after <= 4 && !cue_between;
    if (fits && group_between(p.after, at)) {
        heads_.push_back({p.actor, {}, p.token, clause_, marker, aff});
    } else if (cue_ahead && !(marker >= 0 && cue_between && at - p.after > 1)) {
        heads_.push_back({p.actor, {}, p.token, clause_, kGenitive, aff});
    } else if (fits) {
        heads_.push_back({p.actor, {}, p.token, clause_, marker, aff});
    }
}

}  // namespace

ParsedSentence parse_sentence(const CompiledGrammar& grammar,
                              const ActorTable& actors,
                              const std::vector<std::string_view>& tokens,
                              const std::vector<TokenMention>& mentions,
                              ArticleState& state) {
    SentenceReader reader(grammar, actors, tokens, mentions, state);
    return reader.read();
}

}  // namespace rabta::detail
