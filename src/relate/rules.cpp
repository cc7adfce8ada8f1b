#include <fmt/format.h>
#include <rabta/error.h>
#include <rabta/rules.h>
#include <rabta/text.h>

#include <filesystem>
#include <set>

#include "util/hash.h"
#include "util/json.h"

namespace rabta {

namespace {

Phrase to_phrase(const std::string& origin, const std::string& pointer, std::string_view text) {
    FoldedText ft = fold(text);
    Phrase p;
    for (const Token& t : tokenize(ft.text, {0, static_cast<std::uint32_t>(ft.text.size())})) {
        p.emplace_back(t.span.of(ft.text));
    }
    if (p.empty()) throw ConfigError(origin, pointer, "phrase is empty after folding");
    return p;
}

std::vector<Phrase> phrases(const std::string& origin,
                            const std::string& pointer,
                            const rapidjson::Value& arr) {
    std::vector<Phrase> out;
    for (rapidjson::SizeType i = 0; i < arr.Size(); ++i) {
        out.push_back(to_phrase(origin, fmt::format("{}/{}", pointer, i), arr[i].GetString()));
    }
    return out;
}

std::vector<Phrase> optional_phrases(const std::string& origin,
                                     const rapidjson::Value& doc,
                                     const char* name) {
    auto it = doc.FindMember(name);
    if (it == doc.MemberEnd()) return {};
    return phrases(origin, std::string("/") + name, it->value);
}

}  // namespace

const RelationType* Rules::relation(std::string_view name) const {
    for (const auto& r : relations) {
        if (r.name == name) return &r;
    }
    return nullptr;
}

namespace {

bool is_actors_file(const DataFile& f) {
    return std::filesystem::path(f.origin).filename() == "actors.json";
}

bool is_contexts_file(const DataFile& f) {
    return std::filesystem::path(f.origin).filename() == "contexts.json";
}

ActorPatterns load_actors(const DataFile& f) {
    rapidjson::Document doc = detail::load_validated(f, "schemas/actors.schema.json");
    const std::string& o = f.origin;
    ActorPatterns a;
    a.home_country = doc["home_country"].GetString();
    const auto& titles = doc["titles"].GetArray();
    for (rapidjson::SizeType i = 0; i < titles.Size(); ++i) {
        const auto& t = titles[i];
        TitleRule tr;
        tr.words = phrases(o, fmt::format("/titles/{}/words", i), t["words"]);
        tr.kind = t["kind"].GetString();
        if (t.HasMember("portfolio")) tr.portfolio = t["portfolio"].GetBool();
        if (t.HasMember("group")) tr.group = t["group"].GetBool();
        a.titles.push_back(std::move(tr));
    }
    a.portfolios = optional_phrases(o, doc, "portfolios");
    a.honorifics = optional_phrases(o, doc, "honorifics");
    a.organization_suffixes = optional_phrases(o, doc, "organization_suffixes");
    a.ministry_heads = optional_phrases(o, doc, "ministry_heads");
    a.forum_heads = optional_phrases(o, doc, "forum_heads");
    a.generic_words = optional_phrases(o, doc, "generic_words");
    a.name_stops = optional_phrases(o, doc, "name_stops");
    a.name_joiners = optional_phrases(o, doc, "name_joiners");
    a.title_of = optional_phrases(o, doc, "title_of");
    a.leaders = optional_phrases(o, doc, "leaders");
    a.former = optional_phrases(o, doc, "former");
    a.common_words = optional_phrases(o, doc, "common_words");
    a.generic_heads = optional_phrases(o, doc, "generic_heads");
    if (auto it = doc.FindMember("families"); it != doc.MemberEnd())
        for (const auto& name : it->value.GetArray())
            a.families.emplace_back(name.GetString());
    if (auto it = doc.FindMember("list_heads"); it != doc.MemberEnd()) {
        a.list_before = optional_phrases(o, it->value, "before");
        a.list_after = optional_phrases(o, it->value, "after");
        a.list_nouns = optional_phrases(o, it->value, "nouns");
    }
    if (auto it = doc.FindMember("located_in"); it != doc.MemberEnd()) {
        a.city_of = optional_phrases(o, it->value, "city_of");
        a.held_in = optional_phrases(o, it->value, "held_in");
    }
    if (doc.HasMember("role_anaphors")) a.role_anaphors = doc["role_anaphors"].GetBool();
    return a;
}

// Relations the recognizer's patterns state (/recognized): a known relation,
// an id no rule or other entry has.
void load_recognized(const std::string& o,
                     const rapidjson::Value& doc,
                     const std::set<std::string>& relations,
                     std::set<std::string>& ids,
                     Rules& r) {
    auto it = doc.FindMember("recognized");
    if (it == doc.MemberEnd()) return;
    for (rapidjson::SizeType i = 0; i < it->value.Size(); ++i) {
        const auto& v = it->value[i];
        const std::string at = fmt::format("/recognized/{}", i);
        RecognizedFrame f;
        f.id = v["id"].GetString();
        f.relation = v["relation"].GetString();
        f.from = v["from"].GetString();
        f.confidence = v["confidence"].GetDouble();
        f.home_confidence =
            v.HasMember("home_confidence") ? v["home_confidence"].GetDouble() : f.confidence;
        if (!relations.count(f.relation))
            throw ConfigError(o, at + "/relation", "unknown relation '" + f.relation + "'");
        if (!ids.insert(f.id).second)
            throw ConfigError(o, at + "/id", "duplicate rule id '" + f.id + "'");
        r.recognized.push_back(std::move(f));
    }
}

}  // namespace

Rules Rules::load(const std::vector<DataFile>& files) {
    const DataFile* relations_file = nullptr;
    const DataFile* actors_file = nullptr;
    const DataFile* contexts_file = nullptr;
    for (const DataFile& f : files) {
        if (is_contexts_file(f)) {
            contexts_file = &f;
            continue;
        }
        const DataFile*& slot = is_actors_file(f) ? actors_file : relations_file;
        if (slot) {
            throw ConfigError(f.origin, "",
                              "a second " + std::string(is_actors_file(f) ? "actors" : "rules") +
                                  " file (the first is " + slot->origin + ")");
        }
        slot = &f;
    }
    if (!relations_file) {
        throw ConfigError(files.empty() ? std::string("(rules)") : files.front().origin, "",
                          "no relation rules file among the rules files");
    }
    const DataFile& f = *relations_file;
    rapidjson::Document doc = detail::load_validated(f, "schemas/rules.schema.json");
    Rules r;
    r.version_ = detail::hash64(f.content, detail::hash64("rabta-rules-1"));
    if (actors_file) {
        r.actors = load_actors(*actors_file);
        r.version_ = detail::hash64(actors_file->content, r.version_);
    }
    if (contexts_file) {
        r.taxonomy = ContextTaxonomy::load(*contexts_file);
        r.version_ = detail::hash64(contexts_file->content, r.version_);
        for (const ContextTag& t : r.taxonomy.tags)
            r.contexts[t.tag] = t.cues;
    }
    const std::string& o = f.origin;

    std::set<std::string> names;
    for (const auto& rel : doc["relations"].GetArray()) {
        RelationType t{rel["name"].GetString(), rel["symmetric"].GetBool(), ""};
        if (rel.HasMember("cameo")) t.cameo = rel["cameo"].GetString();
        names.insert(t.name);
        r.relations.push_back(std::move(t));
    }
    for (const auto& m : doc["markers"].GetObject()) {
        std::string cls = m.name.GetString();
        r.markers[cls] = phrases(o, "/markers/" + cls, m.value);
    }
    r.transparent = optional_phrases(o, doc, "transparent");
    r.fillers = optional_phrases(o, doc, "fillers");
    r.clause_breaks = optional_phrases(o, doc, "clause_breaks");
    r.group_nouns = optional_phrases(o, doc, "group_nouns");
    r.scope_ends = optional_phrases(o, doc, "scope_ends");
    r.intent = optional_phrases(o, doc, "intent");
    if (auto it = doc.FindMember("polarity"); it != doc.MemberEnd()) {
        for (const auto& c : it->value.GetObject()) {
            std::string kind = c.name.GetString();
            r.polarity[kind] = phrases(o, "/polarity/" + kind, c.value);
        }
    }
    if (doc.HasMember("max_cue_distance")) r.max_cue_distance = doc["max_cue_distance"].GetUint();
    if (auto it = doc.FindMember("max_cue_distance_by_relation"); it != doc.MemberEnd()) {
        for (const auto& c : it->value.GetObject()) {
            std::string rel = c.name.GetString();
            if (!names.count(rel)) {
                throw ConfigError(o, "/max_cue_distance_by_relation/" + rel,
                                  "cue distance for unknown relation '" + rel + "'");
            }
            r.max_cue_distance_by_relation[rel] = c.value.GetUint();
        }
    }
    if (auto it = doc.FindMember("pronouns"); it != doc.MemberEnd()) {
        for (rapidjson::SizeType i = 0; i < it->value.Size(); ++i) {
            const auto& p = it->value[i];
            r.pronouns.push_back({phrases(o, fmt::format("/pronouns/{}/words", i), p["words"]),
                                  p["refers"].GetString()});
        }
    }
    if (auto it = doc.FindMember("anaphors"); it != doc.MemberEnd()) {
        for (rapidjson::SizeType i = 0; i < it->value.Size(); ++i) {
            const auto& p = it->value[i];
            r.anaphors.push_back({phrases(o, fmt::format("/anaphors/{}/words", i), p["words"]),
                                  p["type"].GetString(),
                                  p.HasMember("pair") && p["pair"].GetBool()});
        }
    }
    for (const auto& c : doc["cues"].GetObject()) {
        std::string rel = c.name.GetString();
        if (!names.count(rel)) {
            throw ConfigError(o, "/cues/" + rel, "cues for unknown relation '" + rel + "'");
        }
        r.cues[rel] = phrases(o, "/cues/" + rel, c.value);
    }
    if (auto it = doc.FindMember("verbs"); it != doc.MemberEnd()) {
        for (const auto& c : it->value.GetObject()) {
            std::string lemma = c.name.GetString();
            r.verbs[lemma] = phrases(o, "/verbs/" + lemma, c.value);
        }
    }
    if (auto it = doc.FindMember("light_verbs"); it != doc.MemberEnd()) {
        for (rapidjson::SizeType i = 0; i < it->value.Size(); ++i) {
            const auto& v = it->value[i];
            const std::string at = fmt::format("/light_verbs/{}", i);
            LightVerbFrame frame;
            frame.id = v["id"].GetString();
            frame.relation = v["relation"].GetString();
            if (!names.count(frame.relation))
                throw ConfigError(o, at + "/relation", "unknown relation '" + frame.relation + "'");
            frame.nouns = phrases(o, at + "/nouns", v["nouns"]);
            for (rapidjson::SizeType k = 0; k < v["verbs"].Size(); ++k) {
                std::string lemma = v["verbs"][k].GetString();
                if (!r.verbs.count(lemma)) {
                    throw ConfigError(o, fmt::format("{}/verbs/{}", at, k),
                                      "verb '" + lemma + "' is not a lemma of /verbs");
                }
                frame.verbs.push_back(std::move(lemma));
            }
            if (v.HasMember("reach")) frame.reach = v["reach"].GetUint();
            r.light_verbs.push_back(std::move(frame));
        }
    }
    if (auto it = doc.FindMember("intent_by_relation"); it != doc.MemberEnd()) {
        for (const auto& c : it->value.GetObject()) {
            std::string rel = c.name.GetString();
            if (!names.count(rel)) {
                throw ConfigError(o, "/intent_by_relation/" + rel,
                                  "intent words for unknown relation '" + rel + "'");
            }
            r.intent_by_relation[rel] = phrases(o, "/intent_by_relation/" + rel, c.value);
        }
    }
    const auto& rules = doc["rules"].GetArray();
    std::set<std::string> ids;
    for (rapidjson::SizeType i = 0; i < rules.Size(); ++i) {
        const auto& v = rules[i];
        const std::string at = fmt::format("/rules/{}", i);
        Rule rule;
        rule.id = v["id"].GetString();
        rule.relation = v["relation"].GetString();
        rule.source = v["source"].GetString();
        rule.target = v["target"].GetString();
        if (v.HasMember("directed")) rule.directed = v["directed"].GetBool();
        if (v.HasMember("confidence")) rule.confidence = v["confidence"].GetDouble();
        if (auto u = v.FindMember("unless"); u != v.MemberEnd()) {
            for (rapidjson::SizeType k = 0; k < u->value.Size(); ++k) {
                std::string cls = u->value[k].GetString();
                if (!r.markers.count(cls)) {
                    throw ConfigError(o, fmt::format("{}/unless/{}", at, k),
                                      "unknown marker class '" + cls + "'");
                }
                rule.unless.push_back(std::move(cls));
            }
        }
        if (!ids.insert(rule.id).second)
            throw ConfigError(o, at + "/id", "duplicate rule id '" + rule.id + "'");
        if (!names.count(rule.relation)) {
            throw ConfigError(o, at + "/relation",
                              "unknown relation '" + rule.relation + "' (not in /relations)");
        }
        if (!r.cues.count(rule.relation)) {
            throw ConfigError(o, at + "/relation", "relation '" + rule.relation + "' has no cues");
        }
        std::set<std::string> roles;
        const auto& slots = v["slots"].GetArray();
        for (rapidjson::SizeType s = 0; s < slots.Size(); ++s) {
            RuleSlot slot;
            slot.role = slots[s]["role"].GetString();
            slot.marker = slots[s]["marker"].GetString();
            if (slots[s].HasMember("list")) slot.list = slots[s]["list"].GetBool();
            if (slots[s].HasMember("after_cue")) {
                slot.after_cue = to_phrase(o, fmt::format("{}/slots/{}/after_cue", at, s),
                                           slots[s]["after_cue"].GetString());
            }
            if (slots[s].HasMember("or_affiliation"))
                slot.or_affiliation = slots[s]["or_affiliation"].GetBool();
            if (slots[s].HasMember("types")) {
                for (const auto& t : slots[s]["types"].GetArray())
                    slot.types.emplace_back(t.GetString());
            }
            std::string_view m = slot.marker;
            while (!m.empty()) {
                std::size_t bar = m.find('|');
                std::string cls(m.substr(0, bar));
                if (cls != "none" && cls != "any" && cls != "gen" && !r.markers.count(cls)) {
                    throw ConfigError(o, fmt::format("{}/slots/{}/marker", at, s),
                                      "unknown marker class '" + cls + "'");
                }
                m = bar == std::string_view::npos ? std::string_view() : m.substr(bar + 1);
            }
            if (!roles.insert(slot.role).second) {
                throw ConfigError(o, fmt::format("{}/slots/{}/role", at, s), "role used twice");
            }
            rule.slots.push_back(std::move(slot));
        }
        if (!roles.count(rule.source))
            throw ConfigError(o, at + "/source", "not a role of the rule's slots");
        if (!roles.count(rule.target))
            throw ConfigError(o, at + "/target", "not a role of the rule's slots");
        if (rule.source == rule.target)
            throw ConfigError(o, at + "/target", "source and target are the same role");
        r.rules.push_back(std::move(rule));
    }
    load_recognized(o, doc, names, ids, r);
    return r;
}

Rules Rules::embedded() {
    return load(embedded_files("seeds/rules/"));
}

}  // namespace rabta
