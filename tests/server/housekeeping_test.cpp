// Housekeeping with the clock passed in: audit rows leave after 13 months, not before; sessions
// past their idle or absolute deadline are purged with one audit row each, shown in the login
// history; and the audit export writes what is left. Runs on a real SQLite file.
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

TEST_CASE("sessions ended by the purge: one audit row each, with the deadline reached, in the history") {
    TempStorage t;
    std::vector<CustomerData> customers(1);
    Customer& c = customers[0].customer;
    c.selfcare_id = "purge-test";
    c.password_hash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
    c.email = "purge@example.jp";
    c.contractor_name = "試験";
    c.service_name = "IP電話サービス";
    c.customer_code = "C1";
    c.sip_proxy = "192.0.2.1";
    c.sip_domain = "sip.example.jp";
    c.charge_plan = "3分課金プラン";
    std::string error;
    REQUIRE(t.storage->ReplaceCustomers(customers, error));
    const int64_t id = customers[0].customer.id;

    AuthPolicy policy;  // 15 minutes idle, 8 hours in all
    const Seconds start = JstNoon(2026, 11, 30);
    const auto put = [&](const char* token, Seconds created, Seconds seen, const char* address) {
        t.storage->PutSession(Session{token, id, created, seen, address, "Mozilla/5.0 (X11; Linux x86_64)"});
    };
    put("idle", start, start + 600, "192.0.2.10");                  // idle deadline at start + 1500
    put("absolute", start - 7 * 3600, start + 3000, "192.0.2.20");  // absolute deadline at start + 3600
    put("live", start, start + 1400, "192.0.2.30");                 // idle deadline at start + 2300

    RunHousekeeping(*t.storage, policy, start + 1499);
    CHECK(t.Events().empty());  // nothing has reached a deadline yet

    RunHousekeeping(*t.storage, policy, start + 1500);
    CHECK(t.Events() == std::vector<std::string>{"session_expired"});
    CHECK_FALSE(t.storage->FindSession("idle"));

    RunHousekeeping(*t.storage, policy, start + 3600);
    CHECK(t.Events() == std::vector<std::string>{"session_expired", "session_expired", "session_expired"});
    CHECK_FALSE(t.storage->FindSession("live"));
    CHECK_FALSE(t.storage->FindSession("absolute"));
    RunHousekeeping(*t.storage, policy, start + 7200);
    CHECK(t.Events().size() == 3);  // a session is audited once, when it goes

    std::vector<AuditEvent> rows;
    t.storage->ForEachAudit(0, INT64_MAX, [&rows](const AuditEvent& e) { rows.push_back(e); });
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].address == "192.0.2.10");
    CHECK(rows[0].detail == "idle");
    CHECK(rows[0].at == start + 1500);
    CHECK(rows[0].selfcare_id == "purge-test");
    CHECK(rows[0].customer_id == id);
    CHECK(rows[0].user_agent == "Mozilla/5.0 (X11; Linux x86_64)");
    // The second purge ended two: the idle one at its deadline, the absolute one at its own.
    const AuditEvent& absolute = rows[1].address == "192.0.2.20" ? rows[1] : rows[2];
    const AuditEvent& idle = rows[1].address == "192.0.2.30" ? rows[1] : rows[2];
    CHECK(absolute.detail == "absolute");
    CHECK(absolute.at == start + 3600);
    CHECK(idle.detail == "idle");
    CHECK(idle.at == start + 2300);

    // The customer's login history (the audit rows it reads) lists them, newest first.
    const std::vector<AuditEvent> history = t.storage->RecentAudit(id, {"session_expired"}, 50);
    CHECK(history.size() == 3);
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
