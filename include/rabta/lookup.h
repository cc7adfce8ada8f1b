// Names an analyst types, to the entities they denote: one resolver for every
// command (show, ties, path, dyad, export --ego and --dyad, entities --country).
#pragma once

#include <rabta/error.h>
#include <rabta/store.h>

#include <string>
#include <vector>

namespace rabta {

/// A name that denotes no entity, or several. The message says which, and
/// lists the candidates or the nearest names.
class LookupError : public Error {
  public:
    using Error::Error;
};

/// Entities whose names come nearest `name`, best first, at most `limit`:
/// names that have it as a word, then names that contain it, then by edit
/// distance; Urdu compared folded and without spaces, Latin case-insensitively,
/// both ranked together (so «Xi» finds Xi Jinping before Mexico).
std::vector<StoredEntity> nearest_entities(const Store& store,
                                           const std::string& name,
                                           std::size_t limit = 10);

/// The one entity `name` denotes: an id, an Urdu or Latin alias in any
/// spelling or spacing, or a two-letter ISO code of a country in any case
/// («pk» = «PK»). Throws LookupError when it denotes none (with the nearest
/// names) or several (with their ids).
std::string resolve_entity(const Store& store, const std::string& name);

/// The ISO code of a country named by its code (any case) or by a name of
/// any entity resolve_entity finds. Throws UsageError for a code that is no
/// actor's country in the store (with the codes it holds and a "did you mean"), LookupError for an
/// unknown name, and UsageError when the name is not a country's. `flag` names the argument in the
/// message.
std::string resolve_country(const Store& store, const std::string& flag, const std::string& name);

}  // namespace rabta
