// The curation overlay: an analyst's decisions, turned into lexicon data before
// a build reads the lexicon, so that every later build (full or incremental)
// makes the same decisions and the lexicon's version covers them.
#include <fmt/format.h>
#include <rabta/error.h>
#include <rabta/lexicon.h>
#include <rabta/resolve.h>
#include <rabta/text.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "util/json.h"
#include "util/json_write.h"

namespace rabta {

namespace {

std::string str(const rapidjson::Value& v, const char* k) {
    auto it = v.FindMember(k);
    return it == v.MemberEnd() ? std::string() : std::string(it->value.GetString());
}

std::vector<std::string> strs(const rapidjson::Value& v, const char* k) {
    std::vector<std::string> out;
    if (auto it = v.FindMember(k); it != v.MemberEnd())
        for (const auto& s : it->value.GetArray())
            out.emplace_back(s.GetString());
    return out;
}

CurationDecision decision_from(const rapidjson::Value& v) {
    CurationDecision d;
    d.action = str(v, "action");
    d.id = str(v, "id");
    d.type = str(v, "type");
    d.label_ur = str(v, "label_ur");
    d.label_en = str(v, "label_en");
    d.country = str(v, "country");
    d.names = strs(v, "names");
    d.into = str(v, "into");
    d.into_type = str(v, "into_type");
    d.into_label_ur = str(v, "into_label_ur");
    d.into_country = str(v, "into_country");
    d.into_names = strs(v, "into_names");
    return d;
}

// What the schema cannot say: the fields each action needs, and ids that fit their type.
void check_decision(const std::string& file, std::size_t i, const CurationDecision& d) {
    const std::string at = fmt::format("/decisions/{}", i);
    auto fail = [&](const std::string& field, const std::string& why) {
        throw ConfigError(file, at + field, why);
    };
    const std::string_view prefix = d.type == "organization" ? "org:" : std::string_view(d.type);
    if (!d.id.starts_with(prefix)) fail("/id", "id of a " + d.type + " must start with its type");
    if (d.action == "merge") {
        if (d.into.empty() || d.into_type.empty() || d.into_label_ur.empty())
            fail("", "a merge needs into, into_type and into_label_ur");
        if (d.into == d.id) fail("/into", "an actor cannot be merged into itself");
        if (d.into_type != d.type) fail("/into_type", "a merge keeps one type");
        if (!d.country.empty() && !d.into_country.empty() && d.country != d.into_country)
            fail("/into_country", "actors of two countries are never merged");
    }
    if (d.action == "label" && d.label_en.empty()) fail("", "a label needs label_en");
}

void add_unique(std::vector<std::string>& to, const std::vector<std::string>& names) {
    for (const auto& n : names)
        if (std::find(to.begin(), to.end(), n) == to.end()) to.push_back(n);
}

// One actor the overlay defines or edits.
struct Edit {
    std::string type, country, label_ur, label_en;
    std::vector<std::string> names;
};

// The overlay's final state after every decision, in order.
struct Overlay {
    std::map<std::string, Edit> actors;  ///< discovered actors made lexicon actors
    std::map<std::string, Edit> edits;   ///< lexicon actors: names added, labels set
    std::vector<std::string> not_actors;
};

Edit& edit_of(Overlay& o,
              const Lexicon& base,
              const std::string& id,
              const std::string& type,
              const std::string& label,
              const std::string& country,
              const std::vector<std::string>& names) {
    if (base.find(id)) return o.edits[id];
    auto [it, fresh] = o.actors.try_emplace(id);
    if (fresh) {
        it->second = {type, country, label, "", {label}};
        add_unique(it->second.names, names);
    }
    return it->second;
}

Overlay overlay_of(const Curation& c, const Lexicon& base) {
    Overlay o;
    for (const CurationDecision& d : c.decisions) {
        if (d.action == "reject") {
            o.actors.erase(d.id);
            // a qualified body's base name («وزارت خارجہ» of «وزارت خارجہ (پاکستان)»)
            // names the other countries' bodies too
            std::vector<std::string> names{d.label_ur};
            for (const auto& n : d.names)
                if (!d.label_ur.starts_with(n + " (")) names.push_back(n);
            add_unique(o.not_actors, names);
            continue;
        }
        if (d.action == "merge") {
            o.actors.erase(d.id);
            Edit& e = edit_of(o, base, d.into, d.into_type, d.into_label_ur, d.into_country,
                              d.into_names);
            add_unique(e.names, {d.label_ur});
            add_unique(e.names, d.names);
            continue;
        }
        Edit& e = edit_of(o, base, d.id, d.type, d.label_ur, d.country, d.names);
        if (d.action == "rename") {
            e.label_ur = d.label_ur;
            std::erase(e.names, d.label_ur);
            e.names.insert(e.names.begin(), d.label_ur);
        }
        if (!d.label_en.empty()) e.label_en = d.label_en;
    }
    return o;
}

// Names an overlay actor may take: none that another actor has (the lexicon
// refuses two actors under one key), none twice.
std::vector<std::string> free_names(const std::string& id,
                                    const std::vector<std::string>& names,
                                    const std::map<std::string, std::string>& taken) {
    std::vector<std::string> out;
    for (const auto& n : names) {
        auto it = taken.find(fold_key(n));
        if (!fold_key(n).empty() && (it == taken.end() || it->second == id)) out.push_back(n);
    }
    return out;
}

std::map<std::string, std::string> taken_keys(const Lexicon& base, const Overlay& o) {
    std::map<std::string, std::string> taken;
    for (const auto& [key, k] : base.keys())
        taken.emplace(key, k.actor == kNotAnActor ? "" : base.actors()[k.actor].id);
    for (const auto& n : o.not_actors)
        taken.emplace(fold_key(n), "");
    for (const auto& [id, e] : o.actors)
        for (const auto& n : e.names)
            taken.emplace(fold_key(n), id);
    for (const auto& [id, e] : o.edits)
        for (const auto& n : e.names)
            taken.emplace(fold_key(n), id);
    return taken;
}

template <typename W>
void write_names(W& w, const char* key, const std::vector<std::string>& names) {
    w.Key(key);
    w.StartArray();
    for (const auto& n : names)
        detail::write_string(w, n);
    w.EndArray();
}

// The overlay's new actors and not_actors as one lexicon file.
std::string overlay_file(const Overlay& o, const std::map<std::string, std::string>& taken) {
    rapidjson::StringBuffer buf;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
    w.StartObject();
    w.Key("version");
    w.Int(1);
    std::vector<std::string> rejected;
    for (const auto& n : o.not_actors)
        if (!fold_key(n).empty() && taken.at(fold_key(n)).empty()) rejected.push_back(n);
    write_names(w, "not_actors", rejected);
    w.Key("actors");
    w.StartArray();
    for (const auto& [id, e] : o.actors) {
        std::vector<std::string> names = free_names(id, e.names, taken);
        if (names.empty()) continue;  // every name is another actor's: nothing to add
        if (names.front() != e.label_ur) names.insert(names.begin(), e.label_ur);
        w.StartObject();
        detail::write_field(w, "id", id);
        detail::write_field(w, "type", e.type);
        if (!e.label_en.empty()) detail::write_field(w, "label_en", e.label_en);
        if (!e.country.empty()) detail::write_field(w, "country", e.country);
        write_names(w, "names", names);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return {buf.GetString(), buf.GetSize()};
}

// A lexicon file with the overlay's edits of its actors, or nothing when it has none.
std::optional<std::string> edited_file(const DataFile& f,
                                       const Overlay& o,
                                       const std::map<std::string, std::string>& taken) {
    rapidjson::Document doc;
    if (detail::parse_json(doc, f.content) || !doc.IsObject() || !doc.HasMember("actors") ||
        !doc["actors"].IsArray())
        return std::nullopt;  // Lexicon::load reports what is wrong with it
    bool changed = false;
    auto& al = doc.GetAllocator();
    for (auto& v : doc["actors"].GetArray()) {
        if (!v.IsObject() || !v.HasMember("id") || !v["id"].IsString()) continue;
        auto it = o.edits.find(v["id"].GetString());
        if (it == o.edits.end()) continue;
        const Edit& e = it->second;
        std::vector<std::string> names =
            v.HasMember("names") ? strs(v, "names") : std::vector<std::string>{};
        const std::size_t before = names.size();
        add_unique(names, free_names(it->first, e.names, taken));
        if (!e.label_ur.empty()) {
            std::erase(names, e.label_ur);
            names.insert(names.begin(), e.label_ur);
        }
        if (names.size() != before || !e.label_ur.empty()) {
            rapidjson::Value arr(rapidjson::kArrayType);
            for (const auto& n : names)
                arr.PushBack(rapidjson::Value(n.c_str(), al), al);
            v.RemoveMember("names");
            v.AddMember("names", arr, al);
            changed = true;
        }
        if (!e.label_en.empty()) {
            v.RemoveMember("label_en");
            v.AddMember("label_en", rapidjson::Value(e.label_en.c_str(), al), al);
            changed = true;
        }
    }
    if (!changed) return std::nullopt;
    rapidjson::StringBuffer buf;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
    doc.Accept(w);
    return std::string(buf.GetString(), buf.GetSize());
}

}  // namespace

Curation Curation::load(const DataFile& file) {
    rapidjson::Document doc = detail::load_validated(file, "schemas/curation.schema.json");
    Curation c;
    const auto& arr = doc["decisions"].GetArray();
    for (rapidjson::SizeType i = 0; i < arr.Size(); ++i) {
        c.decisions.push_back(decision_from(arr[i]));
        check_decision(file.origin, i, c.decisions.back());
    }
    return c;
}

std::string Curation::to_json() const {
    rapidjson::StringBuffer buf;
    rapidjson::PrettyWriter<rapidjson::StringBuffer> w(buf);
    w.StartObject();
    w.Key("version");
    w.Int(1);
    w.Key("decisions");
    w.StartArray();
    for (const CurationDecision& d : decisions) {
        w.StartObject();
        auto opt = [&](const char* k, const std::string& v) {
            if (!v.empty()) detail::write_field(w, k, v);
        };
        opt("action", d.action);
        opt("id", d.id);
        opt("type", d.type);
        opt("label_ur", d.label_ur);
        opt("label_en", d.label_en);
        opt("country", d.country);
        write_names(w, "names", d.names);
        opt("into", d.into);
        opt("into_type", d.into_type);
        opt("into_label_ur", d.into_label_ur);
        opt("into_country", d.into_country);
        if (!d.into.empty()) write_names(w, "into_names", d.into_names);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return std::string(buf.GetString(), buf.GetSize()) + "\n";
}

std::string default_curation_path(const std::string& db) {
    std::filesystem::path p(db);
    p.replace_extension(".curated.json");
    return p.string();
}

std::vector<DataFile> curated_lexicon_files(const std::vector<DataFile>& lexicon,
                                            const Curation& curation) {
    if (curation.decisions.empty()) return lexicon;
    const Lexicon base = Lexicon::load(lexicon);
    const Overlay o = overlay_of(curation, base);
    const auto taken = taken_keys(base, o);
    std::vector<DataFile> out;
    for (const DataFile& f : lexicon) {
        auto edited = edited_file(f, o, taken);
        out.push_back(edited ? DataFile{f.origin + " (curated)", *edited} : f);
    }
    out.push_back({"(curation overlay)", overlay_file(o, taken)});
    return out;
}

}  // namespace rabta
