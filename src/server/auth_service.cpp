// Authentication flow. Every answer about credentials is built so that an unknown self-care ID
// and a wrong password cannot be told apart: the same throttle (kept per ID as typed), the same
// Argon2id work (a dummy hash for unknown IDs) and the same bytes in the reply.
#include "server/auth_service.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "engine/codec.h"
#include "engine/format.h"

namespace portal::server {
namespace {

Error MakeError(const char* code, const char* ja, const char* en) {
    return Error{code, "", Text{ja, en}};
}

std::string WaitText(Seconds seconds, bool japanese) {
    if (seconds >= 120) {
        Seconds minutes = (seconds + 59) / 60;
        return japanese ? std::to_string(minutes) + " 分" : std::to_string(minutes) + " minutes";
    }
    return japanese ? std::to_string(seconds) + " 秒" : std::to_string(seconds) + " seconds";
}

bool IsSixDigits(const std::string& code) {
    if (code.size() != 6) return false;
    for (char c : code)
        if (c < '0' || c > '9') return false;
    return true;
}

}  // namespace

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

AuthReply AuthService::Fail(int status, const Error& error, int64_t retry_after) const {
    return AuthReply{status, EncodeErrorJson(error), retry_after, {}};
}

std::optional<AuthReply> AuthService::RejectIfAddressOverLimit(const std::string& address, Seconds now) {
    const int64_t wait = address_limiter_.Take(address, now);
    if (wait == 0) return std::nullopt;
    return Fail(429,
                MakeError("too_many_requests",
                          "このネットワークからの試行が多すぎます。しばらくしてからお試しください。",
                          "Too many attempts from this network address. Please wait and try again."),
                wait);
}

std::mutex& AuthService::LockFor(const std::string& key) {
    return attempt_locks_[std::hash<std::string>{}(key) % attempt_locks_.size()];
}

Seconds AuthService::DelayAfter(int failures) const {
    if (policy_.max_delay <= 0 || failures <= policy_.free_password_failures) return 0;
    const int doublings = std::min(failures - policy_.free_password_failures, 20);
    return std::min<Seconds>(Seconds{1} << doublings, policy_.max_delay);
}

AuthReply AuthService::Login(const std::string& address, const std::string& selfcare_id,
                             const std::string& password) {
    const Seconds now = NowSeconds();
    if (auto rejected = RejectIfAddressOverLimit(address, now)) return *rejected;
    std::lock_guard<std::mutex> one_attempt_per_id(LockFor("id:" + selfcare_id));
    auto one_attempt_across_servers = storage_.LockAttempts("id:" + selfcare_id);
    LoginThrottle throttle = storage_.GetThrottle(selfcare_id);
    if (throttle.locked_until > now) {
        const Seconds wait = throttle.locked_until - now;
        Error error{
            "account_locked", "",
            Text{"パスワードの誤りが続いたため、このIDでのログインを停止しています。" + WaitText(wait, true) +
                     "後に再度お試しいただくか、サポート窓口にお問い合わせください。",
                 "Logins with this ID are stopped after too many wrong passwords. Try again in " +
                     WaitText(wait, false) + " or contact support."}};
        return Fail(429, error, wait);
    }
    if (throttle.locked_until != 0) throttle = LoginThrottle{selfcare_id};  // the lock timed out: fresh start
    if (throttle.next_try_at > now) {
        const Seconds wait = throttle.next_try_at - now;
        Error error{"try_later", "",
                    Text{"ログインの失敗が続いています。" + WaitText(wait, true) + "後に再度お試しください。",
                         "Several logins failed. Please try again in " + WaitText(wait, false) + "."}};
        return Fail(429, error, wait);
    }

    auto customer = storage_.FindCustomerBySelfcareId(selfcare_id);
    bool ok = false;
    if (customer)
        ok = hasher_.Verify(customer->password_hash, password);
    else
        hasher_.VerifyDummy(password);

    if (!ok) {
        // Counted in the database in one statement: parallel failures on other servers each count.
        auto counted = storage_.CountPasswordFailure(selfcare_id, now, policy_.lock_after_failures,
                                                     policy_.lock_seconds);
        Seconds delay = policy_.lock_seconds;  // nullopt: another attempt locked the ID meanwhile
        if (counted && counted->locked_until > now) {
            delay = counted->locked_until - now;
        } else if (counted) {
            delay = DelayAfter(counted->consecutive_failures);
            if (delay) storage_.DelayNextTry(selfcare_id, now + delay);
        }
        return Fail(401,
                    MakeError("invalid_credentials", "セルフケアIDまたはパスワードが正しくありません。",
                              "The self-care ID or the password is not correct."),
                    delay);
    }
    if (throttle.consecutive_failures || throttle.locked_until)
        storage_.PutThrottle(LoginThrottle{selfcare_id});
    LoginChallenge challenge;
    challenge.customer_id = customer->id;
    return IssueChallenge(*customer, challenge, 200);
}

AuthReply AuthService::IssueChallenge(const Customer& customer, LoginChallenge challenge, int status_ok) {
    const Seconds now = NowSeconds();
    const std::string old_id_hash = challenge.id_hash;
    const std::string id = RandomToken(16);
    const std::string code = RandomCode();
    challenge.id_hash = HashChallenge(id);
    challenge.code_hash = secrets_.KeyedHash("code:" + challenge.id_hash, code);
    challenge.expires_at = now + policy_.code_lifetime;
    challenge.last_sent_at = now;

    std::string mail_error;
    MailMessage mail = BuildCodeMail(settings_.mail_from, customer.email, code, policy_.code_lifetime, now);
    if (!mail_.Send(mail, mail_error)) {
        std::fprintf(stderr, "mail: delivery failed: %s\n", mail_error.c_str());
        return Fail(503,
                    MakeError("mail_unavailable",
                              "認証コードのメールを送信できませんでした。しばらくしてからお試しください。",
                              "The code mail could not be sent. Please try again later."));
    }
    if (old_id_hash.empty())
        storage_.PutChallenge(challenge);
    else
        storage_.UpdateChallenge(old_id_hash, challenge);

    nlohmann::json body = {
        {"challenge", id},
        {"email_masked", MaskEmail(customer.email)},
        {"code_lifetime_seconds", policy_.code_lifetime},
        {"resend_after_seconds", policy_.resend_interval},
        {"attempts_left", policy_.max_code_failures - challenge.failures},
    };
    return AuthReply{status_ok, body.dump(), 0, {}};
}

AuthReply AuthService::Verify(const std::string& address, const std::string& challenge_id,
                              const std::string& code) {
    const Seconds now = NowSeconds();
    if (auto rejected = RejectIfAddressOverLimit(address, now)) return *rejected;
    if (!IsSixDigits(code))
        return Fail(400, Error{"bad_code_format", "code",
                               Text{"認証コードは6桁の数字です。", "The code is six digits."}});
    const std::string id_hash = HashChallenge(challenge_id);
    std::lock_guard<std::mutex> one_attempt_per_challenge(LockFor(id_hash));
    auto one_attempt_across_servers = storage_.LockAttempts(id_hash);
    auto challenge = storage_.FindChallenge(id_hash);
    const Error invalid =
        MakeError("challenge_invalid", "このログインは無効か期限切れです。もう一度ログインしてください。",
                  "This login has ended or expired. Please log in again.");
    if (!challenge) return Fail(401, invalid);
    if (challenge->expires_at <= now) {
        storage_.DeleteChallenge(id_hash);
        return Fail(401, invalid);
    }
    const std::string expected = challenge->code_hash;
    if (!SecretEquals(secrets_.KeyedHash("code:" + id_hash, code), expected)) {
        // Counted in the database in one statement, so wrong codes sent to several servers at
        // once each count.
        const auto failures = storage_.CountCodeFailure(id_hash);
        if (!failures) return Fail(401, invalid);
        const int left = policy_.max_code_failures - *failures;
        if (left <= 0) {
            storage_.DeleteChallenge(id_hash);
            return Fail(
                401, MakeError("challenge_ended",
                               "認証コードを5回間違えたため、このログインは無効になりました。最初からログイン"
                               "し直してください。",
                               "The code was wrong 5 times, so this login has ended. Please log in again."));
        }
        Error error{"wrong_code", "code",
                    Text{"認証コードが正しくありません。あと " + std::to_string(left) + " 回入力できます。",
                         "The code is not correct. " + std::to_string(left) + " attempts left."}};
        return Fail(401, error);
    }
    // Single use: of two parallel right answers on two servers, only the one that removed the
    // challenge gets a session.
    if (!storage_.ConsumeChallenge(id_hash)) return Fail(401, invalid);
    const std::string token = RandomToken(16);
    storage_.PutSession(Session{secrets_.KeyedHash("session", token), challenge->customer_id, now, now});
    nlohmann::json body = {
        {"idle_timeout_seconds", policy_.session_idle},
        {"absolute_timeout_seconds", policy_.session_absolute},
    };
    return AuthReply{200, body.dump(), 0, token};
}

AuthReply AuthService::Resend(const std::string& address, const std::string& challenge_id) {
    const Seconds now = NowSeconds();
    if (auto rejected = RejectIfAddressOverLimit(address, now)) return *rejected;
    const std::string id_hash = HashChallenge(challenge_id);
    std::lock_guard<std::mutex> one_attempt_per_challenge(LockFor(id_hash));
    auto one_attempt_across_servers = storage_.LockAttempts(id_hash);
    auto challenge = storage_.FindChallenge(id_hash);
    if (!challenge || challenge->expires_at <= now)
        return Fail(401, MakeError("challenge_invalid",
                                   "このログインは無効か期限切れです。もう一度ログインしてください。",
                                   "This login has ended or expired. Please log in again."));
    if (const Seconds wait = challenge->last_sent_at + policy_.resend_interval - now; wait > 0) {
        Error error{
            "resend_too_soon", "",
            Text{"認証コードの再送は1分に1回までです。" + WaitText(wait, true) + "後にお試しください。",
                 "A new code can be sent once a minute. Please try again in " + WaitText(wait, false) + "."}};
        return Fail(429, error, wait);
    }
    // Claimed before the mail goes out: a retry of the same resend on another server sends none.
    if (!storage_.ClaimResend(id_hash, now, policy_.resend_interval)) {
        Error error{"resend_too_soon", "",
                    Text{"認証コードの再送は1分に1回までです。しばらくしてからお試しください。",
                         "A new code can be sent once a minute. Please try again later."}};
        return Fail(429, error, policy_.resend_interval);
    }
    auto customer = storage_.FindCustomerById(challenge->customer_id);
    if (!customer)
        return Fail(401, MakeError("challenge_invalid", "このログインは無効か期限切れです。",
                                   "This login has ended or expired."));
    return IssueChallenge(*customer, *challenge, 200);  // new id and code; the failure count stays
}

std::optional<LiveSession> AuthService::Authenticate(const std::string& token, bool touch) {
    if (token.size() != 32) return std::nullopt;
    const std::string token_hash = secrets_.KeyedHash("session", token);
    auto cached = sessions_.Get(token_hash);
    if (!cached) {
        auto session = storage_.FindSession(token_hash);
        if (!session) return std::nullopt;
        auto customer = storage_.FindCustomerById(session->customer_id);
        if (!customer) return std::nullopt;
        cached =
            SessionCache::Entry{std::move(*session), std::make_shared<const Customer>(std::move(*customer))};
        sessions_.Put(*cached);
    }
    const Seconds now = NowSeconds();
    const Session& session = cached->session;
    const Seconds idle_left = session.last_seen_at + policy_.session_idle - now;
    const Seconds absolute_left = session.created_at + policy_.session_absolute - now;
    if (idle_left <= 0 || absolute_left <= 0) {
        sessions_.Erase(token_hash);
        storage_.DeleteSession(token_hash);
        return std::nullopt;
    }
    LiveSession live{session, std::move(cached->customer), idle_left, absolute_left};
    // One write per session and second at most: a busy client does not turn reads into writes.
    if (touch && session.last_seen_at != now) {
        storage_.TouchSession(token_hash, now);
        live.session.last_seen_at = now;
        sessions_.Put(SessionCache::Entry{live.session, live.customer});
    }
    if (touch) live.idle_remaining = std::min(policy_.session_idle, absolute_left);
    return live;
}

AuthReply AuthService::Logout(const std::string& token) {
    auto live = Authenticate(token, false);
    if (!live)
        return Fail(401,
                    MakeError("not_logged_in", "ログインしていないか、セッションの有効期限が切れています。",
                              "You are not logged in or the session has expired."));
    sessions_.Erase(live->session.token_hash);
    storage_.DeleteSession(live->session.token_hash);
    return AuthReply{200, R"({"logged_out":true})", 0, {}};
}

AuthReply AuthService::SessionStatus(const std::string& token) {
    auto live = Authenticate(token, false);
    if (!live)
        return Fail(401,
                    MakeError("not_logged_in", "ログインしていないか、セッションの有効期限が切れています。",
                              "You are not logged in or the session has expired."));
    nlohmann::json body = {
        {"selfcare_id", live->customer->selfcare_id},
        {"contractor_name", live->customer->contractor_name},
        {"idle_timeout_seconds", policy_.session_idle},
        {"absolute_timeout_seconds", policy_.session_absolute},
        {"idle_remaining_seconds", live->idle_remaining},
        {"absolute_remaining_seconds", live->absolute_remaining},
    };
    return AuthReply{200, body.dump(), 0, {}};
}

}  // namespace portal::server
