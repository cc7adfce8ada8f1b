#include <fmt/format.h>
#include <rabta/article.h>
#include <rabta/data_source.h>
#include <rabta/error.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <set>
#include <sstream>

#include "util/hash.h"
#include "util/utf8.h"

namespace rabta {

namespace fs = std::filesystem;

std::string Record::origin() const {
    return line == 0 ? file : fmt::format("{}:{}", file, line);
}

namespace detail {
void parse_jsonl_record(const Record& r, const Boilerplate& boilerplate, Parsed& out);
}  // namespace detail

Parsed parse_record(const Record& r, const Boilerplate& bp) {
    Parsed out;
    if (r.line != 0) {
        detail::parse_jsonl_record(r, bp, out);
        return out;
    }
    try {
        out.articles = read_page(r.file, r.stem, r.bytes, bp,
                                 [&](const InputError& e) { out.problems.push_back(e); });
    } catch (const InputError& e) {
        out.problems.push_back(e);
    }
    return out;
}

namespace {

bool is_jsonl(const fs::path& p) {
    return p.extension() == ".jsonl";
}

Record page_record(std::string file, std::string stem, std::string bytes) {
    Record r;
    r.file = std::move(file);
    r.stem = std::move(stem);
    r.hash = detail::hash64(bytes);
    r.bytes = std::move(bytes);
    return r;
}

std::string too_big(std::size_t size, std::size_t max_bytes) {
    return fmt::format(
        "the file is {} bytes, above the limit of {} for one page (6 × "
        "--max-article-bytes + 64 KiB); skipped unread",
        size, max_bytes);
}

// A page's bytes, or nothing (reported) when it cannot be read or is longer
// than `max_bytes`: its size is checked before reading, and reading stops past
// the limit in case the file grew (or is not a regular file).
std::optional<std::string> read_page_bytes(std::ifstream& in,
                                           const fs::path& p,
                                           const std::string& name,
                                           std::size_t max_bytes,
                                           const ProblemSink& problems) {
    std::error_code ec;
    const auto size = fs::file_size(p, ec);
    if (!ec && size > max_bytes) {
        problems(InputError(name, 0, too_big(size, max_bytes)));
        return std::nullopt;
    }
    std::string bytes;
    if (!ec) bytes.reserve(size);
    char chunk[1 << 16];
    while (in.read(chunk, sizeof chunk) || in.gcount() > 0) {
        bytes.append(chunk, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > max_bytes) {
            problems(InputError(name, 0, too_big(bytes.size(), max_bytes)));
            return std::nullopt;
        }
    }
    if (in.bad()) {
        problems(InputError(name, 0, "read error"));
        return std::nullopt;
    }
    return bytes;
}

// A path as text: file names are bytes, and every string that reaches the
// store and the exports must be UTF-8.
std::string path_text(const fs::path& p) {
    return detail::percent_escape_invalid_utf8(p.string());
}

// A JSON Lines file is streamed; a page is read whole. A file name that is not
// UTF-8 is read under its %XX-escaped spelling, reported as repaired.
void read_file(const fs::path& p,
               const RecordSink& sink,
               const ProblemSink& problems,
               const KnownRecord& known,
               std::size_t max_bytes) {
    const std::string name = path_text(p);
    const std::string stem = detail::percent_escape_invalid_utf8(p.stem().string());
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        problems(InputError(name, 0, "cannot open for reading"));
        return;
    }
    if (name != p.string()) {
        problems(InputError(name, 0,
                            is_jsonl(p) ? std::string("the file name is not valid UTF-8: its other "
                                                      "bytes are written %XX here")
                                        : fmt::format("the file name is not valid UTF-8: its other "
                                                      "bytes are written %XX here, and the article "
                                                      "id is '{}'",
                                                      stem),
                            true));
    }
    if (is_jsonl(p)) {
        read_jsonl_records(in, name, sink, problems, known, max_bytes);
        return;
    }
    std::optional<std::string> bytes = read_page_bytes(in, p, name, max_bytes, problems);
    if (!bytes) return;
    Record r = page_record(name, stem, std::move(*bytes));
    r.known = known && known(r.file, r.hash);
    sink(std::move(r));
}

// Directories already listed, by (device, inode): a symbolic link loop, or a
// second link to a directory, is listed once.
using Visited = std::set<std::pair<dev_t, ino_t>>;

// Collects the *.txt and *.jsonl files below `dir`, following symbolic links
// to files and directories. What cannot be followed (a broken link, a loop)
// is reported, never skipped silently: its articles are kept, not taken for
// deleted.
void list_files(const fs::path& dir,
                std::vector<fs::path>& files,
                const ProblemSink& problems,
                Visited& visited) {
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0) {
        problems(InputError(dir.string(), 0,
                            std::string("cannot list directory: ") + std::strerror(errno)));
        return;
    }
    if (!visited.emplace(st.st_dev, st.st_ino).second) {
        problems(InputError(dir.string(), 0,
                            "directory already read by another path (a symbolic link loop?); "
                            "not read again"));
        return;
    }
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) {
        problems(InputError(path_text(dir), 0, "cannot list directory: " + ec.message()));
        return;
    }
    std::vector<fs::path> subdirs;
    for (auto end = fs::directory_iterator(); it != end; it.increment(ec)) {
        if (ec) {
            problems(InputError(path_text(dir), 0, "cannot list directory: " + ec.message()));
            break;
        }
        std::error_code type_ec;
        const fs::file_status target = it->status(type_ec);  // follows links
        if (it->is_symlink(type_ec) && !fs::exists(target)) {
            std::error_code link_ec;
            problems(InputError(it->path().string(), 0,
                                fmt::format("broken symbolic link (to {}); not read",
                                            fs::read_symlink(it->path(), link_ec).string())));
        } else if (fs::is_directory(target)) {
            subdirs.push_back(it->path());
        } else if (fs::is_regular_file(target)) {
            const auto ext = it->path().extension();
            if (ext == ".txt" || ext == ".jsonl") files.push_back(it->path());
        }
    }
    for (const auto& d : subdirs)
        list_files(d, files, problems, visited);
}

}  // namespace

