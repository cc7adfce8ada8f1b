#include <rabta/article.h>
#include <rabta/data_source.h>
#include <rabta/error.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace rabta {

namespace fs = std::filesystem;

namespace {

void read_page_file(const fs::path& p,
                    const Boilerplate& bp,
                    const ArticleSink& sink,
                    const ProblemSink& problems) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        problems(InputError(p.string(), 0, "cannot open for reading"));
        return;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) {
        problems(InputError(p.string(), 0, "read error"));
        return;
    }
    try {
        for (auto& a : read_page(p.string(), p.stem().string(), ss.str(), bp))
            sink(std::move(a));
    } catch (const InputError& e) {
        problems(e);
    }
}

void read_jsonl_file(const fs::path& p,
                     const Boilerplate& bp,
                     const ArticleSink& sink,
                     const ProblemSink& problems) {
    std::ifstream in(p, std::ios::binary);
    if (!in) {
        problems(InputError(p.string(), 0, "cannot open for reading"));
        return;
    }
    read_jsonl(in, p.string(), bp, sink, problems);
}

bool is_jsonl(const fs::path& p) {
    return p.extension() == ".jsonl";
}

}  // namespace

void read_corpus(const std::vector<std::string>& paths,
                 const Boilerplate& bp,
                 const ArticleSink& sink,
                 const ProblemSink& problems) {
    for (const auto& path : paths) {
        if (path == "-") {
            read_jsonl(std::cin, "(stdin)", bp, sink, problems);
            continue;
        }
        std::error_code ec;
        auto st = fs::status(path, ec);
        if (ec || !fs::exists(st)) {
            problems(InputError(path, 0, "no such file or directory"));
            continue;
        }
        if (!fs::is_directory(st)) {
            if (is_jsonl(path)) {
                read_jsonl_file(path, bp, sink, problems);
            } else {
                read_page_file(path, bp, sink, problems);
            }
            continue;
        }
        std::vector<fs::path> files;
        fs::directory_iterator it(path, ec);
        if (ec) {
            problems(InputError(path, 0, "cannot list directory: " + ec.message()));
            continue;
        }
        for (const auto& e : it) {
            if (!e.is_regular_file(ec)) continue;
            auto ext = e.path().extension();
            if (ext == ".txt" || ext == ".jsonl") files.push_back(e.path());
        }
        std::sort(files.begin(), files.end());
        for (const auto& f : files) {
            if (is_jsonl(f)) {
                read_jsonl_file(f, bp, sink, problems);
            } else {
                read_page_file(f, bp, sink, problems);
            }
        }
    }
}

void read_embedded_seeds(const Boilerplate& bp,
                         const ArticleSink& sink,
                         const ProblemSink& problems) {
    for (const auto& f : embedded_files("seeds/articles/")) {
        fs::path p(f.origin.substr(f.origin.find(' ') + 1));
        try {
            for (auto& a : read_page(p.string(), p.stem().string(), f.content, bp))
                sink(std::move(a));
        } catch (const InputError& e) {
            problems(e);
        }
    }
}

}  // namespace rabta
