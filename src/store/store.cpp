#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <rabta/data_source.h>
#include <rabta/error.h>
#include <rabta/store.h>
#include <rabta/text.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <tuple>

#include "util/hash.h"

namespace rabta {

namespace {

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

std::string text_or_empty(const SQLite::Column& c) {
    return c.isNull() ? std::string() : c.getString();
}

// Relation mentions with their article's outlet and date; read_relation takes
// the columns in this order.
constexpr const char* kRelationColumns =
    "SELECT r.source_id, r.target_id, r.relation, r.directed, r.mode, r.context, r.rule_id, "
    "r.confidence, "
    "r.article_id, a.outlet, a.published, r.evidence, r.span_begin, r.span_end "
    "FROM relations r JOIN articles a ON a.id = r.article_id";

void read_relation(SQLite::Statement& st, StoredRelation& r) {
    r.source = st.getColumn(0).getString();
    r.target = st.getColumn(1).getString();
    r.relation = st.getColumn(2).getString();
    r.directed = st.getColumn(3).getInt() != 0;
    r.mode = st.getColumn(4).getString();
    r.context = text_or_empty(st.getColumn(5));
    r.rule = st.getColumn(6).getString();
    r.confidence = st.getColumn(7).getDouble();
    r.article = st.getColumn(8).getString();
    r.outlet = text_or_empty(st.getColumn(9));
    r.date = text_or_empty(st.getColumn(10));
    r.sentence = st.getColumn(11).getString();
    r.span_begin = static_cast<std::uint32_t>(st.getColumn(12).getInt64());
    r.span_end = static_cast<std::uint32_t>(st.getColumn(13).getInt64());
}

}  // namespace

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

struct Store::Impl {
    Impl(const std::string& p, int flags, double busy_seconds = kStoreBusySeconds)
        : path(p), db(p, flags, busy_ms(busy_seconds)) {
        db.createFunction("rabta_fold", 1, true, nullptr, &sql_fold);
        // A writer keeps the references whole (a reader cannot break them).
        if ((flags & SQLite::OPEN_READWRITE) != 0) db.exec("PRAGMA foreign_keys = ON");
    }
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

void Store::begin() {
    guarded(impl_->path, "cannot begin transaction", [&] {
        impl_->tx = std::make_unique<SQLite::Transaction>(impl_->db);
        auto& db = impl_->db;
        impl_->ins_article = std::make_unique<SQLite::Statement>(
            db,
            "INSERT INTO articles (id, origin, title, published, dateline, outlet, agency, url, "
            "content_hash, text, story_hash) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        impl_->ins_mention =
            std::make_unique<SQLite::Statement>(db,
                                                "INSERT INTO mentions (article_id, entity_id, "
                                                "kind, sentence, span_begin, span_end, surface) "
                                                "VALUES (?, ?, ?, ?, ?, ?, ?)");
        impl_->ins_relation = std::make_unique<SQLite::Statement>(
            db,
            "INSERT INTO relations (source_id, target_id, relation, directed, mode, context, "
            "rule_id, confidence, article_id, sentence, span_begin, span_end, evidence, "
            "evidence_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        // The entities row of a discovered actor is provisional until
        // refresh_discovered() derives it from all of its discoveries.
        impl_->ins_entity = std::make_unique<SQLite::Statement>(
            db,
            "INSERT OR IGNORE INTO entities (id, type, subtype, label_ur, label_en, country, "
            "discovered) VALUES (?, ?, ?, ?, ?, ?, 1)");
        impl_->ins_discovery = std::make_unique<SQLite::Statement>(
            db,
            "INSERT OR IGNORE INTO discoveries (article_id, entity_id, type, subtype, label_ur, "
            "label_en, country) VALUES (?, ?, ?, ?, ?, ?, ?)");
        impl_->ins_alias = std::make_unique<SQLite::Statement>(
            db,
            "INSERT OR IGNORE INTO discovered_names (article_id, entity_id, name) VALUES (?, ?, "
            "?)");
        impl_->ins_role = std::make_unique<SQLite::Statement>(
            db,
            "INSERT INTO roles (entity_id, title, org_id, date_from, date_to, source) "
            "VALUES (?, ?, ?, ?, ?, ?)");
    });
}

void Store::commit() {
    guarded(impl_->path, "cannot commit", [&] {
        impl_->ins_article.reset();
        impl_->ins_mention.reset();
        impl_->ins_relation.reset();
        impl_->ins_entity.reset();
        impl_->ins_discovery.reset();
        impl_->ins_alias.reset();
        impl_->ins_role.reset();
        impl_->tx->commit();
        impl_->tx.reset();
    });
}

void Store::put_meta(const std::string& key, const std::string& value) {
    guarded(impl_->path, "cannot write meta", [&] {
        SQLite::Statement st(impl_->db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
        st.bind(1, key);
        st.bind(2, value);
        st.exec();
    });
}

void Store::put_lexicon(const Lexicon& lexicon) {
    guarded(impl_->path, "cannot write lexicon", [&] {
        auto& db = impl_->db;
        SQLite::Statement ent(
            db,
            "INSERT INTO entities (id, type, subtype, label_ur, label_en, country, discovered) "
            "VALUES (?, ?, ?, ?, ?, ?, 0)");
        SQLite::Statement ali(
            db, "INSERT OR IGNORE INTO aliases (entity_id, alias, kind) VALUES (?, ?, ?)");
        SQLite::Statement role(
            db,
            "INSERT INTO roles (entity_id, title, org_id, date_from, date_to, source) "
            "VALUES (?, ?, ?, ?, ?, 'lexicon')");
        auto bind_opt = [](SQLite::Statement& st, int i, const std::string& v) {
            if (v.empty()) {
                st.bind(i);
            } else {
                st.bind(i, v);
            }
        };
        for (const Actor& a : lexicon.actors()) {
            ent.bind(1, a.id);
            ent.bind(2, std::string(to_string(a.type)));
            bind_opt(ent, 3, a.subtype);
            ent.bind(4, a.label_ur);
            bind_opt(ent, 5, a.label_en);
            bind_opt(ent, 6, a.country);
            ent.exec();
            ent.reset();
            auto aliases = [&](const std::vector<std::string>& names, const char* kind) {
                for (const auto& n : names) {
                    ali.bind(1, a.id);
                    ali.bind(2, n);
                    ali.bind(3, kind);
                    ali.exec();
                    ali.reset();
                }
            };
            aliases(a.names, "name");
            aliases(a.latin, "latin");
            aliases(a.demonyms, "demonym");
        }
        // roles after all entities exist (foreign keys)
        for (const Actor& a : lexicon.actors()) {
            for (const Role& r : a.roles) {
                role.bind(1, a.id);
                role.bind(2, r.title);
                role.bind(3, r.org);
                bind_opt(role, 4, r.from);
                bind_opt(role, 5, r.to);
                role.exec();
                role.reset();
            }
        }
    });
}

void Store::put_article(const Article& a, const Extraction& ex) {
    guarded(impl_->path, fmt::format("cannot store article '{}'", a.id).c_str(), [&] {
        auto& st = *impl_->ins_article;
        st.bind(1, a.id);
        st.bind(2, a.origin);
        st.bind(3, a.title);
        a.published.empty() ? st.bind(4) : st.bind(4, a.published);
        a.dateline.empty() ? st.bind(5) : st.bind(5, a.dateline);
        a.outlet.empty() ? st.bind(6) : st.bind(6, a.outlet);
        a.agency.empty() ? st.bind(7) : st.bind(7, a.agency);
        a.url.empty() ? st.bind(8) : st.bind(8, a.url);
        st.bind(9, detail::hex64(a.content_hash));
        st.bind(10, a.text);
        st.bind(11, detail::hex64(a.story_hash));
        st.exec();
        st.reset();
        for (const Actor& d : ex.discovered) {
            // id, type, subtype, label_ur, label_en, country from column `at` on
            auto bind_actor = [&](SQLite::Statement& q, int at) {
                q.bind(at, d.id);
                q.bind(at + 1, std::string(to_string(d.type)));
                q.bind(at + 2, d.subtype);
                q.bind(at + 3, d.label_ur);
                d.label_en.empty() ? q.bind(at + 4) : q.bind(at + 4, d.label_en);
                d.country.empty() ? q.bind(at + 5) : q.bind(at + 5, d.country);
                q.exec();
                q.reset();
            };
            bind_actor(*impl_->ins_entity, 1);
            impl_->ins_discovery->bind(1, a.id);
            bind_actor(*impl_->ins_discovery, 2);
            auto& al = *impl_->ins_alias;
            for (const auto& name : d.names) {
                al.bind(1, a.id);
                al.bind(2, d.id);
                al.bind(3, name);
                al.exec();
                al.reset();
            }
        }
        for (const TextRole& r : ex.roles) {
            auto& ro = *impl_->ins_role;
            ro.bind(1, r.person);
            ro.bind(2, r.title);
            ro.bind(3, r.org);
            a.published.empty() ? ro.bind(4) : ro.bind(4, a.published);
            a.published.empty() ? ro.bind(5) : ro.bind(5, a.published);
            ro.bind(6, a.id);
            ro.exec();
            ro.reset();
        }
        auto& m = *impl_->ins_mention;
        for (const Mention& x : ex.mentions) {
            m.bind(1, a.id);
            m.bind(2, x.entity);
            m.bind(3, std::string(to_string(x.kind)));
            m.bind(4, static_cast<int64_t>(x.sentence));
            m.bind(5, static_cast<int64_t>(x.span.begin));
            m.bind(6, static_cast<int64_t>(x.span.end));
            m.bind(7, std::string(x.span.of(a.text)));
            m.exec();
            m.reset();
        }
        auto& r = *impl_->ins_relation;
        for (const Relation& x : ex.relations) {
            const Span s = ex.sentences.at(x.sentence);
            r.bind(1, x.source);
            r.bind(2, x.target);
            r.bind(3, x.relation);
            r.bind(4, x.directed ? 1 : 0);
            r.bind(5, x.mode);
            x.context.empty() ? r.bind(6) : r.bind(6, x.context);
            r.bind(7, x.rule);
            r.bind(8, x.confidence);
            r.bind(9, a.id);
            r.bind(10, static_cast<int64_t>(x.sentence));
            r.bind(11, static_cast<int64_t>(s.begin));
            r.bind(12, static_cast<int64_t>(s.end));
            r.bind(13, std::string(s.of(a.text)));
            r.bind(14, fold_key(s.of(a.text)));
            r.exec();
            r.reset();
        }
    });
}

void Store::remove_article(const std::string& id) {
    guarded(impl_->path, fmt::format("cannot remove article '{}'", id).c_str(), [&] {
        for (const char* sql :
             {"DELETE FROM mentions WHERE article_id = ?",
              "DELETE FROM relations WHERE article_id = ?", "DELETE FROM roles WHERE source = ?",
              "DELETE FROM discovered_names WHERE article_id = ?",
              "DELETE FROM discoveries WHERE article_id = ?",
              "DELETE FROM articles WHERE id = ?"}) {
            SQLite::Statement st(impl_->db, sql);
            st.bind(1, id);
            st.exec();
        }
    });
}

void Store::set_origin(const std::string& id, const std::string& origin) {
    guarded(impl_->path, "cannot update an article's origin", [&] {
        SQLite::Statement st(impl_->db, "UPDATE articles SET origin = ? WHERE id = ?");
        st.bind(1, origin);
        st.bind(2, id);
        st.exec();
    });
}

std::vector<StoredArticleKey> Store::article_keys() const {
    return guarded(impl_->path, "cannot read articles", [&] {
        std::vector<StoredArticleKey> out;
        SQLite::Statement st(impl_->db,
                             "SELECT id, origin, content_hash, story_hash FROM articles ORDER BY "
                             "id");
        while (st.executeStep()) {
            StoredArticleKey k;
            k.id = st.getColumn(0).getString();
            k.origin = st.getColumn(1).getString();
            k.content_hash = std::stoull(st.getColumn(2).getString(), nullptr, 16);
            const std::string story = st.getColumn(3).getString();
            k.story_hash = story.empty() ? 0 : std::stoull(story, nullptr, 16);
            out.push_back(std::move(k));
        }
        return out;
    });
}

void Store::refresh_discovered() {
    guarded(impl_->path, "cannot refresh discovered actors", [&] {
        auto& db = impl_->db;
        db.exec(
            "DELETE FROM aliases WHERE entity_id IN (SELECT id FROM entities WHERE discovered = "
            "1)");
        db.exec(
            "DELETE FROM entities WHERE discovered = 1 "
            "AND id NOT IN (SELECT entity_id FROM discoveries) "
            "AND id NOT IN (SELECT entity_id FROM mentions) "
            "AND id NOT IN (SELECT source_id FROM relations) "
            "AND id NOT IN (SELECT target_id FROM relations) "
            "AND id NOT IN (SELECT entity_id FROM roles) "
            "AND id NOT IN (SELECT org_id FROM roles)");
        db.exec(
            "UPDATE entities SET (type, subtype, label_ur, label_en, country) = ("
            "  SELECT d.type, d.subtype, d.label_ur, d.label_en, d.country FROM discoveries d "
            "  WHERE d.entity_id = entities.id "
            "  GROUP BY d.type, d.subtype, d.label_ur, d.label_en, d.country "
            "  ORDER BY count(*) DESC, d.label_ur, d.type, coalesce(d.subtype, ''), "
            "  coalesce(d.label_en, ''), coalesce(d.country, '') LIMIT 1) "
            "WHERE discovered = 1 AND id IN (SELECT entity_id FROM discoveries)");
        db.exec(
            "INSERT OR IGNORE INTO aliases (entity_id, alias, kind) "
            "SELECT DISTINCT n.entity_id, n.name, 'name' FROM discovered_names n "
            "JOIN entities e ON e.id = n.entity_id AND e.discovered = 1");
    });
}

std::int64_t Store::snapshot_run() const {
    return guarded(impl_->path, "cannot read meta", [&] {
        SQLite::Statement st(impl_->db, "SELECT value FROM meta WHERE key = 'snapshot_run'");
        return st.executeStep() ? std::stoll(st.getColumn(0).getString()) : std::int64_t{0};
    });
}

std::int64_t Store::put_run(const RunRecord& run, std::int64_t same_graph_as) {
    return guarded(impl_->path, "cannot record run", [&] {
        auto& db = impl_->db;
        SQLite::Statement st(
            db,
            "INSERT INTO runs (started_at, finished_at, status, articles, skipped, tool, "
            "lexicon_version, rules_version, mode, full_reason, added, changed, removed, "
            "unchanged, kept) VALUES (?, ?, ?, ?, ?, 'rabta', "
            "(SELECT value FROM meta WHERE key = 'lexicon_version'), "
            "(SELECT value FROM meta WHERE key = 'rules_version'), ?, ?, ?, ?, ?, ?, ?)");
        st.bind(1, run.started);
        st.bind(2, run.finished);
        st.bind(3, run.status);
        st.bind(4, run.articles);
        st.bind(5, run.skipped);
        st.bind(6, run.mode);
        run.full_reason.empty() ? st.bind(7) : st.bind(7, run.full_reason);
        st.bind(8, run.added);
        st.bind(9, run.changed);
        st.bind(10, run.removed);
        st.bind(11, run.unchanged);
        st.bind(12, run.kept);
        st.exec();
        const std::int64_t id = db.getLastInsertRowid();
        auto snap = [&](const char* sql) {
            SQLite::Statement q(db, sql);
            q.bind(1, id);
            q.exec();
        };
        auto copy = [&](const char* sql) {
            SQLite::Statement q(db, sql);
            q.bind(1, id);
            q.bind(2, same_graph_as);
            q.exec();
        };
        if (same_graph_as > 0) {
            copy(
                "INSERT INTO run_entities SELECT ?, entity_id, type, label_ur FROM run_entities "
                "WHERE run_id = ?");
            copy(
                "INSERT INTO run_ties SELECT ?, source_id, target_id, relation, evidences FROM "
                "run_ties WHERE run_id = ?");
            copy(
                "INSERT INTO run_roles SELECT ?, entity_id, title, org_id FROM run_roles WHERE "
                "run_id = ?");
        } else {
            snap(
                "INSERT INTO run_entities (run_id, entity_id, type, label_ur) "
                "SELECT ?, e.id, e.type, e.label_ur FROM entities e WHERE e.id IN "
                "(SELECT entity_id FROM mentions UNION SELECT source_id FROM relations "
                " UNION SELECT target_id FROM relations)");
            snap(
                "INSERT INTO run_ties (run_id, source_id, target_id, relation, evidences) "
                "SELECT ?, source_id, target_id, relation, count(DISTINCT evidence_key) "
                "FROM relations GROUP BY source_id, target_id, relation");
            snap(
                "INSERT OR IGNORE INTO run_roles (run_id, entity_id, title, org_id) "
                "SELECT DISTINCT ?, entity_id, title, org_id FROM roles WHERE source <> 'lexicon'");
        }
        SQLite::Statement mark(
            db, "INSERT OR REPLACE INTO meta (key, value) VALUES ('snapshot_run', ?)");
        mark.bind(1, std::to_string(id));
        mark.exec();
        SQLite::Statement pr(db,
                             "INSERT INTO run_problems (run_id, seq, origin, line, reason, "
                             "repaired) VALUES (?, ?, ?, ?, ?, ?)");
        std::int64_t seq = 0;
        for (const RunProblem& p : run.problems) {
            pr.bind(1, id);
            pr.bind(2, ++seq);
            pr.bind(3, p.origin);
            pr.bind(4, p.line);
            pr.bind(5, p.reason);
            pr.bind(6, p.repaired ? 1 : 0);
            pr.exec();
            pr.reset();
        }
        return id;
    });
}

std::int64_t Store::prune_snapshots(std::int64_t keep) {
    return guarded(impl_->path, "cannot prune run snapshots", [&] {
        auto& db = impl_->db;
        // the oldest of the newest `keep` runs: every snapshot before it goes
        SQLite::Statement cut(db, "SELECT id FROM runs ORDER BY id DESC LIMIT 1 OFFSET ?");
        cut.bind(1, std::max<std::int64_t>(keep, 1) - 1);
        if (!cut.executeStep()) return std::int64_t{0};
        const std::int64_t oldest_kept = cut.getColumn(0).getInt64();
        SQLite::Statement count(
            db,
            "SELECT count(*), max(run_id) FROM (SELECT run_id FROM run_entities WHERE run_id < ?1 "
            "UNION SELECT run_id FROM run_ties WHERE run_id < ?1 UNION SELECT run_id FROM "
            "run_roles WHERE run_id < ?1)");
        count.bind(1, oldest_kept);
        count.executeStep();
        const std::int64_t pruned = count.getColumn(0).getInt64();
        if (pruned == 0) return pruned;
        const std::int64_t through = count.getColumn(1).getInt64();
        count.reset();
        for (const char* table : {"run_entities", "run_ties", "run_roles"}) {
            SQLite::Statement del(db, fmt::format("DELETE FROM {} WHERE run_id < ?", table));
            del.bind(1, oldest_kept);
            del.exec();
        }
        SQLite::Statement mark(db,
                               "INSERT INTO meta (key, value) VALUES ('snapshots_pruned_through', "
                               "?1) ON CONFLICT (key) DO UPDATE SET value = "
                               "max(CAST(value AS INTEGER), CAST(?1 AS INTEGER))");
        mark.bind(1, std::to_string(through));
        mark.exec();
        return pruned;
    });
}

void Store::carry_history(const std::string& previous) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(previous, ec)) return;
    guarded(impl_->path, "cannot carry the run history", [&] {
        auto& db = impl_->db;
        try {
            SQLite::Statement att(db, "ATTACH DATABASE ? AS prev");
            att.bind(1, previous);
            att.exec();
        } catch (const SQLite::Exception&) {
            return;  // not a database: nothing to carry
        }
        auto has = [&](const char* table) {
            SQLite::Statement q(db, "SELECT count(*) FROM prev.sqlite_master WHERE name = ?");
            q.bind(1, table);
            return q.executeStep() && q.getColumn(0).getInt() > 0;
        };
        // The columns both stores have: an older store's history carries over
        // into the columns it knew.
        auto common = [&](const char* table) {
            SQLite::Statement q(db,
                                "SELECT group_concat(name, ', ') FROM (SELECT n.name FROM "
                                "pragma_table_info(?1, 'main') n JOIN pragma_table_info(?1, "
                                "'prev') p ON p.name = n.name ORDER BY n.cid)");
            q.bind(1, table);
            return q.executeStep() && !q.getColumn(0).isNull() ? q.getColumn(0).getString()
                                                               : std::string();
        };
        try {
            for (const char* table :
                 {"runs", "run_entities", "run_ties", "run_roles", "run_problems"}) {
                if (!has(table)) continue;
                const std::string cols = common(table);
                if (cols.empty()) continue;
                db.exec(fmt::format("INSERT INTO {0} ({1}) SELECT {1} FROM prev.{0}", table, cols));
            }
            if (has("meta")) {  // which runs' snapshots --keep-runs removed
                db.exec(
                    "INSERT OR REPLACE INTO meta (key, value) SELECT key, value FROM prev.meta "
                    "WHERE key = 'snapshots_pruned_through'");
            }
        } catch (const SQLite::Exception&) {
            // a damaged previous store keeps its history to itself
        }
        db.exec("DETACH DATABASE prev");
    });
}

std::vector<StoredRun> Store::runs() const {
    return guarded(impl_->path, "cannot read runs", [&] {
        std::vector<StoredRun> out;
        SQLite::Statement pruned(impl_->db,
                                 "SELECT CAST(value AS INTEGER) FROM meta WHERE key = "
                                 "'snapshots_pruned_through'");
        const std::int64_t pruned_through =
            pruned.executeStep() ? pruned.getColumn(0).getInt64() : 0;
        SQLite::Statement st(
            impl_->db,
            "SELECT r.id, r.started_at, coalesce(r.finished_at, ''), r.status, r.articles, "
            "r.skipped, coalesce(r.lexicon_version, ''), coalesce(r.rules_version, ''), "
            "EXISTS (SELECT 1 FROM run_ties t WHERE t.run_id = r.id) OR EXISTS (SELECT 1 FROM "
            "run_entities e WHERE e.run_id = r.id), coalesce(r.mode, ''), "
            "coalesce(r.full_reason, ''), r.added, r.changed, r.removed, r.unchanged, r.kept "
            "FROM runs r ORDER BY r.id");
        while (st.executeStep()) {
            StoredRun r;
            r.id = st.getColumn(0).getInt64();
            r.started = st.getColumn(1).getString();
            r.finished = st.getColumn(2).getString();
            r.status = st.getColumn(3).getString();
            r.articles = st.getColumn(4).getInt64();
            r.skipped = st.getColumn(5).getInt64();
            r.lexicon_version = st.getColumn(6).getString();
            r.rules_version = st.getColumn(7).getString();
            r.has_snapshot = st.getColumn(8).getInt() != 0;
            r.mode = st.getColumn(9).getString();
            r.full_reason = st.getColumn(10).getString();
            r.added = st.getColumn(11).getInt64();
            r.changed = st.getColumn(12).getInt64();
            r.removed = st.getColumn(13).getInt64();
            r.unchanged = st.getColumn(14).getInt64();
            r.kept = st.getColumn(15).getInt64();
            r.snapshot_pruned = !r.has_snapshot && r.id <= pruned_through;
            out.push_back(std::move(r));
        }
        SQLite::Statement pr(impl_->db,
                             "SELECT run_id, origin, line, reason, repaired FROM run_problems "
                             "ORDER BY run_id, seq");
        std::size_t at = 0;
        while (pr.executeStep()) {
            const std::int64_t run = pr.getColumn(0).getInt64();
            while (at < out.size() && out[at].id < run)
                ++at;
            if (at == out.size()) break;
            if (out[at].id != run) continue;
            out[at].problems.push_back({pr.getColumn(1).getString(), pr.getColumn(2).getInt64(),
                                        pr.getColumn(3).getString(),
                                        pr.getColumn(4).getInt() != 0});
        }
        return out;
    });
}

RunDiff Store::diff(std::int64_t from, std::int64_t to) const {
    return guarded(impl_->path, "cannot compare runs", [&] {
        RunDiff d;
        d.from_run = from;
        d.to_run = to;
        auto& db = impl_->db;
        auto entities = [&](std::int64_t a, std::int64_t b, std::vector<RunDiff::Entity>& out) {
            SQLite::Statement q(db,
                                "SELECT entity_id, type, label_ur FROM run_entities WHERE run_id "
                                "= ? AND entity_id NOT IN (SELECT entity_id FROM run_entities "
                                "WHERE run_id = ?) ORDER BY entity_id");
            q.bind(1, a);
            q.bind(2, b);
            while (q.executeStep())
                out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                               q.getColumn(2).getString()});
        };
        entities(to, from, d.entities_added);
        entities(from, to, d.entities_removed);
        SQLite::Statement ties(
            db,
            "SELECT coalesce(a.source_id, b.source_id), coalesce(a.target_id, b.target_id), "
            "coalesce(a.relation, b.relation), coalesce(a.evidences, 0), coalesce(b.evidences, 0) "
            "FROM (SELECT * FROM run_ties WHERE run_id = ?) a FULL OUTER JOIN "
            "(SELECT * FROM run_ties WHERE run_id = ?) b ON a.source_id = b.source_id AND "
            "a.target_id = b.target_id AND a.relation = b.relation "
            "WHERE coalesce(a.evidences, 0) <> coalesce(b.evidences, 0) ORDER BY 1, 2, 3");
        ties.bind(1, from);
        ties.bind(2, to);
        while (ties.executeStep()) {
            RunDiff::Tie t{ties.getColumn(0).getString(), ties.getColumn(1).getString(),
                           ties.getColumn(2).getString(), ties.getColumn(3).getInt64(),
                           ties.getColumn(4).getInt64()};
            (t.evidences_before == 0  ? d.ties_added
             : t.evidences_after == 0 ? d.ties_removed
                                      : d.ties_changed)
                .push_back(std::move(t));
        }
        auto roles = [&](std::int64_t a, std::int64_t b, std::vector<RunDiff::Role>& out) {
            SQLite::Statement q(db,
                                "SELECT entity_id, title, org_id FROM run_roles r WHERE run_id = "
                                "? AND NOT EXISTS (SELECT 1 FROM run_roles o WHERE o.run_id = ? "
                                "AND o.entity_id = r.entity_id AND o.title = r.title AND "
                                "o.org_id = r.org_id) ORDER BY 1, 2, 3");
            q.bind(1, a);
            q.bind(2, b);
            while (q.executeStep())
                out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(),
                               q.getColumn(2).getString()});
        };
        roles(to, from, d.roles_added);
        roles(from, to, d.roles_removed);
        return d;
    });
}

