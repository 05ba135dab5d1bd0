// Data checks (docs/gaps.md, "Data issues"), after BikeDNA (Vierø, Vybornova & Szell 2023): a
// network way that stops a few metres short of another way, without a shared node, is an
// undershoot — a mapping error that breaks the network in the data, not on the street.

#include "maillon/gaps.hpp"
#include "maillon/spatial_index.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace maillon {

namespace {

/// Network nodes where a way stops and nothing else is attached (one distinct edge).
std::vector<NodeId> dangling_ends(const CycleNetwork& net) {
    const Graph& g = net.graph();
    std::vector<NodeId> ends;
    for (NodeId n = 0; n < g.node_count(); ++n) {
        if (!net.contains_node(n)) continue;
        EdgeId first = 0;
        bool seen = false, other = false;
        g.for_each_out_arc(n, [&](ArcId a) {
            const EdgeId e = edge_of(a);
            if (!seen) first = e, seen = true;
            else if (e != first) other = true;
        });
        if (seen && !other) ends.push_back(n);
    }
    return ends;
}

/// The edges with a segment that may lie within radius_m of one of the ends: their box, grown by
/// the radius, holds an end. A grid of the ends in cells of a few radii, scanned once per edge.
std::vector<std::uint8_t> edges_near(const Graph& g, const std::vector<NodeId>& ends, double radius_m) {
    const auto& d = g.data();
    const LocalProjection proj = LocalProjection::around(g.bbox());  // the EdgeSnapper's own
    const double cell = std::max(4 * radius_m, 100.0);
    const auto key = [](std::int64_t cx, std::int64_t cy) { return cx * 4000037LL + cy; };
    std::unordered_map<std::int64_t, std::vector<std::pair<double, double>>> grid;
    for (const NodeId n : ends) {
        const double x = proj.x(d.node_coord[n]), y = proj.y(d.node_coord[n]);
        grid[key(static_cast<std::int64_t>(std::floor(x / cell)), static_cast<std::int64_t>(std::floor(y / cell)))].emplace_back(x, y);
    }
    const double margin = radius_m + 1.0;  // a metre more: rounding never drops an edge
    std::vector<std::uint8_t> near(g.edge_count(), 0);
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        double x0 = std::numeric_limits<double>::infinity(), y0 = x0, x1 = -x0, y1 = -x0;
        for (std::uint32_t i = d.edge_shape_begin[e]; i < d.edge_shape_begin[e + 1]; ++i) {
            const double x = proj.x(d.shape[i]), y = proj.y(d.shape[i]);
            x0 = std::min(x0, x), x1 = std::max(x1, x), y0 = std::min(y0, y), y1 = std::max(y1, y);
        }
        x0 -= margin, y0 -= margin, x1 += margin, y1 += margin;
        bool found = false;
        for (auto cx = static_cast<std::int64_t>(std::floor(x0 / cell)); !found && cx <= static_cast<std::int64_t>(std::floor(x1 / cell)); ++cx) {
            for (auto cy = static_cast<std::int64_t>(std::floor(y0 / cell)); !found && cy <= static_cast<std::int64_t>(std::floor(y1 / cell)); ++cy) {
                const auto it = grid.find(key(cx, cy));
                if (it == grid.end()) continue;
                for (const auto& [x, y] : it->second) {
                    if (x >= x0 && x <= x1 && y >= y0 && y <= y1) found = true;
                }
            }
        }
        near[e] = found ? 1 : 0;
    }
    return near;
}

}  // namespace

std::vector<Gap> find_undershoots(const CycleNetwork& net, const GapParams& p) {
    const Graph& g = net.graph();
    const auto& d = g.data();
    std::vector<Gap> out;
    if (p.data_error_m <= 0) return out;
    const std::vector<NodeId> ends = dangling_ends(net);
    if (ends.empty()) return out;
    // Every way a cyclist or a pedestrian can use (an undershoot may stop short of a footway),
    // indexed only near the ends: an R-tree of every walkable segment of a region took seconds
    // and hundreds of MB for a few thousand ends. The nearest within data_error_m is the same.
    const std::vector<std::uint8_t> near = edges_near(g, ends, p.data_error_m);
    const EdgeSnapper ways{g, [&](EdgeId e) {
                               return near[e] && (d.arc_access[arc_of(e, false)] != 0 || d.arc_access[arc_of(e, true)] != 0);
                           }};
    for (const NodeId n : ends) {
        EdgeId own = 0;
        g.for_each_out_arc(n, [&](ArcId a) { own = edge_of(a); });
        const auto snap = ways.snap_excluding(d.node_coord[n], p.data_error_m, [&](EdgeId e) { return e == own; });
        if (!snap) continue;
        const EdgeId e = snap->edge;
        Gap gap;
        gap.kind = GapKind::close_far;
        gap.data_issue = DataIssue::undershoot;
        gap.merged = 0;  // a data check, not a candidate of Identify
        gap.from = n;
        gap.to = snap->offset_m <= g.length_m(e) / 2 ? d.edge_source[e] : d.edge_target[e];
        gap.touch = snap->position;
        gap.length_m = snap->distance_m;
        out.push_back(std::move(gap));
    }
    return out;
}

}  // namespace maillon
