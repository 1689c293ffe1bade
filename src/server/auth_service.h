// Login with a password and an e-mailed code, sessions, the guessing defences and the audit trail. Knows
// nothing about HTTP: it answers typed outcomes, which the routes turn into responses.
#pragma once
#include <array>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "engine/api_auth.h"
#include "engine/api_security.h"
#include "engine/codec.h"
#include "engine/result.h"
#include "server/mail_message.h"
#include "server/mail_transport.h"
#include "server/password_hasher.h"
#include "server/rate_limiter.h"
#include "server/secrets.h"
#include "server/session_cache.h"
#include "server/settings.h"
#include "server/storage.h"

namespace portal::server {

// What an auth call came to; the routes give each its HTTP status (routes_auth.cpp).
enum class AuthResult : uint8_t {
    Ok,
    BadInput,     // the input's form (a code that is not six digits, a wrong app code at set-up)
    Refused,      // wrong credentials or code, an ended or expired login, no session
    NotOffered,   // not for this customer: no mailed code, no app set up, one already set up
    TooMany,      // a limit, a growing delay or a lock; retry_after says how long
    Unavailable,  // a part the call needs is down (the mail server, the QR code)
};

// Why a call was refused, in both languages, and when it may be tried again.
struct AuthRefusal {
    AuthResult result = AuthResult::Refused;
    Error error;
    Seconds retry_after = 0;  // seconds; 0 when trying again at once is fine
};

// A typed answer of a login call: its payload (engine/api_auth.h), or the refusal.
template <class Payload>
class AuthOutcome {
  public:
    AuthOutcome(Payload payload) : payload_(std::move(payload)) {}
    AuthOutcome(AuthRefusal refusal) : refusal_(std::move(refusal)) {}
    bool ok() const { return payload_.has_value(); }
    const Payload& payload() const { return *payload_; }
    const AuthRefusal& refusal() const { return refusal_; }

  private:
    std::optional<Payload> payload_;
    AuthRefusal refusal_;
};

// A right code: the new session's timeouts and the values of the two cookies to set.
struct SignIn {
    SignedInPayload timeouts;
    std::string session_token;
    std::string device_token;  // the long-lived device cookie
};
struct LoggedOut {};
struct AuthenticatorRemoved {};

// Who is asking: recorded in the audit log and the session list, and the device cookie that
// lets a browser which completed a login before through the per-ID delay.
struct ClientInfo {
    std::string address;
    std::string user_agent;    // cut to kMaxUserAgentBytes
    std::string device_token;  // the device cookie's value, or empty
};
constexpr size_t kMaxUserAgentBytes = 512;

struct LiveSession {
    Session session;
    std::shared_ptr<const Customer> customer;  // never null
    Seconds idle_remaining = 0;
    Seconds absolute_remaining = 0;
};

// Tunables with defaults from the issue; tests shorten or lengthen some through Settings.
struct AuthPolicy {
    Seconds code_lifetime = 600;   // 10 minutes by default (--code-lifetime)
    Seconds resend_interval = 60;  // at most one resend a minute
    int max_extensions = 3;  // more time for an app login: each a full code_lifetime again (--max-extensions)
    int max_code_failures = 5;       // wrong codes that end a challenge
    int free_password_failures = 3;  // failures before delays start
    Seconds max_delay = 300;         // cap of the growing delay (0 disables delays)
    int lock_after_failures = 100;   // consecutive failures that lock the ID (or the second step)
    int free_code_failures = 10;     // wrong second steps per customer before delays start
    int max_device_failures = 5;     // wrong passwords from a known browser before it is not trusted
    Seconds lock_seconds = 3600;
    Seconds session_idle = 900;
    Seconds session_absolute = 8 * 3600;
    int64_t session_cache_ms = 1000;  // 0 with a shared database (PgStorage)
};

class AuthService {
  public:
    AuthService(Storage& storage, PasswordHasher& hasher, MailTransport& mail, const Secrets& secrets,
                const Settings& settings, AuthPolicy policy);

