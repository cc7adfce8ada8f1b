#include <rabta/graph.h>

#include <algorithm>
#include <queue>
#include <set>

namespace rabta {

namespace {

bool in(const std::vector<std::string>& list, const std::string& x) {
    return list.empty() || std::find(list.begin(), list.end(), x) != list.end();
}

}  // namespace

TieGraph TieGraph::filter(const GraphFilter& f) const {
    GraphFilter ties = f;  // dates were applied when the ties were counted
    ties.from.clear();
    ties.to.clear();
    if (ties.empty()) return *this;
    const auto& g = g_;
    auto country_of = [&](Vertex v) { return g[v].country; };
    auto dyad_ok = [&](Vertex a, Vertex b) {
        if (f.dyad.size() != 2) return true;
        const std::string ca = country_of(a), cb = country_of(b);
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
    // the ego's neighbourhood over the kept edges, direction ignored
    std::set<Vertex> nodes;
    if (!f.ego.empty()) {
        auto it = index_.find(f.ego);
        if (it != index_.end()) {
            std::vector<std::vector<Vertex>> adj(boost::num_vertices(g));
            for (const auto& [e, _] : kept) {
                adj[boost::source(e, g)].push_back(boost::target(e, g));
                adj[boost::target(e, g)].push_back(boost::source(e, g));
            }
            std::vector<int> dist(boost::num_vertices(g), -1);
            std::queue<Vertex> q;
            dist[it->second] = 0;
            q.push(it->second);
            while (!q.empty()) {
                Vertex v = q.front();
                q.pop();
                nodes.insert(v);
                if (dist[v] >= f.hops) continue;
                for (Vertex w : adj[v]) {
                    if (dist[w] < 0) {
                        dist[w] = dist[v] + 1;
                        q.push(w);
                    }
                }
            }
        }
        std::erase_if(kept, [&](const auto& k) {
            return !nodes.count(boost::source(k.first, g)) ||
                   !nodes.count(boost::target(k.first, g));
        });
    }
    for (const auto& [e, _] : kept) {
        nodes.insert(boost::source(e, g));
        nodes.insert(boost::target(e, g));
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
