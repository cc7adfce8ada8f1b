#include <rabta/graph.h>

#include <algorithm>

namespace rabta {

TieGraph TieGraph::from_store(const Store& store, const GraphFilter& f) {
    TieGraph tg;
    tg.scope_ = {f.from, f.to, f.relations, {}, f.contexts};
    for (StoredEntity& e : store.entities()) {
        std::string id = e.id;
        Vertex v = boost::add_vertex(std::move(e), tg.g_);
        tg.index_.emplace(std::move(id), v);
    }
    for (StoredTie& t : store.ties(tg.scope_)) {
        auto s = tg.index_.find(t.source);
        auto d = tg.index_.find(t.target);
        if (s == tg.index_.end() || d == tg.index_.end()) continue;
        TieEdge e;
        e.relation = std::move(t.relation);
        e.symmetric = !t.directed;
        e.mode = t.done ? "done" : "intent";
        e.weight = static_cast<double>(t.evidences);
        e.first_date = std::move(t.first_date);
        e.last_date = std::move(t.last_date);
        e.articles = t.articles;
        e.outlets = std::move(t.outlets);
        e.evidence = std::move(t.best_sentence);
        e.evidence_article = std::move(t.best_article);
        e.context = std::move(t.context);
        e.context_source = std::move(t.context_source);
        boost::add_edge(s->second, d->second, std::move(e), tg.g_);
    }
    return tg.filter(f);
}

const TieGraph::Vertex* TieGraph::find(const std::string& id) const {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &it->second;
}

}  // namespace rabta
