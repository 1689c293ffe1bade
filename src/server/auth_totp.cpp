// The authenticator app: enrolment (secret sealed at rest, QR matrix and text), confirmation
// with a current code, removal, recovery codes, and the second step of login with either.
#include <algorithm>

#include "engine/format.h"
#include "server/auth_messages.h"
#include "server/auth_service.h"
#include "server/security_mail.h"
#include "server/totp.h"

namespace portal::server {
namespace {

Error WrongAppCode() {
    return Error{"wrong_code", "code",
                 Text{"認証アプリのコードが正しくありません。アプリに表示中の6桁を入力してください。",
                      "The authenticator code is not correct. Enter the six digits the app shows now."}};
}

}  // namespace

// Removing the app or renewing its recovery codes needs a confirmed app and a second step that is
// not waiting out a delay or a lock.
std::optional<AuthRefusal> AuthService::RejectUnlessEnrolled(int64_t customer_id, Seconds now) {
    auto app = storage_.FindAuthenticator(customer_id);
    if (!app || !app->confirmed)
        return Refuse(AuthResult::NotOffered, AuthError("not_enrolled", "認証アプリは登録されていません。",
                                                        "No authenticator app is set up."));
    return RejectIfSecondStepThrottled(customer_id, now);
}

ChallengePayload AuthService::IssueAuthenticatorChallenge(const Customer& customer, const Authenticator& app,
                                                          Seconds now) {
    LoginChallenge challenge;
    const std::string id = RandomToken(16);
    challenge.id_hash = HashChallenge(id);
    challenge.customer_id = customer.id;
    challenge.expires_at = now + policy_.code_lifetime;
    challenge.last_sent_at = 0;        // nothing mailed yet: a first mail (when allowed) need not wait
    storage_.PutChallenge(challenge);  // no code hash: the app's code is checked instead
    ChallengePayload payload;
    payload.challenge = id;
    payload.factor = AuthFactor::Totp;
    payload.code_lifetime_seconds = static_cast<uint64_t>(policy_.code_lifetime);
    payload.attempts_left = static_cast<uint64_t>(policy_.max_code_failures);
    payload.email_codes = app.email_codes;
    // Where the code would go is said only to a customer who may ask for one.
    if (app.email_codes) payload.email_masked = MaskEmail(customer.email);
    return payload;
}

bool AuthService::EmailCodesAllowed(int64_t customer_id) {
    auto app = storage_.FindAuthenticator(customer_id);
    return app && app->confirmed && app->email_codes;
}

AuthOutcome<EmailCodesPayload> AuthService::SetEmailCodes(const ClientInfo& client, const LiveSession& live,
                                                          const EmailCodesRequest& request) {
    const bool allowed = request.allowed;
    const Customer& customer = *live.customer;
    const Seconds now = NowSeconds();
    auto app = storage_.FindAuthenticator(customer.id);
    if (!app || !app->confirmed)
        return Refuse(AuthResult::NotOffered, AuthError("not_enrolled", "認証アプリは登録されていません。",
                                                        "No authenticator app is set up."));
    if (app->email_codes == allowed) return EmailCodesPayload{allowed};
    if (!storage_.SetAuthenticatorEmailCodes(customer.id, allowed))
        return Refuse(AuthResult::NotOffered, AuthError("not_enrolled", "認証アプリは登録されていません。",
                                                        "No authenticator app is set up."));
    Audit(client, customer.id, customer.selfcare_id, "email_codes_changed", allowed ? "on" : "off", "email",
          now);
    SendNotice(allowed
                   ? BuildSecondStepChangeMail(
                         settings_.mail_from, customer.email,
                         "ログイン時に、認証アプリのかわりにメールの認証コードも使えるようになりました。",
                         "Logins can now also use a code sent by e-mail instead of the authenticator app.",
                         client.address, now)
                   : BuildSecondStepChangeMail(
                         settings_.mail_from, customer.email,
                         "メールの認証コードではログインできなくなりました。認証アプリのコードを使います。",
                         "Codes by e-mail no longer log in: logins use the authenticator app's code.",
                         client.address, now));
    return EmailCodesPayload{allowed};
}

bool AuthService::CheckAuthenticatorFactor(const ClientInfo& client, const Customer& customer,
                                           const std::string& code, Seconds now, std::string& factor) {
    if (IsSixDigits(code)) {
        factor = "totp";
        auto app = storage_.FindAuthenticator(customer.id);
        if (!app || !app->confirmed) return false;
        auto step = MatchTotp(app->secret, code, now);
        // A code accepted once is refused for the rest of its window (and older steps too).
        return step && storage_.AdvanceAuthenticatorStep(customer.id, *step);
    }
    factor = "recovery";
    const std::string normalised = NormaliseRecoveryCode(code);
    if (normalised.empty() ||
        !storage_.UseRecoveryCode(customer.id, HashRecoveryCode(customer.id, normalised), now))
        return false;
    const int left = storage_.CountUnusedRecoveryCodes(customer.id);
    Audit(client, customer.id, customer.selfcare_id, "recovery_code_used", std::to_string(left) + " left",
          "recovery", now);
    SendNotice(BuildSecondStepChangeMail(
        settings_.mail_from, customer.email,
        "回復コードが1つ使われました。残りは " + std::to_string(left) + " 個です。",
        "A recovery code was used. " + std::to_string(left) + " are left.", client.address, now));
    return true;
}

std::vector<std::string> AuthService::NewRecoveryCodes(int64_t customer_id) {
    std::vector<std::string> codes, hashes;
    for (int i = 0; i < kRecoveryCodeCount; ++i) {
        codes.push_back(NewRecoveryCode());
        hashes.push_back(HashRecoveryCode(customer_id, NormaliseRecoveryCode(codes.back())));
    }
    storage_.ReplaceRecoveryCodes(customer_id, hashes);
    return codes;
}

AuthOutcome<AuthenticatorStatusPayload> AuthService::AuthenticatorStatus(const LiveSession& live) {
    auto app = storage_.FindAuthenticator(live.customer->id);
    const bool confirmed = app && app->confirmed;
    AuthenticatorStatusPayload status;
    status.enrolled = confirmed;
    status.recovery_codes_left =
        confirmed ? static_cast<uint64_t>(std::max(0, storage_.CountUnusedRecoveryCodes(live.customer->id)))
                  : 0;
    status.email_codes = confirmed && app->email_codes;
    return status;
}

AuthOutcome<EnrolmentPayload> AuthService::EnrolAuthenticator(const ClientInfo& client,
                                                              const LiveSession& live) {
    const Customer& customer = *live.customer;
    if (auto app = storage_.FindAuthenticator(customer.id); app && app->confirmed)
        return Refuse(
            AuthResult::NotOffered,
            AuthError("already_enrolled", "認証アプリはすでに登録されています。先に解除してください。",
                      "An authenticator app is already set up. Remove it first."));
    Authenticator app;
    app.customer_id = customer.id;
    app.secret = NewTotpSecret();
    app.created_at = NowSeconds();
    const std::string uri = TotpUri(app.secret, customer.selfcare_id);
    auto qr = EncodeQr(uri);
    if (!qr)
        return Refuse(AuthResult::Unavailable, AuthError("qr_unavailable", "QRコードを作れませんでした。",
                                                         "The QR code could not be made."));
    storage_.PutAuthenticator(app);  // unconfirmed until a current code comes back
    Audit(client, customer.id, customer.selfcare_id, "totp_enrol_started", "", "totp", app.created_at);
    EnrolmentPayload enrolment;
    enrolment.secret = TotpBase32(app.secret);
    enrolment.otpauth_uri = uri;
    enrolment.qr.size = static_cast<uint64_t>(qr->size);
    enrolment.qr.rows = std::move(qr->rows);
    enrolment.step_seconds = static_cast<uint64_t>(kTotpStepSeconds);
    enrolment.digits = 6;
    return enrolment;
}

AuthOutcome<RecoveryCodesPayload> AuthService::ConfirmAuthenticator(const ClientInfo& client,
                                                                    const LiveSession& live,
                                                                    const AppCodeRequest& request) {
    const std::string& code = request.code;
    const Customer& customer = *live.customer;
    const Seconds now = NowSeconds();
    auto app = storage_.FindAuthenticator(customer.id);
    if (!app || app->confirmed)
        return Refuse(
            AuthResult::NotOffered,
            AuthError("no_enrolment", "登録中の認証アプリがありません。最初からやり直してください。",
                      "No authenticator set-up is in progress. Please start again."));
    if (!IsSixDigits(code))
        return Refuse(
            AuthResult::BadInput,
            Error{"bad_code_format", "code", Text{"認証コードは6桁の数字です。", "The code is six digits."}});
    auto step = MatchTotp(app->secret, code, now);
    if (!step) return Refuse(AuthResult::BadInput, WrongAppCode());
    app->confirmed = true;
    app->last_step = *step;  // this code cannot log in again
    storage_.PutAuthenticator(*app);
    auto codes = NewRecoveryCodes(customer.id);
    Audit(client, customer.id, customer.selfcare_id, "totp_enrolled", "", "totp", now);
    SendNotice(BuildSecondStepChangeMail(
        settings_.mail_from, customer.email,
        "認証アプリが登録されました。次回からログインには認証アプリのコードを使います。",
        "An authenticator app was set up. Logins now ask for its code.", client.address, now));
    return RecoveryCodesPayload{std::move(codes)};
}

AuthOutcome<AuthenticatorRemoved> AuthService::RemoveAuthenticator(const ClientInfo& client,
                                                                   const LiveSession& live,
                                                                   const AppCodeRequest& request) {
    const std::string& code = request.code;
    const Customer& customer = *live.customer;
    const Seconds now = NowSeconds();
    if (auto refused = RejectUnlessEnrolled(customer.id, now)) return *refused;
    std::string factor;
    if (!CheckAuthenticatorFactor(client, customer, code, now, factor)) {
        if (auto locked = CountSecondStepFailure(client, customer, factor, now)) return *locked;
        return Refuse(AuthResult::BadInput, WrongAppCode());
    }
    storage_.DeleteAuthenticator(customer.id);
    Audit(client, customer.id, customer.selfcare_id, "totp_removed", "", factor.c_str(), now);
    SendNotice(BuildSecondStepChangeMail(
        settings_.mail_from, customer.email,
        "認証アプリの登録が解除されました。ログインにはメールの認証コードを使います。",
        "The authenticator app was removed. Logins now use the mailed code.", client.address, now));
    return AuthenticatorRemoved{};
}

AuthOutcome<RecoveryCodesPayload> AuthService::RegenerateRecoveryCodes(const ClientInfo& client,
                                                                       const LiveSession& live,
                                                                       const AppCodeRequest& request) {
    const std::string& code = request.code;
    const Customer& customer = *live.customer;
    const Seconds now = NowSeconds();
    if (auto refused = RejectUnlessEnrolled(customer.id, now)) return *refused;
    std::string factor;
    if (!IsSixDigits(code) || !CheckAuthenticatorFactor(client, customer, code, now, factor)) {
        if (auto locked = CountSecondStepFailure(client, customer, "totp", now)) return *locked;
        return Refuse(AuthResult::BadInput, WrongAppCode());
    }
    auto codes = NewRecoveryCodes(customer.id);
    Audit(client, customer.id, customer.selfcare_id, "recovery_codes_renewed", "", "totp", now);
    SendNotice(BuildSecondStepChangeMail(
        settings_.mail_from, customer.email, "回復コードが新しくなりました。以前の回復コードは使えません。",
        "New recovery codes were made. The old ones no longer work.", client.address, now));
    return RecoveryCodesPayload{std::move(codes)};
}

}  // namespace portal::server
