#include <algorithm>
#include <filesystem>

#include "store/impl.h"

namespace rabta {

using store_detail::guarded;
using store_detail::text_or_empty;

std::int64_t Store::snapshot_run() const {
    return guarded(impl_->path, "cannot read meta", [&] {
        SQLite::Statement st(impl_->db, "SELECT value FROM meta WHERE key = 'snapshot_run'");
        return st.executeStep() ? std::stoll(st.getColumn(0).getString()) : std::int64_t{0};
    });
}

std::int64_t Store::put_run(const RunRecord& run, std::int64_t same_graph_as) {
    return guarded(impl_->path, "cannot record run", [&] {
        auto& db = impl_->db;
        SQLite::Statement st(
            db,
            "INSERT INTO runs (started_at, finished_at, status, articles, skipped, tool, "
            "lexicon_version, rules_version, mode, full_reason, added, changed, removed, "
            "unchanged, kept) VALUES (?, ?, ?, ?, ?, 'rabta', "
            "(SELECT value FROM meta WHERE key = 'lexicon_version'), "
            "(SELECT value FROM meta WHERE key = 'rules_version'), ?, ?, ?, ?, ?, ?, ?)");
        st.bind(1, run.started);
        st.bind(2, run.finished);
        st.bind(3, run.status);
        st.bind(4, run.articles);
        st.bind(5, run.skipped);
        st.bind(6, run.mode);
        run.full_reason.empty() ? st.bind(7) : st.bind(7, run.full_reason);
        st.bind(8, run.added);
        st.bind(9, run.changed);
        st.bind(10, run.removed);
        st.bind(11, run.unchanged);
        st.bind(12, run.kept);
        st.exec();
        const std::int64_t id = db.getLastInsertRowid();
        auto snap = [&](const char* sql) {
            SQLite::Statement q(db, sql);
            q.bind(1, id);
            q.exec();
        };
        auto copy = [&](const char* sql) {
            SQLite::Statement q(db, sql);
            q.bind(1, id);
            q.bind(2, same_graph_as);
            q.exec();
        };
        if (same_graph_as > 0) {
            copy(
                "INSERT INTO run_entities SELECT ?, entity_id, type, label_ur FROM run_entities "
                "WHERE run_id = ?");
            copy(
                "INSERT INTO run_ties SELECT ?, source_id, target_id, relation, evidences FROM "
                "run_ties WHERE run_id = ?");
            copy(
                "INSERT INTO run_roles SELECT ?, entity_id, title, org_id FROM run_roles WHERE "
                "run_id = ?");
        } else {
            snap(
                "INSERT INTO run_entities (run_id, entity_id, type, label_ur) "
                "SELECT ?, e.id, e.type, e.label_ur FROM entities e WHERE e.id IN "
                "(SELECT entity_id FROM mentions UNION SELECT source_id FROM relations "
                " WHERE polarity = 'affirmed' UNION SELECT target_id FROM relations "
                " WHERE polarity = 'affirmed')");
            snap(
                "INSERT INTO run_ties (run_id, source_id, target_id, relation, evidences) "
                "SELECT ?, source_id, target_id, relation, count(DISTINCT evidence_key) "
                "FROM relations WHERE polarity = 'affirmed' "
                "GROUP BY source_id, target_id, relation");
            snap(
                "INSERT OR IGNORE INTO run_roles (run_id, entity_id, title, org_id) "
                "SELECT DISTINCT ?, entity_id, title, org_id FROM roles WHERE source <> 'lexicon'");
        }
        SQLite::Statement mark(
            db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('snapshot_run', ?)");
        mark.bind(1, std::to_string(id));
        mark.exec();
        SQLite::Statement pr(db,
                             "INSERT INTO run_problems (run_id, seq, origin, line, reason, "
                             "repaired) VALUES (?, ?, ?, ?, ?, ?)");
        std::int64_t seq = 0;
        for (const RunProblem& p : run.problems) {
            pr.bind(1, id);
            pr.bind(2, ++seq);
            pr.bind(3, p.origin);
            pr.bind(4, p.line);
            pr.bind(5, p.reason);
            pr.bind(6, p.repaired ? 1 : 0);
            pr.exec();
            pr.reset();
        }
        return id;
    });
}

std::int64_t Store::prune_snapshots(std::int64_t keep) {
    return guarded(impl_->path, "cannot prune run snapshots", [&] {
        auto& db = impl_->db;
        // the oldest of the newest `keep` runs: every snapshot before it goes
        SQLite::Statement cut(db, "SELECT id FROM runs ORDER BY id DESC LIMIT 1 OFFSET ?");
        cut.bind(1, std::max<std::int64_t>(keep, 1) - 1);
        if (!cut.executeStep()) return std::int64_t{0};
        const std::int64_t oldest_kept = cut.getColumn(0).getInt64();
        SQLite::Statement count(
            db,
            "SELECT count(*), max(run_id) FROM (SELECT run_id FROM run_entities WHERE run_id < ?1 "
            "UNION SELECT run_id FROM run_ties WHERE run_id < ?1 UNION SELECT run_id FROM "
            "run_roles WHERE run_id < ?1)");
        count.bind(1, oldest_kept);
        count.executeStep();
        const std::int64_t pruned = count.getColumn(0).getInt64();
        if (pruned == 0) return pruned;
        const std::int64_t through = count.getColumn(1).getInt64();
        count.reset();
        for (const char* table : {"run_entities", "run_ties", "run_roles"}) {
            SQLite::Statement del(db, fmt::format("DELETE FROM {} WHERE run_id < ?", table));
            del.bind(1, oldest_kept);
            del.exec();
        }
        SQLite::Statement mark(db,
                               "INSERT INTO meta (key, value) VALUES ('snapshots_pruned_through', "
                               "?1) ON CONFLICT (key) DO UPDATE SET value = "
                               "max(CAST(value AS INTEGER), CAST(?1 AS INTEGER))");
        mark.bind(1, std::to_string(through));
        mark.exec();
        return pruned;
    });
}

void Store::carry_history(const std::string& previous) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(previous, ec)) return;
    guarded(impl_->path, "cannot carry the run history", [&] {
        auto& db = impl_->db;
        try {
            SQLite::Statement att(db, "ATTACH DATABASE ? AS prev");
            att.bind(1, previous);
            att.exec();
        } catch (const SQLite::Exception&) {
            return;  // not a database: nothing to carry
        }
        auto has = [&](const char* table) {
            SQLite::Statement q(db, "SELECT count(*) FROM prev.sqlite_master WHERE name = ?");
            q.bind(1, table);
            return q.executeStep() && q.getColumn(0).getInt() > 0;
        };
        // The columns both stores have: an older store's history carries over
        // into the columns it knew.
        auto common = [&](const char* table) {
            SQLite::Statement q(db,
                                "SELECT group_concat(name, ', ') FROM (SELECT n.name FROM "
                                "pragma_table_info(?1, 'main') n JOIN pragma_table_info(?1, "
                                "'prev') p ON p.name = n.name ORDER BY n.cid)");
            q.bind(1, table);
            return q.executeStep() && !q.getColumn(0).isNull() ? q.getColumn(0).getString()
                                                               : std::string();
        };
        try {
            for (const char* table :
                 {"runs", "run_entities", "run_ties", "run_roles", "run_problems"}) {
                if (!has(table)) continue;
                const std::string cols = common(table);
                if (cols.empty()) continue;
                db.exec(fmt::format("INSERT INTO {0} ({1}) SELECT {1} FROM prev.{0}", table, cols));
            }
            if (has("meta")) {  // which runs' snapshots --keep-runs removed
                db.exec(
                    "INSERT OR REPLACE INTO meta (key, value) SELECT key, value FROM prev.meta "
                    "WHERE key = 'snapshots_pruned_through'");
            }
        } catch (const SQLite::Exception&) {
            // a damaged previous store keeps its history to itself
        }
        db.exec("DETACH DATABASE prev");
    });
}

