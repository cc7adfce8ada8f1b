// Relation rules as data (seeds/rules/relations.json, schemas/rules.schema.json):
// the Urdu postpositions that close a noun phrase, relation cues, intent markers,
// pronouns and anaphors, and the ordered, named patterns that turn them into ties.
#pragma once

#include <rabta/context.h>
#include <rabta/data_source.h>
#include <rabta/relation.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rabta {

/// A sequence of folded tokens, e.g. {"کے", "درمیان"}.
using Phrase = std::vector<std::string>;

/// One slot of a rule: a noun-phrase head closed by `marker` ("any", "none" or a
/// marker class of the rules file), optionally restricted to entity types, or a
/// coordinated list of heads.
struct RuleSlot {
    std::string role;
    std::string marker;
    std::vector<std::string> types;  ///< entity type names; empty = any
    bool list = false;
    /// Members are the heads after this phrase, after the cue, in the sentence:
    /// «… شرکت کر رہے ہیں جن میں A، B، C شامل ہیں».
    Phrase after_cue;
    /// The slot may be filled by an affiliation of the next slot's head:
    /// «F کے P میں انعقاد».
    bool or_affiliation = false;
};

struct Rule {
    std::string id;
    std::string relation;
    std::vector<RuleSlot> slots;  ///< in sentence order; the cue follows the last one
    std::string source;           ///< role whose head is the source
    std::string target;           ///< role whose head is the target
    bool directed = false;        ///< keep source→target even for a symmetric relation
    /// Marker classes that block the rule when a head of the cue's clause before
    /// the cue carries one: «A اور B نے C سے ملاقات» is no A–B meeting.
    std::vector<std::string> unless;
    double confidence = 0.5;
};

/// A light-verb predicate: a predicate noun («معاہدہ») that names its relation
/// only with one of its verbs («طے پایا», «ہو گیا», «کیا») within `reach` tokens.
/// Verbs are named by lemma (Rules::verbs maps each written form to its lemma).
struct LightVerbFrame {
    std::string id;
    std::string relation;
    std::vector<Phrase> nouns;
    std::vector<std::string> verbs;  ///< lemmas
    std::size_t reach = 4;
};

/// A relation a recognizer pattern states by itself (Rules::recognized): from
/// "role", the office a title gives its holder; from "located", a place a
/// located_in pattern puts in a city or country.
struct RecognizedFrame {
    std::string id;
    std::string relation;
    std::string from;  ///< "role" or "located"
    double confidence = 0.5;
    double home_confidence = 0.5;  ///< a role whose country was assumed (the home country)
};

struct PronounRule {
    std::vector<Phrase> words;
    std::string refers;  ///< "last_subject_person", "speaker_org" or "speaker_country"
};

/// An office title: «وزیر», «سفیر», «سی ای او». Which entity the office is held in
/// depends on the kind (see schemas/actors.schema.json).
struct TitleRule {
    std::vector<Phrase> words;
    std::string kind;  ///< government, org or any
    bool portfolio = false;
    bool group = false;
};

/// Patterns that find actors the lexicon does not know
/// (seeds/rules/actors.json, schemas/actors.schema.json).
struct ActorPatterns {
    std::string home_country;  ///< ISO code for government titles with no country named
    std::vector<TitleRule> titles;
    std::vector<Phrase> portfolios, honorifics, organization_suffixes, ministry_heads, forum_heads,
        generic_words, name_stops, name_joiners, list_before, list_after, list_nouns, city_of,
        held_in, title_of, leaders, former;
    /// Frequent word forms of the corpus that are not names (tools/derive-vocabulary):
    /// a forum name, or an organization name before a generic head, made of nothing
    /// else is a generic noun phrase («انشورنس کمپنی»), not an actor.
    std::vector<Phrase> common_words;
    std::vector<Phrase> generic_heads;  ///< organization suffixes that name no kind: «کمپنی»
    std::vector<std::string> families;  ///< pattern families in the order they run
    bool role_anaphors = false;
};

struct AnaphorRule {
    std::vector<Phrase> words;
    std::string type;   ///< entity type of the last-named actor it refers to
    bool pair = false;  ///< «دونوں ممالک»: the last two distinct actors of the type
};

class Rules {
  public:
    /// Loads and validates the relation rules file and, when given, the actor
    /// patterns file (named actors.json). Throws ConfigError (file, JSON pointer,
    /// reason) on a schema violation, an unknown relation or marker class, or a
    /// rule whose source/target is not one of its slots.
    static Rules load(const std::vector<DataFile>& files);
    static Rules embedded();

    std::vector<RelationType> relations;
    std::map<std::string, std::vector<Phrase>> markers;  ///< class → phrases
    std::vector<Phrase> transparent;  ///< markers that pass to the next one (سمیت)
    std::vector<Phrase> fillers;      ///< words skipped between a head and its marker
    std::vector<Phrase> clause_breaks;
    std::vector<Phrase> group_nouns;  ///< وفد: a group that acts as its leader
    std::vector<PronounRule> pronouns;
    std::vector<AnaphorRule> anaphors;
    std::map<std::string, std::vector<Phrase>> cues;   ///< relation → cue phrases
    std::map<std::string, std::vector<Phrase>> verbs;  ///< verb lemma → its written forms
    std::vector<LightVerbFrame> light_verbs;
    std::vector<Phrase> intent;                                     ///< marks a tie as intent
    std::map<std::string, std::vector<Phrase>> intent_by_relation;  ///< relation → intent words
    /// Polarity (Relation::polarity) → the words that give it: after the cue in
    /// its clause, «نہیں» makes a tie negated, «منسوخ» withdrawn, «معذرت» declined.
    std::map<std::string, std::vector<Phrase>> polarity;
    /// End a predicate's verb phrase: mode and polarity words after them are another's.
    std::vector<Phrase> scope_ends;
    std::size_t max_cue_distance = 16;  ///< tokens from the last party to the cue
    /// Per relation, where its sentences run longer: «… کے درمیان [the subjects
    /// of the agreement] پر دستخط کیے گئے».
    std::map<std::string, std::size_t> max_cue_distance_by_relation;
    std::size_t cue_distance(std::string_view relation) const {
        auto it = max_cue_distance_by_relation.find(std::string(relation));
        return it == max_cue_distance_by_relation.end() ? max_cue_distance : it->second;
    }
    std::map<std::string, std::vector<Phrase>> contexts;  ///< context tag → cues, of `taxonomy`
    ContextTaxonomy taxonomy;  ///< contexts.json; empty when no contexts file was given
    std::vector<Rule> rules;   ///< in priority order
    std::vector<RecognizedFrame> recognized;
    ActorPatterns actors;  ///< empty when no actors file was given

    const RelationType* relation(std::string_view name) const;
    std::uint64_t version() const noexcept { return version_; }

  private:
    std::uint64_t version_ = 0;
};

}  // namespace rabta
