#pragma once
// What the report's maps draw from the graph: the streets (by importance and name) and the cycle
// network (by facility), as chains of edges joined end to end, with a grid index so that a small
// map of one gap only looks at the chains near it. Built once per report: a region has millions
// of edges, but a street is one chain from junction to junction of *its own* name, so a region
// map draws its boulevards as hundreds of lines, not tens of thousands of pieces.

#include "map_style.hpp"
#include "maillon/analysis_profile.hpp"
#include "maillon/graph.hpp"
#include "maillon/spatial_index.hpp"

#include <cstdint>
#include <functional>
#include <vector>

namespace maillon::outputs {

/// A box in the local metric plane (metres east, north).
struct PlaneBox {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool intersects(const PlaneBox& o) const noexcept { return x0 <= o.x1 && o.x0 <= x1 && y0 <= o.y1 && o.y0 <= y1; }
    double width() const noexcept { return x1 - x0; }
    double height() const noexcept { return y1 - y0; }
};

enum class ChainLayer : std::uint8_t { street, network };

struct Chain {
    std::uint32_t first = 0;   // into the edge list (edge id << 1 | reversed)
    std::uint32_t count = 0;
    ChainLayer layer = ChainLayer::street;
    std::uint8_t style = 0;    // StreetGroup for streets, Facility for the network
    std::uint32_t name = 0;    // index into the graph's names (0: unnamed)
    float length_m = 0;
    PlaneBox box;
};

class BaseMap {
public:
    BaseMap(const Graph& g, const NetworkParams& network);

    const Graph& graph() const noexcept { return *m_graph; }
    const LocalProjection& projection() const noexcept { return m_proj; }
    /// Extent of every edge.
    const PlaneBox& extent() const noexcept { return m_extent; }
    const std::vector<Chain>& chains() const noexcept { return m_chains; }
    /// Calls f for each chain whose box meets `window` (each chain once).
    void for_each_in(const PlaneBox& window, const std::function<void(const Chain&)>& f) const;
    /// The chain's polyline, edges end to end, in the plane.
    std::vector<std::pair<double, double>> line(const Chain& c) const;
    /// Facilities of the network edges inside the window (for legends), in Facility order.
    std::vector<Facility> facilities_in(const PlaneBox& window) const;

private:
    void add_chains(ChainLayer layer, const std::vector<std::uint8_t>& keep, const std::vector<std::uint8_t>& style);
    void build_index();

    const Graph* m_graph;
    LocalProjection m_proj;
    PlaneBox m_extent;
    std::vector<std::uint32_t> m_edges;  // chain members: edge << 1 | reversed
    std::vector<Chain> m_chains;
    // Grid index over chain boxes.
    double m_cell = 1000;
    std::size_t m_cols = 1, m_rows = 1;
    std::vector<std::uint32_t> m_cell_first;  // [cells + 1] into m_cell_chains
    std::vector<std::uint32_t> m_cell_chains;
    mutable std::vector<std::uint32_t> m_seen;  // query stamps per chain
    mutable std::uint32_t m_stamp = 0;
};

}  // namespace maillon::outputs
