// The HTML view: one page, no network. The C++ side draws everything that can
// be drawn ahead (the SVG graph from layout(), the per-dyad month charts) and
// writes the data the clicks need as one JSON block; html_assets.h holds the
// style and the small script. Every number is printed with fixed precision and
// every collection in a fixed order, so the same graph gives the same bytes.
#include <fmt/format.h>
#include <rabta/cooperation.h>
#include <rabta/export.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "export/evidence_join.h"
#include "export/fields.h"
#include "export/html_assets.h"
#include "export/xml_writer.h"
#include "util/json_write.h"

namespace rabta {

namespace {

using detail::xml_escape;

struct RelationStyle {
    const char* relation;
    const char* color;
    const char* dash;  ///< SVG stroke-dasharray, empty for a solid line
};

// Interactions solid or boldly dashed and dark; roles and places light, so the
// interactions stand out.
constexpr RelationStyle kRelationStyles[] = {
    {"met", "#3b3b3b", ""},           {"signed", "#8e44ad", ""},
    {"cooperated", "#1f8a70", "7 3"}, {"agreed", "#b8860b", "2 3"},
    {"attended", "#e39a4f", "5 3"},   {"holds_role", "#b0b0b0", "2 2"},
    {"located_in", "#c9b8a6", "1 3"},
};

const RelationStyle& style_of(const std::string& relation) {
    static constexpr RelationStyle other{"", "#888888", ""};
    for (const auto& s : kRelationStyles)
        if (relation == s.relation) return s;
    return other;
}

std::string type_color(const std::string& type) {
    for (const TypeColor& c : kTypeColors)
        if (type == c.type) return fmt::format("#{:02X}{:02X}{:02X}", c.r, c.g, c.b);
    return "#999999";
}

struct Evidence {
    std::string article, outlet, date, sentence;
};

// Everything the page shows, gathered once: the drawing, degrees and every evidence.
struct View {
    const TieGraphBase& g;
    Layout layout;
    std::vector<std::size_t> degree;
    std::vector<std::vector<Evidence>> evidence;  ///< per edge, in edge order
    std::set<std::string> relations;
    std::vector<StoredRelation> dyad;  ///< a dyad export: the mentions between its countries
};

// Whether an edge joins an actor of each of the two countries (a dyad).
bool crosses(const TieGraphBase& g, TieGraph::Edge e, const std::vector<std::string>& dyad) {
    if (dyad.size() != 2) return false;
    const std::string& a = g[boost::source(e, g)].country;
    const std::string& b = g[boost::target(e, g)].country;
    return (a == dyad[0] && b == dyad[1]) || (a == dyad[1] && b == dyad[0]);
}

View gather(const TieGraph& tg, const Store& store, const std::vector<std::string>& dyad) {
    const auto& g = tg.graph();
    View v{g, layout(tg), {}, {}, {}, {}};
    for (auto x : boost::make_iterator_range(boost::vertices(g)))
        v.degree.push_back(boost::in_degree(x, g) + boost::out_degree(x, g));
    detail::EdgeEvidence cursor(store, tg);
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
        auto& list = v.evidence.emplace_back();
        v.relations.insert(g[e].relation);
        const bool in_dyad = crosses(g, e, dyad);
        cursor.each(g[boost::source(e, g)].id, g[boost::target(e, g)].id, g[e].relation,
                    [&](const StoredRelation& r) {
                        list.push_back({r.article, r.outlet, r.date, r.sentence});
                        if (in_dyad) v.dyad.push_back(r);
                    });
    }
    return v;
}

double radius(std::size_t degree) {
    return 4.0 + 2.5 * std::sqrt(static_cast<double>(degree));
}

// Relations in the table's order, then any other alphabetically.
std::vector<std::string> relation_order(const std::set<std::string>& present) {
    std::vector<std::string> out;
    for (const auto& s : kRelationStyles)
        if (present.count(s.relation)) out.push_back(s.relation);
    for (const auto& r : present)
        if (std::find(out.begin(), out.end(), r) == out.end()) out.push_back(r);
    return out;
}

void write_header(std::ostream& out, const TieGraph& tg, const View& v) {
    out << "<header><h1>rabta <span class=\"ur\">رابطہ</span></h1>\n"
        << fmt::format("<span id=\"count\">{} nodes, {} edges</span>\n", tg.vertex_count(),
                       tg.edge_count())
        << "<button id=\"labels\" type=\"button\">اردو / Latin</button>\n";
    for (const auto& r : relation_order(v.relations)) {
        const RelationStyle& s = style_of(r);
        out << fmt::format(
            "<label><input type=\"checkbox\" name=\"rel\" value=\"{0}\" checked> <span "
            "class=\"sw\" style=\"border-color:{1};border-top-style:{2}\"></span> {0}</label>\n",
            xml_escape(r), s.color, *s.dash ? "dashed" : "solid");
    }
    out << "<label>from <input type=\"month\" id=\"from\"></label>"
           "<label>to <input type=\"month\" id=\"to\"></label>"
           "<button id=\"reset\" type=\"button\">reset</button>\n";
    for (const TypeColor& c : kTypeColors)
        out << fmt::format(
            "<span><svg width=\"12\" height=\"12\"><circle cx=\"6\" cy=\"6\" r=\"5\" "
            "fill=\"{}\"/></svg> {}</span>\n",
            type_color(c.type), c.type);
    out << "</header>\n";
}

void write_markers(std::ostream& out, const View& v) {
    out << "<defs>\n";
    for (const auto& r : relation_order(v.relations))
        out << fmt::format(
            "<marker id=\"arrow-{}\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
            "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0L10 "
            "5L0 10z\" fill=\"{}\"/></marker>\n",
            xml_escape(r), style_of(r).color);
    out << "</defs>\n";
}

// One path per edge; ties between the same two actors bend apart so that each
// stays visible and clickable. Directed ties end at the target's rim with an arrow.
std::vector<std::string> edge_paths(const View& v) {
    const auto& g = v.g;
    std::map<std::pair<std::size_t, std::size_t>, std::vector<std::size_t>> pairs;
    std::vector<std::pair<std::size_t, std::size_t>> ends;
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
        std::size_t s = boost::source(e, g), t = boost::target(e, g);
        pairs[{std::min(s, t), std::max(s, t)}].push_back(ends.size());
        ends.emplace_back(s, t);
    }
    std::vector<std::string> d(ends.size());
    for (const auto& [pair, list] : pairs) {
        for (std::size_t k = 0; k < list.size(); ++k) {
            const auto [s, t] = ends[list[k]];
            const auto& a = v.layout.points[s];
            const auto& b = v.layout.points[t];
            const double dx = b.x - a.x, dy = b.y - a.y;
            const double len = std::max(std::hypot(dx, dy), 1e-9);
            const double ux = dx / len, uy = dy / len;
            // the same bend for both orientations of the pair
            const double sign = s == pair.first ? 1.0 : -1.0;
            const double bend = sign * (static_cast<double>(k) - (list.size() - 1) / 2.0) * 22.0;
            const double rs = radius(v.degree[s]), rt = radius(v.degree[t]) + 1.5;
            d[list[k]] = fmt::format("M{:.1f} {:.1f}Q{:.1f} {:.1f} {:.1f} {:.1f}", a.x + ux * rs,
                                     a.y + uy * rs, (a.x + b.x) / 2 - uy * bend,
                                     (a.y + b.y) / 2 + ux * bend, b.x - ux * rt, b.y - uy * rt);
        }
    }
    return d;
}

