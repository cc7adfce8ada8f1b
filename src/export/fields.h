// Field values that every export format derives the same way.
#pragma once

#include <rabta/export.h>

#include <string>
#include <string_view>
#include <vector>

namespace rabta::detail {

/// The label an export shows for a node: Urdu, or Latin when asked and known.
inline const std::string& node_label(const ActorVertex& a, const ExportOptions& options) {
    return options.label == ExportOptions::Label::latin && !a.label_en.empty() ? a.label_en
                                                                               : a.label_ur;
}

/// Outlets as one field: "Daily Mumtaz; شِنہوا".
inline std::string outlet_list(const std::vector<std::string>& outlets) {
    std::string s;
    for (const auto& o : outlets)
        s += (s.empty() ? "" : "; ") + o;
    return s;
}

}  // namespace rabta::detail