StoreStats Store::stats() const {
    return guarded(impl_->path, "cannot read statistics", [&] {
        StoreStats s;
        auto& db = impl_->db;
        s.articles = db.execAndGet("SELECT count(*) FROM articles").getInt64();
        s.mentions = db.execAndGet("SELECT count(*) FROM mentions").getInt64();
        SQLite::Statement e(
            db,
            "SELECT e.type, count(DISTINCT e.id) FROM entities e "
            "JOIN mentions m ON m.entity_id = e.id GROUP BY e.type ORDER BY e.type");
        while (e.executeStep())
            s.entities_by_type[e.getColumn(0).getString()] = e.getColumn(1).getInt64();
        SQLite::Statement r(
            db, "SELECT relation, count(*) FROM relations GROUP BY relation ORDER BY relation");
        while (r.executeStep())
            s.relations_by_type[r.getColumn(0).getString()] = r.getColumn(1).getInt64();
        s.meta = meta();
        return s;
    });
}

std::map<std::string, std::string> Store::meta() const {
    return guarded(impl_->path, "cannot read meta", [&] {
        std::map<std::string, std::string> out;
        SQLite::Statement m(impl_->db, "SELECT key, value FROM meta ORDER BY key");
        while (m.executeStep())
            out[m.getColumn(0).getString()] = m.getColumn(1).getString();
        return out;
    });
}

