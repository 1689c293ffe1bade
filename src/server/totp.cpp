// liboath and libqrencode behind small value-returning functions.
#include "server/totp.h"

#include <liboath/oath.h>
#include <qrencode.h>
#include <sodium.h>

#include <cctype>
#include <cstdlib>
#include <mutex>
#include <string_view>

#include "server/secrets.h"

namespace portal::server {
namespace {

void InitOathOnce() {
    static std::once_flag once;
    std::call_once(once, [] { oath_init(); });
}

// RFC 3986 percent-encoding of a URI path or query component.
std::string PercentEncode(const std::string& text) {
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

// No 0/o, 1/l/i: read off paper and typed again.
constexpr std::string_view kRecoveryAlphabet = "23456789abcdefghjkmnpqrstuvwxyz";

}  // namespace

bool IsSixDigits(const std::string& code) {
    if (code.size() != 6) return false;
    for (char c : code)
        if (c < '0' || c > '9') return false;
    return true;
}

std::string NormaliseRecoveryCode(const std::string& typed) {
    std::string out;
    for (char c : typed) {
        if (c == '-' || c == ' ') continue;
        const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (kRecoveryAlphabet.find(lower) == std::string_view::npos) return {};
        out += lower;
    }
    return out.size() == 10 ? out : std::string();
}

std::string NewRecoveryCode() {
    std::string code;
    for (int i = 0; i < 10; ++i) {
        if (i == 5) code += '-';
        code += kRecoveryAlphabet[randombytes_uniform(static_cast<uint32_t>(kRecoveryAlphabet.size()))];
    }
    return code;
}

std::string NewTotpSecret() {
    std::string hex = RandomToken(20), bytes;
    FromHex(hex, bytes);
    return bytes;
}

std::string TotpBase32(const std::string& secret) {
    InitOathOnce();
    char* out = nullptr;
    size_t length = 0;
    if (oath_base32_encode(secret.data(), secret.size(), &out, &length) != OATH_OK) return {};
    std::string text(out, length);
    std::free(out);
    while (!text.empty() && text.back() == '=') text.pop_back();  // apps expect no padding
    return text;
}

std::optional<int64_t> MatchTotp(const std::string& secret, const std::string& code, int64_t now) {
    InitOathOnce();
    int position = 0;
    uint64_t counter = 0;
    const int rc =
        oath_totp_validate3(secret.data(), secret.size(), static_cast<time_t>(now), kTotpStepSeconds,
                            OATH_TOTP_DEFAULT_START_TIME, 1, &position, &counter, code.c_str());
    if (rc < 0) return std::nullopt;
    return static_cast<int64_t>(counter);
}

std::string TotpUri(const std::string& secret, const std::string& account) {
    return "otpauth://totp/" + PercentEncode("050 Portal:" + account) + "?secret=" + TotpBase32(secret) +
           "&issuer=" + PercentEncode("050 Portal") + "&algorithm=SHA1&digits=6&period=30";
}

std::optional<QrMatrix> EncodeQr(const std::string& text) {
    QRcode* code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code) return std::nullopt;
    QrMatrix matrix;
    matrix.size = code->width;
    for (int y = 0; y < code->width; ++y) {
        std::string row(static_cast<size_t>(code->width), '0');
        for (int x = 0; x < code->width; ++x)
            if (code->data[y * code->width + x] & 1) row[static_cast<size_t>(x)] = '1';
        matrix.rows.push_back(std::move(row));
    }
    QRcode_free(code);
    return matrix;
}

}  // namespace portal::server
