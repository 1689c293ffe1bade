// Login with a password and an e-mailed code, sessions, and the guessing defences. Knows nothing
// about HTTP: the routes turn an AuthReply into a response.
#pragma once
#include <array>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "engine/result.h"
#include "server/mail_transport.h"
#include "server/password_hasher.h"
#include "server/rate_limiter.h"
#include "server/secrets.h"
#include "server/session_cache.h"
#include "server/settings.h"
#include "server/storage.h"

namespace portal::server {

struct AuthReply {
    int status = 200;
    std::string body;           // JSON
    int64_t retry_after = 0;    // seconds; sent as Retry-After when > 0
    std::string session_token;  // set as the session cookie when not empty
};

struct LiveSession {
    Session session;
    std::shared_ptr<const Customer> customer;  // never null
    Seconds idle_remaining = 0;
    Seconds absolute_remaining = 0;
};

// Tunables with defaults from the issue; tests shorten or lengthen some through Settings.
struct AuthPolicy {
    Seconds code_lifetime = 600;     // 10 minutes
    Seconds resend_interval = 60;    // at most one resend a minute
    int max_code_failures = 5;       // wrong codes that end a challenge
    int free_password_failures = 3;  // failures before delays start
    Seconds max_delay = 300;         // cap of the growing delay (0 disables delays)
    int lock_after_failures = 100;   // consecutive failures that lock the ID
    Seconds lock_seconds = 3600;
    Seconds session_idle = 900;
    Seconds session_absolute = 8 * 3600;
    int64_t session_cache_ms = 1000;  // 0 with a shared database (PgStorage)
};

class AuthService {
  public:
    AuthService(Storage& storage, PasswordHasher& hasher, MailTransport& mail, const Secrets& secrets,
                const Settings& settings, AuthPolicy policy);

    AuthReply Login(const std::string& address, const std::string& selfcare_id, const std::string& password);
    AuthReply Verify(const std::string& address, const std::string& challenge, const std::string& code);
    AuthReply Resend(const std::string& address, const std::string& challenge);
    AuthReply Logout(const std::string& token);
    AuthReply SessionStatus(const std::string& token);

    // The session behind a cookie value when it is live; extends the idle timer when `touch`.
    std::optional<LiveSession> Authenticate(const std::string& token, bool touch);
    const AuthPolicy& Policy() const { return policy_; }

  private:
    AuthReply IssueChallenge(const Customer& customer, LoginChallenge challenge, int status_ok);
    AuthReply Fail(int status, const Error& error, int64_t retry_after = 0) const;
    // Counts one auth call from `address`; the 429 to send (with Retry-After) when it is one too many.
    std::optional<AuthReply> RejectIfAddressOverLimit(const std::string& address, Seconds now);
    Seconds DelayAfter(int failures) const;
    std::string HashChallenge(const std::string& id) const { return secrets_.KeyedHash("challenge", id); }

    Storage& storage_;
    PasswordHasher& hasher_;
    MailTransport& mail_;
    const Secrets& secrets_;
    const Settings& settings_;
    AuthPolicy policy_;
    RateLimiter address_limiter_;
    SessionCache sessions_;
    // Attempts on the same self-care ID or the same challenge run one at a time, so parallel
    // requests cannot all pass the throttle or the five-code limit before any failure is
    // recorded. Storage::LockAttempts does the same across servers sharing a database.
    std::mutex& LockFor(const std::string& key);
    std::array<std::mutex, 64> attempt_locks_;
};

Seconds NowSeconds();

}  // namespace portal::server
