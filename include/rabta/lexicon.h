// Known actors: persons, organizations, countries, forums and places, with their
// Urdu names and variants, Latin names, country and dated roles. Data lives in
// seeds/lexicon/*.json (schemas/lexicon.schema.json); country names come from
// ICU's CLDR Urdu territory names plus the variants the lexicon adds.
#pragma once

#include <rabta/data_source.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rabta {

/// Entity types. These strings are persisted: never change their meaning.
enum class EntityType { person, organization, country, forum, place };

std::string_view to_string(EntityType t) noexcept;
std::optional<EntityType> entity_type_from(std::string_view s) noexcept;

/// A dated role from the lexicon: "title" of "org" between from and to (ISO dates,
/// empty when open).
struct Role {
    std::string title;
    std::string org;  ///< entity id of the organization or country
    std::string from;
    std::string to;
};

struct Actor {
    std::string id;  ///< stable, e.g. "person:shehbaz-sharif", "country:PK"
    EntityType type = EntityType::organization;
    std::string subtype;   ///< firm, government, media, multilateral, initiative, conference, ...
    std::string label_ur;  ///< preferred Urdu label
    std::string label_en;  ///< English label
    std::string country;   ///< ISO 3166-1 alpha-2, or empty
    std::vector<std::string> names;     ///< Urdu names and variants (label_ur first)
    std::vector<std::string> latin;     ///< Latin-script names and acronyms
    std::vector<std::string> demonyms;  ///< countries only: چینی, کورین, ...
    std::vector<Role> roles;
};

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
