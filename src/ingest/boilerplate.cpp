// Boilerplate rules are ICU regular expressions over the *folded* line, so that a
// pattern need not care about diacritics, Arabic letter variants or NBSP; captured
// text is mapped back to the original line through the fold's offset map.
#include <fmt/format.h>
#include <rabta/boilerplate.h>
#include <rabta/error.h>
#include <rabta/text.h>
#include <unicode/regex.h>
#include <unicode/unistr.h>

#include <vector>

#include "util/json.h"

namespace rabta {

namespace {

struct LineRule {
    std::string id;
    LineAction action;
    std::string outlet;  // fixed outlet for action outlet; empty = capture group 1
    std::unique_ptr<icu::RegexPattern> pattern;
};

struct DatelineRule {
    std::string id;
    std::unique_ptr<icu::RegexPattern> pattern;  // group 1 city, optional group 2 inner text
};

std::unique_ptr<icu::RegexPattern> compile(const std::string& origin,
                                           const std::string& pointer,
                                           const std::string& pattern) {
    UParseError pe{};
    UErrorCode err = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexPattern> p(icu::RegexPattern::compile(
        icu::UnicodeString::fromUTF8(pattern), UREGEX_CASE_INSENSITIVE, pe, err));
    if (U_FAILURE(err)) {
        throw ConfigError(origin, pointer,
                          fmt::format("invalid regular expression ({} at offset {})",
                                      u_errorName(err), pe.offset));
    }
    return p;
}

// UTF-8 byte offset of UTF-16 index `u16` in s.
std::size_t utf8_offset(std::string_view s, int32_t u16) {
    std::size_t i = 0;
    int32_t u = 0;
    while (i < s.size() && u < u16) {
        auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        u += len == 4 ? 2 : 1;
        i += len;
    }
    return i;
}

// The original text of capture group g of matcher m over folded line ft.
std::string capture(icu::RegexMatcher& m, int g, const FoldedText& ft, std::string_view line) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t b = m.start(g, err), e = m.end(g, err);
    if (U_FAILURE(err) || b < 0) return {};
    Span f{static_cast<std::uint32_t>(utf8_offset(ft.text, b)),
           static_cast<std::uint32_t>(utf8_offset(ft.text, e))};
    std::string s(ft.original(f).of(line));
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.pop_back();
    std::size_t k = s.find_first_not_of(" \t");
    return k == std::string::npos ? std::string() : s.substr(k);
}

}  // namespace

struct Boilerplate::Impl {
    std::vector<LineRule> lines;
    std::vector<DatelineRule> datelines;
    std::vector<std::unique_ptr<icu::RegexPattern>> date_labels;
    std::size_t max_headline_bytes = 300;
};

