// Layout for drawings (the HTML view): Boost.Graph's Fruchterman–Reingold per
// connected component, then a shelf packing of the components.
#include <rabta/graph.h>

#include <algorithm>
#include <boost/graph/connected_components.hpp>
#include <boost/graph/fruchterman_reingold.hpp>
#include <boost/graph/random_layout.hpp>
#include <boost/graph/topology.hpp>
#include <boost/random/linear_congruential.hpp>
#include <cmath>
#include <set>

namespace rabta {

namespace {

using Simple = boost::adjacency_list<boost::vecS, boost::vecS, boost::undirectedS>;
using Topology = boost::square_topology<boost::minstd_rand>;
using Point = Topology::point_type;

// The vertices of each component (direction ignored), largest first, then by
// their first vertex, so that the order does not depend on anything but the graph.
std::vector<std::vector<std::size_t>> components(const TieGraphBase& g) {
    Simple u(boost::num_vertices(g));
    for (auto e : boost::make_iterator_range(boost::edges(g)))
        boost::add_edge(boost::source(e, g), boost::target(e, g), u);
    std::vector<int> comp(boost::num_vertices(g));
    const int n = boost::num_vertices(g) ? boost::connected_components(u, comp.data()) : 0;
    std::vector<std::vector<std::size_t>> out(static_cast<std::size_t>(n));
    for (std::size_t v = 0; v < comp.size(); ++v)
        out[static_cast<std::size_t>(comp[v])].push_back(v);
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return a.size() > b.size(); });
    return out;
}

// Cooling steps for a component of n vertices: the full count up to 200, then
// fewer, as a step costs up to n² where a hub's leaves crowd one grid cell (the
// corpus's 932-actor component took 10 s with 300 steps).
int iterations(std::size_t n, const LayoutOptions& o) {
    if (n <= 200) return o.iterations;
    return std::max(60, static_cast<int>(o.iterations * 200 / static_cast<long>(n)));
}

// Positions of one component's vertices inside [0, side]², by Fruchterman–Reingold.
std::vector<Layout::Point> place(const TieGraphBase& g,
                                 const std::vector<std::size_t>& vs,
                                 double side,
                                 const LayoutOptions& o) {
    if (vs.size() == 1) return {{side / 2, side / 2}};
    std::vector<std::size_t> local(boost::num_vertices(g), 0);
    for (std::size_t i = 0; i < vs.size(); ++i)
        local[vs[i]] = i;
    std::set<std::pair<std::size_t, std::size_t>> pairs;  // one spring per pair of actors
    for (auto v : vs)
        for (auto e : boost::make_iterator_range(boost::out_edges(v, g))) {
            auto a = local[v], b = local[boost::target(e, g)];
            if (a != b) pairs.emplace(std::min(a, b), std::max(a, b));
        }
    Simple u(vs.size());
    for (auto [a, b] : pairs)
        boost::add_edge(a, b, u);
    boost::minstd_rand gen(o.seed);
    Topology topo(gen, side / 2);
    std::vector<Point> pos(vs.size());
    auto pmap = boost::make_iterator_property_map(pos.begin(), boost::get(boost::vertex_index, u));
    boost::random_graph_layout(u, pmap, topo);
    boost::fruchterman_reingold_force_directed_layout(
        u, pmap, topo, boost::cooling(boost::linear_cooling<double>(iterations(vs.size(), o))));
    // scale into [0, side]², keeping the aspect ratio
    double x0 = pos[0][0], x1 = x0, y0 = pos[0][1], y1 = y0;
    for (const Point& p : pos) {
        x0 = std::min(x0, p[0]), x1 = std::max(x1, p[0]);
        y0 = std::min(y0, p[1]), y1 = std::max(y1, p[1]);
    }
    const double span = std::max({x1 - x0, y1 - y0, 1e-9});
    const double k = side / span;
    std::vector<Layout::Point> out;
    for (const Point& p : pos)
        out.push_back({(p[0] - x0) * k + (side - (x1 - x0) * k) / 2,
                       (p[1] - y0) * k + (side - (y1 - y0) * k) / 2});
    return out;
}

double round1(double x) {
    return std::round(x * 10) / 10;
}

}  // namespace

Layout layout(const TieGraph& tg, const LayoutOptions& o) {
    const auto& g = tg.graph();
    Layout out;
    out.points.resize(boost::num_vertices(g));
    const auto comps = components(g);
    // rows about 1.6 times as wide as the picture will be tall
    auto side_of = [&](std::size_t size) {  // room for labels: more per node in a cluster
        const double n = static_cast<double>(size);
        return n <= 2 ? o.spacing * (0.9 + 0.7 * n) : o.spacing * std::sqrt(n) * 1.9;
    };
    double area = 0;
    for (const auto& c : comps)
        area += std::pow(side_of(c.size()) + o.spacing, 2);
    const double side0 = comps.empty() ? 0 : side_of(comps[0].size());
    const double row_width = std::max(side0, std::sqrt(area * 1.6));
    double x = 0, y = 0, row_height = 0;
    for (const auto& c : comps) {
        const double side = side_of(c.size());
        if (x > 0 && x + side > row_width) {
            x = 0;
            y += row_height + o.spacing;
            row_height = 0;
        }
        const auto pts = place(g, c, side, o);
        for (std::size_t i = 0; i < c.size(); ++i)
            out.points[c[i]] = {round1(o.margin + x + pts[i].x), round1(o.margin + y + pts[i].y)};
        x += side + o.spacing;
        row_height = std::max(row_height, side);
        out.width = std::max(out.width, x - o.spacing);
    }
    out.width = std::ceil(out.width + 2 * o.margin);
    out.height = std::ceil(y + row_height + 2 * o.margin);
    return out;
}

}  // namespace rabta
