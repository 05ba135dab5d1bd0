#include "maillon/server/server.hpp"

#include "gzip.hpp"
#include "handlers.hpp"
#include "handlers_context.hpp"
#include "maillon/server/api_error.hpp"

#include <httplib.h>

#include <chrono>
#include <cstdio>

namespace maillon::server {

struct ApiServer::Impl {
    const ServedState& state;
    ServerOptions options;
    httplib::Server http;
    std::unique_ptr<ContextLayers> context;  // streets, place search, candidates (handlers_context.hpp)

    Impl(const ServedState& s, ServerOptions o) : state(s), options(std::move(o)), context(std::make_unique<ContextLayers>(s)) {}

    /// Wraps a handler: API errors become the JSON of the error table.
    template <typename F>
    httplib::Server::Handler api(F f) {
        return [this, f](const httplib::Request& req, httplib::Response& res) {
            res.set_header("Cache-Control", "no-store");
            try {
                f(req, res);
                compress(req, res);
            } catch (const ApiError& e) {
                res.status = error_info(e.code()).status;
                res.set_content(error_body(e.code(), e.what()), "application/json; charset=utf-8");
            }
        };
    }

    /// gzip for large bodies when the client accepts it (httplib only compresses the media types
    /// it knows, and application/geo+json is not one of them).
    static void compress(const httplib::Request& req, httplib::Response& res) {
        constexpr std::size_t threshold = 1024;
        if (res.body.size() < threshold || res.has_header("Content-Encoding")) return;
        const std::string accept = req.get_header_value("Accept-Encoding");
        if (accept.find("gzip") == std::string::npos) return;
        res.body = gzip(res.body);
        res.set_header("Content-Encoding", "gzip");
        res.set_header("Vary", "Accept-Encoding");
    }

    void routes() {
        const ServedState& s = state;
        const std::size_t max = options.max_features;
        http.Get("/api/v1/meta", api([&s](const auto& q, auto& r) { handle_meta(s, q, r); }));
        http.Get("/api/v1/indicators", api([&s](const auto& q, auto& r) { handle_indicators(s, q, r); }));
        http.Get("/api/v1/gaps", api([&s, max](const auto& q, auto& r) { handle_gaps(s, max, q, r); }));
        http.Get("/api/v1/network", api([&s, max](const auto& q, auto& r) { handle_network(s, max, q, r); }));
        http.Get("/api/v1/qpv", api([&s](const auto& q, auto& r) { handle_qpv(s, q, r); }));
        http.Get("/api/v1/stations", api([&s](const auto& q, auto& r) { handle_stations(s, q, r); }));
        http.Get("/api/v1/route", api([&s](const auto& q, auto& r) { handle_route(s, q, r); }));
        const ContextLayers& c = *context;
        http.Get("/api/v1/streets", api([&c, max](const auto& q, auto& r) { handle_streets(c, max, q, r); }));
        http.Get("/api/v1/search", api([&c](const auto& q, auto& r) { handle_search(c, q, r); }));
        http.Get("/api/v1/candidates", api([&c, max](const auto& q, auto& r) { handle_candidates(c, max, q, r); }));
        // Anything else under /api, and methods other than GET/HEAD: errors of the table.
        const auto not_allowed = api([](const httplib::Request& req, httplib::Response&) {
            throw ApiError{ErrorCode::method_not_allowed, req.method + " is not allowed: the API only answers GET"};
        });
        http.Post(".*", not_allowed);
        http.Put(".*", not_allowed);
        http.Delete(".*", not_allowed);
        http.Patch(".*", not_allowed);
        http.Options(".*", not_allowed);

        if (!options.web_root.empty()) http.set_mount_point("/", options.web_root);
        if (!options.leaflet_dir.empty()) http.set_mount_point("/vendor/leaflet", options.leaflet_dir);
        http.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
        // The page's modules carry no version in their names: make browsers revalidate them.
        http.set_file_request_handler([](const httplib::Request&, httplib::Response& res) {
            res.set_header("Cache-Control", "no-cache");
        });

        http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
            if (!res.body.empty()) return;  // an API error already answered with its JSON
            if (res.status == 404) {
                res.set_content(error_body(ErrorCode::not_found, "no such path: " + req.path + " (see docs/api.md)"),
                                "application/json; charset=utf-8");
            } else if (res.status == 413 || res.status == 414) {
                res.set_content(error_body(ErrorCode::too_large, "request too large (limit 8 KiB)"), "application/json; charset=utf-8");
            } else if (res.body.empty()) {
                res.set_content(error_body(ErrorCode::invalid_value, "bad request"), "application/json; charset=utf-8");
            }
        });
        http.set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "unknown";
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            if (options.log) options.log("internal error on " + req.path + ": " + what);
            res.status = 500;
            res.set_content(error_body(ErrorCode::internal, "internal error: " + what), "application/json; charset=utf-8");
        });
        if (options.log) {
            http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
                options.log(req.remote_addr + " \"" + req.method + " " + req.target + "\" " + std::to_string(res.status) +
                            " " + std::to_string(res.body.size()));
            });
        }
        http.set_payload_max_length(8 * 1024);
        http.set_keep_alive_max_count(100);
        http.set_read_timeout(5, 0);
        http.set_write_timeout(10, 0);
    }
};

ApiServer::ApiServer(const ServedState& state, ServerOptions options)
    : m_impl(std::make_unique<Impl>(state, std::move(options))) {
    m_impl->routes();
}

ApiServer::~ApiServer() = default;

bool ApiServer::listen(const std::string& host, int port) { return m_impl->http.listen(host, port); }
int ApiServer::bind_to_any_port(const std::string& host) { return m_impl->http.bind_to_any_port(host); }
bool ApiServer::listen_after_bind() { return m_impl->http.listen_after_bind(); }
void ApiServer::wait_until_ready() const {
    while (!m_impl->http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}
void ApiServer::stop() { m_impl->http.stop(); }

}  // namespace maillon::server
