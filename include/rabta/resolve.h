// The resolve stage: which real actor each mention names. It runs after relate
// on one article's extraction (qualified bodies), and before any extraction
// on the lexicon (an analyst's curation overlay); build and query both use it.
#pragma once

#include <rabta/article.h>
#include <rabta/data_source.h>
#include <rabta/extraction.h>
#include <rabta/rules.h>

#include <cstdint>
#include <string>
#include <vector>

namespace rabta {

class Lexicon;

/// What resolve reads besides the lexicon (seeds/resolve/bodies.json,
/// schemas/bodies.schema.json).
struct ResolveData {
    /// Folded heads of bodies every country has under one name: «وزارت», «کمیشن».
    std::vector<std::string> qualified_heads;
    /// Folded words that may stand between a country and its body: «کی».
    std::vector<std::string> of_words;
    std::uint64_t version = 0;

    /// Throws ConfigError (file, JSON pointer, reason).
    static ResolveData load(const DataFile& file);
    static const ResolveData& embedded();
};

/// Makes each discovered government body («وزارت خارجہ», «الیکشن کمیشن») its
/// own actor per country: the country of each mention is the one the sentence
/// puts before it («سعودی وزارت خارجہ», «چین کی وزارت خارجہ»), else the country
/// of the person the sentence gives an office in it, else the dateline's, else
/// `rules.actors.home_country`. The actor's id gets the country code
/// («org:wzart-kharjh-sa»), its labels the country's name («وزارت خارجہ
/// (سعودی عرب)», "… (Saudi Arabia)"); mentions, relations and roles follow.
/// A body whose name already holds a country («پاکستان کرکٹ بورڈ») keeps it.
void qualify_bodies(const Article& article,
                    const Lexicon& lexicon,
                    const Rules& rules,
                    const ResolveData& data,
                    Extraction& extraction);

/// The resolve stage over one article's extraction, after relate: qualified
/// bodies (above); a discovered actor the lexicon now knows under its id (an
/// analyst promoted it) is the lexicon's; one whose label the lexicon says
/// names no actor (not_actors: an analyst rejected it) goes, with its
/// mentions, relations and roles.
void resolve_article(const Article& article,
                     const Lexicon& lexicon,
                     const Rules& rules,
                     Extraction& extraction);

/// One decision of an analyst (`rabta curate`), self-contained: the actor's
/// type, labels and names as the store had them when it was taken.
struct CurationDecision {
    std::string action;  ///< promote, reject, rename, merge or label
    std::string id;
    std::string type;
    std::string label_ur;  ///< rename: the new label
    std::string label_en;  ///< label: the new English label
    std::string country;
    std::vector<std::string> names;
    /// merge: the actor that keeps the names, as the store had it.
    std::string into, into_type, into_label_ur, into_country;
    std::vector<std::string> into_names;
};

/// The curation overlay: decisions in the order they were taken
/// (schemas/curation.schema.json). A later decision about an actor overrides
/// an earlier one of the same action.
struct Curation {
    std::vector<CurationDecision> decisions;

    /// Throws ConfigError naming the file, the JSON pointer and the reason.
    static Curation load(const DataFile& file);
    /// The overlay as JSON text, the same decisions giving the same bytes.
    std::string to_json() const;
};

/// The default overlay of a store: beside it, "out/rabta.db" → "out/rabta.curated.json".
std::string default_curation_path(const std::string& db);

/// The lexicon files with the curation applied, as lexicon files (the lexicon's
/// version then covers the curation, so a changed overlay makes the next build
/// read everything again). A promoted, renamed or labelled discovered actor
/// becomes a lexicon actor under its id; a rejected one's names become
/// not_actors; a merged one's names become names of the actor it was merged
/// into (a lexicon actor's, or a discovered one's, which is promoted).
std::vector<DataFile> curated_lexicon_files(const std::vector<DataFile>& lexicon,
                                            const Curation& curation);

}  // namespace rabta
