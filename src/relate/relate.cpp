// Urdu is SOV with postpositions: a noun phrase is closed by a postposition (نے,
// سے, کے ساتھ, کے درمیان …) and the verb (with the relation cue) comes last. The
// sentence is read as a list of noun-phrase heads, each with the marker class that
// closes it; "X کے/کی/کا … Y" makes X an affiliation of Y instead of a head. Rules
// then match heads of one clause in order, with a cue of their relation after the
// last one.
#include "relate/relate.h"

#include <algorithm>
#include <set>
#include <tuple>

namespace rabta::detail {

CompiledRules::CompiledRules(const Rules& r) : rules(r) {
    for (const auto& [cls, ps] : r.markers) {
        int v = static_cast<int>(marker_names.size());
        marker_names.push_back(cls);
        markers.add_all(ps, v);
        if (cls == "of") of_marker = v;
        if (cls == "list") list_marker = v;
        if (cls == "and") and_marker = v;
    }
    transparent.add_all(r.transparent, 0);
    fillers.add_all(r.fillers, 0);
    clause_breaks.add_all(r.clause_breaks, 0);
    group_nouns.add_all(r.group_nouns, 0);
    intent.add_all(r.intent, 0);
    negation.add_all(r.negation, 0);
    for (const auto& [rel, ps] : r.intent_by_relation)
        intent_by_relation[rel].add_all(ps, 0);
    for (const auto& p : r.pronouns) {
        pronouns.add_all(p.words, static_cast<int>(pronoun_refers.size()));
        pronoun_refers.push_back(p.refers);
    }
    for (const auto& a : r.anaphors) {
        anaphors.add_all(a.words, static_cast<int>(anaphor_type.size()));
        anaphor_type.push_back(a.type);
        anaphor_pair.push_back(a.pair);
    }
    for (const auto& [rel, ps] : r.cues) {
        cues.add_all(ps, static_cast<int>(cue_relation.size()));
        cue_relation.push_back(rel);
    }
    for (const auto& [tag, ps] : r.contexts) {
        contexts.add_all(ps, static_cast<int>(context_tag.size()));
        context_tag.push_back(tag);
    }
}

namespace {

constexpr int kNone = -1;
constexpr int kGen = -2;  // «B کی … ملاقات»: the possessor of the event noun

struct Head {
    std::uint32_t actor;
    std::vector<std::uint32_t> also;  ///< further parties: a delegation's organization
    std::size_t token;
    std::size_t clause;
    int marker;
    std::vector<std::uint32_t> affiliations;
};

struct Cue {
    std::string_view relation;
    std::size_t token;
    std::size_t clause;
};

class SentenceReader {
  public:
    SentenceReader(const CompiledRules& r,
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
    }

    void read();
    SentenceResult apply() const;

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
            while (auto f = r_.fillers.match(toks_, k))
                k += f->length;
            if (auto m = r_.markers.match(toks_, k)) return {m->value, k + m->length};
            auto t = r_.transparent.match(toks_, k);
            if (!t) break;
            k += t->length;
        }
        return {kNone, j};
    }

    const Actor& actor(std::uint32_t a) const { return lex_[a]; }

