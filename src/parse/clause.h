// The clause reader (the parse stage): one sentence's tokens and actor mentions
// read as Urdu clause structure. Urdu is SOV with postpositions: a noun phrase is
// closed by a postposition (نے, سے, کے ساتھ, کے درمیان …) that gives its case, and
// the predicate comes last. The reader gives the sentence's noun-phrase heads
// with their closing case marker, «کے/کی/کا» affiliations and coordination
// («،», «اور»), the relation cues, mode and polarity markers, clause boundaries,
// the references it resolved and the sentence's context word. Matching the
// relation rules over this is the relate stage's work (relate/relate.h).
#pragma once

#include <rabta/lexicon.h>
#include <rabta/rules.h>

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "recognize/discover.h"
#include "recognize/matcher.h"
#include "recognize/phrases.h"

namespace rabta::detail {

/// NounPhrase::marker of a phrase that no postposition closes.
inline constexpr int kNoMarker = -1;
/// NounPhrase::marker of the possessor of an event noun: «B کی … ملاقات».
inline constexpr int kGenitive = -2;

/// The grammar of the rules file compiled for reading: postposition classes,
/// fillers, clause breaks, pronouns, anaphors, relation cues, mode, polarity and
/// context words.
struct CompiledGrammar {
    explicit CompiledGrammar(const Rules& rules);

    std::vector<std::string> marker_names;  ///< index = PhraseSet value of `markers`
    /// Office titles of the actor patterns (seeds/rules/actors.json): «چینی سفیر سے»
    /// with no name after the title stands for China.
    PhraseSet office_titles;
    PhraseSet markers, transparent, fillers, clause_breaks, group_nouns, pronouns, anaphors, cues,
        intent, negation, contexts, scope_ends;
    std::map<std::string, PhraseSet> intent_by_relation;
    std::vector<std::string> cue_relation;  ///< cue value → relation
    /// Light-verb predicates (Rules::light_verbs): the noun's value is the frame,
    /// a verb form's value its lemma.
    PhraseSet light_nouns, verb_forms;
    struct LightFrame {
        std::string relation;
        std::vector<int> lemmas;
        std::size_t reach;
    };
    std::vector<LightFrame> light_frames;
    std::vector<std::string> context_tag;    ///< context value → tag
    std::vector<std::string> polarity_kind;  ///< negation value → Relation::polarity
    std::vector<std::string> pronoun_refers;
    std::vector<std::string> anaphor_type;
    std::vector<bool> anaphor_pair;
    /// Token interning: each word a phrase of a set starts with maps to the sets
    /// it starts phrases in, so a sentence looks each token up once and asks a
    /// set only about the tokens that can begin one of its phrases.
    enum SetBit : std::uint32_t {
        in_markers = 1u << 0,
        in_transparent = 1u << 1,
        in_fillers = 1u << 2,
        in_clause_breaks = 1u << 3,
        in_group_nouns = 1u << 4,
        in_pronouns = 1u << 5,
        in_anaphors = 1u << 6,
        in_cues = 1u << 7,
        in_intent = 1u << 8,
        in_negation = 1u << 9,
        in_contexts = 1u << 10,
        in_light_nouns = 1u << 11,
        in_verb_forms = 1u << 12,
        in_relation_intent = 1u << 13,
        in_office_titles = 1u << 14,
        in_scope_ends = 1u << 15,
    };
    std::uint32_t sets_of(std::string_view token) const {
        auto it = starts_.find(token);
        return it == starts_.end() ? 0u : it->second;
    }
    int of_marker = kNoMarker;    ///< «کے/کی/کا»
    int list_marker = kNoMarker;  ///< «،» between the items of a list
    int and_marker = kNoMarker;   ///< «اور»

