#include "maillon/server/served_state.hpp"

#include "line_features.hpp"
#include "maillon/cycle_network.hpp"

#include <sstream>

namespace maillon::server {
namespace {

using analysis::json;

template <typename Feature>
std::vector<BBox> boxes_of(const std::vector<Feature>& features) {
    std::vector<BBox> boxes;
    boxes.reserve(features.size());
    for (const Feature& f : features) boxes.push_back(f.box);
    return boxes;
}

}  // namespace

bool intersects(const BBox& a, const BBox& b) noexcept {
    return a.min_lon <= b.max_lon && b.min_lon <= a.max_lon && a.min_lat <= b.max_lat && b.min_lat <= a.max_lat;
}

ServedState::ServedState(Graph graph, QpvLayer qpv, analysis::AnalysisResult result, AnalysisProfile profile, json run)
    : m_graph(std::move(graph)), m_qpv(std::move(qpv)), m_result(std::move(result)), m_profile(std::move(profile)) {
    m_bike_snapper = std::make_unique<EdgeSnapper>(m_graph, Mode::bike);
    const auto& d = m_graph.data();

    // Gaps, in rank order, with the fields the filters read.
    const std::string csv = analysis::gaps_csv(m_graph, m_qpv, m_result);
    std::istringstream csv_lines{csv};
    std::getline(csv_lines, m_gaps_csv_header);
    for (const Gap& gap : m_result.gaps) {
        ServedGap s;
        const std::vector<Coord> line = gap.geometry(m_graph);
        s.box = box_of(line);
        const json props = analysis::gap_properties(m_graph, m_qpv, m_result, gap);
        json f = {{"type", "Feature"}, {"geometry", {{"type", "LineString"}, {"coordinates", coords_json(line)}}}, {"properties", props}};
        s.json = f.dump();
        s.gap_class = props["class"].get<std::string>();
        s.commune = props["commune"].get<std::string>();
        for (const auto& c : props["qpv_codes"]) s.qpv_codes.push_back(c.get<std::string>());
        s.score = gap.score;
        std::getline(csv_lines, s.csv_row);
        m_gaps.push_back(std::move(s));
    }
    m_gap_index = FeatureIndex{boxes_of(m_gaps)};

    // The cycle network, per zoom band: chains of edges with the same facility and stress.
    const CycleNetwork net{m_graph, m_profile.network};
    std::vector<std::uint64_t> style(m_graph.edge_count(), 0);
    std::vector<Facility> facility(m_graph.edge_count(), Facility::aucun);
    std::vector<std::uint8_t> lts(m_graph.edge_count(), 0);
    for (EdgeId e = 0; e < m_graph.edge_count(); ++e) {
        if (!net.contains_edge(e)) continue;
        for (const ArcId a : {arc_of(e, false), arc_of(e, true)}) {
            if (!m_graph.allows(a, Mode::bike)) continue;
            if (facility[e] == Facility::aucun) facility[e] = d.arc_facility[a];
            if (d.arc_lts[a] && (lts[e] == 0 || d.arc_lts[a] < lts[e])) lts[e] = d.arc_lts[a];
        }
        if (facility[e] == Facility::aucun) facility[e] = d.arc_side_facility[2 * e];
        style[e] = static_cast<std::uint64_t>(facility[e]) * 8 + lts[e];
    }
    const LocalProjection proj = LocalProjection::around(m_graph.bbox());
    const auto chains = edge_chains(m_graph, [&net](EdgeId e) { return net.contains_edge(e); }, style);
    for (std::size_t b = 0; b < zoom_bands.size(); ++b) {
        const double tol = zoom_bands[b].tolerance_m;
        const bool chained = tol > 0;
        const auto add = [&](const std::vector<Coord>& full, EdgeId e, double length_m) {
            if (chained && length_m < tol) return;  // too short to see at this zoom
            const std::vector<Coord> line = simplify(full, proj, tol);
            json props = {{"facility", schema_name(facility[e])}, {"facility_key", key(facility[e])},
                          {"lts", lts[e]}, {"name", m_graph.name(e)}};
            json f = {{"type", "Feature"}, {"geometry", {{"type", "LineString"}, {"coordinates", coords_json(line)}}},
                      {"properties", props}};
            m_network[b].push_back({box_of(line), f.dump()});
        };
        if (chained) {
            for (const auto& chain : chains) {
                double length = 0;
                for (const EdgeId e : chain) length += m_graph.length_m(e);
                add(chain_line(m_graph, chain), chain.front(), length);
            }
        } else {
            for (EdgeId e = 0; e < m_graph.edge_count(); ++e) {
                if (net.contains_edge(e)) add(m_graph.shape(e), e, m_graph.length_m(e));
            }
        }
        m_network_index[b] = FeatureIndex{boxes_of(m_network[b])};
    }

    // QPV polygons with their indicator row.
    const json indicators = analysis::indicators_json(m_result, m_profile);
    for (const auto& row : indicators["rows"]) {
        if (row["scope"] != "qpv") continue;
        const long q = m_qpv.find_code(row["code"].get<std::string>());
        if (q < 0) continue;
        const Qpv& z = m_qpv[static_cast<std::size_t>(q)];
        char* geojson_text = nullptr;
        GEOSGeoJSONWriter* writer = GEOSGeoJSONWriter_create_r(m_qpv.geos().handle());
        geojson_text = GEOSGeoJSONWriter_writeGeometry_r(m_qpv.geos().handle(), writer, z.geometry.get(), -1);
        GEOSGeoJSONWriter_destroy_r(m_qpv.geos().handle(), writer);
        json geometry = json::parse(geojson_text);
        GEOSFree_r(m_qpv.geos().handle(), geojson_text);
        json f = {{"type", "Feature"}, {"geometry", geometry}, {"properties", row}};
        m_qpv_features.push_back({z.bbox, f.dump()});
    }

    // Stations, one list per status.
    if (m_result.has_stations) {
        const json stations = analysis::stations_geojson(m_qpv, m_result);
        for (const auto& f : stations["features"]) {
            const auto c = f["geometry"]["coordinates"];
            const Coord at = Coord::from_degrees(c[0].get<double>(), c[1].get<double>());
            BBox b;
            b.extend(at);
            const std::string status = f["properties"]["status"].get<std::string>();
            const std::size_t slot = status == "existing" ? 0 : status == "planned" ? 1 : 2;
            m_stations[slot].push_back({b, f.dump()});
        }
    }

    const BBox box = m_graph.bbox();
    run["bbox"] = {box.min_lon, box.min_lat, box.max_lon, box.max_lat};
    run["attribution"] = "© OpenStreetMap contributors (ODbL); QPV: ANCT (Licence Ouverte 2.0)" +
                         std::string{m_result.population.source == "grid" ? "; population: Insee, Filosofi (Licence Ouverte 2.0)" : ""};
    m_meta = run.dump();
    m_indicators = indicators.dump();
}

}  // namespace maillon::server
