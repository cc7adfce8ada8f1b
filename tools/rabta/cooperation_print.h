// `rabta dyad`'s cooperation index (include/rabta/cooperation.h), printed.
#pragma once

#include <rabta/cooperation.h>

#include <iosfwd>

namespace rabta::cli {

/// The month-by-month series and the five heaviest evidences, as text.
void print_cooperation(const CooperationSeries& s, const CooperationWeights& w, std::ostream& out);
/// The series as CSV: month, evidences, index, counts by relation and by context.
void print_cooperation_csv(const CooperationSeries& s, std::ostream& out);

}  // namespace rabta::cli
