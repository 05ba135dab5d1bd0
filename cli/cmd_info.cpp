// maillon info FILE.maillon [--json]: what a graph holds.

#include "commands.hpp"
#include "graph_summary_json.hpp"
#include "maillon/graph_io.hpp"
#include "maillon/graph_summary.hpp"

#include <cstdio>
#include <iostream>

namespace po = boost::program_options;

namespace maillon::cli {
namespace {

class InfoCommand : public Command {
public:
    const char* name() const override { return "info"; }
    const char* synopsis() const override { return "maillon info GRAPH.maillon [--json]"; }
    const char* description() const override {
        return "Show a graph's size, extent, data date, km per cycle facility and per traffic stress level, and its "
               "buildings, points of interest and communes.";
    }

    void setup(const std::vector<std::string>& args) override {
        po::options_description options;
        options.add_options()("json", po::bool_switch(&m_json), "print JSON on stdout");
        const auto vm = parse(args, options, {"GRAPH"});
        if (!m_help) m_path = vm["GRAPH"].as<std::string>();
    }

    int run() override {
        const Graph graph = load_graph(m_path);
        const GraphSummary s = summarize(graph);
        if (m_json) {
            std::cout << to_json(s).dump(2) << "\n";
            return 0;
        }
        std::printf("file            %s (graph format %u)\n", m_path.c_str(), graph_format_version);
        std::printf("source          %s, OSM data of %s\n", s.source_name.c_str(),
                    s.osm_timestamp.empty() ? "unknown date" : s.osm_timestamp.c_str());
        std::printf("nodes           %zu\nedges           %zu\narcs            %zu\n", s.nodes, s.edges, s.arcs);
        std::printf("bbox            %.7f,%.7f,%.7f,%.7f\n", s.bbox.min_lon, s.bbox.min_lat, s.bbox.max_lon,
                    s.bbox.max_lat);
        std::printf("km cyclable     %.2f\nkm walkable     %.2f\n", s.km_bike, s.km_foot);
        std::printf("cycle network   %.2f km in %zu connected components\n", s.km_cycle_network,
                    s.cycle_network_components);
        std::printf("\nkm of facility per side (ame_d + ame_g)\n");
        for (int f = 1; f < facility_count; ++f) {
            const double km = s.km_by_facility[static_cast<std::size_t>(f)];
            if (km > 0) std::printf("  %-46s %9.2f\n", std::string{schema_name(static_cast<Facility>(f))}.c_str(), km);
        }
        std::printf("\nkm of riding per level of traffic stress (each direction counted)\n");
        for (int l = 1; l <= 4; ++l) std::printf("  LTS %d %12.2f\n", l, s.km_by_lts[static_cast<std::size_t>(l)]);
        std::printf("\nbuildings       %zu, floor area %.0f m2 of which residential %.0f m2\n", s.buildings, s.floor_m2,
                    s.residential_floor_m2);
        std::printf("communes        %zu\nPOIs            %zu\n", s.communes, s.pois);
        for (int k = 0; k < poi_kind_count; ++k) {
            const std::size_t n = s.pois_by_kind[static_cast<std::size_t>(k)];
            if (n > 0) std::printf("  %-16s %9zu\n", std::string{key(static_cast<PoiKind>(k))}.c_str(), n);
        }
        std::printf("\nMap data © OpenStreetMap contributors (ODbL)\n");
        return 0;
    }

private:
    std::string m_path;
    bool m_json = false;
};

}  // namespace

std::unique_ptr<Command> make_info_command() { return std::make_unique<InfoCommand>(); }

}  // namespace maillon::cli