    bool is_comma(std::size_t k) const { return toks_[k] == "،" || toks_[k] == ","; }
    // A comma whose item after it is one to three words that end in another comma,
    // «اور» or a transparent word («سمیت»).
    bool list_comma(std::size_t i) const {
        if (!is_comma(i)) return false;
        for (std::size_t k = i + 1; k < toks_.size() && k <= i + 4; ++k) {
            if (r_.clause_breaks.match(toks_, k) && !is_comma(k)) return false;
            if (is_comma(k) || toks_[k] == "اور" || r_.transparent.match(toks_, k))
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
                    heads_.push_back({p.actor, {}, p.token, clause_, kGen, {}});
                } else {
                    keep.push_back(p);
                }
            }
            pending_ = std::move(keep);
            aff = pending_actors();
        }
        heads_.push_back({actor_index, std::move(also), token, clause_, marker, std::move(aff)});
        pending_.clear();
        const Actor& a = actor(actor_index);
        if (a.type == EntityType::person && marker != kNone &&
            r_.marker_names[static_cast<std::size_t>(marker)] == "ne") {
            state_.last_subject_person = actor_index;
            for (auto org : heads_.back().affiliations) {
                if (actor(org).type == EntityType::organization) state_.last_speaker_org = org;
            }
        }
        next = after;
    }

    const CompiledRules& r_;
    const ActorTable& lex_;
    const std::vector<std::string_view>& toks_;
    const std::vector<TokenMention>* mentions_ = nullptr;
    ArticleState& state_;
    std::vector<int> mention_at_;
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
    std::size_t clause_ = 0;
    std::vector<Head> heads_;
    std::vector<Cue> cues_;
    std::vector<std::size_t> intents_;  // token positions
    std::vector<std::pair<std::string_view, std::size_t>> relation_intents_;
    std::vector<std::size_t> negations_;
    std::vector<std::size_t> clause_of_token_;
    std::string_view context_;
    std::vector<ResolvedReference> refs_;
};

