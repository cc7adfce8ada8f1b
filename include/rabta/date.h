// Publication dates as they appear in Urdu and English news pages.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rabta {

/// Parses a date written as `جمعرات 10 جولائی 2025 22:28`, `14 ستمبر2025ء`,
/// `July 06, 2024`, `11th, July 2025 GMT`, `2023-03-29` and similar. Month and
/// weekday names come from ICU's CLDR data for Urdu and English.
/// Returns ISO `YYYY-MM-DD`, or nothing when no complete, valid date is found.
/// When `whole` is true the text must be a date and nothing else (weekday, time,
/// era marks and a trailing zone allowed).
std::optional<std::string> parse_date(std::string_view text, bool whole = false);
/// parse_date() of text already folded (FoldedText::text): the same answer.
std::optional<std::string> parse_folded_date(std::string_view folded, bool whole = false);

}  // namespace rabta
