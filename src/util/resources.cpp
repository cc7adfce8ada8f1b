#include <rabta/data_source.h>
#include <rabta/error.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "util/resources_table.h"

namespace rabta {

namespace fs = std::filesystem;

std::vector<DataFile> embedded_files(std::string_view prefix) {
    std::vector<DataFile> out;
    for (const auto& r : detail::embedded_resources()) {
        if (r.path.starts_with(prefix)) {
            out.push_back({std::string("(embedded) ") + std::string(r.path), std::string(r.bytes)});
        }
    }
    std::sort(out.begin(), out.end(),
              [](const DataFile& a, const DataFile& b) { return a.origin < b.origin; });
    return out;
}

DataFile embedded_file(std::string_view path) {
    for (const auto& r : detail::embedded_resources()) {
        if (r.path == path)
            return {std::string("(embedded) ") + std::string(path), std::string(r.bytes)};
    }
    throw Error("no embedded resource " + std::string(path));
}

namespace {
DataFile read_one(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) throw InputError(p.string(), 0, "cannot open for reading");
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw InputError(p.string(), 0, "read error");
    return {p.string(), std::move(ss).str()};
}
}  // namespace

std::vector<DataFile> read_data_files(const std::string& path, std::string_view suffix) {
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) throw InputError(path, 0, "no such file or directory");
    if (!fs::is_directory(status)) return {read_one(path)};
    std::vector<fs::path> names;
    fs::directory_iterator it(path, ec);
    if (ec) throw InputError(path, 0, "cannot list directory: " + ec.message());
    for (const auto& e : it) {
        if (e.is_regular_file() && e.path().filename().string().ends_with(suffix)) {
            names.push_back(e.path());
        }
    }
    std::sort(names.begin(), names.end());
    std::vector<DataFile> out;
    for (const auto& p : names)
        out.push_back(read_one(p));
    if (out.empty())
        throw InputError(path, 0, "no *" + std::string(suffix) + " files in directory");
    return out;
}

}  // namespace rabta