    AuthOutcome<ChallengePayload> Login(const ClientInfo& client, const LoginRequest& request);
    AuthOutcome<SignIn> Verify(const ClientInfo& client, const VerifyRequest& request);
    AuthOutcome<ChallengePayload> Resend(const ClientInfo& client, const ResendRequest& request);
    // More time for an authenticator-app login (nothing is mailed, the wrong-code count stays), at
    // most max_extensions times per challenge.
    AuthOutcome<ChallengeExtendedPayload> Extend(const ClientInfo& client, const ExtendRequest& request);
    AuthOutcome<LoggedOut> Logout(const ClientInfo& client, const std::string& token);
    AuthOutcome<SessionStatusPayload> SessionStatus(const std::string& token);

    // The trail the customer sees (auth_trail.cpp): login history, live sessions, and ending
    // every session but the current one.
    AuthOutcome<LoginHistoryPayload> LoginHistory(const LiveSession& live);
    AuthOutcome<SessionsPayload> ListSessions(const LiveSession& live);
    AuthOutcome<SessionsEndedPayload> EndOtherSessions(const ClientInfo& client, const LiveSession& live);
    // The authenticator app (auth_totp.cpp). Enrol makes a new unconfirmed secret (QR matrix and
    // text); Confirm needs a current code and answers the ten recovery codes once; Remove needs a
    // current code or a recovery code; RegenerateRecoveryCodes needs a current code.
    AuthOutcome<AuthenticatorStatusPayload> AuthenticatorStatus(const LiveSession& live);
    AuthOutcome<EnrolmentPayload> EnrolAuthenticator(const ClientInfo& client, const LiveSession& live);
    AuthOutcome<RecoveryCodesPayload> ConfirmAuthenticator(const ClientInfo& client, const LiveSession& live,
                                                           const AppCodeRequest& request);
    AuthOutcome<AuthenticatorRemoved> RemoveAuthenticator(const ClientInfo& client, const LiveSession& live,
                                                          const AppCodeRequest& request);
    AuthOutcome<RecoveryCodesPayload> RegenerateRecoveryCodes(const ClientInfo& client,
                                                              const LiveSession& live,
                                                              const AppCodeRequest& request);
    // Whether a customer with the app may also ask for a mailed code at login (mailed and audited
    // when it changes).
    AuthOutcome<EmailCodesPayload> SetEmailCodes(const ClientInfo& client, const LiveSession& live,
                                                 const EmailCodesRequest& request);

    // An answer that carries SIP passwords (`what`: "lines", "lines.csv") goes into the audit log.
    void RecordSipPasswords(const ClientInfo& client, const LiveSession& live, const std::string& what,
                            int64_t lines);

    // The session behind a cookie value when it is live; extends the idle timer when `touch`.
    std::optional<LiveSession> Authenticate(const std::string& token, bool touch);
    // The checked-session memory, which a PostgreSQL listener keeps true (pg_session_listener.h).
    SessionCache& session_cache() { return sessions_; }
    const AuthPolicy& Policy() const { return policy_; }
    // Called when a password is right and the second step was issued (code mail sent, or the
    // authenticator app asked for); never for a wrong password, an unknown ID or a locked second
    // step. The server starts loading that customer's lines then. Must not block.
    void OnPasswordAccepted(std::function<void(const Customer&)> hook) {
        password_accepted_ = std::move(hook);
    }

