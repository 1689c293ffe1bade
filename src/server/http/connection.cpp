// One client connection: reads a request head under the limits and deadlines, checks it strictly,
// reads the body through Beast's parser (capped on the wire bytes, chunked or not), runs the
// handler on a worker and writes the answer; then the next request on the same connection, in
// order (pipelined requests wait in the buffer). Any refusal before the body is read is answered
// and the connection closed, since the rest of the stream can no longer be framed reliably.
#include <boost/asio/post.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "server/http/response_wire.h"
#include "server/http/server_state.h"

namespace portal::server::http {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
using tcp = net::ip::tcp;
using State = Server::State;

constexpr size_t kReadChunk = 4096;
constexpr size_t kSendSlice = 256 * 1024;
// After a refusal, what a client still sending may send before the close (at most 2 s): enough
// for it to read our answer before a reset, little enough to cost nothing.
constexpr size_t kMaxDrainBytes = 16 * 1024 * 1024;

template <class Stream>
class Connection : public std::enable_shared_from_this<Connection<Stream>> {
  public:
    template <class... Args>
    Connection(std::shared_ptr<State> state, std::string address, bool refuse, Args&&... args)
        : state_(std::move(state)),
          stream_(std::forward<Args>(args)...),
          address_(std::move(address)),
          refuse_(refuse) {}
    ~Connection() { state_->Release(address_); }

    void Start() {
        Lowest().expires_after(state_->options.head_timeout);
        if constexpr (kTls) {
            stream_.async_handshake(net::ssl::stream_base::server,
                                    [self = this->shared_from_this()](beast::error_code ec) {
                                        if (!ec) self->AfterHandshake();
                                    });
        } else {
            AfterHandshake();
        }
    }

  private:
    static constexpr bool kTls = !std::is_same_v<Stream, beast::tcp_stream>;

    beast::tcp_stream& Lowest() { return beast::get_lowest_layer(stream_); }

    void AfterHandshake() {
        if (refuse_) {
            Refuse(503, "server_busy", "接続が多すぎます。しばらくしてからお試しください。",
                   "Too many connections. Please try again later.");
            return;
        }
        ReadHead();
    }

    std::string_view Buffered() const {
        return {static_cast<const char*>(buffer_.data().data()), buffer_.size()};
    }

    void ReadHead() {
        size_t head_size = 0;
        switch (ScanHead(Buffered(), state_->options.head, head_size)) {
            case HeadScan::Complete:
                return OnHead(head_size);
            case HeadScan::HeadTooLarge:
                return Refuse(431, "headers_too_large", "ヘッダが大きすぎます。",
                              "The request headers are too large.");
            case HeadScan::LineTooLong:
                return Refuse(414, "request_line_too_long", "要求行 (URL) が長すぎます。",
                              "The request line (URL) is too long.");
            case HeadScan::NeedMore:
                break;
        }
        // Between requests the idle timeout runs; from the first byte of a head, one deadline
        // for all of it, not renewed by each byte that trickles in.
        if (buffer_.size() == 0 && !waiting_idle_) {
            waiting_idle_ = true;
            head_started_ = false;
            if (served_ > 0) Lowest().expires_after(state_->options.idle_timeout);
        } else if (buffer_.size() > 0 && !head_started_) {
            head_started_ = true;
            waiting_idle_ = false;
            Lowest().expires_after(state_->options.head_timeout);
        }
        stream_.async_read_some(buffer_.prepare(kReadChunk),
                                [self = this->shared_from_this()](beast::error_code ec, size_t n) {
                                    if (ec) return self->Close();
                                    self->buffer_.commit(n);
                                    self->ReadHead();
                                });
    }

    void OnHead(size_t head_size) {
        HeadFacts facts;
        const std::string_view head = Buffered().substr(0, head_size);
        if (const HeadRefusal* refusal = CheckHead(head, state_->options.head, facts))
            return Refuse(refusal->status, refusal->code, refusal->ja, refusal->en);
        if (facts.has_content_length && facts.content_length > state_->options.max_body_bytes)
            return RefuseTooLarge();
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(head_size + 1));
        parser_->body_limit(state_->options.max_body_bytes);
        parser_->eager(true);
        beast::error_code ec;
        const size_t used = parser_->put(net::buffer(head.data(), head.size()), ec);
        if (ec || !parser_->is_header_done())
            return Refuse(400, "bad_request", "要求を解釈できません。", "The request cannot be parsed.");
        buffer_.consume(used);
        head_started_ = false;
        if (parser_->is_done()) return Dispatch();
        Lowest().expires_after(state_->options.body_timeout);
        beast::http::async_read(
            stream_, buffer_, *parser_, [self = this->shared_from_this()](beast::error_code ec, size_t) {
                if (ec == beast::http::error::body_limit) return self->RefuseTooLarge();
                if (ec == beast::error::timeout || ec == net::error::eof ||
                    ec == net::error::connection_reset || ec == net::error::operation_aborted)
                    return self->Close();
                if (ec)
                    return self->Refuse(400, "bad_request_body", "本文の形式が正しくありません。",
                                        "The request body is malformed.");
                self->Dispatch();
            });
    }

