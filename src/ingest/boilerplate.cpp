// Boilerplate rules are ICU regular expressions over the *folded* line, so that a
// pattern need not care about diacritics, Arabic letter variants or NBSP; captured
// text is mapped back to the original line through the fold's offset map.
//
// A line runs a rule's regex only when it holds every character the pattern
// needs (a literal pre-filter derived from the pattern), and each thread keeps
// one matcher per pattern, reset onto each line.
#include <fmt/format.h>
#include <rabta/boilerplate.h>
#include <rabta/error.h>
#include <rabta/text.h>
#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "util/hash.h"
#include "util/json.h"

namespace rabta {

namespace {

// The characters every match of `pattern` contains, as UTF-8: its literals at
// the top level that no quantifier makes optional, when the pattern has no
// top-level alternation. Only characters no other character case-folds to
// (not Latin letters), so the answer holds under UREGEX_CASE_INSENSITIVE.
// Anything this reader does not know gives no requirement: never a wrong one.
std::vector<std::string> required_characters(const std::string& pattern) {
    const icu::UnicodeString p = icu::UnicodeString::fromUTF8(pattern);
    std::vector<std::pair<UChar32, bool>> atoms;  // (literal or -1, optional)
    const int32_t n = p.length();
    auto literal = [](UChar32 c) {
        return !u_hasBinaryProperty(c, UCHAR_CASED) &&
               !u_hasBinaryProperty(c, UCHAR_CHANGES_WHEN_CASEFOLDED);
    };
    int32_t i = 0;
    while (i < n) {
        const UChar32 c = p.char32At(i);
        i += U16_LENGTH(c);
        if (c == '|' || c == ')') return {};
        if (c == '^' || c == '$') continue;
        if (c == '*' || c == '?' || c == '+' || c == '{') {
            if (atoms.empty()) return {};
            bool optional = c != '+';
            if (c == '{') {
                const int32_t close = p.indexOf(u'}', i);
                if (close < 0) return {};
                optional = p.charAt(i) == '0';
                i = close + 1;
            }
            if (optional) atoms.back().second = true;
            if (i < n && (p.charAt(i) == '?' || p.charAt(i) == '+')) ++i;  // lazy, possessive
            continue;
        }
        if (c == '\\') {
            if (i >= n) return {};
            const UChar32 e = p.char32At(i);
            i += U16_LENGTH(e);
            if (e < 0x80 && std::isalnum(static_cast<int>(e))) {
                if (std::string_view("sSdDwW").find(static_cast<char>(e)) == std::string_view::npos)
                    return {};  // \b, \p{..}, \x.., \Q..: not read here
                atoms.push_back({-1, false});
            } else {
                atoms.push_back({literal(e) ? e : -1, false});
            }
            continue;
        }
        if (c == '[' || c == '(') {
            // skip to the matching bracket; a group is one atom, a lookaround none
            const bool group = c == '(';
            if (group && p.charAt(i) == '?' && i + 1 < n &&
                std::u16string_view(u"imsxw-").find(p.charAt(i + 1)) != std::u16string_view::npos)
                return {};  // inline flags change what a literal means
            const bool lookaround =
                group && p.charAt(i) == '?' &&
                (p.charAt(i + 1) == '=' || p.charAt(i + 1) == '!' ||
                 (p.charAt(i + 1) == '<' && (p.charAt(i + 2) == '=' || p.charAt(i + 2) == '!')));
            int depth = 1;
            bool in_class = !group;
            while (i < n && depth > 0) {
                const UChar ch = p.charAt(i++);
                if (ch == '\\') {
                    ++i;
                } else if (in_class && !group) {
                    depth += ch == '[' ? 1 : ch == ']' ? -1 : 0;
                } else if (ch == '[') {
                    in_class = true;
                } else if (ch == ']' && in_class) {
                    in_class = false;
                } else if (!in_class) {
                    depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
                }
            }
            if (depth != 0) return {};
            if (!lookaround) atoms.push_back({-1, false});
            continue;
        }
        atoms.push_back({c == '.' || !literal(c) ? -1 : c, false});
    }
    std::vector<std::string> out;
    for (const auto& [c, optional] : atoms) {
        if (c < 0 || optional) continue;
        char buf[4];
        int32_t len = 0;
        U8_APPEND_UNSAFE(buf, len, c);
        std::string ch(buf, static_cast<std::size_t>(len));
        if (std::find(out.begin(), out.end(), ch) == out.end()) out.push_back(std::move(ch));
    }
    return out;
}

// Whether the folded line holds every character a pattern needs.
bool may_match(std::string_view folded, const std::vector<std::string>& required) {
    for (const auto& c : required)
        if (folded.find(c) == std::string_view::npos) return false;
    return true;
}

struct LineRule {
    std::string id;
    LineAction action;
    std::string outlet;  // fixed outlet for action outlet; empty = capture group 1
    std::unique_ptr<icu::RegexPattern> pattern;
    std::vector<std::string> required;  // see required_characters()
};

struct DatelineRule {
    std::string id;
    std::unique_ptr<icu::RegexPattern> pattern;
    int city = 0, outlet = 0, agency = 0, date = 0;  // named group numbers, 0 = absent
    std::vector<std::string> required;
};

// A loaded Boilerplate's serial number: what a thread's matchers belong to
// (an address may be reused by the next one loaded).
std::atomic<std::uint64_t> next_serial{1};

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

int group_number(const icu::RegexPattern& p, const char* name) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t n = p.groupNumberFromName(icu::UnicodeString(name, -1, US_INV), err);
    return U_SUCCESS(err) ? n : 0;
}

icu::UnicodeString utf16(std::string_view s) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
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

// The original text of capture group g of matcher m over folded line ft, trimmed.
std::string capture(icu::RegexMatcher& m, int g, const FoldedSpan& ft, std::string_view line) {
    UErrorCode err = U_ZERO_ERROR;
    int32_t b = m.start(g, err), e = m.end(g, err);
    if (U_FAILURE(err) || b < 0) return {};
    Span f{static_cast<std::uint32_t>(utf8_offset(ft.text(), b)),
           static_cast<std::uint32_t>(utf8_offset(ft.text(), e))};
    std::string s(ft.original(f).of(line));
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.pop_back();
    std::size_t k = s.find_first_not_of(" \t");
    return k == std::string::npos ? std::string() : s.substr(k);
}

}  // namespace

