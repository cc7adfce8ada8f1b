// Site boilerplate (view counters, comment forms, related-link blocks, captions,
// dateline formats) as data: seeds/text/boilerplate.json, schemas/boilerplate.schema.json.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace rabta {

class FoldedSpan;

/// What a line of a page is, as far as boilerplate is concerned.
enum class LineAction {
    keep,         ///< story text
    drop,         ///< remove this line
    drop_block,   ///< remove this line and the headline-like lines under it
    split_story,  ///< this line introduces a second story (or a link list)
    outlet,       ///< remove this line, and take the outlet from it
};

struct LineVerdict {
    LineAction action = LineAction::keep;
    std::string rule;    ///< id of the rule that matched
    std::string outlet;  ///< outlet captured by the rule, if any
};

/// A dateline at the start of a body: `اسلام آباد (اُردو پوائنٹ … 10 جولائی2025ء)`.
struct Dateline {
    std::size_t length = 0;  ///< bytes of the line taken by the dateline
    std::string city;
    std::string outlet;  ///< e.g. اُردو پوائنٹ, or empty
    std::string agency;  ///< news agency or desk: اے پی پی, آن لائن, شِنہوا, نیوز ڈیسک, or empty
    std::string date_text;  ///< the dateline's date as written, or empty
};

class Boilerplate {
  public:
    /// Loads and validates a boilerplate file. Throws ConfigError.
    static Boilerplate load(std::string_view origin, std::string_view json);
    /// The rules compiled into the library.
    static const Boilerplate& embedded();

    Boilerplate(Boilerplate&&) noexcept;
    Boilerplate& operator=(Boilerplate&&) noexcept;
    ~Boilerplate();

    /// Classifies one line (original text, without its line break).
    LineVerdict classify(std::string_view line) const;
    /// Recognizes a dateline at the start of a body line.
    std::optional<Dateline> dateline(std::string_view line) const;
    /// Strips a leading label such as `اشاعت کی تاریخ:` from a date line.
    std::string_view strip_date_label(std::string_view line) const;
    /// The same three for a line already folded: `folded` is the fold of `line`
    /// (the page's, read once), and a label's length is in folded bytes.
    LineVerdict classify(const FoldedSpan& folded, std::string_view line) const;
    std::optional<Dateline> dateline(const FoldedSpan& folded, std::string_view line) const;
    std::size_t date_label_bytes(std::string_view folded) const;
    /// The outlet of a URL by its host (www.express.pk → Express), or empty.
    std::string outlet_for_url(std::string_view url) const;
    /// Longest title or headline, in bytes, for the related-links heuristics.
    std::size_t max_headline_bytes() const;
    /// Content hash of the file it was loaded from: a change re-reads every article.
    std::uint64_t version() const noexcept;

  private:
    struct Impl;
    explicit Boilerplate(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace rabta
