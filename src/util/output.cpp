#include <fcntl.h>
#include <fmt/format.h>
#include <rabta/error.h>
#include <rabta/output.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <random>
#include <streambuf>
#include <vector>

namespace rabta {

namespace fs = std::filesystem;

namespace {

std::string errno_text(int e) {
    return std::strerror(e);
}

FileId id_of(const struct stat& st) {
    return {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
}

std::string parent_of(const std::string& path) {
    const fs::path p(path);
    return p.has_parent_path() ? p.parent_path().string() : std::string(".");
}

std::string name_of(const std::string& path) {
    return fs::path(path).filename().string();
}

// What a file that is not regular is called in a message.
const char* kind_of(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISLNK(mode)) return "a symbolic link";
    return "not a regular file";
}

// ---- temporaries removed on signals -----------------------------------------
// A fixed table, so that the handler only reads memory that stays valid and
// calls nothing but unlink(2): both are async-signal-safe.
struct Slot {
    std::atomic<int> state{0};  // 0 free, 1 being filled, 2 armed
    char path[4096] = {};
};
std::array<Slot, 64> slots;

int arm(const std::string& path) {
    if (path.size() >= sizeof(Slot::path)) return -1;
    for (std::size_t i = 0; i < slots.size(); ++i) {
        int expected = 0;
        if (!slots[i].state.compare_exchange_strong(expected, 1)) continue;
        std::memcpy(slots[i].path, path.c_str(), path.size() + 1);
        slots[i].state.store(2);
        return static_cast<int>(i);
    }
    return -1;  // full: the object still removes its file; a signal may leave it
}

void disarm(int slot) {
    if (slot >= 0) slots[static_cast<std::size_t>(slot)].state.store(0);
}

void remove_armed() {
    for (Slot& s : slots) {
        if (s.state.load() == 2) ::unlink(s.path);
    }
}

extern "C" void on_fatal_signal(int sig) {
    remove_armed();
    // The signal is blocked while its handler runs: it is delivered, with its
    // default action, as soon as the handler returns.
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

// ---- a checked writer over a descriptor -------------------------------------

// Writes all of [data, data + n) to fd; 0 or the errno of the failure.
int write_all(int fd, const char* data, std::size_t n) {
    while (n > 0) {
        const ssize_t w = ::write(fd, data, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        data += w;
        n -= static_cast<std::size_t>(w);
    }
    return 0;
}

}  // namespace

// ---- identities --------------------------------------------------------------

std::optional<FileId> file_id(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return id_of(st);
}

void Inputs::add(const std::string& path, const std::string& what) {
    if (path == "-") {
        struct stat st {};
        if (::fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode))
            files_.push_back({id_of(st), "standard input", what});
        return;
    }
    std::vector<FileId> seen;
    add_tree(path, what, seen);
}

void Inputs::add_tree(const std::string& path, const std::string& what, std::vector<FileId>& seen) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return;
    const FileId id = id_of(st);
    if (!S_ISDIR(st.st_mode)) {
        files_.push_back({id, path, what});
        return;
    }
    if (std::find(seen.begin(), seen.end(), id) != seen.end()) return;  // a link loop
    seen.push_back(id);
    files_.push_back({id, path, what});
    std::error_code ec;
    for (fs::directory_iterator it(path, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec))
        add_tree(it->path().string(), what, seen);
}

void Inputs::add_database(const std::string& path) {
    const std::string real = resolve_links(path);
    add(real, "the database");
    // SQLite writes beside the file it opened (the real one), rabta's lock
    // beside the path: both spellings' neighbours belong to the database.
    for (const std::string& base : {real, path}) {
        const auto dir = file_id(parent_of(base));
        if (!dir) continue;
        for (const char* suffix : {"-journal", "-wal", "-shm", ".lock"}) {
            const std::string name = name_of(base) + suffix;
            names_.push_back({*dir, name, base + suffix, "a file of the database"});
            add(base + suffix, "a file of the database");
        }
    }
}

const Inputs::File* Inputs::find(const FileId& id) const {
    for (const File& f : files_)
        if (f.id == id) return &f;
    return nullptr;
}

void Inputs::check_output(const std::string& output, const std::string& option) const {
    if (output == "-") return;
    auto refuse = [&](const std::string& path, const std::string& what) {
        throw UsageError(fmt::format(
            "{} {}: this is {} ({}) that the command reads; refusing to write over it, nothing "
            "was written",
            option, output, what, path));
    };
    if (const auto id = file_id(output)) {
        if (const File* f = find(*id)) refuse(f->path, f->what);
    }
    const std::string real = resolve_links(output);
    const auto dir = file_id(parent_of(real));
    if (!dir) return;
    for (const Name& n : names_) {
        if (n.dir == *dir && n.name == name_of(real)) refuse(n.path, n.what);
    }
}

void Inputs::check_output_fd(int fd, const std::string& name) const {
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return;
    if (const File* f = find(id_of(st)))
        throw UsageError(fmt::format(
            "{} is {} ({}) that the command reads; refusing to write into it, nothing was written",
            name, f->what, f->path));
}

std::string resolve_links(const std::string& path) {
    std::string p = path;
    for (int hops = 0;; ++hops) {
        struct stat st {};
        if (::lstat(p.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return p;
        if (hops == 40) throw StoreError(path, "too many levels of symbolic links");
        std::string target(4096, '\0');
        const ssize_t n = ::readlink(p.c_str(), target.data(), target.size());
        if (n < 0) throw StoreError(path, "cannot read symbolic link: " + errno_text(errno));
        target.resize(static_cast<std::size_t>(n));
        p = target.starts_with('/') ? target : (fs::path(parent_of(p)) / target).string();
    }
}

// ---- FdOStream -----------------------------------------------------------------

class FdOStream::Buf : public std::streambuf {
  public:
    explicit Buf(int fd) : fd_(fd), buffer_(64 * 1024) {
        setp(buffer_.data(), buffer_.data() + buffer_.size());
    }
    int error() const { return error_; }
    void on_broken_pipe(std::function<void()> f) { broken_pipe_ = std::move(f); }
    int flush_all() { return drain() ? 0 : error_; }

  protected:
    int_type overflow(int_type c) override {
        if (!drain()) return traits_type::eof();
        if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
        *pptr() = traits_type::to_char_type(c);
        pbump(1);
        return c;
    }
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        if (error_ != 0) return 0;
        if (n > epptr() - pptr()) {
            if (!drain()) return 0;
            if (n >= static_cast<std::streamsize>(buffer_.size()))
                return fail(write_all(fd_, s, static_cast<std::size_t>(n))) ? 0 : n;
        }
        std::memcpy(pptr(), s, static_cast<std::size_t>(n));
        pbump(static_cast<int>(n));
        return n;
    }
    int sync() override { return drain() ? 0 : -1; }

  private:
    // Writes out the buffer; false once any write has failed.
    bool drain() {
        if (error_ != 0) return false;
        const auto n = static_cast<std::size_t>(pptr() - pbase());
        setp(buffer_.data(), buffer_.data() + buffer_.size());
        return !fail(write_all(fd_, buffer_.data(), n));
    }
    bool fail(int e) {
        if (e == 0) return false;
        error_ = e;
        setp(nullptr, nullptr);  // nothing more is buffered or written
        if (e == EPIPE && broken_pipe_) {
            auto f = std::move(broken_pipe_);
            broken_pipe_ = nullptr;
            f();
        }
        return true;
    }

    int fd_;
    std::vector<char> buffer_;
    int error_ = 0;
    std::function<void()> broken_pipe_;
};

FdOStream::FdOStream(int fd) : std::ostream(nullptr), buf_(std::make_unique<Buf>(fd)) {
    rdbuf(buf_.get());
}

FdOStream::~FdOStream() {
    buf_->flush_all();
}

int FdOStream::finish() {
    flush();
    const int e = buf_->flush_all();
    if (e != 0) setstate(std::ios::badbit);
    return e;
}

void FdOStream::on_broken_pipe(std::function<void()> f) {
    buf_->on_broken_pipe(std::move(f));
}

// ---- temporaries -----------------------------------------------------------------

TempPath::TempPath(std::string path) : path_(std::move(path)), slot_(arm(path_)) {}

TempPath::~TempPath() {
    if (path_.empty()) return;
    disarm(slot_);
    ::unlink(path_.c_str());
}

void TempPath::release() {
    disarm(slot_);
    slot_ = -1;
    path_.clear();
}

std::string unique_temp_name(const std::string& prefix) {
    std::random_device rd;
    const std::uint64_t r = (static_cast<std::uint64_t>(rd()) << 32) ^ rd();
    return fmt::format("{}{}-{:012x}", prefix, ::getpid(), r & 0xffffffffffffULL);
}

void remove_stale_temporaries(const std::string& dir, const std::string& prefix) {
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (!name.starts_with(prefix)) continue;
        const std::string rest = name.substr(prefix.size());
        const std::size_t digits = std::min(rest.find_first_not_of("0123456789"), rest.size());
        if (digits == 0 || digits > 9 || (digits < rest.size() && rest[digits] != '-')) continue;
        const pid_t pid = std::stoi(rest.substr(0, digits));
        if (pid <= 0 || pid == ::getpid()) continue;
        if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to judge
        ::unlink(it->path().c_str());
    }
}

void remove_temporaries_on_signals() {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
        struct sigaction old {};
        if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue;
        struct sigaction sa {};
        sa.sa_handler = on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        ::sigaction(sig, &sa, nullptr);
    }
}

