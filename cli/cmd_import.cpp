// maillon import INPUT -o OUTPUT.maillon: OSM extract to graph file.

#include "commands.hpp"
#include "maillon/errors.hpp"
#include "maillon/graph_io.hpp"
#include "maillon/importers/osm_import.hpp"

#include <unistd.h>

#include <filesystem>

namespace po = boost::program_options;

namespace maillon::cli {
namespace {

class ImportCommand : public Command {
public:
    const char* name() const override { return "import"; }
    const char* synopsis() const override { return "maillon import INPUT.osm.pbf|.osm|.osm.bz2|.osm.gz -o OUTPUT.maillon [-q]"; }
    const char* description() const override {
        return "Build the bicycle and walking graph of an OSM extract and save it as a .maillon file.";
    }

    void setup(const std::vector<std::string>& args) override {
        po::options_description options;
        options.add_options()("output,o", po::value<std::string>(&m_output), "graph file to write (required)")(
            "overwrite", po::bool_switch(&m_overwrite), "replace OUTPUT if it exists");
        const auto vm = parse(args, options, {"INPUT"});
        if (m_help) return;
        m_input = vm["INPUT"].as<std::string>();
        if (m_output.empty()) {
            throw argument_error{"missing -o OUTPUT.maillon\nUsage: " + std::string{synopsis()}};
        }
        if (std::filesystem::exists(m_output) && !m_overwrite) {
            throw argument_error{"output file '" + m_output + "' exists: use --overwrite to replace it"};
        }
    }

    int run() override {
        importers::ImportOptions options;
        options.show_progress = !m_quiet && ::isatty(1) && ::isatty(2);
        importers::ImportReport report;
        verbose("reading " + m_input);
        const Graph graph = importers::import_osm(m_input, options, &report);
        verbose("read " + std::to_string(report.nodes_read) + " nodes, " + std::to_string(report.ways_read) +
                " ways in " + std::to_string(report.seconds_read).substr(0, 5) + " s; kept " +
                std::to_string(report.ways_kept) + " ways usable by bike or on foot");
        if (report.ways_incomplete > 0) {
            verbose("warning: " + std::to_string(report.ways_incomplete) + " ways refer to " +
                    std::to_string(report.refs_missing) +
                    " nodes missing from the extract; they were split where nodes are missing");
        }
        verbose("graph: " + std::to_string(graph.node_count()) + " nodes, " + std::to_string(graph.edge_count()) +
                " edges, built in " + std::to_string(report.seconds_build).substr(0, 5) + " s");
        save_graph(graph, m_output);
        verbose("wrote " + m_output);
        return 0;
    }

private:
    std::string m_input;
    std::string m_output;
    bool m_overwrite = false;
};

}  // namespace

std::unique_ptr<Command> make_import_command() { return std::make_unique<ImportCommand>(); }

}  // namespace maillon::cli
