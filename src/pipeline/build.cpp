#include <fcntl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <rabta/boilerplate.h>
#include <rabta/build.h>
#include <rabta/error.h>
#include <rabta/extract.h>
#include <rabta/facts.h>
#include <rabta/lexicon.h>
#include <rabta/output.h>
#include <rabta/resolve.h>
#include <rabta/rules.h>
#include <rabta/store.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "pipeline/data.h"
#include "pipeline/extract_queue.h"
#include "rabta_version.h"
#include "util/hash.h"

namespace rabta {

namespace fs = std::filesystem;

namespace {

std::string now_utc() {
    return fmt::format(
        "{:%Y-%m-%dT%H:%M:%SZ}",
        fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
}

// How long to wait for the lock: a number of seconds, 0 or more; a very large
// one (or inf) means as long as it takes. NaN and negative numbers are refused.
std::optional<std::chrono::steady_clock::time_point> lock_deadline(double wait_seconds) {
    if (!(wait_seconds >= 0))
        throw UsageError(fmt::format(
            "--wait {}: give the seconds to wait, 0 or more (inf waits as long as it takes)",
            wait_seconds));
    if (wait_seconds >= 1e9) return std::nullopt;  // over 30 years: no deadline
    return std::chrono::steady_clock::now() +
           std::chrono::duration_cast<std::chrono::steady_clock::duration>(
               std::chrono::duration<double>(wait_seconds));
}

// The database's build lock. flock() belongs to the open file description, so
// the kernel releases it when the holder exits, however it exits. The file is
// never followed through a symbolic link nor truncated before it is known to
// be a plain file of its own (a link planted there would truncate its target).
class BuildLock {
  public:
    using Deadline = std::optional<std::chrono::steady_clock::time_point>;
    BuildLock(const std::string& db, Deadline deadline, double wait_seconds) : path_(db + ".lock") {
        fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0644);
        if (fd_ < 0 && errno == ELOOP)
            throw StoreError(path_,
                             "the lock file is a symbolic link; refusing to open it (remove it if "
                             "you did not put it there)");
        if (fd_ < 0)
            throw StoreError(path_, std::string("cannot open lock file: ") + std::strerror(errno));
        struct stat st {};
        if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
            ::close(fd_);
            throw StoreError(path_,
                             "the lock file is not a regular file; refusing to use it (remove it "
                             "if you did not put it there)");
        }
        // Another name for the same file (a hard link) is not ours to rewrite.
        own_file_ = st.st_nlink == 1;
        while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            if (errno != EWOULDBLOCK && errno != EINTR) {
                const int e = errno;
                ::close(fd_);
                throw StoreError(path_, std::string("cannot lock: ") + std::strerror(e));
            }
            if (deadline && std::chrono::steady_clock::now() >= *deadline) {
                std::string holder(32, '\0');
                const ssize_t n = ::pread(fd_, holder.data(), holder.size(), 0);
                holder.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
                while (!holder.empty() && (holder.back() == '\n' || holder.back() == '\0'))
                    holder.pop_back();
                ::close(fd_);
                throw LockedError(
                    db, fmt::format("another build is running on it{} (lock {}); waited {} s",
                                    holder.empty() ? "" : " (pid " + holder + ")", path_,
                                    wait_seconds));
            }
            ::usleep(50 * 1000);
        }
        const std::string pid = std::to_string(::getpid()) + "\n";
        if (own_file_ && ::ftruncate(fd_, 0) == 0) {
            [[maybe_unused]] ssize_t w = ::pwrite(fd_, pid.data(), pid.size(), 0);
        }
    }
    ~BuildLock() { ::close(fd_); }
    BuildLock(const BuildLock&) = delete;
    BuildLock& operator=(const BuildLock&) = delete;

  private:
    std::string path_;
    int fd_ = -1;
    bool own_file_ = false;
};

// Holding the lock, nobody else is building this database: every DB.building-*
// beside it was left by a killed build.
void remove_leftovers(const fs::path& db) {
    std::error_code ec;
    const fs::path dir = db.has_parent_path() ? db.parent_path() : fs::path(".");
    const std::string prefix = db.filename().string() + ".building-";
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        if (entry.path().filename().string().starts_with(prefix)) fs::remove(entry.path(), ec);
    }
}

