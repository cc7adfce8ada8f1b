// What extraction finds in one article: a base value type that the pipeline
// produces and resolve and store consume (no stage owns it).
#pragma once

#include <rabta/actor.h>
#include <rabta/context.h>
#include <rabta/mention.h>
#include <rabta/relation.h>
#include <rabta/span.h>

#include <string>
#include <vector>

namespace rabta {

struct Extraction {
    std::vector<Span> sentences;  ///< in Article::text, in reading order
    std::vector<Mention> mentions;
    std::vector<Relation> relations;
    /// Actors found by patterns (Actor::subtype "discovered"), in order of discovery.
    std::vector<Actor> discovered;
    std::vector<TextRole> roles;
    /// Each limit hit while reading the article: what was cut, and which limit.
    std::vector<std::string> limits;
    /// The article's context scores per tag, highest first (relate/context.h).
    std::vector<TopicScore> topics;
};

}  // namespace rabta
