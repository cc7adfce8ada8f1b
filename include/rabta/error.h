// Exceptions thrown by rabta. Every message names where the problem is (file and
// line, JSON pointer, or database path) and why, so that a user can fix the input
// without reading the code.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace rabta {

/// Root of all rabta errors.
class Error : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

/// An article or input file that cannot be read or parsed. The run reports it,
/// skips it and goes on (an error: exit code 1), unless --strict. A repaired
/// problem (invalid UTF-8 replaced by U+FFFD) is reported the same way, but the
/// article is kept; it is still an error, since bytes of the input were lost. A
/// renamed article (its id was taken by another story) is kept whole under a
/// derived id: a warning, which neither stops --strict nor changes the exit code.
class InputError : public Error {
  public:
    /// What became of the input the problem is about.
    enum class Outcome {
        skipped,   ///< not read: an error
        repaired,  ///< kept after bytes were replaced: an error, as the bytes are lost
        renamed,   ///< kept under a derived id: a warning
        empty,     ///< a record with no story text: nothing to keep, so nothing lost: a warning
    };
    /// line is 1-based; 0 means "the whole file" (then byte offsets go into reason).
    InputError(std::string file, std::size_t line, std::string reason, bool repaired = false);
    InputError(std::string file, std::size_t line, std::string reason, Outcome outcome);
    const std::string& file() const noexcept { return file_; }
    std::size_t line() const noexcept { return line_; }
    const std::string& reason() const noexcept { return reason_; }
    /// True when the input was kept rather than skipped (repaired or renamed).
    bool repaired() const noexcept { return outcome_ != Outcome::skipped; }
    /// True for a warning (renamed, empty: nothing of the input lost), not an error.
    bool warning() const noexcept {
        return outcome_ == Outcome::renamed || outcome_ == Outcome::empty;
    }
    Outcome outcome() const noexcept { return outcome_; }
    /// "skipped", "repaired" or "renamed": how problem lines begin.
    const char* verb() const noexcept;

  private:
    std::string file_;
    std::size_t line_;
    std::string reason_;
    Outcome outcome_;
};

/// A lexicon, rules or boilerplate file that is malformed or violates its schema.
/// Thrown before anything is written.
class ConfigError : public Error {
  public:
    /// pointer is an RFC 6901 JSON pointer into the file ("" for the whole document).
    ConfigError(std::string file, std::string pointer, std::string reason);
    const std::string& file() const noexcept { return file_; }
    const std::string& pointer() const noexcept { return pointer_; }
    const std::string& reason() const noexcept { return reason_; }

  private:
    std::string file_;
    std::string pointer_;
    std::string reason_;
};

/// The SQLite store cannot be opened, read or written.
class StoreError : public Error {
  public:
    StoreError(std::string path, std::string reason);
    const std::string& path() const noexcept { return path_; }
    const std::string& reason() const noexcept { return reason_; }

  private:
    std::string path_;
    std::string reason_;
};

/// The command asks for something that cannot be done safely, such as an
/// output that is one of the command's own inputs (exit code 2). Thrown
/// before anything is written.
class UsageError : public Error {
  public:
    using Error::Error;
};

/// Another build holds the database's lock, or another process holds SQLite's
/// lock on it, and did not let go in time.
class LockedError : public StoreError {
  public:
    using StoreError::StoreError;
};

/// A rabta store that SQLite finds damaged (a malformed or truncated file). The
/// only kind of existing database a build may rebuild over, and only after
/// PRAGMA integrity_check confirms it (see build()).
class DamagedStoreError : public StoreError {
  public:
    using StoreError::StoreError;
};

}  // namespace rabta
