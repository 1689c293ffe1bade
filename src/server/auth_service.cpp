// Authentication flow. Every answer about credentials is built so that an unknown self-care ID
// and a wrong password cannot be told apart: the same throttle (kept per ID as typed), the same
// Argon2id work (a dummy hash for unknown IDs) and the same bytes in the reply.
#include "server/auth_service.h"

#include <cctype>
#include <chrono>
#include <nlohmann/json.hpp>

#include "engine/codec.h"
#include "engine/format.h"
#include "server/security_mail.h"
#include "server/totp.h"
#include "server/user_agent.h"

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

// How often a code may be re-sent, from the setting: "1分に1回" / "once a minute" at 60 s.
// A challenge past its life (--code-lifetime): said as such, not as an unknown login.
Error CodeExpired() {
    return MakeError("code_expired", "認証コードの有効期限が切れました。もう一度ログインしてください。",
                     "The code has expired. Please log in again.");
}

Text ResendRule(Seconds interval) {
    if (interval == 60) return Text{"1分に1回", "once a minute"};
    if (interval == 1) return Text{"1秒に1回", "once a second"};
    if (interval % 60 == 0) {
        const std::string minutes = std::to_string(interval / 60);
        return Text{minutes + "分に1回", "once every " + minutes + " minutes"};
    }
    const std::string seconds = std::to_string(interval);
    return Text{seconds + "秒に1回", "once every " + seconds + " seconds"};
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
    return AuthReply{status, EncodeErrorJson(error), retry_after, {}, {}};
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

std::mutex& AuthService::CustomerLockFor(int64_t customer_id) {
    return customer_locks_[std::hash<int64_t>{}(customer_id) % customer_locks_.size()];
}

Seconds AuthService::DelayAfter(int failures, int free_failures) const {
    if (policy_.max_delay <= 0 || failures <= free_failures) return 0;
    const int doublings = std::min(failures - free_failures, 20);
    return std::min<Seconds>(Seconds{1} << doublings, policy_.max_delay);
}

AuthReply AuthService::Login(const ClientInfo& client, const std::string& selfcare_id,
                             const std::string& password) {
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
        return Fail(429, error, wait);
    }
    if (throttle.locked_until != 0 && throttle.locked_until <= now)
        throttle = LoginThrottle{selfcare_id};  // the lock timed out: fresh start
    if (!device && throttle.next_try_at > now) {
        const Seconds wait = throttle.next_try_at - now;
        Error error{"try_later", "",
                    Text{"ログインの失敗が続いています。" + WaitText(wait, true) + "後に再度お試しください。",
                         "Several logins failed. Please try again in " + WaitText(wait, false) + "."}};
        return Fail(429, error, wait);
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
    AuthReply reply;
    if (auto app = storage_.FindAuthenticator(customer->id); app && app->confirmed) {
        reply = IssueAuthenticatorChallenge(*customer, *app, now);
    } else {
        LoginChallenge challenge;
        challenge.customer_id = customer->id;
        reply = IssueChallenge(*customer, challenge, 200);
        if (reply.status == 200) Audit(client, customer->id, selfcare_id, "code_sent", "", "email", now);
    }
    if (reply.status == 200 && password_accepted_) password_accepted_(*customer);
    return reply;
}

AuthReply AuthService::FailPassword(const ClientInfo& client, const std::string& selfcare_id,
                                    const std::optional<Customer>& customer,
                                    std::optional<KnownDevice>& device, LoginThrottle& throttle,
                                    Seconds now) {
    const int64_t customer_id = customer ? customer->id : 0;
    const Error wrong = MakeError("invalid_credentials", "セルフケアIDまたはパスワードが正しくありません。",
                                  "The self-care ID or the password is not correct.");
    if (device) {
        // Counted against this browser alone; after a few it is treated like any other.
        device->password_failures += 1;
        storage_.PutKnownDevice(*device);
        Audit(client, customer_id, selfcare_id, "login_failure", "wrong_password", "password", now);
        return Fail(401, wrong);
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
    return Fail(401, wrong, delay);
}

std::optional<AuthReply> AuthService::RejectIfSecondStepThrottled(int64_t customer_id, Seconds now) {
    const SecondStepThrottle throttle = storage_.GetSecondStepThrottle(customer_id);
    if (throttle.locked_until > now) {
        const Seconds wait = throttle.locked_until - now;
        Error error{
            "second_step_locked", "",
            Text{"認証コードの誤りが続いたため、このIDでのログインを停止しています。" + WaitText(wait, true) +
                     "後に再度お試しいただくか、サポート窓口にお問い合わせください。",
                 "Logins with this ID are stopped after too many wrong codes. Try again in " +
                     WaitText(wait, false) + " or contact support."}};
        return Fail(429, error, wait);
    }
    if (throttle.locked_until == 0 && throttle.next_try_at > now) {
        const Seconds wait = throttle.next_try_at - now;
        Error error{
            "try_later", "",
            Text{"認証コードの誤りが続いています。" + WaitText(wait, true) + "後に再度お試しください。",
                 "Several codes were wrong. Please try again in " + WaitText(wait, false) + "."}};
        return Fail(429, error, wait);
    }
    return std::nullopt;
}

std::optional<AuthReply> AuthService::CountSecondStepFailure(const ClientInfo& client,
                                                             const Customer& customer,
                                                             const std::string& factor, Seconds now) {
    std::lock_guard<std::mutex> one_count_at_a_time(CustomerLockFor(customer.id));
    auto one_count_across_servers = storage_.LockCustomerCounts(customer.id);
    SecondStepThrottle throttle = storage_.GetSecondStepThrottle(customer.id);
    if (throttle.locked_until != 0 && throttle.locked_until <= now)
        throttle = SecondStepThrottle{customer.id};
    throttle.failures += 1;
    throttle.last_failure_at = now;
    const Seconds delay = DelayAfter(throttle.failures, policy_.free_code_failures);
    throttle.next_try_at = delay ? now + delay : 0;
    const bool locks = throttle.failures >= policy_.lock_after_failures && throttle.locked_until == 0;
    if (locks) throttle.locked_until = now + policy_.lock_seconds;
    storage_.PutSecondStepThrottle(throttle);
    Audit(client, customer.id, customer.selfcare_id, "code_failed", "wrong_code", factor.c_str(), now);
    if (!locks) return std::nullopt;
    Audit(client, customer.id, customer.selfcare_id, "lockout", "second_step", factor.c_str(), now);
    SendNotice(BuildSecondStepLockedMail(settings_.mail_from, customer.email, throttle.locked_until, now));
    return RejectIfSecondStepThrottled(customer.id, now);
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
        {"factor", "email"},
    };
    return AuthReply{status_ok, body.dump(), 0, {}, {}};
}

AuthReply AuthService::Verify(const ClientInfo& client, const std::string& challenge_id,
                              const std::string& code) {
    const Seconds now = NowSeconds();
    if (auto rejected = RejectIfAddressOverLimit(client.address, now)) return *rejected;
    const Error bad_format{"bad_code_format", "code",
                           Text{"認証コードは6桁の数字です。", "The code is six digits."}};
    if (!IsSixDigits(code) && NormaliseRecoveryCode(code).empty()) return Fail(400, bad_format);
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
        return Fail(401, CodeExpired());
    }
    auto customer = storage_.FindCustomerById(challenge->customer_id);
    if (!customer) return Fail(401, invalid);
    // Wrong codes count per customer across challenges: a new challenge after the right
    // password must not bring fresh guesses.
    if (auto rejected = RejectIfSecondStepThrottled(customer->id, now)) return *rejected;
    // A challenge without a code hash asks for the authenticator app (or a recovery code).
    const bool by_mail = !challenge->code_hash.empty();
    if (by_mail && !IsSixDigits(code)) return Fail(400, bad_format);
    std::string factor = "email";
    const bool right = by_mail
                           ? SecretEquals(secrets_.KeyedHash("code:" + id_hash, code), challenge->code_hash)
                           : CheckAuthenticatorFactor(client, *customer, code, now, factor);
    if (!right) {
        challenge->failures += 1;
        const int left = policy_.max_code_failures - challenge->failures;
        if (left <= 0)
            storage_.DeleteChallenge(id_hash);
        else
            storage_.UpdateChallenge(id_hash, *challenge);
        if (auto locked = CountSecondStepFailure(client, *customer, factor, now)) {
            storage_.DeleteChallenge(id_hash);
            return *locked;
        }
        if (left <= 0) {
            const std::string times = std::to_string(policy_.max_code_failures);
            return Fail(401,
                        Error{"challenge_ended", "",
                              Text{"認証コードを" + times +
                                       "回間違えたため、このログインは無効になりました。最初からログインし直"
                                       "してください。",
                                   "The code was wrong " + times +
                                       " times, so this login has ended. Please log in again."}});
        }
        Error error{"wrong_code", "code",
                    Text{"認証コードが正しくありません。あと " + std::to_string(left) + " 回入力できます。",
                         "The code is not correct. " + std::to_string(left) + " attempts left."}};
        return Fail(401, error);
    }
    storage_.DeleteChallenge(id_hash);  // single use
    {
        std::lock_guard<std::mutex> one_count_at_a_time(CustomerLockFor(customer->id));
        auto one_count_across_servers = storage_.LockCustomerCounts(customer->id);
        if (storage_.GetSecondStepThrottle(customer->id).failures)
            storage_.PutSecondStepThrottle(SecondStepThrottle{customer->id});
    }
    const std::string token = RandomToken(16);
    Session session{
        secrets_.KeyedHash("session", token), customer->id, now, now, client.address, client.user_agent};
    storage_.PutSession(session);
    AuthReply reply{200, "", 0, token, RememberDevice(client, *customer, now)};
    Audit(client, customer->id, customer->selfcare_id, "login_success", "", factor.c_str(), now);
    nlohmann::json body = {
        {"idle_timeout_seconds", policy_.session_idle},
        {"absolute_timeout_seconds", policy_.session_absolute},
    };
    reply.body = body.dump();
    return reply;
}