std::vector<StoredEntity> Store::entities(const std::vector<std::string>& only) const {
    return guarded(impl_->path, "cannot read entities", [&] {
        std::vector<StoredEntity> out;
        // «… IN (?, ?)» over the given ids, or nothing
        auto in = [&](const char* column) {
            if (only.empty()) return std::string();
            std::string w = std::string(column) + " IN (";
            for (std::size_t i = 0; i < only.size(); ++i)
                w += i ? ", ?" : "?";
            return w + ")";
        };
        auto bind_only = [&](SQLite::Statement& q) {
            for (std::size_t i = 0; i < only.size(); ++i)
                q.bind(static_cast<int>(i + 1), only[i]);
        };
        const std::string mention_where = only.empty() ? "" : " WHERE " + in("entity_id");
        const std::string relation_where = only.empty() ? "" : " WHERE " + in("target_id");
        SQLite::Statement st(
            impl_->db,
            "SELECT e.id, e.type, e.subtype, e.label_ur, e.label_en, e.country, sum(x.m), "
            "       min(a.published), max(a.published), e.discovered "
            "FROM entities e "
            // an entity a tie points to is in the graph even when the text never names
            // it: the home country of «وفاقی وزیر تجارت …»
            "JOIN (SELECT entity_id AS id, article_id, 1 AS m FROM mentions" +
                mention_where + "      UNION ALL SELECT target_id, article_id, 0 FROM relations" +
                relation_where +
                ") x ON x.id = e.id "
                "JOIN articles a ON a.id = x.article_id "
                "GROUP BY e.id ORDER BY e.id");
        for (std::size_t i = 0; i < only.size(); ++i) {
            st.bind(static_cast<int>(i + 1), only[i]);
            st.bind(static_cast<int>(only.size() + i + 1), only[i]);
        }
        std::map<std::string, std::size_t> index;
        while (st.executeStep()) {
            StoredEntity e;
            e.id = st.getColumn(0).getString();
            e.type = st.getColumn(1).getString();
            e.subtype = text_or_empty(st.getColumn(2));
            e.label_ur = st.getColumn(3).getString();
            e.label_en = text_or_empty(st.getColumn(4));
            e.country = text_or_empty(st.getColumn(5));
            e.mentions = st.getColumn(6).getInt64();
            e.first_seen = text_or_empty(st.getColumn(7));
            e.last_seen = text_or_empty(st.getColumn(8));
            e.discovered = st.getColumn(9).getInt() != 0;
            index.emplace(e.id, out.size());
            out.push_back(std::move(e));
        }
        SQLite::Statement roles(
            impl_->db,
            "SELECT r.entity_id, r.title, r.org_id, o.label_ur, r.date_from, r.date_to, r.source "
            "FROM roles r JOIN entities o ON o.id = r.org_id" +
                (only.empty() ? std::string() : " WHERE " + in("r.entity_id")) +
                " ORDER BY r.entity_id, coalesce(r.date_from, ''), r.title, r.org_id, "
                "coalesce(r.date_to, ''), r.source");
        bind_only(roles);
        while (roles.executeStep()) {
            auto it = index.find(roles.getColumn(0).getString());
            if (it == index.end()) continue;
            out[it->second].roles.push_back(
                {roles.getColumn(1).getString(), roles.getColumn(2).getString(),
                 roles.getColumn(3).getString(), text_or_empty(roles.getColumn(4)),
                 text_or_empty(roles.getColumn(5)), roles.getColumn(6).getString()});
        }
        SQLite::Statement aliases(impl_->db,
                                  "SELECT entity_id, alias FROM aliases" +
                                      (only.empty() ? std::string() : " WHERE " + in("entity_id")) +
                                      " ORDER BY entity_id, alias");
        bind_only(aliases);
        while (aliases.executeStep()) {
            auto it = index.find(aliases.getColumn(0).getString());
            if (it != index.end())
                out[it->second].aliases.push_back(aliases.getColumn(1).getString());
        }
        return out;
    });
}

