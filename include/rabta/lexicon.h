// Known actors: persons, organizations, countries, forums and places, with their
// Urdu names and variants, Latin names, country and dated roles. Data lives in
// seeds/lexicon/*.json (schemas/lexicon.schema.json); country names come from
// ICU's CLDR Urdu territory names plus the variants the lexicon adds.
#pragma once

#include <rabta/actor.h>
#include <rabta/data_source.h>
#include <rabta/entity_type.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rabta {

/// How a lexicon key refers to its actor.
enum class KeyKind : std::uint8_t { name, demonym };

/// LexiconKey::actor of a phrase that names no actor (see not_actors).
inline constexpr std::uint32_t kNotAnActor = 0xFFFFFFFFu;

struct LexiconKey {
    std::uint32_t actor;  ///< index into actors(), or kNotAnActor
    KeyKind kind;
};

class Lexicon {
  public:
    /// Loads and validates every file against schemas/lexicon.schema.json, then
    /// adds ICU's Urdu country names. Throws ConfigError naming file, JSON pointer
    /// and reason on the first problem (schema violation, duplicate id, unknown
    /// country code, a name that folds to nothing).
    static Lexicon load(const std::vector<DataFile>& files);
    /// The lexicon compiled into the library.
    static Lexicon embedded();

    const std::vector<Actor>& actors() const noexcept { return actors_; }
    const Actor* find(std::string_view id) const;
    /// Every folded, space-free key (see fold_key) with its actor, sorted by key.
    const std::vector<std::pair<std::string, LexiconKey>>& keys() const noexcept { return keys_; }
    /// Content hash of the source files, recorded in the store.
    std::uint64_t version() const noexcept { return version_; }

  private:
    std::vector<Actor> actors_;
    std::map<std::string, std::uint32_t, std::less<>> by_id_;
    std::vector<std::pair<std::string, LexiconKey>> keys_;
    std::uint64_t version_ = 0;
};

}  // namespace rabta
