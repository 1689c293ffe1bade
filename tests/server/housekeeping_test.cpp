// Housekeeping with the clock passed in: audit rows leave after 13 months, not before, and the
// audit export writes what is left. Runs on a real SQLite file.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include "server/housekeeping.h"

#include <doctest/doctest.h>
#include <sodium.h>
#include <unistd.h>

#include <filesystem>

#include "engine/date.h"
#include "server/audit_export.h"
#include "server/sqlite_storage.h"

using namespace portal;
using namespace portal::server;

namespace {

Seconds JstNoon(int year, int month, int day) {
    return JstDayStart(MakeDateKey(year, month, day)) + 12 * 3600;
}

struct TempStorage {
    std::filesystem::path dir;
    Secrets secrets;
    std::unique_ptr<SqliteStorage> storage;
    TempStorage() {
        REQUIRE(sodium_init() >= 0);
        dir = std::filesystem::temp_directory_path() / ("portal-housekeeping-" + std::to_string(getpid()));
        std::filesystem::create_directories(dir);
        std::string error;
        REQUIRE(Secrets::Load(std::string(64, 'a'), "", secrets, error));
        storage = std::make_unique<SqliteStorage>((dir / "portal.db").string(), secrets);
    }
    ~TempStorage() {
        storage.reset();
        std::filesystem::remove_all(dir);
    }
    void Append(Seconds at, const char* event) {
        AuditEvent e;
        e.at = at;
        e.selfcare_id = "someone";
        e.event = event;
        e.address = "192.0.2.1";
        storage->AppendAudit(e);
    }
    std::vector<std::string> Events() {
        std::vector<std::string> events;
        storage->ForEachAudit(0, INT64_MAX, [&events](const AuditEvent& e) { events.push_back(e.event); });
        return events;
    }
};

}  // namespace

TEST_CASE("audit rows are kept 13 calendar months in Japan time") {
    CHECK(AuditRetentionStart(JstNoon(2026, 11, 29)) == JstDayStart(MakeDateKey(2025, 10, 29)));
    CHECK(AuditRetentionStart(JstNoon(2027, 3, 31)) == JstDayStart(MakeDateKey(2026, 2, 28)));
    CHECK(AuditRetentionStart(JstNoon(2026, 1, 15)) == JstDayStart(MakeDateKey(2024, 12, 15)));
    // 23:30 UTC on 2026-11-28 is already the 29th in Japan.
    const Seconds late_utc = JstDayStart(MakeDateKey(2026, 11, 29)) + 30 * 60;
    CHECK(AuditRetentionStart(late_utc) == JstDayStart(MakeDateKey(2025, 10, 29)));
}

TEST_CASE("housekeeping purges audit rows past retention, and only those") {
    TempStorage t;
    const Seconds written = JstNoon(2025, 10, 28);
    t.Append(written, "login_success");
    t.Append(written + 86400, "logout");
    t.Append(JstNoon(2026, 11, 1), "sip_passwords");
    AuthPolicy policy;

    CHECK(RunHousekeeping(*t.storage, policy, JstNoon(2026, 11, 28)).audit_rows_purged == 0);
    CHECK(t.Events().size() == 3);  // exactly 13 months old: kept until the day ends

    CHECK(RunHousekeeping(*t.storage, policy, JstNoon(2026, 11, 29)).audit_rows_purged == 1);
    CHECK(t.Events() == std::vector<std::string>{"logout", "sip_passwords"});

    CHECK(RunHousekeeping(*t.storage, policy, JstNoon(2027, 12, 2)).audit_rows_purged == 2);
    CHECK(t.Events().empty());
}

TEST_CASE("audit export: Japan days inclusive, UTF-8 BOM, neutralised cells, bad dates refused") {
    TempStorage t;
    t.Append(JstDayStart(MakeDateKey(2026, 11, 1)) - 1, "before");
    t.Append(JstDayStart(MakeDateKey(2026, 11, 1)), "first");
    AuditEvent hostile;
    hostile.at = JstDayStart(MakeDateKey(2026, 11, 30)) + 86399;
    hostile.selfcare_id = "=cmd|' /C calc'!A0";
    hostile.event = "login_failure";
    hostile.user_agent = "ブラウザ, \"quoted\"";
    t.storage->AppendAudit(hostile);
    t.Append(JstDayStart(MakeDateKey(2026, 12, 1)), "after");

    std::string csv, error;
    REQUIRE(ExportAuditCsv(*t.storage, "2026-11-01", "2026-11-30", csv, error));
    CHECK(csv.rfind("\xEF\xBB\xBF"
                    "id,at_jst,at_unix,selfcare_id,event,detail,factor,address,user_agent,lines,"
                    "customer_id\r\n",
                    0) == 0);
    CHECK(csv.find(",first,") != std::string::npos);
    CHECK(csv.find("2026/11/01 00:00:00") != std::string::npos);
    CHECK(csv.find("before") == std::string::npos);
    CHECK(csv.find("after") == std::string::npos);
    CHECK(csv.find("'=cmd") != std::string::npos);
    CHECK(csv.find("\"ブラウザ, \"\"quoted\"\"\"") != std::string::npos);

    CHECK_FALSE(ExportAuditCsv(*t.storage, "2026-11-30", "2026-11-01", csv, error));
    CHECK(error.find("FROM <= TO") != std::string::npos);
    CHECK_FALSE(ExportAuditCsv(*t.storage, "2026-13-01", "2026-12-01", csv, error));
}