struct Boilerplate::Impl {
    std::uint64_t serial = next_serial++;
    std::vector<LineRule> lines;
    std::vector<DatelineRule> datelines;
    std::vector<std::unique_ptr<icu::RegexPattern>> date_labels;
    std::vector<std::pair<std::string, std::string>> outlets_by_host;
    std::size_t max_headline_bytes = 300;
    std::uint64_t version = 0;
};

namespace {

// One matcher per pattern and thread (a matcher is not shared between threads):
// made at a thread's first line for this Boilerplate, then reset onto each line.
struct Matchers {
    std::uint64_t serial = 0;
    std::vector<std::unique_ptr<icu::RegexMatcher>> lines, datelines, labels;
};

// This thread's matchers for the Boilerplate with this serial number.
Matchers& matchers_for(std::uint64_t serial) {
    thread_local Matchers mine;
    if (mine.serial != serial) mine = Matchers{serial, {}, {}, {}};
    return mine;
}

icu::RegexMatcher& matcher(std::vector<std::unique_ptr<icu::RegexMatcher>>& slots,
                           std::size_t i,
                           const icu::RegexPattern& pattern,
                           const icu::UnicodeString& input) {
    if (slots.size() <= i) slots.resize(i + 1);
    UErrorCode err = U_ZERO_ERROR;
    if (!slots[i]) {
        slots[i].reset(pattern.matcher(input, err));
    } else {
        slots[i]->reset(input);
    }
    if (U_FAILURE(err)) throw std::runtime_error(u_errorName(err));
    return *slots[i];
}

}  // namespace

Boilerplate::Boilerplate(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Boilerplate::Boilerplate(Boilerplate&&) noexcept = default;
Boilerplate& Boilerplate::operator=(Boilerplate&&) noexcept = default;
Boilerplate::~Boilerplate() = default;

Boilerplate Boilerplate::load(std::string_view origin, std::string_view json) {
    DataFile file{std::string(origin), std::string(json)};
    rapidjson::Document doc = detail::load_validated(file, "schemas/boilerplate.schema.json");
    auto impl = std::make_unique<Impl>();
    impl->version = detail::hash64(json, detail::hash64("rabta-boilerplate-1"));
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
        rule.required = required_characters(r["match"].GetString());
        impl->lines.push_back(std::move(rule));
    }
    const auto& dl = doc["datelines"].GetArray();
    for (rapidjson::SizeType i = 0; i < dl.Size(); ++i) {
        const std::string at = fmt::format("/datelines/{}/match", i);
        DatelineRule r;
        r.id = dl[i]["id"].GetString();
        r.pattern = compile(file.origin, at, dl[i]["match"].GetString());
        r.city = group_number(*r.pattern, "city");
        r.outlet = group_number(*r.pattern, "outlet");
        r.agency = group_number(*r.pattern, "agency");
        r.date = group_number(*r.pattern, "date");
        r.required = required_characters(dl[i]["match"].GetString());
        if (r.city == 0)
            throw ConfigError(file.origin, at, "a dateline pattern needs a named group 'city'");
        impl->datelines.push_back(std::move(r));
    }
    const auto& labels = doc["date_labels"].GetArray();
    for (rapidjson::SizeType i = 0; i < labels.Size(); ++i) {
        impl->date_labels.push_back(
            compile(file.origin, fmt::format("/date_labels/{}", i), labels[i].GetString()));
    }
    for (const auto& o : doc["outlets_by_host"].GetArray()) {
        impl->outlets_by_host.emplace_back(o["host"].GetString(), o["outlet"].GetString());
    }
    return Boilerplate(std::move(impl));
}

