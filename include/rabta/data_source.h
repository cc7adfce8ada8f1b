// Where seed data comes from: the copy compiled into the library, or files on disk.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rabta {

/// One data file: the name used in messages, and its bytes.
struct DataFile {
    std::string origin;
    std::string content;
};

/// The compiled-in files whose path (relative to the source tree) starts with
/// `prefix`, e.g. "seeds/lexicon/", in name order.
std::vector<DataFile> embedded_files(std::string_view prefix);

/// One compiled-in file by its path; throws Error when there is none.
DataFile embedded_file(std::string_view path);

/// `path` itself when it is a file, or the files in directory `path` whose names
/// end with `suffix`, in name order. Throws InputError when unreadable.
std::vector<DataFile> read_data_files(const std::string& path, std::string_view suffix);

}  // namespace rabta
