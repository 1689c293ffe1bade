// Secret key handling with libsodium.
#include "server/secrets.h"

#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace portal::server {
namespace {

constexpr char kKdfContext[crypto_kdf_CONTEXTBYTES] = {'p', 'o', 'r', 't', 'a', 'l', '5', '0'};

bool ReadKeyFile(const std::string& path, std::string& hex) {
    std::ifstream in(path);
    if (!in) return false;
    std::stringstream buffer;
    buffer << in.rdbuf();
    hex = buffer.str();
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r' || hex.back() == ' ')) hex.pop_back();
    return true;
}

bool WriteNewKeyFile(const std::string& path, std::string& hex, std::string& error) {
    std::string raw(32, '\0');
    randombytes_buf(raw.data(), raw.size());
    hex = ToHex(raw);
    std::error_code ec;
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    auto old_mask = umask(077);
    std::ofstream out(path, std::ios::trunc);
    out << hex << "\n";
    out.close();
    umask(old_mask);
    if (!out) {
        error = "秘密鍵ファイルを作成できません / cannot create the secret key file " + path;
        return false;
    }
    return true;
}

}  // namespace

bool Secrets::Load(const std::string& key_hex, const std::string& key_file, Secrets& out,
                   std::string& error) {
    std::string hex = key_hex;
    if (hex.empty() && !ReadKeyFile(key_file, hex) && !WriteNewKeyFile(key_file, hex, error)) return false;
    std::string master;
    if (!FromHex(hex, master) || master.size() != crypto_kdf_KEYBYTES) {
        error = "秘密鍵は 16 進 64 桁です / the secret key must be 64 hex digits (" + key_file + ")";
        return false;
    }
    auto* master_bytes = reinterpret_cast<const unsigned char*>(master.data());
    crypto_kdf_derive_from_key(out.box_key_.data(), out.box_key_.size(), 1, kKdfContext, master_bytes);
    crypto_kdf_derive_from_key(out.hash_key_.data(), out.hash_key_.size(), 2, kKdfContext, master_bytes);
    sodium_memzero(master.data(), master.size());
    return true;
}

std::string Secrets::Seal(std::string_view plain) const {
    std::string box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size(), '\0');
    auto* bytes = reinterpret_cast<unsigned char*>(box.data());
    randombytes_buf(bytes, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(bytes + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char*>(plain.data()), plain.size(), bytes,
                          box_key_.data());
    return box;
}

bool Secrets::Open(std::string_view box, std::string& plain) const {
    if (box.size() < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return false;
    auto* bytes = reinterpret_cast<const unsigned char*>(box.data());
    plain.resize(box.size() - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES);
    return crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                      bytes + crypto_secretbox_NONCEBYTES,
                                      box.size() - crypto_secretbox_NONCEBYTES, bytes, box_key_.data()) == 0;
}

std::string Secrets::KeyedHash(std::string_view purpose, std::string_view value) const {
    unsigned char out[32];
    crypto_generichash_state state;
    crypto_generichash_init(&state, hash_key_.data(), hash_key_.size(), sizeof out);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(purpose.data()), purpose.size());
    const unsigned char separator = 0;
    crypto_generichash_update(&state, &separator, 1);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(value.data()), value.size());
    crypto_generichash_final(&state, out, sizeof out);
    return ToHex(std::string_view(reinterpret_cast<char*>(out), sizeof out));
}

std::string RandomToken(size_t bytes) {
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    return ToHex(raw);
}

std::string RandomCode() {
    std::string code = std::to_string(randombytes_uniform(1000000));
    return std::string(6 - code.size(), '0') + code;
}

std::string ToHex(std::string_view bytes) {
    static const char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        hex.push_back(digits[c >> 4]);
        hex.push_back(digits[c & 15]);
    }
    return hex;
}

bool FromHex(std::string_view hex, std::string& bytes) {
    if (hex.size() % 2) return false;
    auto nibble = [](char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    bytes.clear();
    for (size_t i = 0; i < hex.size(); i += 2) {
        int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0) return false;
        bytes.push_back(static_cast<char>(hi * 16 + lo));
    }
    return true;
}

bool SecretEquals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace portal::server