void write_edges(std::ostream& out, const View& v) {
    const auto& g = v.g;
    const std::vector<std::string> d = edge_paths(v);
    std::string hits;
    out << "<g id=\"edges\">\n";
    std::size_t i = 0;
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
        const TieEdge& t = g[e];
        const RelationStyle& s = style_of(t.relation);
        const double width = std::min(1.2 + 0.8 * std::log2(std::max(t.weight, 1.0)), 5.0);
        out << fmt::format(
            "<path class=\"e\" data-i=\"{}\" d=\"{}\" stroke=\"{}\" "
            "stroke-width=\"{:.1f}\"",
            i, d[i], s.color, width);
        if (*s.dash) out << fmt::format(" stroke-dasharray=\"{}\"", s.dash);
        if (!t.symmetric)
            out << fmt::format(" marker-end=\"url(#arrow-{})\"", xml_escape(t.relation));
        out << "/>\n";
        hits += fmt::format("<path data-i=\"{}\" d=\"{}\"><title>{} ×{:.0f}</title></path>\n", i,
                            d[i], xml_escape(t.relation), t.weight);
        ++i;
    }
    out << "</g>\n<g id=\"hits\">\n" << hits << "</g>\n";
}

// Labels for every node of a small graph; in a large one for the best connected
// 300 (the others show theirs on hover and in the side panel).
std::size_t label_threshold(const View& v) {
    constexpr std::size_t kMaxLabels = 300;
    if (v.degree.size() <= kMaxLabels) return 0;
    std::vector<std::size_t> d = v.degree;
    std::nth_element(d.begin(), d.begin() + kMaxLabels - 1, d.end(), std::greater<>());
    return std::max<std::size_t>(d[kMaxLabels - 1], 1);
}

