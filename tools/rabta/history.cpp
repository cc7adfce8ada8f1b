#include "history.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include "json_out.h"
#include "table.h"

namespace rabta::cli {

namespace {

using namespace json;

void write_changes(Writer& w, const RunDiff& d) {
    auto entities = [&](const char* k, const std::vector<RunDiff::Entity>& v) {
        w.Key(k);
        w.StartArray();
        for (const auto& e : v) {
            w.StartObject();
            str(w, "id", e.id);
            str(w, "type", e.type);
            str(w, "label_ur", e.label_ur);
            w.EndObject();
        }
        w.EndArray();
    };
    auto ties = [&](const char* k, const std::vector<RunDiff::Tie>& v) {
        w.Key(k);
        w.StartArray();
        for (const auto& t : v) {
            w.StartObject();
            str(w, "source", t.source);
            str(w, "target", t.target);
            str(w, "relation", t.relation);
            num(w, "evidences_before", t.evidences_before);
            num(w, "evidences_after", t.evidences_after);
            w.EndObject();
        }
        w.EndArray();
    };
    auto roles = [&](const char* k, const std::vector<RunDiff::Role>& v) {
        w.Key(k);
        w.StartArray();
        for (const auto& r : v) {
            w.StartObject();
            str(w, "entity", r.entity);
            str(w, "title", r.title);
            str(w, "org", r.org);
            w.EndObject();
        }
        w.EndArray();
    };
    num(w, "from_run", d.from_run);
    num(w, "to_run", d.to_run);
    entities("entities_added", d.entities_added);
    entities("entities_removed", d.entities_removed);
    ties("ties_added", d.ties_added);
    ties("ties_removed", d.ties_removed);
    ties("ties_changed", d.ties_changed);
    roles("roles_added", d.roles_added);
    roles("roles_removed", d.roles_removed);
}

}  // namespace

void write_run_report(std::ostream& out,
                      const BuildReport& r,
                      const std::vector<InputError>& problems,
                      const Store& store) {
    const std::vector<StoredRun> runs = store.runs();
    const StoredRun* run = runs.empty() ? nullptr : &runs.back();
    rapidjson::OStreamWrapper os(out);
    Writer w(os);
    w.StartObject();
    num(w, "run", r.run);
    str(w, "database", store.path());
    str(w, "started", run ? run->started : "");
    str(w, "finished", run ? run->finished : "");
    str(w, "status", run ? run->status : "");
    str(w, "mode", r.mode);
    w.Key("full_reason");
    if (r.full_reason.empty()) {
        w.Null();
    } else {
        w.String(r.full_reason.c_str(), static_cast<rapidjson::SizeType>(r.full_reason.size()));
    }
    opt_str(w, "damaged_kept_as", r.damaged_kept_as);
    num(w, "snapshots_pruned", r.snapshots_pruned);
    str(w, "lexicon_version", run ? run->lexicon_version : "");
    str(w, "rules_version", run ? run->rules_version : "");
    w.Key("articles");
    w.StartObject();
    num(w, "stored", r.articles);
    num(w, "added", r.added);
    num(w, "changed", r.changed);
    num(w, "removed", r.removed);
    num(w, "unchanged", r.unchanged);
    num(w, "kept", r.kept);
    num(w, "skipped", r.skipped);
    num(w, "repaired", r.repaired);
    num(w, "repeated_copies", r.duplicates);
    num(w, "renamed", r.renamed);
    w.EndObject();
    // every problem in order, then the same split: errors lost an article or some of
    // its bytes, warnings kept it whole
    auto list = [&](const char* key, auto keep) {
        w.Key(key);
        w.StartArray();
        for (const auto& e : problems) {
            if (!keep(e)) continue;
            const std::string p = fmt::format("{} {}", e.verb(), e.what());
            w.String(p.c_str(), static_cast<rapidjson::SizeType>(p.size()));
        }
        w.EndArray();
    };
    list("problems", [](const InputError&) { return true; });
    list("errors", [](const InputError& e) { return !e.warning(); });
    list("warnings", [](const InputError& e) { return e.warning(); });
    num(w, "mentions", r.mentions);
    num(w, "relation_mentions", r.relations);
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

void print_diff(std::ostream& out, const RunDiff& d, const Store&, bool json) {
    if (json) {
        rapidjson::OStreamWrapper os(out);
        Writer w(os);
        w.StartObject();
        write_changes(w, d);
        w.EndObject();
        out << '\n';
        return;
    }
    fmt::print(out, "changes from run {} to run {}\n", d.from_run, d.to_run);
    auto entities = [&](const char* what, const std::vector<RunDiff::Entity>& v) {
        fmt::print(out, "\n{} ({}):\n", what, v.size());
        if (v.empty()) return;
        Table t({"id", "type", "label"});
        for (const auto& e : v)
            t.add({e.id, e.type, e.label_ur});
        t.print(out);
    };
    auto ties = [&](const char* what, const std::vector<RunDiff::Tie>& v) {
        fmt::print(out, "\n{} ({}):\n", what, v.size());
        if (v.empty()) return;
        Table t({"relation", "source", "target", "evidences before", "after"});
        for (const auto& x : v)
            t.add({x.relation, x.source, x.target, std::to_string(x.evidences_before),
                   std::to_string(x.evidences_after)});
        t.print(out);
    };
    auto roles = [&](const char* what, const std::vector<RunDiff::Role>& v) {
        fmt::print(out, "\n{} ({}):\n", what, v.size());
        if (v.empty()) return;
        Table t({"person", "title", "at"});
        for (const auto& r : v)
            t.add({r.entity, r.title, r.org});
        t.print(out);
    };
    entities("entities added", d.entities_added);
    entities("entities removed", d.entities_removed);
    ties("ties added", d.ties_added);
    ties("ties removed", d.ties_removed);
    ties("ties whose evidence changed", d.ties_changed);
    roles("roles added", d.roles_added);
    roles("roles removed", d.roles_removed);
}

}  // namespace rabta::cli
