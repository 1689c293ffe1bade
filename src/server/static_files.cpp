// The built client (index.html, .js, .wasm, fonts) from --web-root, with the right media types,
// precompressed .br / .gz variants when they exist and the browser accepts them, and ETag /
// Last-Modified revalidation (Cache-Control: no-cache) so a reload costs a 304, not the WASM.
#include <sys/stat.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app_context.h"
#include "server/http_common.h"

namespace portal::server {
namespace {

namespace fs = std::filesystem;

const char* MediaType(const std::string& extension) {
    static const std::pair<const char*, const char*> types[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".wasm", "application/wasm"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".ttf", "font/ttf"},
        {".otf", "font/otf"},
        {".txt", "text/plain; charset=utf-8"},
        {".webmanifest", "application/manifest+json"},
    };
    for (const auto& [ext, type] : types)
        if (extension == ext) return type;
    return "application/octet-stream";
}

// Only plain relative paths: no "..", no hidden files, no backslashes or NULs.
bool SafeRelativePath(const std::string& path) {
    if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return false;
    std::stringstream parts(path);
    std::string part;
    while (std::getline(parts, part, '/'))
        if (part == ".." || (!part.empty() && part[0] == '.')) return false;
    return true;
}

// A regular file whose real path (symbolic links followed) is inside the web root, with its
// size and modification time; false otherwise. A link that leads out of the root is refused even
// though the request path itself looked harmless.
struct FileFacts {
    fs::path real;
    uint64_t size = 0;
    int64_t mtime_ns = 0;
};
bool ResolveInsideRoot(const fs::path& root, const fs::path& candidate, FileFacts& facts) {
    std::error_code ec;
    facts.real = fs::canonical(candidate, ec);
    if (ec) return false;
    const std::string real = facts.real.string();
    const std::string prefix = root.string() + "/";
    if (real.compare(0, prefix.size(), prefix) != 0) return false;
    struct stat info {};
    if (::stat(real.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) return false;
    facts.size = static_cast<uint64_t>(info.st_size);
    facts.mtime_ns = static_cast<int64_t>(info.st_mtim.tv_sec) * 1000000000 + info.st_mtim.tv_nsec;
    return true;
}

std::shared_ptr<const std::string> ReadWholeFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return nullptr;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return std::make_shared<const std::string>(buffer.str());
}

std::string HttpDate(int64_t seconds) {
    const std::time_t t = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char text[40];
    std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
    return text;
}

// IMF-fixdate only (what browsers send back); -1 when it is not one.
int64_t ParseHttpDate(const std::string& text) {
    std::tm utc{};
    const char* end = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &utc);
    if (end == nullptr || *end != '\0') return -1;
    return static_cast<int64_t>(timegm(&utc));
}

// Strong validator of one representation: the encoding is part of it, since the bytes differ.
std::string MakeETag(const FileFacts& facts, const char* encoding) {
    std::ostringstream tag;
    tag << '"' << std::hex << facts.size << '-' << facts.mtime_ns;
    if (encoding) tag << '-' << encoding;
    tag << '"';
    return tag.str();
}

// If-None-Match (a list, "*", weak tags compared weakly as RFC 9110 says for GET), else
// If-Modified-Since. True when the browser's copy is current.
bool NotModified(const http::Request& req, const std::string& etag, int64_t mtime_seconds) {
    if (req.has_header("If-None-Match")) {
        std::stringstream tags(req.get_header_value("If-None-Match"));
        std::string tag;
        while (std::getline(tags, tag, ',')) {
            const size_t first = tag.find_first_not_of(' ');
            if (first == std::string::npos) continue;
            tag = tag.substr(first, tag.find_last_not_of(' ') - first + 1);
            if (tag.rfind("W/", 0) == 0) tag = tag.substr(2);
            if (tag == "*" || tag == etag) return true;
        }
        return false;
    }
    if (!req.has_header("If-Modified-Since")) return false;
    const int64_t since = ParseHttpDate(req.get_header_value("If-Modified-Since"));
    return since >= 0 && mtime_seconds <= since;
}

void NotFound(http::Response& res) {
    SendError(res, 404, "not_found", "ページが見つかりません。", "Not found.");
}

// The representation to send: the .br or .gz twin when the browser takes it and it is not older
// than the file (a stale twin from an earlier build would serve old code), else the file.
const char* ChooseVariant(const http::Request& req, const fs::path& root, const FileFacts& original,
                          FileFacts& chosen) {
    for (const char* encoding : {"br", "gzip"}) {
        if (!AcceptsEncoding(req, encoding)) continue;
        FileFacts twin;
        const fs::path path = original.real.string() + (encoding[0] == 'b' ? ".br" : ".gz");
        if (ResolveInsideRoot(root, path, twin) && twin.mtime_ns >= original.mtime_ns) {
            chosen = twin;
            return encoding;
        }
    }
    chosen = original;
    return nullptr;
}

}  // namespace

void AddStaticRoutes(http::Router& server, AppContext& app) {
    std::error_code ec;
    const fs::path root =
        app.settings.web_root.empty() ? fs::path() : fs::weakly_canonical(app.settings.web_root, ec);
    server.Get(R"(/(.*))", [root](const http::Request& req, http::Response& res) {
        if (req.path.rfind("/api/", 0) == 0 || root.empty()) return NotFound(res);
        std::string relative = req.path.substr(1);
        if (relative.empty() || relative.back() == '/') relative += "index.html";
        FileFacts original, chosen;
        if (!SafeRelativePath(relative) || !ResolveInsideRoot(root, root / relative, original))
            return NotFound(res);
        const char* content_encoding = ChooseVariant(req, root, original, chosen);
        const std::string etag = MakeETag(chosen, content_encoding);
        const int64_t mtime_seconds = chosen.mtime_ns / 1000000000;
        res.set_header("Vary", "Accept-Encoding");
        res.set_header("Cache-Control", "no-cache");
        res.set_header("ETag", etag);
        res.set_header("Last-Modified", HttpDate(mtime_seconds));
        if (NotModified(req, etag, mtime_seconds)) {
            res.status = 304;
            return;
        }
        auto body = ReadWholeFile(chosen.real);
        if (!body) return NotFound(res);
        if (content_encoding) res.set_header("Content-Encoding", content_encoding);
        res.status = 200;
        // The original's type; a content provider sends the shared bytes in slices, no copy of all.
        res.set_content_provider(body->size(), MediaType(fs::path(relative).extension().string()),
                                 [body](size_t offset, size_t length, http::DataSink& sink) {
                                     sink.write(body->data() + offset,
                                                std::min(length, body->size() - offset));
                                     return true;
                                 });
    });
}

}  // namespace portal::server
