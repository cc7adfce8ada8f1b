#include <fcntl.h>
#include <rabta/data_source.h>
#include <rabta/text.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "store/impl.h"

namespace rabta {

using store_detail::guarded;
using store_detail::text_or_empty;

// rabta_fold(text): the folded, space-free key of a sentence, so that a wire
// story reprinted by several outlets counts once (spacing, diacritics, letter
// variants and punctuation spacing aside).
static void sql_fold(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (argc != 1 || sqlite3_value_type(argv[0]) == SQLITE_NULL) {
        sqlite3_result_null(ctx);
        return;
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const std::string key =
        fold_key(std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(argv[0]))));
    sqlite3_result_text(ctx, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
}

namespace {

// What a file's first 100 bytes say, read without SQLite: whether it is SQLite
// at all, whose it is and which schema it has, whatever the rest holds.
struct FileHeader {
    std::uintmax_t size = 0;
    bool sqlite = false;  ///< "SQLite format 3\0" and a whole header
    std::uint32_t application_id = 0;
    std::int32_t user_version = 0;
    bool wal = false;  ///< file format bytes 2: WAL mode
};

std::uint32_t big_endian(const unsigned char* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

FileHeader read_header(const std::string& path) {
    FileHeader h;
    std::error_code ec;
    h.size = std::filesystem::file_size(path, ec);
    if (ec) throw StoreError(path, "cannot read database: " + ec.message());
    std::ifstream in(path, std::ios::binary);
    unsigned char b[100] = {};
    in.read(reinterpret_cast<char*>(b), sizeof b);
    if (!in && !in.eof()) throw StoreError(path, "cannot read database");
    if (in.gcount() < 100 || std::memcmp(b, "SQLite format 3", 16) != 0) return h;
    h.sqlite = true;
    h.application_id = big_endian(b + 68);
    h.user_version = static_cast<std::int32_t>(big_endian(b + 60));
    h.wal = b[18] == 2 && b[19] == 2;
    return h;
}

// Refuses what is not a rabta store before SQLite opens it: an empty file, a
// file that is not SQLite, another application's database, a newer schema.
// (Whether the file is whole is SQLite's to say: a header read without its
// locks may be one that a checkpoint or a commit is writing.)
void check_header(const std::string& path, const FileHeader& h) {
    if (h.size == 0) throw StoreError(path, "not a rabta database: the file is empty");
    if (!h.sqlite) throw StoreError(path, "not a rabta database: not a SQLite file");
    if (h.application_id != 0 && h.application_id != kStoreApplicationId) {
        throw StoreError(path,
                         fmt::format("not a rabta database: another application's SQLite "
                                     "database (application_id {:#010x}, rabta's is {:#010x})",
                                     h.application_id, kStoreApplicationId));
    }
    if (h.application_id == kStoreApplicationId && h.user_version > kStoreSchemaVersion) {
        throw StoreError(path, fmt::format("schema version {} is newer than this rabta understands "
                                           "({}); use a newer rabta",
                                           h.user_version, kStoreSchemaVersion));
    }
}

int busy_ms(double seconds) {
    return static_cast<int>(std::clamp(seconds, 0.0, 24.0 * 3600) * 1000);
}

// Moves a WAL store's committed pages into the file and empties its -wal. A
// reader still on an older snapshot keeps the rest of the log: that is not an
// error, the next checkpoint moves it.
void checkpoint_now(SQLite::Database& db) {
    if (db.execAndGet("PRAGMA journal_mode").getString() != "wal") return;
    db.execAndGet("PRAGMA wal_checkpoint(TRUNCATE)");
}

}  // namespace

Store::Impl::Impl(const std::string& p, int flags, double busy_seconds)
    : path(p), db(p, flags, busy_ms(busy_seconds)) {
    db.createFunction("rabta_fold", 1, true, nullptr, &sql_fold);
    // A writer keeps the references whole (a reader cannot break them).
    if ((flags & SQLite::OPEN_READWRITE) != 0) db.exec("PRAGMA foreign_keys = ON");
}

// SQLite's verdict on a file it could not read, for a file whose header is
// ours (damaged) or not (not a rabta database).
[[noreturn]] void throw_unreadable(const std::string& path,
                                   const FileHeader& h,
                                   const SQLite::Exception& e) {
    const int code = e.getErrorCode() & 0xff;
    if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
        throw LockedError(path, fmt::format("the database is locked by another process (a writer "
                                            "outside rabta?) and stayed locked: {}",
                                            e.what()));
    }
    if ((code == SQLITE_CORRUPT || code == SQLITE_NOTADB) &&
        h.application_id == kStoreApplicationId) {
        throw DamagedStoreError(path, fmt::format("damaged rabta database: {}", e.what()));
    }
    throw StoreError(path, fmt::format("not a rabta database: {}", e.what()));
}

std::unique_ptr<Store::Impl> Store::Impl::connect(const std::string& path,
                                                  int flags,
                                                  double busy_seconds,
                                                  int& version) {
    auto impl = std::make_unique<Impl>(path, flags, busy_seconds);
    try {
        version = impl->db.execAndGet("PRAGMA user_version").getInt();
    } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() != SQLITE_READONLY_ROLLBACK) throw;
        impl.reset();
        try {
            Impl(path, SQLite::OPEN_READWRITE, busy_seconds).db.execAndGet("PRAGMA user_version");
        } catch (const SQLite::Exception& w) {
            if ((w.getErrorCode() & 0xff) == SQLITE_BUSY) throw;
            throw StoreError(path, fmt::format("an interrupted build left changes to roll "
                                               "back, and this user cannot write the "
                                               "database to do it: {}",
                                               w.what()));
        }
        impl = std::make_unique<Impl>(path, flags, busy_seconds);
        version = impl->db.execAndGet("PRAGMA user_version").getInt();
    }
    return impl;
}

