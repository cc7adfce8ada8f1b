// Relation rules (seeds/rules/relations.json) matched over a sentence the clause
// reader has read (parse/clause.h).
#pragma once

#include <rabta/lexicon.h>
#include <rabta/relation.h>
#include <rabta/rules.h>

#include <vector>

#include "parse/clause.h"
#include "recognize/discover.h"

namespace rabta::detail {

/// The case markers a rule slot accepts ("ne|se", "any", "none", "gen"), as
/// marker indices of the grammar.
struct SlotCase {
    bool any = false;
    bool none = false;  ///< kNoMarker
    bool gen = false;   ///< kGenitive
    std::vector<int> markers;
    bool fits(int marker) const;
};

/// Rules compiled for matching over parsed sentences.
struct CompiledRules {
    CompiledRules(const Rules& rules, const CompiledGrammar& grammar);

    const Rules& rules;
    std::vector<std::vector<SlotCase>> slot_case;  ///< [rule][slot]
    std::vector<SlotCase> unless;                  ///< [rule]: markers that block it
    int list_marker = kNoMarker;
    int and_marker = kNoMarker;
    std::vector<std::string> polarity_kind;  ///< CompiledGrammar::polarity_kind
};

struct SentenceResult {
    std::vector<Relation> relations;  ///< sentence index left 0
};

/// Matches the rules, in order, over one parsed sentence.
SentenceResult relate(const CompiledRules& rules,
                      const ActorTable& actors,
                      const ParsedSentence& sentence);

}  // namespace rabta::detail
