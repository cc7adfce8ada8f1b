#include <rabta/query.h>
#include <rabta/text.h>

#include <algorithm>
#include <boost/graph/betweenness_centrality.hpp>
#include <boost/graph/connected_components.hpp>
#include <queue>
#include <set>

namespace rabta {

std::vector<StoredEntity> list_entities(const Store& store, const EntityQuery& q) {
    std::vector<StoredEntity> out = store.entities();
    std::erase_if(out, [&](const StoredEntity& e) {
        return (!q.type.empty() && e.type != q.type) ||
               (!q.country.empty() && e.country != q.country) ||
               (q.discovered_only && !e.discovered);
    });
    return out;
}

std::vector<StoredRelation> ties_of(const Store& store,
                                    const std::string& a,
                                    const std::string& b,
                                    const EvidenceScope& scope) {
    std::vector<StoredRelation> out;
    EvidenceScope narrow = scope;
    narrow.entities = {a};
    for (EvidenceCursor c = store.evidences(narrow); c.get(); c.next()) {
        const StoredRelation& r = *c.get();
        const bool has_a = r.source == a || r.target == a;
        const bool has_b = b.empty() || r.source == b || r.target == b;
        if (has_a && has_b) out.push_back(r);
    }
    std::stable_sort(out.begin(), out.end(), [](const StoredRelation& x, const StoredRelation& y) {
        // dated evidence first, oldest first; then by article and place in it
        if (x.date.empty() != y.date.empty()) return y.date.empty();
        return std::tie(x.date, x.article, x.span_begin) <
               std::tie(y.date, y.article, y.span_begin);
    });
    return out;
}

namespace {

// The graph's ties without direction: for each vertex, its neighbours with the
// heaviest tie to each (ties broken by edge order, which is deterministic).
std::vector<std::map<TieGraph::Vertex, TieGraph::Edge>> neighbours(const TieGraph& graph) {
    const auto& g = graph.graph();
    std::vector<std::map<TieGraph::Vertex, TieGraph::Edge>> adj(boost::num_vertices(g));
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
        const auto s = boost::source(e, g), t = boost::target(e, g);
        if (s == t) continue;
        for (auto [from, to] : {std::pair{s, t}, std::pair{t, s}}) {
            auto [it, fresh] = adj[from].emplace(to, e);
            if (!fresh && g[e].weight > g[it->second].weight) it->second = e;
        }
    }
    return adj;
}

}  // namespace

std::optional<std::vector<PathHop>> shortest_path(const TieGraph& graph,
                                                  const std::string& a,
                                                  const std::string& b) {
    const auto* va = graph.find(a);
    const auto* vb = graph.find(b);
    if (!va || !vb) return std::nullopt;
    if (*va == *vb) return std::vector<PathHop>{};
    const auto& g = graph.graph();
    const auto adj = neighbours(graph);
    const std::size_t n = boost::num_vertices(g);
    constexpr std::size_t kNone = static_cast<std::size_t>(-1);
    std::vector<std::size_t> prev(n, kNone);
    std::queue<std::size_t> q;
    prev[*va] = *va;
    q.push(*va);
    while (!q.empty() && prev[*vb] == kNone) {
        const std::size_t v = q.front();
        q.pop();
        for (const auto& [w, e] : adj[v]) {
            if (prev[w] != kNone) continue;
            prev[w] = v;
            q.push(w);
        }
    }
    if (prev[*vb] == kNone) return std::nullopt;
    std::vector<PathHop> hops;
    for (std::size_t v = *vb; v != *va; v = prev[v]) {
        const std::size_t u = prev[v];
        const TieGraph::Edge e = adj[u].at(v);
        const TieEdge& t = g[e];
        PathHop h;
        h.from = g[u].id;
        h.to = g[v].id;
        h.relation = t.relation;
        h.forward = t.symmetric || boost::source(e, g) == u;
        h.weight = t.weight;
        h.date = t.first_date;
        h.sentence = t.evidence;
        h.article = t.evidence_article;
        hops.push_back(std::move(h));
    }
    std::reverse(hops.begin(), hops.end());
    return hops;
}

