// Whole-word, space-insensitive lexicon matching over tokens.
#pragma once

#include <rabta/lexicon.h>

#include <string_view>
#include <vector>

namespace rabta::detail {

struct TokenMention {
    std::size_t first;     ///< first token
    std::size_t last;      ///< one past the last token
    LexiconKey key;        ///< key.actor indexes the article's ActorTable
    bool anaphor = false;  ///< a title standing for the person last named with it
};

/// Finds lexicon names in a token sequence, left to right, longest match first,
/// never overlapping. A name may span several tokens ("اسلام آباد") or be glued in
/// one ("شہبازشریف"): tokens are concatenated without spaces and compared with
/// the lexicon's space-free keys, so matches always start and end on token
/// boundaries (whole words: چین never matches inside چینل or چینی).
class Matcher {
  public:
    explicit Matcher(const Lexicon& lexicon, std::size_t max_tokens = 12);
    std::vector<TokenMention> find(const std::vector<std::string_view>& tokens,
                                   const std::vector<bool>& is_word) const;

  private:
    const std::vector<std::pair<std::string, LexiconKey>>& keys_;
    std::size_t max_tokens_;
};

}  // namespace rabta::detail
