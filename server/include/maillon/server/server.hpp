#pragma once
// The HTTP server of `maillon serve` (cpp-httplib): thin handlers over a ServedState, one error
// table (api_error.hpp), static files from web-static/ (Leaflet from its npm package), one log
// line per request. See docs/api.md.

#include "maillon/server/served_state.hpp"

#include <functional>
#include <memory>
#include <string>

namespace maillon::server {

struct ServerOptions {
    std::string web_root;            // web-static/ (index.html, js/, css/); "" serves no page
    std::string leaflet_dir;         // web-static/node_modules/leaflet/dist, served at /vendor/leaflet
    std::size_t max_features = 20000;  // bound on a layer response (TooLarge beyond)
    std::function<void(const std::string&)> log;  // one line per request; empty: no log
};

class ApiServer {
public:
    ApiServer(const ServedState& state, ServerOptions options);
    ~ApiServer();
    ApiServer(const ApiServer&) = delete;
    ApiServer& operator=(const ApiServer&) = delete;

    /// Binds and serves until stop(); returns false when the address cannot be bound.
    bool listen(const std::string& host, int port);
    /// Binds to a free port (tests); then call listen_after_bind() in a thread.
    int bind_to_any_port(const std::string& host);
    bool listen_after_bind();
    void wait_until_ready() const;
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace maillon::server
