#include "street_layer.hpp"

#include "line_features.hpp"

#include <algorithm>

namespace maillon::server {

bool street_drawn_in_band(Highway h, std::size_t band) noexcept {
    switch (band) {
        case 0: return true;
        case 1:
            return h <= Highway::living_street || h == Highway::pedestrian || h == Highway::road || h == Highway::busway;
        case 2: return h <= Highway::tertiary;
        default: return h <= Highway::secondary;
    }
}

StreetLayer::StreetLayer(const Graph& g, const CycleNetwork& net) {
    const auto& d = g.data();
    // Chained by class and name: a street between two crossings is one feature at small zooms.
    std::vector<std::uint64_t> style(g.edge_count());
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        style[e] = (static_cast<std::uint64_t>(d.edge_name[e]) << 8U) | static_cast<std::uint64_t>(d.edge_highway[e]);
    }
    const LocalProjection proj = LocalProjection::around(g.bbox());
    for (std::size_t b = 0; b < zoom_bands.size(); ++b) {
        const double tol = zoom_bands[b].tolerance_m;
        const auto drawn = [&](EdgeId e) { return !net.contains_edge(e) && street_drawn_in_band(d.edge_highway[e], b); };
        std::vector<std::pair<Highway, ServedFeature>> out;
        const auto add = [&](const std::vector<Coord>& full, EdgeId e, double length_m) {
            if (tol > 0 && length_m < tol) return;  // too short to see at this zoom
            const std::vector<Coord> line = simplify(full, proj, tol);
            const nlohmann::ordered_json f = {
                {"type", "Feature"},
                {"geometry", {{"type", "LineString"}, {"coordinates", coords_json(line)}}},
                {"properties", {{"highway", std::string{key(d.edge_highway[e])}}, {"name", g.name(e)}}}};
            out.push_back({d.edge_highway[e], ServedFeature{box_of(line), f.dump()}});
        };
        if (tol > 0) {
            for (const auto& chain : edge_chains(g, drawn, style)) {
                double length = 0;
                for (const EdgeId e : chain) length += g.length_m(e);
                add(chain_line(g, chain), chain.front(), length);
            }
        } else {
            for (EdgeId e = 0; e < g.edge_count(); ++e) {
                if (drawn(e)) add(g.shape(e), e, g.length_m(e));
            }
        }
        // Footways first, motorways last: SVG paints in order, major roads stay readable on top.
        std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
        m_bands[b].reserve(out.size());
        std::vector<BBox> boxes;
        boxes.reserve(out.size());
        for (auto& [h, f] : out) {
            boxes.push_back(f.box);
            m_bands[b].push_back(std::move(f));
        }
        m_index[b] = FeatureIndex{boxes};
    }
}

}  // namespace maillon::server
