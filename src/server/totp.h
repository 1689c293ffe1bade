// The authenticator app's pieces from libraries made for them: TOTP checks with liboath
// (RFC 6238, SHA-1, 6 digits, 30-second steps) and the enrolment QR code from libqrencode.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace portal::server {

constexpr int kTotpStepSeconds = 30;

std::string NewTotpSecret();                        // 20 random bytes (160 bits, RFC 4226)
std::string TotpBase32(const std::string& secret);  // what a customer types into the app
// The time step (Unix time / 30) whose code `code` is, within one step either side of `now`.
std::optional<int64_t> MatchTotp(const std::string& secret, const std::string& code, int64_t now);
// otpauth://totp/ URI for the QR code (issuer "050 Portal", account the self-care ID).
std::string TotpUri(const std::string& secret, const std::string& account);

// Login codes as typed: six digits (mail or app), or a recovery code "abcde-fghjk" (ten letters
// and digits without look-alikes; case, spaces and dashes ignored). Normalise returns the ten
// lower-case characters, or "" when `typed` is not a recovery code.
bool IsSixDigits(const std::string& code);
std::string NormaliseRecoveryCode(const std::string& typed);
std::string NewRecoveryCode();  // "abcde-fghjk"
constexpr int kRecoveryCodeCount = 10;

// A QR symbol as rows of '1' (dark) and '0' modules, without the quiet zone.
struct QrMatrix {
    int size = 0;
    std::vector<std::string> rows;
};
std::optional<QrMatrix> EncodeQr(const std::string& text);

}  // namespace portal::server
