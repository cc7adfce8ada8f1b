// Urdu text for matching: folding with an offset map back to the original bytes,
// sentence splitting and tokenization.
#pragma once

#include <rabta/span.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rabta {

/// The folded form of an original text. Folding is ICU NFKC followed by Urdu
/// folding: Arabic yeh/alef maksura → ی, kaf → ک, heh → ہ, teh marbuta → ۃ, alef
/// variants → ا, diacritics, tatweel, bidi marks, ZWNJ/ZWJ and soft hyphens dropped,
/// NBSP and other spaces → ' ', Urdu and Arabic-Indic digits → ASCII, ASCII
/// letters lower-cased. Line breaks are kept as '\n'; '\r' is dropped.
struct FoldedText {
    std::string text;
    /// to_original[i] is the original byte offset of the character that produced
    /// folded byte i; to_original[text.size()] is the original length.
    std::vector<std::uint32_t> to_original;

    /// Maps a folded span to the original span that covers it (dropped marks
    /// that follow the last character are included).
    Span original(Span folded) const;
};

/// Folds `original`, which must be valid UTF-8.
FoldedText fold(std::string_view original);

/// A lexicon key: the folded text with all white space removed, so that
/// `شہبازشریف` and `شہباز شریف` give the same key.
std::string fold_key(std::string_view original);

/// A word or punctuation token of folded text.
struct Token {
    Span span;          ///< in the folded text
    bool word = false;  ///< letters/digits (true) or one punctuation mark (false)
};

/// Splits `range` of folded text into sentences at ۔ ؟ ? ! and line breaks, and
/// at a "." that ends an Urdu word (not after digits or Latin letters: 43.59,
/// "3.", U.S. stay whole). A closing quote or bracket right after the end stays
/// with its sentence. Returned spans are trimmed of white space and never empty.
std::vector<Span> split_sentences(std::string_view folded, Span range);

/// Tokenizes a folded span: runs of letters, marks and digits are words (a change
/// between digits and letters, or between Latin and Arabic script, ends a word);
/// every other non-space character is a token of its own.
std::vector<Token> tokenize(std::string_view folded, Span range);

}  // namespace rabta
