// The progress line of build, merge and extract on standard error: redrawn in
// place with a carriage return, a few times a second, never on standard output.
#pragma once

#include <rabta/progress.h>

#include <cstddef>
#include <ostream>
#include <string>

namespace rabta::cli {

/// Whether a run shows its progress: `--progress` forces it, `--quiet`
/// silences it, otherwise only when `err` is standard error on a terminal
/// (so a log file or a pipe gets none).
bool show_progress(bool forced, bool quiet, const std::ostream& err);

/// One line of text for a progress report, without line break.
std::string progress_text(const Progress& p);

class ProgressLine {
  public:
    /// Disabled, the sink is empty and nothing is ever written.
    ProgressLine(std::ostream& err, bool enabled) : err_(err), enabled_(enabled) {}
    /// A run that ended by an exception leaves no half line before its message.
    ~ProgressLine() { clear(); }
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;
    ProgressSink sink();
    /// Erases the line, so that a problem message starts at the left margin;
    /// the next report draws it again.
    void clear();

  private:
    void draw(const Progress& p);
    std::ostream& err_;
    bool enabled_;
    std::size_t width_ = 0;  ///< of the line on screen now (ASCII)
};

}  // namespace rabta::cli
