// An actor as known to the lexicon or found in an article: a base value type
// shared by recognize, resolve and store (no stage owns it).
#pragma once

#include <rabta/entity_type.h>

#include <string>
#include <vector>

namespace rabta {

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

}  // namespace rabta
