// Aligned text tables for a terminal, right for Urdu: widths count what a
// terminal draws (combining marks and format characters take no column).
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace rabta::cli {

/// `s` made safe to print on a terminal: C0 controls and DEL as their Unicode
/// control pictures (ESC as ␛, a line feed as ␊), C1 controls as \u009B-style
/// text, bytes that are not UTF-8 as U+FFFD. Names, ids and sentences come
/// from the input: printed raw, an escape sequence would act on the terminal.
/// Every text (not --json) output of a name goes through here.
std::string visible(std::string_view s);

/// Terminal columns of a UTF-8 string.
std::size_t display_width(const std::string& s);

/// `s` on one line (line breaks as spaces) in at most `max_cols` columns: cut
/// at the last space that fits, with " …", so a snippet ends on a whole word
/// (a word longer than the cell is cut at a character).
std::string snippet(std::string s, std::size_t max_cols);

class Table {
  public:
    explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
    /// Cells are stored as visible() makes them.
    void add(std::vector<std::string> row);
    bool empty() const { return rows_.empty(); }
    /// Columns padded to their widest cell, two spaces apart; the last is not padded.
    void print(std::ostream& out) const;

  private:
    std::vector<std::string> header_;
    std::vector<std::vector<std::string>> rows_;
};

}  // namespace rabta::cli
