#include <fmt/format.h>
#include <rabta/error.h>
#include <rabta/eval.h>

#include <set>
#include <tuple>

#include "util/json.h"

namespace rabta {

namespace {

// A tie as compared: symmetric relations without order.
using TieKey =
    std::tuple<std::string, std::string, std::string, std::string>;  // article, relation, a, b

TieKey tie_key(const std::string& article,
               const std::string& relation,
               std::string a,
               std::string b,
               bool symmetric) {
    if (symmetric && b < a) std::swap(a, b);
    return {article, relation, a, b};
}

std::string show(const TieKey& k) {
    return fmt::format("{}: {} {} → {}", std::get<0>(k), std::get<1>(k), std::get<2>(k),
                       std::get<3>(k));
}

}  // namespace

EvalReport evaluate(const Store& store, const std::vector<DataFile>& gold) {
    EvalReport rep;
    const std::vector<std::string> ids = store.article_ids();
    const std::set<std::string> stored(ids.begin(), ids.end());

    std::set<std::string> scored;
    std::set<std::pair<std::string, std::string>> gold_entities;
    std::set<TieKey> required, optional;
    std::map<TieKey, std::string> relation_of;
    // Found relations tell which relation names are symmetric for this store.
    std::map<std::string, bool> symmetric;
    const std::vector<StoredRelation> rels = store.relations();
    for (const auto& r : rels)
        symmetric[r.relation] = !r.directed;

    for (const DataFile& f : gold) {
        rapidjson::Document doc = detail::load_validated(f, "schemas/gold.schema.json");
        for (const auto& a : doc["articles"].GetObject()) {
            std::string id = a.name.GetString();
            if (!stored.count(id)) {
                throw ConfigError(f.origin, "/articles/" + id,
                                  "gold article '" + id + "' is not in the store");
            }
            scored.insert(id);
            for (const auto& e : a.value["entities"].GetArray())
                gold_entities.emplace(id, e.GetString());
            for (const auto& t : a.value["ties"].GetArray()) {
                std::string rel = t["relation"].GetString();
                bool sym = rel == "met" || rel == "cooperated" || rel == "agreed";
                if (auto it = symmetric.find(rel); it != symmetric.end()) sym = it->second;
                TieKey k = tie_key(id, rel, t["source"].GetString(), t["target"].GetString(), sym);
                (t["required"].GetBool() ? required : optional).insert(k);
            }
        }
    }

    // Entities: (article, entity) pairs.
    std::set<std::pair<std::string, std::string>> found_entities;
    std::map<std::string, std::string> type_of;
    for (const auto& [article, entity, type] : store.article_entities()) {
        type_of[entity] = type;
        if (scored.count(article)) found_entities.emplace(article, entity);
    }
    for (const auto& p : found_entities) {
        const std::string& type = type_of[p.second];
        if (gold_entities.count(p)) {
            ++rep.entities.tp;
            ++rep.entities_by_type[type].tp;
        } else {
            ++rep.entities.fp;
            ++rep.entities_by_type[type].fp;
            rep.spurious.push_back(fmt::format("{}: entity {}", p.first, p.second));
        }
    }
    for (const auto& p : gold_entities) {
        if (found_entities.count(p)) continue;
        std::string type =
            type_of.count(p.second) ? type_of[p.second] : p.second.substr(0, p.second.find('/'));
        if (type == "org") type = "organization";
        ++rep.entities.fn;
        ++rep.entities_by_type[type].fn;
        rep.missed.push_back(fmt::format("{}: entity {}", p.first, p.second));
    }

    // Ties.
    std::set<TieKey> found;
    for (const auto& r : rels) {
        if (scored.count(r.article))
            found.insert(tie_key(r.article, r.relation, r.source, r.target, !r.directed));
    }
    for (const auto& k : found) {
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
    return rep;
}

}  // namespace rabta