std::vector<StoredRelation> Store::relations() const {
    return guarded(impl_->path, "cannot read relations", [&] {
        std::vector<StoredRelation> out;
        SQLite::Statement st(impl_->db,
                             std::string(kRelationColumns) +
                                 " ORDER BY r.source_id, r.target_id, r.relation, a.published, "
                                 "r.article_id, r.span_begin, r.rule_id");
        while (st.executeStep()) {
            out.emplace_back();
            read_relation(st, out.back());
        }
        return out;
    });
}

std::vector<std::array<std::string, 3>> Store::article_entities() const {
    return guarded(impl_->path, "cannot read mentions", [&] {
        std::vector<std::array<std::string, 3>> out;
        SQLite::Statement st(impl_->db,
                             "SELECT DISTINCT m.article_id, m.entity_id, e.type FROM mentions m "
                             "JOIN entities e ON e.id = m.entity_id ORDER BY 1, 2");
        while (st.executeStep()) {
            out.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(),
                           st.getColumn(2).getString()});
        }
        return out;
    });
}

std::vector<DiscoveredActor> Store::discovered() const {
    return guarded(impl_->path, "cannot read discovered actors", [&] {
        std::vector<DiscoveredActor> out;
        SQLite::Statement st(impl_->db,
                             "SELECT e.id, e.type, e.label_ur, coalesce(e.label_en, ''), count(*), "
                             "       count(DISTINCT m.article_id), min(m.article_id || char(31) || "
                             "       printf('%012d', m.span_begin)) "
                             "FROM entities e JOIN mentions m ON m.entity_id = e.id "
                             "WHERE e.discovered = 1 GROUP BY e.id ORDER BY count(*) DESC, e.id");
        SQLite::Statement text(impl_->db, "SELECT text FROM articles WHERE id = ?");
        while (st.executeStep()) {
            DiscoveredActor d;
            d.id = st.getColumn(0).getString();
            d.type = st.getColumn(1).getString();
            d.label_ur = st.getColumn(2).getString();
            d.label_en = st.getColumn(3).getString();
            d.mentions = st.getColumn(4).getInt64();
            d.articles = st.getColumn(5).getInt64();
            const std::string first = st.getColumn(6).getString();
            const auto sep = first.find('\x1f');
            d.example_article = first.substr(0, sep);
            const auto at = static_cast<std::size_t>(std::stoll(first.substr(sep + 1)));
            text.bind(1, d.example_article);
            if (text.executeStep()) {
                // the sentence around the first mention: «۔», «؟», «!» or a line break
                const std::string t = text.getColumn(0).getString();
                std::size_t b = at, e = at;
                auto stop = [&](std::size_t i) {
                    return t[i] == '\n' || t.compare(i, 2, "\xDB\x94") == 0 ||
                           t.compare(i, 2, "\xD8\x9F") == 0 || t[i] == '!';
                };
                while (b > 0 && t[b - 1] != '\n' && t[b - 1] != '!' && !(b >= 2 && stop(b - 2)))
                    --b;
                while (b < at && (static_cast<unsigned char>(t[b]) & 0xC0) == 0x80)
                    ++b;  // never start inside a character
                while (e < t.size() && !stop(e))
                    ++e;
                if (e < t.size() && t[e] != '\n') e += t[e] == '!' ? 1 : 2;
                d.example = t.substr(b, e - b);
                while (!d.example.empty() &&
                       (d.example.front() == ' ' || d.example.front() == '\n'))
                    d.example.erase(0, 1);
            }
            text.reset();
            out.push_back(std::move(d));
        }
        return out;
    });
}

