// The answers of the query commands, assembled from the store and the graph.
#include <rabta/context.h>
#include <rabta/query.h>

#include <algorithm>
#include <set>

namespace rabta {

EntityIndex index_entities(const Store& store, std::vector<std::string> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    EntityIndex out;
    if (ids.empty()) return out;
    for (StoredEntity& e : store.entities(ids))
        out.emplace(e.id, std::move(e));
    return out;
}

namespace {

std::vector<std::string> ends_of(const std::vector<StoredRelation>& rels) {
    std::vector<std::string> ids;
    for (const auto& r : rels) {
        ids.push_back(r.source);
        ids.push_back(r.target);
    }
    return ids;
}

}  // namespace

EntitiesAnswer answer_entities(const Store& store, const EntityQuery& q) {
    return {list_entities(store, q)};
}

ShowAnswer answer_show(const Store& store, const ShowQuery& q) {
    ShowAnswer a;
    auto card = entity_card(store, q.id);
    if (!card) throw Error("no entity has the id '" + q.id + "'");
    a.card = std::move(*card);
    a.as_of = q.as_of;
    if (!q.as_of.empty()) a.in_office = roles_on(a.card.entity, q.as_of);
    a.ties = ties_of(store, q.id, "", q.scope);
    EvidenceScope denied = q.scope;
    denied.not_ties = true;
    a.not_ties = ties_of(store, q.id, "", denied);
    a.spans = role_spans(a.card.entity);
    a.groups = tie_groups(q.id, a.ties);
    a.relations = q.scope.relations;
    std::vector<std::string> named = ends_of(a.ties);
    for (auto& id : ends_of(a.not_ties))
        named.push_back(std::move(id));
    named.push_back(q.id);
    for (const auto& r : a.card.entity.roles)
        named.push_back(r.org);
    a.named = index_entities(store, std::move(named));
    return a;
}

TiesAnswer answer_ties(const Store& store, const TiesQuery& q) {
    TiesAnswer a{q.a, q.b, ties_of(store, q.a, q.b, q.scope), {}};
    a.named = index_entities(store, ends_of(a.ties));
    return a;
}

PathAnswer answer_path(const Store& store, const PathQuery& q) {
    PathAnswer a{q.from, q.to, q.filter.relations, std::nullopt, {}};
    a.hops = shortest_path(TieGraph::from_store(store, q.filter), q.from, q.to);
    std::vector<std::string> on_path;
    for (const auto& h : a.hops ? *a.hops : std::vector<PathHop>{}) {
        on_path.push_back(h.from);
        on_path.push_back(h.to);
    }
    a.named = index_entities(store, std::move(on_path));
    return a;
}

TopAnswer answer_top(const Store& store, const TopQuery& q) {
    const TieGraph g = TieGraph::from_store(store, q.filter);
    std::vector<Centrality> c = centrality(g);
    std::map<std::string, const ActorVertex*> v;
    for (auto x : boost::make_iterator_range(boost::vertices(g.graph())))
        v[g.graph()[x].id] = &g.graph()[x];
    if (!q.type.empty())
        std::erase_if(c, [&](const Centrality& x) { return v.at(x.id)->type != q.type; });
    const bool by_betweenness = q.by == "betweenness";
    std::stable_sort(c.begin(), c.end(), [&](const Centrality& x, const Centrality& y) {
        if (by_betweenness && x.betweenness != y.betweenness) return x.betweenness > y.betweenness;
        if (x.degree != y.degree) return x.degree > y.degree;
        if (x.betweenness != y.betweenness) return x.betweenness > y.betweenness;
        return x.id < y.id;
    });
    if (q.limit && c.size() > q.limit) c.resize(q.limit);
    TopAnswer a{q.by, q.filter.relations, {}};
    for (const auto& x : c) {
        const ActorVertex& e = *v.at(x.id);
        a.entries.push_back({x, e.type, e.label_ur, e.label_en});
    }
    return a;
}

DyadAnswer answer_dyad(const Store& store, const DyadQuery& q) {
    DyadAnswer a{q.a,
                 q.b,
                 q.scope.from,
                 q.scope.to,
                 dyad_view(store, q.a, q.b, q.scope),
                 dyad_cooperation(store, q.a, q.b, q.scope, q.weights),
                 q.weights,
                 {}};
    std::vector<std::string> in_dyad;
    for (const auto& x : a.view.ties) {
        in_dyad.push_back(x.source);
        in_dyad.push_back(x.target);
    }
    a.named = index_entities(store, std::move(in_dyad));
    return a;
}

std::string tie_key(const std::string& source,
                    const std::string& target,
                    const std::string& relation) {
    return source + '\n' + target + '\n' + relation;
}

namespace {

// Keeps the ties added or changed that the store proves with evidence in
// `contexts`, and the entities added at their ends; counts what it cannot judge.
void keep_contexts(const Store& store, const std::vector<std::string>& contexts, DiffAnswer& a) {
    RunDiff& d = a.diff;
    std::set<std::string> about;
    EvidenceScope scope;
    scope.contexts = contexts;
    for (const StoredTie& t : store.ties(scope))
        about.insert(tie_key(t.source, t.target, t.relation));
    std::set<std::string> ends;
    for (auto* v : {&d.ties_added, &d.ties_changed}) {
        std::erase_if(*v, [&](const RunDiff::Tie& t) {
            return !about.count(tie_key(t.source, t.target, t.relation));
        });
        for (const RunDiff::Tie& t : *v)
            ends.insert({t.source, t.target});
    }
    std::erase_if(d.entities_added, [&](const RunDiff::Entity& e) { return !ends.count(e.id); });
    a.left_out.entities_removed = static_cast<std::int64_t>(d.entities_removed.size());
    a.left_out.ties_removed = static_cast<std::int64_t>(d.ties_removed.size());
    a.left_out.roles = static_cast<std::int64_t>(d.roles_added.size() + d.roles_removed.size());
    d.entities_removed.clear();
    d.ties_removed.clear();
    d.roles_added.clear();
    d.roles_removed.clear();
}

}  // namespace

DiffAnswer answer_diff(const Store& store,
                       std::int64_t from_run,
                       std::int64_t to_run,
                       const std::vector<std::string>& contexts) {
    DiffAnswer a;
    a.diff = store.diff(from_run, to_run);
    a.contexts = contexts;
    if (!contexts.empty()) keep_contexts(store, contexts, a);
    std::vector<std::string> ids;
    for (const auto* v : {&a.diff.entities_added, &a.diff.entities_removed})
        for (const auto& e : *v)
            ids.push_back(e.id);
    for (const auto* v : {&a.diff.ties_added, &a.diff.ties_removed, &a.diff.ties_changed})
        for (const auto& t : *v) {
            ids.push_back(t.source);
            ids.push_back(t.target);
        }
    for (const auto* v : {&a.diff.roles_added, &a.diff.roles_removed})
        for (const auto& r : *v) {
            ids.push_back(r.entity);
            ids.push_back(r.org);
        }
    a.named = index_entities(store, ids);
    // the sentence behind each new tie, from the store as it is now
    std::set<std::string> wanted;
    EvidenceScope scope;
    for (const auto& t : a.diff.ties_added) {
        wanted.insert(tie_key(t.source, t.target, t.relation));
        scope.entities.push_back(t.source);
    }
    if (wanted.empty()) return a;
    std::sort(scope.entities.begin(), scope.entities.end());
    scope.entities.erase(std::unique(scope.entities.begin(), scope.entities.end()),
                         scope.entities.end());
    for (StoredTie& t : store.ties(scope)) {
        std::string k = tie_key(t.source, t.target, t.relation);
        if (wanted.count(k)) a.evidence.emplace(std::move(k), std::move(t));
    }
    return a;
}

StatsAnswer answer_stats(const Store& store) {
    const TieGraph g = TieGraph::from_store(store);
    StatsAnswer a{store.path(), store.stats(), g.vertex_count(), g.edge_count(), {}};
    const ContextTaxonomy taxonomy = ContextTaxonomy::embedded();
    for (auto e : boost::make_iterator_range(boost::edges(g.graph()))) {
        const TieEdge& t = g.graph()[e];
        if (!t.context.empty())
            ++a.ties_by_context[t.context];
        else if (taxonomy.takes_context(t.relation))
            ++a.ties_by_context["none"];
    }
    return a;
}

}  // namespace rabta
