#include "maillon/communes.hpp"

namespace maillon {

CommuneLocator::CommuneLocator(const Graph& g) : m_data(&g.data()) {
    const GraphData& d = *m_data;
    m_boxes.resize(d.commune_name.size());
    for (std::size_t c = 0; c < m_boxes.size(); ++c) {
        for (std::uint32_t r = d.commune_first_ring[c]; r < d.commune_first_ring[c + 1]; ++r) {
            for (std::uint32_t k = d.commune_ring_begin[r]; k < d.commune_ring_begin[r + 1]; ++k) m_boxes[c].extend(d.commune_ring_coords[k]);
        }
    }
}

bool CommuneLocator::contains(std::size_t c, Coord p) const {
    // Even-odd rule over all the commune's rings: outer rings and their holes alike.
    const GraphData& d = *m_data;
    bool inside = false;
    const std::int64_t px = p.lon_e7, py = p.lat_e7;
    for (std::uint32_t r = d.commune_first_ring[c]; r < d.commune_first_ring[c + 1]; ++r) {
        const std::uint32_t begin = d.commune_ring_begin[r], end = d.commune_ring_begin[r + 1];
        for (std::uint32_t k = begin; k + 1 < end; ++k) {
            const Coord a = d.commune_ring_coords[k], b = d.commune_ring_coords[k + 1];
            const std::int64_t ay = a.lat_e7, by = b.lat_e7;
            if ((ay > py) == (by > py)) continue;
            // x of the edge at the point's latitude, compared without division.
            const double t = static_cast<double>(py - ay) / static_cast<double>(by - ay);
            const double x = static_cast<double>(a.lon_e7) + t * static_cast<double>(b.lon_e7 - a.lon_e7);
            if (static_cast<double>(px) < x) inside = !inside;
        }
    }
    return inside;
}

std::int32_t CommuneLocator::at(Coord c) const {
    std::int32_t best = -1;
    for (std::size_t i = 0; i < m_boxes.size(); ++i) {
        const BBox& b = m_boxes[i];
        if (c.lon() < b.min_lon || c.lon() > b.max_lon || c.lat() < b.min_lat || c.lat() > b.max_lat) continue;
        if (!contains(i, c)) continue;
        if (best < 0 || m_data->commune_level[i] > m_data->commune_level[static_cast<std::size_t>(best)]) {
            best = static_cast<std::int32_t>(i);
        }
    }
    return best;
}

}  // namespace maillon
