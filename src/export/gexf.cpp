// GEXF 1.3 for Gephi's timeline. What Gephi and graphology do with it, from their
// importers (../shared/reference/anchors.md §3): kind separates parallel edges;
// a dynamic attribute counts only in an <attributes mode="dynamic"> block, and
// graphology keeps only the last node block typed, so the dynamic block comes
// first; attribute ids equal their titles; open intervals are avoided.
#include <fmt/format.h>
#include <rabta/export.h>

#include <set>

#include "export/evidence_join.h"
#include "export/fields.h"
#include "export/xml_writer.h"

namespace rabta {

namespace {

struct Attr {
    const char* id;
    const char* type;
};

constexpr Attr kNodeAttrs[] = {{"label_ur", "string"}, {"label_en", "string"},
                               {"type", "string"},     {"subtype", "string"},
                               {"country", "string"},  {"mentions", "integer"}};
constexpr Attr kEdgeAttrs[] = {
    {"relation", "string"},  {"direction", "string"},       {"mode", "string"},
    {"context", "string"},   {"context_source", "string"},  {"first_date", "string"},
    {"last_date", "string"}, {"articles", "integer"},       {"outlets", "string"},
    {"evidence", "string"},  {"evidence_article", "string"}};

void attributes(
    detail::XmlWriter& w, const char* cls, const char* mode, const Attr* begin, const Attr* end) {
    w.start("attributes");
    w.attr("class", cls);
    w.attr("mode", mode);
    for (const Attr* a = begin; a != end; ++a) {
        w.start("attribute");
        w.attr("id", a->id);
        w.attr("title", a->id);
        w.attr("type", a->type);
        w.end();
    }
    w.end();
}

void attvalue(detail::XmlWriter& w, const char* id, std::string_view value) {
    w.start("attvalue");
    w.attr("for", id);
    w.attr("value", value);
    w.end();
}

void spell(detail::XmlWriter& w, std::string_view start, std::string_view end) {
    w.start("spell");
    w.attr("start", start);
    w.attr("end", end);
    w.end();
}

}  // namespace

void write_gexf(const TieGraph& tg,
                const Store& store,
                std::ostream& out,
                const ExportOptions& options) {
    const auto& g = tg.graph();
    // Open-ended roles run to the last date the graph knows (GEXF 1.3 drops open intervals).
    std::string last_date;
    for (auto v : boost::make_iterator_range(boost::vertices(g)))
        last_date = std::max(last_date, g[v].last_seen);

    detail::XmlWriter w(out);
    w.declaration();
    w.start("gexf");
    w.attr("xmlns", "http://gexf.net/1.3");
    w.attr("xmlns:viz", "http://gexf.net/1.3/viz");
    w.attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    w.attr("xsi:schemaLocation", "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd");
    w.attr("version", "1.3");
    w.start("meta");
    w.element("creator", "rabta");
    w.element("description",
              "Bilateral digital-economy ties from Urdu news; every edge cites its sentence");
    w.end();
    w.start("graph");
    const FileDirection direction = file_direction(tg, options);
    w.attr("defaultedgetype", direction == FileDirection::undirected ? "undirected" : "directed");
    w.attr("mode", "dynamic");
    w.attr("timeformat", "date");
    const Attr role{"role", "string"};
    attributes(w, "node", "dynamic", &role, &role + 1);
    attributes(w, "node", "static", std::begin(kNodeAttrs), std::end(kNodeAttrs));
    attributes(w, "edge", "static", std::begin(kEdgeAttrs), std::end(kEdgeAttrs));

    w.start("nodes");
    for (auto v : boost::make_iterator_range(boost::vertices(g))) {
        const ActorVertex& a = g[v];
        w.start("node");
        w.attr("id", a.id);
        w.attr("label", detail::node_label(a, options));
        w.start("attvalues");
        attvalue(w, "label_ur", a.label_ur);
        attvalue(w, "label_en", a.label_en);
        attvalue(w, "type", a.type);
        attvalue(w, "subtype", a.subtype);
        attvalue(w, "country", a.country);
        attvalue(w, "mentions", fmt::format("{}", a.mentions));
        for (const StoredRole& r : a.roles) {
            if (r.from.empty()) continue;  // an undated role has no place on a timeline
            const std::string end = r.to.empty() ? std::max(r.from, last_date) : r.to;
            w.start("attvalue");
            w.attr("for", "role");
            w.attr("value", fmt::format("{} — {}", r.title, r.org_label));
            w.attr("start", r.from);
            w.attr("end", end);
            w.end();
        }
        w.end();
        if (!a.first_seen.empty()) {
            w.start("spells");
            spell(w, a.first_seen, a.last_seen);
            w.end();
        }
        const std::size_t degree = boost::in_degree(v, g) + boost::out_degree(v, g);
        for (const TypeColor& c : kTypeColors) {
            if (a.type != c.type) continue;
            w.start("viz:color");
            w.attr("r", fmt::format("{}", c.r));
            w.attr("g", fmt::format("{}", c.g));
            w.attr("b", fmt::format("{}", c.b));
            w.end();
        }
        w.start("viz:size");
        w.attr("value", fmt::format("{:.1f}", 10.0 + 4.0 * static_cast<double>(degree)));
        w.end();
        w.end();
    }
    w.end();

    w.start("edges");
    detail::EdgeEvidence evidence(store, tg);
    std::size_t n = 0;
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
        const TieEdge& t = g[e];
        w.start("edge");
        w.attr("id", fmt::format("e{}", n++));
        w.attr("source", g[boost::source(e, g)].id);
        w.attr("target", g[boost::target(e, g)].id);
        if (direction == FileDirection::mixed)
            w.attr("type", t.symmetric ? "undirected" : "directed");
        w.attr("kind", t.relation);
        w.attr("label", t.relation);
        w.attr("weight", fmt::format("{:.1f}", t.weight));
        const std::string outlets = detail::outlet_list(t.outlets);
        std::set<std::string> dates;
        evidence.each(g[boost::source(e, g)].id, g[boost::target(e, g)].id, t.relation,
                      [&](const StoredRelation& r) {
                          if (!r.date.empty()) dates.insert(r.date);
                      });
        w.start("attvalues");
        attvalue(w, "relation", t.relation);
        attvalue(w, "direction", t.symmetric ? "symmetric" : "directed");
        attvalue(w, "mode", t.mode);
        attvalue(w, "context", t.context);
        attvalue(w, "context_source", t.context_source);
        attvalue(w, "first_date", t.first_date);
        attvalue(w, "last_date", t.last_date);
        attvalue(w, "articles", fmt::format("{}", t.articles));
        attvalue(w, "outlets", outlets);
        attvalue(w, "evidence", t.evidence);
        attvalue(w, "evidence_article", t.evidence_article);
        w.end();
        if (!dates.empty()) {
            w.start("spells");
            for (const auto& d : dates)
                spell(w, d, d);
            w.end();
        }
        w.end();
    }
    w.end();
    w.end();
    w.end();
}

}  // namespace rabta
