#include "table.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace rabta::cli {

std::string visible(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    const auto n = static_cast<std::int32_t>(s.size());
    for (std::int32_t i = 0; i < n;) {
        const std::int32_t start = i;
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) {
            out += "\uFFFD";
        } else if (c < 0x20 || c == 0x7F) {
            const UChar32 picture = c == 0x7F ? 0x2421 : 0x2400 + c;
            std::uint8_t buf[4];
            std::int32_t k = 0;
            U8_APPEND_UNSAFE(buf, k, picture);
            out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(k));
        } else if (c >= 0x80 && c <= 0x9F) {
            static constexpr char kHex[] = "0123456789ABCDEF";
            out += "\\u00";
            out += kHex[c >> 4];
            out += kHex[c & 0xF];
        } else {
            out.append(
                s.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
        }
    }
    return out;
}

std::string snippet(std::string s, std::size_t max_cols) {
    std::replace(s.begin(), s.end(), '\n', ' ');
    if (display_width(s) <= max_cols) return s;
    std::size_t cut = 0, cols = 0, space = 0;
    while (cut < s.size() && cols < max_cols) {
        if (s[cut] == ' ') space = cut;
        ++cut;
        while (cut < s.size() && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
            ++cut;
        ++cols;
    }
    if (space > 0) cut = space;
    while (cut > 0 && s[cut - 1] == ' ')
        --cut;
    return s.substr(0, cut) + " …";
}

std::size_t display_width(const std::string& s) {
    std::size_t w = 0;
    const auto* p = reinterpret_cast<const std::uint8_t*>(s.data());
    const auto n = static_cast<std::int32_t>(s.size());
    for (std::int32_t i = 0; i < n;) {
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c < 0) {
            ++w;  // a broken byte shows as one replacement character
            continue;
        }
        const std::int8_t cat = u_charType(c);
        if (cat == U_NON_SPACING_MARK || cat == U_ENCLOSING_MARK || cat == U_FORMAT_CHAR) continue;
        const auto ea =
            static_cast<UEastAsianWidth>(u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH));
        w += ea == U_EA_WIDE || ea == U_EA_FULLWIDTH ? 2 : 1;
    }
    return w;
}

void Table::add(std::vector<std::string> row) {
    for (auto& cell : row)
        cell = visible(cell);
    rows_.push_back(std::move(row));
}

void Table::print(std::ostream& out) const {
    std::vector<std::size_t> width(header_.size(), 0);
    auto measure = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size() && i < width.size(); ++i)
            width[i] = std::max(width[i], display_width(row[i]));
    };
    measure(header_);
    for (const auto& r : rows_)
        measure(r);
    auto line = [&](const std::vector<std::string>& row) {
        for (std::size_t i = 0; i < row.size() && i < width.size(); ++i) {
            out << row[i];
            if (i + 1 < row.size()) out << std::string(width[i] - display_width(row[i]) + 2, ' ');
        }
        out << '\n';
    };
    line(header_);
    std::vector<std::string> rule;
    for (auto w : width)
        rule.emplace_back(w, '-');
    line(rule);
    for (const auto& r : rows_)
        line(r);
}

}  // namespace rabta::cli
