// The built client (index.html, .js, .wasm, fonts) from --web-root, with the right media types
// and precompressed .br / .gz variants when they exist and the browser accepts them.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app_context.h"
#include "server/http_common.h"

namespace portal::server {
namespace {

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

std::shared_ptr<const std::string> ReadWholeFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return nullptr;
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return std::make_shared<const std::string>(buffer.str());
}

void NotFound(httplib::Response& res) {
    SendError(res, 404, "not_found", "ページが見つかりません。", "Not found.");
}

}  // namespace

void AddStaticRoutes(httplib::Server& server, AppContext& app) {
    server.Get(R"(/(.*))", [&app](const httplib::Request& req, httplib::Response& res) {
        if (req.path.rfind("/api/", 0) == 0 || app.settings.web_root.empty()) return NotFound(res);
        std::string relative = req.path.substr(1);
        if (relative.empty() || relative.back() == '/') relative += "index.html";
        if (!SafeRelativePath(relative)) return NotFound(res);
        const std::filesystem::path file = std::filesystem::path(app.settings.web_root) / relative;
        std::error_code ec;
        if (!std::filesystem::is_regular_file(file, ec)) return NotFound(res);

        std::filesystem::path chosen = file;
        const char* content_encoding = nullptr;
        for (const char* encoding : {"br", "gzip"}) {
            const std::filesystem::path variant = file.string() + (encoding[0] == 'b' ? ".br" : ".gz");
            if (AcceptsEncoding(req, encoding) && std::filesystem::is_regular_file(variant, ec)) {
                chosen = variant;
                content_encoding = encoding;
                break;
            }
        }
        auto body = ReadWholeFile(chosen);
        if (!body) return NotFound(res);
        res.set_header("Vary", "Accept-Encoding");
        res.set_header("Cache-Control", "no-cache");
        if (content_encoding) res.set_header("Content-Encoding", content_encoding);
        res.status = 200;
        // A content provider, so cpp-httplib does not compress a second time.
        res.set_content_provider(body->size(), MediaType(file.extension().string()),
                                 [body](size_t offset, size_t length, httplib::DataSink& sink) {
                                     sink.write(body->data() + offset,
                                                std::min(length, body->size() - offset));
                                     return true;
                                 });
    });
}

}  // namespace portal::server
