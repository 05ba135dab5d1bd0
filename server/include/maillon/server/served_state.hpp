#pragma once
// What `maillon serve` holds in memory: the analysis results, computed once, and the layers
// pre-serialised feature by feature so that a request only filters and concatenates.

#include "maillon/analysis/analysis.hpp"
#include "maillon/analysis/results_json.hpp"
#include "maillon/graph.hpp"
#include "maillon/importers/qpv.hpp"
#include "maillon/server/feature_index.hpp"
#include "maillon/spatial_index.hpp"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace maillon::server {

struct ServedFeature {
    BBox box;
    std::string json;  // one GeoJSON Feature
};

struct ServedGap : ServedFeature {
    std::string gap_class;
    std::string commune;
    std::vector<std::string> qpv_codes;
    double score = 0;
    std::string csv_row;
};

/// Zoom bands of the network layer: simplification tolerance in metres per band.
struct ZoomBand {
    int min_zoom;
    double tolerance_m;
};
inline constexpr std::array<ZoomBand, 4> zoom_bands{{{15, 0.0}, {13, 4.0}, {11, 15.0}, {0, 50.0}}};

class ServedState {
public:
    ServedState(Graph graph, QpvLayer qpv, analysis::AnalysisResult result, AnalysisProfile profile,
                analysis::json run);

    const Graph& graph() const noexcept { return m_graph; }
    const QpvLayer& qpv() const noexcept { return m_qpv; }
    const analysis::AnalysisResult& result() const noexcept { return m_result; }
    const AnalysisProfile& profile() const noexcept { return m_profile; }
    const EdgeSnapper& bike_snapper() const noexcept { return *m_bike_snapper; }

    const std::vector<ServedGap>& gaps() const noexcept { return m_gaps; }
    const std::string& gaps_csv_header() const noexcept { return m_gaps_csv_header; }
    const std::vector<ServedFeature>& network(std::size_t band) const { return m_network[band]; }
    /// Indices into gaps() / network(band) of the features whose box meets `box`, in list order.
    std::vector<std::uint32_t> gaps_in(const BBox& box) const { return m_gap_index.query(box); }
    std::vector<std::uint32_t> network_in(std::size_t band, const BBox& box) const { return m_network_index[band].query(box); }
    const std::vector<ServedFeature>& qpv_features() const noexcept { return m_qpv_features; }
    /// Stations per status (existing, planned, suggested), in rank order.
    const std::vector<ServedFeature>& stations(StationStatus status) const { return m_stations[static_cast<std::size_t>(status)]; }
    const std::string& meta_json() const noexcept { return m_meta; }
    const std::string& indicators_json() const noexcept { return m_indicators; }

private:
    Graph m_graph;
    QpvLayer m_qpv;
    analysis::AnalysisResult m_result;
    AnalysisProfile m_profile;
    std::unique_ptr<EdgeSnapper> m_bike_snapper;
    std::vector<ServedGap> m_gaps;
    std::string m_gaps_csv_header;
    std::array<std::vector<ServedFeature>, zoom_bands.size()> m_network;
    FeatureIndex m_gap_index;
    std::array<FeatureIndex, zoom_bands.size()> m_network_index;
    std::vector<ServedFeature> m_qpv_features;
    std::array<std::vector<ServedFeature>, 3> m_stations;
    std::string m_meta;
    std::string m_indicators;
};

bool intersects(const BBox& a, const BBox& b) noexcept;

}  // namespace maillon::server
