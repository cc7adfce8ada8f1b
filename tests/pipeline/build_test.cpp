// The build's safety: one build at a time per database, and a build killed at
// any moment leaves the previous graph whole.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <rabta/build.h>
#include <rabta/error.h>
#include <rabta/store.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>

#include "support.h"

using namespace rabta;
using rabta::test::TempDir;

namespace {

BuildReport build_quietly(const std::string& db,
                          std::vector<std::string> paths = {},
                          double wait = 0,
                          bool full = false) {
    BuildOptions o;
    o.db = db;
    o.paths = std::move(paths);
    o.wait_seconds = wait;
    o.full = full;
    o.max_removed_percent = 100;  // the trials replace the whole corpus
    return build(o, [](const InputError&) {});
}

// What a graph is, for comparing: articles and relation mentions.
std::pair<std::int64_t, std::int64_t> shape(const std::string& db) {
    SQLite::Database d(db);
    return {d.execAndGet("SELECT count(*) FROM articles").getInt64(),
            d.execAndGet("SELECT count(*) FROM relations").getInt64()};
}

// A corpus big enough that a build takes a while: the seed pages' texts again
// and again under new ids, each a little different.
std::string big_corpus(const std::filesystem::path& dir, int copies) {
    const auto path = dir / "big.jsonl";
    std::ofstream f(path);
    const char* stems[] = {"000_e3da61d015d2337c", "002_64b5cc6f0c724d73", "004_449d9a5e21841ebb"};
    for (int i = 0; i < copies; ++i) {
        f << rabta::test::jsonl_record("big-" + std::to_string(i), "کاپی " + std::to_string(i),
                                       rabta::test::seed(stems[i % 3]) + " " + std::to_string(i));
    }
    return path.string();
}

}  // namespace

TEST_CASE("a second build on the same database waits, then gives up; nothing is written") {
    TempDir dir;
    const std::string db = dir / "g.db";
    build_quietly(db);
    const auto before = shape(db);

    // another build holds the lock
    const int fd = ::open((db + ".lock").c_str(), O_RDWR | O_CREAT, 0644);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX) == 0);
    const auto t0 = std::chrono::steady_clock::now();
    CHECK_THROWS_WITH_AS(build_quietly(db, {}, 0.3),
                         doctest::Contains("another build is running on it"), LockedError);
    CHECK(std::chrono::steady_clock::now() - t0 >= std::chrono::milliseconds(300));
    CHECK(shape(db) == before);
    ::close(fd);  // the other build ends

    CHECK_NOTHROW(build_quietly(db, {}, 0.3));
    CHECK(shape(db) == before);
}

TEST_CASE("a build killed with SIGKILL at any moment leaves the previous graph whole") {
    TempDir dir;
    const std::string db = dir / "g.db";
    build_quietly(db);  // yesterday's graph: the seeds
    const auto old_shape = shape(db);
    const std::string corpus = big_corpus(dir.path(), 240);

    // How long tonight's build takes here, to kill it somewhere inside: the
    // faster of two, as a build slowed by a busy machine would put most kills
    // past the end.
    const std::string scratch = dir / "scratch.db";
    long us = 0;
    for (int i = 0; i < 2; ++i) {
        std::filesystem::remove(scratch);
        const auto t0 = std::chrono::steady_clock::now();
        build_quietly(scratch, {corpus});
        const long took = static_cast<long>(std::chrono::duration_cast<std::chrono::microseconds>(
                                                std::chrono::steady_clock::now() - t0)
                                                .count());
        us = i == 0 ? took : std::min(us, took);
    }
    const auto new_shape = shape(scratch);
    REQUIRE(new_shape != old_shape);
    MESSAGE("a build of the big corpus takes " << us / 1000 << " ms here");

    std::mt19937 rng(20261121);
    // from the start to past the end, so that some kills hit the swap or the commit
    std::uniform_int_distribution<long> when(0, us * 13 / 10);
    // Every third build reads everything into a new file and swaps it in; the
    // others update the database in place (remove the seeds, add the corpus).
    // At least 30 trials, and more until 20 kills have landed inside a build:
    // how many do depends on how busy the machine is, not on the code.
    constexpr int kMinTrials = 30, kMinInterrupted = 20, kMaxTrials = 150;
    int interrupted = 0, finished = 0, trial = 0;
    for (; trial < kMaxTrials && (trial < kMinTrials || interrupted < kMinInterrupted); ++trial) {
        CAPTURE(trial);
        const bool full = trial % 3 == 0;
        CAPTURE(full);
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            try {
                build_quietly(db, {corpus}, 5, full);
            } catch (...) {
                ::_exit(2);
            }
            ::_exit(0);
        }
        ::usleep(static_cast<useconds_t>(when(rng)));
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        const bool killed = WIFSIGNALED(status);
        // the database is whole, and it is either yesterday's graph or tonight's;
        // a reader rolls back what a killed in-place build left
        CHECK_NOTHROW(Store::open(db));
        {
            SQLite::Database d(db);
            CHECK(d.execAndGet("PRAGMA integrity_check").getString() == "ok");
        }
        const auto now = shape(db);
        CHECK((now == old_shape || now == new_shape));
        if (killed && now == old_shape) ++interrupted;
        if (now == new_shape) ++finished;
        if (now == new_shape) {  // back to yesterday for the next trial
            build_quietly(db);
            REQUIRE(shape(db) == old_shape);
        }
    }
    MESSAGE(interrupted << " of " << trial << " builds were killed before their graph was in, "
                        << finished << " put it in whole");
    CHECK(interrupted >= kMinInterrupted);

    // the next build succeeds and clears what the killed ones left behind
    build_quietly(db, {corpus});
    CHECK(shape(db) == new_shape);
    for (const auto& e : std::filesystem::directory_iterator(dir.path()))
        CHECK(e.path().filename().string().find(".building-") == std::string::npos);
}
