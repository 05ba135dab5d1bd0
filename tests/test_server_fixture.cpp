#include "test_server_fixture.hpp"

#include "maillon/analysis/analysis.hpp"
#include "maillon/importers/osm_import.hpp"
#include "maillon/importers/population_grid.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

namespace maillon::test {
namespace {
const std::string data_dir = MAILLON_TEST_DATA;
}

TestServer::TestServer() {
    Graph g = importers::import_osm(data_dir + "/paris-republique.osm.pbf");
    QpvLayer qpv = load_qpv(data_dir + "/qpv2024-idf-simplified.geojson");
    const AnalysisProfile profile;
    const PopulationGrid grid = load_population_grid(data_dir + "/filosofi2021-paris-centre-200m.csv");
    auto result = analysis::run_analysis(g, qpv, profile, nullptr, {&grid, nullptr});
    state = std::make_unique<server::ServedState>(std::move(g), std::move(qpv), std::move(result), profile,
                                                  analysis::json{{"engine", {{"name", "maillon"}}}});
    std::filesystem::create_directories(web_root);
    std::ofstream{web_root + "/index.html"} << "<!doctype html><title>maillon</title>";
    server::ServerOptions options;
    options.web_root = web_root;
    options.max_features = 200;  // below the 365 edges of the whole network at zoom 16: exercises TooLarge
    server = std::make_unique<server::ApiServer>(*state, options);
    port = server->bind_to_any_port("127.0.0.1");
    thread = std::thread{[this] { server->listen_after_bind(); }};
    server->wait_until_ready();
}

TestServer::~TestServer() {
    server->stop();
    thread.join();
}

TestServer& test_server() {
    static TestServer s;
    return s;
}

RawConnection::RawConnection(int port, int timeout_ms) {
    m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (m_fd < 0) return;
    timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    ::setsockopt(m_fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(m_fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
        ::close(m_fd);
        m_fd = -1;
    }
}

RawConnection::~RawConnection() {
    if (m_fd >= 0) ::close(m_fd);
}

void RawConnection::send(const std::string& bytes) {
    std::size_t done = 0;
    while (m_fd >= 0 && done < bytes.size()) {
        const ssize_t n = ::send(m_fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

std::string RawConnection::read_response() {
    std::string& in = m_pending;
    const auto fill = [&] {
        char buf[16384];
        const ssize_t n = m_fd >= 0 ? ::recv(m_fd, buf, sizeof buf, 0) : -1;
        if (n <= 0) return false;
        in.append(buf, static_cast<std::size_t>(n));
        return true;
    };
    std::size_t head_end;
    while ((head_end = in.find("\r\n\r\n")) == std::string::npos) {
        if (!fill()) return "";
    }
    head_end += 4;
    const std::string length = header_of(in.substr(0, head_end), "Content-Length");
    const std::size_t body = length.empty() ? 0 : std::stoul(length);
    while (in.size() < head_end + body) {
        if (!fill()) return "";
    }
    std::string response = in.substr(0, head_end + body);
    in.erase(0, head_end + body);
    return response;
}

int status_of(const std::string& response) {
    if (response.compare(0, 5, "HTTP/") != 0) return 0;
    const auto space = response.find(' ');
    return space == std::string::npos ? 0 : std::atoi(response.c_str() + space + 1);
}

std::string body_of(const std::string& response) {
    const auto head_end = response.find("\r\n\r\n");
    return head_end == std::string::npos ? "" : response.substr(head_end + 4);
}

std::string header_of(const std::string& response, const std::string& name) {
    const auto lower = [](std::string s) {
        for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    const std::string head = lower(response.substr(0, response.find("\r\n\r\n")));
    const std::string key = "\r\n" + lower(name) + ":";
    const auto at = head.find(key);
    if (at == std::string::npos) return "";
    const auto begin = response.find_first_not_of(' ', at + key.size());
    const auto end = response.find("\r\n", begin);
    return response.substr(begin, end - begin);
}

}  // namespace maillon::test
