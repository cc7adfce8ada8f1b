// Latin labels for Urdu names that the lexicon gives no English label: English
// loanwords, spelled letters and known names read back as English
// (seeds/text/loanwords.json), the rest by ICU transliterator rules kept as data
// (seeds/text/romanize.txt).
#pragma once

#include <rabta/data_source.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace rabta {

class Romanizer {
  public:
    /// Compiles ICU transliterator rules. Throws ConfigError naming the file and
    /// the rule offset when they do not compile.
    static Romanizer load(std::string_view origin, std::string_view rules);
    /// The rules compiled into the library.
    static const Romanizer& embedded();

    Romanizer(Romanizer&&) noexcept;
    Romanizer& operator=(Romanizer&&) noexcept;
    ~Romanizer();

    /// A readable Latin form of an Urdu name: «شہباز شریف» → "Shahbaz Sharif".
    /// Deterministic; Latin text passes through unchanged. Thread-safe.
    std::string operator()(std::string_view urdu) const;

  private:
    struct Impl;
    explicit Romanizer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

/// Reads the words of an Urdu name back as English where they are English:
/// «پاکستان سافٹ ویئر ہاوسز ایسوسی ایشن» → "Pakistan Software Houses Association".
class LatinLabels {
  public:
    /// Loads a loanwords file (schemas/loanwords.schema.json). Throws ConfigError
    /// (file, JSON pointer, reason) when it is invalid or gives one folded
    /// spelling two English forms.
    static LatinLabels load(const DataFile& file);
    /// The table compiled into the library.
    static const LatinLabels& embedded();

    /// A known name («کراچی» → "Karachi"): read so wherever its words stand
    /// together; it wins over a loanword of the same words.
    void add_name(std::string_view urdu, const std::string& latin);

    /// The Latin label: the longest phrases of the table first, two or more
    /// spelled letters in a row as one acronym («پی سی بی» → "PCB"), each
    /// remaining run of words romanized. Deterministic.
    std::string operator()(std::string_view urdu,
                           const Romanizer& romanizer = Romanizer::embedded()) const;

  private:
    std::unordered_map<std::string, std::string> phrases_;  ///< folded words, one space apart
    std::unordered_map<std::string, std::string> letters_;
    std::size_t longest_ = 1;  ///< words in the longest phrase
};

}  // namespace rabta
