#include <rabta/graph.h>

#include <algorithm>
#include <queue>
#include <set>

namespace rabta {

namespace {

using Vertex = TieGraph::Vertex;
using Edge = TieGraph::Edge;

bool in(const std::vector<std::string>& list, const std::string& x) {
    return list.empty() || std::find(list.begin(), list.end(), x) != list.end();
}

// A node passes a dyad when it belongs to one of its two countries.
bool country_ok(const GraphFilter& f, const ActorVertex& a) {
    return f.dyad.size() != 2 || a.country == f.dyad[0] || a.country == f.dyad[1];
}

// The vertices within f.hops of `ego` over `edges`, direction ignored.
std::set<Vertex> neighbourhood(const TieGraphBase& g,
                               const std::vector<std::pair<Edge, TieEdge>>& edges,
                               Vertex ego,
                               int hops) {
    std::vector<std::vector<Vertex>> adj(boost::num_vertices(g));
    for (const auto& [e, _] : edges) {
        adj[boost::source(e, g)].push_back(boost::target(e, g));
        adj[boost::target(e, g)].push_back(boost::source(e, g));
    }
    std::set<Vertex> nodes;
    std::vector<int> dist(boost::num_vertices(g), -1);
    std::queue<Vertex> q;
    dist[ego] = 0;
    q.push(ego);
    while (!q.empty()) {
        Vertex v = q.front();
        q.pop();
        nodes.insert(v);
        if (dist[v] >= hops) continue;
        for (Vertex w : adj[v]) {
            if (dist[w] < 0) {
                dist[w] = dist[v] + 1;
                q.push(w);
            }
        }
    }
    return nodes;
}

}  // namespace

TieGraph TieGraph::filter(const GraphFilter& f) const {
    GraphFilter ties = f;  // dates were applied when the ties were counted
    ties.from.clear();
    ties.to.clear();
    if (f.empty() || (ties.empty() && f.keep_isolates)) return *this;
    const auto& g = g_;
    auto dyad_ok = [&](Vertex a, Vertex b) {
        if (f.dyad.size() != 2) return true;
        const std::string &ca = g[a].country, &cb = g[b].country;
        return (ca == f.dyad[0] && cb == f.dyad[1]) || (ca == f.dyad[1] && cb == f.dyad[0]);
    };
    // edges that pass every edge-level filter
    std::vector<std::pair<Edge, TieEdge>> kept;
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
        const Vertex s = boost::source(e, g), t = boost::target(e, g);
        if (!in(f.relations, g[e].relation) || !in(f.types, g[s].type) || !in(f.types, g[t].type) ||
            !dyad_ok(s, t)) {
            continue;
        }
        if (g[e].weight < f.min_weight) continue;
        kept.emplace_back(e, g[e]);
    }
    // the ego's neighbourhood over the kept edges
    std::set<Vertex> nodes;
    std::set<Vertex> reach;
    const bool by_ego = !f.ego.empty();
    if (by_ego) {
        auto it = index_.find(f.ego);
        if (it != index_.end()) reach = neighbourhood(g, kept, it->second, f.hops);
        nodes = reach;
        std::erase_if(kept, [&](const auto& k) {
            return !reach.count(boost::source(k.first, g)) ||
                   !reach.count(boost::target(k.first, g));
        });
    }
    for (const auto& [e, _] : kept) {
        nodes.insert(boost::source(e, g));
        nodes.insert(boost::target(e, g));
    }
    if (f.keep_isolates) {
        for (auto v : boost::make_iterator_range(boost::vertices(g)))
            if (in(f.types, g[v].type) && country_ok(f, g[v]) && (!by_ego || reach.count(v)))
                nodes.insert(v);
    }
    TieGraph out;
    out.scope_ = scope_;
    std::map<Vertex, Vertex> remap;
    for (Vertex v : nodes) {  // in vertex order, which is id order
        Vertex nv = boost::add_vertex(g[v], out.g_);
        remap.emplace(v, nv);
        out.index_.emplace(g[v].id, nv);
    }
    for (auto& [e, r] : kept)
        boost::add_edge(remap.at(boost::source(e, g)), remap.at(boost::target(e, g)), std::move(r),
                        out.g_);
    return out;
}

}  // namespace rabta
