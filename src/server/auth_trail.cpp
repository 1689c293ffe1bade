// What a logged-in customer sees of their own trail: the login history (from the audit log),
// the live sessions, and ending every other session. Also the audit rows (of SIP passwords and
// every other event) and the notices mailed to the customer.
#include "engine/date.h"
#include "server/auth_service.h"
#include "server/user_agent.h"

namespace portal::server {
namespace {

constexpr int kHistoryLength = 50;

// The events a customer recognises as "a login happened or was tried".
const std::vector<std::string>& HistoryEvents() {
    static const std::vector<std::string> events = {"login_success", "login_failure", "code_failed",
                                                    "lockout",       "logout",        "session_expired",
                                                    "sessions_ended"};
    return events;
}

uint64_t Stamp(Seconds at) {
    return at > 0 ? static_cast<uint64_t>(at) : 0;
}

}  // namespace

AuthOutcome<LoginHistoryPayload> AuthService::LoginHistory(const LiveSession& live) {
    LoginHistoryPayload history;
    for (const AuditEvent& e : storage_.RecentAudit(live.customer->id, HistoryEvents(), kHistoryLength)) {
        const BrowserInfo browser = DescribeUserAgent(e.user_agent);
        LoginHistoryEvent row;
        row.at = Stamp(e.at);
        row.at_jst = FormatJstDateTime(e.at);
        row.event = e.event;
        row.result = e.event == "login_success" ? "success"
                     : e.event == "login_failure" || e.event == "code_failed" || e.event == "lockout"
                         ? "failure"
                         : "info";
        row.reason = e.detail;
        row.factor = e.factor;
        row.address = e.address;
        row.browser = browser.browser;
        row.os = browser.os;
        history.events.push_back(std::move(row));
    }
    return history;
}

AuthOutcome<SessionsPayload> AuthService::ListSessions(const LiveSession& live) {
    const Seconds now = NowSeconds();
    SessionsPayload sessions;
    for (const Session& s : storage_.ListSessions(live.customer->id)) {
        if (s.last_seen_at + policy_.session_idle <= now || s.created_at + policy_.session_absolute <= now)
            continue;  // ended by a timeout; the purge removes the row
        const BrowserInfo browser = DescribeUserAgent(s.user_agent);
        SessionRow row;
        row.started_at = Stamp(s.created_at);
        row.started_at_jst = FormatJstDateTime(s.created_at);
        row.last_seen_at = Stamp(s.last_seen_at);
        row.last_seen_at_jst = FormatJstDateTime(s.last_seen_at);
        row.address = s.address;
        row.browser = browser.browser;
        row.os = browser.os;
        row.current = s.token_hash == live.session.token_hash;
        sessions.sessions.push_back(std::move(row));
    }
    return sessions;
}

AuthOutcome<SessionsEndedPayload> AuthService::EndOtherSessions(const ClientInfo& client,
                                                                const LiveSession& live) {
    const auto ended = storage_.DeleteOtherSessions(live.customer->id, live.session.token_hash);
    for (const std::string& hash : ended) sessions_.Erase(hash);
    Audit(client, live.customer->id, live.customer->selfcare_id, "sessions_ended",
          std::to_string(ended.size()), "", NowSeconds());
    return SessionsEndedPayload{static_cast<uint64_t>(ended.size())};
}

void AuthService::RecordSipPasswords(const ClientInfo& client, const LiveSession& live,
                                     const std::string& what, int64_t lines) {
    Audit(client, live.customer->id, live.customer->selfcare_id, "sip_passwords", what, "", NowSeconds(),
          lines);
}

void AuthService::SendNotice(const MailMessage& mail) {
    // A notice that cannot be sent must not undo the login or the lock it reports.
    std::string error;
    if (!mail_.Send(mail, error)) std::fprintf(stderr, "mail: notice not delivered: %s\n", error.c_str());
}

void AuthService::Audit(const ClientInfo& client, int64_t customer_id, const std::string& selfcare_id,
                        const char* event, const std::string& detail, const char* factor, Seconds now,
                        int64_t lines) {
    AuditEvent row;
    row.at = now;
    row.customer_id = customer_id;
    row.selfcare_id = selfcare_id;
    row.event = event;
    row.detail = detail;
    row.factor = factor;
    row.address = client.address;
    row.user_agent = client.user_agent;
    row.lines = lines;
    storage_.AppendAudit(row);
}

}  // namespace portal::server
