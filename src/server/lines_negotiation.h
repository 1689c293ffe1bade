// Which form of the lines payload a request gets: JSON, PLN1 or PLN2 (docs/lines-payload.md).
// The client names the versions it reads in Accept; old clients that name none get what they
// always got, and a client that names only versions this server lacks gets a clear 406.
#pragma once
#include <string>
#include <string_view>

#include "engine/result.h"

namespace portal::server {

enum class LinesForm { Json, BinaryV1, BinaryV2 };

// `format` is the query parameter (json, bin = version 1, bin2 = version 2; empty = ask Accept).
// Fails with 400 bad_format or 406 unsupported_version, written into `error`.
bool ChooseLinesForm(std::string_view format, std::string_view accept, LinesForm& form, Error& error,
                     int& http_status);

std::string_view LinesContentType(LinesForm form);

}  // namespace portal::server
