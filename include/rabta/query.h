// Questions an analyst asks of the whole graph: which entities, what one actor
// did, the ties between two actors, how two actors are connected, who is central,
// and everything between the actors of two countries. Every answer carries the
// sentences that prove it.
#pragma once

#include <rabta/cooperation.h>
#include <rabta/graph.h>
#include <rabta/store.h>

#include <cstddef>
#include <map>
#include <optional>
#include <ostream>
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

/// One office held over time: the roles of one title (compared folded) at one
/// organization, from the lexicon or from the articles, gathered into a span.
struct RoleSpan {
    std::string title;  ///< as first written
    std::string org, org_label;
    std::string first, last;    ///< ISO dates; empty: open (the lexicon's) or undated
    std::int64_t articles = 0;  ///< articles that gave it; 0 for the lexicon's
    std::string source;         ///< "lexicon" or "articles"
};
/// The entity's roles as spans, by first date (undated last), then title.
std::vector<RoleSpan> role_spans(const StoredEntity& e);

/// The relation mentions of one entity with one counterpart in one relation.
struct TieGroup {
    std::string relation;
    std::string counterpart;  ///< entity id
    bool directed = false;
    bool outgoing = true;  ///< the entity is the source (always so when symmetric)
    std::int64_t mentions = 0, articles = 0;
    std::string first, last;        ///< ISO dates of the dated mentions, or empty
    std::string sentence, article;  ///< the newest mention's
};
/// `rels` of entity `id` grouped, newest first (by last date, undated last),
/// then by mentions, relation and counterpart.
std::vector<TieGroup> tie_groups(const std::string& id, const std::vector<StoredRelation>& rels);

// ---- Answers: what each query command tells the analyst, as one struct with
// one JSON writer (schemas/query.schema.json). The CLI prints them as tables.

/// The entities an answer names (ends of its ties, organizations of roles), by id.
using EntityIndex = std::map<std::string, StoredEntity>;
EntityIndex index_entities(const Store& store, std::vector<std::string> ids);

/// `entities`: the listed entities.
struct EntitiesAnswer {
    std::vector<StoredEntity> entities;
};
EntitiesAnswer answer_entities(const Store& store, const EntityQuery& q);
void write_json(std::ostream& out, const EntitiesAnswer& a);

/// `show`: one entity's card, its roles in force on a date when asked, and its
/// relation mentions in the scope.
struct ShowQuery {
    std::string id;
    std::string as_of;  ///< ISO date, or empty: not asked
    EvidenceScope scope;
};
struct ShowAnswer {
    EntityCard card;
    std::string as_of;
    std::vector<StoredRole> in_office;     ///< on as_of
    std::vector<StoredRelation> ties;      ///< as ties_of orders them
    std::vector<StoredRelation> not_ties;  ///< denied in the text (polarity), in the same order
    std::vector<RoleSpan> spans;           ///< role_spans of the entity
    std::vector<TieGroup> groups;          ///< tie_groups of the ties
    std::vector<std::string> relations;    ///< the scope's relations; empty: all
    EntityIndex named;
};
ShowAnswer answer_show(const Store& store, const ShowQuery& q);
void write_json(std::ostream& out, const ShowAnswer& a);

/// `ties`: the relation mentions of one actor, or between two.
struct TiesQuery {
    std::string a, b;  ///< entity ids; b may be empty
    EvidenceScope scope;
};
struct TiesAnswer {
    std::string a, b;
    std::vector<StoredRelation> ties;
    EntityIndex named;
};
TiesAnswer answer_ties(const Store& store, const TiesQuery& q);
void write_json(std::ostream& out, const TiesAnswer& a);

/// `path`: a shortest path over the ties the filter keeps.
struct PathQuery {
    std::string from, to;  ///< entity ids
    GraphFilter filter;
};
struct PathAnswer {
    std::string from, to;
    std::vector<std::string> relations;  ///< the relations it went through; empty: all
    std::optional<std::vector<PathHop>> hops;
    EntityIndex named;
};
PathAnswer answer_path(const Store& store, const PathQuery& q);
void write_json(std::ostream& out, const PathAnswer& a);

/// `top`: the most central actors of the graph the filter keeps.
struct TopQuery {
    std::string by = "degree";  ///< degree or betweenness
    std::string type;           ///< only entities of this type; empty: all
    std::size_t limit = 20;     ///< 0: all
    GraphFilter filter;
};
struct TopEntry {
    Centrality centrality;
    std::string type, label_ur, label_en;
};
struct TopAnswer {
    std::string by;
    std::vector<std::string> relations;  ///< the relations counted; empty: all
    std::vector<TopEntry> entries;       ///< best first
};
TopAnswer answer_top(const Store& store, const TopQuery& q);
void write_json(std::ostream& out, const TopAnswer& a);

/// `dyad`: the ties between the actors of two countries, month by month, with
/// the cooperation index of their evidences.
struct DyadQuery {
    std::string a, b;  ///< ISO codes
    EvidenceScope scope;
    CooperationWeights weights;  ///< e.g. CooperationWeights::embedded()
};
struct DyadAnswer {
    std::string a, b;
    std::string from, to;  ///< the scope's dates
    DyadView view;
    CooperationSeries cooperation;  ///< dyad_cooperation over the same scope
    CooperationWeights weights;     ///< the weights it used
    EntityIndex named;
};
DyadAnswer answer_dyad(const Store& store, const DyadQuery& q);
void write_json(std::ostream& out, const DyadAnswer& a);

/// `diff`: what changed between two runs, with the labels of the entities it
/// names and, for each tie added, the sentence that proves it.
struct DiffAnswer {
    RunDiff diff;
    EntityIndex named;                          ///< entities of the later run it names
    std::map<std::string, StoredTie> evidence;  ///< by tie_key, for ties added
    std::vector<std::string> contexts;          ///< the context filter; empty: none
    /// What a context filter could not judge and left out: a run's snapshot
    /// keeps no context, so only what the store holds now can be placed.
    struct LeftOut {
        std::int64_t entities_removed = 0, ties_removed = 0, roles = 0;
    } left_out;
};
std::string tie_key(const std::string& source,
                    const std::string& target,
                    const std::string& relation);
/// The changes from run `from_run` to run `to_run`, the store's latest. With
/// `contexts` (ContextTaxonomy::select), only the ties added or changed that
/// the store now proves with evidence about one of them, and the entities
/// added at their ends; removed ties and entities (gone from the store) and
/// roles (no role has a context) are counted in left_out instead.
DiffAnswer answer_diff(const Store& store,
                       std::int64_t from_run,
                       std::int64_t to_run,
                       const std::vector<std::string>& contexts = {});
/// The changes as the run report's `since_previous` holds them.
void write_json(std::ostream& out, const DiffAnswer& a);

/// `stats`: what the store holds, and the size of its graph.
struct StatsAnswer {
    std::string database;
    StoreStats stats;
    std::size_t nodes = 0, edges = 0;
    /// Graph edges (ties) by the context most of their evidences carry; "none"
    /// counts the ties of relations that take a context but have none.
    std::map<std::string, std::int64_t> ties_by_context;
};
StatsAnswer answer_stats(const Store& store);
void write_json(std::ostream& out, const StatsAnswer& a);

}  // namespace rabta