void write_nodes(std::ostream& out, const View& v) {
    const auto& g = v.g;
    const std::size_t threshold = label_threshold(v);
    out << "<g id=\"nodes\">\n";
    for (auto x : boost::make_iterator_range(boost::vertices(g))) {
        const ActorVertex& a = g[x];
        const auto& p = v.layout.points[x];
        const double r = radius(v.degree[x]);
        out << fmt::format(
            "<g class=\"n\" data-i=\"{}\" transform=\"translate({:.1f} {:.1f})\"><title>{}{}{}</"
            "title><circle r=\"{:.1f}\" fill=\"{}\"/>",
            x, p.x, p.y, xml_escape(a.label_ur), a.label_en.empty() ? "" : " · ",
            xml_escape(a.label_en), r, type_color(a.type));
        if (v.degree[x] >= threshold) {
            out << fmt::format("<text class=\"lab-ur\" y=\"{:.1f}\">{}</text>", r + 13,
                               xml_escape(a.label_ur));
            out << fmt::format("<text class=\"lab-en\" y=\"{:.1f}\">{}</text>", r + 12,
                               xml_escape(a.label_en.empty() ? a.label_ur : a.label_en));
        }
        out << "</g>\n";
    }
    out << "</g>\n";
}

// ---- per country pair: evidences per month, stacked by relation

struct Dyad {
    std::string a, b;                                          ///< ISO codes, a < b
    std::map<std::string, std::map<std::string, int>> months;  ///< month → relation → count
    int total = 0, undated = 0;
};

// Whether a date starts with YYYY-MM (the store keeps ISO dates or none).
bool is_month(const std::string& date) {
    auto digits = [&](std::size_t from, std::size_t n) {
        return std::all_of(date.begin() + static_cast<long>(from),
                           date.begin() + static_cast<long>(from + n),
                           [](char c) { return c >= '0' && c <= '9'; });
    };
    return date.size() >= 7 && date[4] == '-' && digits(0, 4) && digits(5, 2) &&
           date.substr(5, 2) >= "01" && date.substr(5, 2) <= "12";
}

std::vector<Dyad> dyads(const View& v) {
    const auto& g = v.g;
    std::map<std::pair<std::string, std::string>, Dyad> by;
    std::size_t i = 0;
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
        std::string ca = g[boost::source(e, g)].country, cb = g[boost::target(e, g)].country;
        const auto& ev = v.evidence[i++];
        if (ca.empty() || cb.empty() || ca == cb) continue;
        if (cb < ca) std::swap(ca, cb);
        Dyad& d = by[{ca, cb}];
        d.a = ca, d.b = cb;
        for (const Evidence& x : ev) {
            ++d.total;
            if (!is_month(x.date)) {
                ++d.undated;
                continue;
            }
            ++d.months[x.date.substr(0, 7)][g[e].relation];
        }
    }
    std::vector<Dyad> out;
    for (auto& [_, d] : by)
        if (!d.months.empty()) out.push_back(std::move(d));
    std::stable_sort(out.begin(), out.end(),
                     [](const Dyad& x, const Dyad& y) { return x.total > y.total; });
    if (out.size() > 8) out.resize(8);
    return out;
}

