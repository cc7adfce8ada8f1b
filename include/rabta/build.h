// The build job: corpus → extraction → a new store swapped in atomically.
#pragma once

#include <rabta/article.h>
#include <rabta/error.h>
#include <rabta/extract.h>
#include <rabta/output.h>
#include <rabta/progress.h>
#include <rabta/store.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rabta {

struct BuildOptions {
    std::vector<std::string> paths;  ///< empty: the embedded seed articles
    /// Instead of `paths`: facts written by `rabta extract` (files, or "-" for
    /// stdin), stored as if extracted here; they must come from the same data
    /// files and rabta version (InputError otherwise, before anything is stored).
    std::vector<std::string> facts;
    std::string db = "out/rabta.db";
    std::optional<std::string> lexicon;      ///< file or directory; default embedded
    std::optional<std::string> rules;        ///< file or directory; default embedded
    std::optional<std::string> boilerplate;  ///< file; default embedded
    /// The curation overlay (rabta curate); default: beside `db`, when it is there.
    std::optional<std::string> curated;
    bool strict = false;  ///< stop at the first bad article, leaving the old store
    /// How long to wait for another build of the same database to finish before
    /// giving up with LockedError.
    double wait_seconds = 0;
    /// Read every article again even when the database could be updated in place.
    bool full = false;
    Limits limits;  ///< bounds on the work one article can cause
    /// Threads extracting articles (0: one per core); the store is the same for
    /// any number.
    unsigned jobs = 0;
    /// The largest share of the stored articles, in percent, that one build may
    /// remove as no longer in the corpus; past it the build throws
    /// RemovalRefused and changes nothing (a corpus that vanished, an unmounted
    /// share or an emptied directory, must not empty the store). 100: no limit.
    double max_removed_percent = 20;
    /// Keep the graph snapshots (for `rabta diff`) of the newest N runs only;
    /// older runs keep their summary rows. 0: keep every snapshot.
    std::int64_t keep_runs = 0;
    /// Told how far the reading of the corpus (or the facts) has come, a few
    /// times a second and once when all is read; on the calling thread.
    ProgressSink progress;
};

/// A build that would remove more stored articles than
/// BuildOptions::max_removed_percent allows. Nothing was changed.
class RemovalRefused : public Error {
  public:
    using Error::Error;
};

struct BuildReport {
    std::int64_t articles = 0;    ///< stored
    std::int64_t skipped = 0;     ///< reported and skipped: an error
    std::int64_t repaired = 0;    ///< stored after a reported repair (invalid UTF-8): an error
    std::int64_t duplicates = 0;  ///< the same id with the same text read again, ignored
    /// Stored under a derived id: an earlier article of the run held theirs for
    /// another story (derived_article_id). A warning: nothing was lost.
    std::int64_t renamed = 0;
    std::int64_t empty = 0;  ///< records with no story text (a warning)
    std::int64_t mentions = 0;
    std::int64_t relations = 0;
    std::map<std::string, std::int64_t> entities_by_type;
    std::map<std::string, std::int64_t> relations_by_type;
    std::map<std::string, std::int64_t> articles_by_topic;     ///< main topic → articles
    std::map<std::string, std::int64_t> relations_by_context;  ///< context → relation mentions
    std::string mode;                                          ///< "full" or "incremental"
    std::string full_reason;  ///< why everything was read again, or empty
    /// Against the store before the build (a full build counts too, when the
    /// previous store could be read).
    std::int64_t added = 0, changed = 0, removed = 0, unchanged = 0;
    std::int64_t kept = 0;  ///< not seen, kept because their file could not be read
    /// Input records parsed by this run; an incremental one parses only those
    /// whose bytes the store does not know (as an article or a record note).
    std::int64_t parsed = 0;
    std::int64_t run = 0;               ///< id of the run recorded in the new store
    std::int64_t snapshots_pruned = 0;  ///< runs whose snapshot --keep-runs removed now
    /// A damaged store that was rebuilt is kept here (a hard link), or empty.
    std::string damaged_kept_as;
    /// What changed since the previous run, when that run's graph was recorded.
    std::optional<RunDiff> since_previous;
};

/// Brings the store at `db` up to date with the corpus.
///
/// Incremental (the default when `db` is a store written with the same lexicon,
/// rules, boilerplate and rabta version): only records whose raw bytes are new
/// or changed are parsed and extracted; articles no longer in the corpus are
/// removed with everything their extraction stored, unless their file could
/// not be read at all (then they are kept and counted); discovered actors are
/// re-derived. All of it happens in one SQLite transaction on `db`: a reader or
/// a killed build sees the store before or after, never between.
///
/// Full (`full`, a new database, an empty file, a damaged store, or any
/// version change, named in `full_reason`): everything is extracted into a new
/// store beside `db`, which is then put in its place by Store::install(), so
/// readers see the old store or the new one. The run history of the old store
/// is carried over.
///
/// What is at `db` is never rebuilt over unless it is an empty file or a rabta
/// store that fails PRAGMA integrity_check (kept beside it as
/// `DB.damaged-TIME`, named in `full_reason`): a file that is not SQLite,
/// another application's database or a newer schema throws StoreError, a lock
/// held longer than max(`wait_seconds`, 5 s) throws LockedError, both before
/// anything is written, with `full` too.
///
/// Lexicon, rules and boilerplate are loaded and validated before anything is
/// written (ConfigError). Bad articles go to `problems` and are skipped; with
/// `strict` the first one throws InputError and the store stays as it was. One
/// build at a time per database: the lock is `DB.lock` (flock, released by the
/// kernel even on SIGKILL); waiting longer than `wait_seconds` throws
/// LockedError. Holding the lock, a build removes what killed full builds left
/// (`DB.building-PID`).
///
/// The database is never one of the files the build reads (UsageError), nor
/// a device, FIFO, directory or socket (StoreError); a symbolic link is
/// followed, and the file it names is locked, updated or replaced. A lock file
/// that is a symbolic link is refused, not followed. `wait_seconds` must be 0
/// or more (UsageError); inf waits as long as it takes.
BuildReport build(const BuildOptions& options, const ProblemSink& problems);

/// Every file build(options) reads, the database with the files beside it
/// included: what an output written around the build (a report) must not be.
Inputs build_inputs(const BuildOptions& options);

}  // namespace rabta
