// A mention of an actor in an article: a base value type (no stage owns it).
#pragma once

#include <rabta/span.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace rabta {

enum class MentionKind : std::uint8_t {
    name,     ///< a name or alias of the actor
    demonym,  ///< چینی → China
    anaphor,  ///< فورم, انہوں نے, ہمارا → the actor they refer to
};

/// These strings are persisted: never change their meaning.
constexpr std::string_view to_string(MentionKind k) noexcept {
    switch (k) {
        case MentionKind::name:
            return "name";
        case MentionKind::demonym:
            return "demonym";
        case MentionKind::anaphor:
            return "anaphor";
    }
    return "name";
}

struct Mention {
    std::string entity;  ///< actor id
    MentionKind kind = MentionKind::name;
    std::uint32_t sentence = 0;  ///< index into Extraction::sentences
    Span span;                   ///< in Article::text
};

}  // namespace rabta