std::vector<RoleConflict> Store::role_conflicts() const {
    return guarded(impl_->path, "cannot read roles", [&] {
        std::vector<RoleConflict> out;
        // A text role agrees with a lexicon role of the same organization, or of an
        // organization of the same country when the text names only the country,
        // whose dates cover the article's.
        SQLite::Statement st(
            impl_->db,
            "SELECT r.entity_id, r.title, r.org_id, coalesce(r.date_from, ''), r.source, "
            "  (SELECT group_concat(l.title || ' @ ' || l.org_id || ' [' || "
            "          coalesce(l.date_from, '') || '..' || coalesce(l.date_to, '') || ']', '; ') "
            "   FROM roles l WHERE l.entity_id = r.entity_id AND l.source = 'lexicon') "
            "FROM roles r JOIN entities o ON o.id = r.org_id "
            "WHERE r.source <> 'lexicon' "
            "  AND EXISTS (SELECT 1 FROM roles l WHERE l.entity_id = r.entity_id "
            "              AND l.source = 'lexicon') "
            "  AND NOT EXISTS (SELECT 1 FROM roles l JOIN entities lo ON lo.id = l.org_id "
            "    WHERE l.entity_id = r.entity_id AND l.source = 'lexicon' "
            "      AND (l.org_id = r.org_id OR (o.type = 'country' AND lo.country = o.country)) "
            "      AND (r.date_from IS NULL OR ((l.date_from IS NULL OR l.date_from <= "
            "r.date_from) "
            "           AND (l.date_to IS NULL OR l.date_to >= r.date_from)))) "
            "ORDER BY r.entity_id, r.date_from, r.source, r.title, r.org_id");
        while (st.executeStep()) {
            out.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(),
                           st.getColumn(2).getString(), st.getColumn(3).getString(),
                           st.getColumn(4).getString(), st.getColumn(5).getString()});
        }
        return out;
    });
}

