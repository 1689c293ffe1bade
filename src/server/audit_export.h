// portal-server --audit-export FROM TO: the audit log of the Japan days FROM..TO (inclusive) as
// CSV in UTF-8 with a BOM, for an auditor.
#pragma once
#include <string>

#include "server/storage.h"

namespace portal::server {

// The CSV bytes (header row even when there are no events); false with `error` when the
// dates are not YYYY-MM-DD or FROM is after TO.
bool ExportAuditCsv(Storage& storage, const std::string& from, const std::string& to, std::string& csv,
                    std::string& error);

}  // namespace portal::server
