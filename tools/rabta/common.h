// Helpers the commands share: dates on the command line, names to entities.
#pragma once

#include <rabta/store.h>

#include <optional>
#include <ostream>
#include <string>

namespace rabta::cli {

/// YYYY, YYYY-MM or YYYY-MM-DD, completed to a day at the start or end of the period.
std::optional<std::string> period_bound(const std::string& d, bool end);

/// The one entity a name denotes (id, Urdu or Latin alias, any spacing), or a
/// message on err naming what was found: nothing, or the candidates.
std::optional<std::string> one_entity(const Store& store,
                                      const std::string& name,
                                      std::ostream& err);

}  // namespace rabta::cli