std::map<std::string, std::string> Store::entity_countries() const {
    return guarded(impl_->path, "cannot read entities", [&] {
        std::map<std::string, std::string> out;
        SQLite::Statement st(impl_->db,
                             "SELECT id, country FROM entities WHERE country IS NOT NULL");
        while (st.executeStep())
            out.emplace(st.getColumn(0).getString(), st.getColumn(1).getString());
        return out;
    });
}

std::vector<std::string> Store::article_ids() const {
    return guarded(impl_->path, "cannot read articles", [&] {
        std::vector<std::string> out;
        SQLite::Statement st(impl_->db, "SELECT id FROM articles ORDER BY id");
        while (st.executeStep())
            out.push_back(st.getColumn(0).getString());
        return out;
    });
}

void Store::for_each_article(const std::function<void(const ArticleRow&)>& f) const {
    guarded(impl_->path, "cannot read articles", [&] {
        SQLite::Statement st(
            impl_->db,
            "SELECT id, title, published, outlet, agency, dateline, url FROM articles ORDER BY id");
        ArticleRow r;
        while (st.executeStep()) {
            r.id = st.getColumn(0).getString();
            r.title = st.getColumn(1).getString();
            r.published = text_or_empty(st.getColumn(2));
            r.outlet = text_or_empty(st.getColumn(3));
            r.agency = text_or_empty(st.getColumn(4));
            r.dateline = text_or_empty(st.getColumn(5));
            r.url = text_or_empty(st.getColumn(6));
            f(r);
        }
    });
}

