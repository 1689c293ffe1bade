// The second step of a login: the mailed code (issued, re-sent, checked), the app's code or a
// recovery code, the per-customer count of wrong ones across challenges, and the new session.
#include <algorithm>
#include <cctype>

#include "engine/format.h"
#include "server/auth_messages.h"
#include "server/auth_service.h"
#include "server/security_mail.h"
#include "server/totp.h"
#include "server/user_agent.h"

namespace portal::server {

std::optional<AuthRefusal> AuthService::RejectIfSecondStepThrottled(int64_t customer_id, Seconds now) {
    const SecondStepThrottle throttle = storage_.GetSecondStepThrottle(customer_id);
    if (throttle.locked_until > now) {
        const Seconds wait = throttle.locked_until - now;
        Error error{
            "second_step_locked", "",
            Text{"認証コードの誤りが続いたため、このIDでのログインを停止しています。" + WaitText(wait, true) +
                     "後に再度お試しいただくか、サポート窓口にお問い合わせください。",
                 "Logins with this ID are stopped after too many wrong codes. Try again in " +
                     WaitText(wait, false) + " or contact support."}};
        return Refuse(AuthResult::TooMany, error, wait);
    }
    if (throttle.locked_until == 0 && throttle.next_try_at > now) {
        const Seconds wait = throttle.next_try_at - now;
        Error error{
            "try_later", "",
            Text{"認証コードの誤りが続いています。" + WaitText(wait, true) + "後に再度お試しください。",
                 "Several codes were wrong. Please try again in " + WaitText(wait, false) + "."}};
        return Refuse(AuthResult::TooMany, error, wait);
    }
    return std::nullopt;
}

std::optional<AuthRefusal> AuthService::CountSecondStepFailure(const ClientInfo& client,
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

std::optional<AuthRefusal> AuthService::HoldLiveChallenge(const std::string& id, Seconds now,
                                                          HeldChallenge& held) {
    held.id_hash = HashChallenge(id);
    held.one_attempt_per_challenge = std::unique_lock<std::mutex>(LockFor(held.id_hash));
    held.one_attempt_across_servers = storage_.LockAttempts(held.id_hash);
    held.challenge = storage_.FindChallenge(held.id_hash);
    if (!held.challenge) return Refuse(AuthResult::Refused, ChallengeInvalid());
    if (held.challenge->expires_at <= now) {
        storage_.DeleteChallenge(held.id_hash);
        return Refuse(AuthResult::Refused, CodeExpired());
    }
    return std::nullopt;
}

AuthOutcome<ChallengePayload> AuthService::IssueChallenge(const Customer& customer,
                                                          LoginChallenge challenge) {
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
        return Refuse(AuthResult::Unavailable,
                      AuthError("mail_unavailable",
                                "認証コードのメールを送信できませんでした。しばらくしてからお試しください。",
                                "The code mail could not be sent. Please try again later."));
    }
    if (old_id_hash.empty())
        storage_.PutChallenge(challenge);
    else
        storage_.UpdateChallenge(old_id_hash, challenge);

    ChallengePayload payload;
    payload.challenge = id;
    payload.factor = AuthFactor::Email;
    payload.code_lifetime_seconds = static_cast<uint64_t>(policy_.code_lifetime);
    payload.attempts_left =
        static_cast<uint64_t>(std::max(0, policy_.max_code_failures - challenge.failures));
    payload.resend_after_seconds = static_cast<uint64_t>(policy_.resend_interval);
    payload.email_masked = MaskEmail(customer.email);
    return payload;
}

AuthOutcome<SignIn> AuthService::Verify(const ClientInfo& client, const VerifyRequest& request) {
    const std::string& challenge_id = request.challenge;
    const std::string& code = request.code;
    const Seconds now = NowSeconds();
    if (auto rejected = RejectIfAddressOverLimit(client.address, now)) return *rejected;
    const Error bad_format{"bad_code_format", "code",
                           Text{"認証コードは6桁の数字です。", "The code is six digits."}};
    if (!IsSixDigits(code) && NormaliseRecoveryCode(code).empty())
        return Refuse(AuthResult::BadInput, bad_format);
    HeldChallenge held;
    if (auto refused = HoldLiveChallenge(challenge_id, now, held)) return *refused;
    const std::string& id_hash = held.id_hash;
    std::optional<LoginChallenge>& challenge = held.challenge;
    auto customer = storage_.FindCustomerById(challenge->customer_id);
    if (!customer) return Refuse(AuthResult::Refused, ChallengeInvalid());
    // Wrong codes count per customer across challenges: a new challenge after the right
    // password must not bring fresh guesses.
    if (auto rejected = RejectIfSecondStepThrottled(customer->id, now)) return *rejected;
    // A challenge without a code hash asks for the authenticator app (or a recovery code).
    const bool by_mail = !challenge->code_hash.empty();
    if (by_mail && !IsSixDigits(code)) return Refuse(AuthResult::BadInput, bad_format);
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
            return Refuse(
                AuthResult::Refused,
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
        return Refuse(AuthResult::Refused, error);
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
    SignIn signed_in;
    signed_in.session_token = token;
    signed_in.device_token = RememberDevice(client, *customer, now);
    Audit(client, customer->id, customer->selfcare_id, "login_success", "", factor.c_str(), now);
    signed_in.timeouts.idle_timeout_seconds = static_cast<uint64_t>(policy_.session_idle);
    signed_in.timeouts.absolute_timeout_seconds = static_cast<uint64_t>(policy_.session_absolute);
    return signed_in;
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

AuthOutcome<ChallengePayload> AuthService::Resend(const ClientInfo& client, const ResendRequest& request) {
    const Seconds now = NowSeconds();
    if (auto rejected = RejectIfAddressOverLimit(client.address, now)) return *rejected;
    HeldChallenge held;
    if (auto refused = HoldLiveChallenge(request.challenge, now, held)) return *refused;
    const std::string& id_hash = held.id_hash;
    std::optional<LoginChallenge>& challenge = held.challenge;
    // An authenticator challenge mails a code only where the customer chose to keep that way in.
    if (challenge->code_hash.empty() && !EmailCodesAllowed(challenge->customer_id))
        return Refuse(
            AuthResult::NotOffered,
            AuthError("no_mail_code", "このIDは認証アプリのコードでログインします。メールは送信しません。",
                      "This ID logs in with the authenticator app's code; no mail is sent."));
    const Text rule = ResendRule(policy_.resend_interval);
    if (const Seconds wait = challenge->last_sent_at + policy_.resend_interval - now; wait > 0) {
        Error error{"resend_too_soon", "",
                    Text{"認証コードの再送は" + rule.ja + "までです。" + WaitText(wait, true) +
                             "後にお試しください。",
                         "A new code can be sent " + rule.en + ". Please try again in " +
                             WaitText(wait, false) + "."}};
        return Refuse(AuthResult::TooMany, error, wait);
    }
    // Claimed before the mail goes out: a retry of the same resend on another server sends none.
    if (!storage_.ClaimResend(id_hash, now, policy_.resend_interval)) {
        Error error{"resend_too_soon", "",
                    Text{"認証コードの再送は" + rule.ja + "までです。しばらくしてからお試しください。",
                         "A new code can be sent " + rule.en + ". Please try again later."}};
        return Refuse(AuthResult::TooMany, error, policy_.resend_interval);
    }
    auto customer = storage_.FindCustomerById(challenge->customer_id);
    if (!customer) return Refuse(AuthResult::Refused, ChallengeInvalid());
    AuthOutcome<ChallengePayload> issued = IssueChallenge(*customer, *challenge);  // new id and code
    if (issued.ok())                                                               // the failure count stays
        Audit(client, customer->id, customer->selfcare_id, "code_sent",
              challenge->code_hash.empty() ? "instead_of_app" : "resend", "email", now);
    return issued;
}

AuthOutcome<ChallengeExtendedPayload> AuthService::Extend(const ClientInfo& client,
                                                          const ExtendRequest& request) {
    const Seconds now = NowSeconds();
    if (auto rejected = RejectIfAddressOverLimit(client.address, now)) return *rejected;
    HeldChallenge held;
    if (auto refused = HoldLiveChallenge(request.challenge, now, held)) return *refused;
    std::optional<LoginChallenge>& challenge = held.challenge;
    // A mailed code's life is what its mail promised: a new code is the way to more time there.
    if (!challenge->code_hash.empty())
        return Refuse(
            AuthResult::NotOffered,
            AuthError("extend_not_offered",
                      "メールでお送りした認証コードの時間は延長できません。新しいコードをお送りします。",
                      "A mailed code cannot be given more time; please ask for a new code."));
    // A customer stopped after wrong codes is not kept waiting on a live challenge either.
    if (auto rejected = RejectIfSecondStepThrottled(challenge->customer_id, now)) return *rejected;
    if (challenge->extensions >= policy_.max_extensions)
        return Refuse(AuthResult::NotOffered,
                      Error{"extension_limit", "", ExtensionLimitText(policy_.max_extensions)});
    challenge->extensions += 1;
    challenge->expires_at = now + policy_.code_lifetime;
    storage_.UpdateChallenge(held.id_hash, *challenge);
    ChallengeExtendedPayload extended;
    extended.code_lifetime_seconds = static_cast<uint64_t>(policy_.code_lifetime);
    extended.extensions_left = static_cast<uint64_t>(policy_.max_extensions - challenge->extensions);
    return extended;
}

}  // namespace portal::server