void SentenceReader::read() {
    clause_of_token_.assign(toks_.size() + 1, 0);
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
            if (auto c = r_.contexts.match(toks_, i))
                context_ = r_.context_tag[static_cast<std::size_t>(c->value)];
        }
        if (auto p = r_.pronouns.match(toks_, i)) {
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
        if (auto a = r_.anaphors.match(toks_, i);
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
        if (auto g = r_.group_nouns.match(toks_, i)) {
            // "X کی قیادت میں … وفد نے": the delegation acts as its leader and the
            // leader's organization.
            if (!heads_.empty() && heads_.back().marker >= 0 &&
                r_.marker_names[static_cast<std::size_t>(heads_.back().marker)] == "lead") {
                Head leader = heads_.back();
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
        if (auto c = r_.cues.match(toks_, i)) {
            cues_.push_back({r_.cue_relation[static_cast<std::size_t>(c->value)], i, clause_});
        }
        if (r_.intent.match(toks_, i)) intents_.push_back(i);
        if (r_.negation.match(toks_, i)) negations_.push_back(i);
        for (const auto& [rel, set] : r_.intent_by_relation) {
            if (set.match(toks_, i)) relation_intents_.emplace_back(rel, i);
        }
        if (auto b = r_.clause_breaks.match(toks_, i)) {
            // «ریلوے، کسٹمز، ایئرپورٹ انفرا اسٹرکچر اور بحری امور سمیت»: a comma
            // between short items of a list joins, it does not end the clause
            if (!list_comma(i)) {
                flush_pending(kNone, i);
                ++clause_;
            }
            i += b->length;
            continue;
        }
        if (auto m = r_.markers.match(toks_, i)) {
            if (m->value != r_.of_marker) flush_pending(m->value, i);
            i += m->length;
            continue;
        }
        ++i;
    }
    flush_pending(kNone, toks_.size());
    clause_of_token_[toks_.size()] = clause_;
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
    if (!p.name) return;
    bool cue_ahead = false, cue_between = false;
    for (std::size_t k = p.after; k < toks_.size() && k < p.after + 8; ++k) {
        if (mention_at_[k] >= 0 || r_.clause_breaks.match(toks_, k)) break;
        if (r_.cues.match(toks_, k)) {
            cue_ahead = true;
            cue_between = k < at;
            break;
        }
    }
    if (cue_ahead && !(marker >= 0 && cue_between && at - p.after > 1)) {
        heads_.push_back({p.actor, {}, p.token, clause_, kGen, aff});
    } else if (marker >= 0 && at >= p.after && at - p.after <= 4 && !cue_between) {
        heads_.push_back({p.actor, {}, p.token, clause_, marker, aff});
    }
}

bool marker_fits(const CompiledRules& r, std::string_view wanted, int marker) {
    while (!wanted.empty()) {
        std::size_t bar = wanted.find('|');
        std::string_view cls = wanted.substr(0, bar);
        if (cls == "any") return true;
        if (cls == "none" && marker == kNone) return true;
        if (cls == "gen" && marker == kGen) return true;
        if (marker >= 0 && r.marker_names[static_cast<std::size_t>(marker)] == cls) return true;
        wanted = bar == std::string_view::npos ? std::string_view() : wanted.substr(bar + 1);
    }
    return false;
}

SentenceResult SentenceReader::apply() const {
    SentenceResult out;
    // A person's own country is whom they act for, not a partner: "وزیر اعظم شہباز شریف نے
    // … حکومت پاکستان کے ساتھ تعاون" is never a Shehbaz Sharif–Pakistan tie.
    auto own_country = [&](std::uint32_t person, std::uint32_t country) {
        const Actor& p = actor(person);
        const Actor& c = actor(country);
        return p.type == EntityType::person && c.type == EntityType::country &&
               p.country == c.country;
    };
    out.references = refs_;
    // One tie per pair and relation: «تعاون کو وسعت دینے پر اتفاق» is both.
    std::set<std::tuple<std::uint32_t, std::uint32_t, std::string>> related;
    auto actor_fits = [&](const RuleSlot& s, std::uint32_t who) {
        const Actor& a = actor(who);
        if (s.types.empty()) return a.type != EntityType::place;  // a place is where, not who
        return std::find(s.types.begin(), s.types.end(), to_string(a.type)) != s.types.end();
    };
    auto type_fits = [&](const RuleSlot& s, const Head& h) { return actor_fits(s, h.actor); };
    for (const Rule& rule : r_.rules.rules) {
        // Slots read after the cue («جن میں A، B») come last in a rule.
        std::size_t n = rule.slots.size();
        while (n > 0 && !rule.slots[n - 1].after_cue.empty())
            --n;
        if (n == 0) continue;
        for (std::size_t last = 0; last < heads_.size(); ++last) {
            const Head& lh = heads_[last];
            if (!marker_fits(r_, rule.slots[n - 1].marker, lh.marker) ||
                !type_fits(rule.slots[n - 1], lh))
                continue;
            // the cue of the relation after the last slot, in the same clause
            const Cue* cue = nullptr;
            for (const Cue& c : cues_) {
                if (c.relation == rule.relation && c.token > lh.token && c.clause == lh.clause &&
                    c.token - lh.token <= r_.rules.cue_distance(rule.relation)) {
                    cue = &c;
                    break;
                }
            }
            if (!cue) continue;
            // slots from last to first, each the nearest fitting head before the next
            std::vector<std::vector<std::size_t>> members(rule.slots.size());
            std::vector<std::vector<std::uint32_t>> affiliated(rule.slots.size());
            std::size_t bound = last;  // heads before this index are candidates
            bool ok = true;
            for (std::size_t s = n; s-- > 0 && ok;) {
                const RuleSlot& slot = rule.slots[s];
                std::optional<std::size_t> h;
                if (s == n - 1) {
                    h = last;
                } else {
                    if (slot.or_affiliation && !members[s + 1].empty()) {
                        for (auto aff : heads_[members[s + 1].front()].affiliations) {
                            if (actor_fits(slot, aff)) {
                                affiliated[s].push_back(aff);
                                break;
                            }
                        }
                        if (!affiliated[s].empty()) continue;
                    }
                    for (std::size_t k = bound; k-- > 0;) {
                        if (heads_[k].clause != lh.clause) break;
                        if (marker_fits(r_, slot.marker, heads_[k].marker) &&
                            type_fits(slot, heads_[k])) {
                            h = k;
                            break;
                        }
                        // a possessor of the event noun stands right before the next party
                        if (slot.marker == "gen") break;
                    }
                }
                if (!h) {
                    ok = false;
                    break;
                }
                members[s].push_back(*h);
                std::size_t first = *h;
                if (slot.list) {
                    // "چین، پاکستان ، قازقستان، مصر سمیت دیگر ممالک نے": walk back over the list
                    while (first > 0) {
                        const Head& prev = heads_[first - 1];
                        if (prev.clause != lh.clause ||
                            !(prev.marker == r_.list_marker || prev.marker == r_.and_marker) ||
                            !type_fits(slot, prev)) {
                            break;
                        }
                        --first;
                        members[s].push_back(first);
                    }
                }
                bound = first;
            }
            // «… شرکت کر رہے ہیں جن میں A، B، C شامل ہیں»: every fitting head after the phrase
            for (std::size_t s = n; s < rule.slots.size() && ok; ++s) {
                const RuleSlot& slot = rule.slots[s];
                std::size_t from = toks_.size();
                for (std::size_t k = cue->token + 1; k + slot.after_cue.size() <= toks_.size();
                     ++k) {
                    if (std::equal(slot.after_cue.begin(), slot.after_cue.end(),
                                   toks_.begin() + static_cast<std::ptrdiff_t>(k))) {
                        from = k + slot.after_cue.size();
                        break;
                    }
                }
                for (std::size_t k = heads_.size(); k-- > 0;) {
                    if (heads_[k].token >= from && type_fits(slot, heads_[k]))
                        members[s].push_back(k);
                }
                ok = !members[s].empty();
            }
            if (!ok) continue;
            auto after_cue = [&](std::size_t t) {
                return t > cue->token && clause_of_token_[t] == cue->clause;
            };
            // «تعاون کی ضرورت محسوس نہیں کرتا»: a denied tie is no tie
            if (std::any_of(negations_.begin(), negations_.end(), after_cue)) continue;
            bool intent = std::any_of(intents_.begin(), intents_.end(), after_cue);
            for (const auto& [rel, t] : relation_intents_) {
                if (rel == rule.relation && after_cue(t)) intent = true;
            }
            const RelationType* type = r_.rules.relation(rule.relation);
            auto role_index = [&](const std::string& role) {
                for (std::size_t s = 0; s < rule.slots.size(); ++s) {
                    if (rule.slots[s].role == role) return s;
                }
                return rule.slots.size();
            };
            const std::size_t si = role_index(rule.source), ti = role_index(rule.target);
            auto parties = [&](std::size_t slot) {
                std::vector<std::uint32_t> p = affiliated[slot];
                for (auto it = members[slot].rbegin(); it != members[slot].rend(); ++it) {
                    p.push_back(heads_[*it].actor);
                    for (auto a : heads_[*it].also)
                        p.push_back(a);
                }
                return p;
            };
            for (std::uint32_t src : parties(si)) {
                for (std::uint32_t dst : parties(ti)) {
                    if (src == dst || own_country(src, dst) || own_country(dst, src)) continue;
                    auto [lo, hi] = std::minmax(src, dst);
                    if (!related.insert({lo, hi, rule.relation}).second) continue;
                    Relation rel;
                    rel.directed = rule.directed || !(type && type->symmetric);
                    std::uint32_t a = src, b = dst;
                    if (!rel.directed && actor(b).id < actor(a).id) std::swap(a, b);
                    rel.source = actor(a).id;
                    rel.target = actor(b).id;
                    rel.relation = rule.relation;
                    rel.mode = intent ? "intent" : "done";
                    rel.context = std::string(context_);
                    rel.rule = rule.id;
                    rel.confidence = rule.confidence;
                    out.relations.push_back(std::move(rel));
                }
            }
        }
    }
    return out;
}

}  // namespace

SentenceResult relate_sentence(const CompiledRules& rules,
                               const ActorTable& lexicon,
                               const std::vector<std::string_view>& tokens,
                               const std::vector<TokenMention>& mentions,
                               ArticleState& state) {
    SentenceReader reader(rules, lexicon, tokens, mentions, state);
    reader.read();
    return reader.apply();
}

}  // namespace rabta::detail
