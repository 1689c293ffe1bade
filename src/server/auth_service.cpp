// Authentication flow: the password step, the per-ID and per-address throttles, and the session
// (its check, its status, logout). Every answer about credentials is built so that an unknown
// self-care ID and a wrong password cannot be told apart: the same throttle (kept per ID as typed),
// the same Argon2id work (a dummy hash for unknown IDs) and the same bytes in the reply. The second
// step is in auth_second_step.cpp, the authenticator app in auth_totp.cpp.
#include "server/auth_service.h"

#include <algorithm>
#include <chrono>

#include "server/auth_messages.h"

namespace portal::server {

Seconds NowSeconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

AuthService::AuthService(Storage& storage, PasswordHasher& hasher, MailTransport& mail,
                         const Secrets& secrets, const Settings& settings, AuthPolicy policy)
    : storage_(storage),
      hasher_(hasher),
      mail_(mail),
      secrets_(secrets),
      settings_(settings),
      policy_(policy),
      address_limiter_(settings.ip_limit_per_minute),
      sessions_(std::chrono::milliseconds(policy.session_cache_ms)) {}

std::optional<AuthRefusal> AuthService::RejectIfAddressOverLimit(const std::string& address, Seconds now) {
    const int64_t wait = address_limiter_.Take(address, now);
    if (wait == 0) return std::nullopt;
    return Refuse(AuthResult::TooMany,
                  AuthError("too_many_requests",
                            "このネットワークからの試行が多すぎます。しばらくしてからお試しください。",
                            "Too many attempts from this network address. Please wait and try again."),
                  wait);
}

std::mutex& AuthService::LockFor(const std::string& key) {
    return attempt_locks_[std::hash<std::string>{}(key) % attempt_locks_.size()];
}

std::mutex& AuthService::CustomerLockFor(int64_t customer_id) {
    return customer_locks_[std::hash<int64_t>{}(customer_id) % customer_locks_.size()];
}

Seconds AuthService::DelayAfter(int failures, int free_failures) const {
    if (policy_.max_delay <= 0 || failures <= free_failures) return 0;
    const int doublings = std::min(failures - free_failures, 20);
    return std::min<Seconds>(Seconds{1} << doublings, policy_.max_delay);
}

AuthOutcome<ChallengePayload> AuthService::Login(const ClientInfo& client, const LoginRequest& request) {
    const std::string& selfcare_id = request.selfcare_id;
    const std::string& password = request.password;
    const Seconds now = NowSeconds();
    if (auto rejected = RejectIfAddressOverLimit(client.address, now)) return *rejected;
    std::lock_guard<std::mutex> one_attempt_per_id(LockFor("id:" + selfcare_id));
    auto one_attempt_across_servers = storage_.LockAttempts("id:" + selfcare_id);
    LoginThrottle throttle = storage_.GetThrottle(selfcare_id);
    auto customer = storage_.FindCustomerBySelfcareId(selfcare_id);
    // A browser that completed a login for this ID passes the per-ID delay and lock: those exist
    // against guessers elsewhere, and an attacker must not keep the customer out with them.
    std::optional<KnownDevice> device;
    if (customer && !client.device_token.empty())
        device = storage_.FindKnownDevice(customer->id, HashDevice(customer->id, client.device_token));
    if (device && device->password_failures >= policy_.max_device_failures) device.reset();

    if (!device && throttle.locked_until > now) {
        const Seconds wait = throttle.locked_until - now;
        Error error{
            "account_locked", "",
            Text{"パスワードの誤りが続いたため、このIDでのログインを停止しています。" + WaitText(wait, true) +
                     "後に再度お試しいただくか、サポート窓口にお問い合わせください。",
                 "Logins with this ID are stopped after too many wrong passwords. Try again in " +
                     WaitText(wait, false) + " or contact support."}};
        return Refuse(AuthResult::TooMany, error, wait);
    }
    if (throttle.locked_until != 0 && throttle.locked_until <= now)
        throttle = LoginThrottle{selfcare_id};  // the lock timed out: fresh start
    if (!device && throttle.next_try_at > now) {
        const Seconds wait = throttle.next_try_at - now;
        Error error{"try_later", "",
                    Text{"ログインの失敗が続いています。" + WaitText(wait, true) + "後に再度お試しください。",
                         "Several logins failed. Please try again in " + WaitText(wait, false) + "."}};
        return Refuse(AuthResult::TooMany, error, wait);
    }

    bool ok = false;
    if (customer)
        ok = hasher_.Verify(customer->password_hash, password);
    else
        hasher_.VerifyDummy(password);
    if (!ok) return FailPassword(client, selfcare_id, customer, device, throttle, now);

    if (device) {
        if (device->password_failures) {
            device->password_failures = 0;
            storage_.PutKnownDevice(*device);
        }
    } else if (throttle.consecutive_failures || throttle.locked_until) {
        storage_.PutThrottle(LoginThrottle{selfcare_id});
    }
    if (auto rejected = RejectIfSecondStepThrottled(customer->id, now)) {
        Audit(client, customer->id, selfcare_id, "login_failure", "second_step_locked", "password", now);
        return *rejected;
    }
    if (auto app = storage_.FindAuthenticator(customer->id); app && app->confirmed) {
        ChallengePayload challenge = IssueAuthenticatorChallenge(*customer, *app, now);
        if (password_accepted_) password_accepted_(*customer);
        return challenge;
    }
    LoginChallenge challenge;
    challenge.customer_id = customer->id;
    AuthOutcome<ChallengePayload> issued = IssueChallenge(*customer, challenge);
    if (!issued.ok()) return issued;
    Audit(client, customer->id, selfcare_id, "code_sent", "", "email", now);
    if (password_accepted_) password_accepted_(*customer);
    return issued;
}

AuthRefusal AuthService::FailPassword(const ClientInfo& client, const std::string& selfcare_id,
                                      const std::optional<Customer>& customer,
                                      std::optional<KnownDevice>& device, LoginThrottle& throttle,
                                      Seconds now) {
    const int64_t customer_id = customer ? customer->id : 0;
    const Error wrong = AuthError("invalid_credentials", "セルフケアIDまたはパスワードが正しくありません。",
                                  "The self-care ID or the password is not correct.");
    if (device) {
        // Counted against this browser alone; after a few it is treated like any other.
        device->password_failures += 1;
        storage_.PutKnownDevice(*device);
        Audit(client, customer_id, selfcare_id, "login_failure", "wrong_password", "password", now);
        return Refuse(AuthResult::Refused, wrong);
    }
    throttle.consecutive_failures += 1;
    throttle.last_failure_at = now;
    Seconds delay = DelayAfter(throttle.consecutive_failures, policy_.free_password_failures);
    throttle.next_try_at = delay ? now + delay : 0;
    const bool locks = throttle.consecutive_failures >= policy_.lock_after_failures;
    if (locks) {
        throttle.locked_until = now + policy_.lock_seconds;
        delay = policy_.lock_seconds;
    }
    storage_.PutThrottle(throttle);
    Audit(client, customer_id, selfcare_id, "login_failure", customer ? "wrong_password" : "unknown_id",
          "password", now);
    if (locks) Audit(client, customer_id, selfcare_id, "lockout", "password", "password", now);
    return Refuse(AuthResult::Refused, wrong, delay);
}

std::optional<LiveSession> AuthService::Authenticate(const std::string& token, bool touch) {
    if (token.size() != 32) return std::nullopt;
    const std::string token_hash = secrets_.KeyedHash("session", token);
    // Read first: no entry read before an invalidation (a logout on another server) is stored after it.
    const uint64_t epoch = sessions_.Epoch();
    auto cached = sessions_.Get(token_hash);
    const Seconds now = NowSeconds();
    auto expired = [&](const Session& s) {
        return s.last_seen_at + policy_.session_idle <= now || s.created_at + policy_.session_absolute <= now;
    };
    // A remembered session that looks expired is read again: another server may have seen it since.
    if (!cached || expired(cached->session)) {
        auto found = storage_.FindSessionWithCustomer(token_hash);
        if (!found) return std::nullopt;
        cached = SessionCache::Entry{std::move(found->first),
                                     std::make_shared<const Customer>(std::move(found->second))};
        sessions_.Put(*cached, epoch);
    }
    const Session& session = cached->session;
    const Seconds idle_left = session.last_seen_at + policy_.session_idle - now;
    const Seconds absolute_left = session.created_at + policy_.session_absolute - now;
    if (idle_left <= 0 || absolute_left <= 0) {
        sessions_.Erase(token_hash);
        // Audited by whoever deletes it: here, or the housekeeping purge (which audits its own).
        if (storage_.DeleteSession(token_hash))
            Audit(ClientInfo{session.address, session.user_agent, {}}, session.customer_id,
                  cached->customer->selfcare_id, "session_expired", idle_left <= 0 ? "idle" : "absolute", "",
                  now);
        return std::nullopt;
    }
    LiveSession live{session, std::move(cached->customer), idle_left, absolute_left};
    // One write per session and second at most: a busy client does not turn reads into writes.
    if (touch && session.last_seen_at != now) {
        storage_.TouchSession(token_hash, now);
        live.session.last_seen_at = now;
        // In place, keeping the time the entry was read: a session used every second must still
        // see its customer read again once the entry is stale (a lines import by the operator).
        sessions_.SessionTouched(token_hash, now);
    }
    if (touch) live.idle_remaining = std::min(policy_.session_idle, absolute_left);
    return live;
}

AuthOutcome<LoggedOut> AuthService::Logout(const ClientInfo& client, const std::string& token) {
    auto live = Authenticate(token, false);
    if (!live) return Refuse(AuthResult::Refused, NotLoggedIn());
    sessions_.Erase(live->session.token_hash);
    storage_.DeleteSession(live->session.token_hash);
    Audit(client, live->customer->id, live->customer->selfcare_id, "logout", "", "", NowSeconds());
    return LoggedOut{};
}

AuthOutcome<SessionStatusPayload> AuthService::SessionStatus(const std::string& token) {
    auto live = Authenticate(token, false);
    if (!live) return Refuse(AuthResult::Refused, NotLoggedIn());
    SessionStatusPayload status;
    status.selfcare_id = live->customer->selfcare_id;
    status.contractor_name = live->customer->contractor_name;
    status.idle_timeout_seconds = static_cast<uint64_t>(policy_.session_idle);
    status.absolute_timeout_seconds = static_cast<uint64_t>(policy_.session_absolute);
    status.idle_remaining_seconds = static_cast<uint64_t>(std::max<Seconds>(live->idle_remaining, 0));
    status.absolute_remaining_seconds = static_cast<uint64_t>(std::max<Seconds>(live->absolute_remaining, 0));
    return status;
}

}  // namespace portal::server
