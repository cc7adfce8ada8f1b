// Questions an analyst asks of the whole graph: which entities, what one actor
// did, the ties between two actors, how two actors are connected, who is central,
// and everything between the actors of two countries. Every answer carries the
// sentences that prove it.
#pragma once

#include <rabta/graph.h>
#include <rabta/store.h>

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rabta {

/// Entities that have a mention or a tie, filtered; empty fields keep everything.
struct EntityQuery {
    std::string type;
    std::string country;  ///< ISO code
    bool discovered_only = false;
};
std::vector<StoredEntity> list_entities(const Store& store, const EntityQuery& q);

/// Relation mentions (with their evidence) that involve `a`, or are between `a`
/// and `b` when b is given, in the scope's dates and relations; by date, article.
std::vector<StoredRelation> ties_of(const Store& store,
                                    const std::string& a,
                                    const std::string& b,
                                    const EvidenceScope& scope);

/// One step of a path: the tie between two neighbours and the sentence that proves it.
struct PathHop {
    std::string from, to;  ///< entity ids, in path order
    std::string relation;
    bool forward = true;  ///< the tie runs from → to (else to → from, or it is symmetric)
    double weight = 0;
    std::string date;
    std::string sentence;
    std::string article;
};

/// A shortest path between two entities over ties in either direction (fewest
/// hops; between two neighbours the tie with the most evidence). Empty optional
/// when they are not connected; an empty vector when a == b.
std::optional<std::vector<PathHop>> shortest_path(const TieGraph& graph,
                                                  const std::string& a,
                                                  const std::string& b);

/// Centrality of every vertex, ties taken without direction: degree (distinct
/// neighbours), normalized betweenness (Brandes) and the connected component.
struct Centrality {
    std::string id;
    std::size_t degree = 0;
    double betweenness = 0;
    std::size_t component = 0;  ///< 0 is the largest component
};
std::vector<Centrality> centrality(const TieGraph& graph);

/// Ties between the actors of two countries (entities whose country is one and
/// the other, and the countries themselves), with a month-by-month count of
/// relation mentions per relation.
struct DyadView {
    std::vector<StoredTie> ties;
    /// "YYYY-MM" → relation → relation mentions; undated evidence under "undated".
    std::map<std::string, std::map<std::string, std::int64_t>> months;
};
DyadView dyad_view(const Store& store,
                   const std::string& country_a,
                   const std::string& country_b,
                   const EvidenceScope& scope);

/// The roles of `e` in force on `date` (ISO): lexicon roles whose dates cover it
/// (an open end covers everything past it), and roles an article gave on that
/// date. A tie a person made on that date was made in these offices.
std::vector<StoredRole> roles_on(const StoredEntity& e, const std::string& date);

/// One way the text named an entity, and why that name is this entity.
struct NameEvidence {
    std::string surface;  ///< as written
    std::string kind;     ///< name, demonym or anaphor
    std::string via;      ///< the alias it matches (folded, space-free), or how it refers
    std::int64_t mentions = 0;
    std::string first_article;
};

/// What the store knows about one entity: the entity with its aliases and dated
/// roles (lexicon and text), and every way the articles named it.
struct EntityCard {
    StoredEntity entity;
    std::vector<NameEvidence> names;  ///< by mentions, then surface
};
std::optional<EntityCard> entity_card(const Store& store, const std::string& id);

}  // namespace rabta
