// Keeps a SessionCache true on PostgreSQL: one connection of its own per server LISTENs on the
// channel PgStorage notifies whenever a session ends, a session is touched or a customer
// changes (the notification is sent in the same transaction, so it arrives only if the change
// was committed). A thread reads the connection and applies what arrives.
//
// A notification reaches each listener a moment after the commit, and a client may ask another
// server sooner (a logout answered by A, the next request at once to B). So before a cache read
// the listener makes a round trip on its connection (an empty query) that starts after the read
// was asked for: PostgreSQL sends every notification committed before it ahead of its answer.
// Reads waiting at the same time share one round trip, so it costs far less than reading the
// session. When the connection is lost, notifications may have been missed: the cache is
// bypassed until a new connection listens again, and then starts empty.
#pragma once
#include <libpq-fe.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "server/session_cache.h"

namespace portal::server {

// The channel and the payloads PgStorage sends ("s HASH", "t HASH SECONDS", "c CUSTOMER_ID").
inline constexpr const char* kSessionChannel = "portal_sessions";
// How pg_stat_activity names the listener's connection (tests end it with pg_terminate_backend).
inline constexpr const char* kSessionListenerName = "portal-session-listener";

class PgSessionListener {
  public:
    PgSessionListener(std::string conninfo, SessionCache& cache);
    ~PgSessionListener();
    PgSessionListener(const PgSessionListener&) = delete;
    PgSessionListener& operator=(const PgSessionListener&) = delete;

  private:
    void Run();
    bool Connect();
    // True once a round trip started after the call has come back, with every notification
    // before it applied; false when the connection is lost or the answer is late.
    bool Sync();
    void SendSync();  // with mutex_ held
    // Reads what the socket holds, applies each notification and notes answered round trips;
    // on a lost connection suspends the cache. Never blocks on the network.
    void Drain();
    void Apply(std::string_view payload);
    void Drop();  // with mutex_ held

    const std::string conninfo_;
    SessionCache& cache_;
    std::mutex mutex_;  // guards conn_ (libpq connections are not thread-safe)
    PGconn* conn_ = nullptr;
    uint64_t syncs_sent_ = 0;
    uint64_t syncs_done_ = 0;
    uint64_t drops_ = 0;  // connections lost so far
    bool sync_in_flight_ = false;
    bool sync_wanted_ = false;  // a read arrived after the round trip in flight was sent
    std::condition_variable synced_;
    std::atomic<bool> stop_{false};
    std::mutex wait_mutex_;
    std::condition_variable wake_;
    std::thread thread_;
};

}  // namespace portal::server
