#pragma once
// The street layer of the map: every way of the graph outside the cycle network, drawn faintly
// under it so that a planner without background tiles can tell where a gap is. Per zoom band
// (served_state.hpp's zoom_bands) like the network layer, with fewer classes as the zoom falls.

#include "maillon/cycle_network.hpp"
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

private:
    std::array<std::vector<ServedFeature>, zoom_bands.size()> m_bands;
};

}  // namespace maillon::server
