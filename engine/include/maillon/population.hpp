#pragma once
// Where people live, as weighted points snapped to the walking network. Every coverage figure
// ("QPV residents within 300 m of …") is one bounded walking search plus a sum over the points
// its settled nodes carry: no polygon buffering in the hot path.
//
// Population models, chosen from the inputs (docs/population.md):
//   grid            INSEE's 200 m grid (--population): each cell's residents spread over the
//                   residential floor area of the OSM buildings inside it, or along its walkable
//                   ways (population_spread.hpp); every point carries residents, weight = residents;
//   qpv_population  the QPV populations only (--qpv-population, or the layer's population field):
//                   each QPV's residents spread the same way inside it; outside the QPV, the area
//                   model's points; weights stay hectares, residents are known inside the QPV;
//   area            no population source: a regular grid of points, each weighing its cell's area;
//   floor_area      (reserved) residential floor area of OSM buildings as a proxy.

#include "maillon/graph.hpp"
#include "maillon/search.hpp"
#include "maillon/spatial_index.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

namespace maillon {

enum class PopulationModel : std::uint8_t { floor_area, area, grid, qpv_population };
/// "floor_area", "area", "grid" or "qpv_population".
std::string_view key(PopulationModel m) noexcept;
/// Unit of PopulationPoint::weight under the model: "m2_floor", "ha" or "residents".
std::string_view weight_unit(PopulationModel m) noexcept;

struct PopulationPoint {
    Coord coord;
    float weight = 0;  // proxy for residents, in the model's unit (residents in the grid model)
    // Known residents, NaN if unknown. A double: a cell's or a QPV's residents are split over many
    // points and must add up to the source's figure.
    double residents = std::numeric_limits<double>::quiet_NaN();
    std::int32_t qpv = -1;  // index of the QPV containing the point, -1 outside
    bool in_area = true;    // inside the study area (--area); always true without one
    bool has_residents() const noexcept { return !std::isnan(residents); }
};

/// Points snapped to the walking network, indexed by graph node for coverage sums.
class PopulationIndex {
public:
    /// Snaps every point to the nearest walkable edge within snap_max_m; farther points stay in
    /// the set (they count in totals) but no search ever covers them.
    PopulationIndex(const Graph& g, const EdgeSnapper& foot, std::vector<PopulationPoint> points, double snap_max_m);

    const std::vector<PopulationPoint>& points() const noexcept { return m_points; }
    std::size_t unsnapped() const noexcept { return m_unsnapped; }
    bool snapped(std::uint32_t p) const noexcept { return m_snapped[p] != 0; }
    /// The nearer end of the edge the point snapped to (a trip's origin); no_node if unsnapped.
    NodeId home_node(std::uint32_t p) const noexcept { return m_home[p]; }

    /// Calls f(point index) once for every point within budget_m of the last run of `search`
    /// (a walking search): node distance + along the edge + from the edge to the point. When the
    /// sources were whole edges (a gap, the network), pass them as `source_edges`: the points
    /// along them are then within their snapping distance, however long the edge.
    template <typename F>
    void for_each_covered(const BoundedSearch& search, float budget_m, F&& f,
                          const std::vector<EdgeId>* source_edges = nullptr) const {
        ++m_generation;
        if (source_edges) {
            for (const EdgeId e : *source_edges) {
                for (std::uint32_t i = m_edge_begin[e]; i < m_edge_begin[e + 1]; ++i) {
                    const Entry& x = m_on_edge[i];
                    if (x.extra_m <= budget_m && m_mark[x.point] != m_generation) {
                        m_mark[x.point] = m_generation;
                        f(x.point);
                    }
                }
            }
        }
        for (const NodeId n : search.settled()) {
            const float d = search.distance(n);
            for (std::uint32_t i = m_node_begin[n]; i < m_node_begin[n + 1]; ++i) {
                const Entry& e = m_entries[i];
                if (d + e.extra_m <= budget_m && m_mark[e.point] != m_generation) {
                    m_mark[e.point] = m_generation;
                    f(e.point);
                }
            }
        }
    }

private:
    struct Entry {
        std::uint32_t point;
        float extra_m;  // from the node to the point
    };
    std::vector<PopulationPoint> m_points;
    std::vector<std::uint8_t> m_snapped;
    std::vector<NodeId> m_home;
    std::vector<std::uint32_t> m_node_begin;  // CSR over nodes
    std::vector<Entry> m_entries;
    std::vector<std::uint32_t> m_edge_begin;  // CSR over edges: the points snapped on each edge
    std::vector<Entry> m_on_edge;             // extra_m = distance from the edge to the point
    std::size_t m_unsnapped = 0;
    mutable std::vector<std::uint32_t> m_mark;
    mutable std::uint32_t m_generation = 0;
};

/// Grid points every spacing_m over the box, kept where keep(coord) says (e.g. near a street or
/// inside a QPV), each weighing the cell's area in hectares.
template <typename Keep>
std::vector<PopulationPoint> grid_points(const BBox& box, double spacing_m, Keep keep) {
    std::vector<PopulationPoint> out;
    const LocalProjection proj = LocalProjection::around(box);
    const Coord lo = Coord::from_degrees(box.min_lon, box.min_lat);
    const Coord hi = Coord::from_degrees(box.max_lon, box.max_lat);
    const float ha = static_cast<float>(spacing_m * spacing_m / 10000.0);
    for (double y = proj.y(lo) + spacing_m / 2; y < proj.y(hi); y += spacing_m) {
        for (double x = proj.x(lo) + spacing_m / 2; x < proj.x(hi); x += spacing_m) {
            const Coord c = proj.unproject(x, y);
            if (keep(c)) out.push_back(PopulationPoint{c, ha});
        }
    }
    return out;
}

}  // namespace maillon