// What a build reads besides the database: corpus, facts and data files.
// The curation overlay a build reads: the one named, else the one beside the
// database when there is one.
std::optional<std::string> curation_file(const BuildOptions& opt) {
    if (opt.curated) return opt.curated;
    const std::string beside = default_curation_path(opt.db);
    std::error_code ec;
    if (std::filesystem::exists(beside, ec)) return beside;
    return std::nullopt;
}

Inputs data_inputs(const BuildOptions& opt) {
    Inputs in;
    for (const auto& p : opt.paths)
        in.add(p, "a corpus file");
    for (const auto& p : opt.facts)
        in.add(p, "a facts file");
    if (opt.lexicon) in.add(*opt.lexicon, "a lexicon file");
    if (opt.rules) in.add(*opt.rules, "a rules file");
    if (opt.boilerplate) in.add(*opt.boilerplate, "a boilerplate file");
    if (auto c = curation_file(opt)) in.add(*c, "the curation overlay");
    return in;
}

// A build replaces or rewrites the database file: never a device, a FIFO, a
// directory or a socket (as root, `--db /dev/null` would replace /dev/null).
void refuse_special_file(const std::string& db) {
    struct stat st {};
    if (::stat(db.c_str(), &st) != 0 || S_ISREG(st.st_mode)) return;
    const char* kind = S_ISDIR(st.st_mode)    ? "a directory"
                       : S_ISCHR(st.st_mode)  ? "a character device"
                       : S_ISBLK(st.st_mode)  ? "a block device"
                       : S_ISFIFO(st.st_mode) ? "a FIFO"
                       : S_ISSOCK(st.st_mode) ? "a socket"
                                              : "not a regular file";
    throw StoreError(db,
                     fmt::format("is {}, not a database file; a build will not replace it", kind));
}

