// The JSON report of a build or merge run (schemas/report.schema.json).
#pragma once

#include <rabta/build.h>
#include <rabta/error.h>
#include <rabta/store.h>

#include <ostream>
#include <string>
#include <vector>

namespace rabta {

/// Writes the report of a finished run on `store` as one JSON object: the
/// counts of `report`, the `problems` reported on the way (all of them, then
/// split into errors, which lost an article or some of its bytes, and warnings,
/// which kept it whole), what changed since the previous run.
void write_run_report(std::ostream& out,
                      const BuildReport& report,
                      const std::vector<InputError>& problems,
                      const Store& store);

}  // namespace rabta