// YYYY-MM plus n months.
std::string add_months(const std::string& month, int n) {
    const int k = std::stoi(month.substr(0, 4)) * 12 + std::stoi(month.substr(5, 2)) - 1 + n;
    return fmt::format("{:04}-{:02}", k / 12, k % 12 + 1);
}

// Months from `first` to `last` inclusive, as YYYY-MM (at most a century).
std::vector<std::string> month_range(const std::string& first, const std::string& last) {
    std::vector<std::string> out;
    for (std::string s = first; s <= last && out.size() < 1200; s = add_months(s, 1))
        out.push_back(s);
    return out;
}

// The month axis's label at bar i: the first month, then each January that
// has room for its year. Shared by the pair charts and the cooperation chart.
void month_label(std::ostream& out,
                 const std::vector<std::string>& months,
                 std::size_t i,
                 double x,
                 double W,
                 double H,
                 double& label_end) {
    if ((i == 0 || months[i].ends_with("-01")) && x >= label_end && x < W - 28) {
        out << fmt::format("<text x=\"{:.1f}\" y=\"{:.0f}\">{}</text>", x, H - 3,
                           i == 0 ? months[i] : months[i].substr(0, 4));
        label_end = x + (i == 0 ? 44 : 28);
    }
}

// The chart's baseline and the end of its <svg>.
void close_chart(std::ostream& out, double W, double H, double bottom) {
    out << fmt::format(
        "<line x1=\"0\" y1=\"{0:.0f}\" x2=\"{1:.0f}\" y2=\"{0:.0f}\" "
        "stroke=\"#999\"/></svg>\n",
        H - bottom, W);
}

void write_dyad_chart(std::ostream& out, const Dyad& d, const std::vector<std::string>& order) {
    // at least a year on the axis, so one busy month is a bar, not a block
    const std::string first = d.months.begin()->first;
    const auto months =
        month_range(first, std::max(d.months.rbegin()->first, add_months(first, 11)));
    int peak = 1;
    for (const auto& [_, rel] : d.months) {
        int n = 0;
        for (const auto& [r, c] : rel)
            n += c;
        peak = std::max(peak, n);
    }
    constexpr double W = 396, H = 96, top = 18, bottom = 16;
    const double step = W / static_cast<double>(months.size());
    const double bw = std::min(step, 18.0);
    out << fmt::format(
        "<svg class=\"dyad\" width=\"{:.0f}\" height=\"{:.0f}\" viewBox=\"0 0 {:.0f} "
        "{:.0f}\" data-dyad=\"{}-{}\">",
        W, H, W, H, xml_escape(d.a), xml_escape(d.b));
    out << fmt::format("<text x=\"0\" y=\"11\">{}–{}: {} evidences{}, peak {} a month</text>",
                       xml_escape(d.a), xml_escape(d.b), d.total,
                       d.undated ? fmt::format(" ({} undated)", d.undated) : "", peak);
    double label_end = 0;
    for (std::size_t i = 0; i < months.size(); ++i) {
        const double x = static_cast<double>(i) * step;
        auto it = d.months.find(months[i]);
        if (it != d.months.end()) {
            double y = H - bottom;
            for (const auto& r : order) {
                auto c = it->second.find(r);
                if (c == it->second.end()) continue;
                const double h = (H - top - bottom) * c->second / peak;
                y -= h;
                out << fmt::format(
                    "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
                    "fill=\"{}\" data-month=\"{}\"><title>{} {}: {}</title></rect>",
                    x + 0.5, y, std::max(bw - 1, 0.8), h, style_of(r).color, months[i], months[i],
                    xml_escape(r), c->second);
            }
        }
        month_label(out, months, i, x, W, H, label_end);
    }
    close_chart(out, W, H, bottom);
}