bool Store::Impl::has_rabta_tables() {
    return db.execAndGet(
                 "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN "
                 "('meta', 'articles', 'entities', 'relations')")
               .getInt() == 4;
}

void Store::Impl::prepare_for_writing() {
    if (db.execAndGet("PRAGMA application_id").getInt() == 0)
        db.exec(fmt::format("PRAGMA application_id = {}", kStoreApplicationId));
    db.execAndGet("PRAGMA journal_mode = WAL");
}

void Store::Impl::pin_snapshot() {
    if (db.execAndGet("PRAGMA journal_mode").getString() != "wal") return;
    db.exec("BEGIN");
    db.execAndGet("SELECT count(*) FROM sqlite_master");  // the read begins here
    read_snapshot = true;
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;
Store::~Store() = default;

const std::string& Store::path() const noexcept {
    return impl_->path;
}

Store Store::open(const std::string& path, double busy_seconds) {
    return open_store(path, false, busy_seconds);
}

Store Store::open_for_update(const std::string& path, double busy_seconds) {
    return open_store(path, true, busy_seconds);
}

Store Store::open_store(const std::string& path, bool for_update, double busy_seconds) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        throw StoreError(path, "no such database (run `rabta build` first)");
    }
    const FileHeader header = read_header(path);
    check_header(path, header);
    return guarded(path, "cannot open database", [&] {
        const int flags = for_update ? SQLite::OPEN_READWRITE : SQLite::OPEN_READONLY;
        int version = 0;
        std::unique_ptr<Impl> impl;
        try {
            impl = Impl::connect(path, flags, busy_seconds, version);
            if (header.application_id != kStoreApplicationId && !impl->has_rabta_tables()) {
                throw StoreError(path,
                                 "not a rabta database: a SQLite database without rabta's "
                                 "tables (another application's?)");
            }
        } catch (const SQLite::Exception& e) {
            throw_unreadable(path, header, e);
        }
        if (version > kStoreSchemaVersion) {
            throw StoreError(
                path, fmt::format("schema version {} is newer than this rabta understands ({}); "
                                  "use a newer rabta",
                                  version, kStoreSchemaVersion));
        }
        if (version < 1) throw StoreError(path, "not a rabta database (no schema version)");
        if (version < kStoreSchemaVersion) {
            // Migrate forward, all steps in one transaction: a failure leaves the
            // database as it was.
            impl.reset();
            auto rw = std::make_unique<Impl>(path, SQLite::OPEN_READWRITE, busy_seconds);
            rw->prepare_for_writing();
            SQLite::Transaction tx(rw->db);
            for (int v = version + 1; v <= kStoreSchemaVersion; ++v) {
                const std::string step = fmt::format("schemas/migrations/{}.sql", v);
                try {
                    rw->db.exec(embedded_file(step).content);
                } catch (const SQLite::Exception& e) {
                    throw StoreError(path, fmt::format("cannot migrate from schema version {} to "
                                                       "{} ({}): {}",
                                                       v - 1, v, step, e.what()));
                }
            }
            // A migration may change what the graph holds: no run's snapshot is
            // known to equal it any more (see snapshot_run()).
            rw->db.exec("DELETE FROM meta WHERE key = 'snapshot_run'");
            tx.commit();
            return Store(std::move(rw));
        }
        if (for_update) {
            impl->prepare_for_writing();
        } else {
            impl->pin_snapshot();
        }
        return Store(std::move(impl));
    });
}

