#include "maillon/server/server.hpp"

#include "gzip.hpp"
#include "handlers.hpp"
#include "handlers_context.hpp"
#include "maillon/server/api_error.hpp"
#include "maillon/server/connection_pool.hpp"
#include "route_searches.hpp"

#include <httplib.h>
#include <sys/socket.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <thread>

namespace maillon::server {
namespace {

constexpr const char* json_type = "application/json; charset=utf-8";

/// Input echoed into a log line: control bytes (a raw ESC or newline in a request line could
/// forge log lines or drive a terminal) written as \xNN.
std::string printable(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7F) {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02X", u);
            out += hex;
        } else {
            out += c;
        }
    }
    return out;
}

/// The listening socket's only option: SO_REUSEADDR, so that a restarted server can bind while
/// old connections linger in TIME_WAIT. Not cpp-httplib's default SO_REUSEPORT, with which a
/// second server on the same port would bind too and silently share the connections.
void exclusive_socket_options(socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

void answer_error(httplib::Response& res, ErrorCode code, const std::string& message) {
    res.status = error_info(code).status;
    res.set_content(error_body(code, message), json_type);
}

}  // namespace

struct ApiServer::Impl {
    const ServedState* state = nullptr;
    ServerOptions options;
    httplib::Server http;
    std::unique_ptr<RouteSearches> route_searches;
    std::unique_ptr<ContextLayers> context;  // streets, place search, candidates (handlers_context.hpp)
    socket_t listening = INVALID_SOCKET;      // the listening socket, once bound

    explicit Impl(ServerOptions o) : options(std::move(o)) {}

    /// Wraps a handler: API errors become the JSON of the error table, anything else a 500 of
    /// the same table (logged): no exception leaves a handler.
    template <typename F>
    httplib::Server::Handler api(F f) {
        return [this, f](const httplib::Request& req, httplib::Response& res) {
            res.set_header("Cache-Control", "no-store");
            try {
                f(req, res);
                compress(req, res);
            } catch (const ApiError& e) {
                answer_error(res, e.code(), e.what());
            } catch (const std::exception& e) {
                internal_error(req, res, e.what());
            } catch (...) {
                internal_error(req, res, "unknown exception");
            }
        };
    }

    void internal_error(const httplib::Request& req, httplib::Response& res, const std::string& what) noexcept {
        try {
            log("internal error on " + req.path + ": " + what);
            res.headers.erase("Content-Encoding");
            answer_error(res, ErrorCode::internal, "internal error: " + what);
        } catch (...) {
            res.status = 500;
        }
    }

    void log(const std::string& line) const {
        if (options.log) options.log(printable(line));
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

    const ServedState& served() const {
        if (!state) throw std::logic_error{"ApiServer: no state set"};
        return *state;
    }
    const ContextLayers& context_layers() const {
        if (!context) throw std::logic_error{"ApiServer: no state set"};
        return *context;
    }

    void routes() {
        const std::size_t max = options.max_features;
        http.Get("/api/v1/meta", api([this](const auto& q, auto& r) { handle_meta(served(), q, r); }));
        http.Get("/api/v1/indicators", api([this](const auto& q, auto& r) { handle_indicators(served(), q, r); }));
        http.Get("/api/v1/gaps", api([this, max](const auto& q, auto& r) { handle_gaps(served(), max, q, r); }));
        http.Get("/api/v1/network", api([this, max](const auto& q, auto& r) { handle_network(served(), max, q, r); }));
        http.Get("/api/v1/qpv", api([this](const auto& q, auto& r) { handle_qpv(served(), q, r); }));
        http.Get("/api/v1/stations", api([this](const auto& q, auto& r) { handle_stations(served(), q, r); }));
        http.Get("/api/v1/route", api([this](const auto& q, auto& r) { handle_route(served(), *route_searches, q, r); }));

        http.Get("/api/v1/streets", api([this, max](const auto& q, auto& r) { handle_streets(context_layers(), max, q, r); }));
        http.Get("/api/v1/search", api([this](const auto& q, auto& r) { handle_search(context_layers(), q, r); }));
        http.Get("/api/v1/candidates", api([this, max](const auto& q, auto& r) { handle_candidates(context_layers(), max, q, r); }));

        // Methods other than GET/HEAD: 405 of the table. A request that announces no body (no
        // Content-Length, no Transfer-Encoding) has none (RFC 9112 §6.3): answer before routing,
        // or cpp-httplib would wait for one until the read timeout. One that announces a body is
        // read first (bounded by max_body_bytes, 413 beyond), so that the connection stays in step.
        http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
            if (req.method == "GET" || req.method == "HEAD") return httplib::Server::HandlerResponse::Unhandled;
            if (req.has_header("Content-Length") || req.has_header("Transfer-Encoding")) {
                return httplib::Server::HandlerResponse::Unhandled;
            }
            not_allowed(req, res);
            return httplib::Server::HandlerResponse::Handled;
        });
        const auto not_allowed_handler = [this](const httplib::Request& req, httplib::Response& res) { not_allowed(req, res); };
        http.Post(".*", not_allowed_handler);
        http.Put(".*", not_allowed_handler);
        http.Delete(".*", not_allowed_handler);
        http.Patch(".*", not_allowed_handler);
        http.Options(".*", not_allowed_handler);