// SQLite opens DB-journal, DB-wal and DB-shm beside the database, following
// symbolic links: one planted there would have SQLite write through it.
void refuse_linked_journals(const std::string& db) {
    for (const char* suffix : {"-journal", "-wal", "-shm"}) {
        const std::string side = db + suffix;
        struct stat st {};
        if (::lstat(side.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
            throw StoreError(side,
                             "is not a regular file (a symbolic link?); SQLite would write "
                             "through it: refusing (remove it if you did not put it there)");
    }
}

// A file at `db` that is not SQLite (a typo in --db naming a document) is never
// replaced by a build; an empty file or a damaged SQLite file may be.
void refuse_foreign_file(const std::string& db) {
    std::ifstream in(db, std::ios::binary);
    if (!in) return;
    char head[16] = {};
    in.read(head, sizeof head);
    const auto n = in.gcount();
    if (n == 0) return;
    if (n == 16 && std::string_view(head, 16) == std::string_view("SQLite format 3\0", 16)) return;
    throw StoreError(db,
                     "not a SQLite database; a build will not replace it (move it away, or "
                     "pass another --db)");
}

// What a build found at its database before it began, and what it may do.
struct Previous {
    std::vector<StoredArticleKey> keys;  ///< the articles stored, when it could be read
    std::string full_reason;             ///< why everything is read again; empty: in place
    bool sound = false;                  ///< a rabta store that opened and read
    std::string damaged_keep_as;         ///< a damaged store, to be kept under this name
};

double busy_seconds(const BuildOptions& opt) {
    return std::max(kStoreBusySeconds, opt.wait_seconds);
}

std::string compact_utc() {
    return fmt::format(
        "{:%Y%m%dT%H%M%SZ}",
        fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
}

// Why the store's data files differ from the ones in use; empty if they do not.
std::string versions_changed(const std::map<std::string, std::string>& meta,
                             const Versions& versions) {
    for (const auto& [key, value] : versions) {
        const auto it = meta.find(key);
        const std::string what = key.substr(0, key.find('_'));
        if (it == meta.end()) return fmt::format("the store records no {} version", what);
        if (it->second != value)
            return fmt::format("{} version changed ({} → {})", what, it->second, value);
    }
    return {};
}

// "Cannot open" never means "rebuild over it": only a missing or empty file or
// a rabta store that fails its integrity check may be replaced; anything else
// that cannot be read as a rabta store stops the build before it writes.
Previous inspect(const BuildOptions& opt, const Versions& versions) {
    Previous p;
    std::error_code ec;
    if (!fs::exists(opt.db, ec)) {
        p.full_reason = opt.full ? "asked for (--full)" : "new database";
        return p;
    }
    if (fs::is_regular_file(opt.db, ec) && fs::file_size(opt.db, ec) == 0 && !ec) {
        p.full_reason = "the database file was empty";
        return p;
    }
    refuse_foreign_file(opt.db);
    try {
        const Store old = Store::open(opt.db, busy_seconds(opt));
        p.keys = old.article_keys();
        p.full_reason = opt.full ? "asked for (--full)" : versions_changed(old.meta(), versions);
        p.sound = true;
    } catch (const DamagedStoreError& e) {
        const std::string verdict = Store::integrity(opt.db);
        if (verdict == "ok") throw;
        p.damaged_keep_as = fmt::format("{}.damaged-{}", opt.db, compact_utc());
        p.full_reason = fmt::format(
            "the database failed its integrity check ({}); rebuilt from the corpus, the damaged "
            "file kept as {}",
            verdict.substr(0, 200), p.damaged_keep_as);
    } catch (const LockedError&) {
        throw;
    } catch (const StoreError& e) {
        throw StoreError(opt.db, e.reason() +
                                     "; a build will not replace it (move it away, or "
                                     "pass another --db)");
    }
    return p;
}

// Keeps a damaged store (and its -wal) under another name before the rebuilt one
// takes its place: what SQLite could not read may still be recovered by hand.
void keep_damaged(const std::string& db, const std::string& keep_as) {
    std::error_code ec;
    fs::create_hard_link(db, keep_as, ec);
    if (ec) fs::copy_file(db, keep_as, ec);
    if (ec)
        throw StoreError(
            db, fmt::format("cannot keep the damaged database as {}: {}", keep_as, ec.message()));
    if (fs::exists(db + "-wal", ec)) fs::rename(db + "-wal", keep_as + "-wal", ec);
    fs::remove(db + "-shm", ec);
}

// Refuses a build that would remove more than the allowed share of the stored
// articles: a corpus that vanished looks like one whose articles were deleted.
void check_removals(const BuildOptions& opt, std::int64_t removed, std::size_t stored) {
    if (removed == 0 || opt.max_removed_percent >= 100) return;
    const double share = 100.0 * static_cast<double>(removed) / static_cast<double>(stored);
    if (share <= opt.max_removed_percent) return;
    throw RemovalRefused(fmt::format(
        "{}: this build would remove {} of the {} stored articles ({:.0f}%, more than "
        "--max-removed {}%) as no longer in the corpus; is the corpus complete (an unmounted "
        "share, an emptied or missing directory)? Nothing was changed; to remove them, run "
        "again with --max-removed 100",
        opt.db, removed, stored, share, opt.max_removed_percent));
}

// `origin` ("path" or "path:line") lies in the file or directory `path`.
bool within(const std::string& origin, const std::string& path) {
    if (!origin.starts_with(path)) return false;
    if (origin.size() == path.size()) return true;
    const char next = origin[path.size()];
    return next == ':' || next == '/' || path.ends_with('/');
}

// A path that a problem named is missing or cannot be read: what it held
// before is kept, not taken for deleted.
bool cannot_read(const std::string& path) {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return true;
    return fs::is_directory(st) || ::access(path.c_str(), R_OK) != 0;
}

// A shard's facts that cannot be read would look like deleted articles: stop.
void read_facts_file(const std::string& path,
                     const FactsExpectations& expect,
                     const FactsSink& sink,
                     const ProblemSink& problems,
                     ProgressMeter& meter) {
    std::ifstream file;
    if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) throw InputError(path, 0, "cannot open facts for reading");
    }
    ProgressInput counted(path == "-" ? *std::cin.rdbuf() : *file.rdbuf(), meter);
    std::istream in(&counted);
    read_facts(in, path == "-" ? "(stdin)" : path, expect, sink, problems);
}

// A merge stores all of its facts or none: a bad line skipped would make its
// article look deleted (or keep an old version of it), so the first problem
// stops it before the commit, and the transaction or the new file is dropped.
void refuse_partial_merge(const std::vector<RunProblem>& problems) {
    const auto bad = std::count_if(problems.begin(), problems.end(),
                                   [](const RunProblem& p) { return !p.repaired; });
    if (bad == 0) return;  // warnings (a renamed article) store what they are about
    const RunProblem& first =
        *std::find_if(problems.begin(), problems.end(), [](const auto& p) { return !p.repaired; });
    throw InputError(first.origin, static_cast<std::size_t>(first.line),
                     fmt::format("{} bad line{} in the facts (reported above): a merge stores all "
                                 "of its facts or nothing, so nothing was stored and the database "
                                 "is as it was",
                                 bad, bad == 1 ? "" : "s"));
}

InputError renamed_article(const Article& a, const std::string& id, const std::string& first) {
    return InputError(a.origin, 0,
                      fmt::format("article id '{}' was already used for a different story at {}; "
                                  "this one is stored as '{}'",
                                  id, first, a.id),
                      InputError::Outcome::renamed);
}

void count_problem(BuildReport& report, const InputError& e) {
    switch (e.outcome()) {
        case InputError::Outcome::skipped:
            ++report.skipped;
            break;
        case InputError::Outcome::repaired:
            ++report.repaired;
            break;
        case InputError::Outcome::renamed:
            ++report.renamed;
            break;
        case InputError::Outcome::empty:
            ++report.empty;
            break;
    }
}

// The article ids a run has read, as 64-bit hashes in an open-addressing
// table: at most 16 bytes an article however long its id and origin, so that
// a build's memory stays flat as the corpus grows. A hit may be another id of
// the same hash (odds below 1e-6 at ten million articles): where that matters
// the caller confirms it against the store, which holds every article read.
class IdSet {
  public:
    /// Whether `id` was not in the set.
    bool insert(const std::string& id) {
        if (2 * (size_ + 1) > slots_.size()) grow();
        if (!place(slots_, key(id))) return false;
        ++size_;
        return true;
    }
    bool contains(const std::string& id) const {
        const std::uint64_t k = key(id);
        for (std::size_t i = k & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
            if (slots_[i] == k) return true;
            if (slots_[i] == 0) return false;
        }
    }
    std::size_t size() const { return size_; }

  private:
    static std::uint64_t key(const std::string& id) {
        std::uint64_t h = detail::hash64(id);
        h ^= h >> 31;  // spread FNV's low bits over the table
        h *= 0x9e3779b97f4a7c15ULL;
        h ^= h >> 29;
        return h == 0 ? 1 : h;  // 0 marks an empty slot
    }
    static bool place(std::vector<std::uint64_t>& slots, std::uint64_t k) {
        for (std::size_t i = k & (slots.size() - 1);; i = (i + 1) & (slots.size() - 1)) {
            if (slots[i] == k) return false;
            if (slots[i] == 0) {
                slots[i] = k;
                return true;
            }
        }
    }
    void grow() {
        std::vector<std::uint64_t> bigger(slots_.size() * 2);
        for (std::uint64_t k : slots_)
            if (k != 0) place(bigger, k);
        slots_.swap(bigger);
    }
    std::vector<std::uint64_t> slots_ = std::vector<std::uint64_t>(1024);
    std::size_t size_ = 0;
};

// Whether `id` was read in this run for a story other than `story_hash`; the
// store holds every article a run has read, so the story is read back from it.
bool held_for_another_story(const IdSet& seen,
                            const Store& store,
                            const std::string& id,
                            std::uint64_t story_hash) {
    if (!seen.contains(id)) return false;
    const std::optional<StoredArticleKey> k = store.article_key(id);
    return k && k->story_hash != story_hash;
}

// A stored article under a derived id that a full build would no longer give
// it (the holder of its id is gone, or now tells the same story): read again.
bool stale_derived_id(const StoredArticleKey& k, const IdSet& seen, const Store& store) {
    const auto base = derived_from(k.id);
    if (!base) return false;
    if (!seen.contains(*base)) return true;
    const std::optional<StoredArticleKey> holder = store.article_key(*base);
    return !holder || holder->story_hash == k.story_hash;
}

// What decides the problems of a record that gives no article: its bytes, the
// data files (a change of which makes the build a full one) and the article
// size limit. Notes kept under this key are good for the same record again.
std::uint64_t note_key(std::uint64_t record_hash, const Limits& limits) {
    return detail::hash64(std::to_string(limits.article_bytes), record_hash);
}

// The record notes of the store a build updates, by key.
std::unordered_map<std::uint64_t, std::vector<RecordNote>> notes_by_key(const Store& store) {
    std::unordered_map<std::uint64_t, std::vector<RecordNote>> out;
    for (RecordNote& n : store.record_notes())
        out[n.key].push_back(std::move(n));
    return out;
}

}  // namespace

