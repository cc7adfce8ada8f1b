#include "query_commands.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <rabta/arguments.h>
#include <rabta/error.h>
#include <rabta/graph.h>
#include <rabta/lookup.h>
#include <rabta/query.h>
#include <rabta/store.h>

#include <algorithm>

#include "cli.h"
#include "cooperation_print.h"
#include "table.h"

namespace rabta::cli {

namespace {

// A label for an id: Urdu, then Latin in brackets when there is one.
struct Labels {
    const EntityIndex& named;
    const StoredEntity* find(const std::string& id) const {
        auto it = named.find(id);
        return it == named.end() ? nullptr : &it->second;
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
        const StoredEntity* e = find(id);
        if (!e) return id;
        return e->label_en.empty() ? e->label_ur : fmt::format("{} ({})", e->label_ur, e->label_en);
    }
};

std::string dash(const std::string& s) {
    return s.empty() ? "-" : s;
}

void print_evidence_table(const std::vector<StoredRelation>& rels,
                          const Labels& label,
                          std::ostream& out) {
    // a person's tie was made in the office they held that day
    Table t(
        {"date", "relation", "source", "in office", "", "target", "mode", "article", "sentence"});
    for (const auto& r : rels) {
        t.add({dash(r.date), r.relation, label(r.source), dash(label.office(r.source, r.date)),
               r.directed ? "→" : "—", label(r.target), r.mode, r.article,
               snippet(r.sentence, 90)});
    }
    t.print(out);
}

// The line that says which relations an answer counted; `defaulted` names
// the default when the analyst gave no list ("" when the default is all).
void say_relations(std::ostream& out,
                   const std::vector<std::string>& relations,
                   const std::string& defaulted) {
    if (relations.empty() && defaulted.empty()) return;
    std::string list;
    for (const auto& r : relations)
        list += (list.empty() ? "" : ", ") + r;
    fmt::print(out, "relations: {}{}\n", list.empty() ? "all" : list, defaulted);
}

int entities_cmd(const QueryCommands& q, const Store& store, std::ostream& out) {
    const EntitiesArgs& o = q.entities_args;
    EntityQuery eq{o.type.empty() ? "" : one_of("--type", o.type, entity_types()),
                   o.country.empty() ? "" : resolve_country(store, "--country", o.country),
                   o.discovered};
    const EntitiesAnswer a = answer_entities(store, eq);
    if (q.json) return write_json(out, a), kOk;
    Table t({"id", "type", "country", "mentions", "first", "last", "label"});
    for (const auto& e : a.entities) {
        t.add({e.id, e.type + (e.discovered ? "*" : ""), dash(e.country),
               std::to_string(e.mentions), dash(e.first_seen), dash(e.last_seen),
               e.label_en.empty() ? e.label_ur : e.label_ur + " (" + e.label_en + ")"});
    }
    t.print(out);
    fmt::print(out, "{} entities (* discovered by a pattern, not in the lexicon)\n",
               a.entities.size());
    return kOk;
}

void print_card(const ShowAnswer& a, const Labels& label, std::ostream& out) {
    const StoredEntity& e = a.card.entity;
    fmt::print(out, "{}  {}\n", visible(e.id), visible(label(e.id)));
    fmt::print(out, "type: {}{}   country: {}   mentions: {}   seen: {} … {}\n", visible(e.type),
               e.discovered ? " (discovered by a pattern)" : "", visible(dash(e.country)),
               e.mentions, dash(e.first_seen), dash(e.last_seen));
    std::string aliases;
    for (const auto& al : e.aliases)
        aliases += (aliases.empty() ? "" : "، ") + al;
    fmt::print(out, "aliases: {}\n\nnamed in the articles as (why these names are one entity):\n",
               visible(dash(aliases)));
    Table names({"surface", "kind", "mentions", "first article", "matched"});
    for (const auto& n : a.card.names)
        names.add({n.surface, n.kind, std::to_string(n.mentions), n.first_article, n.via});
    names.print(out);
}

int show_cmd(const QueryCommands& q, const Store& store, std::ostream& out) {
    const ShowArgs& o = q.show_args;
    if (!o.as_of.empty() && (o.as_of.size() != 10 || !period_bound(o.as_of, false)))
        throw UsageError(fmt::format("show: --as-of '{}' is not YYYY-MM-DD", o.as_of));
    const ShowAnswer a =
        answer_show(store, {resolve_entity(store, o.name), o.as_of, scope_of(o.sel)});
    if (q.json) return write_json(out, a), kOk;
    const Labels label{a.named};
    print_card(a, label, out);
    if (!a.as_of.empty()) {
        fmt::print(out, "\nin office on {}:\n", a.as_of);
        for (const auto& r : a.in_office)
            fmt::print(out, "  {} @ {} ({})\n", visible(r.title), visible(label(r.org)),
                       visible(r.source));
    }
    fmt::print(out, "\nroles ({} roles as {} spans; an article's role holds on its date):\n",
               a.card.entity.roles.size(), a.spans.size());
    Table roles({"first", "last", "title", "at", "articles", "source"});
    for (const auto& r : a.spans)
        roles.add({dash(r.first), dash(r.last), r.title, label(r.org),
                   r.source == "lexicon" ? "-" : std::to_string(r.articles), r.source});
    roles.print(out);
    say_relations(out, a.relations, "");
    fmt::print(out,
               "\nties ({} relation mentions, {} by relation and counterpart, newest first; "
               "each one: rabta ties NAME):\n",
               a.ties.size(), a.groups.size());
    Table ties({"last", "first", "relation", "", "counterpart", "mentions", "articles", "article",
                "newest sentence"});
    for (const auto& g : a.groups) {
        ties.add({dash(g.last), dash(g.first), g.relation,
                  !g.directed ? "—" : (g.outgoing ? "→" : "←"), label(g.counterpart),
                  std::to_string(g.mentions), std::to_string(g.articles), g.article,
                  snippet(g.sentence, 80)});
    }
    ties.print(out);
    if (!a.not_ties.empty())
        fmt::print(out, "\nnot ties ({}: the text denies them; never exported or counted):\n",
                   a.not_ties.size());
    for (const auto& r : a.not_ties) {
        const std::string& id = a.card.entity.id;
        const bool out_going = !r.directed || r.source == id;
        fmt::print(out, "  not a tie: {} {} {} {}  {} {}  «{}»\n", r.polarity, r.relation,
                   !r.directed ? "—" : (out_going ? "→" : "←"),
                   visible(label(r.source == id ? r.target : r.source)), dash(r.date), r.article,
                   snippet(r.sentence, 160));
    }
    return kOk;
}

int ties_cmd(const QueryCommands& q, const Store& store, std::ostream& out, std::ostream& err) {
    const TiesArgs& o = q.ties_args;
    if (o.names.empty() || o.names.size() > 2) {
        fmt::print(err, "rabta ties: give NAME or NAME NAME2\n");
        return kUsage;
    }
    TiesQuery tq;
    tq.a = resolve_entity(store, o.names[0]);
    if (o.names.size() > 1) tq.b = resolve_entity(store, o.names[1]);
    tq.scope = scope_of(o.sel);
    const TiesAnswer a = answer_ties(store, tq);
    if (q.json) return write_json(out, a), kOk;
    print_evidence_table(a.ties, Labels{a.named}, out);
    fmt::print(out, "{} relation mentions\n", a.ties.size());
    return kOk;
}

int path_cmd(const QueryCommands& q, const Store& store, std::ostream& out) {
    const PathArgs& o = q.path_args;
    PathQuery pq;
    pq.from = resolve_entity(store, o.names[0]);
    pq.to = resolve_entity(store, o.names[1]);
    pq.filter = filter_of(o.sel, interaction_relations());
    const PathAnswer a = answer_path(store, pq);
    if (q.json) return write_json(out, a), kOk;
    const std::string defaulted = chose_relations(o.sel) ? "" : kInteractionsByDefault;
    if (!a.hops) {
        fmt::print(out, "no path between {} and {}\n", visible(a.from), visible(a.to));
        say_relations(out, a.relations, defaulted);
        return kOk;
    }
    const Labels label{a.named};
    Table t({"step", "from", "relation", "to", "date", "article", "sentence"});
    std::size_t i = 0;
    for (const auto& h : *a.hops) {
        t.add({std::to_string(++i), label(h.from),
               h.forward ? h.relation + " →" : "← " + h.relation, label(h.to), dash(h.date),
               h.article, snippet(h.sentence, 90)});
    }
    t.print(out);
    fmt::print(out, "{} hops\n", a.hops->size());
    say_relations(out, a.relations, defaulted);
    return kOk;
}

int top_cmd(const QueryCommands& q, const Store& store, std::ostream& out) {
    const TopArgs& o = q.top_args;
    TopQuery tq;
    tq.by = one_of("--by", o.by, {"betweenness", "degree"});
    tq.type = o.type.empty() ? "" : one_of("--type", o.type, entity_types());
    tq.limit = o.limit;
    tq.filter = filter_of(o.sel, interaction_relations());
    const TopAnswer a = answer_top(store, tq);
    if (q.json) return write_json(out, a), kOk;
    say_relations(out, a.relations, chose_relations(o.sel) ? "" : kInteractionsByDefault);
    Table t({"rank", "degree", "betweenness", "component", "type", "id", "label"});
    std::size_t rank = 0;
    for (const auto& x : a.entries) {
        const Centrality& c = x.centrality;
        t.add({std::to_string(++rank), std::to_string(c.degree),
               fmt::format("{:.4f}", c.betweenness), std::to_string(c.component), x.type, c.id,
               x.label_en.empty() ? x.label_ur : x.label_ur + " (" + x.label_en + ")"});
    }
    t.print(out);
    return kOk;
}

void print_months(const DyadView& d, std::ostream& out) {
    Table m({"month", "counts"});
    for (const auto& [month, counts] : d.months) {
        std::string s;
        for (const auto& [rel, n] : counts)
            s += fmt::format("{}{} {}", s.empty() ? "" : ", ", rel, n);
        m.add({month, s});
    }
    m.print(out);
}

int dyad_cmd(const QueryCommands& q, const Store& store, std::ostream& out) {
    const DyadArgs& o = q.dyad_args;
    DyadQuery dq;
    dq.a = resolve_country(store, "dyad", o.countries[0]);
    dq.b = resolve_country(store, "dyad", o.countries[1]);
    dq.scope = scope_of(o.sel);
    dq.weights = CooperationWeights::embedded();
    const DyadAnswer a = answer_dyad(store, dq);
    if (o.csv) return print_cooperation_csv(a.cooperation, out), kOk;
    if (q.json) return write_json(out, a), kOk;
    const Labels label{a.named};
    Table t({"first", "last", "relation", "source", "", "target", "evidences", "mode", "sentence"});
    for (const auto& x : a.view.ties) {
        t.add({dash(x.first_date), dash(x.last_date), x.relation, label(x.source),
               x.directed ? "→" : "—", label(x.target),
               x.copies > x.evidences ? fmt::format("{} ({} copies)", x.evidences, x.copies)
                                      : std::to_string(x.evidences),
               x.done ? "done" : "intent", snippet(x.best_sentence, 80)});
    }
    t.print(out);
    fmt::print(out, "\n{} ties between actors of {} and {}; relation mentions by month:\n",
               a.view.ties.size(), a.a, a.b);
    print_months(a.view, out);
    print_cooperation(a.cooperation, a.weights, out);
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
    EntitiesArgs& ea = q.entities_args;
    q.entities = common(app.add_subcommand("entities", "List entities"));
    q.entities->add_option("--type", ea.type, "person, organization, country, forum or place");
    q.entities->add_option("--country", ea.country, "ISO country code");
    q.entities->add_flag("--discovered", ea.discovered, "Only actors found by patterns");

    ShowArgs& sa = q.show_args;
    q.show = common(app.add_subcommand(
        "show", "One entity: aliases, why its names are one, role timeline, ties with evidence"));
    q.show->add_option("name", sa.name, "Urdu or Latin name (any spelling or spacing) or id")
        ->required();
    q.show->add_option("--as-of", sa.as_of,
                       "Also list the roles in force on this date (YYYY-MM-DD)");
    add_selection(q.show, sa.sel, true);

    TiesArgs& ta = q.ties_args;
    q.ties = common(app.add_subcommand("ties", "Relation mentions of one actor, or between two"));
    q.ties->add_option("names", ta.names, "NAME [NAME2]")->required();
    add_selection(q.ties, ta.sel, true);

    q.path = common(app.add_subcommand(
        "path", "A shortest chain of ties between two actors, each hop with its sentence"));
    q.path->add_option("names", q.path_args.names, "NAME1 NAME2")->required()->expected(2);
    add_selection(q.path, q.path_args.sel, true,
                  "the interactions: agreed,attended,cooperated,met,signed");

    TopArgs& to = q.top_args;
    q.top = common(app.add_subcommand("top", "The most central actors"));
    q.top->add_option("--by", to.by, "degree or betweenness")->capture_default_str();
    q.top->add_option("--type", to.type, "Only entities of this type");
    q.top->add_option("-n", to.limit, "How many (0: all)")->capture_default_str();
    add_selection(q.top, to.sel, true, "the interactions: agreed,attended,cooperated,met,signed");

    DyadArgs& da = q.dyad_args;
    q.dyad = common(app.add_subcommand(
        "dyad", "Ties between the actors of two countries, with a count per month"));
    q.dyad->add_option("countries", da.countries, "COUNTRY1 COUNTRY2 (ISO codes or names)")
        ->required()
        ->expected(2);
    add_selection(q.dyad, da.sel, true);
    q.dyad->add_flag("--csv", da.csv, "The cooperation index by month as CSV");
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
        if (c == q.show) return show_cmd(q, store, out);
        if (c == q.ties) return ties_cmd(q, store, out, err);
        if (c == q.path) return path_cmd(q, store, out);
        if (c == q.top) return top_cmd(q, store, out);
        return dyad_cmd(q, store, out);
    }
    return -1;
}

}  // namespace rabta::cli