std::vector<Centrality> centrality(const TieGraph& graph) {
    using Undirected = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
    const auto& g = graph.graph();
    const std::size_t n = boost::num_vertices(g);
    const auto adj = neighbours(graph);
    Undirected u(n);
    for (std::size_t v = 0; v < n; ++v)
        for (const auto& [w, e] : adj[v])
            if (v < w) boost::add_edge(v, w, u);

    std::vector<double> between(n, 0.0);
    boost::brandes_betweenness_centrality(
        u, boost::centrality_map(boost::make_iterator_property_map(
               between.begin(), boost::get(boost::vertex_index, u))));
    std::vector<std::size_t> comp(n, 0);
    const std::size_t ncomp =
        n ? boost::connected_components(u, boost::make_iterator_property_map(
                                               comp.begin(), boost::get(boost::vertex_index, u)))
          : 0;
    // components renumbered by size, largest first (then by smallest vertex: ids)
    std::vector<std::pair<std::size_t, std::size_t>> sizes(ncomp, {0, 0});
    for (std::size_t c = 0; c < ncomp; ++c)
        sizes[c].second = c;
    for (std::size_t v = 0; v < n; ++v)
        ++sizes[comp[v]].first;
    std::stable_sort(sizes.begin(), sizes.end(),
                     [](const auto& x, const auto& y) { return x.first > y.first; });
    std::vector<std::size_t> rank(ncomp);
    for (std::size_t r = 0; r < ncomp; ++r)
        rank[sizes[r].second] = r;
    // Boost counts each unordered pair twice on an undirected graph; normalized
    // betweenness divides the pair count by (n-1)(n-2)/2.
    const double pairs = n > 2 ? static_cast<double>((n - 1) * (n - 2)) : 1.0;
    std::vector<Centrality> out(n);
    for (std::size_t v = 0; v < n; ++v) {
        out[v].id = g[v].id;
        out[v].degree = adj[v].size();
        out[v].betweenness = between[v] / pairs;
        out[v].component = rank[comp[v]];
    }
    return out;
}

DyadView dyad_view(const Store& store,
                   const std::string& country_a,
                   const std::string& country_b,
                   const EvidenceScope& scope) {
    std::map<std::string, std::string> country_of = store.entity_countries();
    auto crosses = [&](const std::string& s, const std::string& t) {
        const std::string& cs = country_of[s];
        const std::string& ct = country_of[t];
        return (cs == country_a && ct == country_b) || (cs == country_b && ct == country_a);
    };
    DyadView v;
    for (StoredTie& t : store.ties(scope))
        if (crosses(t.source, t.target)) v.ties.push_back(std::move(t));
    for (EvidenceCursor c = store.evidences(scope); c.get(); c.next()) {
        const StoredRelation& r = *c.get();
        if (!crosses(r.source, r.target)) continue;
        ++v.months[r.date.empty() ? "undated" : r.date.substr(0, 7)][r.relation];
    }
    return v;
}

std::vector<StoredRole> roles_on(const StoredEntity& e, const std::string& date) {
    std::vector<StoredRole> out;
    if (date.empty()) return out;
    for (const StoredRole& r : e.roles) {
        const bool from_ok = r.from.empty() || r.from <= date;
        const bool to_ok = r.to.empty() || date <= r.to;
        // a role from an article holds on that article's date; the lexicon's hold
        // between their dates
        if (r.source == "lexicon" ? from_ok && to_ok : r.from == date) out.push_back(r);
    }
    return out;
}

std::optional<EntityCard> entity_card(const Store& store, const std::string& id) {
    EntityCard card;
    std::vector<StoredEntity> one = store.entities({id});
    if (one.empty()) return std::nullopt;
    card.entity = std::move(one.front());
    std::map<std::string, std::string> alias_of;  // fold_key → alias
    for (const auto& a : card.entity.aliases)
        alias_of.emplace(fold_key(a), a);
    std::map<std::pair<std::string, std::string>, NameEvidence> by_surface;
    store.for_each_mention(
        [&](const Store::MentionRow& m) {
            NameEvidence& n = by_surface[{m.surface, m.kind}];
            if (n.mentions++ == 0) {
                n.surface = m.surface;
                n.kind = m.kind;
                n.first_article = m.article;
                if (m.kind == "anaphor") {
                    n.via = "refers back to the entity named before it";
                } else if (auto it = alias_of.find(fold_key(m.surface)); it != alias_of.end()) {
                    n.via = it->second;
                } else {
                    n.via = "a shorter form of a name found in the same article";
                }
            }
        },
        id);
    for (auto& [k, n] : by_surface)
        card.names.push_back(std::move(n));
    std::stable_sort(
        card.names.begin(), card.names.end(),
        [](const NameEvidence& a, const NameEvidence& b) { return a.mentions > b.mentions; });
    return card;
}

}  // namespace rabta