std::string Store::integrity(const std::string& path) {
    try {
        SQLite::Database db(path, SQLite::OPEN_READONLY, busy_ms(kStoreBusySeconds));
        SQLite::Statement st(db, "PRAGMA integrity_check(5)");
        std::string out;
        while (st.executeStep())
            out += (out.empty() ? "" : "; ") + st.getColumn(0).getString();
        return out;
    } catch (const SQLite::Exception& e) {
        const int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_BUSY || code == SQLITE_LOCKED) {
            throw LockedError(path, fmt::format("the database is locked by another process and "
                                                "stayed locked: {}",
                                                e.what()));
        }
        return e.what();
    }
}

namespace {

// The store at `built` as it will be read in place: WAL mode recorded in its
// header, and every page in the file itself (closing the only connection
// checkpoints the -wal and removes it), so that it is whole wherever it goes.
void seal(const std::string& built) {
    guarded(built, "cannot finish the new database", [&] {
        SQLite::Database db(built, SQLite::OPEN_READWRITE);
        db.execAndGet("PRAGMA journal_mode = WAL");
        db.execAndGet("PRAGMA wal_checkpoint(TRUNCATE)");
    });
    std::error_code ec;
    if (std::filesystem::file_size(built + "-wal", ec) > 0 && !ec)
        throw StoreError(built, "the new database is not self-contained: its -wal kept pages");
    std::filesystem::remove(built + "-wal", ec);
    std::filesystem::remove(built + "-shm", ec);
    const int fd = ::open(built.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        const int e = errno;
        if (fd >= 0) ::close(fd);
        throw StoreError(built,
                         fmt::format("cannot make the new database durable: {}", std::strerror(e)));
    }
    ::close(fd);
}

// Copies every page of `built` into the WAL store `target` in one write
// transaction: its readers keep their snapshot of the old graph, later ones see
// the new one, a kill before the commit leaves the old one.
void copy_into(const std::string& built, const std::string& target, double busy_seconds) {
    guarded(target, "cannot put the new graph in place", [&] {
        SQLite::Database dst(target, SQLite::OPEN_READWRITE, busy_ms(busy_seconds));
        SQLite::Database src(built, SQLite::OPEN_READONLY);
        sqlite3_backup* b = sqlite3_backup_init(dst.getHandle(), "main", src.getHandle(), "main");
        if (b == nullptr)
            throw SQLite::Exception(dst.getHandle(), sqlite3_errcode(dst.getHandle()));
        const int step = sqlite3_backup_step(b, -1);
        const int done = sqlite3_backup_finish(b);
        if (step != SQLITE_DONE) throw SQLite::Exception(sqlite3_errstr(step), step);
        if (done != SQLITE_OK) throw SQLite::Exception(dst.getHandle(), done);
        checkpoint_now(dst);
    });
}

}  // namespace