void write_timelines(std::ostream& out, const View& v) {
    const auto list = dyads(v);
    out << "<section id=\"timelines\"><h2>Country pairs: evidences per month</h2>\n";
    if (list.empty()) out << "<p class=\"meta\">no dated tie between actors of two countries</p>\n";
    const auto order = relation_order(v.relations);
    for (const Dyad& d : list)
        write_dyad_chart(out, d, order);
    out << "</section>\n";
}

// ---- a dyad export: its cooperation index per month

// One bar per month with evidence, on an axis of at least a year; every bar
// carries its month, index and evidences as data-* attributes.
void write_index_chart(std::ostream& out,
                       const CooperationSeries& s,
                       const std::string& pair,
                       const CooperationWeights& weights) {
    std::map<std::string, const CooperationMonth*> dated;
    std::int64_t undated = 0;
    double peak = 0;
    for (const CooperationMonth& m : s.months) {
        if (m.month == "undated") {
            undated = m.evidences;
            continue;
        }
        dated[m.month] = &m;
        peak = std::max(peak, m.index);
    }
    std::string scores;
    for (const auto& [relation, w] : weights.relations)
        scores.append(scores.empty() ? "" : ", ")
            .append(fmt::format("{} {:.1f}", relation, w.score));
    out << fmt::format(
        "<p class=\"meta\">each independent evidence weighted by the Goldstein score of its "
        "relation's CAMEO code ({}), intent × {:.2f}; total {:.1f}{}</p>\n",
        xml_escape(scores), weights.intent_discount, s.index,
        undated ? fmt::format(", of which {} undated evidences", undated) : std::string());
    if (dated.empty()) {
        out << "<p class=\"meta\">no dated evidence</p>\n";
        return;
    }
    const std::string first = dated.begin()->first;
    const auto months = month_range(first, std::max(dated.rbegin()->first, add_months(first, 11)));
    constexpr double W = 396, H = 110, top = 18, bottom = 16;
    const double step = W / static_cast<double>(months.size());
    const double bw = std::min(step, 18.0);
    const double scale = peak > 0 ? (H - top - bottom) / peak : 0;
    out << fmt::format(
        "<svg class=\"coop\" width=\"{0:.0f}\" height=\"{1:.0f}\" viewBox=\"0 0 {0:.0f} "
        "{1:.0f}\" font-size=\"10\" data-dyad=\"{2}\" data-index=\"{3:.2f}\">",
        W, H, xml_escape(pair), s.index);
    out << fmt::format("<text x=\"0\" y=\"11\">{}: index per month, peak {:.1f}</text>",
                       xml_escape(pair), peak);
    double label_end = 0;
    for (std::size_t i = 0; i < months.size(); ++i) {
        const double x = static_cast<double>(i) * step;
        if (auto it = dated.find(months[i]); it != dated.end()) {
            const CooperationMonth& m = *it->second;
            const double h = std::max(m.index * scale, 0.8);
            out << fmt::format(
                "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
                "fill=\"#1f8a70\" data-month=\"{}\" data-index=\"{:.2f}\" "
                "data-evidences=\"{}\"><title>{}: index {:.1f}, {} evidences</title></rect>",
                x + 0.5, H - bottom - h, std::max(bw - 1, 0.8), h, m.month, m.index, m.evidences,
                m.month, m.index, m.evidences);
        }
        month_label(out, months, i, x, W, H, label_end);
    }
    close_chart(out, W, H, bottom);
}

void write_cooperation(std::ostream& out, const View& v, const std::vector<std::string>& dyad) {
    if (dyad.size() != 2) return;
    const CooperationWeights weights = CooperationWeights::embedded();
    const std::string pair = std::string(dyad[0]).append("–").append(dyad[1]);
    out << "<section id=\"cooperation\"><h2>Cooperation index: " << xml_escape(pair) << "</h2>\n";
    write_index_chart(out, cooperation_series(v.dyad, weights), pair, weights);
    out << "</section>\n";
}

// ---- the data block the script reads

using JsonWriter = rapidjson::Writer<rapidjson::StringBuffer>;

