#include <rabta/version.h>

#include "rabta_version.h"

namespace rabta {

std::string_view version() noexcept {
    return RABTA_VERSION;
}

}  // namespace rabta
