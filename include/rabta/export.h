// Exports of a TieGraph for Gephi and other tools.
#pragma once

#include <rabta/graph.h>

#include <ostream>

namespace rabta {

/// Writes GraphML 1.1 that Gephi, Gephi Lite, networkx, igraph and graph-tool
/// read alike: every key declared with attr.type and for="node" or "edge", the
/// node label in key "label" (Urdu) and "label_en", edge "weight" as double,
/// relation in its own key, one edge per (source, target, relation), UTF-8
/// without BOM, XML-invalid characters stripped. Output is deterministic.
void write_graphml(const TieGraph& graph, std::ostream& out);

}  // namespace rabta
