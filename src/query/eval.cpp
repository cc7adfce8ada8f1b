#include <fmt/format.h>
#include <rabta/error.h>
#include <rabta/eval.h>
#include <rabta/text.h>

#include <set>
#include <tuple>

#include "util/json.h"

namespace rabta {

namespace {

// Relations compared without order, whatever direction a rule gave them: the
// gold says "A and B signed", not who signed first.
bool unordered(const std::string& relation) {
    return relation == "met" || relation == "signed" || relation == "cooperated" ||
           relation == "agreed";
}

using TieKey =
    std::tuple<std::string, std::string, std::string, std::string>;  // article, relation, a, b

TieKey tie_key(const std::string& article,
               const std::string& relation,
               std::string a,
               std::string b) {
    if (unordered(relation) && b < a) std::swap(a, b);
    return {article, relation, a, b};
}

std::string show(const TieKey& k) {
    return fmt::format("{}: {} {} → {}", std::get<0>(k), std::get<1>(k), std::get<2>(k),
                       std::get<3>(k));
}

std::string type_of_id(const std::string& id) {
    std::string t = id.substr(0, id.find(':'));
    return t == "org" ? "organization" : t;
}

// One gold actor of one article: an entity id, or a type and the spellings the
// article uses. `key` names it in reports and tie keys.
struct GoldEntity {
    std::string key;
    std::string type;
    std::string id;               // empty for a named actor
    std::set<std::string> names;  // fold_key of each spelling
};

struct GoldArticle {
    std::vector<GoldEntity> entities;
};

// What the store found for one entity in one article.
struct FoundEntity {
    std::string type;
    std::set<std::string> names;  // fold_key of surfaces in the article and of aliases
};

// What the gold says of one tie beyond its ends.
struct GoldTie {
    std::string mode;     // empty when not given
    std::string context;  // empty when not given
};

// What the store found for one tie: its mentions' modes and contexts.
struct FoundTie {
    bool done = false;
    std::map<std::string, int> contexts;  // tag → mentions; "" when a mention has none
};

bool interaction(const std::string& relation) {
    return unordered(relation) || relation == "attended";
}

// The tag most mentions carry; ties go to the smaller tag, so the answer does
// not depend on the order mentions were read in.
std::string main_context(const FoundTie& t) {
    std::string best = "none";
    int n = 0;
    for (const auto& [tag, count] : t.contexts)
        if (!tag.empty() && count > n) {
            best = tag;
            n = count;
        }
    return best;
}

void compare_properties(const std::map<TieKey, GoldTie>& gold,
                        const std::map<TieKey, FoundTie>& found,
                        const std::set<TieKey>& required,
                        EvalReport& rep) {
    for (const auto& [k, g] : gold) {
        auto it = found.find(k);
        if (it == found.end()) continue;
        if (!g.mode.empty()) {
            ++rep.mode.compared;
            if ((g.mode == "done") == it->second.done) ++rep.mode.agreed;
        }
        if (g.context.empty() || !required.count(k) || !interaction(std::get<1>(k))) continue;
        const std::string c = main_context(it->second);
        ++rep.context.compared;
        if (c == g.context) ++rep.context.agreed;
        ++rep.context_digital.compared;
        if (is_digital_context(c) == is_digital_context(g.context)) ++rep.context_digital.agreed;
    }
}

bool matches(const GoldEntity& g, const std::string& id, const FoundEntity& f) {
    if (!g.id.empty()) return g.id == id;
    if (g.type != f.type) return false;
    for (const auto& n : g.names)
        if (f.names.count(n)) return true;
    return false;
}

}  // namespace

bool is_digital_context(const std::string& tag) {
    return !tag.empty() && tag != "none" && tag != "other" && tag != "media";
}

EvalReport evaluate(const Store& store, const std::vector<DataFile>& gold) {
    EvalReport rep;
    const std::vector<std::string> ids = store.article_ids();
    const std::set<std::string> stored(ids.begin(), ids.end());

    std::map<std::string, GoldArticle> articles;
    std::set<TieKey> required, optional;
    std::map<TieKey, GoldTie> gold_ties;
    std::set<std::string> splits;

    for (const DataFile& f : gold) {
        rapidjson::Document doc = detail::load_validated(f, "schemas/gold.schema.json");
        splits.insert(doc.HasMember("split") ? doc["split"].GetString() : "");
        for (const auto& a : doc["articles"].GetObject()) {
            std::string id = a.name.GetString();
            const std::string at = "/articles/" + id;
            if (!stored.count(id)) {
                rep.absent.push_back(id);
                continue;
            }
            if (articles.count(id))
                throw ConfigError(f.origin, at, "article '" + id + "' is annotated twice");
            GoldArticle& ga = articles[id];
            for (const auto& e : a.value["entities"].GetArray()) {
                GoldEntity g;
                if (e.IsString()) {
                    g.key = g.id = e.GetString();
                    g.type = type_of_id(g.id);
                } else {
                    g.type = e["type"].GetString();
                    for (const auto& n : e["names"].GetArray())
                        g.names.insert(fold_key(n.GetString()));
                    g.key = fmt::format("{} «{}»", g.type, e["names"][0].GetString());
                }
                ga.entities.push_back(std::move(g));
            }
            // A tie names its ends by id or by any spelling of an entity above.
            auto resolve = [&](const std::string& ref, const std::string& pointer) {
                const std::string k = fold_key(ref);
                for (const auto& g : ga.entities)
                    if (g.id == ref || g.names.count(k)) return g.key;
                throw ConfigError(
                    f.origin, pointer,
                    "'" + ref + "' is not among the entities of article '" + id + "'");
            };
            rapidjson::SizeType i = 0;
            for (const auto& t : a.value["ties"].GetArray()) {
                const std::string p = fmt::format("{}/ties/{}", at, i++);
                TieKey k = tie_key(id, t["relation"].GetString(),
                                   resolve(t["source"].GetString(), p + "/source"),
                                   resolve(t["target"].GetString(), p + "/target"));
                (t["required"].GetBool() ? required : optional).insert(k);
                GoldTie& gt = gold_ties[k];
                if (t.HasMember("mode")) gt.mode = t["mode"].GetString();
                if (t.HasMember("context")) gt.context = t["context"].GetString();
            }
        }
    }

    // What was found in the scored articles: each entity with the names it had there.
    std::map<std::string, std::map<std::string, FoundEntity>> found_in;
    store.for_each_mention([&](const Store::MentionRow& m) {
        auto it = articles.find(m.article);
        if (it == articles.end()) return;
        found_in[m.article][m.entity].names.insert(fold_key(m.surface));
    });
    std::map<std::string, const StoredEntity*> by_id;
    const std::vector<StoredEntity> entities = store.entities();
    for (const auto& e : entities)
        by_id[e.id] = &e;
    for (auto& [article, found] : found_in) {
        for (auto& [id, fe] : found) {
            const StoredEntity& e = *by_id.at(id);
            fe.type = e.type;
            fe.names.insert(fold_key(e.label_ur));
            for (const auto& al : e.aliases)
                fe.names.insert(fold_key(al));
        }
    }

    // Entities: each found entity maps to the first gold actor it matches. A second
    // entity for an actor already matched (one actor split in two) is spurious.
    std::map<std::pair<std::string, std::string>, std::string> key_of;  // (article, id) → key
    for (const auto& [article, ga] : articles) {
        std::set<std::string> matched;
        for (const auto& [id, fe] : found_in[article]) {
            const GoldEntity* hit = nullptr;
            for (const auto& g : ga.entities)
                if (matches(g, id, fe)) {
                    hit = &g;
                    break;
                }
            if (hit && matched.insert(hit->key).second) {
                key_of[{article, id}] = hit->key;
                ++rep.entities.tp;
                ++rep.entities_by_type[fe.type].tp;
                continue;
            }
            if (hit) key_of[{article, id}] = hit->key;
            ++rep.entities.fp;
            ++rep.entities_by_type[fe.type].fp;
            rep.spurious.push_back(fmt::format("{}: entity {} ({}){}", article, id,
                                               by_id.at(id)->label_ur,
                                               hit ? ", a second entity for " + hit->key : ""));
        }
        for (const auto& g : ga.entities) {
            if (matched.count(g.key)) continue;
            ++rep.entities.fn;
            ++rep.entities_by_type[g.type].fn;
            rep.missed.push_back(fmt::format("{}: entity {}", article, g.key));
        }
    }

    // Ties, with their ends named as the gold names them.
    auto key = [&](const std::string& article, const std::string& id) {
        auto it = key_of.find({article, id});
        return it == key_of.end() ? id : it->second;
    };
    std::map<TieKey, FoundTie> found;
    for (const auto& r : store.relations()) {
        if (!articles.count(r.article)) continue;
        FoundTie& t = found[tie_key(r.article, r.relation, key(r.article, r.source),
                                    key(r.article, r.target))];
        t.done = t.done || r.mode != "intent";
        ++t.contexts[r.context];
    }
    compare_properties(gold_ties, found, required, rep);
    for (const auto& [k, t] : found) {
        if (required.count(k)) {
            ++rep.ties.tp;
            ++rep.ties_by_relation[std::get<1>(k)].tp;
        } else if (!optional.count(k)) {
            ++rep.ties.fp;
            ++rep.ties_by_relation[std::get<1>(k)].fp;
            rep.spurious.push_back(show(k));
        }
    }
    for (const auto& k : required) {
        if (found.count(k)) continue;
        ++rep.ties.fn;
        ++rep.ties_by_relation[std::get<1>(k)].fn;
        rep.missed.push_back(show(k));
    }
    rep.scored = articles.size();
    if (splits.size() == 1) rep.split = *splits.begin();
    return rep;
}

}  // namespace rabta
