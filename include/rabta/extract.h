// Extraction: a pure function of (article, lexicon, rules) to mentions and
// relation mentions with their evidence.
#pragma once

#include <rabta/article.h>
#include <rabta/extraction.h>
#include <rabta/lexicon.h>
#include <rabta/rules.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace rabta {

/// Bounds on the work one article can cause, so that hostile input (a 50 MB
/// article, a "sentence" of 100,000 words) cannot stall a build. An article
/// longer than `article_bytes` is skipped; a sentence past the other bounds is
/// read in part, and Extraction::limits says so.
struct Limits {
    std::size_t article_bytes = 1 << 20;  ///< text of one article (1 MiB)
    std::size_t sentence_tokens = 1000;   ///< tokens of a sentence that are read
    std::size_t sentence_mentions = 64;   ///< actor mentions of a sentence that can relate
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
