#include <fmt/format.h>
#include <rabta/arguments.h>
#include <rabta/lookup.h>
#include <rabta/text.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <tuple>

namespace rabta {

namespace {

bool is_code(const std::string& s) {
    return s.size() == 2 && std::isalpha(static_cast<unsigned char>(s[0])) &&
           std::isalpha(static_cast<unsigned char>(s[1]));
}

std::string upper(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string lower(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

// How near one written name is to what was typed: 0 it has it as a whole word
// (or is it), 1 it contains it, 2 neither; then the fewest edits to the name
// or to one of its words («Sangpio» is one edit from «Sangpyo»).
// `s` between two spaces, built with append(): GCC 12 at -O3 reports a false
// -Wrestrict inside `" " + s + " "` (as in text/romanize.cpp).
std::string spaced_out(const std::string& s) {
    std::string out;
    out.reserve(s.size() + 2);
    out.append(1, ' ').append(s).append(1, ' ');
    return out;
}

std::pair<int, std::size_t> nearness(const std::string& typed_key,
                                     const std::string& typed_word,
                                     const std::string& name) {
    const std::string key = lower(fold_key(name));
    const std::string spaced = spaced_out(lower(fold(name).text));
    std::size_t edits = edit_distance(typed_key, key);
    for (std::size_t b = 1, e; (e = spaced.find(' ', b)) != std::string::npos; b = e + 1)
        if (e > b) edits = std::min(edits, edit_distance(typed_key, spaced.substr(b, e - b)));
    if (key.find(typed_key) == std::string::npos) return {2, edits};
    const bool word = spaced.find(spaced_out(typed_word)) != std::string::npos;
    return {word ? 0 : 1, edits};
}

}  // namespace

std::vector<StoredEntity> nearest_entities(const Store& store,
                                           const std::string& name,
                                           std::size_t limit) {
    const std::string key = lower(fold_key(name));
    if (key.empty()) return {};
    const std::string word = lower(fold(name).text);
    const std::size_t letters = edit_distance(key, "");
    using Rank = std::tuple<int, std::size_t, std::string>;
    std::vector<std::pair<Rank, StoredEntity>> ranked;
    for (StoredEntity& e : store.entities()) {
        std::pair<int, std::size_t> best{3, 0};
        std::vector<std::string> names = e.aliases;
        names.push_back(e.label_ur);
        if (!e.label_en.empty()) names.push_back(e.label_en);
        for (const std::string& n : names)
            if (!n.empty()) best = std::min(best, nearness(key, word, n));
        // a name far from what was typed is no suggestion: a quarter of its letters
        const std::size_t far = std::max<std::size_t>(1, letters / 4);
        if (best.first == 2 && best.second > far) continue;
        if (best.first == 3) continue;
        ranked.push_back({{best.first, best.second, e.id}, std::move(e)});
    }
    std::sort(ranked.begin(), ranked.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<StoredEntity> out;
    for (std::size_t i = 0; i < ranked.size() && i < limit; ++i)
        out.push_back(std::move(ranked[i].second));
    return out;
}

std::string resolve_entity(const Store& store, const std::string& name) {
    std::vector<std::string> ids = store.find_entities(name);
    // «PK», «pk»: a country by its ISO code
    if (ids.empty() && is_code(name)) ids = store.find_entities("country:" + upper(name));
    if (ids.size() == 1) return ids.front();
    if (ids.empty()) {
        std::string msg = fmt::format("no entity is named '{}'", name);
        const std::vector<StoredEntity> near = nearest_entities(store, name);
        if (!near.empty()) msg += "\ndid you mean one of these:";
        for (const StoredEntity& e : near)
            msg += fmt::format("\n  {}  {}{}", e.id, e.label_ur,
                               e.label_en.empty() ? "" : " (" + e.label_en + ")");
        throw LookupError(msg);
    }
    std::string msg =
        fmt::format("'{}' names {} entities; use one of these ids:", name, ids.size());
    for (const auto& id : ids)
        msg += "\n  " + id;
    throw LookupError(msg);
}

std::string resolve_country(const Store& store, const std::string& flag, const std::string& name) {
    if (is_code(name)) {
        // the countries of the store's actors, named as countries themselves or not
        std::set<std::string> known;
        for (const StoredEntity& e : store.entities())  // the mentioned ones
            if (!e.country.empty()) known.insert(e.country);
        return one_of(flag, upper(name), {known.begin(), known.end()});
    }
    const std::string id = resolve_entity(store, name);
    if (!id.starts_with("country:"))
        throw UsageError(fmt::format("{} '{}' is {}, not a country", flag, name, id));
    return id.substr(8);
}

}  // namespace rabta
