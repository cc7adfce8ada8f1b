// Run history on the command line: `rabta diff`.
#pragma once

#include <rabta/query.h>

#include <ostream>

namespace rabta::cli {

/// Prints what changed between two runs, as tables or one JSON object.
void print_diff(std::ostream& out, const DiffAnswer& a, bool json);

}  // namespace rabta::cli