void Store::for_each_mention(const std::function<void(const MentionRow&)>& f,
                             const std::string& entity) const {
    guarded(impl_->path, "cannot read mentions", [&] {
        SQLite::Statement st(
            impl_->db,
            "SELECT article_id, entity_id, kind, surface, span_begin, span_end FROM mentions" +
                std::string(entity.empty() ? "" : " WHERE entity_id = ?") +
                " ORDER BY article_id, span_begin, entity_id");
        if (!entity.empty()) st.bind(1, entity);
        MentionRow r;
        while (st.executeStep()) {
            r.article = st.getColumn(0).getString();
            r.entity = st.getColumn(1).getString();
            r.kind = st.getColumn(2).getString();
            r.surface = st.getColumn(3).getString();
            r.begin = static_cast<std::uint32_t>(st.getColumn(4).getInt64());
            r.end = static_cast<std::uint32_t>(st.getColumn(5).getInt64());
            f(r);
        }
    });
}

std::vector<std::string> Store::find_entities(const std::string& name) const {
    return guarded(impl_->path, "cannot look up names", [&] {
        std::set<std::string> ids;
        SQLite::Statement by_id(impl_->db, "SELECT id FROM entities WHERE id = ?");
        by_id.bind(1, name);
        while (by_id.executeStep())
            ids.insert(by_id.getColumn(0).getString());
        if (!ids.empty()) return std::vector<std::string>(ids.begin(), ids.end());
        const std::string key = fold_key(name);
        if (key.empty()) return std::vector<std::string>();
        SQLite::Statement all(
            impl_->db,
            "SELECT entity_id, alias FROM aliases UNION SELECT id, label_ur FROM entities "
            "UNION SELECT id, label_en FROM entities WHERE label_en IS NOT NULL");
        while (all.executeStep()) {
            if (fold_key(all.getColumn(1).getString()) == key)
                ids.insert(all.getColumn(0).getString());
        }
        return std::vector<std::string>(ids.begin(), ids.end());
    });
}

