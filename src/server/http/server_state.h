// What the listener and every connection share: the routes, the options, the worker pool, the
// TLS context and the counts of open connections (in total and per client address).
#pragma once
#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "server/http/server.h"

namespace portal::server::http {

enum class Admission { Serve, Refuse, Drop };

struct Server::State {
    State(const Router& router, ServerOptions options, ServerHooks hooks);

    const Router& router;
    const ServerOptions options;
    const ServerHooks hooks;
    boost::asio::io_context io;
    boost::asio::thread_pool workers;
    std::optional<boost::asio::ssl::context> tls;
    boost::asio::ip::tcp::acceptor acceptor;

    // Counts a new connection from `address`. Over a limit it is Refuse (answered 503 and closed,
    // counted until it is gone so that refusals stay bounded too); far over, Drop (not counted).
    Admission Admit(const std::string& address);
    void Release(const std::string& address);
    std::atomic<size_t> open{0};

  private:
    std::mutex mutex_;
    std::unordered_map<std::string, size_t> per_address_;
};

// Starts serving one accepted connection (plain or TLS by the server's options).
void StartConnection(const std::shared_ptr<Server::State>& state, boost::asio::ip::tcp::socket socket);

// The HTTP date of now (RFC 9110 IMF-fixdate), computed once per second.
std::string HttpDateNow();

}  // namespace portal::server::http
