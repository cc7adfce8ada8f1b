// The library version (the meson project version).
#pragma once

#include <string_view>

namespace rabta {

std::string_view version() noexcept;

}  // namespace rabta
