// The server's secret key and what is derived from it: line passwords sealed at rest
// (crypto_secretbox) and keyed hashes of login codes and session tokens.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace portal::server {

using Key32 = std::array<unsigned char, 32>;

class Secrets {
  public:
    // From 64 hex digits (PORTAL_SECRET_KEY) when given, else from `key_file`, which is created
    // with a fresh random key (mode 0600) when missing: the development default.
    static bool Load(const std::string& key_hex, const std::string& key_file, Secrets& out,
                     std::string& error);

    // nonce || MAC || ciphertext, for values stored in the database.
    std::string Seal(std::string_view plain) const;
    // False when the box was not made with this key or was altered.
    bool Open(std::string_view box, std::string& plain) const;

    // Keyed BLAKE2b of a short secret (login code, session token) so a stolen database does
    // not reveal them and the 10^6 possible codes cannot be tried offline.
    std::string KeyedHash(std::string_view purpose, std::string_view value) const;

  private:
    Key32 box_key_{};
    Key32 hash_key_{};
};

// Hex of `bytes` random bytes from libsodium's CSPRNG.
std::string RandomToken(size_t bytes);
// Six decimal digits, uniform (randombytes_uniform).
std::string RandomCode();
std::string ToHex(std::string_view bytes);
bool FromHex(std::string_view hex, std::string& bytes);
// Constant-time comparison of equal-length strings.
bool SecretEquals(std::string_view a, std::string_view b);

}  // namespace portal::server