void write_data_nodes(JsonWriter& w, const TieGraphBase& g) {
    using detail::write_field;
    w.Key("nodes");
    w.StartArray();
    for (auto x : boost::make_iterator_range(boost::vertices(g))) {
        const ActorVertex& a = g[x];
        w.StartObject();
        write_field(w, "id", a.id);
        write_field(w, "ur", a.label_ur);
        write_field(w, "en", a.label_en);
        write_field(w, "type", a.type);
        write_field(w, "country", a.country);
        w.EndObject();
    }
    w.EndArray();
}

void write_data_edges(JsonWriter& w, const View& v, std::set<std::string>& articles) {
    using detail::write_field;
    const auto& g = v.g;
    w.Key("edges");
    w.StartArray();
    std::size_t i = 0;
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
        const TieEdge& t = g[e];
        w.StartObject();
        w.Key("s");
        w.Uint64(boost::source(e, g));
        w.Key("t");
        w.Uint64(boost::target(e, g));
        write_field(w, "rel", t.relation);
        w.Key("sym");
        w.Bool(t.symmetric);
        w.Key("w");
        w.Int64(static_cast<std::int64_t>(t.weight));
        write_field(w, "mode", t.mode);
        write_field(w, "first", t.first_date);
        write_field(w, "last", t.last_date);
        write_field(w, "outlets", detail::outlet_list(t.outlets));
        w.Key("ev");
        w.StartArray();
        for (const Evidence& x : v.evidence[i++]) {
            articles.insert(x.article);
            w.StartObject();
            write_field(w, "a", x.article);
            write_field(w, "o", x.outlet);
            write_field(w, "d", x.date);
            write_field(w, "t", x.sentence);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
}

void write_data(std::ostream& out, const View& v, const Store& store) {
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    w.StartObject();
    write_data_nodes(w, v.g);
    std::set<std::string> articles;
    write_data_edges(w, v, articles);
    w.Key("articles");
    w.StartObject();
    store.for_each_article([&](const Store::ArticleRow& a) {
        if (!articles.count(a.id)) return;
        w.Key(a.id.c_str(), static_cast<rapidjson::SizeType>(a.id.size()));
        w.StartObject();
        detail::write_field(w, "title", a.title);
        detail::write_field(w, "url", a.url);
        w.EndObject();
    });
    w.EndObject();
    w.EndObject();
    // '<' only occurs inside strings: as \u003c no "</script>" can end the block early
    out << "<script type=\"application/json\" id=\"data\">";
    for (const char* p = buf.GetString(); *p; ++p) {
        if (*p == '<')
            out << "\\u003c";
        else
            out << *p;
    }
    out << "</script>\n";
}

}  // namespace

void write_html(const TieGraph& tg,
                const Store& store,
                std::ostream& out,
                const ExportOptions& options) {
    const View v = gather(tg, store, options.dyad);
    out << "<!DOCTYPE html>\n<html lang=\"ur\" dir=\"ltr\">\n<head>\n<meta charset=\"utf-8\">\n"
        << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        << "<title>rabta: " << tg.vertex_count() << " nodes, " << tg.edge_count()
        << " edges</title>\n<style>" << detail::kHtmlStyle << "</style>\n</head>\n"
        << "<body data-label=\""
        << (options.label == ExportOptions::Label::latin ? "latin" : "urdu") << "\">\n";
    write_header(out, tg, v);
    out << fmt::format(
        "<main><svg id=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {:.0f} "
        "{:.0f}\" preserveAspectRatio=\"xMidYMid meet\">\n",
        std::max(v.layout.width, 1.0), std::max(v.layout.height, 1.0));
    write_markers(out, v);
    write_edges(out, v);
    write_nodes(out, v);
    out << "</svg></main>\n<aside>\n";
    write_cooperation(out, v, options.dyad);
    write_timelines(out, v);
    out << "<section id=\"details\"><p class=\"meta\">Click a node or an edge for its ties and "
           "the sentences behind them.</p></section>\n</aside>\n";
    write_data(out, v, store);
    out << "<pre id=\"selftest\"></pre>\n<script>" << detail::kHtmlScript
        << "</script>\n</body>\n</html>\n";
}

}  // namespace rabta
