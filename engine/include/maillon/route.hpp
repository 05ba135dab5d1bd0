#pragma once
// Point-to-point routes between two snapped positions, on the arcs a filter accepts: the
// shortest route, and the low-stress route (LTS <= 2) of the route tool.

#include "maillon/search.hpp"
#include "maillon/spatial_index.hpp"

#include <optional>
#include <vector>

namespace maillon {

struct Route {
    double length_m = 0;
    std::vector<Coord> geometry;  // from the snapped start to the snapped end
};

/// Shortest route from `from` to `to` within budget_m, or nothing when the filter's arcs do not
/// connect them. Respects the direction of arcs (one-way streets for bikes).
template <typename Filter>
std::optional<Route> route_between(const Graph& g, BoundedSearch& search, const Snap& from, const Snap& to,
                                   const Filter& filter, float budget_m);

// ---- implementation ----------------------------------------------------------------------

namespace detail {
/// The polyline of an edge between two offsets (metres from its source), in that order.
std::vector<Coord> edge_piece(const Graph& g, EdgeId e, float from_offset, float to_offset);
}  // namespace detail

template <typename Filter>
std::optional<Route> route_between(const Graph& g, BoundedSearch& search, const Snap& from, const Snap& to,
                                   const Filter& filter, float budget_m) {
    const auto& d = g.data();
    const float from_len = g.length_m(from.edge);
    const float to_len = g.length_m(to.edge);
    // Both on the same edge, in a direction the filter allows: no search needed.
    if (from.edge == to.edge) {
        const bool forward = to.offset_m >= from.offset_m;
        if (filter(arc_of(from.edge, !forward))) {
            Route r;
            r.length_m = std::abs(to.offset_m - from.offset_m);
            r.geometry = detail::edge_piece(g, from.edge, from.offset_m, to.offset_m);
            return r;
        }
    }
    // Start: leave the snapped position towards either end the filter lets us ride to.
    std::vector<SearchSource> sources;
    if (filter(arc_of(from.edge, false))) sources.push_back({d.edge_target[from.edge], from_len - from.offset_m});
    if (filter(arc_of(from.edge, true))) sources.push_back({d.edge_source[from.edge], from.offset_m});
    search.run(sources, budget_m, filter);
    // End: arrive from either end of the target edge, in a direction the filter allows.
    double best = std::numeric_limits<double>::infinity();
    NodeId via = no_node;
    bool via_source = true;
    const NodeId ts = d.edge_source[to.edge], tt = d.edge_target[to.edge];
    if (search.reached(ts) && filter(arc_of(to.edge, false)) && search.distance(ts) + to.offset_m < best) {
        best = search.distance(ts) + to.offset_m;
        via = ts;
        via_source = true;
    }
    if (search.reached(tt) && filter(arc_of(to.edge, true)) && search.distance(tt) + (to_len - to.offset_m) < best) {
        best = search.distance(tt) + (to_len - to.offset_m);
        via = tt;
        via_source = false;
    }
    if (via == no_node) return std::nullopt;
    Route r;
    r.length_m = best;
    // First piece: from the snapped start to the node the path starts at.
    const std::vector<ArcId> arcs = search.path_to(via);
    const NodeId start = arcs.empty() ? via : g.arc_tail(arcs.front());
    const bool start_at_target = start == d.edge_target[from.edge];
    r.geometry = detail::edge_piece(g, from.edge, from.offset_m, start_at_target ? from_len : 0.F);
    for (const ArcId a : arcs) {
        std::vector<Coord> shape = g.shape(edge_of(a));
        if (is_backward(a)) std::reverse(shape.begin(), shape.end());
        r.geometry.insert(r.geometry.end(), shape.begin() + 1, shape.end());
    }
    const std::vector<Coord> last = detail::edge_piece(g, to.edge, via_source ? 0.F : to_len, to.offset_m);
    r.geometry.insert(r.geometry.end(), last.begin() + 1, last.end());
    return r;
}

}  // namespace maillon
