// Between the parsed request and the bytes of the answer: the request target split into path and
// query, the handler run with the application's hooks, and the status line and header block.
#pragma once
#include <string>

#include "server/http/server_state.h"

namespace portal::server::http {

struct ResponseWire {
    std::string head;      // status line, header fields, blank line
    bool no_body = false;  // HEAD, 204, 304
};

// Splits req.target into path (percent-decoded) and params; false when it is not origin-form
// ("/path?query").
bool ParseTarget(Request& req);

// Routes the request; a wrong method on a known path is 405 with Allow, an unknown path 404, a
// handler's exception 503 (logged). Never throws.
void RunHandler(const Server::State& state, Request& req, Response& res);

ResponseWire BuildResponseWire(const Server::State& state, const Response& res, bool head_only, bool close);

}  // namespace portal::server::http
