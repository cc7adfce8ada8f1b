// Run history on the command line: the JSON report of a build
// (schemas/report.schema.json) and `rabta diff`.
#pragma once

#include <rabta/build.h>
#include <rabta/error.h>
#include <rabta/store.h>

#include <ostream>
#include <string>
#include <vector>

namespace rabta::cli {

/// Writes the report of a finished build as one JSON object: its problems
/// as errors (skipped) and warnings (kept: repaired or renamed).
void write_run_report(std::ostream& out,
                      const BuildReport& report,
                      const std::vector<InputError>& problems,
                      const Store& store);

/// Prints what changed between two runs, as tables or one JSON object.
void print_diff(std::ostream& out, const RunDiff& d, const Store& store, bool json);

}  // namespace rabta::cli