    void Dispatch() {
        auto& message = parser_->get();
        auto request = std::make_shared<Request>();
        request->method = std::string(message.method_string());
        request->target = std::string(message.target());
        request->remote_addr = address_;
        for (const auto& field : message)
            request->headers.emplace(std::string(field.name_string()), std::string(field.value()));
        request->body = std::move(message.body());
        keep_alive_ = message.keep_alive();
        const bool head_only = request->method == "HEAD";
        parser_.reset();
        Lowest().expires_never();
        net::post(state_->workers, [self = this->shared_from_this(), request, head_only] {
            auto response = std::make_shared<Response>();
            RunHandler(*self->state_, *request, *response);
            auto wire = std::make_shared<ResponseWire>(
                BuildResponseWire(*self->state_, *response, head_only, !self->keep_alive_));
            net::post(self->stream_.get_executor(), [self, response, wire] { self->Send(response, wire); });
        });
    }

    void RefuseTooLarge() {
        Refuse(413, "body_too_large", "要求の本文が大きすぎます (16 KiB まで)。",
               "The request body is too large (16 KiB at most).");
    }

    // Answers an error and closes: what follows in the stream cannot be trusted as a request.
    void Refuse(int status, const char* code, const std::string& ja, const std::string& en) {
        auto response = std::make_shared<Response>();
        state_->hooks.error(*response, status, code, ja, en);
        keep_alive_ = false;
        auto wire = std::make_shared<ResponseWire>(BuildResponseWire(*state_, *response, false, true));
        Send(response, wire);
    }

    void Send(std::shared_ptr<Response> response, std::shared_ptr<ResponseWire> wire) {
        Lowest().expires_after(state_->options.send_timeout);
        std::array<net::const_buffer, 2> buffers{net::buffer(wire->head), net::buffer(response->body)};
        if (wire->no_body) buffers[1] = net::const_buffer();
        net::async_write(stream_, buffers,
                         [self = this->shared_from_this(), response, wire](beast::error_code ec, size_t) {
                             if (ec) return self->Close();
                             self->SendSlices(response, wire, 0);
                         });
    }

    // A provider's body in slices of kSendSlice, each with its own send deadline.
    void SendSlices(std::shared_ptr<Response> response, std::shared_ptr<ResponseWire> wire, size_t offset) {
        if (wire->no_body || !response->content_provider_ || offset >= response->content_length_)
            return AfterSend();
        auto slice = std::make_shared<std::string>();
        const size_t length = std::min(kSendSlice, response->content_length_ - offset);
        DataSink sink;
        sink.write = [&slice](const char* data, size_t n) {
            slice->append(data, n);
            return true;
        };
        if (!response->content_provider_(offset, length, sink) || slice->empty()) return Close();
        Lowest().expires_after(state_->options.send_timeout);
        net::async_write(
            stream_, net::buffer(*slice),
            [self = this->shared_from_this(), response, wire, slice, offset](beast::error_code ec, size_t n) {
                if (ec) return self->Close();
                self->SendSlices(response, wire, offset + n);
            });
    }

    void AfterSend() {
        ++served_;
        if (!keep_alive_) return Close();
        waiting_idle_ = false;
        ReadHead();
    }

    void Close() {
        if constexpr (kTls) {
            Lowest().expires_after(std::chrono::seconds(2));
            stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) { self->Linger(); });
        } else {
            Linger();
        }
    }

    // Half-closes and drains briefly before closing, so that unread request bytes do not make
    // the kernel reset the connection before the client has read our last answer.
    void Linger() {
        beast::error_code ec;
        Lowest().socket().shutdown(tcp::socket::shutdown_send, ec);
        if (ec) return Lowest().close();
        Lowest().expires_after(std::chrono::seconds(2));
        auto sink = std::make_shared<std::array<char, 4096>>();
        DrainUntilClosed(sink, 0);
    }

    void DrainUntilClosed(std::shared_ptr<std::array<char, 4096>> sink, size_t drained) {
        if (drained > kMaxDrainBytes) return Lowest().close();
        Lowest().async_read_some(net::buffer(*sink), [self = this->shared_from_this(), sink, drained](
                                                         beast::error_code ec, size_t n) {
            if (ec) return self->Lowest().close();
            self->DrainUntilClosed(sink, drained + n);
        });
    }

    std::shared_ptr<State> state_;
    Stream stream_;
    std::string address_;
    bool refuse_;
    beast::flat_buffer buffer_{state_->options.head.head_bytes + kReadChunk + 64};
    std::optional<beast::http::request_parser<beast::http::string_body>> parser_;
    bool keep_alive_ = true;
    bool waiting_idle_ = false;
    bool head_started_ = false;
    size_t served_ = 0;
};

}  // namespace

void StartConnection(const std::shared_ptr<State>& state, tcp::socket socket) {
    beast::error_code ec;
    const auto peer = socket.remote_endpoint(ec);
    if (ec) return;
    std::string address = peer.address().to_string();
    const Admission admission = state->Admit(address);
    if (admission == Admission::Drop) return;
    const bool refuse = admission == Admission::Refuse;
    socket.set_option(tcp::no_delay(true), ec);
    if (state->tls) {
        std::make_shared<Connection<beast::ssl_stream<beast::tcp_stream>>>(state, std::move(address), refuse,
                                                                           std::move(socket), *state->tls)
            ->Start();
    } else {
        std::make_shared<Connection<beast::tcp_stream>>(state, std::move(address), refuse, std::move(socket))
            ->Start();
    }
}

}  // namespace portal::server::http
