// The HTTP vocabulary the route handlers speak: a request, a response, a streaming sink and the
// router that maps a method and a path to a handler. Route files include only this header, so
// they do not depend on which HTTP library serves them; the transport behind these names is
// chosen in one place (here and server_app.cpp).
#pragma once
#include <httplib.h>

namespace portal::server::http {

using Request = httplib::Request;
using Response = httplib::Response;
using DataSink = httplib::DataSink;
using Headers = httplib::Headers;
using Router = httplib::Server;

}  // namespace portal::server::http
