#include <fmt/format.h>
#include <rabta/export.h>

#include "export/fields.h"

namespace rabta {

namespace {

// Excel decodes a CSV file as UTF-8 only when it starts with this mark; without
// it, it uses the system's ANSI code page.
constexpr std::string_view kBom = "\xEF\xBB\xBF";

// A cell that a spreadsheet would take for a formula: one that begins with
// = + - @, or with a tab or carriage return that it skips before looking
// (OWASP's CSV injection rule). An article id or an outlet comes from the input.
// Controls that field() removes do not count: "\x01=cmd" is "=cmd" once written.
bool formula_like(std::string_view s) {
    for (char c : s) {
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\r' && c != '\t') continue;
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    }
    return false;
}

// One RFC 4180 field: quoted when it holds a comma, quote or line break; C0
// controls other than line breaks removed so that no importer trips on them;
// a formula-like cell prefixed with a single quote, so that it stays text.
std::string field(std::string_view s) {
    std::string clean;
    clean.reserve(s.size() + 1);
    if (formula_like(s)) clean.push_back('\'');
    bool quote = false;
    for (char c : s) {
        auto u = static_cast<unsigned char>(c);
        if (u < 0x20 && c != '\n' && c != '\r') continue;
        if (c == ',' || c == '"' || c == '\n' || c == '\r') quote = true;
        if (c == '"') clean.push_back('"');
        clean.push_back(c);
    }
    return quote ? "\"" + clean + "\"" : clean;
}

template <typename... T>
void row(std::ostream& out, const T&... fields) {
    bool first = true;
    ((out << (first ? "" : ",") << field(fields), first = false), ...);
    out << "\r\n";
}

}  // namespace

void write_csv(const TieGraph& tg,
               std::ostream& nodes,
               std::ostream& edges,
               const ExportOptions& options) {
    const auto& g = tg.graph();
    if (options.excel) {
        nodes << kBom;
        edges << kBom;
    }
    row(nodes, "Id", "Label", "Type", "label_ur", "label_en", "subtype", "country", "mentions",
        "first_seen", "last_seen");
    for (auto v : boost::make_iterator_range(boost::vertices(g))) {
        const ActorVertex& a = g[v];
        row(nodes, a.id, detail::node_label(a, options), a.type, a.label_ur, a.label_en, a.subtype,
            a.country, fmt::format("{}", a.mentions), a.first_seen, a.last_seen);
    }
    row(edges, "Source", "Target", "Type", "Weight", "Label", "Kind", "mode", "first_date",
        "last_date", "articles", "outlets", "evidence", "evidence_article", "context",
        "context_source");
    for (auto e : boost::make_iterator_range(boost::edges(g))) {
        const TieEdge& t = g[e];
        const std::string outlets = detail::outlet_list(t.outlets);
        row(edges, g[boost::source(e, g)].id, g[boost::target(e, g)].id,
            t.symmetric ? "Undirected" : "Directed", fmt::format("{:.1f}", t.weight), t.relation,
            t.relation, t.mode, t.first_date, t.last_date, fmt::format("{}", t.articles), outlets,
            t.evidence, t.evidence_article, t.context, t.context_source);
    }
}

}  // namespace rabta
