#include <rabta/text.h>

#include <map>
#include <set>

#include "store/impl.h"

namespace rabta {

using store_detail::guarded;
using store_detail::text_or_empty;

namespace {

// id, origin, content_hash, story_hash
StoredArticleKey read_key(SQLite::Statement& st) {
    StoredArticleKey k;
    k.id = st.getColumn(0).getString();
    k.origin = st.getColumn(1).getString();
    k.content_hash = std::stoull(st.getColumn(2).getString(), nullptr, 16);
    const std::string story = st.getColumn(3).getString();
    k.story_hash = story.empty() ? 0 : std::stoull(story, nullptr, 16);
    return k;
}

}  // namespace

std::vector<StoredArticleKey> Store::article_keys() const {
    return guarded(impl_->path, "cannot read articles", [&] {
        std::vector<StoredArticleKey> out;
        SQLite::Statement st(impl_->db,
                             "SELECT id, origin, content_hash, story_hash FROM articles ORDER BY "
                             "id");
        while (st.executeStep())
            out.push_back(read_key(st));
        return out;
    });
}

std::optional<StoredArticleKey> Store::article_key(const std::string& id) const {
    return guarded(impl_->path, "cannot read articles", [&] {
        auto& st = impl_->find_article;
        if (!st)
            st = std::make_unique<SQLite::Statement>(
                impl_->db,
                "SELECT id, origin, content_hash, story_hash FROM articles WHERE id = ?");
        st->bind(1, id);
        std::optional<StoredArticleKey> out;
        if (st->executeStep()) out = read_key(*st);
        st->reset();
        return out;
    });
}

StoreStats Store::stats() const {
    return guarded(impl_->path, "cannot read statistics", [&] {
        StoreStats s;
        auto& db = impl_->db;
        s.articles = db.execAndGet("SELECT count(*) FROM articles").getInt64();
        s.mentions = db.execAndGet("SELECT count(*) FROM mentions").getInt64();
        SQLite::Statement e(
            db,
            "SELECT e.type, count(DISTINCT e.id) FROM entities e "
            "JOIN mentions m ON m.entity_id = e.id GROUP BY e.type ORDER BY e.type");
        while (e.executeStep())
            s.entities_by_type[e.getColumn(0).getString()] = e.getColumn(1).getInt64();
        SQLite::Statement r(
            db,
            "SELECT polarity = 'affirmed', relation, count(*) FROM relations GROUP BY 1, 2 "
            "ORDER BY 2");
        while (r.executeStep()) {
            auto& to = r.getColumn(0).getInt() ? s.relations_by_type : s.not_ties_by_type;
            to[r.getColumn(1).getString()] = r.getColumn(2).getInt64();
        }
        SQLite::Statement t(db,
                            "SELECT tag, count(*) FROM article_topics WHERE main = 1 GROUP BY tag "
                            "ORDER BY tag");
        while (t.executeStep())
            s.articles_by_topic[t.getColumn(0).getString()] = t.getColumn(1).getInt64();
        SQLite::Statement c(db,
                            "SELECT context, count(*) FROM relations WHERE context IS NOT NULL "
                            "AND polarity = 'affirmed' GROUP BY context ORDER BY context");
        while (c.executeStep())
            s.ties_by_context[c.getColumn(0).getString()] = c.getColumn(1).getInt64();
        s.meta = meta();
        return s;
    });
}

std::map<std::string, std::string> Store::meta() const {
    return guarded(impl_->path, "cannot read meta", [&] {
        std::map<std::string, std::string> out;
        SQLite::Statement m(impl_->db, "SELECT key, value FROM meta ORDER BY key");
        while (m.executeStep())
            out[m.getColumn(0).getString()] = m.getColumn(1).getString();
        return out;
    });
}

std::vector<StoredEntity> Store::entities(const std::vector<std::string>& only) const {
    return guarded(impl_->path, "cannot read entities", [&] {
        std::vector<StoredEntity> out;
        // «… IN (?, ?)» over the given ids, or nothing
        auto in = [&](const char* column) {
            if (only.empty()) return std::string();
            std::string w = std::string(column) + " IN (";
            for (std::size_t i = 0; i < only.size(); ++i)
                w += i ? ", ?" : "?";
            return w + ")";
        };
        auto bind_only = [&](SQLite::Statement& q) {
            for (std::size_t i = 0; i < only.size(); ++i)
                q.bind(static_cast<int>(i + 1), only[i]);
        };
        const std::string mention_where = only.empty() ? "" : " WHERE " + in("entity_id");
        const std::string relation_where =
            " WHERE polarity = 'affirmed'" + (only.empty() ? "" : " AND " + in("target_id"));
        SQLite::Statement st(
            impl_->db,
            "SELECT e.id, e.type, e.subtype, e.label_ur, e.label_en, e.country, sum(x.m), "
            "       min(a.published), max(a.published), e.discovered "
            "FROM entities e "
            // an entity a tie points to is in the graph even when the text never names
            // it: the home country of «وفاقی وزیر تجارت …»
            "JOIN (SELECT entity_id AS id, article_id, 1 AS m FROM mentions" +
                mention_where + "      UNION ALL SELECT target_id, article_id, 0 FROM relations" +
                relation_where +
                ") x ON x.id = e.id "
                "JOIN articles a ON a.id = x.article_id "
                "GROUP BY e.id ORDER BY e.id");
        for (std::size_t i = 0; i < only.size(); ++i) {
            st.bind(static_cast<int>(i + 1), only[i]);
            st.bind(static_cast<int>(only.size() + i + 1), only[i]);
        }
        std::map<std::string, std::size_t> index;
        while (st.executeStep()) {
            StoredEntity e;
            e.id = st.getColumn(0).getString();
            e.type = st.getColumn(1).getString();
            e.subtype = text_or_empty(st.getColumn(2));
            e.label_ur = st.getColumn(3).getString();
            e.label_en = text_or_empty(st.getColumn(4));
            e.country = text_or_empty(st.getColumn(5));
            e.mentions = st.getColumn(6).getInt64();
            e.first_seen = text_or_empty(st.getColumn(7));
            e.last_seen = text_or_empty(st.getColumn(8));
            e.discovered = st.getColumn(9).getInt() != 0;
            index.emplace(e.id, out.size());
            out.push_back(std::move(e));
        }
        SQLite::Statement roles(
            impl_->db,
            "SELECT r.entity_id, r.title, r.org_id, o.label_ur, r.date_from, r.date_to, r.source "
            "FROM roles r JOIN entities o ON o.id = r.org_id" +
                (only.empty() ? std::string() : " WHERE " + in("r.entity_id")) +
                " ORDER BY r.entity_id, coalesce(r.date_from, ''), r.title, r.org_id, "
                "coalesce(r.date_to, ''), r.source");
        bind_only(roles);
        while (roles.executeStep()) {
            auto it = index.find(roles.getColumn(0).getString());
            if (it == index.end()) continue;
            out[it->second].roles.push_back(
                {roles.getColumn(1).getString(), roles.getColumn(2).getString(),
                 roles.getColumn(3).getString(), text_or_empty(roles.getColumn(4)),
                 text_or_empty(roles.getColumn(5)), roles.getColumn(6).getString()});
        }
        SQLite::Statement aliases(impl_->db,
                                  "SELECT entity_id, alias FROM aliases" +
                                      (only.empty() ? std::string() : " WHERE " + in("entity_id")) +
                                      " ORDER BY entity_id, alias");
        bind_only(aliases);
        while (aliases.executeStep()) {
            auto it = index.find(aliases.getColumn(0).getString());
            if (it != index.end())
                out[it->second].aliases.push_back(aliases.getColumn(1).getString());
        }
        return out;
    });
}

std::vector<std::array<std::string, 3>> Store::article_entities() const {
    return guarded(impl_->path, "cannot read mentions", [&] {
        std::vector<std::array<std::string, 3>> out;
        SQLite::Statement st(impl_->db,
                             "SELECT DISTINCT m.article_id, m.entity_id, e.type FROM mentions m "
                             "JOIN entities e ON e.id = m.entity_id ORDER BY 1, 2");
        while (st.executeStep()) {
            out.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(),
                           st.getColumn(2).getString()});
        }
        return out;
    });
}

