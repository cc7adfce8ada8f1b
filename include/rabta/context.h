// What a tie is about: the context taxonomy (seeds/rules/contexts.json,
// schemas/contexts.schema.json) and the selection of tags a `--context` list
// names. Tags are persisted codes; a tag may belong to a family (`digital`).
#pragma once

#include <rabta/data_source.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rabta {

/// A sequence of folded tokens (as in rules.h).
using Phrase = std::vector<std::string>;

/// Where a tie's context came from, most specific first. Persisted as the
/// strings of to_string: "clause", "sentence", "article" (inherited), or ""
/// when the tie has no context.
enum class ContextSource : std::uint8_t { none, clause, sentence, article };

std::string_view to_string(ContextSource s) noexcept;

struct ContextTag {
    std::string tag;
    std::string parent;  ///< its family ("digital"), or empty
    std::vector<Phrase> cues;
};

/// How an article's main topic is chosen from its cue scores.
struct TopicRule {
    double title_weight = 3;  ///< a cue in the title counts this many body cues
    double min_score = 3;     ///< the main topic's score must reach this ...
    double min_share = 0.4;   ///< ... and this share of all the article's scores
};

/// One tag's score in an article: cues in the body, plus title cues weighted.
struct TopicScore {
    std::string tag;
    double score = 0;
    bool main = false;  ///< the article's main topic: its ties without a context inherit it
};

class ContextTaxonomy {
  public:
    /// Loads and validates contexts.json. Throws ConfigError (file, JSON
    /// pointer, reason) on a schema violation, a duplicate tag or a parent that
    /// is a tag of its own family.
    static ContextTaxonomy load(const DataFile& file);
    /// The compiled-in seeds/rules/contexts.json.
    static ContextTaxonomy embedded();

    std::vector<std::string> relations;  ///< the relations that take a context
    std::vector<ContextTag> tags;        ///< in file order
    std::vector<Phrase> excluded;        ///< look like cues, are none
    std::vector<Phrase> frames;          ///< after a cue: it is its clause's field
    TopicRule topic;

    const ContextTag* find(std::string_view tag) const;
    bool takes_context(std::string_view relation) const;
    /// Whether `tag` is `family` or one of its tags.
    bool in_family(std::string_view tag, std::string_view family) const;
    /// Every tag and family name, sorted, for messages and --help.
    std::vector<std::string> names() const;
    /// The tags a comma list names ("fintech,media", "digital" for the whole
    /// family), sorted and unique. Throws UsageError naming the unknown item
    /// and every known name.
    std::vector<std::string> select(std::string_view list) const;
    std::uint64_t version() const noexcept { return version_; }

  private:
    std::uint64_t version_ = 0;
};

}  // namespace rabta
