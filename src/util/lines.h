// Reading lines of unbounded input in bounded memory.
#pragma once

#include <cstddef>
#include <istream>
#include <string>

namespace rabta::detail {

/// Reads one line of `in` (up to '\n', which is consumed and not stored) into
/// `line`, keeping at most its first `max` bytes there; `length` receives the
/// line's whole length, so `length > max` tells a line that was cut. A line
/// longer than the limit therefore costs no memory beyond it. Returns false
/// when nothing was left to read (or on a read error: check in.bad()).
bool read_bounded_line(std::istream& in, std::string& line, std::size_t max, std::size_t& length);

}  // namespace rabta::detail
