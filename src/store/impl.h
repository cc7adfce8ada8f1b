// Private to src/store/: the connection behind a Store and the helpers its
// files share. The Store is split by concern: open.cpp (open, create, install),
// write.cpp (the build's writes), runs.cpp (runs, snapshots, history, diff),
// read.cpp (stats, entities, articles, mentions, discovered), relations.cpp
// (relations, ties, evidence).
#pragma once

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <rabta/error.h>
#include <rabta/store.h>
#include <sqlite3.h>

#include <memory>
#include <string>

namespace rabta {
namespace store_detail {

// Every SQLite failure leaves this module as a StoreError naming the database.
template <typename F>
auto guarded(const std::string& path, const char* what, F&& f) -> decltype(f()) {
    try {
        return f();
    } catch (const StoreError&) {
        throw;
    } catch (const SQLite::Exception& e) {
        const std::string reason =
            fmt::format("{}: {} (SQLite code {})", what, e.what(), e.getErrorCode());
        switch (e.getErrorCode() & 0xff) {
            case SQLITE_BUSY:
            case SQLITE_LOCKED:
                throw LockedError(path, fmt::format("{}; another process holds a lock on the "
                                                    "database (a writer outside rabta?)",
                                                    reason));
            case SQLITE_CORRUPT:
            case SQLITE_NOTADB:
                throw DamagedStoreError(path, reason);
            default:
                throw StoreError(path, reason);
        }
    }
}

inline std::string text_or_empty(const SQLite::Column& c) {
    return c.isNull() ? std::string() : c.getString();
}

}  // namespace store_detail

struct Store::Impl {
    /// Connects to `p` with rabta_fold() registered; a writer checks foreign keys.
    Impl(const std::string& p, int flags, double busy_seconds = kStoreBusySeconds);
    std::string path;
    SQLite::Database db;
    std::unique_ptr<SQLite::Transaction> tx;
    std::unique_ptr<SQLite::Statement> ins_article, ins_mention, ins_relation, ins_entity,
        ins_discovery, ins_alias, ins_role;
    bool read_snapshot = false;  ///< a read transaction pins one version of the graph

    /// Opens `path` and returns its schema version. A hot journal that a killed
    /// in-place build left in a rollback-mode store is rolled back first (only a
    /// writer can).
    static std::unique_ptr<Impl> connect(const std::string& path,
                                         int flags,
                                         double busy_seconds,
                                         int& version);
    /// Whether the tables say this is a rabta store: for stores written before
    /// rabta set PRAGMA application_id.
    bool has_rabta_tables();
    /// A writer: WAL (readers never wait for it) and rabta's application_id.
    void prepare_for_writing();
    /// A reader of a WAL store: one read transaction, so that every query of
    /// this Store sees the same graph even while a build commits.
    void pin_snapshot();
};

}  // namespace rabta
