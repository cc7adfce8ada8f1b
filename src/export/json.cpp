// Node-link JSON through RapidJSON's streaming writer: nodes and edges from the
// graph, articles and mentions streamed from the store (only those touching the
// graph's nodes, so a filtered export stays small).
#include <fmt/format.h>
#include <rabta/export.h>
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include <unordered_set>

#include "export/evidence_join.h"
#include "util/json_write.h"

namespace rabta {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;

using detail::write_field;
using detail::write_optional_field;
using detail::write_span;
using detail::write_string;

}  // namespace

void write_json(const TieGraph& tg, const Store& store, std::ostream& out) {
    const auto& g = tg.graph();
    rapidjson::OStreamWrapper os(out);
    Writer w(os);
    w.SetIndent(' ', 1);
    w.StartObject();
    write_field(w, "format", "rabta-graph/1");
    w.Key("directed");
    w.Bool(true);

    std::unordered_set<std::string> nodes;
    w.Key("nodes");
    w.StartArray();
    for (auto v : boost::make_iterator_range(boost::vertices(g))) {
        const ActorVertex& a = g[v];
        nodes.insert(a.id);
        w.StartObject();
        write_field(w, "id", a.id);
        write_field(w, "type", a.type);
        write_field(w, "subtype", a.subtype);
        write_field(w, "label_ur", a.label_ur);
        write_field(w, "label_en", a.label_en);
        write_optional_field(w, "country", a.country);
        w.Key("aliases");
        w.StartArray();
        for (const auto& al : a.aliases)
            write_string(w, al);
        w.EndArray();
        w.Key("roles");
        w.StartArray();
        for (const StoredRole& r : a.roles) {
            w.StartObject();
            write_field(w, "title", r.title);
            write_field(w, "org", r.org);
            write_optional_field(w, "from", r.from);
            write_optional_field(w, "to", r.to);
            write_field(w, "source", r.source);
            w.EndObject();
        }
        w.EndArray();
        w.Key("mentions");
        w.Int64(a.mentions);
        write_optional_field(w, "first_seen", a.first_seen);
        write_optional_field(w, "last_seen", a.last_seen);
        w.EndObject();
    }
    w.EndArray();

    w.Key("edges");
    w.StartArray();
    detail::EdgeEvidence evidence(store, tg);
    std::size_t n = 0;
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
        const TieEdge& t = g[e];
        w.StartObject();
        write_field(w, "id", fmt::format("e{}", n++));
        write_field(w, "source", g[boost::source(e, g)].id);
        write_field(w, "target", g[boost::target(e, g)].id);
        write_field(w, "relation", t.relation);
        w.Key("symmetric");
        w.Bool(t.symmetric);
        write_field(w, "mode", t.mode);
        write_optional_field(w, "context", t.context);
        write_optional_field(w, "context_source", t.context_source);
        w.Key("weight");
        w.Double(t.weight);
        write_optional_field(w, "first_date", t.first_date);
        write_optional_field(w, "last_date", t.last_date);
        w.Key("articles");
        w.Int64(t.articles);
        w.Key("outlets");
        w.StartArray();
        for (const auto& o : t.outlets)
            write_string(w, o);
        w.EndArray();
        w.Key("evidences");
        w.StartArray();
        evidence.each(g[boost::source(e, g)].id, g[boost::target(e, g)].id, t.relation,
                      [&](const StoredRelation& ev) {
                          w.StartObject();
                          write_field(w, "article", ev.article);
                          write_field(w, "sentence", ev.sentence);
                          w.Key("span");
                          write_span(w, ev.span_begin, ev.span_end);
                          write_optional_field(w, "date", ev.date);
                          write_optional_field(w, "outlet", ev.outlet);
                          write_field(w, "rule", ev.rule);
                          write_field(w, "mode", ev.mode);
                          write_optional_field(w, "context", ev.context);
                          write_optional_field(w, "context_source", ev.context_source);
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
    w.Key("articles");
    w.StartArray();
    store.for_each_article([&](const Store::ArticleRow& a) {
        if (!articles.count(a.id)) return;
        w.StartObject();
        write_field(w, "id", a.id);
        write_field(w, "title", a.title);
        write_optional_field(w, "date", a.published);
        write_optional_field(w, "outlet", a.outlet);
        write_optional_field(w, "agency", a.agency);
        write_optional_field(w, "dateline", a.dateline);
        write_optional_field(w, "url", a.url);
        w.EndObject();
    });
    w.EndArray();
    w.Key("mentions");
    w.StartObject();
    std::string current;
    store.for_each_mention([&](const Store::MentionRow& m) {
        if (!nodes.count(m.entity)) return;
        if (m.article != current) {
            if (!current.empty()) w.EndArray();
            current = m.article;
            w.Key(current.c_str());
            w.StartArray();
        }
        w.StartObject();
        write_field(w, "entity", m.entity);
        write_field(w, "surface", m.surface);
        w.Key("span");
        write_span(w, m.begin, m.end);
        write_field(w, "kind", m.kind);
        w.EndObject();
    });
    if (!current.empty()) w.EndArray();
    w.EndObject();
    w.EndObject();
    os.Flush();
    out << '\n';
}

}  // namespace rabta
