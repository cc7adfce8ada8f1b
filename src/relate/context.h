// Reading what a tie is about (include/rabta/context.h): the context cues of a
// sentence, the tie's own clause first, then its sentence, then — inherited —
// its article's main topic.
#pragma once

#include <rabta/context.h>
#include <rabta/relation.h>

#include <cstddef>
#include <string_view>
#include <vector>

#include "parse/clause.h"
#include "recognize/discover.h"
#include "recognize/phrases.h"

namespace rabta::detail {

/// A context cue found in a sentence's folded tokens.
struct ContextCue {
    std::size_t token;
    std::size_t length;
    int tag;      ///< index into ContextTaxonomy::tags
    bool framed;  ///< a frame follows: «ای کامرس کے شعبے میں»
};

class ContextReader {
  public:
    /// The taxonomy must outlive the reader.
    explicit ContextReader(const ContextTaxonomy& taxonomy);

    /// The cues of one sentence, in token order; excluded phrases are skipped
    /// whole, and a cue never starts inside another.
    std::vector<ContextCue> cues(const std::vector<std::string_view>& tokens) const;

    /// Gives each relation of the sentence that takes a context the tag of a
    /// framed cue of its clause, else the cue of its clause nearest its
    /// predicate, else the cue of its sentence nearest it, with the source.
    void assign(const ParsedSentence& sentence,
                const ActorTable& actors,
                const std::vector<ContextCue>& cues,
                std::vector<Relation>& relations) const;

    /// Adds `weight` per cue to `scores` (one per tag).
    void score(const std::vector<ContextCue>& cues,
               double weight,
               std::vector<double>& scores) const;

    /// The article's topic scores, highest first (then by tag), zeros left out;
    /// the first is main when it passes the taxonomy's TopicRule.
    std::vector<TopicScore> topics(const std::vector<double>& scores) const;

    /// Relations that take a context and have none inherit the main topic.
    void inherit(const std::vector<TopicScore>& topics, std::vector<Relation>& relations) const;

    /// Adds the cues of a title, each worth TopicRule::title_weight.
    void score_title(std::string_view title, std::vector<double>& scores) const;

    std::size_t size() const { return taxonomy_.tags.size(); }

  private:
    const ContextTaxonomy& taxonomy_;
    PhraseSet cues_, excluded_, frames_;
};

}  // namespace rabta::detail
