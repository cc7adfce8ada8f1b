// How GraphML and GEXF files state direction. Measured with the readers in
// ../shared/checkers: networkx refuses any file whose edges disagree with the
// graph's default ("directed=false edge found in directed graph"), igraph and
// graph-tool take the graph's default for every edge, and graphology-graphml
// honours only directed="true" (so a mixed GraphML must default to undirected).
// A file is therefore one direction unless the caller asks for a mixed graph.
#include <rabta/export.h>

namespace rabta {

FileDirection file_direction(const TieGraph& tg, const ExportOptions& options) {
    const auto& g = tg.graph();
    std::size_t symmetric = 0;
    for (auto e : boost::make_iterator_range(boost::edges(g)))
        symmetric += g[e].symmetric ? 1 : 0;
    if (symmetric == 0) return FileDirection::directed;  // no edges: as before
    if (symmetric == tg.edge_count()) return FileDirection::undirected;
    return options.mixed ? FileDirection::mixed : FileDirection::directed;
}

}  // namespace rabta
