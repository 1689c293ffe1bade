// Argon2id through libsodium's crypto_pwhash_str, gated by a small counting semaphore.
#include "server/password_hasher.h"

#include <sodium.h>

namespace portal::server {

class PasswordHasher::Slot {
  public:
    explicit Slot(PasswordHasher& owner) : owner_(owner) {
        std::unique_lock<std::mutex> lock(owner_.mutex_);
        owner_.released_.wait(lock, [this] { return owner_.free_slots_ > 0; });
        --owner_.free_slots_;
    }
    ~Slot() {
        {
            std::lock_guard<std::mutex> lock(owner_.mutex_);
            ++owner_.free_slots_;
        }
        owner_.released_.notify_one();
    }

  private:
    PasswordHasher& owner_;
};

PasswordHasher::PasswordHasher(int max_concurrent) : free_slots_(max_concurrent) {
    dummy_hash_ = Hash("portal-dummy-password-for-unknown-ids");
}

std::string PasswordHasher::Hash(std::string_view password) {
    Slot slot(*this);
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return {};  // out of memory: the caller treats an empty hash as a failure
    return out;
}

bool PasswordHasher::Verify(std::string_view stored_hash, std::string_view password) {
    if (!LooksLikeHash(stored_hash)) return false;
    std::string terminated(stored_hash);
    Slot slot(*this);
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::VerifyDummy(std::string_view password) {
    Slot slot(*this);
    // The outcome is meaningless (nobody knows the dummy password); only the time spent matters.
    if (crypto_pwhash_str_verify(dummy_hash_.c_str(), password.data(), password.size()) == 0) return;
}

bool PasswordHasher::LooksLikeHash(std::string_view stored_hash) {
    return stored_hash.rfind("$argon2id$", 0) == 0 && stored_hash.size() < crypto_pwhash_STRBYTES;
}

}  // namespace portal::server
