// The HTTP/1.1 server under the routes: Boost.Beast on Boost.Asio, a fixed number of I/O threads
// that never block, and a separate pool of worker threads that runs the route handlers (they may
// wait on the database or hash a password). Every limit that bounds what one client can make the
// server hold (bytes, time, connections) is one of ServerOptions.
#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "server/http/strict_head.h"
#include "server/http_types.h"

namespace portal::server::http {

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 0;        // 0: any free port
    int io_threads = 0;  // 0: one per core
    int worker_threads = 16;
    std::string tls_cert, tls_key;  // both set: HTTPS only
    HeadLimits head;
    size_t max_body_bytes = 16 * 1024;              // counted on the wire, chunked or not
    std::chrono::milliseconds head_timeout{10000};  // the whole head, from its first byte
    std::chrono::milliseconds body_timeout{10000};  // the whole body
    std::chrono::milliseconds idle_timeout{30000};  // a kept-alive connection between requests
    std::chrono::milliseconds send_timeout{30000};  // each slice of an answer (a reader that stalls)
    size_t max_connections = 10000;
    size_t max_connections_per_address = 512;
};

// How the application shapes what the HTTP layer says on its own.
struct ServerHooks {
    Headers default_headers;  // added to every answer unless the handler set the same name
    // A JSON error answer (the API's {"error":{...}} shape).
    std::function<void(Response&, int status, const char* code, const std::string& ja, const std::string& en)>
        error;
    std::function<void(const Request&, Response&)> before_route;  // e.g. Cache-Control on /api
    std::function<void(const Request&, const char* what)> log_exception;
};

class Server {
  public:
    Server(const Router& router, ServerOptions options, ServerHooks hooks);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Loads the TLS files and binds; false with a message in `error`. port() is then known.
    bool Listen(std::string& error);
    int port() const;
    // Serves until Stop() or SIGINT/SIGTERM; `every_minute` runs on a worker once a minute.
    void Run(std::function<void()> every_minute);
    void Stop();  // safe from any thread

    struct State;

  private:
    std::shared_ptr<State> state_;
};

}  // namespace portal::server::http