std::vector<DiscoveredActor> Store::discovered() const {
    return guarded(impl_->path, "cannot read discovered actors", [&] {
        std::vector<DiscoveredActor> out;
        SQLite::Statement st(impl_->db,
                             "SELECT e.id, e.type, e.label_ur, coalesce(e.label_en, ''), count(*), "
                             "       count(DISTINCT m.article_id), min(m.article_id || char(31) || "
                             "       printf('%012d', m.span_begin)) "
                             "FROM entities e JOIN mentions m ON m.entity_id = e.id "
                             "WHERE e.discovered = 1 GROUP BY e.id ORDER BY count(*) DESC, e.id");
        SQLite::Statement text(impl_->db, "SELECT text FROM articles WHERE id = ?");
        while (st.executeStep()) {
            DiscoveredActor d;
            d.id = st.getColumn(0).getString();
            d.type = st.getColumn(1).getString();
            d.label_ur = st.getColumn(2).getString();
            d.label_en = st.getColumn(3).getString();
            d.mentions = st.getColumn(4).getInt64();
            d.articles = st.getColumn(5).getInt64();
            const std::string first = st.getColumn(6).getString();
            const auto sep = first.find('\x1f');
            d.example_article = first.substr(0, sep);
            const auto at = static_cast<std::size_t>(std::stoll(first.substr(sep + 1)));
            text.bind(1, d.example_article);
            if (text.executeStep()) {
                // the sentence around the first mention: «۔», «؟», «!» or a line break
                const std::string t = text.getColumn(0).getString();
                std::size_t b = at, e = at;
                auto stop = [&](std::size_t i) {
                    return t[i] == '\n' || t.compare(i, 2, "\xDB\x94") == 0 ||
                           t.compare(i, 2, "\xD8\x9F") == 0 || t[i] == '!';
                };
                // back to the end of the previous sentence: a line break or «!» just
                // before b, or a two-byte «۔» / «؟» (stop(b - 2) would also take a line
                // break two bytes back, and start one byte into the first letter)
                auto mark_before = [&](std::size_t i) {
                    return i >= 2 && (t.compare(i - 2, 2, "\xDB\x94") == 0 ||
                                      t.compare(i - 2, 2, "\xD8\x9F") == 0);
                };
                while (b > 0 && t[b - 1] != '\n' && t[b - 1] != '!' && !mark_before(b))
                    --b;
                while (b < at && (static_cast<unsigned char>(t[b]) & 0xC0) == 0x80)
                    ++b;  // never start inside a character
                while (e < t.size() && !stop(e))
                    ++e;
                if (e < t.size() && t[e] != '\n') e += t[e] == '!' ? 1 : 2;
                d.example = t.substr(b, e - b);
                while (!d.example.empty() &&
                       (d.example.front() == ' ' || d.example.front() == '\n'))
                    d.example.erase(0, 1);
            }
            text.reset();
            out.push_back(std::move(d));
        }
        return out;
    });
}

