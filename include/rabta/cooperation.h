// A dyad's cooperation over time: each independent evidence between the actors
// of two countries weighted by its relation's score on a published event scale
// (seeds/cooperation/goldstein.json, schemas/cooperation.schema.json), summed
// per month, with counts by relation and context.
#pragma once

#include <rabta/data_source.h>
#include <rabta/store.h>

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace rabta {

struct CooperationWeights {
    struct Weight {
        std::string cameo;
        std::string label;
        double score = 0;
    };
    std::string scale;                        ///< the published scale, cited
    double intent_discount = 1;               ///< an intent evidence counts this share of its score
    std::map<std::string, Weight> relations;  ///< relation → weight; others count 0

    /// Loads and validates the weights file; throws ConfigError (file, JSON
    /// pointer, reason).
    static CooperationWeights load(const DataFile& file);
    static CooperationWeights embedded();

    /// The weight of one evidence: its relation's score, times the discount
    /// when it is intent.
    double weight(const std::string& relation, bool intent) const;
};

/// One independent evidence: every copy of one sentence (folded, space-free)
/// for one tie, counted once.
struct WeightedEvidence {
    StoredRelation evidence;  ///< the earliest dated copy (then by article, span)
    bool intent = true;       ///< all copies are intent
    std::int64_t copies = 0;
    double weight = 0;
};

struct CooperationMonth {
    std::string month;  ///< "YYYY-MM", or "undated"
    std::int64_t evidences = 0;
    std::map<std::string, std::int64_t> by_relation;
    std::map<std::string, std::int64_t> by_context;  ///< "" for no context
    double index = 0;                                ///< the sum of the month's weights
};

struct CooperationSeries {
    std::vector<CooperationMonth> months;     ///< by month, "undated" last
    std::vector<WeightedEvidence> evidences;  ///< highest weight first, then earliest
    double index = 0;                         ///< over every month
};

/// The series of the given relation mentions (any order): copies of a sentence
/// for the same tie are one evidence, done when any copy is done.
CooperationSeries cooperation_series(const std::vector<StoredRelation>& mentions,
                                     const CooperationWeights& weights);

/// The series of the ties between the actors of two countries (as dyad_view
/// takes them) in the scope.
CooperationSeries dyad_cooperation(const Store& store,
                                   const std::string& country_a,
                                   const std::string& country_b,
                                   const EvidenceScope& scope,
                                   const CooperationWeights& weights);

}  // namespace rabta