void read_records(const std::vector<std::string>& paths,
                  const RecordSink& sink,
                  const ProblemSink& problems,
                  const KnownRecord& known,
                  std::size_t max_bytes) {
    for (const auto& path : paths) {
        if (path == "-") {
            read_jsonl_records(std::cin, "(stdin)", sink, problems, known, max_bytes);
            continue;
        }
        std::error_code ec;
        auto st = fs::status(path, ec);
        if (ec || !fs::exists(st)) {
            problems(InputError(path_text(path), 0, "no such file or directory"));
            continue;
        }
        if (!fs::is_directory(st)) {
            read_file(path, sink, problems, known, max_bytes);
            continue;
        }
        // Every *.txt page and *.jsonl file below the directory, in path order;
        // a subdirectory that cannot be listed is reported, the rest is read.
        std::vector<fs::path> files;
        Visited visited;
        list_files(path, files, problems, visited);
        std::sort(files.begin(), files.end());
        for (const auto& f : files)
            read_file(f, sink, problems, known, max_bytes);
    }
}

std::uint64_t corpus_bytes(const std::vector<std::string>& paths) {
    std::uint64_t total = 0;
    const ProblemSink ignore = [](const InputError&) {};  // read_records reports them
    for (const auto& path : paths) {
        if (path == "-") {  // a file redirected to standard input has a size; a pipe has none
            struct stat st {};
            if (::fstat(STDIN_FILENO, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
            total += static_cast<std::uint64_t>(st.st_size);
            continue;
        }
        std::error_code ec;
        std::vector<fs::path> files;
        if (fs::is_directory(path, ec)) {
            Visited visited;
            list_files(path, files, ignore, visited);
        } else {
            files.emplace_back(path);
        }
        for (const auto& f : files) {
            const auto size = fs::file_size(f, ec);
            if (!ec) total += size;
        }
    }
    return total;
}

void read_embedded_records(const RecordSink& sink, const KnownRecord& known) {
    for (const auto& f : embedded_files("seeds/articles/")) {
        fs::path p(f.origin.substr(f.origin.find(' ') + 1));
        Record r = page_record(p.string(), p.stem().string(), f.content);
        r.known = known && known(r.file, r.hash);
        sink(std::move(r));
    }
}

namespace {

// Parses each record as it comes: the readers for callers that do not need
// parsing to run elsewhere.
RecordSink parse_into(const Boilerplate& bp, const ArticleSink& sink, const ProblemSink& problems) {
    return [&bp, &sink, &problems](Record&& r) {
        if (r.known) return;
        Parsed p = parse_record(r, bp);
        for (const auto& e : p.problems)
            problems(e);
        for (auto& a : p.articles)
            sink(std::move(a));
    };
}

}  // namespace

void read_corpus(const std::vector<std::string>& paths,
                 const Boilerplate& bp,
                 const ArticleSink& sink,
                 const ProblemSink& problems,
                 const KnownRecord& known) {
    read_records(paths, parse_into(bp, sink, problems), problems, known);
}

void read_jsonl(std::istream& in,
                std::string_view origin,
                const Boilerplate& bp,
                const ArticleSink& sink,
                const ProblemSink& problems,
                const KnownRecord& known) {
    read_jsonl_records(in, origin, parse_into(bp, sink, problems), problems, known);
}

void read_embedded_seeds(const Boilerplate& bp,
                         const ArticleSink& sink,
                         const ProblemSink& problems,
                         const KnownRecord& known) {
    read_embedded_records(parse_into(bp, sink, problems), known);
}

}  // namespace rabta
