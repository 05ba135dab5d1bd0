// maillon serve [GRAPH|EXTRACT|ANALYZE_DIR] …: the API and the web map.

#include "commands.hpp"
#include "install_layout.hpp"
#include "load_input.hpp"
#include "pipeline.hpp"
#include "maillon/analysis/analysis.hpp"
#include "maillon/errors.hpp"
#include "maillon/importers/json_input.hpp"
#include "maillon/outputs/analyze_files.hpp"
#include "maillon/server/server.hpp"
#include "run_info.hpp"
#include "station_options.hpp"

#include <nlohmann/json.hpp>

#include <pthread.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <thread>

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace maillon::cli {
namespace {


class ServeCommand : public Command {
public:
    const char* name() const override { return "serve"; }
    const char* synopsis() const override {
        return "maillon serve [GRAPH.maillon|EXTRACT.osm.pbf|ANALYZE_DIR] [--qpv QPV.geojson] [--population GRID.csv] "
               "[--qpv-population QPV_POP.csv] [--profile P.json] [--bind 127.0.0.1] [--port 8080]";
    }
    const char* description() const override {
        return "Serve the analysis as a GeoJSON API and the planners' web map (no input: the embedded Paris demo).";
    }

    void setup(const std::vector<std::string>& args) override {
        po::options_description options;
        add_qpv_options(options, m_files.qpv, m_files.qpv_fields);
        options.add_options()
            ("profile", po::value<std::string>(&m_files.profile), "JSON profile (docs/ranking.md)")
            ("bind", po::value<std::string>(&m_bind)->default_value("127.0.0.1"), "address to listen on")
            ("port", po::value<int>(&m_port)->default_value(8080), "port (1-65535)")
            ("web-root", po::value<std::string>(&m_web_root), "directory of the web page (default: share/maillon/web of the install)");
        po::options_description hidden;  // the optional positional input: not an option of the help
        hidden.add_options()("INPUT", po::value<std::string>(&m_files.graph_or_extract));
        add_population_options(options, m_files.population);
        add_station_options(options, m_files.stations);
        po::positional_options_description pos;
        pos.add("INPUT", 1);
        m_options.add(options).add(common_options());
        po::options_description all;
        all.add(m_options).add(hidden);
        po::variables_map vm;
        try {
            po::store(po::command_line_parser(args).options(all).positional(pos).run(), vm);
            po::notify(vm);
        } catch (const po::error& e) {
            throw argument_error{std::string{e.what()} + "\nUsage: " + synopsis()};
        }
        if (m_help) return;
        if (m_port < 1 || m_port > 65535) throw argument_error{"--port must be from 1 to 65535"};
        const std::string share = share_dir();
        if (m_web_root.empty() && !share.empty()) m_web_root = share + "/web";
        if (m_files.graph_or_extract.empty()) {  // the demo
            if (share.empty() || !fs::is_directory(share + "/demo")) {
                throw input_error{"the embedded demo's data is not found (no share/maillon/demo beside this executable): "
                                  "install maillon with 'cmake --install', set MAILLON_SHARE_DIR, or give a graph or an extract"};
            }
            const std::string demo = share + "/demo";
            m_files.graph_or_extract = demo + "/paris-republique.osm.pbf";
            if (m_files.qpv.empty()) m_files.qpv = demo + "/qpv2024-idf-simplified.geojson";
            // Real INSEE residents (Filosofi 2021, 200 m cells of central Paris): gaps ranked by QPV residents served.
            if (m_files.population.grid.empty() && m_files.population.qpv_table.empty()) {
                m_files.population.grid = demo + "/filosofi2021-paris-centre-200m.csv";
            }
            if (!m_files.stations.any()) {
                m_files.stations.gbfs = demo + "/station_information_2025-10-18.json";
                m_files.stations.status = demo + "/station_status_2025-10-18.json";
                m_files.stations.planned = demo + "/demo-planned-stations.csv";
            }
        } else if (fs::is_directory(m_files.graph_or_extract)) {
            from_analyze_dir(m_files.graph_or_extract);
        }
        if (m_files.qpv.empty()) throw argument_error{"missing --qpv QPV.geojson\nUsage: " + std::string{synopsis()}};
    }

    int run() override {
        // SIGINT/SIGTERM stop the server cleanly: blocked before any thread starts (libosmium's
        // decoding pool included, which would otherwise receive them and die), then awaited by
        // one thread with sigwait, so that stop() never runs inside a signal handler.
        sigset_t signals;
        sigemptyset(&signals);
        sigaddset(&signals, SIGINT);
        sigaddset(&signals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &signals, nullptr);
        // Bind before the analysis (minutes on a region): a busy port fails at once, and
        // "serving on" is printed only once the port is ours.
        server::ApiServer server{server_options()};
        if (const int err = server.bind(m_bind, m_port); err != 0) throw input_error{bind_failure(err)};

        const PipelineFiles& files = m_files;
        const auto run = run_pipeline(files, !m_quiet && ::isatty(2), [&](const std::string& s) { verbose(s); });
        analysis::json run_file = run_json(files.run_inputs(), run->graph, run->qpv, run->result, run->profile,
                                           run->load_seconds, run->population.inputs());
        const server::ServedState state{std::move(run->graph), std::move(run->qpv), std::move(run->result), run->profile,
                                        std::move(run_file)};
        server.set_state(state);

        std::thread waiter{[&] {
            int sig = 0;
            sigwait(&signals, &sig);
            if (sig != 0) {
                verbose(std::string{"stopping ("} + (sig == SIGINT ? "SIGINT" : "SIGTERM") + ")");
                server.stop();
            }
        }};
        std::printf("maillon: serving on http://%s:%d/ (Ctrl-C to stop)\n", m_bind.c_str(), m_port);
        std::fflush(stdout);
        if (!server.listen_after_bind()) {  // the listening socket failed: no signal will come
            pthread_kill(waiter.native_handle(), SIGTERM);
            waiter.join();
            throw input_error{"the listening socket on " + m_bind + ":" + std::to_string(m_port) + " failed: restart maillon serve"};
        }
        waiter.join();
        return 0;
    }

private:
    server::ServerOptions server_options() {
        server::ServerOptions options;
        if (fs::is_regular_file(m_web_root + "/index.html")) {
            options.web_root = m_web_root;
            const std::string leaflet = m_web_root + "/node_modules/leaflet/dist";
            if (fs::is_directory(leaflet)) options.leaflet_dir = leaflet;
            else verbose("warning: Leaflet is not installed: run 'npm ci --prefix " + m_web_root + "' for the map");
        } else {
            verbose(m_web_root.empty() ? "warning: no web page found (no share/maillon/web beside this executable; give --web-root DIR): serving the API only"
                                       : "warning: no web page in '" + m_web_root + "': serving the API only");
        }
        options.log = [](const std::string& line) {
            const std::time_t t = std::time(nullptr);
            char stamp[32];
            std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", std::localtime(&t));
            std::fprintf(stderr, "%s %s\n", stamp, line.c_str());
        };
        return options;
    }

    /// Why --bind/--port cannot be listened on, and what to do about it.
    std::string bind_failure(int err) const {
        const std::string where = m_bind + ":" + std::to_string(m_port);
        if (err == EADDRINUSE) {
            return "cannot listen on " + where + ": port " + std::to_string(m_port) +
                   " is already in use (another 'maillon serve'?): stop that program or choose another --port";
        }
        if (err == EACCES) {
            return "cannot listen on " + where + ": permission denied (ports below 1024 need root): choose --port 1024 or above";
        }
        return "cannot listen on " + where + ": '" + m_bind + "' is not an address of this machine (" + std::strerror(err) +
               "): give --bind 127.0.0.1, 0.0.0.0 or one of its IP addresses";
    }

    /// An `analyze` output directory: the same inputs again (run.json), checked unchanged.
    // By value: the loop below replaces m_files.graph_or_extract, which the caller passes as dir.
    void from_analyze_dir(const std::string dir) {
        std::ifstream in{dir + "/run.json"};
        if (!in) throw input_error{"'" + dir + "' is a directory without run.json: give a graph, an extract or a 'maillon analyze' output directory"};
        nlohmann::ordered_json run;
        try {
            run = importers::parse_json_bounded(in, "'" + dir + "/run.json'");
        } catch (const nlohmann::json::parse_error&) {
        }
        if (!run.is_object() || !run.contains("inputs") || !run["inputs"].is_array()) {
            throw input_error{"'" + dir + "/run.json' is not a maillon run file: run 'maillon analyze' again into that directory"};
        }
        for (const auto& input : run["inputs"]) {
            const auto text = [&](const char* key) {
                const auto it = input.is_object() ? input.find(key) : input.end();
                return it != input.end() && it->is_string() ? it->get<std::string>() : std::string{};
            };
            const std::string role = text("role");
            if (role.empty() || text("path").empty()) {
                throw input_error{"'" + dir + "/run.json' lists an input without role and path: run 'maillon analyze' again into that directory"};
            }
            const std::string path = outputs::resolve_run_input(run, role, dir);  // relative to run.json's folder
            if (role == "graph_or_extract") m_files.graph_or_extract = path;
            if (role == "qpv" && m_files.qpv.empty()) m_files.qpv = path;
            if (role == "profile" && m_files.profile.empty()) m_files.profile = path;
            if (role == "stations" && m_files.stations.gbfs.empty()) m_files.stations.gbfs = path;
            if (role == "station_status" && m_files.stations.status.empty()) m_files.stations.status = path;
            if (role == "planned" && m_files.stations.planned.empty()) m_files.stations.planned = path;
            if (role == "population" && m_files.population.grid.empty()) m_files.population.grid = path;
            if (role == "qpv_population" && m_files.population.qpv_table.empty()) m_files.population.qpv_table = path;
            if (role == "area" && m_files.population.area.empty()) m_files.population.area = path;
            if (!fs::exists(path)) throw input_error{"input '" + path + "' of '" + dir + "/run.json' no longer exists"};
        }
        // The QPV fields the run used (given or detected), unless given again.
        const bool given = !m_files.qpv_fields.code.empty() || !m_files.qpv_fields.name.empty() || !m_files.qpv_fields.commune.empty() || !m_files.qpv_fields.population.empty();
        const auto qpv = run.find("qpv");
        if (!given && qpv != run.end() && qpv->is_object() && qpv->contains("fields") && (*qpv)["fields"].is_object()) {
            const auto& fields = (*qpv)["fields"];
            const auto text = [&](const char* key) {
                const auto it = fields.find(key);
                return it != fields.end() && it->is_string() ? it->get<std::string>() : std::string{};
            };
            m_files.qpv_fields = {text("code"), text("name"), text("commune"), text("population")};
        }
    }

    PipelineFiles m_files;  // every input, given or read back from an analyze directory
    std::string m_bind;
    std::string m_web_root;
    int m_port = 8080;
};

}  // namespace

std::unique_ptr<Command> make_serve_command() { return std::make_unique<ServeCommand>(); }

}  // namespace maillon::cli