namespace {

// The WHERE clause of a scope over `relations r JOIN articles a`, with its bindings.
std::string scope_sql(const EvidenceScope& scope, std::vector<std::string>& binds) {
    std::string w = " WHERE 1";
    if (!scope.from.empty() || !scope.to.empty()) w += " AND a.published IS NOT NULL";
    if (!scope.from.empty()) {
        w += " AND a.published >= ?";
        binds.push_back(scope.from);
    }
    if (!scope.to.empty()) {
        w += " AND a.published <= ?";
        binds.push_back(scope.to);
    }
    if (!scope.entities.empty()) {
        std::string list;
        for (std::size_t i = 0; i < scope.entities.size(); ++i)
            list += i ? ", ?" : "?";
        w += " AND (r.source_id IN (" + list + ") OR r.target_id IN (" + list + "))";
        binds.insert(binds.end(), scope.entities.begin(), scope.entities.end());
        binds.insert(binds.end(), scope.entities.begin(), scope.entities.end());
    }
    if (!scope.relations.empty()) {
        w += " AND r.relation IN (";
        for (std::size_t i = 0; i < scope.relations.size(); ++i) {
            w += i ? ", ?" : "?";
            binds.push_back(scope.relations[i]);
        }
        w += ")";
    }
    return w;
}

void bind_all(SQLite::Statement& st, const std::vector<std::string>& binds) {
    for (std::size_t i = 0; i < binds.size(); ++i)
        st.bind(static_cast<int>(i + 1), binds[i]);
}

constexpr const char* kEvidenceOrder =
    " ORDER BY r.source_id, r.target_id, r.relation, coalesce(a.published, ''), r.article_id, "
    "r.span_begin, r.rule_id";

}  // namespace

std::vector<StoredTie> Store::ties(const EvidenceScope& scope) const {
    return guarded(impl_->path, "cannot read ties", [&] {
        std::vector<std::string> binds;
        const std::string where = scope_sql(scope, binds);
        std::vector<StoredTie> out;
        std::map<std::tuple<std::string, std::string, std::string>, std::size_t> index;
        SQLite::Statement st(
            impl_->db,
            "SELECT r.source_id, r.target_id, r.relation, max(r.directed), "
            "count(DISTINCT r.evidence_key), "
            "count(DISTINCT r.article_id), max(r.mode = 'done'), min(a.published), "
            "max(a.published), count(*) "
            "FROM relations r JOIN articles a ON a.id = r.article_id" +
                where +
                " GROUP BY r.source_id, r.target_id, r.relation "
                "ORDER BY r.source_id, r.target_id, r.relation");
        bind_all(st, binds);
        while (st.executeStep()) {
            StoredTie t;
            t.source = st.getColumn(0).getString();
            t.target = st.getColumn(1).getString();
            t.relation = st.getColumn(2).getString();
            t.directed = st.getColumn(3).getInt() != 0;
            t.evidences = st.getColumn(4).getInt64();
            t.articles = st.getColumn(5).getInt64();
            t.done = st.getColumn(6).getInt() != 0;
            t.first_date = text_or_empty(st.getColumn(7));
            t.last_date = text_or_empty(st.getColumn(8));
            t.copies = st.getColumn(9).getInt64();
            index.emplace(std::make_tuple(t.source, t.target, t.relation), out.size());
            out.push_back(std::move(t));
        }
        SQLite::Statement outlets(impl_->db,
                                  "SELECT DISTINCT r.source_id, r.target_id, r.relation, a.outlet "
                                  "FROM relations r JOIN articles a ON a.id = r.article_id" +
                                      where + " AND a.outlet IS NOT NULL ORDER BY 1, 2, 3, 4");
        bind_all(outlets, binds);
        while (outlets.executeStep()) {
            auto it =
                index.find({outlets.getColumn(0).getString(), outlets.getColumn(1).getString(),
                            outlets.getColumn(2).getString()});
            if (it != index.end())
                out[it->second].outlets.push_back(outlets.getColumn(3).getString());
        }
        SQLite::Statement best(
            impl_->db,
            "SELECT source_id, target_id, relation, evidence, article_id FROM ("
            " SELECT r.source_id, r.target_id, r.relation, r.evidence, r.article_id,"
            "  row_number() OVER (PARTITION BY r.source_id, r.target_id, r.relation"
            "   ORDER BY a.published IS NULL, a.published, r.article_id, r.span_begin) AS rank"
            " FROM relations r JOIN articles a ON a.id = r.article_id" +
                where + ") WHERE rank = 1");
        bind_all(best, binds);
        while (best.executeStep()) {
            auto it = index.find({best.getColumn(0).getString(), best.getColumn(1).getString(),
                                  best.getColumn(2).getString()});
            if (it == index.end()) continue;
            out[it->second].best_sentence = best.getColumn(3).getString();
            out[it->second].best_article = best.getColumn(4).getString();
        }
        return out;
    });
}

struct EvidenceCursor::Impl {
    Impl(const std::string& p, SQLite::Database& db, const std::string& sql)
        : path(p), st(db, sql) {}
    std::string path;
    SQLite::Statement st;
    StoredRelation row;
    bool valid = false;

    void step() {
        valid = guarded(path, "cannot read evidence", [&] { return st.executeStep(); });
        if (valid) read_relation(st, row);
    }
};

EvidenceCursor::EvidenceCursor(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
EvidenceCursor::EvidenceCursor(EvidenceCursor&&) noexcept = default;
EvidenceCursor::~EvidenceCursor() = default;
const StoredRelation* EvidenceCursor::get() const noexcept {
    return impl_->valid ? &impl_->row : nullptr;
}
void EvidenceCursor::next() {
    impl_->step();
}

EvidenceCursor Store::evidences(const EvidenceScope& scope) const {
    return guarded(impl_->path, "cannot read evidence", [&] {
        std::vector<std::string> binds;
        const std::string sql =
            std::string(kRelationColumns) + scope_sql(scope, binds) + kEvidenceOrder;
        auto impl = std::make_unique<EvidenceCursor::Impl>(impl_->path, impl_->db, sql);
        bind_all(impl->st, binds);
        impl->step();
        return EvidenceCursor(std::move(impl));
    });
}

}  // namespace rabta
