// gzip (RFC 1952) of a whole buffer with zlib, for payloads that are compressed once and served
// many times, and its inverse for payloads kept compressed at rest.
#pragma once
#include <string>
#include <string_view>

namespace portal::server {

// Empty on failure (callers then send the plain bytes).
std::string Gzip(std::string_view bytes, int level = 6);

// The bytes inside one gzip member; false when `packed` is not a complete, intact gzip stream
// (its CRC is checked) or would unpack to more than `max_bytes`.
bool Gunzip(std::string_view packed, std::string& plain, size_t max_bytes);

}  // namespace portal::server
