// A one-second memory of recently checked sessions, so a busy client's requests do not each
// take the database lock twice (session, then customer). Entries older than a second are read
// again from Storage, so a logout or an import on another server is seen within a second.
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
    static constexpr std::chrono::milliseconds kFreshFor{1000};
    struct Stored {
        Entry entry;
        Clock::time_point fetched;
    };
    std::shared_mutex mutex_;
    std::unordered_map<std::string, Stored> entries_;
    Clock::time_point last_prune_{};
};

}  // namespace portal::server