Boilerplate::Boilerplate(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Boilerplate::Boilerplate(Boilerplate&&) noexcept = default;
Boilerplate& Boilerplate::operator=(Boilerplate&&) noexcept = default;
Boilerplate::~Boilerplate() = default;

Boilerplate Boilerplate::load(std::string_view origin, std::string_view json) {
    DataFile file{std::string(origin), std::string(json)};
    rapidjson::Document doc = detail::load_validated(file, "schemas/boilerplate.schema.json");
    auto impl = std::make_unique<Impl>();
    impl->max_headline_bytes = doc["max_headline_bytes"].GetUint();
    const auto& lines = doc["lines"].GetArray();
    for (rapidjson::SizeType i = 0; i < lines.Size(); ++i) {
        const auto& r = lines[i];
        LineRule rule;
        rule.id = r["id"].GetString();
        std::string action = r["action"].GetString();
        rule.action = action == "drop"          ? LineAction::drop
                      : action == "drop_block"  ? LineAction::drop_block
                      : action == "split_story" ? LineAction::split_story
                                                : LineAction::outlet;
        if (r.HasMember("outlet")) rule.outlet = r["outlet"].GetString();
        rule.pattern =
            compile(file.origin, fmt::format("/lines/{}/match", i), r["match"].GetString());
        impl->lines.push_back(std::move(rule));
    }
    const auto& dl = doc["datelines"].GetArray();
    for (rapidjson::SizeType i = 0; i < dl.Size(); ++i) {
        impl->datelines.push_back(
            {dl[i]["id"].GetString(), compile(file.origin, fmt::format("/datelines/{}/match", i),
                                              dl[i]["match"].GetString())});
    }
    const auto& labels = doc["date_labels"].GetArray();
    for (rapidjson::SizeType i = 0; i < labels.Size(); ++i) {
        impl->date_labels.push_back(
            compile(file.origin, fmt::format("/date_labels/{}", i), labels[i].GetString()));
    }
    return Boilerplate(std::move(impl));
}

const Boilerplate& Boilerplate::embedded() {
    static const Boilerplate b = [] {
        DataFile f = embedded_file("seeds/text/boilerplate.json");
        return load(f.origin, f.content);
    }();
    return b;
}

LineVerdict Boilerplate::classify(std::string_view line) const {
    FoldedText ft = fold(line);
    std::string_view folded = ft.text;
    while (!folded.empty() && folded.back() == ' ')
        folded.remove_suffix(1);
    std::size_t lead = folded.find_first_not_of(' ');
    if (lead == std::string_view::npos) return {};
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(folded.data(), static_cast<int32_t>(folded.size())));
    for (const auto& rule : impl_->lines) {
        UErrorCode err = U_ZERO_ERROR;
        std::unique_ptr<icu::RegexMatcher> m(rule.pattern->matcher(u, err));
        if (U_FAILURE(err) || !m->find(err)) continue;
        LineVerdict v{rule.action, rule.id, rule.outlet};
        if (rule.action == LineAction::outlet && v.outlet.empty() && m->groupCount() >= 1) {
            v.outlet = capture(*m, 1, ft, line);
        }
        return v;
    }
    return {};
}

std::optional<Dateline> Boilerplate::dateline(std::string_view line) const {
    FoldedText ft = fold(line);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(ft.text.data(), static_cast<int32_t>(ft.text.size())));
    for (const auto& rule : impl_->datelines) {
        UErrorCode err = U_ZERO_ERROR;
        std::unique_ptr<icu::RegexMatcher> m(rule.pattern->matcher(u, err));
        if (U_FAILURE(err) || !m->lookingAt(err)) continue;
        Dateline d;
        d.city = capture(*m, 1, ft, line);
        if (m->groupCount() >= 2) {
            std::string inner = capture(*m, 2, ft, line);
            // "اُردو پوائنٹ اخبارتازہ ترین - آن لائن۔ 10 جولائی2025ء": outlet first, date last.
            std::size_t cut = inner.find(" - ");
            d.outlet = inner.substr(0, cut);
            d.date_text = inner;
        }
        int32_t end = m->end(err);
        Span f{0, static_cast<std::uint32_t>(utf8_offset(ft.text, end))};
        d.length = ft.original(f).end;
        if (d.city.empty()) continue;
        return d;
    }
    return std::nullopt;
}

std::string_view Boilerplate::strip_date_label(std::string_view line) const {
    FoldedText ft = fold(line);
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(
        icu::StringPiece(ft.text.data(), static_cast<int32_t>(ft.text.size())));
    for (const auto& p : impl_->date_labels) {
        UErrorCode err = U_ZERO_ERROR;
        std::unique_ptr<icu::RegexMatcher> m(p->matcher(u, err));
        if (U_FAILURE(err) || !m->lookingAt(err)) continue;
        Span f{0, static_cast<std::uint32_t>(utf8_offset(ft.text, m->end(err)))};
        return line.substr(ft.original(f).end);
    }
    return line;
}

std::size_t Boilerplate::max_headline_bytes() const {
    return impl_->max_headline_bytes;
}

}  // namespace rabta
