// Dates as news pages write them. Month and weekday names are read from ICU's
// CLDR data for Urdu and English (long and abbreviated forms), folded like all text.
#include <fmt/format.h>
#include <rabta/date.h>
#include <rabta/text.h>
#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>

#include <map>
#include <set>

namespace rabta {

namespace {

struct Names {
    std::map<std::string, int> months;  // folded name → 1..12
    std::set<std::string> weekdays;
};

void add_names(Names& n, const char* locale) {
    UErrorCode err = U_ZERO_ERROR;
    icu::DateFormatSymbols sym(icu::Locale(locale), err);
    if (U_FAILURE(err)) return;
    for (auto width : {icu::DateFormatSymbols::WIDE, icu::DateFormatSymbols::ABBREVIATED}) {
        for (auto ctx : {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE}) {
            int32_t count = 0;
            const icu::UnicodeString* m = sym.getMonths(count, ctx, width);
            for (int32_t i = 0; i < count && i < 12; ++i) {
                std::string s;
                m[i].toUTF8String(s);
                std::string k = fold_key(s);
                if (k.ends_with(".")) k.pop_back();
                if (!k.empty()) n.months.emplace(k, i + 1);
            }
            const icu::UnicodeString* w = sym.getWeekdays(count, ctx, width);
            for (int32_t i = 0; i < count; ++i) {
                std::string s;
                w[i].toUTF8String(s);
                std::string k = fold_key(s);
                if (k.ends_with(".")) k.pop_back();
                if (!k.empty()) n.weekdays.insert(k);
            }
        }
    }
}

const Names& names() {
    static const Names n = [] {
        Names x;
        add_names(x, "ur");
        add_names(x, "en");
        return x;
    }();
    return n;
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
    }
    return true;
}

// «یکم» ("first") stands for the day number 1 in Urdu dates: یکم دسمبر.
constexpr std::string_view kFirst = "یکم";

bool is_day(std::string_view s) {
    return s == kFirst || (s.size() <= 2 && !s.empty() &&
                           s.find_first_not_of("0123456789") == std::string_view::npos);
}

// A run of digits as a number; a run too long to be a day, month or year
// gives -1 (no valid date) instead of overflowing.
int to_int(std::string_view s) {
    if (s == kFirst) return 1;
    if (s.size() > 6) return -1;
    int v = 0;
    for (char c : s)
        v = v * 10 + (c - '0');
    return v;
}

bool valid(int y, int m, int d) {
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && !leap) return d <= 28;
    return d <= days[m - 1];
}

bool is_ordinal(std::string_view s) {
    return s == "st" || s == "nd" || s == "rd" || s == "th";
}

bool is_filler(std::string_view s) {
    static const std::set<std::string, std::less<>> words = {
        ",", "،", ":", "-", ".", "/", "|", "ء", "gmt", "utc", "pkt", "pst", "am", "pm", "(", ")"};
    return words.count(s) > 0 || is_ordinal(s);
}

}  // namespace

std::optional<std::string> parse_date(std::string_view text, bool whole) {
    return parse_folded_date(fold(text).text, whole);
}

std::optional<std::string> parse_folded_date(std::string_view folded, bool whole) {
    std::vector<Token> toks = tokenize(folded, {0, static_cast<std::uint32_t>(folded.size())});
    std::vector<std::string_view> w;
    w.reserve(toks.size());
    for (const auto& t : toks)
        w.push_back(t.span.of(folded));
    const Names& n = names();
    std::vector<bool> used(w.size(), false);
    std::optional<std::string> found;

    auto finish = [&](int y, int m, int d, std::initializer_list<std::size_t> parts) {
        for (std::size_t p : parts)
            used[p] = true;
        found = fmt::format("{:04d}-{:02d}-{:02d}", y, m, d);
    };
    // Skips separators and ordinal suffixes from index i in direction dir.
    auto skip = [&](std::size_t i, int dir) -> std::optional<std::size_t> {
        while (i < w.size()) {
            if (w[i] == "," || w[i] == "،" || is_ordinal(w[i])) {
                if (dir < 0 && i == 0) return std::nullopt;
                i = static_cast<std::size_t>(static_cast<long>(i) + dir);
                continue;
            }
            return i;
        }
        return std::nullopt;
    };

    for (std::size_t i = 0; i < w.size() && !found; ++i) {
        // ISO 2023-03-29
        if (w[i].size() == 4 && all_digits(w[i]) && i + 4 < w.size() && w[i + 1] == "-" &&
            all_digits(w[i + 2]) && w[i + 3] == "-" && all_digits(w[i + 4])) {
            int y = to_int(w[i]), m = to_int(w[i + 2]), d = to_int(w[i + 4]);
            if (valid(y, m, d)) finish(y, m, d, {i, i + 1, i + 2, i + 3, i + 4});
            continue;
        }
        auto mit = n.months.find(std::string(w[i]));
        if (mit == n.months.end()) continue;
        const int month = mit->second;
        // day before the month: "10 جولائی 2025", "11th, July 2025"
        if (i > 0) {
            auto d = skip(i - 1, -1);
            auto y = skip(i + 1, +1);
            if (d && y && is_day(w[*d]) && all_digits(w[*y]) && w[*y].size() == 4) {
                int dd = to_int(w[*d]), yy = to_int(w[*y]);
                if (valid(yy, month, dd)) {
                    finish(yy, month, dd, {*d, i, *y});
                    break;
                }
            }
        }
        // day after the month: "July 06, 2024"
        auto d = skip(i + 1, +1);
        if (d && is_day(w[*d])) {
            auto y = skip(*d + 1, +1);
            if (y && all_digits(w[*y]) && w[*y].size() == 4) {
                int dd = to_int(w[*d]), yy = to_int(w[*y]);
                if (valid(yy, month, dd)) finish(yy, month, dd, {i, *d, *y});
            }
        }
    }
    if (!found || !whole) return found;
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (used[i] || is_filler(w[i]) || n.weekdays.count(std::string(w[i]))) continue;
        // a time such as 22:28
        bool time_part = all_digits(w[i]) && w[i].size() <= 2 &&
                         ((i + 1 < w.size() && w[i + 1] == ":") || (i > 0 && w[i - 1] == ":"));
        if (!time_part) return std::nullopt;
    }
    return found;
}

}  // namespace rabta
