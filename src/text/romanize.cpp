#include <fmt/format.h>
#include <rabta/data_source.h>
#include <rabta/error.h>
#include <rabta/romanize.h>
#include <rabta/text.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

namespace rabta {

struct Romanizer::Impl {
    std::unique_ptr<icu::Transliterator> t;
};

Romanizer::Romanizer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Romanizer::Romanizer(Romanizer&&) noexcept = default;
Romanizer& Romanizer::operator=(Romanizer&&) noexcept = default;
Romanizer::~Romanizer() = default;

Romanizer Romanizer::load(std::string_view origin, std::string_view rules) {
    UParseError pe{};
    UErrorCode err = U_ZERO_ERROR;
    auto impl = std::make_unique<Impl>();
    impl->t.reset(
        icu::Transliterator::createFromRules("ur-Latn-rabta",
                                             icu::UnicodeString::fromUTF8(icu::StringPiece(
                                                 rules.data(), static_cast<int32_t>(rules.size()))),
                                             UTRANS_FORWARD, pe, err));
    if (U_FAILURE(err) || !impl->t) {
        std::string context;
        icu::UnicodeString(pe.preContext).toUTF8String(context);
        throw ConfigError(std::string(origin), "",
                          fmt::format("transliterator rules do not compile: {} near «{}»",
                                      u_errorName(err), context));
    }
    return Romanizer(std::move(impl));
}

const Romanizer& Romanizer::embedded() {
    static const Romanizer r = [] {
        DataFile f = embedded_file("seeds/text/romanize.txt");
        return load(f.origin, f.content);
    }();
    return r;
}

std::string Romanizer::operator()(std::string_view urdu) const {
    // The rules see word edges as non-letters: pad, then trim.
    // Appended piece by piece: GCC 12 at -O2/-O3 reports a false -Wrestrict on
    // `" " + s + " "` (a known bug of its string inlining).
    const std::string word = fold(urdu).text;
    std::string folded;
    folded.reserve(word.size() + 2);
    folded.append(1, ' ').append(word).append(1, ' ');
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(folded.data(), static_cast<int32_t>(folded.size())));
    impl_->t->transliterate(u);
    std::string out;
    u.trim().toUTF8String(out);
    return out;
}

}  // namespace rabta