std::vector<RoleConflict> Store::role_conflicts() const {
    return guarded(impl_->path, "cannot read roles", [&] {
        std::vector<RoleConflict> out;
        // A text role agrees with a lexicon role of the same organization, or of an
        // organization of the same country when the text names only the country,
        // whose dates cover the article's.
        SQLite::Statement st(
            impl_->db,
            "SELECT r.entity_id, r.title, r.org_id, coalesce(r.date_from, ''), r.source, "
            "  (SELECT group_concat(l.title || ' @ ' || l.org_id || ' [' || "
            "          coalesce(l.date_from, '') || '..' || coalesce(l.date_to, '') || ']', '; ') "
            "   FROM roles l WHERE l.entity_id = r.entity_id AND l.source = 'lexicon') "
            "FROM roles r JOIN entities o ON o.id = r.org_id "
            "WHERE r.source <> 'lexicon' "
            "  AND EXISTS (SELECT 1 FROM roles l WHERE l.entity_id = r.entity_id "
            "              AND l.source = 'lexicon') "
            "  AND NOT EXISTS (SELECT 1 FROM roles l JOIN entities lo ON lo.id = l.org_id "
            "    WHERE l.entity_id = r.entity_id AND l.source = 'lexicon' "
            "      AND (l.org_id = r.org_id OR (o.type = 'country' AND lo.country = o.country)) "
            "      AND (r.date_from IS NULL OR ((l.date_from IS NULL OR l.date_from <= "
            "r.date_from) "
            "           AND (l.date_to IS NULL OR l.date_to >= r.date_from)))) "
            "ORDER BY r.entity_id, r.date_from, r.source, r.title, r.org_id");
        while (st.executeStep()) {
            out.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(),
                           st.getColumn(2).getString(), st.getColumn(3).getString(),
                           st.getColumn(4).getString(), st.getColumn(5).getString()});
        }
        return out;
    });
}