std::vector<StoredRun> Store::runs() const {
    return guarded(impl_->path, "cannot read runs", [&] {
        std::vector<StoredRun> out;
        SQLite::Statement pruned(impl_->db,
                                 "SELECT CAST(value AS INTEGER) FROM meta WHERE key = "
                                 "'snapshots_pruned_through'");
        const std::int64_t pruned_through =
            pruned.executeStep() ? pruned.getColumn(0).getInt64() : 0;
        SQLite::Statement st(
            impl_->db,
            "SELECT r.id, r.started_at, coalesce(r.finished_at, ''), r.status, r.articles, "
            "r.skipped, coalesce(r.lexicon_version, ''), coalesce(r.rules_version, ''), "
            "EXISTS (SELECT 1 FROM run_ties t WHERE t.run_id = r.id) OR EXISTS (SELECT 1 FROM "
            "run_entities e WHERE e.run_id = r.id), coalesce(r.mode, ''), "
            "coalesce(r.full_reason, ''), r.added, r.changed, r.removed, r.unchanged, r.kept "
            "FROM runs r ORDER BY r.id");
        while (st.executeStep()) {
            StoredRun r;
            r.id = st.getColumn(0).getInt64();
            r.started = st.getColumn(1).getString();
            r.finished = st.getColumn(2).getString();
            r.status = st.getColumn(3).getString();
            r.articles = st.getColumn(4).getInt64();
            r.skipped = st.getColumn(5).getInt64();
            r.lexicon_version = st.getColumn(6).getString();
            r.rules_version = st.getColumn(7).getString();
            r.has_snapshot = st.getColumn(8).getInt() != 0;
            r.mode = st.getColumn(9).getString();
            r.full_reason = st.getColumn(10).getString();
            r.added = st.getColumn(11).getInt64();
            r.changed = st.getColumn(12).getInt64();
            r.removed = st.getColumn(13).getInt64();
            r.unchanged = st.getColumn(14).getInt64();
            r.kept = st.getColumn(15).getInt64();
            r.snapshot_pruned = !r.has_snapshot && r.id <= pruned_through;
            out.push_back(std::move(r));
        }
        SQLite::Statement pr(impl_->db,
                             "SELECT run_id, origin, line, reason, repaired FROM run_problems "
                             "ORDER BY run_id, seq");
        std::size_t at = 0;
        while (pr.executeStep()) {
            const std::int64_t run = pr.getColumn(0).getInt64();
            while (at < out.size() && out[at].id < run)
                ++at;
            if (at == out.size()) break;
            if (out[at].id != run) continue;
            out[at].problems.push_back({pr.getColumn(1).getString(), pr.getColumn(2).getInt64(),
                                        pr.getColumn(3).getString(),
                                        pr.getColumn(4).getInt() != 0});
        }
        return out;
    });
}

