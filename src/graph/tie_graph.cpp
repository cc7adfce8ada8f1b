#include <rabta/graph.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace rabta {

TieGraph TieGraph::from_store(const Store& store) {
    TieGraph tg;
    for (const StoredEntity& e : store.entities()) {
        Vertex v = boost::add_vertex(e, tg.g_);
        tg.index_.emplace(e.id, v);
    }
    // relations() is ordered by (source, target, relation, date, article, span): one run per tie.
    const std::vector<StoredRelation> rels = store.relations();
    std::size_t i = 0;
    while (i < rels.size()) {
        std::size_t j = i;
        while (j < rels.size() && std::tie(rels[j].source, rels[j].target, rels[j].relation) ==
                                      std::tie(rels[i].source, rels[i].target, rels[i].relation)) {
            ++j;
        }
        auto s = tg.index_.find(rels[i].source);
        auto t = tg.index_.find(rels[i].target);
        if (s != tg.index_.end() && t != tg.index_.end()) {
            TieEdge e;
            e.relation = rels[i].relation;
            e.symmetric = !rels[i].directed;
            e.mode = "intent";
            std::set<std::string> articles;
            for (std::size_t k = i; k < j; ++k) {
                const StoredRelation& r = rels[k];
                e.evidences.push_back({r.article, r.outlet, r.date, r.sentence, r.rule, r.mode,
                                       r.span_begin, r.span_end});
                if (r.mode == "done") e.mode = "done";
                if (!r.date.empty()) {
                    if (e.first_date.empty() || r.date < e.first_date) e.first_date = r.date;
                    if (e.last_date.empty() || r.date > e.last_date) e.last_date = r.date;
                }
                articles.insert(r.article);
            }
            e.weight = static_cast<double>(j - i);
            e.articles = static_cast<std::int64_t>(articles.size());
            boost::add_edge(s->second, t->second, std::move(e), tg.g_);
        }
        i = j;
    }
    return tg;
}

const TieGraph::Vertex* TieGraph::find(const std::string& id) const {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &it->second;
}

}  // namespace rabta
