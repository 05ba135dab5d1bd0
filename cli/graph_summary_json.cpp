#include "graph_summary_json.hpp"

#include <cmath>

namespace maillon::cli {
namespace {
double round3(double v) { return std::round(v * 1000.0) / 1000.0; }
}  // namespace

nlohmann::ordered_json to_json(const GraphSummary& s) {
    nlohmann::ordered_json j;
    j["source"] = s.source_name;
    j["osm_timestamp"] = nullptr;  // unknown unless the extract says
    if (!s.osm_timestamp.empty()) j["osm_timestamp"] = s.osm_timestamp;
    j["nodes"] = s.nodes;
    j["edges"] = s.edges;
    j["arcs"] = s.arcs;
    j["bbox"] = {s.bbox.min_lon, s.bbox.min_lat, s.bbox.max_lon, s.bbox.max_lat};
    j["km_bike"] = round3(s.km_bike);
    j["km_foot"] = round3(s.km_foot);
    auto& fac = j["km_by_facility"];
    fac = nlohmann::ordered_json::object();
    for (int f = 1; f < facility_count; ++f) {
        fac[std::string{schema_name(static_cast<Facility>(f))}] = round3(s.km_by_facility[static_cast<std::size_t>(f)]);
    }
    auto& lts = j["km_by_lts"];
    lts = nlohmann::ordered_json::object();
    for (int l = 1; l <= 4; ++l) lts[std::to_string(l)] = round3(s.km_by_lts[static_cast<std::size_t>(l)]);
    j["cycle_network"] = {{"km", round3(s.km_cycle_network)}, {"components", s.cycle_network_components}};
    j["buildings"] = {{"count", s.buildings},
                      {"floor_m2", std::round(s.floor_m2)},
                      {"residential_floor_m2", std::round(s.residential_floor_m2)}};
    auto& pois = j["pois"];
    pois = nlohmann::ordered_json::object();
    for (int k = 0; k < poi_kind_count; ++k) pois[std::string{key(static_cast<PoiKind>(k))}] = s.pois_by_kind[static_cast<std::size_t>(k)];
    j["communes"] = s.communes;
    return j;
}

}  // namespace maillon::cli