RunDiff Store::diff(std::int64_t from, std::int64_t to) const {
    return guarded(impl_->path, "cannot compare runs", [&] {
        RunDiff d;
        d.from_run = from;
        d.to_run = to;
        auto& db = impl_->db;
        auto entities = [&](std::int64_t a, std::int64_t b, std::vector<RunDiff::Entity>& out) {
            SQLite::Statement q(db,
                                "SELECT entity_id, type, label_ur FROM run_entities WHERE run_id "
                                "= ? AND entity_id NOT IN (SELECT entity_id FROM run_entities "
                                "WHERE run_id = ?) ORDER BY entity_id");
            q.bind(1, a);
            q.bind(2, b);
            while (q.executeStep())
                out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                               q.getColumn(2).getString()});
        };
        entities(to, from, d.entities_added);
        entities(from, to, d.entities_removed);
        SQLite::Statement ties(
            db,
            "SELECT coalesce(a.source_id, b.source_id), coalesce(a.target_id, b.target_id), "
            "coalesce(a.relation, b.relation), coalesce(a.evidences, 0), coalesce(b.evidences, 0) "
            "FROM (SELECT * FROM run_ties WHERE run_id = ?) a FULL OUTER JOIN "
            "(SELECT * FROM run_ties WHERE run_id = ?) b ON a.source_id = b.source_id AND "
            "a.target_id = b.target_id AND a.relation = b.relation "
            "WHERE coalesce(a.evidences, 0) <> coalesce(b.evidences, 0) ORDER BY 1, 2, 3");
        ties.bind(1, from);
        ties.bind(2, to);
        while (ties.executeStep()) {
            RunDiff::Tie t{ties.getColumn(0).getString(), ties.getColumn(1).getString(),
                           ties.getColumn(2).getString(), ties.getColumn(3).getInt64(),
                           ties.getColumn(4).getInt64()};
            (t.evidences_before == 0  ? d.ties_added
             : t.evidences_after == 0 ? d.ties_removed
                                      : d.ties_changed)
                .push_back(std::move(t));
        }
        auto roles = [&](std::int64_t a, std::int64_t b, std::vector<RunDiff::Role>& out) {
            SQLite::Statement q(db,
                                "SELECT entity_id, title, org_id FROM run_roles r WHERE run_id = "
                                "? AND NOT EXISTS (SELECT 1 FROM run_roles o WHERE o.run_id = ? "
                                "AND o.entity_id = r.entity_id AND o.title = r.title AND "
                                "o.org_id = r.org_id) ORDER BY 1, 2, 3");
            q.bind(1, a);
            q.bind(2, b);
            while (q.executeStep())
                out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                               q.getColumn(2).getString()});
        };
        roles(to, from, d.roles_added);
        roles(from, to, d.roles_removed);
        return d;
    });
}

}  // namespace rabta
