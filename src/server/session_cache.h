// A short memory of recently checked sessions, so a busy client's requests do not each take
// the database lock twice (session, then customer). Entries older than `fresh_for` are read
// again from Storage. With several servers on one database the cache is off (fresh_for 0): a
// logout on one server must be refused by every other at once, and a check per request costs
// one indexed read (docs/scaling.md has the figures).
#pragma once
#include <chrono>
#include <memory>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>

#include "server/storage.h"

namespace portal::server {

class SessionCache {
  public:
    explicit SessionCache(std::chrono::milliseconds fresh_for = std::chrono::milliseconds(1000))
        : fresh_for_(fresh_for) {}
    struct Entry {
        Session session;
        // Shared, not copied: every request of a busy client reads it, none changes it.
        std::shared_ptr<const Customer> customer;
    };
    std::optional<Entry> Get(const std::string& token_hash);
    void Put(const Entry& entry);
    void Erase(const std::string& token_hash);

  private:
    using Clock = std::chrono::steady_clock;
    const std::chrono::milliseconds fresh_for_;
    struct Stored {
        Entry entry;
        Clock::time_point fetched;
    };
    std::shared_mutex mutex_;
    std::unordered_map<std::string, Stored> entries_;
    Clock::time_point last_prune_{};
};

}  // namespace portal::server
