// The HTTP vocabulary the route handlers speak: a request, a response, a streaming sink and the
// router that maps a method and a path to a handler. Route files include only this header, so
// they do not depend on which HTTP library serves them (Boost.Beast, behind src/server/http/).
// The member names follow the small subset of cpp-httplib's API the routes were written against.
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

namespace portal::server::http {

// Header names compare without regard to case (RFC 9110 §5.1).
struct CaseInsensitiveLess {
    bool operator()(const std::string& a, const std::string& b) const;
};
using Headers = std::multimap<std::string, std::string, CaseInsensitiveLess>;
using Params = std::multimap<std::string, std::string>;

struct Request {
    std::string method;       // "GET", "POST", ... ("HEAD" is routed as GET)
    std::string target;       // as sent: path and query
    std::string path;         // percent-decoded path without the query
    std::string remote_addr;  // the peer's address, no port
    Headers headers;
    Params params;  // the decoded query
    std::string body;

    bool has_header(const std::string& name) const;
    std::string get_header_value(const std::string& name, size_t index = 0) const;
    size_t get_header_value_count(const std::string& name) const;
    bool has_param(const std::string& name) const;
    std::string get_param_value(const std::string& name, size_t index = 0) const;
};

// Receives a streamed body's bytes; `write` returns false once the peer is gone.
struct DataSink {
    std::function<bool(const char* data, size_t length)> write;
};
// Writes the bytes [offset, offset + length) of a body whose total size is known up front.
using ContentProvider = std::function<bool(size_t offset, size_t length, DataSink& sink)>;

struct Response {
    int status = -1;  // -1: not set by the handler; 200 when it gave a body
    Headers headers;
    std::string body;
    size_t content_length_ = 0;  // of the provider's body
    ContentProvider content_provider_;

    bool has_header(const std::string& name) const;
    std::string get_header_value(const std::string& name) const;
    void set_header(const std::string& name, const std::string& value);
    void set_content(const std::string& content, const std::string& content_type);
    void set_content(std::string&& content, const std::string& content_type);
    // The body comes from `provider` in slices while it is sent (no second copy of a big body).
    void set_content_provider(size_t length, const std::string& content_type, ContentProvider provider);
};

using Handler = std::function<void(const Request&, Response&)>;

// Routes by method and path. A pattern without regular-expression characters other than '.'
// matches the path exactly ("/api/v1/lines.csv"); any other pattern is a std::regex over the whole path (the
// static files' "/(.*)").
class Router {
  public:
    Router& Get(const std::string& pattern, Handler handler);
    Router& Post(const std::string& pattern, Handler handler);
    Router& Put(const std::string& pattern, Handler handler);
    Router& Delete(const std::string& pattern, Handler handler);

    // Runs the handler of (method, path). False when no route of that method matches; then
    // `allow` lists the methods the exactly named path accepts (empty: the path is unknown).
    bool Dispatch(const Request& req, Response& res, std::string& allow) const;

  private:
    struct Route {
        std::string method;
        std::string exact;  // set for plain patterns
        std::unique_ptr<std::regex> regex;
        Handler handler;
    };
    Router& Add(const char* method, const std::string& pattern, Handler handler);
    std::vector<Route> routes_;
};

}  // namespace portal::server::http
