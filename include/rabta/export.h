// Exports of a TieGraph for Gephi, Gephi Lite and other tools. Every writer is
// deterministic: the same graph gives the same bytes (no timestamps).
#pragma once

#include <rabta/graph.h>

#include <ostream>
#include <string>
#include <vector>

namespace rabta {

struct ExportOptions {
    /// Which label goes into the format's label field; both are always attributes.
    enum class Label { urdu, latin } label = Label::urdu;
    /// GraphML and GEXF: give every edge its own direction, symmetric ties
    /// (met, signed, cooperated, agreed) undirected beside directed ones. Gephi
    /// and Gephi Lite read such a mixed graph; networkx refuses it, and igraph and
    /// graph-tool read every edge as undirected (README, "Direction"). Without it a
    /// file is undirected when every tie in it is symmetric, else directed (the
    /// `direction` attribute still says which ties are symmetric).
    bool mixed = false;
    /// CSV for Excel: a UTF-8 byte-order mark before each table, without which
    /// Excel reads a CSV file in the system's ANSI code page and garbles Urdu.
    bool excel = false;
    /// The two countries (ISO codes) of a --dyad export: the HTML view draws
    /// their cooperation index per month (cooperation.h). Empty: not a dyad.
    std::vector<std::string> dyad = {};
};

/// How a GraphML or GEXF file states direction: for the whole graph, or per edge.
enum class FileDirection { directed, undirected, mixed };

/// The direction a file of this graph states (see ExportOptions::mixed).
FileDirection file_direction(const TieGraph& graph, const ExportOptions& options);

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

/// One self-contained HTML page to look at the graph without Gephi: an inline
/// SVG drawing (layout() of the graph; nodes coloured by type as kTypeColors and
/// sized by degree, edges styled by relation, arrows on directed ties only),
/// Urdu labels with a Latin toggle, every tie's evidences (sentence, article,
/// outlet, date) on a click, filters by relation and month, and per country
/// pair a bar chart of evidences per month. No network, no embedded fonts (CSS
/// names Debian's Noto Nastaliq Urdu / Noto Naskh Arabic / Nafees, with
/// fallbacks), the same bytes for the same graph.
void write_html(const TieGraph& graph,
                const Store& store,
                std::ostream& out,
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
