// Aligned text tables for a terminal, right for Urdu: widths count what a
// terminal draws (combining marks and format characters take no column).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace rabta::cli {

/// Terminal columns of a UTF-8 string.
std::size_t display_width(const std::string& s);

class Table {
  public:
    explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
    void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
    bool empty() const { return rows_.empty(); }
    /// Columns padded to their widest cell, two spaces apart; the last is not padded.
    void print(std::ostream& out) const;

  private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace rabta::cli
