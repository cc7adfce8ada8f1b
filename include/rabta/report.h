// The JSON report of a build or merge run (schemas/report.schema.json).
#pragma once

#include <rabta/build.h>
#include <rabta/store.h>

#include <ostream>
#include <string>
#include <vector>

namespace rabta {

/// Writes the report of a finished run on `store` as one JSON object: the
/// counts of `report`, the `problems` reported on the way, what changed since
/// the previous run.
void write_run_report(std::ostream& out,
                      const BuildReport& report,
                      const std::vector<std::string>& problems,
                      const Store& store);

}  // namespace rabta
