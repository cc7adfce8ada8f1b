// What an analyst types besides names: dates and lists of codes (relations,
// entity types, formats, outlets), each checked against what it may be, with a
// "did you mean" when it is not. One place, so every command (and every flag
// added later, such as a context list) refuses the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rabta {

/// The persisted relation codes (schemas/rules.schema.json) and entity types.
const std::vector<std::string>& relation_codes();
const std::vector<std::string>& entity_types();
/// The relations between actors that an analyst asks about first: met, signed,
/// cooperated, agreed, attended (not holds_role, located_in).
const std::vector<std::string>& interaction_relations();

/// YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar period (months 01-12,
/// days that exist in that month, 29 February in leap years only), completed
/// to its first day or, with `end`, its last day. Nothing when it is not one.
std::optional<std::string> period_bound(std::string_view d, bool end);

/// Levenshtein distance over code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

/// `value` when it is one of `allowed` (compared case-insensitively for ASCII,
/// returned as spelt in `allowed`); otherwise throws UsageError: "FLAG 'value'
/// is not one of: a, b, c (did you mean 'x'?)".
std::string one_of(std::string_view flag,
                   std::string_view value,
                   const std::vector<std::string>& allowed);

/// A comma-separated list (spaces around items ignored, empty items dropped),
/// every item checked by one_of; sorted and without repeats.
std::vector<std::string> list_of(std::string_view flag,
                                 std::string_view value,
                                 const std::vector<std::string>& allowed);

/// The relations to count: `fallback` (empty: all) when neither list is given;
/// else `include` (all of relation_codes() when it is empty) less `exclude`.
/// Both are comma lists checked by list_of under the flag names --relation and
/// --exclude-relation; a selection that leaves nothing is refused (UsageError).
std::vector<std::string> relation_selection(std::string_view include,
                                            std::string_view exclude,
                                            const std::vector<std::string>& fallback = {});

}  // namespace rabta
