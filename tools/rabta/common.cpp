#include "common.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <rabta/text.h>

#include <cctype>

namespace rabta::cli {

std::optional<std::string> period_bound(const std::string& d, bool end) {
    auto digits = [&](std::size_t at, std::size_t n) {
        if (d.size() < at + n) return false;
        for (std::size_t i = at; i < at + n; ++i) {
            if (d[i] < '0' || d[i] > '9') return false;
        }
        return true;
    };
    if (d.size() == 4 && digits(0, 4)) return d + (end ? "-12-31" : "-01-01");
    if (d.size() == 7 && digits(0, 4) && d[4] == '-' && digits(5, 2))
        return d + (end ? "-31" : "-01");
    if (d.size() == 10 && digits(0, 4) && d[4] == '-' && digits(5, 2) && d[7] == '-' &&
        digits(8, 2))
        return d;
    return std::nullopt;
}

std::optional<std::string> one_entity(const Store& store,
                                      const std::string& name,
                                      std::ostream& err) {
    std::vector<std::string> ids = store.find_entities(name);
    // «PK», «CN»: a country by its ISO code
    if (ids.empty() && name.size() == 2 && std::isupper(static_cast<unsigned char>(name[0])) &&
        std::isupper(static_cast<unsigned char>(name[1])))
        ids = store.find_entities("country:" + name);
    if (ids.size() == 1) return ids.front();
    if (ids.empty()) {
        fmt::print(err, "rabta: no entity is named '{}'\n", name);
        // names that contain it, to pick from («شہباز» → شہباز شریف)
        const std::string key = fold_key(name);
        std::vector<std::string> near;
        if (!key.empty()) {
            for (const StoredEntity& e : store.entities()) {
                bool hit = false;
                for (const auto& a : e.aliases)
                    hit = hit || fold_key(a).find(key) != std::string::npos;
                if (hit) near.push_back(fmt::format("{}  {}", e.id, e.label_ur));
            }
        }
        if (!near.empty()) {
            fmt::print(err, "names that contain it:\n");
            for (std::size_t i = 0; i < near.size() && i < 10; ++i)
                fmt::print(err, "  {}\n", near[i]);
        }
    } else {
        fmt::print(err, "rabta: '{}' names {} entities; use one of these ids:\n", name, ids.size());
        for (const auto& id : ids)
            fmt::print(err, "  {}\n", id);
    }
    return std::nullopt;
}

}  // namespace rabta::cli
