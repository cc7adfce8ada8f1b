#include <rabta/article.h>
#include <rabta/data_source.h>
#include <rabta/error.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "util/hash.h"

namespace rabta {

namespace fs = std::filesystem;

namespace {

bool is_jsonl(const fs::path& p) {
    return p.extension() == ".jsonl";
}

void emit_page(const std::string& origin,
               const std::string& stem,
               std::string_view bytes,
               const Boilerplate& bp,
               const ArticleSink& sink,
               const ProblemSink& problems,
               const KnownRecord& known) {
    if (known && known(origin, detail::hash64(bytes))) return;
    try {
        for (auto& a : read_page(origin, stem, bytes, bp, problems))
            sink(std::move(a));
    } catch (const InputError& e) {
        problems(e);
    }
}

// A JSON Lines file is streamed; a page is read whole.
void read_file(const fs::path& p,
               const Boilerplate& bp,
               const ArticleSink& sink,
               const ProblemSink& problems,
               const KnownRecord& known) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        problems(InputError(p.string(), 0, "cannot open for reading"));
        return;
    }
    if (is_jsonl(p)) {
        read_jsonl(in, p.string(), bp, sink, problems, known);
        return;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        problems(InputError(p.string(), 0, "read error"));
        return;
    }
    emit_page(p.string(), p.stem().string(), ss.str(), bp, sink, problems, known);
}

}  // namespace

void read_corpus(const std::vector<std::string>& paths,
                 const Boilerplate& bp,
                 const ArticleSink& sink,
                 const ProblemSink& problems,
                 const KnownRecord& known) {
    for (const auto& path : paths) {
        if (path == "-") {
            read_jsonl(std::cin, "(stdin)", bp, sink, problems, known);
            continue;
        }
        std::error_code ec;
        auto st = fs::status(path, ec);
        if (ec || !fs::exists(st)) {
            problems(InputError(path, 0, "no such file or directory"));
            continue;
        }
        if (!fs::is_directory(st)) {
            read_file(path, bp, sink, problems, known);
            continue;
        }
        // Every *.txt page and *.jsonl file below the directory, in path order.
        std::vector<fs::path> files;
        fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied,
                                            ec);
        if (ec) {
            problems(InputError(path, 0, "cannot list directory: " + ec.message()));
            continue;
        }
        for (auto end = fs::recursive_directory_iterator(); it != end; it.increment(ec)) {
            if (ec) {  // the iterator is at its end now: name the directory given
                problems(InputError(path, 0, "cannot list directory: " + ec.message()));
                break;
            }
            if (!it->is_regular_file(ec)) continue;
            auto ext = it->path().extension();
            if (ext == ".txt" || ext == ".jsonl") files.push_back(it->path());
        }
        std::sort(files.begin(), files.end());
        for (const auto& f : files)
            read_file(f, bp, sink, problems, known);
    }
}

void read_embedded_seeds(const Boilerplate& bp,
                         const ArticleSink& sink,
                         const ProblemSink& problems,
                         const KnownRecord& known) {
    for (const auto& f : embedded_files("seeds/articles/")) {
        fs::path p(f.origin.substr(f.origin.find(' ') + 1));
        emit_page(p.string(), p.stem().string(), f.content, bp, sink, problems, known);
    }
}

}  // namespace rabta
