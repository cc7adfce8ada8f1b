// Latin labels for Urdu names that the lexicon gives no English label, by ICU
// transliterator rules kept as data (seeds/text/romanize.txt).
#pragma once

#include <memory>
#include <string>
#include <string_view>

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

}  // namespace rabta
