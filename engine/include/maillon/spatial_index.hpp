#pragma once
// Spatial look-ups on the graph: snapping a point to the nearest edge usable by a mode, and
// finding graph nodes within a radius. Boost.Geometry R-trees (packed once, STR) in a local
// metric plane, so that "within 100 m" is a plain Euclidean query.

#include "maillon/graph.hpp"

#include <cmath>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace maillon {

/// Equirectangular projection at a reference latitude: metres east/north. Over a region the
/// size of Île-de-France (1.2° of latitude) distances are off by < 1 %, and by far less within
/// the few hundred metres the analyses query; exact lengths are always taken from the graph.
class LocalProjection {
public:
    explicit LocalProjection(double lat0_deg = 48.85) noexcept
        : m_kx(earth_radius_m * M_PI / 180.0 * std::cos(lat0_deg * M_PI / 180.0)), m_ky(earth_radius_m * M_PI / 180.0) {}
    static LocalProjection around(const BBox& box) noexcept {
        return LocalProjection{box.valid() ? (box.min_lat + box.max_lat) / 2 : 48.85};
    }
    double x(Coord c) const noexcept { return c.lon() * m_kx; }
    double y(Coord c) const noexcept { return c.lat() * m_ky; }
    Coord unproject(double x, double y) const noexcept { return Coord::from_degrees(x / m_kx, y / m_ky); }

private:
    double m_kx;
    double m_ky;
};

/// Where a point meets the network.
struct Snap {
    EdgeId edge = 0;
    float distance_m = 0;  // from the point to the edge
    float offset_m = 0;    // along the edge from its source node to the snapped position
    Coord position;        // the snapped position on the edge
};

class EdgeSnapper {
public:
    /// Indexes every segment of every edge open to `mode` (in at least one direction).
    EdgeSnapper(const Graph& g, Mode mode);
    /// Indexes the segments of the edges for which keep(e) is true.
    EdgeSnapper(const Graph& g, const std::function<bool(EdgeId)>& keep);
    ~EdgeSnapper();
    EdgeSnapper(EdgeSnapper&&) noexcept;
    EdgeSnapper& operator=(EdgeSnapper&&) noexcept;

    /// The nearest usable edge within max_m, or nothing.
    std::optional<Snap> snap(Coord c, double max_m) const;
    /// The nearest usable edge within max_m for which skip(edge) is false, or nothing.
    std::optional<Snap> snap_excluding(Coord c, double max_m, const std::function<bool(EdgeId)>& skip) const;
    const LocalProjection& projection() const noexcept { return m_projection; }

private:
    struct Impl;
    const Graph* m_graph;
    LocalProjection m_projection;
    std::unique_ptr<Impl> m_impl;
};

/// Nearest of a set of points (e.g. transit stops), straight-line metres.
class PointIndex {
public:
    PointIndex(const std::vector<Coord>& points, const LocalProjection& projection);
    ~PointIndex();
    PointIndex(PointIndex&&) noexcept;
    PointIndex& operator=(PointIndex&&) noexcept;
    /// Index into `points` and distance in metres, or nothing when the set is empty.
    std::optional<std::pair<std::size_t, double>> nearest(Coord c) const;
    /// Indices of the points within radius_m.
    std::vector<std::size_t> within(Coord c, double radius_m) const;

private:
    struct Impl;
    LocalProjection m_projection;
    std::unique_ptr<Impl> m_impl;
};

class NodeIndex {
public:
    /// Indexes the nodes for which keep(n) is true.
    template <typename Keep>
    NodeIndex(const Graph& g, Keep keep) : NodeIndex(g, collect(g, keep)) {}
    ~NodeIndex();
    NodeIndex(NodeIndex&&) noexcept;
    NodeIndex& operator=(NodeIndex&&) noexcept;

    /// Indexed nodes within radius_m (straight line) of c.
    std::vector<NodeId> within(Coord c, double radius_m) const;
    /// The nearest indexed node and its straight-line distance.
    std::optional<std::pair<NodeId, double>> nearest(Coord c) const;

private:
    template <typename Keep>
    static std::vector<NodeId> collect(const Graph& g, Keep keep) {
        std::vector<NodeId> nodes;
        for (NodeId n = 0; n < g.node_count(); ++n) {
            if (keep(n)) nodes.push_back(n);
        }
        return nodes;
    }
    NodeIndex(const Graph& g, std::vector<NodeId> nodes);

    struct Impl;
    const Graph* m_graph;
    LocalProjection m_projection;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace maillon
