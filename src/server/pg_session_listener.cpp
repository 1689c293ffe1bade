// PgSessionListener: LISTEN on a connection of its own, applied to the SessionCache.
#include "server/pg_session_listener.h"

#include <poll.h>

#include <charconv>
#include <chrono>

namespace portal::server {
namespace {

constexpr auto kReconnectEvery = std::chrono::milliseconds(500);
constexpr int kWaitMs = 250;                                  // how often the thread looks at the stop flag
constexpr auto kSyncLimit = std::chrono::milliseconds(1000);  // then the database is read

bool ParseInt(std::string_view text, int64_t& out) {
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
    return error == std::errc() && end == text.data() + text.size();
}

}  // namespace

PgSessionListener::PgSessionListener(std::string conninfo, SessionCache& cache)
    : conninfo_(std::move(conninfo)), cache_(cache) {
    cache_.FollowNotifications([this] { return Sync(); });
    thread_ = std::thread([this] { Run(); });
}

PgSessionListener::~PgSessionListener() {
    cache_.FollowNotifications(nullptr);  // bypassed from now on; no call back into this object
    stop_ = true;
    wake_.notify_all();
    thread_.join();
    std::lock_guard<std::mutex> lock(mutex_);
    if (conn_) PQfinish(conn_);
}

void PgSessionListener::Run() {
    while (!stop_) {
        int socket = -1;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (conn_) socket = PQsocket(conn_);
        }
        if (socket < 0) {
            if (Connect()) continue;
            std::unique_lock<std::mutex> lock(wait_mutex_);
            wake_.wait_for(lock, kReconnectEvery, [this] { return stop_.load(); });
            continue;
        }
        pollfd wait{socket, POLLIN, 0};
        if (poll(&wait, 1, kWaitMs) > 0) Drain();
    }
}

bool PgSessionListener::Connect() {
    const char* const keys[] = {"dbname", "application_name", "connect_timeout", nullptr};
    const char* const values[] = {conninfo_.c_str(), kSessionListenerName, "5", nullptr};
    PGconn* conn = PQconnectdbParams(keys, values, 1);
    bool listening = PQstatus(conn) == CONNECTION_OK;
    if (listening) {
        PGresult* result = PQexec(conn, (std::string("LISTEN ") + kSessionChannel).c_str());
        listening = PQresultStatus(result) == PGRES_COMMAND_OK;
        PQclear(result);
    }
    if (!listening) {
        PQfinish(conn);
        return false;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    conn_ = conn;
    // Only now is every later change heard: whatever was remembered before is forgotten.
    cache_.Restart();
    return true;
}

bool PgSessionListener::Sync() {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!conn_) return false;
    // The round trip in flight may have started before this call: then the next one counts.
    const uint64_t target = syncs_sent_ + 1;
    const uint64_t drops = drops_;
    if (sync_in_flight_)
        sync_wanted_ = true;
    else
        SendSync();
    const bool answered =
        synced_.wait_for(lock, kSyncLimit, [&] { return syncs_done_ >= target || drops_ != drops; });
    return answered && drops_ == drops;
}

void PgSessionListener::SendSync() {
    if (!PQsendQuery(conn_, "")) return Drop();
    sync_in_flight_ = true;
    ++syncs_sent_;
}

void PgSessionListener::Drain() {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!conn_) return;
    // A closed connection may first deliver the server's last message, then the end of the
    // stream: read until the socket has nothing more (bounded).
    for (int round = 0; round < 4; ++round) {
        if (!PQconsumeInput(conn_) || PQstatus(conn_) != CONNECTION_OK) return Drop();
        bool answered = false;
        while (sync_in_flight_ && !PQisBusy(conn_)) {
            PGresult* result = PQgetResult(conn_);
            if (!result) {
                sync_in_flight_ = false;
                answered = true;
                break;
            }
            const bool empty = PQresultStatus(result) == PGRES_EMPTY_QUERY;
            PQclear(result);
            // Anything else is the server ending the connection (an error in place of the answer).
            if (!empty || PQstatus(conn_) != CONNECTION_OK) return Drop();
        }
        // Every notification that came before the answer is applied before a read is let go.
        while (PGnotify* notify = PQnotifies(conn_)) {
            Apply(notify->extra);
            PQfreemem(notify);
        }
        if (answered) {
            ++syncs_done_;
            if (sync_wanted_) {
                sync_wanted_ = false;
                SendSync();
                if (!conn_) return;
            }
            synced_.notify_all();
        }
        pollfd more{PQsocket(conn_), POLLIN, 0};
        if (poll(&more, 1, 0) <= 0) return;
    }
}

void PgSessionListener::Drop() {
    PQfinish(conn_);
    conn_ = nullptr;
    ++drops_;
    sync_in_flight_ = false;
    sync_wanted_ = false;
    cache_.Suspend();  // notifications may have been missed until a new connection listens
    synced_.notify_all();
    wake_.notify_all();
}

void PgSessionListener::Apply(std::string_view payload) {
    const std::string_view rest = payload.size() > 2 ? payload.substr(2) : std::string_view();
    int64_t number = 0;
    if (payload.rfind("s ", 0) == 0) return cache_.SessionEnded(std::string(rest));
    if (payload.rfind("c ", 0) == 0 && ParseInt(rest, number)) return cache_.CustomerChanged(number);
    const size_t space = rest.find(' ');
    if (payload.rfind("t ", 0) == 0 && space != std::string_view::npos &&
        ParseInt(rest.substr(space + 1), number))
        return cache_.SessionTouched(std::string(rest.substr(0, space)), number);
    cache_.Restart();  // not understood: forget everything rather than keep something stale
}

}  // namespace portal::server
