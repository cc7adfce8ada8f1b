// Node-link JSON through RapidJSON's streaming writer: nodes and edges from the
// graph, articles and mentions streamed from the store (only those touching the
// graph's nodes, so a filtered export stays small).
#include <fmt/format.h>
#include <rabta/export.h>
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <unordered_set>

#include "export/evidence_join.h"

namespace rabta {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;

void str(Writer& w, std::string_view s) {
    w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
void key(Writer& w, const char* k) {
    w.Key(k);
}
void opt(Writer& w, std::string_view s) {
    if (s.empty()) {
        w.Null();
    } else {
        str(w, s);
    }
}
void span(Writer& w, std::uint32_t b, std::uint32_t e) {
    w.StartArray();
    w.Uint(b);
    w.Uint(e);
    w.EndArray();
}

}  // namespace

void write_json(const TieGraph& tg, const Store& store, std::ostream& out) {
    const auto& g = tg.graph();
    rapidjson::OStreamWrapper os(out);
    Writer w(os);
    w.SetIndent(' ', 1);
    w.StartObject();
    key(w, "format");
    str(w, "rabta-graph/1");
    key(w, "directed");
    w.Bool(true);

    std::unordered_set<std::string> nodes;
    key(w, "nodes");
    w.StartArray();
    for (auto v : boost::make_iterator_range(boost::vertices(g))) {
        const ActorVertex& a = g[v];
        nodes.insert(a.id);
        w.StartObject();
        key(w, "id");
        str(w, a.id);
        key(w, "type");
        str(w, a.type);
        key(w, "subtype");
        str(w, a.subtype);
        key(w, "label_ur");
        str(w, a.label_ur);
        key(w, "label_en");
        str(w, a.label_en);
        key(w, "country");
        opt(w, a.country);
        key(w, "aliases");
        w.StartArray();
        for (const auto& al : a.aliases)
            str(w, al);
        w.EndArray();
        key(w, "roles");
        w.StartArray();
        for (const StoredRole& r : a.roles) {
            w.StartObject();
            key(w, "title");
            str(w, r.title);
            key(w, "org");
            str(w, r.org);
            key(w, "from");
            opt(w, r.from);
            key(w, "to");
            opt(w, r.to);
            key(w, "source");
            str(w, r.source);
            w.EndObject();
        }
        w.EndArray();
        key(w, "mentions");
        w.Int64(a.mentions);
        key(w, "first_seen");
        opt(w, a.first_seen);
        key(w, "last_seen");
        opt(w, a.last_seen);
        w.EndObject();
    }
    w.EndArray();

    key(w, "edges");
    w.StartArray();
    detail::EdgeEvidence evidence(store, tg);
    std::size_t n = 0;
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
        const TieEdge& t = g[e];
        w.StartObject();
        key(w, "id");
        str(w, fmt::format("e{}", n++));
        key(w, "source");
        str(w, g[boost::source(e, g)].id);
        key(w, "target");
        str(w, g[boost::target(e, g)].id);
        key(w, "relation");
        str(w, t.relation);
        key(w, "symmetric");
        w.Bool(t.symmetric);
        key(w, "mode");
        str(w, t.mode);
        key(w, "weight");
        w.Double(t.weight);
        key(w, "first_date");
        opt(w, t.first_date);
        key(w, "last_date");
        opt(w, t.last_date);
        key(w, "articles");
        w.Int64(t.articles);
        key(w, "outlets");
        w.StartArray();
        for (const auto& o : t.outlets)
            str(w, o);
        w.EndArray();
        key(w, "evidences");
        w.StartArray();
        evidence.each(g[boost::source(e, g)].id, g[boost::target(e, g)].id, t.relation,
                      [&](const StoredRelation& ev) {
                          w.StartObject();
                          key(w, "article");
                          str(w, ev.article);
                          key(w, "sentence");
                          str(w, ev.sentence);
                          key(w, "span");
                          span(w, ev.span_begin, ev.span_end);
                          key(w, "date");
                          opt(w, ev.date);
                          key(w, "outlet");
                          opt(w, ev.outlet);
                          key(w, "rule");
                          str(w, ev.rule);
                          key(w, "mode");
                          str(w, ev.mode);
                          w.EndObject();
                      });
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();

    // Articles that mention a node of the graph, and those mentions.
    std::unordered_set<std::string> articles;
    store.for_each_mention([&](const Store::MentionRow& m) {
        if (nodes.count(m.entity)) articles.insert(m.article);
    });
    key(w, "articles");
    w.StartArray();
    store.for_each_article([&](const Store::ArticleRow& a) {
        if (!articles.count(a.id)) return;
        w.StartObject();
        key(w, "id");
        str(w, a.id);
        key(w, "title");
        str(w, a.title);
        key(w, "date");
        opt(w, a.published);
        key(w, "outlet");
        opt(w, a.outlet);
        key(w, "agency");
        opt(w, a.agency);
        key(w, "dateline");
        opt(w, a.dateline);
        key(w, "url");
        opt(w, a.url);
        w.EndObject();
    });
    w.EndArray();
    key(w, "mentions");
    w.StartObject();
    std::string current;
    store.for_each_mention([&](const Store::MentionRow& m) {
        if (!nodes.count(m.entity)) return;
        if (m.article != current) {
            if (!current.empty()) w.EndArray();
            current = m.article;
            key(w, current.c_str());
            w.StartArray();
        }
        w.StartObject();
        key(w, "entity");
        str(w, m.entity);
        key(w, "surface");
        str(w, m.surface);
        key(w, "span");
        span(w, m.begin, m.end);
        key(w, "kind");
        str(w, m.kind);
        w.EndObject();
    });
    if (!current.empty()) w.EndArray();
    w.EndObject();
    w.EndObject();
    os.Flush();
    out << '\n';
}

}  // namespace rabta
