#pragma once
// The street layer of the map: every way of the graph outside the cycle network, drawn faintly
// under it so that a planner without background tiles can tell where a gap is. Per zoom band
// (served_state.hpp's zoom_bands) like the network layer, with fewer classes as the zoom falls.

#include "maillon/cycle_network.hpp"
#include "maillon/server/feature_index.hpp"
#include "maillon/server/served_state.hpp"

#include <array>
#include <vector>

namespace maillon::server {

/// Lowest classes drawn per zoom band: every way at 15+, streets (no footway, path, service) at
/// 13–14, tertiary and up at 11–12, secondary and up below.
bool street_drawn_in_band(Highway h, std::size_t band) noexcept;

class StreetLayer {
public:
    StreetLayer(const Graph& g, const CycleNetwork& net);
    /// Features of a band (properties `highway`, `name`), major roads last so they draw on top.
    const std::vector<ServedFeature>& band(std::size_t b) const { return m_bands[b]; }
    /// Indices into band(b) of the features whose box meets `box`, in band order.
    std::vector<std::uint32_t> in(std::size_t b, const BBox& box) const { return m_index[b].query(box); }

private:
    std::array<std::vector<ServedFeature>, zoom_bands.size()> m_bands;
    std::array<FeatureIndex, zoom_bands.size()> m_index;
};

}  // namespace maillon::server
