// Helpers shared by the tests: the source tree, seed files, temporary directories.
#pragma once

#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace rabta::test {

inline std::filesystem::path source_dir() {
    const char* d = std::getenv("RABTA_SOURCE_DIR");
    REQUIRE_MESSAGE(d != nullptr, "RABTA_SOURCE_DIR is set by meson test");
    return d;
}

/// ../shared beside the checkout, or empty when it is absent.
inline std::filesystem::path shared_dir() {
    const char* d = std::getenv("RABTA_SHARED_DIR");
    if (d == nullptr || !std::filesystem::is_directory(d)) return {};
    return d;
}

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << p.string());
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline std::string seed(const std::string& stem) {
    return read_file(source_dir() / "seeds" / "articles" / (stem + ".txt"));
}

inline void write_file(const std::filesystem::path& p, const std::string& bytes) {
    std::filesystem::create_directories(p.parent_path());
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << bytes;
    REQUIRE(out.good());
}

/// One JSON Lines article (schemas/article.schema.json) with `text` as a JSON
/// string; `extra` is more members, e.g. `, "published": "2025-07-11"`.
inline std::string jsonl_record(const std::string& id,
                                const std::string& title,
                                const std::string& text,
                                const std::string& extra = {}) {
    std::string escaped;
    for (char c : text) {
        if (c == '"' || c == '\\') escaped += '\\';
        if (c == '\n') {
            escaped += "\\n";
            continue;
        }
        if (c == '\r' || c == '\t') continue;
        escaped += c;
    }
    return "{\"id\": \"" + id + "\", \"title\": \"" + title + "\", \"text\": \"" + escaped + "\"" +
           extra + "}\n";
}

/// A fresh directory, removed with everything in it at scope exit.
class TempDir {
  public:
    TempDir() {
        std::random_device rd;
        path_ = std::filesystem::temp_directory_path() /
                ("rabta-test-" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }

  private:
    std::filesystem::path path_;
};

}  // namespace rabta::test
