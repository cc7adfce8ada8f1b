#include "util/lines.h"

#include <algorithm>
#include <array>

namespace rabta::detail {

bool read_bounded_line(std::istream& in, std::string& line, std::size_t max, std::size_t& length) {
    line.clear();
    length = 0;
    std::array<char, 1 << 16> chunk;
    bool any = false;
    const auto keep = [&](std::size_t n) {
        length += n;
        if (line.size() < max) line.append(chunk.data(), std::min(n, max - line.size()));
    };
    // istream::getline(char*, n) scans the stream's buffer for '\n' (as
    // std::getline does) but stops after n - 1 bytes, setting failbit.
    for (;;) {
        in.getline(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        if (in.bad()) return false;
        if (in.eof()) {  // the last line, without '\n'
            keep(got);
            return any || got > 0;
        }
        if (in.fail()) {  // the chunk is full and the line goes on
            in.clear();
            keep(got);
            any = true;
            continue;
        }
        keep(got - 1);  // got counts the '\n'
        return true;
    }
}

}  // namespace rabta::detail