        if (!options.web_root.empty()) http.set_mount_point("/", options.web_root);
        if (!options.leaflet_dir.empty()) http.set_mount_point("/vendor/leaflet", options.leaflet_dir);
        http.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
        // The page's modules carry no version in their names: make browsers revalidate them.
        http.set_file_request_handler([](const httplib::Request&, httplib::Response& res) {
            res.set_header("Cache-Control", "no-cache");
        });

        // cpp-httplib calls the error handler and the logger outside its try: they must not throw.
        http.set_error_handler([this](const httplib::Request& req, httplib::Response& res) {
            try {
                if (!res.body.empty()) return;  // an API error already answered with its JSON
                if (res.status == 404) {
                    answer_error(res, ErrorCode::not_found, "no such path: " + req.path + " (see docs/api.md)");
                } else if (res.status == 413 || res.status == 414) {
                    answer_error(res, ErrorCode::too_large,
                                 "request too large (limits: request line and each header 8 KiB, body " +
                                     std::to_string(options.limits.max_body_bytes) + " bytes)");
                } else if (res.status >= 500) {
                    answer_error(res, ErrorCode::internal, "internal error");
                } else {
                    const int status = res.status;
                    answer_error(res, ErrorCode::invalid_value, "bad request: not a valid HTTP/1.1 request");
                    res.status = status;
                }
            } catch (...) {
                res.body.clear();
            }
        });
        http.set_exception_handler([this](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
            std::string what = "unknown exception";
            try {
                std::rethrow_exception(ep);
            } catch (const std::exception& e) {
                what = e.what();
            } catch (...) {
            }
            internal_error(req, res, what);
        });
        if (options.log) {
            http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
                try {
                    log(req.remote_addr + " \"" + req.method + " " + req.target + "\" " + std::to_string(res.status) + " " +
                        std::to_string(res.body.size()));
                } catch (...) {
                }
            });
        }
        apply_limits();
    }

    void not_allowed(const httplib::Request& req, httplib::Response& res) {
        res.set_header("Allow", "GET, HEAD");
        res.set_header("Cache-Control", "no-store");
        answer_error(res, ErrorCode::method_not_allowed, req.method + " is not allowed: the API only answers GET");
    }

    void apply_limits() {
        const ServerLimits& l = options.limits;
        // Small responses (the page, a route, an error) would otherwise wait for the client's
        // delayed ACK after the headers (Nagle): a fixed ~40 ms per response, measured.
        http.set_tcp_nodelay(true);
        http.set_socket_options([this](socket_t sock) {
            exclusive_socket_options(sock);
            listening = sock;  // the last one tried is the one bound (bind())
        });
        http.new_task_queue = [threads = l.threads, queued = l.max_queued] { return new ConnectionPool(threads, queued); };
        http.set_payload_max_length(l.max_body_bytes);
        http.set_keep_alive_max_count(l.keep_alive_max_requests);
        http.set_keep_alive_timeout(l.keep_alive_timeout_s);
        http.set_read_timeout(l.read_timeout_s, 0);
        http.set_write_timeout(l.write_timeout_s, 0);
    }
};

ApiServer::ApiServer(ServerOptions options) : m_impl(std::make_unique<Impl>(std::move(options))) { m_impl->routes(); }

ApiServer::ApiServer(const ServedState& state, ServerOptions options) : ApiServer(std::move(options)) { set_state(state); }

ApiServer::~ApiServer() = default;

void ApiServer::set_state(const ServedState& state) {
    m_impl->state = &state;
    std::size_t searches = m_impl->options.limits.route_searches;
    if (searches == 0) searches = std::max(2U, std::thread::hardware_concurrency());
    m_impl->route_searches = std::make_unique<RouteSearches>(state.graph(), searches);
    m_impl->context = std::make_unique<ContextLayers>(state);
}

namespace {
/// Debian's cpp-httplib (0.11, a compiled library: its CPPHTTPLIB_LISTEN_BACKLOG cannot be
/// redefined here) listens with a backlog of 5. Under load, clients that reconnect (a keep-alive
/// connection ends after keep_alive_max_requests) overflowed it, and each connection dropped
/// waited for the client's retransmission: the isolated 35-830 ms p99 stalls of
/// bench/serve-bench.sh, with the kernel's ListenOverflows counter rising by ~50 in 8 s of wrk on
/// the demo. listen() again on the bound socket sets the backlog (the kernel caps it at somaxconn).
constexpr int listen_backlog = 1024;

void widen_backlog(socket_t listening) {
    if (listening != INVALID_SOCKET) ::listen(listening, listen_backlog);
}
}  // namespace

int ApiServer::bind(const std::string& host, int port) {
    errno = 0;
    if (m_impl->http.bind_to_port(host, port)) {
        widen_backlog(m_impl->listening);
        return 0;
    }
    // cpp-httplib reports failure only; errno is still that of the failed getaddrinfo/bind
    // (close() of the failed socket leaves it alone).
    return errno != 0 ? errno : EINVAL;
}

int ApiServer::bind_to_any_port(const std::string& host) {
    const int port = m_impl->http.bind_to_any_port(host);
    if (port > 0) widen_backlog(m_impl->listening);
    return port;
}

bool ApiServer::listen_after_bind() {
    m_impl->served();  // throws without a state
    return m_impl->http.listen_after_bind();
}

void ApiServer::wait_until_ready() const {
    while (!m_impl->http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

void ApiServer::stop() { m_impl->http.stop(); }

}  // namespace maillon::server