std::map<std::string, std::string> Store::entity_countries() const {
    return guarded(impl_->path, "cannot read entities", [&] {
        std::map<std::string, std::string> out;
        SQLite::Statement st(impl_->db,
                             "SELECT id, country FROM entities WHERE country IS NOT NULL");
        while (st.executeStep())
            out.emplace(st.getColumn(0).getString(), st.getColumn(1).getString());
        return out;
    });
}

std::vector<std::string> Store::article_ids() const {
    return guarded(impl_->path, "cannot read articles", [&] {
        std::vector<std::string> out;
        SQLite::Statement st(impl_->db, "SELECT id FROM articles ORDER BY id");
        while (st.executeStep())
            out.push_back(st.getColumn(0).getString());
        return out;
    });
}

void Store::for_each_article(const std::function<void(const ArticleRow&)>& f) const {
    guarded(impl_->path, "cannot read articles", [&] {
        SQLite::Statement st(
            impl_->db,
            "SELECT id, title, published, outlet, agency, dateline, url FROM articles ORDER BY id");
        ArticleRow r;
        while (st.executeStep()) {
            r.id = st.getColumn(0).getString();
            r.title = st.getColumn(1).getString();
            r.published = text_or_empty(st.getColumn(2));
            r.outlet = text_or_empty(st.getColumn(3));
            r.agency = text_or_empty(st.getColumn(4));
            r.dateline = text_or_empty(st.getColumn(5));
            r.url = text_or_empty(st.getColumn(6));
            f(r);
        }
    });
}

void Store::for_each_mention(const std::function<void(const MentionRow&)>& f,
                             const std::string& entity) const {
    guarded(impl_->path, "cannot read mentions", [&] {
        SQLite::Statement st(
            impl_->db,
            "SELECT article_id, entity_id, kind, surface, span_begin, span_end FROM mentions" +
                std::string(entity.empty() ? "" : " WHERE entity_id = ?") +
                " ORDER BY article_id, span_begin, entity_id");
        if (!entity.empty()) st.bind(1, entity);
        MentionRow r;
        while (st.executeStep()) {
            r.article = st.getColumn(0).getString();
            r.entity = st.getColumn(1).getString();
            r.kind = st.getColumn(2).getString();
            r.surface = st.getColumn(3).getString();
            r.begin = static_cast<std::uint32_t>(st.getColumn(4).getInt64());
            r.end = static_cast<std::uint32_t>(st.getColumn(5).getInt64());
            f(r);
        }
    });
}

std::vector<std::string> Store::find_entities(const std::string& name) const {
    return guarded(impl_->path, "cannot look up names", [&] {
        std::set<std::string> ids;
        SQLite::Statement by_id(impl_->db, "SELECT id FROM entities WHERE id = ?");
        by_id.bind(1, name);
        while (by_id.executeStep())
            ids.insert(by_id.getColumn(0).getString());
        if (!ids.empty()) return std::vector<std::string>(ids.begin(), ids.end());
        const std::string key = fold_key(name);
        if (key.empty()) return std::vector<std::string>();
        SQLite::Statement all(
            impl_->db,
            "SELECT entity_id, alias FROM aliases UNION SELECT id, label_ur FROM entities "
            "UNION SELECT id, label_en FROM entities WHERE label_en IS NOT NULL");
        while (all.executeStep()) {
            if (fold_key(all.getColumn(1).getString()) == key)
                ids.insert(all.getColumn(0).getString());
        }
        return std::vector<std::string>(ids.begin(), ids.end());
    });
}

}  // namespace rabta
