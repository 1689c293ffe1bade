// Housekeeping: what the server purges once a minute.
#include "server/housekeeping.h"

#include <algorithm>

#include "engine/date.h"

namespace portal::server {

Seconds AuditRetentionStart(Seconds now) {
    const DateKey today = JstDateOf(now);
    int months = DateYear(today) * 12 + (DateMonth(today) - 1) - kAuditRetentionMonths;
    const int year = months / 12;
    const int month = months % 12 + 1;
    const int next_year = month == 12 ? year + 1 : year;
    const int next_month = month == 12 ? 1 : month + 1;
    const int days_in_month = static_cast<int>(DaysFromDateKey(MakeDateKey(next_year, next_month, 1)) -
                                               DaysFromDateKey(MakeDateKey(year, month, 1)));
    return JstDayStart(MakeDateKey(year, month, std::min(DateDay(today), days_in_month)));
}

HousekeepingResult RunHousekeeping(Storage& storage, const AuthPolicy& policy, Seconds now) {
    storage.PurgeExpired(now, policy.session_idle, policy.session_absolute);
    HousekeepingResult result;
    result.audit_rows_purged = storage.PurgeAuditBefore(AuditRetentionStart(now));
    return result;
}

}  // namespace portal::server
