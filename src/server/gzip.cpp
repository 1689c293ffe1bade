// One-shot gzip through zlib's deflate with a gzip wrapper (windowBits 15 + 16).
#include "server/gzip.h"

#include <zlib.h>

#include <algorithm>

namespace portal::server {

std::string Gzip(std::string_view bytes, int level) {
    z_stream stream{};
    if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
    std::string out(deflateBound(&stream, bytes.size()) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    stream.avail_in = static_cast<uInt>(bytes.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return rc == Z_STREAM_END ? out : std::string();
}

bool Gunzip(std::string_view packed, std::string& plain, size_t max_bytes) {
    z_stream stream{};
    if (inflateInit2(&stream, 15 + 16) != Z_OK) return false;
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
    stream.avail_in = static_cast<uInt>(packed.size());
    // The trailer's ISIZE is the plain size (mod 2^32): one allocation of the right size instead
    // of doublings, each of which would touch (and zero) fresh pages of a payload of 80 MB.
    size_t expected = packed.size() * 4;
    if (packed.size() >= 18) {
        const auto* tail = reinterpret_cast<const unsigned char*>(packed.data() + packed.size() - 4);
        expected = size_t{tail[0]} | size_t{tail[1]} << 8 | size_t{tail[2]} << 16 | size_t{tail[3]} << 24;
    }
    plain.resize(std::min(max_bytes, std::max<size_t>(expected, 4096)));
    int rc = Z_OK;
    while (rc == Z_OK) {
        if (stream.total_out == plain.size()) {
            if (plain.size() >= max_bytes) break;
            plain.resize(std::min(max_bytes, plain.size() * 2));
        }
        stream.next_out = reinterpret_cast<Bytef*>(plain.data() + stream.total_out);
        stream.avail_out = static_cast<uInt>(plain.size() - stream.total_out);
        rc = inflate(&stream, Z_NO_FLUSH);
    }
    // Whatever follows the member (a second member, junk) is damage too.
    const bool ok = rc == Z_STREAM_END && stream.avail_in == 0;
    plain.resize(ok ? stream.total_out : 0);
    inflateEnd(&stream);
    return ok;
}

}  // namespace portal::server