std::string AuthService::RememberDevice(const ClientInfo& client, const Customer& customer, Seconds now) {
    // A cookie we issued is 32 hex digits; anything else is replaced by a fresh one.
    std::string token = client.device_token;
    bool well_formed = token.size() == 32;
    for (char c : token) well_formed = well_formed && std::isxdigit(static_cast<unsigned char>(c));
    if (!well_formed) token = RandomToken(16);
    const std::string hash = HashDevice(customer.id, token);
    auto known = storage_.FindKnownDevice(customer.id, hash);
    KnownDevice device = known ? *known : KnownDevice{customer.id, hash, now, now, client.user_agent, 0};
    device.last_seen_at = now;
    device.user_agent = client.user_agent;
    device.password_failures = 0;
    storage_.PutKnownDevice(device);
    if (!known) {
        const BrowserInfo info = DescribeUserAgent(client.user_agent);
        const std::string browser = info.browser + (info.os.empty() ? "" : " / " + info.os);
        SendNotice(BuildNewDeviceMail(settings_.mail_from, customer.email, client.address, browser, now));
        Audit(client, customer.id, customer.selfcare_id, "new_device", "", "", now);
    }
    return token;
}

AuthReply AuthService::Resend(const ClientInfo& client, const std::string& challenge_id) {
    const Seconds now = NowSeconds();
    if (auto rejected = RejectIfAddressOverLimit(client.address, now)) return *rejected;
    const std::string id_hash = HashChallenge(challenge_id);
    std::lock_guard<std::mutex> one_attempt_per_challenge(LockFor(id_hash));
    auto one_attempt_across_servers = storage_.LockAttempts(id_hash);
    auto challenge = storage_.FindChallenge(id_hash);
    if (!challenge)
        return Fail(401, MakeError("challenge_invalid",
                                   "このログインは無効か期限切れです。もう一度ログインしてください。",
                                   "This login has ended or expired. Please log in again."));
    if (challenge->expires_at <= now) return Fail(401, CodeExpired());
    // An authenticator challenge mails a code only where the customer chose to keep that way in.
    if (challenge->code_hash.empty() && !EmailCodesAllowed(challenge->customer_id))
        return Fail(409, MakeError("no_mail_code",
                                   "このIDは認証アプリのコードでログインします。メールは送信しません。",
                                   "This ID logs in with the authenticator app's code; no mail is sent."));
    const Text rule = ResendRule(policy_.resend_interval);
    if (const Seconds wait = challenge->last_sent_at + policy_.resend_interval - now; wait > 0) {
        Error error{"resend_too_soon", "",
                    Text{"認証コードの再送は" + rule.ja + "までです。" + WaitText(wait, true) +
                             "後にお試しください。",
                         "A new code can be sent " + rule.en + ". Please try again in " +
                             WaitText(wait, false) + "."}};
        return Fail(429, error, wait);
    }
    // Claimed before the mail goes out: a retry of the same resend on another server sends none.
    if (!storage_.ClaimResend(id_hash, now, policy_.resend_interval)) {
        Error error{"resend_too_soon", "",
                    Text{"認証コードの再送は" + rule.ja + "までです。しばらくしてからお試しください。",
                         "A new code can be sent " + rule.en + ". Please try again later."}};
        return Fail(429, error, policy_.resend_interval);
    }
    auto customer = storage_.FindCustomerById(challenge->customer_id);
    if (!customer)
        return Fail(401, MakeError("challenge_invalid", "このログインは無効か期限切れです。",
                                   "This login has ended or expired."));
    AuthReply reply = IssueChallenge(*customer, *challenge, 200);  // new id and code; the failure count stays
    if (reply.status == 200)
        Audit(client, customer->id, customer->selfcare_id, "code_sent",
              challenge->code_hash.empty() ? "instead_of_app" : "resend", "email", now);
    return reply;
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
        sessions_.Put(SessionCache::Entry{live.session, live.customer}, epoch);
    }
    if (touch) live.idle_remaining = std::min(policy_.session_idle, absolute_left);
    return live;
}

AuthReply AuthService::Logout(const ClientInfo& client, const std::string& token) {
    auto live = Authenticate(token, false);
    if (!live)
        return Fail(401,
                    MakeError("not_logged_in", "ログインしていないか、セッションの有効期限が切れています。",
                              "You are not logged in or the session has expired."));
    sessions_.Erase(live->session.token_hash);
    storage_.DeleteSession(live->session.token_hash);
    Audit(client, live->customer->id, live->customer->selfcare_id, "logout", "", "", NowSeconds());
    return AuthReply{200, R"({"logged_out":true})", 0, {}, {}};
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
    return AuthReply{200, body.dump(), 0, {}, {}};
}

}  // namespace portal::server
