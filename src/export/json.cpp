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
void field(Writer& w, const char* k, std::string_view v) {
    key(w, k);
    str(w, v);
}
void optional_field(Writer& w, const char* k, std::string_view v) {
    key(w, k);
    opt(w, v);
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
    field(w, "format", "rabta-graph/1");
    key(w, "directed");
    w.Bool(true);

    std::unordered_set<std::string> nodes;
    key(w, "nodes");
    w.StartArray();
    for (auto v : boost::make_iterator_range(boost::vertices(g))) {
        const ActorVertex& a = g[v];
        nodes.insert(a.id);
        w.StartObject();
        field(w, "id", a.id);
        field(w, "type", a.type);
        field(w, "subtype", a.subtype);
        field(w, "label_ur", a.label_ur);
        field(w, "label_en", a.label_en);
        optional_field(w, "country", a.country);
        key(w, "aliases");
        w.StartArray();
        for (const auto& al : a.aliases)
            str(w, al);
        w.EndArray();
        key(w, "roles");
        w.StartArray();
        for (const StoredRole& r : a.roles) {
            w.StartObject();
            field(w, "title", r.title);
            field(w, "org", r.org);
            optional_field(w, "from", r.from);
            optional_field(w, "to", r.to);
            field(w, "source", r.source);
            w.EndObject();
        }
        w.EndArray();
        key(w, "mentions");
        w.Int64(a.mentions);
        optional_field(w, "first_seen", a.first_seen);
        optional_field(w, "last_seen", a.last_seen);
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
        field(w, "id", fmt::format("e{}", n++));
        field(w, "source", g[boost::source(e, g)].id);
        field(w, "target", g[boost::target(e, g)].id);
        field(w, "relation", t.relation);
        key(w, "symmetric");
        w.Bool(t.symmetric);
        field(w, "mode", t.mode);
        key(w, "weight");
        w.Double(t.weight);
        optional_field(w, "first_date", t.first_date);
        optional_field(w, "last_date", t.last_date);
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
                          field(w, "article", ev.article);
                          field(w, "sentence", ev.sentence);
                          key(w, "span");
                          span(w, ev.span_begin, ev.span_end);
                          optional_field(w, "date", ev.date);
                          optional_field(w, "outlet", ev.outlet);
                          field(w, "rule", ev.rule);
                          field(w, "mode", ev.mode);
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
        field(w, "id", a.id);
        field(w, "title", a.title);
        optional_field(w, "date", a.published);
        optional_field(w, "outlet", a.outlet);
        optional_field(w, "agency", a.agency);
        optional_field(w, "dateline", a.dateline);
        optional_field(w, "url", a.url);
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
        field(w, "entity", m.entity);
        field(w, "surface", m.surface);
        key(w, "span");
        span(w, m.begin, m.end);
        field(w, "kind", m.kind);
        w.EndObject();
    });
    if (!current.empty()) w.EndArray();
    w.EndObject();
    w.EndObject();
    os.Flush();
    out << '\n';
}

}  // namespace rabta
