// GraphML as Gephi, Gephi Lite (graphology), networkx, igraph and graph-tool read
// it: descriptive key ids (Gephi <= 0.9.2 takes key id d3 as the label), every key
// for="node" or for="edge" with attr.type, every value written (no <default>),
// weight as a double. No boolean keys: Boost 1.74's reader accepts only 0/1 for
// them, while Gephi and graphology read 1 as false; `direction` is a string.
#include <fmt/format.h>
#include <rabta/export.h>

#include "export/fields.h"
#include "export/xml_writer.h"

namespace rabta {

namespace {

struct Key {
    const char* id;
    const char* for_;
    const char* name;
    const char* type;
};

constexpr Key kKeys[] = {
    {"label", "node", "label", "string"},
    {"label_ur", "node", "label_ur", "string"},
    {"label_en", "node", "label_en", "string"},
    {"type", "node", "type", "string"},
    {"subtype", "node", "subtype", "string"},
    {"country", "node", "country", "string"},
    {"mentions", "node", "mentions", "int"},
    {"edgelabel", "edge", "edgelabel", "string"},
    {"relation", "edge", "relation", "string"},
    {"weight", "edge", "weight", "double"},
    {"direction", "edge", "direction", "string"},
    {"mode", "edge", "mode", "string"},
    {"context", "edge", "context", "string"},
    {"context_source", "edge", "context_source", "string"},
    {"first_date", "edge", "first_date", "string"},
    {"last_date", "edge", "last_date", "string"},
    {"articles", "edge", "articles", "int"},
    {"outlets", "edge", "outlets", "string"},
    {"evidence", "edge", "evidence", "string"},
    {"evidence_article", "edge", "evidence_article", "string"},
};

void data(detail::XmlWriter& w, const char* key, std::string_view value) {
    w.start("data");
    w.attr("key", key);
    w.text(value);
    w.end();
}

}  // namespace

void write_graphml(const TieGraph& tg, std::ostream& out, const ExportOptions& options) {
    const auto& g = tg.graph();
    detail::XmlWriter w(out);
    w.declaration();
    w.start("graphml");
    w.attr("xmlns", "http://graphml.graphdrawing.org/xmlns");
    w.attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    w.attr("xsi:schemaLocation",
           "http://graphml.graphdrawing.org/xmlns "
           "http://graphml.graphdrawing.org/xmlns/1.1/graphml.xsd");
    for (const Key& k : kKeys) {
        w.start("key");
        w.attr("id", k.id);
        w.attr("for", k.for_);
        w.attr("attr.name", k.name);
        w.attr("attr.type", k.type);
        w.end();
    }
    w.start("graph");
    w.attr("id", "rabta");
    const FileDirection direction = file_direction(tg, options);
    w.attr("edgedefault", direction == FileDirection::directed ? "directed" : "undirected");
    for (auto v : boost::make_iterator_range(boost::vertices(g))) {
        const ActorVertex& a = g[v];
        w.start("node");
        w.attr("id", a.id);
        data(w, "label", detail::node_label(a, options));
        data(w, "label_ur", a.label_ur);
        data(w, "label_en", a.label_en);
        data(w, "type", a.type);
        data(w, "subtype", a.subtype);
        data(w, "country", a.country);
        data(w, "mentions", fmt::format("{}", a.mentions));
        w.end();
    }
    std::size_t n = 0;
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
        const TieEdge& t = g[e];
        w.start("edge");
        w.attr("id", fmt::format("e{}", n++));
        w.attr("source", g[boost::source(e, g)].id);
        w.attr("target", g[boost::target(e, g)].id);
        if (direction == FileDirection::mixed) w.attr("directed", t.symmetric ? "false" : "true");
        data(w, "edgelabel", t.relation);
        data(w, "relation", t.relation);
        data(w, "weight", fmt::format("{:.1f}", t.weight));
        data(w, "direction", t.symmetric ? "symmetric" : "directed");
        data(w, "mode", t.mode);
        data(w, "context", t.context);
        data(w, "context_source", t.context_source);
        data(w, "first_date", t.first_date);
        data(w, "last_date", t.last_date);
        data(w, "articles", fmt::format("{}", t.articles));
        data(w, "outlets", detail::outlet_list(t.outlets));
        data(w, "evidence", t.evidence);
        data(w, "evidence_article", t.evidence_article);
        w.end();
    }
    w.end();
    w.end();
}

}  // namespace rabta
