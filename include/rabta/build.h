// The build job: corpus → extraction → a new store swapped in atomically.
#pragma once

#include <rabta/article.h>
#include <rabta/store.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace rabta {

struct BuildOptions {
    std::vector<std::string> paths;  ///< empty: the embedded seed articles
    std::string db = "out/rabta.db";
    std::optional<std::string> lexicon;      ///< file or directory; default embedded
    std::optional<std::string> rules;        ///< file or directory; default embedded
    std::optional<std::string> boilerplate;  ///< file; default embedded
    bool strict = false;  ///< stop at the first bad article, leaving the old store
    /// How long to wait for another build of the same database to finish before
    /// giving up with LockedError.
    double wait_seconds = 0;
};

struct BuildReport {
    std::int64_t articles = 0;    ///< stored
    std::int64_t skipped = 0;     ///< reported and skipped
    std::int64_t repaired = 0;    ///< stored after a reported repair (invalid UTF-8)
    std::int64_t duplicates = 0;  ///< the same id with the same text read again, ignored
    std::int64_t mentions = 0;
    std::int64_t relations = 0;
    std::map<std::string, std::int64_t> entities_by_type;
    std::map<std::string, std::int64_t> relations_by_type;
    std::int64_t run = 0;  ///< id of the run recorded in the new store
    /// What changed since the previous run, when that run's graph was recorded.
    std::optional<RunDiff> since_previous;
};

/// Reads the corpus, extracts every article, writes a complete new store beside
/// `db` and renames it over `db`, so that readers see the old store or the new
/// one, never a half-written one. Lexicon, rules and boilerplate are loaded and
/// validated before anything is written (ConfigError). Bad articles go to
/// `problems` and are skipped; with `strict` the first one throws InputError and
/// the previous store stays as it was. One build at a time per database: the
/// lock is `DB.lock` (flock, released by the kernel even on SIGKILL); waiting
/// longer than `wait_seconds` throws LockedError. Holding the lock, a build
/// removes what killed builds left (`DB.building-PID`).
BuildReport build(const BuildOptions& options, const ProblemSink& problems);

}  // namespace rabta
