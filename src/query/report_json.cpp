// The run report and `diff --json`: one writer for the changes between runs.
#include <fmt/format.h>
#include <rabta/query.h>
#include <rabta/report.h>
#include <rapidjson/ostreamwrapper.h>
#include <rapidjson/prettywriter.h>

#include "util/json_write.h"

namespace rabta {

namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::OStreamWrapper>;
using detail::write_field;
using detail::write_optional_field;

void write_int(Writer& w, const char* k, std::int64_t v) {
    w.Key(k);
    w.Int64(v);
}

void write_changes(Writer& w, const RunDiff& d) {
    auto entities = [&](const char* k, const std::vector<RunDiff::Entity>& v) {
        w.Key(k);
        w.StartArray();
        for (const auto& e : v) {
            w.StartObject();
            write_field(w, "id", e.id);
            write_field(w, "type", e.type);
            write_field(w, "label_ur", e.label_ur);
            w.EndObject();
        }
        w.EndArray();
    };
    auto ties = [&](const char* k, const std::vector<RunDiff::Tie>& v) {
        w.Key(k);
        w.StartArray();
        for (const auto& t : v) {
            w.StartObject();
            write_field(w, "source", t.source);
            write_field(w, "target", t.target);
            write_field(w, "relation", t.relation);
            write_int(w, "evidences_before", t.evidences_before);
            write_int(w, "evidences_after", t.evidences_after);
            w.EndObject();
        }
        w.EndArray();
    };
    auto roles = [&](const char* k, const std::vector<RunDiff::Role>& v) {
        w.Key(k);
        w.StartArray();
        for (const auto& r : v) {
            w.StartObject();
            write_field(w, "entity", r.entity);
            write_field(w, "title", r.title);
            write_field(w, "org", r.org);
            w.EndObject();
        }
        w.EndArray();
    };
    write_int(w, "from_run", d.from_run);
    write_int(w, "to_run", d.to_run);
    entities("entities_added", d.entities_added);
    entities("entities_removed", d.entities_removed);
    ties("ties_added", d.ties_added);
    ties("ties_removed", d.ties_removed);
    ties("ties_changed", d.ties_changed);
    roles("roles_added", d.roles_added);
    roles("roles_removed", d.roles_removed);
}

}  // namespace

void write_json(std::ostream& out, const DiffAnswer& a) {
    rapidjson::OStreamWrapper os(out);
    Writer w(os);
    w.StartObject();
    write_changes(w, a.diff);
    if (!a.contexts.empty()) {
        w.Key("contexts");
        w.StartArray();
        for (const auto& c : a.contexts)
            detail::write_string(w, c);
        w.EndArray();
        w.Key("left_out");
        w.StartObject();
        write_int(w, "entities_removed", a.left_out.entities_removed);
        write_int(w, "ties_removed", a.left_out.ties_removed);
        write_int(w, "roles", a.left_out.roles);
        w.EndObject();
    }
    w.EndObject();
    out << '\n';
}

void write_run_report(std::ostream& out,
                      const BuildReport& r,
                      const std::vector<InputError>& problems,
                      const Store& store) {
    const std::vector<StoredRun> runs = store.runs();
    const StoredRun* run = runs.empty() ? nullptr : &runs.back();
    rapidjson::OStreamWrapper os(out);
    Writer w(os);
    w.StartObject();
    write_int(w, "run", r.run);
    write_field(w, "database", store.path());
    write_field(w, "started", run ? run->started : "");
    write_field(w, "finished", run ? run->finished : "");
    write_field(w, "status", run ? run->status : "");
    write_field(w, "mode", r.mode);
    write_optional_field(w, "full_reason", r.full_reason);
    write_optional_field(w, "damaged_kept_as", r.damaged_kept_as);
    write_int(w, "snapshots_pruned", r.snapshots_pruned);
    write_field(w, "lexicon_version", run ? run->lexicon_version : "");
    write_field(w, "rules_version", run ? run->rules_version : "");
    w.Key("articles");
    w.StartObject();
    write_int(w, "stored", r.articles);
    write_int(w, "added", r.added);
    write_int(w, "changed", r.changed);
    write_int(w, "removed", r.removed);
    write_int(w, "unchanged", r.unchanged);
    write_int(w, "kept", r.kept);
    write_int(w, "skipped", r.skipped);
    write_int(w, "repaired", r.repaired);
    write_int(w, "repeated_copies", r.duplicates);
    write_int(w, "renamed", r.renamed);
    write_int(w, "empty", r.empty);
    w.EndObject();
    // every problem in order, then the same split: errors lost an article or some
    // of its bytes, warnings kept it whole
    auto list = [&](const char* key, auto keep) {
        w.Key(key);
        w.StartArray();
        for (const auto& e : problems)
            if (keep(e)) detail::write_string(w, fmt::format("{} {}", e.verb(), e.what()));
        w.EndArray();
    };
    list("problems", [](const InputError&) { return true; });
    list("errors", [](const InputError& e) { return !e.warning(); });
    list("warnings", [](const InputError& e) { return e.warning(); });
    write_int(w, "mentions", r.mentions);
    write_int(w, "relation_mentions", r.relations);
    auto counts = [&](const char* key, const std::map<std::string, std::int64_t>& m) {
        w.Key(key);
        w.StartObject();
        for (const auto& [k, n] : m)
            write_int(w, k.c_str(), n);
        w.EndObject();
    };
    counts("articles_by_topic", r.articles_by_topic);
    counts("relation_mentions_by_context", r.relations_by_context);
    w.Key("since_previous");
    if (r.since_previous) {
        w.StartObject();
        write_changes(w, *r.since_previous);
        w.EndObject();
    } else {
        w.Null();
    }
    w.EndObject();
    out << '\n';
}

}  // namespace rabta
