// Relation rules applied to one sentence of tokens with its lexicon mentions.
#pragma once

#include <rabta/extract.h>
#include <rabta/lexicon.h>
#include <rabta/rules.h>

#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "recognize/discover.h"
#include "recognize/matcher.h"
#include "recognize/phrases.h"

namespace rabta::detail {

/// Rules compiled for token matching.
struct CompiledRules {
    explicit CompiledRules(const Rules& rules);

    const Rules& rules;
    std::vector<std::string> marker_names;  ///< index = PhraseSet value
    PhraseSet markers, transparent, fillers, clause_breaks, group_nouns, pronouns, anaphors, cues,
        intent, negation, contexts;
    std::map<std::string, PhraseSet> intent_by_relation;
    std::vector<std::string> cue_relation;  ///< cue value → relation
    std::vector<std::string> context_tag;   ///< context value → tag
    std::vector<std::string> pronoun_refers;
    std::vector<std::string> anaphor_type;
    std::vector<bool> anaphor_pair;
    int of_marker = -1;
    int list_marker = -1;
    int and_marker = -1;
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

struct SentenceResult {
    std::vector<Relation> relations;  ///< sentence index left 0
    std::vector<ResolvedReference> references;
};

/// Applies the rules to one sentence. `mentions` are the lexicon matches in token
/// order. Updates `state`.
SentenceResult relate_sentence(const CompiledRules& rules,
                               const ActorTable& actors,
                               const std::vector<std::string_view>& tokens,
                               const std::vector<TokenMention>& mentions,
                               ArticleState& state);

}  // namespace rabta::detail
