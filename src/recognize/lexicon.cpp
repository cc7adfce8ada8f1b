#include <fmt/format.h>
#include <rabta/error.h>
#include <rabta/lexicon.h>
#include <rabta/romanize.h>
#include <rabta/text.h>
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <set>

#include "util/hash.h"
#include "util/json.h"

namespace rabta {

namespace {

std::string_view id_prefix(EntityType t) {
    switch (t) {
        case EntityType::person:
            return "person:";
        case EntityType::organization:
            return "org:";
        case EntityType::country:
            return "country:";
        case EntityType::forum:
            return "forum:";
        case EntityType::place:
            return "place:";
    }
    return "";
}

std::string utf8(const icu::UnicodeString& u) {
    std::string s;
    u.toUTF8String(s);
    return s;
}

std::vector<std::string> strings(const rapidjson::Value& obj, const char* name) {
    std::vector<std::string> out;
    auto it = obj.FindMember(name);
    if (it == obj.MemberEnd()) return out;
    for (const auto& v : it->value.GetArray())
        out.emplace_back(v.GetString(), v.GetStringLength());
    return out;
}

std::string str(const rapidjson::Value& obj, const char* name) {
    auto it = obj.FindMember(name);
    return it == obj.MemberEnd() ? std::string() : std::string(it->value.GetString());
}

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& from) {
    for (const auto& s : from) {
        if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
    }
}

// Where each actor was defined, for messages about it.
struct Origin {
    std::string file;
    std::string pointer;
};

}  // namespace

