#include <fmt/format.h>
#include <rabta/error.h>

namespace rabta {

namespace {
std::string where_line(const std::string& file, std::size_t line) {
    return line == 0 ? file : fmt::format("{}:{}", file, line);
}
}  // namespace

InputError::InputError(std::string file, std::size_t line, std::string reason, bool repaired)
    : InputError(std::move(file),
                 line,
                 std::move(reason),
                 repaired ? Outcome::repaired : Outcome::skipped) {}

InputError::InputError(std::string file, std::size_t line, std::string reason, Outcome outcome)
    : Error(fmt::format("{}: {}", where_line(file, line), reason)),
      file_(std::move(file)),
      line_(line),
      reason_(std::move(reason)),
      outcome_(outcome) {}

const char* InputError::verb() const noexcept {
    switch (outcome_) {
        case Outcome::repaired:
            return "repaired";
        case Outcome::renamed:
            return "renamed";
        case Outcome::empty:
            return "ignored";
        case Outcome::skipped:
            break;
    }
    return "skipped";
}

ConfigError::ConfigError(std::string file, std::string pointer, std::string reason)
    : Error(fmt::format("{}: at '{}': {}", file, pointer.empty() ? "/" : pointer, reason)),
      file_(std::move(file)),
      pointer_(std::move(pointer)),
      reason_(std::move(reason)) {}

StoreError::StoreError(std::string path, std::string reason)
    : Error(fmt::format("{}: {}", path, reason)),
      path_(std::move(path)),
      reason_(std::move(reason)) {}

}  // namespace rabta
