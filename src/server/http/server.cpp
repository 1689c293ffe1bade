// The listener, the thread pools, TLS settings, signals and the connection counts.
#include "server/http/server.h"

#include <malloc.h>
#include <openssl/ssl.h>
#include <sys/resource.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <thread>
#include <vector>

#include "server/http/server_state.h"

namespace portal::server::http {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;

// TLS 1.2 only with ECDHE key exchange and AEAD ciphers (forward secrecy, no CBC), and TLS 1.3.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
    "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

// Each connection is a descriptor: allow as many as the hard limit lets us.
size_t RaiseDescriptorLimit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    getrlimit(RLIMIT_NOFILE, &limit);
    return static_cast<size_t>(limit.rlim_cur);
}

void Accept(const std::shared_ptr<Server::State>& state) {
    state->acceptor.async_accept(
        net::make_strand(state->io), [state](boost::system::error_code ec, tcp::socket socket) {
            if (ec == net::error::operation_aborted || !state->acceptor.is_open()) return;
            if (!ec) {
                StartConnection(state, std::move(socket));
                return Accept(state);
            }
            // Out of descriptors or memory: pause briefly instead of spinning on the same error.
            auto timer = std::make_shared<net::steady_timer>(state->io, std::chrono::milliseconds(100));
            timer->async_wait([state, timer](boost::system::error_code) { Accept(state); });
        });
}

void EveryMinute(const std::shared_ptr<Server::State>& state, std::shared_ptr<net::steady_timer> timer,
                 std::function<void()> task, int ticks) {
    timer->expires_after(std::chrono::seconds(5));
    timer->async_wait([state, timer, task, ticks](boost::system::error_code ec) {
        if (ec) return;
        // Buffers of closed connections go back to the system, so a burst (or an attack) does not
        // leave the process at its peak size.
        net::post(state->workers, [] { malloc_trim(0); });
        if (ticks % 12 == 11 && task) net::post(state->workers, task);
        EveryMinute(state, timer, task, ticks + 1);
    });
}

}  // namespace

Server::State::State(const Router& router_in, ServerOptions options_in, ServerHooks hooks_in)
    : router(router_in),
      options(std::move(options_in)),
      hooks(std::move(hooks_in)),
      workers(static_cast<size_t>(std::max(1, options.worker_threads))),
      acceptor(io) {}

Admission Server::State::Admit(const std::string& address) {
    std::lock_guard<std::mutex> lock(mutex_);
    const size_t total = open.load();
    if (total >= options.max_connections + 256) return Admission::Drop;
    ++open;
    const size_t mine = ++per_address_[address];
    if (total >= options.max_connections || mine > options.max_connections_per_address)
        return Admission::Refuse;
    return Admission::Serve;
}

void Server::State::Release(const std::string& address) {
    std::lock_guard<std::mutex> lock(mutex_);
    --open;
    auto it = per_address_.find(address);
    if (it != per_address_.end() && --it->second == 0) per_address_.erase(it);
}

Server::Server(const Router& router, ServerOptions options, ServerHooks hooks)
    : state_(std::make_shared<State>(router, std::move(options), std::move(hooks))) {}

Server::~Server() {
    Stop();
}

bool Server::Listen(std::string& error) {
    State& state = *state_;
    const ServerOptions& options = state.options;
    if (!options.tls_cert.empty()) {
        state.tls.emplace(net::ssl::context::tls_server);
        auto& tls = *state.tls;
        tls.set_options(net::ssl::context::default_workarounds | net::ssl::context::no_sslv2 |
                        net::ssl::context::no_sslv3 | net::ssl::context::no_tlsv1 |
                        net::ssl::context::no_tlsv1_1 | net::ssl::context::no_compression |
                        net::ssl::context::single_dh_use);
        SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION);
        SSL_CTX_set_options(tls.native_handle(), SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION);
        boost::system::error_code ec;
        tls.use_certificate_chain_file(options.tls_cert, ec);
        if (!ec) tls.use_private_key_file(options.tls_key, net::ssl::context::pem, ec);
        if (ec || SSL_CTX_set_cipher_list(tls.native_handle(), kTls12Ciphers) != 1) {
            error = "TLS: 証明書か鍵を読み込めません / cannot load certificate or key";
            return false;
        }
    }
    RaiseDescriptorLimit();
    boost::system::error_code ec;
    tcp::resolver resolver(state.io);
    auto endpoints = resolver.resolve(options.host, std::to_string(options.port), ec);
    if (ec || endpoints.empty()) {
        error = "cannot resolve " + options.host;
        return false;
    }
    const tcp::endpoint endpoint = *endpoints.begin();
    state.acceptor.open(endpoint.protocol(), ec);
    // SO_REUSEADDR only (no SO_REUSEPORT), so a second server on a used port fails loudly.
    if (!ec) state.acceptor.set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) state.acceptor.bind(endpoint, ec);
    if (!ec) state.acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        error = "cannot listen on " + options.host + ":" + std::to_string(options.port) + ": " + ec.message();
        return false;
    }
    return true;
}

int Server::port() const {
    boost::system::error_code ec;
    const auto endpoint = state_->acceptor.local_endpoint(ec);
    return ec ? -1 : endpoint.port();
}

void Server::Run(std::function<void()> every_minute) {
    auto state = state_;
    // Signals through Asio: one that arrives before the threads run is still delivered.
    net::signal_set signals(state->io, SIGINT, SIGTERM);
    signals.async_wait([this](boost::system::error_code ec, int) {
        if (!ec) Stop();
    });
    Accept(state);
    EveryMinute(state, std::make_shared<net::steady_timer>(state->io), std::move(every_minute), 0);
    int count = state->options.io_threads > 0 ? state->options.io_threads
                                              : static_cast<int>(std::thread::hardware_concurrency());
    std::vector<std::thread> threads;
    for (int i = 1; i < std::max(1, count); ++i) threads.emplace_back([state] { state->io.run(); });
    state->io.run();
    for (auto& thread : threads) thread.join();
    state->workers.join();
}

void Server::Stop() {
    auto state = state_;
    net::post(state->io, [state] {
        boost::system::error_code ec;
        state->acceptor.close(ec);
        state->io.stop();
    });
}

}  // namespace portal::server::http
