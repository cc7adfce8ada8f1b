// Files a command writes. An output never replaces a file the command reads
// (compared by device and inode, not by spelling), a rename never lands on
// what is not a regular file, temporary files have unpredictable names and are
// created exclusively, SIGINT/SIGTERM/SIGHUP remove them, and every write,
// flush and close is checked.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace rabta {

/// A file's identity: its device and inode. Two paths name the same file
/// exactly when their identities agree, whatever their spelling (symbolic and
/// hard links, `..`, `/proc/self/fd/N`).
struct FileId {
    std::uint64_t dev = 0;
    std::uint64_t ino = 0;
    friend bool operator==(const FileId&, const FileId&) = default;
};

/// What `path` names once symbolic links are followed; nullopt if nothing is there.
std::optional<FileId> file_id(const std::string& path);

/// The files a command reads. Before anything is written, each output is
/// checked against them: writing one would replace or corrupt an input.
class Inputs {
  public:
    /// `path`, and for a directory every file below it (symbolic links to
    /// directories followed, each directory once); "-" is standard input.
    /// What does not exist is ignored. `what` names it in messages ("a corpus file").
    void add(const std::string& path, const std::string& what);
    /// A SQLite database and the files SQLite and rabta keep beside it
    /// (DB-journal, DB-wal, DB-shm, DB.lock), whether they exist now or not.
    void add_database(const std::string& path);
    /// Throws UsageError when writing `output` (a path, as given to `option`)
    /// would write over one of the inputs. "-" (standard output) is not checked here.
    void check_output(const std::string& output, const std::string& option) const;
    /// The same for an open descriptor that will be written (standard output
    /// redirected to a file): `name` is how the message calls it.
    void check_output_fd(int fd, const std::string& name) const;

  private:
    struct File {
        FileId id;
        std::string path, what;
    };
    struct Name {  // a file that may not exist yet: its directory and name
        FileId dir;
        std::string name, path, what;
    };
    void add_tree(const std::string& path, const std::string& what, std::vector<FileId>& seen);
    const File* find(const FileId& id) const;
    std::vector<File> files_;
    std::vector<Name> names_;
};

/// The path a file is reached by once symbolic links are followed to their end
/// (a dangling link gives the path it points to, which may be created). A
/// relative target is read against the link's directory. Throws StoreError on
/// a loop or an unreadable link.
std::string resolve_links(const std::string& path);

/// Writes `path` whole, with `write`:
///  - "-" is `stdout_stream` (the caller checks it when the program ends);
///  - a character or block device or a FIFO is opened and written in place;
///  - a symbolic link is followed and its target replaced;
///  - a regular file, or nothing, is written to a new temporary file
///    (NAME.tmp-PID-RANDOM, created with O_EXCL|O_NOFOLLOW in the target's
///    directory, removed on failure and on SIGINT/SIGTERM/SIGHUP), made durable and
///    renamed into place, so a reader sees the old file or the new one. Stale
///    temporaries of this name whose process is gone are removed first;
///  - a directory, a socket or anything else is refused.
/// Every write, the flush, fsync and close are checked: StoreError names
/// `path` and the reason, and the previous file is left as it was.
void write_output(const std::string& path,
                  std::ostream& stdout_stream,
                  const std::function<void(std::ostream&)>& write);

/// An output stream over a file descriptor that checks every write. After the
/// first failure it writes nothing more, sets badbit and keeps the errno.
class FdOStream : public std::ostream {
  public:
    explicit FdOStream(int fd);
    ~FdOStream() override;
    FdOStream(const FdOStream&) = delete;
    FdOStream& operator=(const FdOStream&) = delete;
    /// Flushes what is buffered; returns 0, or the errno of the first failed write.
    int finish();
    /// Called (once) when a write fails with EPIPE: the reader went away. By
    /// default the failure is only kept, as any other.
    void on_broken_pipe(std::function<void()> f);

  private:
    class Buf;
    std::unique_ptr<Buf> buf_;
};

/// A temporary file: removed when the object is destroyed (unless released)
/// and when SIGINT, SIGTERM or SIGHUP ends the process (once
/// remove_temporaries_on_signals() has run).
class TempPath {
  public:
    explicit TempPath(std::string path);
    ~TempPath();
    TempPath(const TempPath&) = delete;
    TempPath& operator=(const TempPath&) = delete;
    const std::string& path() const { return path_; }
    /// The file was renamed into place: it is no longer ours to remove.
    void release();

  private:
    std::string path_;
    int slot_ = -1;
};

/// `prefix` + "PID-" + random hex: a name another process cannot guess.
std::string unique_temp_name(const std::string& prefix);

/// Removes the files in `dir` named `prefix`PID (optionally followed by '-'
/// and anything) whose process PID no longer runs: what a killed run left.
void remove_stale_temporaries(const std::string& dir, const std::string& prefix);

/// Installs handlers for SIGINT, SIGTERM and SIGHUP (those not ignored at start)
/// that remove every live TempPath, then end the process by the same signal, so
/// the exit status is the conventional 128+N.
void remove_temporaries_on_signals();

/// Removes every live TempPath and ends the process by `sig` with its default
/// action (for SIGPIPE: a reader of standard output went away).
[[noreturn]] void exit_by_signal(int sig);

}  // namespace rabta
