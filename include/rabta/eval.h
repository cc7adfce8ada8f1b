// Scores a store against hand-checked gold annotations (tests/gold/*.json).
#pragma once

#include <rabta/data_source.h>
#include <rabta/store.h>

#include <cstddef>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace rabta {

struct Score {
    std::int64_t tp = 0, fp = 0, fn = 0;
    double precision() const {
        return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fp);
    }
    double recall() const {
        return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fn);
    }
    double f1() const {
        double p = precision(), r = recall();
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }
};

/// Agreement on one property of the ties that were found: how many of the
/// gold ties that give the property were found, and on how many the found
/// value agrees.
struct Agreement {
    std::int64_t compared = 0, agreed = 0;
    double rate() const {
        return compared == 0 ? 1.0 : static_cast<double>(agreed) / static_cast<double>(compared);
    }
};

struct EvalReport {
    std::string split;  ///< "dev", "test", or empty when the gold files name none (or several)
    Score entities;
    std::map<std::string, Score> entities_by_type;
    Score ties;  ///< required ties for recall; optional gold ties are neither TP nor FP
    std::map<std::string, Score> ties_by_relation;
    Agreement mode;  ///< found gold ties (required or not) whose gold gives a mode
    /// Context of the found required interaction ties whose gold gives one:
    /// the exact tag, and digital or not (is_digital_context).
    Agreement context, context_digital;
    std::vector<std::string> missed;    ///< "article: relation source → target" (and entities)
    std::vector<std::string> spurious;  ///< likewise, found but not in gold
    std::size_t scored = 0;             ///< gold articles present in the store
    std::vector<std::string> absent;    ///< gold articles the store does not hold
};

/// Whether a context tag belongs to the digital family (e-commerce, fintech,
/// telecom, IT services, AI, ...): not "other", "none", "media" or empty.
bool is_digital_context(const std::string& tag);

/// Compares the entities mentioned and the relations found per article with the
/// gold files. Only gold articles that the store holds are scored; the others are
/// listed in `absent`, so one gold directory serves a seed build and a corpus
/// build. A gold actor given by names matches a found entity of its type that
/// carries one of the names (folded, space-free) among its mentions in the
/// article or its aliases. A found tie's mode is "done" when any of its
/// mentions is done; its context is the tag most of its mentions carry ("none"
/// when none does). Throws ConfigError for a malformed gold file or a tie
/// whose ends are not entities of its article.
EvalReport evaluate(const Store& store, const std::vector<DataFile>& gold);

/// One gold set's scores under its name (the split, or the gold path when it
/// names none).
struct ScoredSet {
    std::string name;
    EvalReport report;
};
/// The sets as one JSON object, a member per set; a test split's missed and
/// spurious items are never written.
void write_json(std::ostream& out, const std::vector<ScoredSet>& sets);

}  // namespace rabta