  private:
    void note(const std::vector<Phrase>& phrases, SetBit bit) {
        for (const auto& p : phrases)
            starts_[p.front()] |= bit;
    }
    std::unordered_map<std::string, std::uint32_t, StringHash, std::equal_to<>> starts_;
};

/// What an article remembers from one sentence to the next, for reference.
struct ArticleState {
    std::optional<std::uint32_t> last_subject_person;
    std::optional<std::uint32_t> last_speaker_org;
    std::map<EntityType, std::uint32_t> last_of_type;
    std::map<std::uint32_t, int> forum_mentions;  ///< «ایونٹ» means the article's main forum
    /// Distinct actors named, by type, the latest last: «دونوں ممالک» is the last two.
    std::map<EntityType, std::vector<std::uint32_t>> recent;
};

/// A token-level anaphor or pronoun resolved to an actor.
struct ResolvedReference {
    std::size_t token;
    std::size_t length;
    std::uint32_t actor;
};

/// The head of a noun phrase: an actor with the postposition that closes it.
struct NounPhrase {
    std::uint32_t actor;              ///< indexes the article's ActorTable
    std::vector<std::uint32_t> also;  ///< further parties: a delegation's organization
    std::size_t token;                ///< first token
    std::size_t clause;
    /// The closing case marker: an index into CompiledGrammar::marker_names, or
    /// kNoMarker, or kGenitive.
    int marker;
    /// Actors that qualify the head with «کے/کی/کا» or a demonym: «ہواوے کے سی ای او».
    std::vector<std::uint32_t> affiliations;
};

/// A predicate of the sentence: its relation cue and the reach of its verb.
struct Predicate {
    std::string_view relation;  ///< the relation the cue belongs to
    std::size_t token;
    std::size_t clause;
    /// The token where the predicate's verb phrase ends: the first cue of another
    /// relation after an «اور» in the clause («ملاقات کی اور تعاون بڑھانے کی خواہش
    /// ظاہر کی»), the first scope end of the clause after it («ہے», «جس میں»), or
    /// the sentence's end. Mode and polarity words count only before it.
    std::size_t scope_end = 0;
    /// The predicate's object: tokens [object_begin, token) between the last actor
    /// phrase (or clause start) before the cue and the cue: «ای کامرس کے شعبے میں»
    /// in «A نے B کے ساتھ ای کامرس کے شعبے میں تعاون کیا». For a context reader.
    std::size_t object_begin = 0;
};

/// A word that sets the mode or polarity of its clause: intent («پیشکش», «گا»),
/// negation («نہیں», «منسوخ»).
struct ModeMarker {
    std::size_t token;
    std::size_t clause;
    /// A negation's polarity, an index into CompiledGrammar::polarity_kind.
    std::size_t kind = 0;
};

/// An intent word that holds for one relation only.
struct RelationIntent {
    std::string_view relation;
    std::size_t token;
    std::size_t clause;
};

/// One sentence read as clauses. Views point into the tokens and the grammar,
/// which must outlive it.
struct ParsedSentence {
    std::span<const std::string_view> tokens;
    std::vector<NounPhrase> heads;  ///< in reading order
    std::vector<Predicate> predicates;
    std::vector<ModeMarker> intents;
    std::vector<RelationIntent> relation_intents;
    std::vector<ModeMarker> negations;
    /// The clause of each token, and at [tokens.size()] the sentence's last clause.
    /// A clause break belongs to the clause it ends.
    std::vector<std::size_t> clause_of_token;
    std::vector<ResolvedReference> references;
    std::string_view context;  ///< the context tag of the first context word, or empty
};

/// Reads one sentence. `mentions` are its actor mentions in token order, not
/// overlapping, indexing `actors`. Updates `state` (who was named last, who spoke).
ParsedSentence parse_sentence(const CompiledGrammar& grammar,
                              const ActorTable& actors,
                              const std::vector<std::string_view>& tokens,
                              const std::vector<TokenMention>& mentions,
                              ArticleState& state);

}  // namespace rabta::detail
