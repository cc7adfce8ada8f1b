// Merges a graph's edges, in order, with the store's evidence cursor, so that a
// writer sees each edge's evidences without holding them all.
#pragma once

#include <rabta/graph.h>
#include <rabta/store.h>

#include <tuple>

namespace rabta::detail {

class EdgeEvidence {
  public:
    EdgeEvidence(const Store& store, const TieGraph& graph)
        : cursor_(store.evidences(graph.scope())) {}

    /// Calls f(const StoredRelation&) for each evidence of the tie (source,
    /// target, relation). Ties must be asked for in increasing order, as the
    /// graph's edges come; evidences of ties not asked for are skipped.
    template <typename F>
    void each(const std::string& source,
              const std::string& target,
              const std::string& relation,
              F&& f) {
        const auto key = std::tie(source, target, relation);
        while (const StoredRelation* r = cursor_.get()) {
            const auto at = std::tie(r->source, r->target, r->relation);
            if (at > key) break;
            if (at == key) f(*r);
            cursor_.next();
        }
    }

  private:
    EvidenceCursor cursor_;
};

}  // namespace rabta::detail