void exit_by_signal(int sig) {
    remove_armed();
    std::signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    ::pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
    std::raise(sig);
    ::_exit(128 + sig);
}

// ---- write_output ----------------------------------------------------------------

namespace {

// A device or a FIFO: written where it is, never replaced.
void stream_into(const std::string& path, const std::function<void(std::ostream&)>& write) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) throw StoreError(path, "cannot open for writing: " + errno_text(errno));
    FdOStream f(fd);
    write(f);
    int e = f.finish();
    if (::close(fd) != 0 && e == 0) e = errno;
    if (e != 0) throw StoreError(path, "cannot write: " + errno_text(e));
}

// A regular file, or none: a new file beside it, renamed over it when whole.
void replace_file(const std::string& shown,
                  const std::string& real,
                  const std::function<void(std::ostream&)>& write) {
    const std::string dir = parent_of(real);
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) throw StoreError(shown, "cannot create directory " + dir + ": " + ec.message());
    const std::string prefix = real + ".tmp-";
    remove_stale_temporaries(dir, name_of(prefix));
    int fd = -1;
    std::string tmp;
    for (int attempt = 0; fd < 0 && attempt < 8; ++attempt) {
        tmp = unique_temp_name(prefix);
        fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            throw StoreError(shown, "cannot open for writing: " + errno_text(errno));
    }
    if (fd < 0) throw StoreError(shown, "cannot create a temporary file beside it");
    TempPath guard(tmp);
    int e = 0;
    {
        FdOStream f(fd);
        write(f);
        e = f.finish();
    }
    if (e == 0 && ::fsync(fd) != 0) e = errno;
    if (::close(fd) != 0 && e == 0) e = errno;
    if (e != 0) throw StoreError(shown, "cannot write: " + errno_text(e));
    if (::rename(tmp.c_str(), real.c_str()) != 0)
        throw StoreError(shown, "cannot move the new file into place: " + errno_text(errno));
    guard.release();
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
}

}  // namespace

void write_output(const std::string& path,
                  std::ostream& stdout_stream,
                  const std::function<void(std::ostream&)>& write) {
    if (path == "-") {
        write(stdout_stream);
        stdout_stream.flush();
        return;
    }
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0) {
        if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) || S_ISFIFO(st.st_mode))
            return stream_into(path, write);
        if (!S_ISREG(st.st_mode))
            throw StoreError(path, fmt::format("is {}, not a file; refusing to write there",
                                               kind_of(st.st_mode)));
        const std::string real = resolve_links(path);
        if (file_id(real) != id_of(st))  // a link the kernel follows but no path names
            throw StoreError(path, "cannot find the file this link names");
        return replace_file(path, real, write);
    }
    if (errno != ENOENT) throw StoreError(path, "cannot write: " + errno_text(errno));
    replace_file(path, resolve_links(path), write);
}

}  // namespace rabta
