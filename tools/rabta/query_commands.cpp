#include "query_commands.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <rabta/graph.h>
#include <rabta/query.h>
#include <rabta/store.h>

#include <algorithm>
#include <map>
#include <set>

#include "cli.h"
#include "common.h"
#include "json_out.h"
#include "table.h"

namespace rabta::cli {

namespace {

using namespace json;

void write_entity(Writer& w, const StoredEntity& e) {
    w.StartObject();
    str(w, "id", e.id);
    str(w, "type", e.type);
    opt_str(w, "label_ur", e.label_ur);
    opt_str(w, "label_en", e.label_en);
    opt_str(w, "country", e.country);
    key(w, "discovered");
    w.Bool(e.discovered);
    num(w, "mentions", e.mentions);
    opt_str(w, "first_seen", e.first_seen);
    opt_str(w, "last_seen", e.last_seen);
    w.EndObject();
}

void write_evidence(Writer& w, const StoredRelation& r) {
    w.StartObject();
    str(w, "source", r.source);
    str(w, "target", r.target);
    str(w, "relation", r.relation);
    key(w, "directed");
    w.Bool(r.directed);
    str(w, "mode", r.mode);
    opt_str(w, "context", r.context);
    str(w, "rule", r.rule);
    key(w, "confidence");
    w.Double(r.confidence);
    opt_str(w, "date", r.date);
    str(w, "article", r.article);
    opt_str(w, "outlet", r.outlet);
    str(w, "sentence", r.sentence);
    w.EndObject();
}

// A label for an id: Urdu, then Latin in brackets when there is one.
struct Labels {
    std::map<std::string, const StoredEntity*> by_id;
    std::vector<StoredEntity> all;
    /// Only the entities an answer names, not the whole store.
    Labels(const Store& s, const std::vector<std::string>& ids)
        : all(ids.empty() ? std::vector<StoredEntity>{} : s.entities(ids)) {
        for (const auto& e : all)
            by_id[e.id] = &e;
    }
    const StoredEntity* find(const std::string& id) const {
        auto it = by_id.find(id);
        return it == by_id.end() ? nullptr : it->second;
    }
    /// «title @ org» of the first role a person held on `date`, or "".
    std::string office(const std::string& id, const std::string& date) const {
        const StoredEntity* e = find(id);
        if (!e || e->type != "person") return "";
        const auto roles = roles_on(*e, date);
        if (roles.empty()) return "";
        return fmt::format("{} @ {}", roles.front().title, roles.front().org_label);
    }
    std::string operator()(const std::string& id) const {
        auto it = by_id.find(id);
        if (it == by_id.end()) return id;
        const StoredEntity& e = *it->second;
        return e.label_en.empty() ? e.label_ur : fmt::format("{} ({})", e.label_ur, e.label_en);
    }
};

std::vector<std::string> ids_of(const std::vector<StoredRelation>& rels) {
    std::set<std::string> ids;
    for (const auto& r : rels) {
        ids.insert(r.source);
        ids.insert(r.target);
    }
    return {ids.begin(), ids.end()};
}

std::string one_line(std::string s, std::size_t max_cols) {
    std::replace(s.begin(), s.end(), '\n', ' ');
    if (display_width(s) <= max_cols) return s;
    // cut on a character boundary
    std::size_t cut = 0, cols = 0;
    while (cut < s.size() && cols < max_cols) {
        ++cut;
        while (cut < s.size() && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80)
            ++cut;
        ++cols;
    }
    return s.substr(0, cut) + "…";
}

std::string arrow(const StoredRelation& r) {
    return r.directed ? "→" : "—";
}

EvidenceScope scope_of(const QueryCommands& q, std::ostream& err, bool& ok) {
    EvidenceScope s;
    ok = true;
    if (!q.from.empty()) {
        auto d = period_bound(q.from, false);
        if (!d) {
            fmt::print(err, "rabta: --from '{}' is not YYYY, YYYY-MM or YYYY-MM-DD\n", q.from);
            ok = false;
        } else {
            s.from = *d;
        }
    }
    if (!q.to.empty()) {
        auto d = period_bound(q.to, true);
        if (!d) {
            fmt::print(err, "rabta: --to '{}' is not YYYY, YYYY-MM or YYYY-MM-DD\n", q.to);
            ok = false;
        } else {
            s.to = *d;
        }
    }
    if (!q.relation.empty()) s.relations = {q.relation};
    return s;
}

void print_evidence_table(const std::vector<StoredRelation>& rels,
                          const Labels& label,
                          std::ostream& out) {
    // a person's tie was made in the office they held that day
    Table t(
        {"date", "relation", "source", "in office", "", "target", "mode", "article", "sentence"});
    for (const auto& r : rels) {
        const std::string office = label.office(r.source, r.date);
        t.add({r.date.empty() ? "-" : r.date, r.relation, label(r.source),
               office.empty() ? "-" : office, arrow(r), label(r.target), r.mode, r.article,
               one_line(r.sentence, 90)});
    }
    t.print(out);
}

int entities_cmd(const QueryCommands& q, const Store& store, std::ostream& out) {
    EntityQuery eq{q.type, q.country, q.discovered};
    const auto list = list_entities(store, eq);
    if (q.json) {
        rapidjson::OStreamWrapper os(out);
        Writer w(os);
        w.StartObject();
        str(w, "command", "entities");
        key(w, "entities");
        w.StartArray();
        for (const auto& e : list)
            write_entity(w, e);
        w.EndArray();
        w.EndObject();
        out << '\n';
        return kOk;
    }
    Table t({"id", "type", "country", "mentions", "first", "last", "label"});
    for (const auto& e : list) {
        t.add({e.id, e.type + (e.discovered ? "*" : ""), e.country.empty() ? "-" : e.country,
               std::to_string(e.mentions), e.first_seen.empty() ? "-" : e.first_seen,
               e.last_seen.empty() ? "-" : e.last_seen,
               e.label_en.empty() ? e.label_ur : e.label_ur + " (" + e.label_en + ")"});
    }
    t.print(out);
    fmt::print(out, "{} entities (* discovered by a pattern, not in the lexicon)\n", list.size());
    return kOk;
}

int show_cmd(const QueryCommands& q, const Store& store, std::ostream& out, std::ostream& err) {
    if (q.names.size() != 1) {
        fmt::print(err, "rabta show: give one NAME\n");
        return kUsage;
    }
    if (!q.as_of.empty() && (q.as_of.size() != 10 || !period_bound(q.as_of, false))) {
        fmt::print(err, "rabta show: --as-of '{}' is not YYYY-MM-DD\n", q.as_of);
        return kUsage;
    }
    auto id = one_entity(store, q.names[0], err);
    if (!id) return kDataProblems;
    const auto card = entity_card(store, *id);
    const auto rels = ties_of(store, *id, "", {});
    std::vector<std::string> named = ids_of(rels);
    named.push_back(*id);
    for (const auto& r : card->entity.roles)
        named.push_back(r.org);
    const Labels label(store, named);
    const StoredEntity& e = card->entity;
    if (q.json) {
        rapidjson::OStreamWrapper os(out);
        Writer w(os);
        w.StartObject();
        str(w, "command", "show");
        key(w, "entity");
        write_entity(w, e);
        key(w, "aliases");
        w.StartArray();
        for (const auto& a : e.aliases)
            w.String(a.c_str(), static_cast<rapidjson::SizeType>(a.size()));
        w.EndArray();
        key(w, "names");
        w.StartArray();
        for (const auto& n : card->names) {
            w.StartObject();
            str(w, "surface", n.surface);
            str(w, "kind", n.kind);
            str(w, "via", n.via);
            num(w, "mentions", n.mentions);
            str(w, "first_article", n.first_article);
            w.EndObject();
        }
        w.EndArray();
        key(w, "roles");
        w.StartArray();
        for (const auto& r : e.roles) {
            w.StartObject();
            str(w, "title", r.title);
            str(w, "org", r.org);
            opt_str(w, "from", r.from);
            opt_str(w, "to", r.to);
            str(w, "source", r.source);
            w.EndObject();
        }
        w.EndArray();
        key(w, "in_office");
        if (q.as_of.empty()) {
            w.Null();
        } else {
            w.StartArray();
            for (const auto& r : roles_on(e, q.as_of)) {
                w.StartObject();
                str(w, "title", r.title);
                str(w, "org", r.org);
                str(w, "source", r.source);
                w.EndObject();
            }
            w.EndArray();
        }
        key(w, "ties");
        w.StartArray();
        for (const auto& r : rels)
            write_evidence(w, r);
        w.EndArray();
        w.EndObject();
        out << '\n';
        return kOk;
    }
    fmt::print(out, "{}  {}\n", visible(e.id), visible(label(e.id)));
    fmt::print(out, "type: {}{}   country: {}   mentions: {}   seen: {} … {}\n", visible(e.type),
               e.discovered ? " (discovered by a pattern)" : "",
               e.country.empty() ? "-" : visible(e.country), e.mentions,
               e.first_seen.empty() ? "-" : e.first_seen, e.last_seen.empty() ? "-" : e.last_seen);
    std::string aliases;
    for (const auto& a : e.aliases)
        aliases += (aliases.empty() ? "" : "، ") + a;
    fmt::print(out, "aliases: {}\n\nnamed in the articles as (why these names are one entity):\n",
               aliases.empty() ? "-" : visible(aliases));
    Table names({"surface", "kind", "mentions", "first article", "matched"});
    for (const auto& n : card->names)
        names.add({n.surface, n.kind, std::to_string(n.mentions), n.first_article, n.via});
    names.print(out);
    if (!q.as_of.empty()) {
        fmt::print(out, "\nin office on {}:\n", q.as_of);
        for (const auto& r : roles_on(e, q.as_of))
            fmt::print(out, "  {} @ {} ({})\n", visible(r.title), visible(label(r.org)),
                       visible(r.source));
    }
    fmt::print(out, "\nroles (timeline):\n");
    Table roles({"from", "to", "title", "at", "source"});
    for (const auto& r : e.roles) {
        roles.add({r.from.empty() ? "-" : r.from, r.to.empty() ? "-" : r.to, r.title, label(r.org),
                   r.source});
    }
    roles.print(out);
    fmt::print(out, "\nties ({} relation mentions):\n", rels.size());
    print_evidence_table(rels, label, out);
    return kOk;
}

int ties_cmd(const QueryCommands& q, const Store& store, std::ostream& out, std::ostream& err) {
    if (q.names.empty() || q.names.size() > 2) {
        fmt::print(err, "rabta ties: give NAME or NAME NAME2\n");
        return kUsage;
    }
    std::vector<std::string> ids;
    for (const auto& n : q.names) {
        auto id = one_entity(store, n, err);
        if (!id) return kDataProblems;
        ids.push_back(*id);
    }
    bool ok = true;
    const EvidenceScope scope = scope_of(q, err, ok);
    if (!ok) return kUsage;
    const auto rels = ties_of(store, ids[0], ids.size() > 1 ? ids[1] : "", scope);
    if (q.json) {
        rapidjson::OStreamWrapper os(out);
        Writer w(os);
        w.StartObject();
        str(w, "command", "ties");
        str(w, "a", ids[0]);
        opt_str(w, "b", ids.size() > 1 ? ids[1] : "");
        key(w, "ties");
        w.StartArray();
        for (const auto& r : rels)
            write_evidence(w, r);
        w.EndArray();
        w.EndObject();
        out << '\n';
        return kOk;
    }
    print_evidence_table(rels, Labels(store, ids_of(rels)), out);
    fmt::print(out, "{} relation mentions\n", rels.size());
    return kOk;
}

int path_cmd(const QueryCommands& q, const Store& store, std::ostream& out, std::ostream& err) {
    if (q.names.size() != 2) {
        fmt::print(err, "rabta path: give NAME1 NAME2\n");
        return kUsage;
    }
    auto a = one_entity(store, q.names[0], err);
    if (!a) return kDataProblems;
    auto b = one_entity(store, q.names[1], err);
    if (!b) return kDataProblems;
    const TieGraph g = TieGraph::from_store(store);
    const auto hops = shortest_path(g, *a, *b);
    if (q.json) {
        rapidjson::OStreamWrapper os(out);
        Writer w(os);
        w.StartObject();
        str(w, "command", "path");
        str(w, "from", *a);
        str(w, "to", *b);
        key(w, "found");
        w.Bool(hops.has_value());
        key(w, "hops");
        w.StartArray();
        for (const auto& h : hops ? *hops : std::vector<PathHop>{}) {
            w.StartObject();
            str(w, "from", h.from);
            str(w, "to", h.to);
            str(w, "relation", h.relation);
            key(w, "forward");
            w.Bool(h.forward);
            key(w, "weight");
            w.Double(h.weight);
            opt_str(w, "date", h.date);
            str(w, "article", h.article);
            str(w, "sentence", h.sentence);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        out << '\n';
        return kOk;
    }
    if (!hops) {
        fmt::print(out, "no path between {} and {}\n", visible(*a), visible(*b));
        return kOk;
    }
    std::vector<std::string> on_path;
    for (const auto& h : *hops) {
        on_path.push_back(h.from);
        on_path.push_back(h.to);
    }
    const Labels label(store, on_path);
    Table t({"step", "from", "relation", "to", "date", "article", "sentence"});
    std::size_t i = 0;
    for (const auto& h : *hops) {
        t.add({std::to_string(++i), label(h.from),
               h.forward ? h.relation + " →" : "← " + h.relation, label(h.to),
               h.date.empty() ? "-" : h.date, h.article, one_line(h.sentence, 90)});
    }
    t.print(out);
    fmt::print(out, "{} hops\n", hops->size());
    return kOk;
}

int top_cmd(const QueryCommands& q, const Store& store, std::ostream& out) {
    const TieGraph g = TieGraph::from_store(store);
    std::vector<Centrality> c = centrality(g);
    std::map<std::string, const ActorVertex*> v;
    for (auto x : boost::make_iterator_range(boost::vertices(g.graph())))
        v[g.graph()[x].id] = &g.graph()[x];
    if (!q.type.empty())
        std::erase_if(c, [&](const Centrality& x) { return v.at(x.id)->type != q.type; });
    const bool by_betweenness = q.by == "betweenness";
    std::stable_sort(c.begin(), c.end(), [&](const Centrality& x, const Centrality& y) {
        if (by_betweenness && x.betweenness != y.betweenness) return x.betweenness > y.betweenness;
        if (x.degree != y.degree) return x.degree > y.degree;
        if (x.betweenness != y.betweenness) return x.betweenness > y.betweenness;
        return x.id < y.id;
    });
    if (q.limit && c.size() > q.limit) c.resize(q.limit);
    if (q.json) {
        rapidjson::OStreamWrapper os(out);
        Writer w(os);
        w.StartObject();
        str(w, "command", "top");
        str(w, "by", q.by);
        key(w, "entities");
        w.StartArray();
        for (const auto& x : c) {
            const ActorVertex& e = *v.at(x.id);
            w.StartObject();
            str(w, "id", x.id);
            str(w, "type", e.type);
            opt_str(w, "label_ur", e.label_ur);
            opt_str(w, "label_en", e.label_en);
            num(w, "degree", static_cast<std::int64_t>(x.degree));
            key(w, "betweenness");
            w.Double(x.betweenness);
            num(w, "component", static_cast<std::int64_t>(x.component));
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        out << '\n';
        return kOk;
    }
    Table t({"rank", "degree", "betweenness", "component", "type", "id", "label"});
    std::size_t rank = 0;
    for (const auto& x : c) {
        const ActorVertex& e = *v.at(x.id);
        t.add({std::to_string(++rank), std::to_string(x.degree),
               fmt::format("{:.4f}", x.betweenness), std::to_string(x.component), e.type, x.id,
               e.label_en.empty() ? e.label_ur : e.label_ur + " (" + e.label_en + ")"});
    }
    t.print(out);
    return kOk;
}

int dyad_cmd(const QueryCommands& q, const Store& store, std::ostream& out, std::ostream& err) {
    if (q.names.size() != 2) {
        fmt::print(err, "rabta dyad: give COUNTRY1 COUNTRY2\n");
        return kUsage;
    }
    std::vector<std::string> iso;
    for (const auto& n : q.names) {
        if (n.size() == 2 && std::isupper(static_cast<unsigned char>(n[0])) &&
            std::isupper(static_cast<unsigned char>(n[1]))) {
            iso.push_back(n);
            continue;
        }
        auto id = one_entity(store, n, err);
        if (!id) return kDataProblems;
        if (!id->starts_with("country:")) {
            fmt::print(err, "rabta dyad: '{}' is {}, not a country\n", n, *id);
            return kDataProblems;
        }
        iso.push_back(id->substr(8));
    }
    bool ok = true;
    const EvidenceScope scope = scope_of(q, err, ok);
    if (!ok) return kUsage;
    const DyadView d = dyad_view(store, iso[0], iso[1], scope);
    if (q.json) {
        rapidjson::OStreamWrapper os(out);
        Writer w(os);
        w.StartObject();
        str(w, "command", "dyad");
        key(w, "countries");
        w.StartArray();
        for (const auto& c : iso)
            w.String(c.c_str());
        w.EndArray();
        opt_str(w, "from", scope.from);
        opt_str(w, "to", scope.to);
        key(w, "ties");
        w.StartArray();
        for (const auto& t : d.ties) {
            w.StartObject();
            str(w, "source", t.source);
            str(w, "target", t.target);
            str(w, "relation", t.relation);
            key(w, "directed");
            w.Bool(t.directed);
            num(w, "evidences", t.evidences);
            num(w, "copies", t.copies);
            num(w, "articles", t.articles);
            key(w, "done");
            w.Bool(t.done);
            opt_str(w, "first_date", t.first_date);
            opt_str(w, "last_date", t.last_date);
            str(w, "sentence", t.best_sentence);
            str(w, "article", t.best_article);
            w.EndObject();
        }
        w.EndArray();
        key(w, "months");
        w.StartArray();
        for (const auto& [month, counts] : d.months) {
            w.StartObject();
            str(w, "month", month);
            key(w, "counts");
            w.StartObject();
            for (const auto& [rel, n] : counts)
                num(w, rel.c_str(), n);
            w.EndObject();
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
        out << '\n';
        return kOk;
    }
    std::vector<std::string> in_dyad;
    for (const auto& x : d.ties) {
        in_dyad.push_back(x.source);
        in_dyad.push_back(x.target);
    }
    const Labels label(store, in_dyad);
    Table t({"first", "last", "relation", "source", "", "target", "evidences", "mode", "sentence"});
    for (const auto& x : d.ties) {
        t.add({x.first_date.empty() ? "-" : x.first_date, x.last_date.empty() ? "-" : x.last_date,
               x.relation, label(x.source), x.directed ? "→" : "—", label(x.target),
               x.copies > x.evidences ? fmt::format("{} ({} copies)", x.evidences, x.copies)
                                      : std::to_string(x.evidences),
               x.done ? "done" : "intent", one_line(x.best_sentence, 80)});
    }
    t.print(out);
    fmt::print(out, "\n{} ties between actors of {} and {}; relation mentions by month:\n",
               d.ties.size(), iso[0], iso[1]);
    Table m({"month", "counts"});
    for (const auto& [month, counts] : d.months) {
        std::string s;
        for (const auto& [rel, n] : counts)
            s += fmt::format("{}{} {}", s.empty() ? "" : ", ", rel, n);
        m.add({month, s});
    }
    m.print(out);
    return kOk;
}

}  // namespace

void add_query_commands(CLI::App& app, QueryCommands& q) {
    auto common = [&](CLI::App* c) {
        c->add_option("--db", q.db, "Database")->capture_default_str();
        c->add_flag("--json", q.json,
                    "One JSON object (schemas/query.schema.json) instead of a table");
        return c;
    };
    q.entities = common(app.add_subcommand("entities", "List entities"));
    q.entities->add_option("--type", q.type, "person, organization, country, forum or place");
    q.entities->add_option("--country", q.country, "ISO country code");
    q.entities->add_flag("--discovered", q.discovered, "Only actors found by patterns");

    q.show = common(app.add_subcommand(
        "show", "One entity: aliases, why its names are one, role timeline, ties with evidence"));
    q.show->add_option("name", q.names, "Urdu or Latin name (any spelling or spacing) or id")
        ->required();
    q.show->add_option("--as-of", q.as_of,
                       "Also list the roles in force on this date (YYYY-MM-DD)");

    q.ties = common(app.add_subcommand("ties", "Relation mentions of one actor, or between two"));
    q.ties->add_option("names", q.names, "NAME [NAME2]")->required();
    q.ties->add_option("--relation", q.relation, "Only this relation");
    q.ties->add_option("--from", q.from, "From this date (YYYY, YYYY-MM or YYYY-MM-DD)");
    q.ties->add_option("--to", q.to, "Up to this date (YYYY, YYYY-MM or YYYY-MM-DD)");

    q.path = common(app.add_subcommand(
        "path", "A shortest chain of ties between two actors, each hop with its sentence"));
    q.path->add_option("names", q.names, "NAME1 NAME2")->required()->expected(2);

    q.top = common(app.add_subcommand("top", "The most central actors"));
    q.top->add_option("--by", q.by, "degree or betweenness")
        ->check(CLI::IsMember({"degree", "betweenness"}))
        ->capture_default_str();
    q.top->add_option("--type", q.type, "Only entities of this type");
    q.top->add_option("-n", q.limit, "How many (0: all)")->capture_default_str();

    q.dyad = common(app.add_subcommand(
        "dyad", "Ties between the actors of two countries, with a count per month"));
    q.dyad->add_option("countries", q.names, "COUNTRY1 COUNTRY2 (ISO codes or names)")
        ->required()
        ->expected(2);
    q.dyad->add_option("--from", q.from, "From this date (YYYY, YYYY-MM or YYYY-MM-DD)");
    q.dyad->add_option("--to", q.to, "Up to this date (YYYY, YYYY-MM or YYYY-MM-DD)");
}

bool is_query_command(const QueryCommands& q) {
    for (const CLI::App* c : {q.entities, q.show, q.ties, q.path, q.top, q.dyad})
        if (*c) return true;
    return false;
}

int run_query_command(QueryCommands& q, std::ostream& out, std::ostream& err) {
    for (CLI::App* c : {q.entities, q.show, q.ties, q.path, q.top, q.dyad}) {
        if (!*c) continue;
        const Store store = Store::open(q.db);
        if (c == q.entities) return entities_cmd(q, store, out);
        if (c == q.show) return show_cmd(q, store, out, err);
        if (c == q.ties) return ties_cmd(q, store, out, err);
        if (c == q.path) return path_cmd(q, store, out, err);
        if (c == q.top) return top_cmd(q, store, out);
        return dyad_cmd(q, store, out, err);
    }
    return -1;
}

}  // namespace rabta::cli
