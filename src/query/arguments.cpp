#include <fmt/format.h>
#include <rabta/arguments.h>
#include <rabta/error.h>

#include <algorithm>
#include <cctype>

#include "util/utf8.h"

namespace rabta {

const std::vector<std::string>& relation_codes() {
    static const std::vector<std::string> codes{
        "agreed", "attended", "cooperated", "holds_role", "located_in", "met", "signed"};
    return codes;
}

const std::vector<std::string>& entity_types() {
    static const std::vector<std::string> types{"country", "forum", "organization", "person",
                                                "place"};
    return types;
}

const std::vector<std::string>& interaction_relations() {
    static const std::vector<std::string> codes{"agreed", "attended", "cooperated", "met",
                                                "signed"};
    return codes;
}

namespace {

bool digits(std::string_view d, std::size_t at, std::size_t n) {
    if (d.size() < at + n) return false;
    return std::all_of(d.begin() + static_cast<std::ptrdiff_t>(at),
                       d.begin() + static_cast<std::ptrdiff_t>(at + n),
                       [](char c) { return c >= '0' && c <= '9'; });
}

int number(std::string_view d, std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i)
        v = v * 10 + (d[i] - '0');
    return v;
}

int days_in(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

std::optional<std::string> period_bound(std::string_view d, bool end) {
    if (!digits(d, 0, 4)) return std::nullopt;
    const int year = number(d, 0, 4);
    if (d.size() == 4) return std::string(d) + (end ? "-12-31" : "-01-01");
    if (d.size() < 7 || d[4] != '-' || !digits(d, 5, 2)) return std::nullopt;
    const int month = number(d, 5, 2);
    if (month < 1 || month > 12) return std::nullopt;
    if (d.size() == 7)
        return std::string(d) + (end ? fmt::format("-{:02}", days_in(year, month)) : "-01");
    if (d.size() != 10 || d[7] != '-' || !digits(d, 8, 2)) return std::nullopt;
    const int day = number(d, 8, 2);
    if (day < 1 || day > days_in(year, month)) return std::nullopt;
    return std::string(d);
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::u32string x, y;
    for (std::size_t i = 0; i < a.size();)
        x.push_back(detail::next_cp(a, i));
    for (std::size_t i = 0; i < b.size();)
        y.push_back(detail::next_cp(b, i));
    std::vector<std::size_t> row(y.size() + 1);
    for (std::size_t j = 0; j <= y.size(); ++j)
        row[j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (x[i - 1] == y[j - 1] ? 0 : 1)});
            diag = up;
        }
    }
    return row[y.size()];
}

std::string one_of(std::string_view flag,
                   std::string_view value,
                   const std::vector<std::string>& allowed) {
    const std::string v = lower_ascii(value);
    std::string best;
    std::size_t best_d = std::string::npos;
    for (const std::string& a : allowed) {
        const std::string l = lower_ascii(a);
        if (l == v) return a;
        // a prefix ("coop") is the likeliest slip, then the fewest edits
        const std::size_t d = l.starts_with(v) && !v.empty() ? 0 : edit_distance(v, l);
        if (d < best_d) best_d = d, best = a;
    }
    std::string list;
    for (const std::string& a : allowed)
        list += (list.empty() ? "" : ", ") + a;
    const bool near = !best.empty() && best_d <= std::max<std::size_t>(1, v.size() / 3);
    throw UsageError(fmt::format("{} '{}' is not one of: {}{}", flag, value, list,
                                 near ? fmt::format(" (did you mean '{}'?)", best) : ""));
}

std::vector<std::string> list_of(std::string_view flag,
                                 std::string_view value,
                                 const std::vector<std::string>& allowed) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= value.size()) {
        const std::size_t comma = std::min(value.find(',', start), value.size());
        std::string_view item = value.substr(start, comma - start);
        while (!item.empty() && item.front() == ' ')
            item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ')
            item.remove_suffix(1);
        if (!item.empty()) out.push_back(one_of(flag, item, allowed));
        start = comma + 1;
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::vector<std::string> relation_selection(std::string_view include,
                                            std::string_view exclude,
                                            const std::vector<std::string>& fallback) {
    std::vector<std::string> in = list_of("--relation", include, relation_codes());
    const std::vector<std::string> out = list_of("--exclude-relation", exclude, relation_codes());
    if (in.empty() && out.empty()) return fallback;
    // an exclusion alone is from every relation: the analyst said what to leave out
    if (in.empty()) in = relation_codes();
    std::erase_if(in, [&](const std::string& r) {
        return std::find(out.begin(), out.end(), r) != out.end();
    });
    if (in.empty())
        throw UsageError(fmt::format("--exclude-relation '{}' leaves no relation", exclude));
    return in;
}

}  // namespace rabta
