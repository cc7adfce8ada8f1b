#include "curate_command.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <rabta/data_source.h>
#include <rabta/error.h>
#include <rabta/lookup.h>
#include <rabta/resolve.h>
#include <rabta/store.h>

#include <filesystem>
#include <fstream>

#include "cli.h"

namespace rabta::cli {

namespace {

namespace fs = std::filesystem;

Curation read_overlay(const std::string& path) {
    if (!fs::exists(path)) return {};
    return Curation::load(read_data_files(path, ".json").front());
}

// Replaces the overlay in one rename: a reader sees the old decisions or the new.
void write_overlay(const std::string& path, const Curation& c) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f << c.to_json();
        f.flush();
        if (!f) throw StoreError(tmp, "cannot write the curation overlay");
    }
    fs::rename(tmp, path);
}

CurationDecision decision_of(const std::string& action, const StoredEntity& e) {
    CurationDecision d;
    d.action = action;
    d.id = e.id;
    d.type = e.type;
    d.label_ur = e.label_ur;
    d.country = e.country;
    d.names = e.aliases;
    return d;
}

std::optional<StoredEntity> entity(const Store& store, const std::string& name, std::ostream& err) {
    std::string id;
    try {
        id = resolve_entity(store, name);
    } catch (const LookupError& e) {
        fmt::print(err, "rabta curate: {}\n", e.what());
        return std::nullopt;
    }
    auto found = store.entities({id});
    if (found.empty()) {
        fmt::print(err, "rabta curate: '{}' is in no article of the store\n", name);
        return std::nullopt;
    }
    return found.front();
}

// The decision the command line asks for, or a message on err.
std::optional<CurationDecision> decide(const CurateCommand& c,
                                       const Store& store,
                                       std::ostream& err) {
    const auto e = entity(store, c.name, err);
    if (!e) return std::nullopt;
    const bool needs_value = c.action == "rename" || c.action == "merge" || c.action == "label";
    if (needs_value == c.value.empty()) {
        fmt::print(err, "rabta curate {}: {}\n", c.action,
                   needs_value ? "give the new value after NAME" : "takes only NAME");
        return std::nullopt;
    }
    if ((c.action == "promote" || c.action == "reject") && !e->discovered) {
        fmt::print(err, "rabta curate {}: {} is a lexicon actor; edit the lexicon instead\n",
                   c.action, e->id);
        return std::nullopt;
    }
    CurationDecision d = decision_of(c.action, *e);
    if (c.action == "rename") d.label_ur = c.value;
    if (c.action == "label") d.label_en = c.value;
    if (c.action == "merge") {
        const auto into = entity(store, c.value, err);
        if (!into) return std::nullopt;
        if (into->type != e->type ||
            (!e->country.empty() && !into->country.empty() && e->country != into->country)) {
            fmt::print(err,
                       "rabta curate merge: {} ({} {}) and {} ({} {}) are never one actor: "
                       "a merge keeps one type and one country\n",
                       e->id, e->type, e->country, into->id, into->type, into->country);
            return std::nullopt;
        }
        d.into = into->id;
        d.into_type = into->type;
        d.into_label_ur = into->label_ur;
        d.into_country = into->country;
        d.into_names = into->aliases;
    }
    return d;
}

}  // namespace

void add_curate_command(CLI::App& app, CurateCommand& c) {
    c.cmd = app.add_subcommand(
        "curate",
        "Promote, reject, rename, merge or label an actor: written to the curation overlay, "
        "which every later build reads");
    c.cmd->add_option("action", c.action, "promote, reject, rename, merge or label")
        ->required()
        ->check(CLI::IsMember({"promote", "reject", "rename", "merge", "label"}));
    c.cmd->add_option("name", c.name, "The actor: an id, or any of its Urdu or Latin names")
        ->required();
    c.cmd->add_option("value", c.value,
                      "rename: the new Urdu label; merge: the actor that keeps the names; "
                      "label: the English label");
    c.cmd->add_option("--db", c.db, "Database the actor is looked up in")->capture_default_str();
    c.cmd->add_option("--curated", c.curated,
                      "The curation overlay (default: beside the database, DB.curated.json)");
}

int run_curate_command(const CurateCommand& c, std::ostream& out, std::ostream& err) {
    if (!*c.cmd) return -1;
    const std::string path = c.curated.empty() ? default_curation_path(c.db) : c.curated;
    Curation overlay = read_overlay(path);  // a broken overlay stops here, unchanged
    const Store store = Store::open(c.db);
    auto d = decide(c, store, err);
    if (!d) return kUsage;
    overlay.decisions.push_back(*d);
    write_overlay(path, overlay);
    fmt::print(out, "rabta curate: {} {} «{}»{} → {}; the next build applies it\n", d->action,
               d->id, d->label_ur, d->into.empty() ? "" : " into " + d->into, path);
    return kOk;
}

}  // namespace rabta::cli
