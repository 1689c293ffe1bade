// The request and response accessors the route handlers use, and the router.
#include <strings.h>

#include "server/http_types.h"

namespace portal::server::http {

bool CaseInsensitiveLess::operator()(const std::string& a, const std::string& b) const {
    return ::strcasecmp(a.c_str(), b.c_str()) < 0;
}

bool Request::has_header(const std::string& name) const {
    return headers.find(name) != headers.end();
}

std::string Request::get_header_value(const std::string& name, size_t index) const {
    auto [first, last] = headers.equal_range(name);
    for (; first != last; ++first) {
        if (index == 0) return first->second;
        --index;
    }
    return {};
}

size_t Request::get_header_value_count(const std::string& name) const {
    return headers.count(name);
}

bool Request::has_param(const std::string& name) const {
    return params.find(name) != params.end();
}

std::string Request::get_param_value(const std::string& name, size_t index) const {
    auto [first, last] = params.equal_range(name);
    for (; first != last; ++first) {
        if (index == 0) return first->second;
        --index;
    }
    return {};
}

bool Response::has_header(const std::string& name) const {
    return headers.find(name) != headers.end();
}

std::string Response::get_header_value(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

void Response::set_header(const std::string& name, const std::string& value) {
    // A CR or LF in a value would let it start a header of its own: such a value is dropped.
    for (const std::string* text : {&name, &value})
        if (text->find_first_of("\r\n") != std::string::npos) return;
    headers.emplace(name, value);
}

void Response::set_content(const std::string& content, const std::string& content_type) {
    set_content(std::string(content), content_type);
}

void Response::set_content(std::string&& content, const std::string& content_type) {
    body = std::move(content);
    content_provider_ = nullptr;
    content_length_ = 0;
    headers.erase("Content-Type");
    set_header("Content-Type", content_type);
}

void Response::set_content_provider(size_t length, const std::string& content_type,
                                    ContentProvider provider) {
    body.clear();
    content_length_ = length;
    content_provider_ = std::move(provider);
    headers.erase("Content-Type");
    set_header("Content-Type", content_type);
}

Router& Router::Get(const std::string& pattern, Handler handler) {
    return Add("GET", pattern, std::move(handler));
}
Router& Router::Post(const std::string& pattern, Handler handler) {
    return Add("POST", pattern, std::move(handler));
}
Router& Router::Put(const std::string& pattern, Handler handler) {
    return Add("PUT", pattern, std::move(handler));
}
Router& Router::Delete(const std::string& pattern, Handler handler) {
    return Add("DELETE", pattern, std::move(handler));
}

Router& Router::Add(const char* method, const std::string& pattern, Handler handler) {
    Route route;
    route.method = method;
    route.handler = std::move(handler);
    if (pattern.find_first_of("()[]{}*+?^$|\\") == std::string::npos)
        route.exact = pattern;
    else
        route.regex = std::make_unique<std::regex>(pattern);
    routes_.push_back(std::move(route));
    return *this;
}

bool Router::Dispatch(const Request& req, Response& res, std::string& allow) const {
    const std::string& method = req.method == "HEAD" ? std::string("GET") : req.method;
    allow.clear();
    // Exact paths first, so a catch-all expression registered early cannot hide them.
    for (const Route& route : routes_) {
        if (route.regex || route.exact != req.path) continue;
        if (route.method == method) return route.handler(req, res), true;
        if (allow.find(route.method) == std::string::npos)
            allow += (allow.empty() ? "" : ", ") + route.method;
    }
    if (!allow.empty()) return false;
    for (const Route& route : routes_) {
        if (!route.regex || route.method != method) continue;
        if (std::regex_match(req.path, *route.regex)) return route.handler(req, res), true;
    }
    return false;
}

}  // namespace portal::server::http