void Store::install(const std::string& built,
                    const std::string& target,
                    bool target_sound,
                    double busy_seconds) {
    namespace fs = std::filesystem;
    std::error_code ec;
    if (target_sound && fs::is_regular_file(target, ec)) {
        const FileHeader h = read_header(target);
        if (h.wal && h.application_id == kStoreApplicationId) {
            copy_into(built, target, busy_seconds);
            for (const char* suffix : {"", "-journal", "-wal", "-shm"})
                fs::remove(built + suffix, ec);
            return;
        }
    }
    seal(built);
    // No store there, a rollback-mode one (its readers hold the old file open,
    // which the rename leaves them), or a damaged one the caller has kept: the
    // -wal and -shm beside `target` belong to no live store, and applied to the
    // new file they would corrupt it.
    fs::remove(target + "-wal", ec);
    fs::remove(target + "-shm", ec);
    fs::rename(built, target, ec);
    if (ec) throw StoreError(target, "cannot replace database: " + ec.message());
    const fs::path dir = fs::path(target).has_parent_path() ? fs::path(target).parent_path() : ".";
    const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

void Store::probe_write_lock(const std::string& path, double busy_seconds) {
    guarded(path, "cannot write to database", [&] {
        SQLite::Database db(path, SQLite::OPEN_READWRITE, busy_ms(busy_seconds));
        db.exec("BEGIN IMMEDIATE");
        db.exec("ROLLBACK");
    });
}

void Store::checkpoint() {
    guarded(impl_->path, "cannot checkpoint", [&] { checkpoint_now(impl_->db); });
}

Store Store::create(const std::string& path) {
    if (std::filesystem::exists(path)) throw StoreError(path, "refusing to create: file exists");
    return guarded(path, "cannot create database", [&] {
        auto impl = std::make_unique<Impl>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        impl->db.exec(embedded_file("schemas/store.sql").content);
        impl->db.exec(fmt::format("PRAGMA application_id = {}", kStoreApplicationId));
        int version = impl->db.execAndGet("PRAGMA user_version").getInt();
        if (version != kStoreSchemaVersion) {
            throw StoreError(path, fmt::format("schemas/store.sql sets version {}, expected {}",
                                               version, kStoreSchemaVersion));
        }
        return Store(std::move(impl));
    });
}

Store Store::create_for_load(const std::string& path) {
    Store store = create(path);
    guarded(path, "cannot prepare the bulk load", [&] {
        Impl& impl = *store.impl_;
        // The indexes the schema declares are dropped now and rebuilt, each in
        // one sorted pass, after the rows are in (finish_load()). Read back from
        // the schema, so that an index added to store.sql is deferred too.
        SQLite::Statement q(impl.db,
                            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS "
                            "NOT NULL ORDER BY rowid");
        std::vector<std::string> names;
        while (q.executeStep()) {
            names.push_back(q.getColumn(0).getString());
            impl.deferred_indexes.push_back(q.getColumn(1).getString());
        }
        q.reset();
        for (const auto& name : names)
            impl.db.exec(fmt::format("DROP INDEX \"{}\"", name));
        // References are checked once at the end. The journal stays (in memory),
        // so that a failed statement still undoes its own rows; no fsync until
        // install() seals the finished file.
        impl.db.exec("PRAGMA foreign_keys = OFF");
        impl.db.execAndGet("PRAGMA journal_mode = MEMORY");
        impl.db.exec("PRAGMA synchronous = OFF");
        impl.loading = true;
    });
    return store;
}

}  // namespace rabta
