#include <rabta/progress.h>

#include <algorithm>

namespace rabta {

ProgressMeter::ProgressMeter(ProgressSink sink, std::uint64_t total_bytes, double interval)
    : sink_(std::move(sink)),
      start_(std::chrono::steady_clock::now()),
      next_(start_),
      interval_(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
          std::chrono::duration<double>(interval))) {
    state_.total_bytes = total_bytes;
}

void ProgressMeter::advance(std::uint64_t articles, std::uint64_t bytes) {
    if (!sink_ || done_) return;
    state_.articles += articles;
    state_.bytes += bytes;
    // a file that grew while it was read: the total was its size before
    if (state_.total_bytes != 0) state_.total_bytes = std::max(state_.total_bytes, state_.bytes);
    if (std::chrono::steady_clock::now() >= next_) report(false);
}

void ProgressMeter::finish() {
    if (!sink_ || done_) return;
    report(true);
    done_ = true;
}

void ProgressMeter::report(bool finished) {
    const auto now = std::chrono::steady_clock::now();
    state_.seconds = std::chrono::duration<double>(now - start_).count();
    state_.finished = finished;
    next_ = now + interval_;
    sink_(state_);
}

ProgressInput::int_type ProgressInput::underflow() {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    const std::streamsize n = source_.sgetn(buffer_, sizeof buffer_);
    if (n <= 0) return traits_type::eof();
    setg(buffer_, buffer_, buffer_ + n);
    const auto lines = std::count(buffer_, buffer_ + n, '\n');
    meter_.advance(static_cast<std::uint64_t>(lines), static_cast<std::uint64_t>(n));
    return traits_type::to_int_type(*gptr());
}

}  // namespace rabta
