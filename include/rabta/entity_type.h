// Entity types: a base value type that every stage shares (no stage owns it).
#pragma once

#include <optional>
#include <string_view>

namespace rabta {

/// Entity types. These strings are persisted: never change their meaning.
enum class EntityType { person, organization, country, forum, place };

constexpr std::string_view to_string(EntityType t) noexcept {
    switch (t) {
        case EntityType::person:
            return "person";
        case EntityType::organization:
            return "organization";
        case EntityType::country:
            return "country";
        case EntityType::forum:
            return "forum";
        case EntityType::place:
            return "place";
    }
    return "organization";
}

constexpr std::optional<EntityType> entity_type_from(std::string_view s) noexcept {
    for (auto t : {EntityType::person, EntityType::organization, EntityType::country,
                   EntityType::forum, EntityType::place}) {
        if (to_string(t) == s) return t;
    }
    return std::nullopt;
}

}  // namespace rabta
