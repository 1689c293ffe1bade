// The once-a-minute clean-up, with the clock passed in so a test can run it 13 months later.
#pragma once
#include "server/auth_service.h"
#include "server/storage.h"

namespace portal::server {

// Audit rows are kept for this many calendar months (Japan time), then purged.
constexpr int kAuditRetentionMonths = 13;

// The first second that is still kept at `now`: the start of the same Japan day 13 months
// earlier (the 31st becomes the month's last day).
Seconds AuditRetentionStart(Seconds now);

struct HousekeepingResult {
    int64_t audit_rows_purged = 0;
};

// Drops expired challenges, sessions and stale throttle rows, and audit rows past retention.
HousekeepingResult RunHousekeeping(Storage& storage, const AuthPolicy& policy, Seconds now);

}  // namespace portal::server
