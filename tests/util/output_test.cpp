// Outputs (src/util/output.cpp): identity checks, where write_output writes,
// checked streams and temporary files.
#include <fcntl.h>
#include <rabta/error.h>
#include <rabta/output.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include "support.h"

using namespace rabta;
using rabta::test::read_file;
using rabta::test::TempDir;
using rabta::test::write_file;
namespace fs = std::filesystem;

namespace {
void write_hello(std::ostream& o) {
    o << "hello\n";
}
}  // namespace

TEST_CASE("an output is refused when it is an input by any spelling") {
    TempDir dir;
    const std::string db = dir / "g.db";
    write_file(db, "SQLite format 3");
    write_file(dir / "corpus/a.jsonl", "{}\n");
    fs::create_symlink(db, dir / "link.db");
    fs::create_hard_link(db, dir / "hard.db");
    fs::create_directory_symlink(dir / "corpus", dir / "via");
    Inputs in;
    in.add_database(db);
    in.add(dir / "corpus", "a corpus file");
    CHECK_THROWS_AS(in.check_output(db, "-o"), UsageError);
    CHECK_THROWS_AS(in.check_output(dir / "link.db", "-o"), UsageError);
    CHECK_THROWS_AS(in.check_output(dir / "hard.db", "-o"), UsageError);
    CHECK_THROWS_AS(in.check_output(dir / "corpus/../g.db", "-o"), UsageError);
    CHECK_THROWS_AS(in.check_output(dir / "via/a.jsonl", "-o"), UsageError);
    CHECK_THROWS_AS(in.check_output(db + "-journal", "-o"), UsageError);  // absent, still its own
    CHECK_THROWS_AS(in.check_output(db + ".lock", "-o"), UsageError);
    CHECK_NOTHROW(in.check_output(dir / "out.graphml", "-o"));
    CHECK_NOTHROW(in.check_output("-", "-o"));
    try {
        in.check_output(dir / "hard.db", "--report");
    } catch (const UsageError& e) {
        CHECK(std::string(e.what()).find("is the database (" + db + ")") != std::string::npos);
    }
}

TEST_CASE("write_output replaces files and link targets, streams into FIFOs, refuses directories") {
    TempDir dir;
    std::ostringstream out;
    write_output("-", out, write_hello);
    CHECK(out.str() == "hello\n");

    write_file(dir / "real.txt", "old");
    fs::create_symlink("real.txt", dir / "link.txt");
    write_output(dir / "link.txt", out, write_hello);
    CHECK(fs::is_symlink(dir / "link.txt"));
    CHECK(read_file(dir / "real.txt") == "hello\n");

    fs::create_symlink("sub/new.txt", dir / "dangling.txt");
    write_output(dir / "dangling.txt", out, write_hello);
    CHECK(read_file(dir / "sub/new.txt") == "hello\n");

    fs::create_directory(dir / "adir");
    CHECK_THROWS_WITH_AS(write_output(dir / "adir", out, write_hello),
                         doctest::Contains("is a directory"), StoreError);

    const std::string fifo = dir / "fifo";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE(reader >= 0);
    write_output(fifo, out, write_hello);
    char buf[16] = {};
    CHECK(::read(reader, buf, sizeof buf) == 6);
    ::close(reader);
    CHECK(fs::is_fifo(fifo));

    // a failing write leaves the previous file and no temporary
    CHECK_THROWS_AS(
        write_output(dir / "real.txt", out, [](std::ostream&) { throw StoreError("x", "stop"); }),
        StoreError);
    CHECK(read_file(dir / "real.txt") == "hello\n");
    for (const auto& e : fs::directory_iterator(dir.path()))
        CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);
}

TEST_CASE("FdOStream keeps the first write error") {
    const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    REQUIRE(fd >= 0);
    {
        FdOStream f(fd);
        f << std::string(100000, 'x');
        CHECK(f.finish() == ENOSPC);
        CHECK(f.bad());
    }
    ::close(fd);
}

TEST_CASE("temporaries: removed with their object, stale ones of dead processes swept") {
    TempDir dir;
    const std::string name = unique_temp_name(dir / "out.tmp-");
    CHECK(name.find(std::to_string(::getpid()) + "-") != std::string::npos);
    CHECK(name != unique_temp_name(dir / "out.tmp-"));
    {
        TempPath t(name);
        write_file(name, "x");
    }
    CHECK_FALSE(fs::exists(name));

    const pid_t child = ::fork();
    if (child == 0) ::_exit(0);
    REQUIRE(child > 0);
    int status = 0;
    ::waitpid(child, &status, 0);
    const std::string dead = std::to_string(child);
    write_file(dir / ("out.tmp-" + dead), "x");
    write_file(dir / ("out.tmp-" + dead + "-abc"), "x");
    write_file(dir / ("out.tmp-" + std::to_string(::getpid())), "mine");
    write_file(dir / "out.tmp-notes", "not a temporary");
    remove_stale_temporaries(dir.path().string(), "out.tmp-");
    CHECK_FALSE(fs::exists(dir / ("out.tmp-" + dead)));
    CHECK_FALSE(fs::exists(dir / ("out.tmp-" + dead + "-abc")));
    CHECK(fs::exists(dir / ("out.tmp-" + std::to_string(::getpid()))));
    CHECK(fs::exists(dir / "out.tmp-notes"));
}
