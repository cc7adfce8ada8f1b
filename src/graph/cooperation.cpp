// The cooperation index of a dyad (include/rabta/cooperation.h).
#include <rabta/cooperation.h>
#include <rabta/text.h>

#include <algorithm>
#include <tuple>

#include "util/json.h"

namespace rabta {

CooperationWeights CooperationWeights::load(const DataFile& f) {
    const rapidjson::Document doc = detail::load_validated(f, "schemas/cooperation.schema.json");
    CooperationWeights w;
    w.scale = doc["scale"].GetString();
    w.intent_discount = doc["intent_discount"].GetDouble();
    for (const auto& r : doc["relations"].GetObject()) {
        Weight x{r.value["cameo"].GetString(), "", r.value["score"].GetDouble()};
        if (r.value.HasMember("label")) x.label = r.value["label"].GetString();
        w.relations[r.name.GetString()] = std::move(x);
    }
    return w;
}

CooperationWeights CooperationWeights::embedded() {
    return load(embedded_file("seeds/cooperation/goldstein.json"));
}

double CooperationWeights::weight(const std::string& relation, bool intent) const {
    auto it = relations.find(relation);
    if (it == relations.end()) return 0;
    return it->second.score * (intent ? intent_discount : 1.0);
}

namespace {

// Earlier dated first (undated last), then by article and span: the copy that
// stands for a syndicated sentence.
bool earlier(const StoredRelation& a, const StoredRelation& b) {
    if (a.date.empty() != b.date.empty()) return !a.date.empty();
    return std::tie(a.date, a.article, a.span_begin) < std::tie(b.date, b.article, b.span_begin);
}

std::vector<WeightedEvidence> independent(const std::vector<StoredRelation>& mentions,
                                          const CooperationWeights& weights) {
    using Key = std::tuple<std::string, std::string, std::string, std::string>;
    std::map<Key, WeightedEvidence> by_key;
    for (const StoredRelation& r : mentions) {
        WeightedEvidence& e = by_key[{r.source, r.target, r.relation, fold_key(r.sentence)}];
        if (e.copies++ == 0 || earlier(r, e.evidence)) e.evidence = r;
        e.intent = e.intent && r.mode == "intent";
    }
    std::vector<WeightedEvidence> out;
    for (auto& [k, e] : by_key) {
        e.weight = weights.weight(e.evidence.relation, e.intent);
        out.push_back(std::move(e));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const WeightedEvidence& a, const WeightedEvidence& b) {
                         if (a.weight != b.weight) return a.weight > b.weight;
                         return earlier(a.evidence, b.evidence);
                     });
    return out;
}

}  // namespace

CooperationSeries cooperation_series(const std::vector<StoredRelation>& mentions,
                                     const CooperationWeights& weights) {
    CooperationSeries s;
    s.evidences = independent(mentions, weights);
    std::map<std::string, CooperationMonth> months;
    for (const WeightedEvidence& e : s.evidences) {
        const std::string key = e.evidence.date.empty() ? "~undated" : e.evidence.date.substr(0, 7);
        CooperationMonth& m = months[key];
        ++m.evidences;
        ++m.by_relation[e.evidence.relation];
        ++m.by_context[e.evidence.context];
        m.index += e.weight;
        s.index += e.weight;
    }
    for (auto& [key, m] : months) {  // "~" sorts after every digit: undated last
        m.month = key == "~undated" ? "undated" : key;
        s.months.push_back(std::move(m));
    }
    return s;
}

CooperationSeries dyad_cooperation(const Store& store,
                                   const std::string& country_a,
                                   const std::string& country_b,
                                   const EvidenceScope& scope,
                                   const CooperationWeights& weights) {
    std::map<std::string, std::string> country_of = store.entity_countries();
    std::vector<StoredRelation> mentions;
    for (EvidenceCursor c = store.evidences(scope); c.get(); c.next()) {
        const StoredRelation& r = *c.get();
        const std::string& cs = country_of[r.source];
        const std::string& ct = country_of[r.target];
        if ((cs == country_a && ct == country_b) || (cs == country_b && ct == country_a))
            mentions.push_back(r);
    }
    return cooperation_series(mentions, weights);
}

}  // namespace rabta
