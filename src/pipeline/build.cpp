#include <fcntl.h>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <rabta/boilerplate.h>
#include <rabta/build.h>
#include <rabta/error.h>
#include <rabta/extract.h>
#include <rabta/lexicon.h>
#include <rabta/rules.h>
#include <rabta/store.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <map>

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

// The half-built store: removed unless released after the swap.
class TempFile {
  public:
    explicit TempFile(fs::path p) : path_(std::move(p)) {}
    ~TempFile() {
        if (!path_.empty()) {
            std::error_code ec;
            fs::remove(path_, ec);
            fs::remove(path_.string() + "-journal", ec);
        }
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const fs::path& path() const { return path_; }
    void release() { path_.clear(); }

  private:
    fs::path path_;
};

// The database's build lock. flock() belongs to the open file description, so
// the kernel releases it when the holder exits, however it exits.
class BuildLock {
  public:
    BuildLock(const std::string& db, double wait_seconds) : path_(db + ".lock") {
        fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
        if (fd_ < 0)
            throw StoreError(path_, std::string("cannot open lock file: ") + std::strerror(errno));
        const auto deadline = std::chrono::steady_clock::now() +
                              std::chrono::milliseconds(static_cast<long>(wait_seconds * 1000));
        while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
            if (errno != EWOULDBLOCK && errno != EINTR) {
                const int e = errno;
                ::close(fd_);
                throw StoreError(path_, std::string("cannot lock: ") + std::strerror(e));
            }
            if (std::chrono::steady_clock::now() >= deadline) {
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
        if (::ftruncate(fd_, 0) == 0) {
            [[maybe_unused]] ssize_t w = ::pwrite(fd_, pid.data(), pid.size(), 0);
        }
    }
    ~BuildLock() { ::close(fd_); }
    BuildLock(const BuildLock&) = delete;
    BuildLock& operator=(const BuildLock&) = delete;

  private:
    std::string path_;
    int fd_ = -1;
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

void fsync_path(const fs::path& p, bool directory) {
    int fd = ::open(p.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

}  // namespace

BuildReport build(const BuildOptions& opt, const ProblemSink& problems) {
    // Everything that can stop the run on bad configuration happens before any write.
    const Lexicon lexicon =
        opt.lexicon ? Lexicon::load(read_data_files(*opt.lexicon, ".json")) : Lexicon::embedded();
    const Rules rules =
        opt.rules ? Rules::load(read_data_files(*opt.rules, ".json")) : Rules::embedded();
    std::optional<Boilerplate> own_bp;
    if (opt.boilerplate) {
        auto f = read_data_files(*opt.boilerplate, ".json");
        own_bp = Boilerplate::load(f.front().origin, f.front().content);
    }
    const Boilerplate& bp = own_bp ? *own_bp : Boilerplate::embedded();
    const Extractor extractor(lexicon, rules);

    const fs::path target = opt.db;
    if (target.has_parent_path()) {
        std::error_code ec;
        fs::create_directories(target.parent_path(), ec);
        if (ec) throw StoreError(opt.db, "cannot create directory: " + ec.message());
    }
    const BuildLock lock(opt.db, opt.wait_seconds);
    remove_leftovers(target);
    TempFile temp(fs::path(opt.db + fmt::format(".building-{}", ::getpid())));
    fs::remove(temp.path());
    const std::string started = now_utc();

    BuildReport report;
    {
        Store store = Store::create(temp.path().string());
        store.carry_history(opt.db);  // before the transaction: ATTACH cannot run inside one
        store.begin();
        store.put_lexicon(lexicon);
        store.put_meta("lexicon_version", detail::hex64(lexicon.version()));
        store.put_meta("rules_version", detail::hex64(rules.version()));
        store.put_meta("rabta_version", RABTA_VERSION);

        // article id → (origin, content hash): the same article read twice (a corpus
        // and a selection from it) is counted, not reported; an id reused for other
        // content is a problem.
        std::map<std::string, std::pair<std::string, std::uint64_t>> seen;
        auto report_problem = [&](const InputError& e) {
            ++(e.repaired() ? report.repaired : report.skipped);
            if (opt.strict) throw e;
            problems(e);
        };
        auto take = [&](Article&& a) {
            auto [it, fresh] = seen.emplace(a.id, std::make_pair(a.origin, a.content_hash));
            if (!fresh) {
                if (it->second.second == a.content_hash) {
                    ++report.duplicates;
                    return;
                }
                report_problem(InputError(
                    a.origin, 0,
                    fmt::format("article id '{}' was already used for different text at {}", a.id,
                                it->second.first)));
                return;
            }
            Extraction ex = extractor.run(a);
            store.put_article(a, ex);
            ++report.articles;
        };
        if (opt.paths.empty()) {
            read_embedded_seeds(bp, take, report_problem);
        } else {
            read_corpus(opt.paths, bp, take, report_problem);
        }
        report.run = store.put_run(started, now_utc(), report.skipped ? "partial" : "ok",
                                   report.articles, report.skipped);
        store.commit();
        const std::vector<StoredRun> runs = store.runs();
        if (runs.size() >= 2 && runs[runs.size() - 2].has_snapshot)
            report.since_previous = store.diff(runs[runs.size() - 2].id, report.run);
        StoreStats st = store.stats();
        report.mentions = st.mentions;
        report.entities_by_type = st.entities_by_type;
        report.relations_by_type = st.relations_by_type;
        for (const auto& [_, n] : st.relations_by_type)
            report.relations += n;
    }
    // The new store is complete and closed: make it durable, then swap it in.
    fsync_path(temp.path(), false);
    std::error_code ec;
    fs::rename(temp.path(), target, ec);
    if (ec) throw StoreError(opt.db, "cannot replace database: " + ec.message());
    temp.release();
    fsync_path(target.has_parent_path() ? target.parent_path() : fs::path("."), true);
    return report;
}

}  // namespace rabta
