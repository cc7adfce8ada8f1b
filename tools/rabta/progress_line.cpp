#include "progress_line.h"

#include <fmt/format.h>
#include <fmt/ostream.h>
#include <unistd.h>

#include <cmath>
#include <iostream>

namespace rabta::cli {

namespace {

std::string clock_time(double seconds) {
    const auto s = static_cast<long long>(std::llround(seconds));
    if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60);
    return fmt::format("{}:{:02}", s / 60, s % 60);
}

std::string megabytes(std::uint64_t bytes) {
    return fmt::format("{:.1f}", static_cast<double>(bytes) / 1e6);
}

}  // namespace

bool show_progress(bool forced, bool quiet, const std::ostream& err) {
    if (quiet) return false;
    if (forced) return true;
    return &err == &std::cerr && ::isatty(STDERR_FILENO) == 1;
}

std::string progress_text(const Progress& p) {
    const double rate = p.seconds > 0 ? static_cast<double>(p.articles) / p.seconds : 0;
    if (p.finished)
        return fmt::format("rabta: {} articles read in {:.1f} s ({:.0f} articles/s)", p.articles,
                           p.seconds, rate);
    std::string s = fmt::format("rabta: {} articles read", p.articles);
    if (p.total_bytes > 0) {
        const double done = static_cast<double>(p.bytes) / static_cast<double>(p.total_bytes);
        s += fmt::format(" ({:.0f}% of {} MB)", 100 * done, megabytes(p.total_bytes));
        s += fmt::format(", {:.0f} articles/s", rate);
        if (done > 0 && p.seconds >= 1) s += ", ETA " + clock_time(p.seconds * (1 - done) / done);
    } else {
        s += fmt::format(" ({} MB), {:.0f} articles/s", megabytes(p.bytes), rate);
    }
    return s;
}

ProgressSink ProgressLine::sink() {
    if (!enabled_) return {};
    return [this](const Progress& p) { draw(p); };
}

void ProgressLine::draw(const Progress& p) {
    const std::string text = progress_text(p);
    const std::size_t pad = width_ > text.size() ? width_ - text.size() : 0;
    fmt::print(err_, "\r{}{}", text, std::string(pad, ' '));
    width_ = text.size();
    if (p.finished) {
        err_ << '\n';
        width_ = 0;
    }
    err_.flush();
}

void ProgressLine::clear() {
    if (width_ == 0) return;
    fmt::print(err_, "\r{}\r", std::string(width_, ' '));
    width_ = 0;
}

}  // namespace rabta::cli
