#include <map>
#include <tuple>

#include "store/impl.h"

namespace rabta {

using store_detail::guarded;
using store_detail::text_or_empty;

namespace {

// Relation mentions with their article's outlet and date; read_relation takes
// the columns in this order.
constexpr const char* kRelationColumns =
    "SELECT r.source_id, r.target_id, r.relation, r.directed, r.mode, r.context, r.rule_id, "
    "r.confidence, "
    "r.article_id, a.outlet, a.published, r.evidence, r.span_begin, r.span_end, "
    "r.context_source, r.polarity "
    "FROM relations r JOIN articles a ON a.id = r.article_id";

void read_relation(SQLite::Statement& st, StoredRelation& r) {
    r.source = st.getColumn(0).getString();
    r.target = st.getColumn(1).getString();
    r.relation = st.getColumn(2).getString();
    r.directed = st.getColumn(3).getInt() != 0;
    r.mode = st.getColumn(4).getString();
    r.context = text_or_empty(st.getColumn(5));
    r.rule = st.getColumn(6).getString();
    r.confidence = st.getColumn(7).getDouble();
    r.article = st.getColumn(8).getString();
    r.outlet = text_or_empty(st.getColumn(9));
    r.date = text_or_empty(st.getColumn(10));
    r.sentence = st.getColumn(11).getString();
    r.span_begin = static_cast<std::uint32_t>(st.getColumn(12).getInt64());
    r.span_end = static_cast<std::uint32_t>(st.getColumn(13).getInt64());
    r.context_source = text_or_empty(st.getColumn(14));
    r.polarity = st.getColumn(15).getString();
}

}  // namespace

std::vector<StoredRelation> Store::relations() const {
    return guarded(impl_->path, "cannot read relations", [&] {
        std::vector<StoredRelation> out;
        SQLite::Statement st(impl_->db,
                             std::string(kRelationColumns) +
                                 " WHERE r.polarity = 'affirmed'"
                                 " ORDER BY r.source_id, r.target_id, r.relation, a.published, "
                                 "r.article_id, r.span_begin, r.rule_id");
        while (st.executeStep()) {
            out.emplace_back();
            read_relation(st, out.back());
        }
        return out;
    });
}

namespace {

// The WHERE clause of a scope over `relations r JOIN articles a`, with its bindings:
// ties are the affirmed mentions, and only a scope that asks for them reads the others.
std::string scope_sql(const EvidenceScope& scope, std::vector<std::string>& binds) {
    std::string w =
        scope.not_ties ? " WHERE r.polarity <> 'affirmed'" : " WHERE r.polarity = 'affirmed'";
    if (!scope.from.empty() || !scope.to.empty()) w += " AND a.published IS NOT NULL";
    if (!scope.from.empty()) {
        w += " AND a.published >= ?";
        binds.push_back(scope.from);
    }
    if (!scope.to.empty()) {
        w += " AND a.published <= ?";
        binds.push_back(scope.to);
    }
    if (!scope.entities.empty()) {
        std::string list;
        for (std::size_t i = 0; i < scope.entities.size(); ++i)
            list += i ? ", ?" : "?";
        w += " AND (r.source_id IN (" + list + ") OR r.target_id IN (" + list + "))";
        binds.insert(binds.end(), scope.entities.begin(), scope.entities.end());
        binds.insert(binds.end(), scope.entities.begin(), scope.entities.end());
    }
    if (!scope.relations.empty()) {
        w += " AND r.relation IN (";
        for (std::size_t i = 0; i < scope.relations.size(); ++i) {
            w += i ? ", ?" : "?";
            binds.push_back(scope.relations[i]);
        }
        w += ")";
    }
    if (!scope.contexts.empty()) {
        w += " AND r.context IN (";
        for (std::size_t i = 0; i < scope.contexts.size(); ++i) {
            w += i ? ", ?" : "?";
            binds.push_back(scope.contexts[i]);
        }
        w += ")";
    }
    return w;
}

void bind_all(SQLite::Statement& st, const std::vector<std::string>& binds) {
    for (std::size_t i = 0; i < binds.size(); ++i)
        st.bind(static_cast<int>(i + 1), binds[i]);
}

using TieIndex = std::map<std::tuple<std::string, std::string, std::string>, std::size_t>;

// Each tie's context: the tag most of its independent evidences carry (the
// smaller tag on a tie), with the most specific source any of them has.
void read_tie_contexts(SQLite::Database& db,
                       const std::string& where,
                       const std::vector<std::string>& binds,
                       const TieIndex& index,
                       std::vector<StoredTie>& out) {
    SQLite::Statement st(
        db,
        "SELECT source_id, target_id, relation, context, CASE src WHEN 0 THEN 'clause' "
        "WHEN 1 THEN 'sentence' WHEN 2 THEN 'article' ELSE '' END FROM ("
        " SELECT r.source_id, r.target_id, r.relation, r.context,"
        "  min(CASE r.context_source WHEN 'clause' THEN 0 WHEN 'sentence' THEN 1"
        "   WHEN 'article' THEN 2 ELSE 3 END) AS src,"
        "  row_number() OVER (PARTITION BY r.source_id, r.target_id, r.relation"
        "   ORDER BY count(DISTINCT r.evidence_key) DESC, r.context) AS rank"
        " FROM relations r JOIN articles a ON a.id = r.article_id" +
            where +
            " AND r.context IS NOT NULL GROUP BY r.source_id, r.target_id, r.relation, "
            "r.context) WHERE rank = 1");
    bind_all(st, binds);
    while (st.executeStep()) {
        auto it = index.find({st.getColumn(0).getString(), st.getColumn(1).getString(),
                              st.getColumn(2).getString()});
        if (it == index.end()) continue;
        out[it->second].context = st.getColumn(3).getString();
        out[it->second].context_source = st.getColumn(4).getString();
    }
}

constexpr const char* kEvidenceOrder =
    " ORDER BY r.source_id, r.target_id, r.relation, coalesce(a.published, ''), r.article_id, "
    "r.span_begin, r.rule_id";

}  // namespace

std::vector<StoredTie> Store::ties(const EvidenceScope& scope) const {
    return guarded(impl_->path, "cannot read ties", [&] {
        std::vector<std::string> binds;
        const std::string where = scope_sql(scope, binds);
        std::vector<StoredTie> out;
        TieIndex index;
        SQLite::Statement st(
            impl_->db,
            "SELECT r.source_id, r.target_id, r.relation, max(r.directed), "
            "count(DISTINCT r.evidence_key), "
            "count(DISTINCT r.article_id), max(r.mode = 'done'), min(a.published), "
            "max(a.published), count(*) "
            "FROM relations r JOIN articles a ON a.id = r.article_id" +
                where +
                " GROUP BY r.source_id, r.target_id, r.relation "
                "ORDER BY r.source_id, r.target_id, r.relation");
        bind_all(st, binds);
        while (st.executeStep()) {
            StoredTie t;
            t.source = st.getColumn(0).getString();
            t.target = st.getColumn(1).getString();
            t.relation = st.getColumn(2).getString();
            t.directed = st.getColumn(3).getInt() != 0;
            t.evidences = st.getColumn(4).getInt64();
            t.articles = st.getColumn(5).getInt64();
            t.done = st.getColumn(6).getInt() != 0;
            t.first_date = text_or_empty(st.getColumn(7));
            t.last_date = text_or_empty(st.getColumn(8));
            t.copies = st.getColumn(9).getInt64();
            index.emplace(std::make_tuple(t.source, t.target, t.relation), out.size());
            out.push_back(std::move(t));
        }
        SQLite::Statement outlets(impl_->db,
                                  "SELECT DISTINCT r.source_id, r.target_id, r.relation, a.outlet "
                                  "FROM relations r JOIN articles a ON a.id = r.article_id" +
                                      where + " AND a.outlet IS NOT NULL ORDER BY 1, 2, 3, 4");
        bind_all(outlets, binds);
        while (outlets.executeStep()) {
            auto it =
                index.find({outlets.getColumn(0).getString(), outlets.getColumn(1).getString(),
                            outlets.getColumn(2).getString()});
            if (it != index.end())
                out[it->second].outlets.push_back(outlets.getColumn(3).getString());
        }
        SQLite::Statement best(
            impl_->db,
            "SELECT source_id, target_id, relation, evidence, article_id FROM ("
            " SELECT r.source_id, r.target_id, r.relation, r.evidence, r.article_id,"
            "  row_number() OVER (PARTITION BY r.source_id, r.target_id, r.relation"
            "   ORDER BY a.published IS NULL, a.published, r.article_id, r.span_begin) AS rank"
            " FROM relations r JOIN articles a ON a.id = r.article_id" +
                where + ") WHERE rank = 1");
        bind_all(best, binds);
        while (best.executeStep()) {
            auto it = index.find({best.getColumn(0).getString(), best.getColumn(1).getString(),
                                  best.getColumn(2).getString()});
            if (it == index.end()) continue;
            out[it->second].best_sentence = best.getColumn(3).getString();
            out[it->second].best_article = best.getColumn(4).getString();
        }
        read_tie_contexts(impl_->db, where, binds, index, out);
        return out;
    });
}

struct EvidenceCursor::Impl {
    Impl(const std::string& p, SQLite::Database& db, const std::string& sql)
        : path(p), st(db, sql) {}
    std::string path;
    SQLite::Statement st;
    StoredRelation row;
    bool valid = false;

    void step() {
        valid = guarded(path, "cannot read evidence", [&] { return st.executeStep(); });
        if (valid) read_relation(st, row);
    }
};

EvidenceCursor::EvidenceCursor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EvidenceCursor::EvidenceCursor(EvidenceCursor&&) noexcept = default;
EvidenceCursor::~EvidenceCursor() = default;
const StoredRelation* EvidenceCursor::get() const noexcept {
    return impl_->valid ? &impl_->row : nullptr;
}
void EvidenceCursor::next() {
    impl_->step();
}

EvidenceCursor Store::evidences(const EvidenceScope& scope) const {
    return guarded(impl_->path, "cannot read evidence", [&] {
        std::vector<std::string> binds;
        const std::string sql =
            std::string(kRelationColumns) + scope_sql(scope, binds) + kEvidenceOrder;
        auto impl = std::make_unique<EvidenceCursor::Impl>(impl_->path, impl_->db, sql);
        bind_all(impl->st, binds);
        impl->step();
        return EvidenceCursor(std::move(impl));
    });
}

}  // namespace rabta
