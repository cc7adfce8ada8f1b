// Extraction: a pure function of (article, lexicon, rules) to mentions and
// relation mentions with their evidence.
#pragma once

#include <rabta/article.h>
#include <rabta/context.h>
#include <rabta/lexicon.h>
#include <rabta/rules.h>
#include <rabta/span.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace rabta {

enum class MentionKind : std::uint8_t {
    name,     ///< a name or alias of the actor
    demonym,  ///< چینی → China
    anaphor,  ///< فورم, انہوں نے, ہمارا → the actor they refer to
};

std::string_view to_string(MentionKind k) noexcept;

struct Mention {
    std::string entity;  ///< actor id
    MentionKind kind = MentionKind::name;
    std::uint32_t sentence = 0;  ///< index into Extraction::sentences
    Span span;                   ///< in Article::text
};

struct Relation {
    std::string source;    ///< actor id
    std::string target;    ///< actor id
    std::string relation;  ///< met, signed, cooperated, ...
    bool directed = false;
    std::string mode;     ///< "done" or "intent"
    std::string context;  ///< digital-economy context tag, or empty
    std::string context_source;  ///< to_string(ContextSource): clause, sentence, article or empty
    std::string rule;     ///< id of the rule that made it
    double confidence = 0;
    std::uint32_t sentence = 0;  ///< index into Extraction::sentences
};

/// A role a title in the text gives a person: «علی بابا گروپ کے صدر جیمز ڈونگ».
struct TextRole {
    std::string person;  ///< actor id
    std::string org;     ///< actor id of the organization or country
    std::string title;   ///< as written in the article
    std::uint32_t sentence = 0;
};

/// Bounds on the work one article can cause, so that hostile input (a 50 MB
/// article, a "sentence" of 100,000 words) cannot stall a build. An article
/// longer than `article_bytes` is skipped; a sentence past the other bounds is
/// read in part, and Extraction::limits says so.
struct Limits {
    std::size_t article_bytes = 1 << 20;  ///< text of one article (1 MiB)
    std::size_t sentence_tokens = 1000;   ///< tokens of a sentence that are read
    std::size_t sentence_mentions = 64;   ///< actor mentions of a sentence that can relate
};

struct Extraction {
    std::vector<Span> sentences;  ///< in Article::text, in reading order
    std::vector<Mention> mentions;
    std::vector<Relation> relations;
    /// Actors found by patterns (Actor::subtype "discovered"), in order of discovery.
    std::vector<Actor> discovered;
    std::vector<TextRole> roles;
    /// Each limit hit while reading the article: what was cut, and which limit.
    std::vector<std::string> limits;
    /// The article's context scores per tag, highest first (relate/context.h).
    std::vector<TopicScore> topics;
};

class Extractor {
  public:
    /// Both must outlive the extractor. Construction compiles the lexicon keys
    /// and rule phrases; run() is const and safe to call from several threads.
    Extractor(const Lexicon& lexicon, const Rules& rules, const Limits& limits = {});
    ~Extractor();
    Extractor(const Extractor&) = delete;
    Extractor& operator=(const Extractor&) = delete;

    Extraction run(const Article& article) const;

  private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace rabta
