// Relation codes and relation mentions: base value types (no stage owns them).
#pragma once

#include <cstdint>
#include <string>

namespace rabta {

/// A relation code of the rules file and what it means.
struct RelationType {
    std::string name;  ///< persisted code: met, signed, cooperated, ...
    bool symmetric = false;
    std::string cameo;  ///< CAMEO code for joins with event data
};

/// One relation mention: a tie a sentence states between two actors.
struct Relation {
    std::string source;    ///< actor id
    std::string target;    ///< actor id
    std::string relation;  ///< met, signed, cooperated, ...
    bool directed = false;
    std::string mode;  ///< "done" or "intent"
    /// "affirmed", or how the sentence denies the tie: "negated" («نہیں»),
    /// "withdrawn" (cancelled or postponed), "declined" (refused) or "missed".
    /// A denied relation mention is stored with its evidence but is never a tie.
    std::string polarity = "affirmed";
    std::string context;         ///< digital-economy context tag, or empty
    std::string context_source;  ///< to_string(ContextSource): clause, sentence, article or empty
    std::string rule;            ///< id of the rule that made it
    double confidence = 0;
    std::uint32_t sentence = 0;  ///< index into Extraction::sentences
};

/// A role a title in the text gives a person: «علی بابا گروپ کے صدر جیمز ڈونگ».
struct TextRole {
    std::string person;  ///< actor id
    std::string org;     ///< actor id of the organization or country
    std::string title;   ///< as written in the article
    std::uint32_t sentence = 0;
};

}  // namespace rabta