Inputs build_inputs(const BuildOptions& opt) {
    Inputs in = data_inputs(opt);
    in.add_database(opt.db);
    return in;
}

BuildReport build(const BuildOptions& requested, const ProblemSink& problems) {
    // Everything that can stop the run on bad configuration happens before any write.
    const detail::ExtractionData data = detail::ExtractionData::load(
        requested.lexicon, requested.rules, requested.boilerplate, curation_file(requested));
    const Lexicon& lexicon = data.lexicon;
    const Boilerplate& bp = data.boilerplate();
    const Extractor extractor(lexicon, data.rules, requested.limits);
    const Versions versions = extraction_versions(lexicon, data.rules, bp);

    // The database is written where it really is: a symbolic link stays, and
    // the file it names is updated or replaced (and locked).
    const auto deadline = lock_deadline(requested.wait_seconds);
    data_inputs(requested).check_output(requested.db, "--db");
    BuildOptions opt = requested;
    opt.db = resolve_links(requested.db);
    refuse_special_file(opt.db);
    const fs::path target = opt.db;
    if (target.has_parent_path()) {
        std::error_code ec;
        fs::create_directories(target.parent_path(), ec);
        if (ec) throw StoreError(opt.db, "cannot create directory: " + ec.message());
    }
    const BuildLock lock(opt.db, deadline, opt.wait_seconds);
    remove_leftovers(target);
    refuse_linked_journals(opt.db);
    refuse_foreign_file(opt.db);

    Previous previous = inspect(opt, versions);
    BuildReport report;
    report.full_reason = previous.full_reason;
    const bool in_place = report.full_reason.empty();
    report.mode = in_place ? "incremental" : "full";
    if (!in_place && previous.sound) Store::probe_write_lock(opt.db, busy_seconds(opt));
    RunRecord run;
    run.started = now_utc();
    run.mode = report.mode;
    run.full_reason = report.full_reason;

    // What the store held before: what an incremental build updates, and what a
    // full build's counts compare against (when the old store can be read).
    const std::vector<StoredArticleKey>& before = previous.keys;
    std::unordered_map<std::string, const StoredArticleKey*> before_by_id;
    std::unordered_multimap<std::uint64_t, const StoredArticleKey*> before_by_hash;
    for (const auto& k : before) {
        before_by_id.emplace(k.id, &k);
        if (in_place) before_by_hash.emplace(k.content_hash, &k);
    }

    // The new store's name cannot be guessed, so nobody can plant a link
    // there (or at its journal) for SQLite to follow; both go on SIGINT/SIGTERM.
    std::optional<TempPath> temp, temp_journal, temp_wal, temp_shm;
    if (!in_place) {
        temp.emplace(unique_temp_name(opt.db + ".building-"));
        temp_journal.emplace(temp->path() + "-journal");
        temp_wal.emplace(temp->path() + "-wal");
        temp_shm.emplace(temp->path() + "-shm");
    }
    {
        Store store = in_place ? Store::open_for_update(opt.db, busy_seconds(opt))
                               : Store::create_for_load(temp->path());
        if (!in_place) store.carry_history(opt.db);  // ATTACH cannot run inside a transaction
        store.begin();
        if (!in_place) store.put_lexicon(lexicon);
        for (const auto& [key, value] : versions)
            store.put_meta(key, value);

        // The article ids this run has read: the same story read twice (a
        // corpus and a selection from it) is counted, not reported; an id reused
        // for another story is a warning, and that story is stored under a
        // derived id. The first copy's origin and story are read back from the
        // store, which holds every article seen.
        IdSet seen;
        // Records that gave no article, by note_key(): what the old store noted
        // (an incremental build reports it again instead of parsing), and the
        // keys this run noted or used.
        auto notes = in_place ? notes_by_key(store)
                              : std::unordered_map<std::uint64_t, std::vector<RecordNote>>{};
        std::unordered_set<std::uint64_t> noted;
        std::vector<std::string> unreadable;  // files and directories read not at all
        auto report_problem = [&](const InputError& e) {
            count_problem(report, e);
            if (!e.repaired() && e.line() == 0 && cannot_read(e.file()))
                unreadable.push_back(e.file());
            run.problems.push_back(
                {e.file(), static_cast<std::int64_t>(e.line()), e.reason(), e.repaired()});
            if (opt.strict && !e.warning()) throw e;  // a warning does not stop --strict
            problems(e);
        };
        // Whether an article read now must be (re)written; counts it either way.
        auto admit = [&](Article& a) {
            const std::string given = a.id;
            std::string first_origin;  // where the holder of a reused id was read
            if (!seen.insert(a.id)) {
                const std::optional<StoredArticleKey> first = store.article_key(a.id);
                if (first && first->story_hash == a.story_hash) {
                    ++report.duplicates;
                    return false;
                }
                if (first) {
                    first_origin = first->origin;
                    a.id = derived_article_id(a, [&](const std::string& id) {
                        return held_for_another_story(seen, store, id, a.story_hash);
                    });
                    // held already: the same story again, under its derived id
                    if (!seen.insert(a.id) && store.article_key(a.id)) {
                        ++report.duplicates;
                        return false;
                    }
                }
                // no row: another id of the same hash was read, not this one
            }
            if (!first_origin.empty()) report_problem(renamed_article(a, given, first_origin));
            const auto old = before_by_id.find(a.id);
            if (old == before_by_id.end()) {
                ++report.added;
            } else if (old->second->content_hash != a.content_hash) {
                ++report.changed;
                if (in_place) store.remove_article(a.id);
            } else {
                ++report.unchanged;
                if (in_place) {  // read again only because its copy came second
                    if (old->second->origin != a.origin) store.set_origin(a.id, a.origin);
                    return false;
                }
            }
            return true;
        };
        auto held = [&](const Record& r) {
            const std::uint64_t key = note_key(r.hash, opt.limits);
            if (const auto n = notes.find(key); n != notes.end()) {
                // its problems were (and are) at the record's own file and line
                for (const RecordNote& note : n->second)
                    report_problem(InputError(r.file, r.line, note.reason, note.outcome));
                noted.insert(key);
                return;
            }
            const auto [b, e] = before_by_hash.equal_range(r.hash);
            const bool clash = std::any_of(b, e, [&](const auto& k) {
                return seen.contains(k.second->id) || stale_derived_id(*k.second, seen, store);
            });
            if (clash) {
                ++report.parsed;
                Parsed p = parse_record(r, bp);
                for (const auto& problem : p.problems)
                    report_problem(problem);
                for (Article& a : p.articles)
                    if (admit(a)) store.put_article(a, extractor.run(a));
                return;
            }
            const std::string origin = r.origin();
            for (auto k = b; k != e; ++k) {
                seen.insert(k->second->id);
                ++report.unchanged;
                if (k->second->origin != origin) store.set_origin(k->second->id, origin);
            }
        };
        detail::ExtractQueue queue(
            extractor, bp, opt.limits.article_bytes, opt.jobs,
            [&](Article& a, const Extraction& ex) {
                if (admit(a)) store.put_article(a, ex);
            },
            report_problem, held,
            [&](const Record& r, const std::vector<InputError>& found) {
                const std::uint64_t key = note_key(r.hash, opt.limits);
                if (found.empty() || !noted.insert(key).second) return;
                std::vector<RecordNote> keep;
                for (const InputError& e : found)
                    keep.push_back({key, e.reason(), e.outcome()});
                store.put_record_notes(key, keep);
            });
        ProgressMeter meter(opt.progress, corpus_bytes(opt.facts.empty() ? opt.paths : opt.facts));
        auto take = [&](Record&& r) {
            meter.advance(1, r.bytes.size() + 1);
            queue.push(std::move(r));
        };
        auto reading_problem = [&](const InputError& e) { queue.push(e); };
        // A record whose raw hash the store holds is not parsed: in its turn, its
        // articles are marked seen, unless one of them was seen already (then it
        // is read after all, and admit() sorts it out).
        KnownRecord known;
        if (in_place) {
            known = [&](const std::string&, std::uint64_t hash) {
                return before_by_hash.count(hash) > 0 ||
                       notes.count(note_key(hash, opt.limits)) > 0;
            };
        }
        if (!opt.facts.empty()) {
            FactsExpectations expect;
            expect.versions = versions;
            expect.lexicon = &lexicon;
            expect.rules = &data.rules;
            expect.max_line_bytes = max_facts_line_bytes(opt.limits.article_bytes);
            for (const auto& path : opt.facts)
                read_facts_file(
                    path, expect,
                    [&](Article&& a, Extraction&& ex) {
                        if (admit(a)) store.put_article(a, ex);
                    },
                    report_problem, meter);
            refuse_partial_merge(run.problems);
        } else if (opt.paths.empty()) {
            read_embedded_records(take, known);
        } else {
            read_records(opt.paths, take, reading_problem, known,
                         max_record_bytes(opt.limits.article_bytes));
        }
        queue.finish();
        meter.finish();
        report.parsed += static_cast<std::int64_t>(queue.parsed());
        for (const auto& [key, _] : notes)  // records no longer read, or read again
            if (!noted.count(key)) store.remove_record_notes(key);
        store.finish_load();            // the indexes, for what follows
        std::vector<std::string> gone;  // stored, not seen, not kept
        for (const auto& k : before) {
            if (seen.contains(k.id)) continue;
            const bool unread = std::any_of(unreadable.begin(), unreadable.end(),
                                            [&](const auto& p) { return within(k.origin, p); });
            if (unread && in_place) {
                ++report.kept;
                continue;
            }
            gone.push_back(k.id);
        }
        check_removals(opt, static_cast<std::int64_t>(gone.size()), before.size());
        report.removed = static_cast<std::int64_t>(gone.size());
        if (in_place) {
            for (const auto& id : gone)
                store.remove_article(id);
        }
        if (!in_place || report.added + report.changed + report.removed > 0)
            store.refresh_discovered();

        run.finished = now_utc();
        run.status = report.skipped ? "partial" : "ok";
        run.added = report.added;
        run.changed = report.changed;
        run.removed = report.removed;
        run.unchanged = report.unchanged;
        run.kept = report.kept;
        run.skipped = report.skipped;
        run.articles = static_cast<std::int64_t>(seen.size()) + report.kept;
        report.articles = run.articles;
        // Nothing added, changed or removed in place, and no migration since the
        // previous run: the graph is that run's, whose snapshot is copied and
        // whose diff is empty.
        const std::vector<StoredRun> earlier = store.runs();
        const std::int64_t last_run =
            !earlier.empty() && earlier.back().has_snapshot ? earlier.back().id : 0;
        const bool same_graph = in_place && last_run > 0 && store.snapshot_run() == last_run &&
                                report.added + report.changed + report.removed == 0;
        report.run = store.put_run(run, same_graph ? last_run : 0);
        if (opt.keep_runs > 0) report.snapshots_pruned = store.prune_snapshots(opt.keep_runs);
        store.commit();
        if (same_graph) {
            report.since_previous = RunDiff{};
            report.since_previous->from_run = last_run;
            report.since_previous->to_run = report.run;
        } else if (last_run > 0) {
            report.since_previous = store.diff(last_run, report.run);
        }
        if (in_place) store.checkpoint();
        StoreStats st = store.stats();
        report.mentions = st.mentions;
        report.entities_by_type = st.entities_by_type;
        report.relations_by_type = st.relations_by_type;
        report.articles_by_topic = st.articles_by_topic;
        report.relations_by_context = st.ties_by_context;
        for (const auto& [_, n] : st.relations_by_type)
            report.relations += n;
    }
    if (in_place) return report;
    // The new store is complete and closed: put it in place whole (into a WAL
    // store by SQLite's backup, else made durable and renamed: Store::install).
    if (!previous.damaged_keep_as.empty()) {
        keep_damaged(opt.db, previous.damaged_keep_as);
        report.damaged_kept_as = previous.damaged_keep_as;
    }
    Store::install(temp->path(), opt.db, previous.sound, busy_seconds(opt));
    temp->release();
    return report;
}

}  // namespace rabta
