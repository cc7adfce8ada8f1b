// Rule matching over a parsed sentence: a rule's slots are heads of one clause
// in order, each closed by a case marker the slot accepts, with a cue of the
// rule's relation after the last one; a negation after the cue in its clause
// gives the relation its polarity (a denied tie), an intent word there makes it
// intent.
#include "relate/relate.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>

namespace rabta::detail {

namespace {

// The marker classes of a slot, "ne|se": "any", "none", "gen" or a class of the
// grammar, read as the rules loader checked them.
SlotCase compile_case(const CompiledGrammar& g, std::string_view wanted) {
    SlotCase c;
    while (!wanted.empty()) {
        std::size_t bar = wanted.find('|');
        std::string_view cls = wanted.substr(0, bar);
        if (cls == "any") c.any = true;
        if (cls == "none") c.none = true;
        if (cls == "gen") c.gen = true;
        for (std::size_t m = 0; m < g.marker_names.size(); ++m) {
            if (g.marker_names[m] == cls) c.markers.push_back(static_cast<int>(m));
        }
        wanted = bar == std::string_view::npos ? std::string_view() : wanted.substr(bar + 1);
    }
    return c;
}

// Whether a head of the clause before the cue, and after the clause's previous
// predicate, that fills no slot carries a marker of `unless`: another party the
// rule has no place for.
bool blocked(const SlotCase& unless,
             const std::vector<NounPhrase>& heads,
             const std::vector<std::vector<std::size_t>>& members,
             const std::vector<Predicate>& predicates,
             std::size_t clause,
             std::size_t cue_token) {
    if (unless.markers.empty()) return false;
    std::size_t first_token = 0;  // after the clause's previous predicate
    for (const Predicate& p : predicates)
        if (p.clause == clause && p.token < cue_token) first_token = p.token;
    for (std::size_t k = 0; k < heads.size(); ++k) {
        const NounPhrase& h = heads[k];
        if (h.clause != clause || h.token > cue_token || h.token < first_token ||
            !unless.fits(h.marker))
            continue;
        bool member = false;
        for (const auto& m : members)
            member = member || std::find(m.begin(), m.end(), k) != m.end();
        if (!member) return true;
    }
    return false;
}

}  // namespace

bool SlotCase::fits(int marker) const {
    if (any) return true;
    if (none && marker == kNoMarker) return true;
    if (gen && marker == kGenitive) return true;
    return marker >= 0 && std::find(markers.begin(), markers.end(), marker) != markers.end();
}

CompiledRules::CompiledRules(const Rules& r, const CompiledGrammar& grammar)
    : rules(r),
      list_marker(grammar.list_marker),
      and_marker(grammar.and_marker),
      polarity_kind(grammar.polarity_kind) {
    for (const Rule& rule : r.rules) {
        auto& cases = slot_case.emplace_back();
        for (const RuleSlot& slot : rule.slots)
            cases.push_back(compile_case(grammar, slot.marker));
        std::string blocked;
        for (const auto& cls : rule.unless)
            blocked += (blocked.empty() ? "" : "|") + cls;
        unless.push_back(blocked.empty() ? SlotCase{} : compile_case(grammar, blocked));
    }
}

SentenceResult relate(const CompiledRules& r,
                      const ActorTable& actors,
                      const ParsedSentence& sentence) {
    SentenceResult out;
    const auto& heads = sentence.heads;
    const auto& toks = sentence.tokens;
    auto actor = [&](std::uint32_t a) -> const Actor& { return actors[a]; };
    // A person's own country is whom they act for, not a partner: "وزیر اعظم شہباز شریف نے
    // … حکومت پاکستان کے ساتھ تعاون" is never a Shehbaz Sharif–Pakistan tie.
    auto own_country = [&](std::uint32_t person, std::uint32_t country) {
        const Actor& p = actor(person);
        const Actor& c = actor(country);
        return p.type == EntityType::person && c.type == EntityType::country &&
               p.country == c.country;
    };
    // One tie per pair and relation: «تعاون کو وسعت دینے پر اتفاق» is both. A
    // denied one is kept apart, and goes when the sentence also affirms it.
    using PairKey = std::tuple<std::uint32_t, std::uint32_t, std::string>;
    std::set<PairKey> related, denied;
    std::vector<PairKey> keys;  ///< of each relation in out
    auto actor_fits = [&](const RuleSlot& s, std::uint32_t who) {
        const Actor& a = actor(who);
        if (s.types.empty()) return a.type != EntityType::place;  // a place is where, not who
        return std::find(s.types.begin(), s.types.end(), to_string(a.type)) != s.types.end();
    };
    auto type_fits = [&](const RuleSlot& s, const NounPhrase& h) { return actor_fits(s, h.actor); };
    for (std::size_t ri = 0; ri < r.rules.rules.size(); ++ri) {
        const Rule& rule = r.rules.rules[ri];
        const std::vector<SlotCase>& cases = r.slot_case[ri];
        // Slots read after the cue («جن میں A، B») come last in a rule.
        std::size_t n = rule.slots.size();
        while (n > 0 && !rule.slots[n - 1].after_cue.empty())
            --n;
        if (n == 0) continue;
        for (std::size_t last = 0; last < heads.size(); ++last) {
            const NounPhrase& lh = heads[last];
            if (!cases[n - 1].fits(lh.marker) || !type_fits(rule.slots[n - 1], lh)) continue;
            // the cue of the relation after the last slot, in the same clause
            const Predicate* cue = nullptr;
            for (const Predicate& c : sentence.predicates) {
                if (c.relation == rule.relation && c.token > lh.token && c.clause == lh.clause &&
                    c.token - lh.token <= r.rules.cue_distance(rule.relation)) {
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
                        for (auto aff : heads[members[s + 1].front()].affiliations) {
                            if (actor_fits(slot, aff)) {
                                affiliated[s].push_back(aff);
                                break;
                            }
                        }
                        if (!affiliated[s].empty()) continue;
                    }
                    for (std::size_t k = bound; k-- > 0;) {
                        if (heads[k].clause != lh.clause) break;
                        if (cases[s].fits(heads[k].marker) && type_fits(slot, heads[k])) {
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
                        const NounPhrase& prev = heads[first - 1];
                        if (prev.clause != lh.clause ||
                            !(prev.marker == r.list_marker || prev.marker == r.and_marker) ||
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
                std::size_t from = toks.size();
                for (std::size_t k = cue->token + 1; k + slot.after_cue.size() <= toks.size();
                     ++k) {
                    if (std::equal(slot.after_cue.begin(), slot.after_cue.end(),
                                   toks.begin() + static_cast<std::ptrdiff_t>(k))) {
                        from = k + slot.after_cue.size();
                        break;
                    }
                }
                for (std::size_t k = heads.size(); k-- > 0;) {
                    if (heads[k].token >= from && type_fits(slot, heads[k]))
                        members[s].push_back(k);
                }
                ok = !members[s].empty();
            }
            if (!ok) continue;
            if (blocked(r.unless[ri], heads, members, sentence.predicates, lh.clause, cue->token))
                continue;
            // the mode and polarity of the cue's clause, read after the cue
            auto after_cue = [&](const auto& m) {
                return m.token > cue->token && m.token < cue->scope_end && m.clause == cue->clause;
            };
            // «تعاون کی ضرورت محسوس نہیں کرتا»: a denied tie, kept as such
            const auto& negations = sentence.negations;
            const auto denial = std::find_if(negations.begin(), negations.end(), after_cue);
            const std::string polarity =
                denial == negations.end() ? "affirmed" : r.polarity_kind.at(denial->kind);
            const auto& intents = sentence.intents;
            bool intent = std::any_of(intents.begin(), intents.end(), after_cue);
            for (const RelationIntent& ri_word : sentence.relation_intents) {
                if (ri_word.relation == rule.relation && after_cue(ri_word)) intent = true;
            }
            const RelationType* type = r.rules.relation(rule.relation);
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
                    p.push_back(heads[*it].actor);
                    for (auto a : heads[*it].also)
                        p.push_back(a);
                }
                return p;
            };
            for (std::uint32_t src : parties(si)) {
                for (std::uint32_t dst : parties(ti)) {
                    if (src == dst || own_country(src, dst) || own_country(dst, src)) continue;
                    auto [lo, hi] = std::minmax(src, dst);
                    auto& seen = polarity == "affirmed" ? related : denied;
                    if (!seen.insert({lo, hi, rule.relation}).second) continue;
                    Relation rel;
                    rel.directed = rule.directed || !(type && type->symmetric);
                    std::uint32_t a = src, b = dst;
                    if (!rel.directed && actor(b).id < actor(a).id) std::swap(a, b);
                    rel.source = actor(a).id;
                    rel.target = actor(b).id;
                    rel.relation = rule.relation;
                    rel.mode = intent ? "intent" : "done";
                    rel.polarity = polarity;
                    rel.context = std::string(sentence.context);
                    rel.rule = rule.id;
                    rel.confidence = rule.confidence;
                    out.relations.push_back(std::move(rel));
                    keys.emplace_back(lo, hi, rule.relation);
                }
            }
        }
    }
    std::vector<Relation> kept;
    for (std::size_t i = 0; i < out.relations.size(); ++i) {
        if (out.relations[i].polarity == "affirmed" || !related.count(keys[i]))
            kept.push_back(std::move(out.relations[i]));
    }
    out.relations = std::move(kept);
    return out;
}

}  // namespace rabta::detail
