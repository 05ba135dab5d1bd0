#pragma once
// The street layer of the map: every way of the graph outside the cycle network, drawn faintly
// under it so that a planner without background tiles can tell where a gap is. Per zoom band
// (served_state.hpp's zoom_bands) like the network layer, with fewer classes as the zoom falls.
//
// Unlike the network, the streets are not kept as GeoJSON text: on an Île-de-France-sized graph
// that was 470 MB at zoom 15+ (1.6 M ways). A band keeps each line's box and where its points are
// (the graph's own shape at 15+, simplified points as floats below), and a request writes the
// few thousand features of its view (bench/context_bench.cpp).

#include "maillon/cycle_network.hpp"
#include "maillon/server/feature_index.hpp"
#include "maillon/server/served_state.hpp"

#include <array>
#include <string>
#include <vector>

namespace maillon::server {

/// Lowest classes drawn per zoom band: every way at 15+, streets (no footway, path, service) at
/// 13–14, tertiary and up at 11–12, secondary and up below.
bool street_drawn_in_band(Highway h, std::size_t band) noexcept;

class StreetLayer {
public:
    StreetLayer(const Graph& g, const CycleNetwork& net);
    std::size_t size(std::size_t band) const { return m_bands[band].lines.size(); }
    /// Indices of the band's lines whose box meets `box`, in band order (major roads last, so
    /// that they draw on top).
    std::vector<std::uint32_t> in(std::size_t band, const BBox& box) const { return m_bands[band].index.query(box); }
    /// Appends line `i` of the band as a GeoJSON Feature (properties `highway`, `name`).
    void append_feature(std::string& out, std::size_t band, std::uint32_t i) const;

private:
    struct Line {
        EdgeId edge;               // its class and name (the first edge of a chain)
        std::uint32_t first = 0;   // into Band::points (lon, lat pairs); count 0: the edge's shape
        std::uint32_t count = 0;
    };
    struct Band {
        std::vector<Line> lines;
        std::vector<float> points;
        FeatureIndex index;
    };
    const Graph* m_graph;
    std::array<Band, zoom_bands.size()> m_bands;
};

}  // namespace maillon::server
