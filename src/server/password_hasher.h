// Argon2id password hashes (libsodium) at OWASP's minimum cost or above, with a cap on how many
// run at once so a burst of logins cannot exhaust memory (each hash takes 19 MiB).
#pragma once
#include <condition_variable>
#include <mutex>
#include <string>
#include <string_view>

namespace portal::server {

class PasswordHasher {
  public:
    // OWASP Password Storage Cheat Sheet: Argon2id, m = 19 MiB, t = 2, p = 1.
    static constexpr unsigned long long kOpsLimit = 2;
    static constexpr size_t kMemLimit = 19u * 1024u * 1024u;

    explicit PasswordHasher(int max_concurrent = 2);

    std::string Hash(std::string_view password);
    bool Verify(std::string_view stored_hash, std::string_view password);
    // Runs a verification of the same cost against a hash of nothing, so an unknown ID takes
    // as long as a wrong password (no timing oracle for which IDs exist).
    void VerifyDummy(std::string_view password);
    // True for a libsodium Argon2id string (used to validate imported hashes).
    static bool LooksLikeHash(std::string_view stored_hash);

  private:
    class Slot;
    std::mutex mutex_;
    std::condition_variable released_;
    int free_slots_;
    std::string dummy_hash_;
};

}  // namespace portal::server
