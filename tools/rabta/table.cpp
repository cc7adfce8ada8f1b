#include "table.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>

namespace rabta::cli {

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
