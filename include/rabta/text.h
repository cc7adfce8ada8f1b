// Urdu text for matching: folding with an offset map back to the original bytes,
// sentence splitting and tokenization.
#pragma once

#include <rabta/span.h>

#include <cstdint>
#include <optional>
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

/// A span of an original text, folded: read from `whole` (fold() of all of the
/// original) where that gives what fold() of the span alone gives, which holds
/// when both ends are normalization boundaries, as line starts and ends are;
/// folded anew where not, or when `whole` is null. Borrows `whole` and holds
/// pointers into itself: neither copied nor moved.
class FoldedSpan {
  public:
    FoldedSpan(const FoldedText* whole, std::string_view original, Span span);
    FoldedSpan(const FoldedSpan&) = delete;
    FoldedSpan& operator=(const FoldedSpan&) = delete;

    /// The folded text of the span.
    std::string_view text() const noexcept { return text_; }
    /// As FoldedText::original for fold() of the span: offsets into the span.
    Span original(Span folded) const;
    /// fold() of the span, as a FoldedText of its own.
    FoldedText copy() const;

  private:
    std::uint32_t at(std::size_t i) const;  ///< original offset of folded byte i (i <= size)
    std::optional<FoldedText> own_;
    std::string_view text_;
    const std::uint32_t* map_ = nullptr;  ///< text_.size() offsets, `base_` subtracted by at()
    std::uint32_t base_ = 0, length_ = 0;
};

/// fold() of original[span], read from `whole` (see FoldedSpan); `whole` may be null.
FoldedText fold_part(const FoldedText* whole, std::string_view original, Span span);

/// fold_key() of text already folded: without its white space.
std::string folded_key(std::string_view folded);

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
