// gzip (RFC 1952) of a whole buffer with zlib, for payloads that are compressed once and served
// many times.
#pragma once
#include <string>
#include <string_view>

namespace portal::server {

// Empty on failure (callers then send the plain bytes).
std::string Gzip(std::string_view bytes, int level = 6);

}  // namespace portal::server
