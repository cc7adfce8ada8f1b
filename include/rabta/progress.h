// Progress of a long run (build, merge, extract), reported to a callback that
// the caller renders: the library never writes to a terminal itself.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <streambuf>

namespace rabta {

/// How far a run has come.
struct Progress {
    std::uint64_t articles = 0;     ///< records (articles, facts lines) read so far
    std::uint64_t bytes = 0;        ///< input bytes read so far
    std::uint64_t total_bytes = 0;  ///< of the whole input; 0 when unknown (standard input)
    double seconds = 0;             ///< since the meter started
    bool finished = false;          ///< the last report: all of the input was read
};
using ProgressSink = std::function<void(const Progress&)>;

/// Counts what a run reads and hands it to a sink at most once per `interval`
/// seconds, then once more at finish(): cheap enough to call per record.
class ProgressMeter {
  public:
    /// Without a sink, every call does nothing.
    explicit ProgressMeter(ProgressSink sink,
                           std::uint64_t total_bytes = 0,
                           double interval = 0.25);
    void advance(std::uint64_t articles, std::uint64_t bytes);
    /// Reports the last state, with Progress::finished; later calls do nothing.
    void finish();

  private:
    void report(bool finished);
    ProgressSink sink_;
    Progress state_;
    std::chrono::steady_clock::time_point start_, next_;
    std::chrono::steady_clock::duration interval_;
    bool done_ = false;
};

/// A stream buffer that reads through `source` and tells `meter` how many
/// bytes and lines (records) passed, so any reader of a stream shows progress.
class ProgressInput : public std::streambuf {
  public:
    ProgressInput(std::streambuf& source, ProgressMeter& meter) : source_(source), meter_(meter) {}

  protected:
    int_type underflow() override;

  private:
    std::streambuf& source_;
    ProgressMeter& meter_;
    char buffer_[1 << 16];
};

}  // namespace rabta
