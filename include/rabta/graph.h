// TieGraph: entities as vertices, ties aggregated per (source, target, relation)
// as edges, on a Boost.Graph adjacency_list with bundled properties.
#pragma once

#include <rabta/store.h>

#include <boost/graph/adjacency_list.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace rabta {

/// A vertex is the stored entity, with its mention count.
using ActorVertex = StoredEntity;

/// A tie: the summary of every relation mention of one relation between the same
/// two actors. The mentions themselves stay in the store (Store::evidences).
struct TieEdge {
    std::string relation;
    bool symmetric = false;  ///< source/target order carries no meaning
    std::string mode;        ///< "done" if any evidence is done, else "intent"
    double weight = 0;       ///< number of evidences
    std::string first_date;
    std::string last_date;
    std::int64_t articles = 0;         ///< distinct articles
    std::vector<std::string> outlets;  ///< distinct, sorted
    std::string evidence;              ///< the earliest dated evidence sentence
    std::string evidence_article;
    std::string context;         ///< what most evidences are about (StoredTie::context)
    std::string context_source;  ///< clause, sentence or article (inherited)
};

using TieGraphBase =
    boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS, ActorVertex, TieEdge>;

/// What an export or query keeps. Empty fields keep everything.
struct GraphFilter {
    std::string from;                    ///< ISO date, inclusive: evidences before it are left out
    std::string to;                      ///< ISO date, inclusive
    std::vector<std::string> relations;  ///< met, signed, …
    std::vector<std::string> types;      ///< entity types of both ends
    std::vector<std::string> dyad;       ///< two ISO country codes: ties between their actors
    std::vector<std::string>
        contexts;           ///< context tags: evidences about anything else are left out
    double min_weight = 0;  ///< after the date filter
    std::string ego;        ///< entity id: keep its neighbourhood …
    int hops = 1;           ///< … of this many hops (direction ignored)
    /// Keep the nodes that lost every edge to the filter, when they pass its
    /// type, dyad and ego conditions; by default a filtered graph drops them.
    bool keep_isolates = false;

    bool empty() const {
        return from.empty() && to.empty() && relations.empty() && types.empty() && dyad.empty() &&
               min_weight <= 0 && ego.empty() && contexts.empty();
    }
};

class TieGraph {
  public:
    using Vertex = boost::graph_traits<TieGraphBase>::vertex_descriptor;
    using Edge = boost::graph_traits<TieGraphBase>::edge_descriptor;

    /// Vertices are the mentioned entities (sorted by id), edges the ties
    /// aggregated by the store (sorted by source, target, relation), counting only
    /// the evidence in the filter's date range and relations, then filter(f).
    /// Memory grows with entities and ties, not with evidence. Same store, same graph.
    static TieGraph from_store(const Store& store, const GraphFilter& f = {});

    /// The evidence scope the graph was built with; Store::evidences(scope())
    /// streams the mentions behind its edges, in edge order.
    const EvidenceScope& scope() const noexcept { return scope_; }

    const TieGraphBase& graph() const noexcept { return g_; }
    std::size_t vertex_count() const noexcept { return boost::num_vertices(g_); }
    std::size_t edge_count() const noexcept { return boost::num_edges(g_); }
    /// A new graph with the ties `f` keeps by relation, entity type, dyad, weight
    /// and ego (dates are applied by from_store). When anything is filtered, dates
    /// included, nodes are the ends of the kept edges and the ego, plus, with
    /// keep_isolates, every node that passes the type, dyad and ego conditions.
    TieGraph filter(const GraphFilter& f) const;

    /// The vertex of an entity id, if it is in the graph.
    const Vertex* find(const std::string& id) const;

  private:
    TieGraphBase g_;
    std::map<std::string, Vertex> index_;
    EvidenceScope scope_;
};

/// A drawing of a TieGraph: one position per vertex, in vertex order, inside a
/// width × height canvas with `margin` left free on every side.
struct Layout {
    struct Point {
        double x = 0, y = 0;
    };
    std::vector<Point> points;
    double width = 0, height = 0;
};

struct LayoutOptions {
    double spacing = 60;  ///< about the distance between neighbours, in canvas units
    double margin = 40;
    int iterations = 300;      ///< Fruchterman–Reingold cooling steps per component
    unsigned seed = 20250711;  ///< of the initial random placement
};

/// Fruchterman–Reingold (Boost.Graph) over each connected component (direction
/// ignored), from a seeded random start, so the same graph gives the same
/// drawing; components are packed largest first in rows, each in a square whose
/// side grows with the square root of its size, so small ones stay readable.
Layout layout(const TieGraph& graph, const LayoutOptions& options = {});

}  // namespace rabta