std::uint64_t Boilerplate::version() const noexcept {
    return impl_->version;
}

const Boilerplate& Boilerplate::embedded() {
    static const Boilerplate b = [] {
        DataFile f = embedded_file("seeds/text/boilerplate.json");
        return load(f.origin, f.content);
    }();
    return b;
}

LineVerdict Boilerplate::classify(std::string_view line) const {
    return classify(FoldedSpan(nullptr, line, {0, static_cast<std::uint32_t>(line.size())}), line);
}

LineVerdict Boilerplate::classify(const FoldedSpan& ft, std::string_view line) const {
    std::string_view folded = ft.text();
    while (!folded.empty() && folded.back() == ' ')
        folded.remove_suffix(1);
    if (folded.find_first_not_of(' ') == std::string_view::npos) return {};
    std::optional<icu::UnicodeString> u;  // made for the first rule the pre-filter lets by
    Matchers& mine = matchers_for(impl_->serial);
    for (std::size_t i = 0; i < impl_->lines.size(); ++i) {
        const LineRule& rule = impl_->lines[i];
        if (!may_match(folded, rule.required)) continue;
        if (!u) u = utf16(folded);
        UErrorCode err = U_ZERO_ERROR;
        icu::RegexMatcher& m = matcher(mine.lines, i, *rule.pattern, *u);
        if (!m.find(err) || U_FAILURE(err)) continue;
        LineVerdict v{rule.action, rule.id, rule.outlet};
        if (rule.action == LineAction::outlet && v.outlet.empty() && m.groupCount() >= 1) {
            v.outlet = capture(m, 1, ft, line);
        }
        return v;
    }
    return {};
}

std::optional<Dateline> Boilerplate::dateline(std::string_view line) const {
    return dateline(FoldedSpan(nullptr, line, {0, static_cast<std::uint32_t>(line.size())}), line);
}

std::optional<Dateline> Boilerplate::dateline(const FoldedSpan& ft, std::string_view line) const {
    std::optional<icu::UnicodeString> u;
    Matchers& mine = matchers_for(impl_->serial);
    for (std::size_t i = 0; i < impl_->datelines.size(); ++i) {
        const DatelineRule& rule = impl_->datelines[i];
        if (!may_match(ft.text(), rule.required)) continue;
        if (!u) u = utf16(ft.text());
        UErrorCode err = U_ZERO_ERROR;
        icu::RegexMatcher& m = matcher(mine.datelines, i, *rule.pattern, *u);
        if (!m.lookingAt(err) || U_FAILURE(err)) continue;
        Dateline d;
        d.city = capture(m, rule.city, ft, line);
        if (d.city.empty()) continue;
        if (rule.outlet) d.outlet = capture(m, rule.outlet, ft, line);
        if (rule.agency) d.agency = capture(m, rule.agency, ft, line);
        if (rule.date) d.date_text = capture(m, rule.date, ft, line);
        Span f{0, static_cast<std::uint32_t>(utf8_offset(ft.text(), m.end(err)))};
        d.length = ft.original(f).end;
        return d;
    }
    return std::nullopt;
}

std::string_view Boilerplate::strip_date_label(std::string_view line) const {
    const FoldedText ft = fold(line);
    const std::size_t n = date_label_bytes(ft.text);
    if (n == 0) return line;
    return line.substr(ft.original({0, static_cast<std::uint32_t>(n)}).end);
}

std::size_t Boilerplate::date_label_bytes(std::string_view folded) const {
    icu::UnicodeString u = utf16(folded);
    Matchers& mine = matchers_for(impl_->serial);
    for (std::size_t i = 0; i < impl_->date_labels.size(); ++i) {
        UErrorCode err = U_ZERO_ERROR;
        icu::RegexMatcher& m = matcher(mine.labels, i, *impl_->date_labels[i], u);
        if (!m.lookingAt(err) || U_FAILURE(err)) continue;
        return utf8_offset(folded, m.end(err));
    }
    return 0;
}

std::string Boilerplate::outlet_for_url(std::string_view url) const {
    std::size_t start = url.find("://");
    start = start == std::string_view::npos ? 0 : start + 3;
    std::size_t end = url.find_first_of("/:?#", start);
    std::string host(
        url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    for (char& c : host)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const auto& [h, outlet] : impl_->outlets_by_host) {
        if (host == h || (host.size() > h.size() && host.ends_with(h) &&
                          host[host.size() - h.size() - 1] == '.')) {
            return outlet;
        }
    }
    return {};
}

std::size_t Boilerplate::max_headline_bytes() const {
    return impl_->max_headline_bytes;
}

}  // namespace rabta
