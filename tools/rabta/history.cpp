#include "history.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <map>

#include "table.h"

namespace rabta::cli {

void print_diff(std::ostream& out, const DiffAnswer& a, bool json) {
    if (json) return write_json(out, a);
    const RunDiff& d = a.diff;
    // labels: the later run's entities, or what the earlier run called a removed one
    std::map<std::string, std::string> gone;
    for (const auto& e : d.entities_removed)
        gone.emplace(e.id, e.label_ur);
    auto label = [&](const std::string& id) -> std::string {
        if (auto it = a.named.find(id); it != a.named.end()) {
            const StoredEntity& e = it->second;
            return e.label_en.empty() ? e.label_ur : e.label_ur + " (" + e.label_en + ")";
        }
        auto it = gone.find(id);
        return it == gone.end() || it->second.empty() ? id : it->second + " [" + id + "]";
    };
    fmt::print(out, "changes from run {} to run {}\n", d.from_run, d.to_run);
    if (!a.contexts.empty()) {
        std::string list;
        for (const auto& c : a.contexts)
            list.append(list.empty() ? "" : ", ").append(c);
        fmt::print(out,
                   "contexts: {} (ties added or changed that evidence about them proves now; "
                   "left out, as a run's graph keeps no context: {} entities removed, {} ties "
                   "removed, {} roles added or removed)\n",
                   list, a.left_out.entities_removed, a.left_out.ties_removed, a.left_out.roles);
    }
    auto entities = [&](const char* what, const std::vector<RunDiff::Entity>& v) {
        fmt::print(out, "\n{} ({}):\n", what, v.size());
        if (v.empty()) return;
        Table t({"id", "type", "label"});
        for (const auto& e : v)
            t.add({e.id, e.type, e.label_ur});
        t.print(out);
    };
    auto ties = [&](const char* what, const std::vector<RunDiff::Tie>& v, bool evidence) {
        fmt::print(out, "\n{} ({}):\n", what, v.size());
        if (v.empty()) return;
        std::vector<std::string> head{"relation", "source", "target", "evidences before", "after"};
        if (evidence) head.insert(head.end(), {"date", "article", "sentence"});
        Table t(head);
        for (const auto& x : v) {
            std::vector<std::string> row{x.relation, label(x.source), label(x.target),
                                         std::to_string(x.evidences_before),
                                         std::to_string(x.evidences_after)};
            if (evidence) {
                auto it = a.evidence.find(tie_key(x.source, x.target, x.relation));
                const bool has = it != a.evidence.end();
                row.insert(row.end(),
                           {has && !it->second.first_date.empty() ? it->second.first_date : "-",
                            has ? it->second.best_article : "-",
                            has ? snippet(it->second.best_sentence, 90) : "-"});
            }
            t.add(std::move(row));
        }
        t.print(out);
    };
    auto roles = [&](const char* what, const std::vector<RunDiff::Role>& v) {
        fmt::print(out, "\n{} ({}):\n", what, v.size());
        if (v.empty()) return;
        Table t({"person", "title", "at"});
        for (const auto& r : v)
            t.add({label(r.entity), r.title, label(r.org)});
        t.print(out);
    };
    entities("entities added", d.entities_added);
    entities("entities removed", d.entities_removed);
    ties("ties added", d.ties_added, true);
    ties("ties removed", d.ties_removed, false);
    ties("ties whose evidence changed", d.ties_changed, false);
    roles("roles added", d.roles_added);
    roles("roles removed", d.roles_removed);
}

}  // namespace rabta::cli
