// Exports of a TieGraph for Gephi, Gephi Lite and other tools. Every writer is
// deterministic: the same graph gives the same bytes (no timestamps).
#pragma once

#include <rabta/graph.h>

#include <ostream>

namespace rabta {

struct ExportOptions {
    /// Which label goes into the format's label field; both are always attributes.
    enum class Label { urdu, latin } label = Label::urdu;
};

/// GraphML 1.1 that Gephi, Gephi Lite, networkx, igraph and graph-tool read
/// alike: every key declared with attr.type and for="node" or "edge", node keys
/// label, label_ur, label_en, edge weight as double, relation in its own key, one
/// edge per (source, target, relation), XML-invalid characters stripped.
void write_graphml(const TieGraph& graph, std::ostream& out, const ExportOptions& options = {});

/// GEXF 1.3, dynamic (timeformat date): edges carry kind = relation, so that
/// parallel ties of different relations stay apart in Gephi, and one spell per
/// evidence date; nodes carry a spell from first to last mention, roles as a
/// dynamic attribute, viz:color by entity type (kTypeColors) and viz:size by degree.
/// Evidence dates are streamed from the store.
void write_gexf(const TieGraph& graph,
                const Store& store,
                std::ostream& out,
                const ExportOptions& options = {});

/// A node-link JSON document (schemas/graph.schema.json): nodes with labels,
/// aliases and roles; edges with every evidence (article, sentence, span, date,
/// outlet, rule); the articles behind the graph's nodes and their mentions.
/// Evidences, articles and mentions are streamed from the store.
void write_json(const TieGraph& graph, const Store& store, std::ostream& out);

/// Two CSV tables in the shape Gephi's spreadsheet importer takes: nodes (Id,
/// Label, Type, …) and edges (Source, Target, Type = Directed|Undirected, Weight,
/// Label, Kind = relation, …). RFC 4180 quoting; control characters removed.
void write_csv(const TieGraph& graph,
               std::ostream& nodes,
               std::ostream& edges,
               const ExportOptions& options = {});

/// The fixed palette of viz:color by entity type (documented in the README).
struct TypeColor {
    const char* type;
    int r, g, b;
};
inline constexpr TypeColor kTypeColors[] = {
    {"person", 225, 87, 89},         // red
    {"organization", 78, 121, 167},  // blue
    {"country", 89, 161, 79},        // green
    {"forum", 242, 142, 43},         // orange
    {"place", 156, 117, 95},         // brown
};

}  // namespace rabta
