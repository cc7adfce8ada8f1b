#include <rabta/text.h>

#include "store/impl.h"
#include "util/hash.h"

namespace rabta {

using store_detail::guarded;
using store_detail::text_or_empty;

namespace {

// A bulk load's references, checked once before its commit: every broken one
// stops the build, the first named.
void check_references(SQLite::Database& db, const std::string& path) {
    SQLite::Statement check(db, "PRAGMA foreign_key_check");
    std::int64_t broken = 0;
    std::string first;
    while (check.executeStep()) {
        if (broken++ > 0) continue;
        // table, rowid, referenced table, foreign key index
        first = fmt::format("a row of {} (rowid {}) names a missing row of {}",
                            check.getColumn(0).getString(), check.getColumn(1).getInt64(),
                            check.getColumn(2).getString());
    }
    if (broken > 0)
        throw StoreError(path, fmt::format("{} broken reference{} in the new store, first: {}; "
                                           "nothing was stored",
                                           broken, broken == 1 ? "" : "s", first));
}

void insert_topics(SQLite::Statement& st,
                   const std::string& article,
                   const std::vector<TopicScore>& topics) {
    for (const TopicScore& t : topics) {
        st.bind(1, article);
        st.bind(2, t.tag);
        st.bind(3, t.score);
        st.bind(4, t.main ? 1 : 0);
        st.exec();
        st.reset();
    }
}

}  // namespace

void Store::begin() {
    guarded(impl_->path, "cannot begin transaction", [&] {
        impl_->tx = std::make_unique<SQLite::Transaction>(impl_->db);
        auto& db = impl_->db;
        impl_->ins_article = std::make_unique<SQLite::Statement>(
            db,
            "INSERT INTO articles (id, origin, title, published, dateline, outlet, agency, url, "
            "content_hash, text, story_hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        impl_->ins_mention =
            std::make_unique<SQLite::Statement>(db,
                                                "INSERT INTO mentions (article_id, entity_id, "
                                                "kind, sentence, span_begin, span_end, surface) "
                                                "VALUES (?, ?, ?, ?, ?, ?, ?)");
        impl_->ins_relation = std::make_unique<SQLite::Statement>(
            db,
            "INSERT INTO relations (source_id, target_id, relation, directed, mode, context, "
            "rule_id, confidence, article_id, sentence, span_begin, span_end, evidence, "
            "evidence_key, context_source, polarity) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        impl_->ins_topic = std::make_unique<SQLite::Statement>(
            db, "INSERT INTO article_topics (article_id, tag, score, main) VALUES (?, ?, ?, ?)");
        // The entities row of a discovered actor is provisional until
        // refresh_discovered() derives it from all of its discoveries.
        impl_->ins_entity = std::make_unique<SQLite::Statement>(
            db,
            "INSERT OR IGNORE INTO entities (id, type, subtype, label_ur, label_en, country, "
            "discovered) VALUES (?, ?, ?, ?, ?, ?, 1)");
        impl_->ins_discovery = std::make_unique<SQLite::Statement>(
            db,
            "INSERT OR IGNORE INTO discoveries (article_id, entity_id, type, subtype, label_ur, "
            "label_en, country) VALUES (?, ?, ?, ?, ?, ?, ?)");
        impl_->ins_alias = std::make_unique<SQLite::Statement>(
            db,
            "INSERT OR IGNORE INTO discovered_names (article_id, entity_id, name) VALUES (?, ?, "
            "?)");
        impl_->ins_role = std::make_unique<SQLite::Statement>(
            db,
            "INSERT INTO roles (entity_id, title, org_id, date_from, date_to, source) "
            "VALUES (?, ?, ?, ?, ?, ?)");
    });
}

void Store::commit() {
    finish_load();
    guarded(impl_->path, "cannot commit", [&] {
        if (impl_->loading) check_references(impl_->db, impl_->path);
        for (auto* st :
             {&impl_->ins_article, &impl_->ins_mention, &impl_->ins_relation, &impl_->ins_topic,
              &impl_->ins_entity, &impl_->ins_discovery, &impl_->ins_alias, &impl_->ins_role,
              &impl_->set_origin, &impl_->find_article})
            st->reset();
        impl_->remove_article.clear();
        impl_->tx->commit();
        impl_->tx.reset();
        if (impl_->loading) {
            impl_->loading = false;
            impl_->db.exec("PRAGMA foreign_keys = ON");  // a no-op inside a transaction
        }
    });
}

void Store::finish_load() {
    if (impl_->deferred_indexes.empty()) return;
    guarded(impl_->path, "cannot index the bulk load", [&] {
        for (const auto& sql : impl_->deferred_indexes)
            impl_->db.exec(sql);
        impl_->deferred_indexes.clear();
    });
}

void Store::put_meta(const std::string& key, const std::string& value) {
    guarded(impl_->path, "cannot write meta", [&] {
        SQLite::Statement st(impl_->db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
        st.bind(1, key);
        st.bind(2, value);
        st.exec();
    });
}

void Store::put_lexicon(const Lexicon& lexicon) {
    guarded(impl_->path, "cannot write lexicon", [&] {
        auto& db = impl_->db;
        SQLite::Statement ent(
            db,
            "INSERT INTO entities (id, type, subtype, label_ur, label_en, country, discovered) "
            "VALUES (?, ?, ?, ?, ?, ?, 0)");
        SQLite::Statement ali(
            db, "INSERT OR IGNORE INTO aliases (entity_id, alias, kind) VALUES (?, ?, ?)");
        SQLite::Statement role(
            db,
            "INSERT INTO roles (entity_id, title, org_id, date_from, date_to, source) "
            "VALUES (?, ?, ?, ?, ?, 'lexicon')");
        auto bind_opt = [](SQLite::Statement& st, int i, const std::string& v) {
            if (v.empty()) {
                st.bind(i);
            } else {
                st.bind(i, v);
            }
        };
        for (const Actor& a : lexicon.actors()) {
            ent.bind(1, a.id);
            ent.bind(2, std::string(to_string(a.type)));
            bind_opt(ent, 3, a.subtype);
            ent.bind(4, a.label_ur);
            bind_opt(ent, 5, a.label_en);
            bind_opt(ent, 6, a.country);
            ent.exec();
            ent.reset();
            auto aliases = [&](const std::vector<std::string>& names, const char* kind) {
                for (const auto& n : names) {
                    ali.bind(1, a.id);
                    ali.bind(2, n);
                    ali.bind(3, kind);
                    ali.exec();
                    ali.reset();
                }
            };
            aliases(a.names, "name");
            aliases(a.latin, "latin");
            aliases(a.demonyms, "demonym");
        }
        // roles after all entities exist (foreign keys)
        for (const Actor& a : lexicon.actors()) {
            for (const Role& r : a.roles) {
                role.bind(1, a.id);
                role.bind(2, r.title);
                role.bind(3, r.org);
                bind_opt(role, 4, r.from);
                bind_opt(role, 5, r.to);
                role.exec();
                role.reset();
            }
        }
    });
}

void Store::put_article(const Article& a, const Extraction& ex) {
    guarded(impl_->path, fmt::format("cannot store article '{}'", a.id).c_str(), [&] {
        auto& st = *impl_->ins_article;
        st.bind(1, a.id);
        st.bind(2, a.origin);
        st.bind(3, a.title);
        a.published.empty() ? st.bind(4) : st.bind(4, a.published);
        a.dateline.empty() ? st.bind(5) : st.bind(5, a.dateline);
        a.outlet.empty() ? st.bind(6) : st.bind(6, a.outlet);
        a.agency.empty() ? st.bind(7) : st.bind(7, a.agency);
        a.url.empty() ? st.bind(8) : st.bind(8, a.url);
        st.bind(9, detail::hex64(a.content_hash));
        st.bind(10, a.text);
        st.bind(11, detail::hex64(a.story_hash));
        st.exec();
        st.reset();
        for (const Actor& d : ex.discovered) {
            // id, type, subtype, label_ur, label_en, country from column `at` on
            auto bind_actor = [&](SQLite::Statement& q, int at) {
                q.bind(at, d.id);
                q.bind(at + 1, std::string(to_string(d.type)));
                q.bind(at + 2, d.subtype);
                q.bind(at + 3, d.label_ur);
                d.label_en.empty() ? q.bind(at + 4) : q.bind(at + 4, d.label_en);
                d.country.empty() ? q.bind(at + 5) : q.bind(at + 5, d.country);
                q.exec();
                q.reset();
            };
            bind_actor(*impl_->ins_entity, 1);
            impl_->ins_discovery->bind(1, a.id);
            bind_actor(*impl_->ins_discovery, 2);
            auto& al = *impl_->ins_alias;
            for (const auto& name : d.names) {
                al.bind(1, a.id);
                al.bind(2, d.id);
                al.bind(3, name);
                al.exec();
                al.reset();
            }
        }
        for (const TextRole& r : ex.roles) {
            auto& ro = *impl_->ins_role;
            ro.bind(1, r.person);
            ro.bind(2, r.title);
            ro.bind(3, r.org);
            a.published.empty() ? ro.bind(4) : ro.bind(4, a.published);
            a.published.empty() ? ro.bind(5) : ro.bind(5, a.published);
            ro.bind(6, a.id);
            ro.exec();
            ro.reset();
        }
        auto& m = *impl_->ins_mention;
        for (const Mention& x : ex.mentions) {
            m.bind(1, a.id);
            m.bind(2, x.entity);
            m.bind(3, std::string(to_string(x.kind)));
            m.bind(4, static_cast<int64_t>(x.sentence));
            m.bind(5, static_cast<int64_t>(x.span.begin));
            m.bind(6, static_cast<int64_t>(x.span.end));
            m.bind(7, std::string(x.span.of(a.text)));
            m.exec();
            m.reset();
        }
        auto& r = *impl_->ins_relation;
        for (const Relation& x : ex.relations) {
            const Span s = ex.sentences.at(x.sentence);
            r.bind(1, x.source);
            r.bind(2, x.target);
            r.bind(3, x.relation);
            r.bind(4, x.directed ? 1 : 0);
            r.bind(5, x.mode);
            x.context.empty() ? r.bind(6) : r.bind(6, x.context);
            r.bind(7, x.rule);
            r.bind(8, x.confidence);
            r.bind(9, a.id);
            r.bind(10, static_cast<int64_t>(x.sentence));
            r.bind(11, static_cast<int64_t>(s.begin));
            r.bind(12, static_cast<int64_t>(s.end));
            r.bind(13, std::string(s.of(a.text)));
            r.bind(14, fold_key(s.of(a.text)));
            x.context_source.empty() ? r.bind(15) : r.bind(15, x.context_source);
            r.bind(16, x.polarity);
            r.exec();
            r.reset();
        }
        insert_topics(*impl_->ins_topic, a.id, ex.topics);
    });
}

void Store::remove_article(const std::string& id) {
    guarded(impl_->path, fmt::format("cannot remove article '{}'", id).c_str(), [&] {
        auto& statements = impl_->remove_article;
        if (statements.empty()) {
            for (const char* sql : {"DELETE FROM mentions WHERE article_id = ?",
                                    "DELETE FROM relations WHERE article_id = ?",
                                    "DELETE FROM roles WHERE source = ?",
                                    "DELETE FROM article_topics WHERE article_id = ?",
                                    "DELETE FROM discovered_names WHERE article_id = ?",
                                    "DELETE FROM discoveries WHERE article_id = ?",
                                    "DELETE FROM articles WHERE id = ?"})
                statements.push_back(std::make_unique<SQLite::Statement>(impl_->db, sql));
        }
        for (auto& st : statements) {
            st->bind(1, id);
            st->exec();
            st->reset();
        }
    });
}

void Store::set_origin(const std::string& id, const std::string& origin) {
    guarded(impl_->path, "cannot update an article's origin", [&] {
        auto& st = impl_->set_origin;
        if (!st)
            st = std::make_unique<SQLite::Statement>(impl_->db,
                                                     "UPDATE articles SET origin = ? WHERE id = ?");
        st->bind(1, origin);
        st->bind(2, id);
        st->exec();
        st->reset();
    });
}

void Store::refresh_discovered() {
    guarded(impl_->path, "cannot refresh discovered actors", [&] {
        auto& db = impl_->db;
        db.exec(
            "DELETE FROM aliases WHERE entity_id IN (SELECT id FROM entities WHERE discovered = "
            "1)");
        db.exec(
            "DELETE FROM entities WHERE discovered = 1 "
            "AND id NOT IN (SELECT entity_id FROM discoveries) "
            "AND id NOT IN (SELECT entity_id FROM mentions) "
            "AND id NOT IN (SELECT source_id FROM relations) "
            "AND id NOT IN (SELECT target_id FROM relations) "
            "AND id NOT IN (SELECT entity_id FROM roles) "
            "AND id NOT IN (SELECT org_id FROM roles)");
        db.exec(
            "UPDATE entities SET (type, subtype, label_ur, label_en, country) = ("
            "  SELECT d.type, d.subtype, d.label_ur, d.label_en, d.country FROM discoveries d "
            "  WHERE d.entity_id = entities.id "
            "  GROUP BY d.type, d.subtype, d.label_ur, d.label_en, d.country "
            "  ORDER BY count(*) DESC, d.label_ur, d.type, coalesce(d.subtype, ''), "
            "  coalesce(d.label_en, ''), coalesce(d.country, '') LIMIT 1) "
            "WHERE discovered = 1 AND id IN (SELECT entity_id FROM discoveries)");
        db.exec(
            "INSERT OR IGNORE INTO aliases (entity_id, alias, kind) "
            "SELECT DISTINCT n.entity_id, n.name, 'name' FROM discovered_names n "
            "JOIN entities e ON e.id = n.entity_id AND e.discovered = 1");
    });
}

}  // namespace rabta
