#pragma once
// The in-process API server the API tests share (one for the whole test run: building the state
// of the République demo, with its residents from INSEE's Filosofi 2021 cells, takes a moment), and a raw-socket client for requests cpp-httplib's own
// client would not send as written (invalid UTF-8, no body, many idle connections).

#include "maillon/server/server.hpp"

#include <memory>
#include <string>
#include <thread>

namespace maillon::test {

struct TestServer {
    std::unique_ptr<server::ServedState> state;
    std::unique_ptr<server::ApiServer> server;
    std::thread thread;
    int port = 0;
    std::string web_root = "/tmp/maillon-test-web";

    TestServer();
    ~TestServer();
};

/// The shared server, started on first use on a free port of 127.0.0.1.
TestServer& test_server();

/// A TCP connection to 127.0.0.1:port whose reads give up after `timeout_ms` (so a server that
/// hangs fails the test instead of blocking it).
class RawConnection {
public:
    RawConnection(int port, int timeout_ms);
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    bool connected() const noexcept { return m_fd >= 0; }
    void send(const std::string& bytes);
    /// One HTTP response (status line, headers and a Content-Length body); "" when the server
    /// closed the connection or did not answer within the timeout.
    std::string read_response();

private:
    int m_fd = -1;
    std::string m_pending;  // bytes read past the previous response
};

/// The status code of a raw response ("HTTP/1.1 404 Not Found…" → 404), 0 if none.
int status_of(const std::string& response);
/// The body of a raw response.
std::string body_of(const std::string& response);
/// A header's value in a raw response ("" if absent; the name is matched case-insensitively).
std::string header_of(const std::string& response, const std::string& name);

}  // namespace maillon::test