Lexicon Lexicon::load(const std::vector<DataFile>& files) {
    Lexicon lex;
    std::vector<rapidjson::Document> docs;
    std::set<std::string> excluded;
    std::uint64_t h = detail::hash64("rabta-lexicon-1");
    for (const auto& f : files) {
        docs.push_back(detail::load_validated(f, "schemas/lexicon.schema.json"));
        h = detail::hash64(f.content, detail::hash64(f.origin.substr(f.origin.rfind('/') + 1), h));
        for (const auto& name : strings(docs.back(), "exclude_names"))
            excluded.insert(fold_key(name));
    }
    lex.version_ = h;

    std::vector<Origin> origins;
    // Countries from CLDR (ICU): Urdu and English display names.
    const icu::Locale ur("ur"), en("en");
    for (const char* const* cc = icu::Locale::getISOCountries(); *cc; ++cc) {
        icu::Locale loc("", *cc);
        icu::UnicodeString n_ur, n_en;
        loc.getDisplayCountry(ur, n_ur);
        loc.getDisplayCountry(en, n_en);
        Actor a;
        a.id = std::string("country:") + *cc;
        a.type = EntityType::country;
        a.label_ur = utf8(n_ur);
        a.label_en = utf8(n_en);
        a.country = *cc;
        if (!excluded.count(fold_key(a.label_ur))) a.names.push_back(a.label_ur);
        a.latin.push_back(a.label_en);
        lex.by_id_.emplace(a.id, static_cast<std::uint32_t>(lex.actors_.size()));
        lex.actors_.push_back(std::move(a));
        origins.push_back({"(ICU CLDR)", ""});
    }

    for (std::size_t fi = 0; fi < files.size(); ++fi) {
        const auto& arr = docs[fi]["actors"].GetArray();
        for (rapidjson::SizeType i = 0; i < arr.Size(); ++i) {
            const auto& v = arr[i];
            const std::string at = fmt::format("/actors/{}", i);
            auto fail = [&](const std::string& field, const std::string& why) {
                throw ConfigError(files[fi].origin, at + field, why);
            };
            Actor a;
            a.id = v["id"].GetString();
            a.type = *entity_type_from(v["type"].GetString());
            if (!a.id.starts_with(id_prefix(a.type))) {
                fail("/id", fmt::format("id of a {} must start with '{}'", to_string(a.type),
                                        id_prefix(a.type)));
            }
            a.subtype = str(v, "subtype");
            a.label_en = str(v, "label_en");
            a.country = str(v, "country");
            a.names = strings(v, "names");
            a.latin = strings(v, "latin");
            a.demonyms = strings(v, "demonyms");
            if (auto it = v.FindMember("roles"); it != v.MemberEnd()) {
                for (const auto& r : it->value.GetArray()) {
                    a.roles.push_back(
                        {str(r, "title"), str(r, "org"), str(r, "from"), str(r, "to")});
                }
            }
            if (!a.country.empty() && !lex.by_id_.count("country:" + a.country)) {
                fail("/country", "unknown ISO 3166-1 country code '" + a.country + "'");
            }
            auto existing = lex.by_id_.find(a.id);
            if (a.type == EntityType::country) {
                if (existing == lex.by_id_.end()) {
                    fail("/id", "not an ISO 3166-1 country known to ICU");
                }
                Actor& c = lex.actors_[existing->second];
                if (origins[existing->second].file != "(ICU CLDR)") {
                    fail("/id", "duplicate id, first defined in " + origins[existing->second].file);
                }
                add_unique(c.names, a.names);
                add_unique(c.latin, a.latin);
                add_unique(c.demonyms, a.demonyms);
                if (!a.label_en.empty()) c.label_en = a.label_en;
                origins[existing->second] = {files[fi].origin, at};
                continue;
            }
            if (existing != lex.by_id_.end()) {
                fail("/id", "duplicate id, first defined in " + origins[existing->second].file +
                                " at " + origins[existing->second].pointer);
            }
            if (a.names.empty()) fail("/names", "a non-country actor needs at least one Urdu name");
            a.label_ur = a.names.front();
            // no English name: a Latin label by the romanization rules (seeds/text/romanize.txt)
            if (a.label_en.empty())
                a.label_en = a.latin.empty() ? Romanizer::embedded()(a.label_ur) : a.latin.front();
            lex.by_id_.emplace(a.id, static_cast<std::uint32_t>(lex.actors_.size()));
            lex.actors_.push_back(std::move(a));
            origins.push_back({files[fi].origin, at});
        }
    }

    // Role organizations must be known actors.
    for (std::size_t ai = 0; ai < lex.actors_.size(); ++ai) {
        const auto& a = lex.actors_[ai];
        for (std::size_t ri = 0; ri < a.roles.size(); ++ri) {
            if (!lex.by_id_.count(a.roles[ri].org)) {
                throw ConfigError(origins[ai].file,
                                  fmt::format("{}/roles/{}/org", origins[ai].pointer, ri),
                                  "unknown actor id '" + a.roles[ri].org + "'");
            }
        }
    }

    // Keys. Two actors may not share one key: that would make matching depend on order.
    std::map<std::string, std::pair<LexiconKey, std::string>> keys;
    for (std::uint32_t ai = 0; ai < lex.actors_.size(); ++ai) {
        const Actor& a = lex.actors_[ai];
        auto add = [&](const std::string& name, KeyKind kind, const char* field) {
            std::string k = fold_key(name);
            if (k.empty()) {
                throw ConfigError(origins[ai].file, origins[ai].pointer + field,
                                  "name '" + name + "' is empty after folding");
            }
            auto [it, fresh] = keys.emplace(k, std::make_pair(LexiconKey{ai, kind}, name));
            if (!fresh && it->second.first.actor != ai) {
                const Actor& other = lex.actors_[it->second.first.actor];
                throw ConfigError(
                    origins[ai].file, origins[ai].pointer + field,
                    fmt::format("name '{}' is also a name of '{}' (as '{}'); give one of "
                                "them a longer name or exclude it",
                                name, other.id, it->second.second));
            }
        };
        for (const auto& n : a.names)
            add(n, KeyKind::name, "/names");
        for (const auto& n : a.latin)
            add(n, KeyKind::name, "/latin");
        for (const auto& n : a.demonyms)
            add(n, KeyKind::demonym, "/demonyms");
    }
    // Phrases such as «ویلیو چین» win over the name inside them as the longest
    // match, and then name nothing.
    for (const auto& doc : docs) {
        for (const auto& name : strings(doc, "not_actors"))
            keys.emplace(fold_key(name),
                         std::make_pair(LexiconKey{kNotAnActor, KeyKind::name}, name));
    }
    lex.keys_.reserve(keys.size());
    for (auto& [k, v] : keys)
        lex.keys_.emplace_back(k, v.first);
    return lex;
}

Lexicon Lexicon::embedded() {
    return load(embedded_files("seeds/lexicon/"));
}

const Actor* Lexicon::find(std::string_view id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &actors_[it->second];
}

}  // namespace rabta
