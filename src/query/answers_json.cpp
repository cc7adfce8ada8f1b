// One JSON writer per answer (schemas/query.schema.json), pretty-printed.
#include <rabta/query.h>
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include "util/json_write.h"

namespace rabta {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;
using detail::write_field;
using detail::write_optional_field;
using detail::write_string;

void write_int(Writer& w, const char* k, std::int64_t v) {
    w.Key(k);
    w.Int64(v);
}

void write_bool(Writer& w, const char* k, bool v) {
    w.Key(k);
    w.Bool(v);
}

void write_double(Writer& w, const char* k, double v) {
    w.Key(k);
    w.Double(v);
}

void write_entity(Writer& w, const StoredEntity& e) {
    w.StartObject();
    write_field(w, "id", e.id);
    write_field(w, "type", e.type);
    write_optional_field(w, "label_ur", e.label_ur);
    write_optional_field(w, "label_en", e.label_en);
    write_optional_field(w, "country", e.country);
    write_bool(w, "discovered", e.discovered);
    write_int(w, "mentions", e.mentions);
    write_optional_field(w, "first_seen", e.first_seen);
    write_optional_field(w, "last_seen", e.last_seen);
    w.EndObject();
}

void write_evidence(Writer& w, const StoredRelation& r) {
    w.StartObject();
    write_field(w, "source", r.source);
    write_field(w, "target", r.target);
    write_field(w, "relation", r.relation);
    write_bool(w, "directed", r.directed);
    write_field(w, "mode", r.mode);
    write_optional_field(w, "context", r.context);
    write_optional_field(w, "context_source", r.context_source);
    write_field(w, "rule", r.rule);
    write_double(w, "confidence", r.confidence);
    write_optional_field(w, "date", r.date);
    write_field(w, "article", r.article);
    write_optional_field(w, "outlet", r.outlet);
    write_field(w, "sentence", r.sentence);
    if (r.polarity != "affirmed") write_field(w, "polarity", r.polarity);
    w.EndObject();
}

void write_evidences(Writer& w, const char* k, const std::vector<StoredRelation>& rels) {
    w.Key(k);
    w.StartArray();
    for (const auto& r : rels)
        write_evidence(w, r);
    w.EndArray();
}

void write_strings(Writer& w, const char* k, const std::vector<std::string>& v) {
    w.Key(k);
    w.StartArray();
    for (const auto& s : v)
        write_string(w, s);
    w.EndArray();
}

void write_spans(Writer& w, const std::vector<RoleSpan>& spans) {
    w.Key("role_spans");
    w.StartArray();
    for (const auto& r : spans) {
        w.StartObject();
        write_field(w, "title", r.title);
        write_field(w, "org", r.org);
        write_optional_field(w, "org_label", r.org_label);
        write_optional_field(w, "first", r.first);
        write_optional_field(w, "last", r.last);
        write_int(w, "articles", r.articles);
        write_field(w, "source", r.source);
        w.EndObject();
    }
    w.EndArray();
}

void write_groups(Writer& w, const std::vector<TieGroup>& groups) {
    w.Key("tie_groups");
    w.StartArray();
    for (const auto& g : groups) {
        w.StartObject();
        write_field(w, "relation", g.relation);
        write_field(w, "counterpart", g.counterpart);
        write_bool(w, "directed", g.directed);
        write_bool(w, "outgoing", g.outgoing);
        write_int(w, "mentions", g.mentions);
        write_int(w, "articles", g.articles);
        write_optional_field(w, "first_date", g.first);
        write_optional_field(w, "last_date", g.last);
        write_field(w, "sentence", g.sentence);
        write_field(w, "article", g.article);
        w.EndObject();
    }
    w.EndArray();
}

void write_counts(Writer& w, const char* k, const std::map<std::string, std::int64_t>& m) {
    w.Key(k);
    w.StartObject();
    for (const auto& [name, n] : m)
        write_int(w, name.empty() ? "none" : name.c_str(), n);
    w.EndObject();
}

// Each month: relation mentions (every copy), then the cooperation series'
// independent evidences by relation and context and the month's index.
void write_dyad_months(Writer& w, const DyadAnswer& a) {
    std::map<std::string, const CooperationMonth*> series;
    for (const CooperationMonth& m : a.cooperation.months)
        series[m.month] = &m;
    const CooperationMonth none;
    w.Key("months");
    w.StartArray();
    for (const auto& [month, counts] : a.view.months) {
        auto it = series.find(month);
        const CooperationMonth& m = it == series.end() ? none : *it->second;
        w.StartObject();
        write_field(w, "month", month);
        write_counts(w, "counts", counts);
        write_int(w, "evidences", m.evidences);
        write_counts(w, "by_relation", m.by_relation);
        write_counts(w, "by_context", m.by_context);
        write_double(w, "index", m.index);
        w.EndObject();
    }
    w.EndArray();
}

// The scale and weights used, the total index and the five heaviest evidences.
void write_cooperation(Writer& w, const DyadAnswer& a) {
    const CooperationSeries& s = a.cooperation;
    w.Key("cooperation");
    w.StartObject();
    write_field(w, "scale", a.weights.scale);
    write_double(w, "intent_discount", a.weights.intent_discount);
    w.Key("weights");
    w.StartObject();
    for (const auto& [rel, x] : a.weights.relations) {
        w.Key(rel.c_str());
        w.StartObject();
        write_field(w, "cameo", x.cameo);
        write_double(w, "score", x.score);
        w.EndObject();
    }
    w.EndObject();
    write_int(w, "evidences", static_cast<std::int64_t>(s.evidences.size()));
    write_double(w, "index", s.index);
    w.Key("heaviest");
    w.StartArray();
    for (std::size_t i = 0; i < s.evidences.size() && i < 5; ++i) {
        const WeightedEvidence& e = s.evidences[i];
        w.StartObject();
        write_double(w, "weight", e.weight);
        write_bool(w, "intent", e.intent);
        write_int(w, "copies", e.copies);
        w.Key("evidence");
        write_evidence(w, e.evidence);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
}

// One document per answer: {"command": name, ...fields}, then a newline.
template <typename Fields>
void document(std::ostream& out, const char* command, Fields&& fields) {
    rapidjson::OStreamWrapper os(out);
    Writer w(os);
    w.StartObject();
    if (command) write_field(w, "command", command);
    fields(w);
    w.EndObject();
    out << '\n';
}

}  // namespace

void write_json(std::ostream& out, const EntitiesAnswer& a) {
    document(out, "entities", [&](Writer& w) {
        w.Key("entities");
        w.StartArray();
        for (const auto& e : a.entities)
            write_entity(w, e);
        w.EndArray();
    });
}

void write_json(std::ostream& out, const ShowAnswer& a) {
    const StoredEntity& e = a.card.entity;
    document(out, "show", [&](Writer& w) {
        w.Key("entity");
        write_entity(w, e);
        write_strings(w, "aliases", e.aliases);
        w.Key("names");
        w.StartArray();
        for (const auto& n : a.card.names) {
            w.StartObject();
            write_field(w, "surface", n.surface);
            write_field(w, "kind", n.kind);
            write_field(w, "via", n.via);
            write_int(w, "mentions", n.mentions);
            write_field(w, "first_article", n.first_article);
            w.EndObject();
        }
        w.EndArray();
        w.Key("roles");
        w.StartArray();
        for (const auto& r : e.roles) {
            w.StartObject();
            write_field(w, "title", r.title);
            write_field(w, "org", r.org);
            write_optional_field(w, "from", r.from);
            write_optional_field(w, "to", r.to);
            write_field(w, "source", r.source);
            w.EndObject();
        }
        w.EndArray();
        write_spans(w, a.spans);
        w.Key("in_office");
        if (a.as_of.empty()) {
            w.Null();
        } else {
            w.StartArray();
            for (const auto& r : a.in_office) {
                w.StartObject();
                write_field(w, "title", r.title);
                write_field(w, "org", r.org);
                write_field(w, "source", r.source);
                w.EndObject();
            }
            w.EndArray();
        }
        write_groups(w, a.groups);
        write_evidences(w, "ties", a.ties);
        write_evidences(w, "not_ties", a.not_ties);
    });
}

void write_json(std::ostream& out, const TiesAnswer& a) {
    document(out, "ties", [&](Writer& w) {
        write_field(w, "a", a.a);
        write_optional_field(w, "b", a.b);
        write_evidences(w, "ties", a.ties);
    });
}

void write_json(std::ostream& out, const PathAnswer& a) {
    document(out, "path", [&](Writer& w) {
        write_field(w, "from", a.from);
        write_field(w, "to", a.to);
        write_strings(w, "relations", a.relations);
        write_bool(w, "found", a.hops.has_value());
        w.Key("hops");
        w.StartArray();
        for (const auto& h : a.hops ? *a.hops : std::vector<PathHop>{}) {
            w.StartObject();
            write_field(w, "from", h.from);
            write_field(w, "to", h.to);
            write_field(w, "relation", h.relation);
            write_bool(w, "forward", h.forward);
            write_double(w, "weight", h.weight);
            write_optional_field(w, "date", h.date);
            write_field(w, "article", h.article);
            write_field(w, "sentence", h.sentence);
            w.EndObject();
        }
        w.EndArray();
    });
}

void write_json(std::ostream& out, const TopAnswer& a) {
    document(out, "top", [&](Writer& w) {
        write_field(w, "by", a.by);
        write_strings(w, "relations", a.relations);
        w.Key("entities");
        w.StartArray();
        for (const auto& x : a.entries) {
            w.StartObject();
            write_field(w, "id", x.centrality.id);
            write_field(w, "type", x.type);
            write_optional_field(w, "label_ur", x.label_ur);
            write_optional_field(w, "label_en", x.label_en);
            write_int(w, "degree", static_cast<std::int64_t>(x.centrality.degree));
            write_double(w, "betweenness", x.centrality.betweenness);
            write_int(w, "component", static_cast<std::int64_t>(x.centrality.component));
            w.EndObject();
        }
        w.EndArray();
    });
}

void write_json(std::ostream& out, const DyadAnswer& a) {
    document(out, "dyad", [&](Writer& w) {
        write_strings(w, "countries", {a.a, a.b});
        write_optional_field(w, "from", a.from);
        write_optional_field(w, "to", a.to);
        w.Key("ties");
        w.StartArray();
        for (const auto& t : a.view.ties) {
            w.StartObject();
            write_field(w, "source", t.source);
            write_field(w, "target", t.target);
            write_field(w, "relation", t.relation);
            write_bool(w, "directed", t.directed);
            write_int(w, "evidences", t.evidences);
            write_int(w, "copies", t.copies);
            write_int(w, "articles", t.articles);
            write_bool(w, "done", t.done);
            write_optional_field(w, "first_date", t.first_date);
            write_optional_field(w, "last_date", t.last_date);
            write_field(w, "sentence", t.best_sentence);
            write_field(w, "article", t.best_article);
            w.EndObject();
        }
        w.EndArray();
        write_dyad_months(w, a);
        write_cooperation(w, a);
    });
}

void write_json(std::ostream& out, const StatsAnswer& a) {
    document(out, "stats", [&](Writer& w) {
        write_field(w, "database", a.database);
        write_int(w, "articles", a.stats.articles);
        write_int(w, "mentions", a.stats.mentions);
        write_counts(w, "entities", a.stats.entities_by_type);
        write_counts(w, "relation_mentions", a.stats.relations_by_type);
        write_counts(w, "articles_by_topic", a.stats.articles_by_topic);
        write_counts(w, "relation_mentions_by_context", a.stats.ties_by_context);
        write_counts(w, "ties_by_context", a.ties_by_context);
        write_counts(w, "not_ties", a.stats.not_ties_by_type);
        w.Key("graph");
        w.StartObject();
        write_int(w, "nodes", static_cast<std::int64_t>(a.nodes));
        write_int(w, "edges", static_cast<std::int64_t>(a.edges));
        w.EndObject();
        w.Key("meta");
        w.StartObject();
        for (const auto& [k, v] : a.stats.meta)
            write_field(w, k.c_str(), v);
        w.EndObject();
    });
}

}  // namespace rabta
