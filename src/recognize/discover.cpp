// Discovery reads folded tokens left to right. The lexicon's mentions come first;
// patterns only claim tokens no mention holds, so a known actor is never renamed.
#include "recognize/discover.h"

#include <rabta/error.h>
#include <rabta/romanize.h>

#include <algorithm>
#include <cctype>

#include "util/hash.h"

namespace rabta::detail {

namespace {

// A stable id for a discovered actor: its type and a Latin slug of its name, so
// the same name found in two articles is one actor.
std::string discovered_id(EntityType type, const std::string& label, const std::string& key) {
    std::string latin = Romanizer::embedded()(label);
    std::string slug;
    for (char c : latin) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) && u < 0x80) {
            slug += static_cast<char>(std::tolower(u));
        } else if (!slug.empty() && slug.back() != '-') {
            slug += '-';
        }
    }
    while (!slug.empty() && slug.back() == '-')
        slug.pop_back();
    if (slug.empty()) slug = hex64(hash64(key));
    const std::string_view prefix = type == EntityType::organization ? "org" : to_string(type);
    return std::string(prefix) + ":" + slug;
}

}  // namespace

std::optional<std::uint32_t> ActorTable::find(const std::string& key) const {
    if (auto it = keys_.find(key); it != keys_.end()) return it->second;
    return std::nullopt;
}

std::uint32_t ActorTable::discover(EntityType type,
                                   const std::string& label,
                                   const std::vector<std::string>& keys,
                                   const std::string& country) {
    for (const auto& k : keys) {
        if (auto found = find(k); found && (*this)[*found].type == type) {
            for (const auto& k2 : keys)
                keys_.emplace(k2, *found);
            return *found;
        }
    }
    Actor a;
    a.type = type;
    a.id = discovered_id(type, label, keys.front());
    a.subtype = "discovered";
    a.label_ur = label;
    a.label_en = (labels_ ? *labels_ : LatinLabels::embedded())(label);
    a.country = country;
    a.names.push_back(label);
    // The same id from another spelling in this article is the same actor.
    for (std::size_t i = 0; i < local_.size(); ++i) {
        if (local_[i].id == a.id) {
            const auto idx = static_cast<std::uint32_t>(lexicon_.actors().size() + i);
            for (const auto& k : keys)
                keys_.emplace(k, idx);
            return idx;
        }
    }
    const auto idx = static_cast<std::uint32_t>(lexicon_.actors().size() + local_.size());
    local_.push_back(std::move(a));
    for (const auto& k : keys)
        keys_.emplace(k, idx);
    return idx;
}

std::optional<std::uint32_t> ActorTable::country(std::string_view iso) const {
    const Actor* a = lexicon_.find("country:" + std::string(iso));
    if (!a) return std::nullopt;
    return static_cast<std::uint32_t>(a - lexicon_.actors().data());
}

Discoverer::Discoverer(const ActorPatterns& p, const Lexicon& lexicon)
    : labels_(LatinLabels::embedded()), p_(p) {
    // Known names read as the lexicon spells them in Latin: every name of a country
    // or place, and names of two words or more of other actors (one word of a
    // person's name, «نواز», is no label for the whole of another name).
    for (const Actor& a : lexicon.actors()) {
        if (a.label_en.empty()) continue;
        const bool any = a.type == EntityType::country || a.type == EntityType::place;
        for (const auto& name : a.names)
            if (any || name.find(' ') != std::string::npos) labels_.add_name(name, a.label_en);
    }
    enabled_ = !p.titles.empty() || !p.organization_suffixes.empty();
    for (std::size_t i = 0; i < p.titles.size(); ++i) {
        titles_.add_all(p.titles[i].words, static_cast<int>(i));
        for (const auto& w : p.titles[i].words)
            if (w.size() == 1) one_word_titles_.push_back(w.front());
    }
    portfolios_.add_all(p.portfolios, 0);
    honorifics_.add_all(p.honorifics, 0);
    suffixes_.add_all(p.organization_suffixes, 0);
    ministries_.add_all(p.ministry_heads, 0);
    forum_heads_.add_all(p.forum_heads, 0);
    generic_.add_all(p.generic_words, 0);
    common_.add_all(p.common_words, 0);
    generic_heads_.add_all(p.generic_heads, 0);
    stops_.add_all(p.name_stops, 0);
    joiners_.add_all(p.name_joiners, 0);
    list_before_.add_all(p.list_before, 0);
    list_after_.add_all(p.list_after, 0);
    list_nouns_.add_all(p.list_nouns, 0);
    city_of_.add_all(p.city_of, 0);
    title_of_.add_all(p.title_of, 0);
    leaders_.add_all(p.leaders, 0);
    former_.add_all(p.former, 0);
    held_in_.add_all(p.held_in, 0);
    // the families in the order the data gives; all of them, in today's order, when
    // it gives none (the schema admits only known names)
    static const std::vector<std::string> standard{"ministries", "organizations", "forums",
                                                   "firm_lists", "cities",        "held_in",
                                                   "leaders",    "titles"};
    for (const auto& name : p.families.empty() ? standard : p.families) {
        auto f = families().find(name);
        if (f == families().end())
            throw ConfigError("actors.json", "/families", "unknown pattern family " + name);
        order_.push_back(f->second);
    }
    std::sort(one_word_titles_.begin(), one_word_titles_.end(),
              [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

bool Discoverer::titles_starts(std::string_view s) const {
    for (const auto& w : one_word_titles_)
        if (s.starts_with(w)) return true;
    return false;
}

void Discoverer::split_glued_titles(std::vector<Token>& tokens, std::string_view text) const {
    if (!enabled_) return;
    std::vector<Token> out;
    out.reserve(tokens.size());
    for (Token t : tokens) {
        std::string_view s = t.span.of(text);
        // «ووزیرخارجہ»: a conjunction glued to a title
        if (t.word && s.size() > 2 && s.starts_with("و") && titles_starts(s.substr(2))) {
            out.push_back({{t.span.begin, t.span.begin + 2}, true});
            t.span.begin += 2;
            s = s.substr(2);
        }
        bool split = false;
        for (const auto& w : one_word_titles_) {
            if (!t.word || s.size() <= w.size() || !s.starts_with(w)) continue;
            const std::vector<std::string_view> rest{s.substr(w.size())};
            if (!portfolios_.match(rest, 0)) continue;
            const auto cut = static_cast<std::uint32_t>(t.span.begin + w.size());
            out.push_back({{t.span.begin, cut}, true});
            out.push_back({{cut, t.span.end}, true});
            split = true;
            break;
        }
        if (!split) out.push_back(t);
    }
    tokens = std::move(out);
}

}  // namespace rabta::detail
