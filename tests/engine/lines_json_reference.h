// The columnar lines JSON read back for the encoder's tests only: the product never decodes it
// (the client reads the binary payloads), so the engine has no decoder; this one rests on
// nlohmann_json's DOM, independent of the engine's writer.
#pragma once
#include <optional>
#include <string_view>

#include "engine/model.h"

namespace portal::test {

// The store the payload describes, or nullopt when it is not the columnar lines JSON of version 1
// (a member or column missing, a column of another length than "count", a value of the wrong type).
std::optional<LineStore> LinesFromJson(std::string_view json);

}  // namespace portal::test
