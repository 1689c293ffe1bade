// A memory of recently checked sessions, so a busy client's requests do not each read the
// session and its customer from the database.
//
// Alone on SQLite an entry is trusted for `fresh_for` (1 s by default). With several servers on
// PostgreSQL the cache is trusted only while a listener (pg_session_listener.h) hears every
// change the database announces: a session ended anywhere (logout, "log out other sessions", an
// expiry), a session touched on another server, a customer re-imported. Without a live listener
// (not yet connected, or its connection lost and notifications possibly missed) every request
// reads the database; a reconnected listener starts from an empty cache. `fresh_for` then only
// bounds memory. With fresh_for 0 nothing is cached: a check per request.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
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
    bool Enabled() const { return fresh_for_.count() > 0; }
    std::optional<Entry> Get(const std::string& token_hash);
    // The epoch to pass to Put: read it before reading the session from the database, so that
    // an entry read before an invalidation is never stored after it.
    uint64_t Epoch() const { return epoch_.load(); }
    void Put(const Entry& entry, uint64_t epoch);
    void Erase(const std::string& token_hash);

    // Listener mode: the cache is bypassed until Restart(). `sync` runs before every Get: true
    // once every change committed before the call has been applied, false when that is not
    // known (then the database is read).
    void FollowNotifications(std::function<bool()> sync);
    void Restart();  // listening (again): start empty and trusted
    void Suspend();  // the listener's connection is gone: empty and bypassed
    void SessionEnded(const std::string& token_hash);
    void SessionTouched(const std::string& token_hash, Seconds last_seen_at);
    void CustomerChanged(int64_t customer_id);

  private:
    using Clock = std::chrono::steady_clock;
    void Invalidate();  // with mutex_ held: no entry read before now may be stored
    const std::chrono::milliseconds fresh_for_;
    struct Stored {
        Entry entry;
        Clock::time_point fetched;
    };
    std::shared_mutex mutex_;
    std::unordered_map<std::string, Stored> entries_;
    Clock::time_point last_prune_{};
    std::atomic<uint64_t> epoch_{0};
    std::function<bool()> sync_;
    bool follows_notifications_ = false;
    bool trusted_ = true;  // false in listener mode while the listener is not listening
};

}  // namespace portal::server
