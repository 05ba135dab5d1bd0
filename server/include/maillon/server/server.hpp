#pragma once
// The HTTP server of `maillon serve` (cpp-httplib): thin handlers over a ServedState, one error
// table (api_error.hpp), static files from web-static/ (Leaflet from its npm package), one log
// line per request. See docs/api.md, which lists the limits below for a public deployment.

#include "maillon/server/served_state.hpp"

#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace maillon::server {

/// What one client may cost the server. cpp-httplib serves a connection on one thread for its
/// whole life (keep-alive included), so `threads` is the number of connections served at once.
struct ServerLimits {
    std::size_t threads = 64;             // connections served at once
    std::size_t max_queued = 256;         // accepted connections waiting for a thread; beyond, the
                                          // server stops accepting (they wait in the kernel's backlog)
    std::size_t max_body_bytes = 8 * 1024;  // request body (the API takes none); request line and
                                            // each header line are bounded to 8 KiB by cpp-httplib
    int read_timeout_s = 5;               // a request slower to arrive is dropped
    int write_timeout_s = 10;             // a client slower to read its response is dropped
    int keep_alive_timeout_s = 2;         // an idle keep-alive connection is closed after this
    std::size_t keep_alive_max_requests = 100;  // then the connection is closed (fairness)
    std::size_t route_searches = 0;       // routes computed at once (graph-sized work arrays each);
                                          // 0: one per core, at least 2
};

struct ServerOptions {
    std::string web_root;            // web-static/ (index.html, js/, css/); "" serves no page
    std::string leaflet_dir;         // web-static/node_modules/leaflet/dist, served at /vendor/leaflet
    std::size_t max_features = 20000;  // bound on a layer response (TooLarge beyond)
    std::function<void(const std::string&)> log;  // one line per request; empty: no log
    ServerLimits limits;
};

class ApiServer {
public:
    /// A server without its state yet: bind() first (fail fast on a busy port), set_state()
    /// once the analysis is done, then listen_after_bind().
    explicit ApiServer(ServerOptions options);
    ApiServer(const ServedState& state, ServerOptions options);
    ~ApiServer();
    ApiServer(const ApiServer&) = delete;
    ApiServer& operator=(const ApiServer&) = delete;

    /// The state the handlers serve; must outlive the server. Call before listening.
    void set_state(const ServedState& state);
    /// Binds host:port for this server alone (no SO_REUSEPORT: a second server on the same port
    /// fails instead of sharing it). Returns 0, or the errno of the failure (EADDRINUSE, EACCES,
    /// EADDRNOTAVAIL…; EINVAL when the host does not resolve).
    int bind(const std::string& host, int port);
    /// Binds to a free port (tests); returns it, or -1.
    int bind_to_any_port(const std::string& host);
    /// Serves until stop(). @pre bound, state set.
    bool listen_after_bind();
    void wait_until_ready() const;
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace maillon::server