  private:
    // A new code mailed for the challenge (a new one, or a resend that rotates its id).
    AuthOutcome<ChallengePayload> IssueChallenge(const Customer& customer, LoginChallenge challenge);
    static AuthRefusal Refuse(AuthResult result, Error error, Seconds retry_after = 0) {
        return AuthRefusal{result, std::move(error), retry_after};
    }
    // Counts one auth call from `address`; the refusal (with its wait) when it is one too many.
    std::optional<AuthRefusal> RejectIfAddressOverLimit(const std::string& address, Seconds now);
    Seconds DelayAfter(int failures, int free_failures) const;
    std::string HashChallenge(const std::string& id) const { return secrets_.KeyedHash("challenge", id); }
    // The device cookie hashed for one customer: the same browser is unrelated across IDs.
    std::string HashDevice(int64_t customer_id, const std::string& token) const {
        return secrets_.KeyedHash("device:" + std::to_string(customer_id), token);
    }
    // A password failure: the per-ID throttle or, from a trusted browser, the device's count.
    AuthRefusal FailPassword(const ClientInfo& client, const std::string& selfcare_id,
                             const std::optional<Customer>& customer, std::optional<KnownDevice>& device,
                             LoginThrottle& throttle, Seconds now);
    // A wrong second step counted against the customer; the refusal when it locks.
    std::optional<AuthRefusal> CountSecondStepFailure(const ClientInfo& client, const Customer& customer,
                                                      const std::string& factor, Seconds now);
    std::optional<AuthRefusal> RejectIfSecondStepThrottled(int64_t customer_id, Seconds now);
    // A live challenge read for one attempt: this server's lock and the one across servers stay
    // with the caller until it returns.
    struct HeldChallenge {
        std::string id_hash;
        std::unique_lock<std::mutex> one_attempt_per_challenge;
        std::unique_ptr<AttemptLock> one_attempt_across_servers;
        std::optional<LoginChallenge> challenge;
    };
    // Takes both locks of the challenge `id` and reads it; the refusal when it is unknown or has
    // expired (an expired one is deleted).
    std::optional<AuthRefusal> HoldLiveChallenge(const std::string& id, Seconds now, HeldChallenge& held);
    std::optional<AuthRefusal> RejectUnlessEnrolled(int64_t customer_id, Seconds now);
    // Remembers the browser for the customer (mailing when it is new); the cookie value to set.
    std::string RememberDevice(const ClientInfo& client, const Customer& customer, Seconds now);
    void Audit(const ClientInfo& client, int64_t customer_id, const std::string& selfcare_id,
               const char* event, const std::string& detail, const char* factor, Seconds now,
               int64_t lines = 0);
    void SendNotice(const MailMessage& mail);
    // The second step of a customer with a confirmed authenticator: no mail, the app's code.
    ChallengePayload IssueAuthenticatorChallenge(const Customer& customer, const Authenticator& app,
                                                 Seconds now);
    // True when the customer has a confirmed app and chose to keep codes by e-mail beside it.
    bool EmailCodesAllowed(int64_t customer_id);
    // True when `code` is the app's current code (±1 step) not accepted before, or an unused
    // recovery code (then used up, mailed and audited); `factor` says which was tried.
    bool CheckAuthenticatorFactor(const ClientInfo& client, const Customer& customer, const std::string& code,
                                  Seconds now, std::string& factor);
    std::vector<std::string> NewRecoveryCodes(int64_t customer_id);
    std::string HashRecoveryCode(int64_t customer_id, const std::string& normalised) const {
        return secrets_.KeyedHash("recovery:" + std::to_string(customer_id), normalised);
    }

    Storage& storage_;
    PasswordHasher& hasher_;
    MailTransport& mail_;
    const Secrets& secrets_;
    const Settings& settings_;
    AuthPolicy policy_;
    RateLimiter address_limiter_;
    SessionCache sessions_;
    std::function<void(const Customer&)> password_accepted_;
    // Attempts on the same self-care ID or the same challenge run one at a time, so parallel
    // requests cannot all pass the throttle or the five-code limit before any failure is
    // recorded. Storage::LockAttempts does the same across servers sharing a database.
    std::mutex& LockFor(const std::string& key);
    std::array<std::mutex, 64> attempt_locks_;
    // Second-step failures of one customer, counted from parallel challenges (taken inside a
    // challenge lock, so a separate set that cannot be the same mutex).
    std::mutex& CustomerLockFor(int64_t customer_id);
    std::array<std::mutex, 64> customer_locks_;
};

Seconds NowSeconds();

}  // namespace portal::server
