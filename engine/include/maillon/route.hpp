#pragma once
// Point-to-point routes between two snapped positions, on the arcs a filter accepts: the
// shortest route, and the low-stress route (LTS <= 2) of the route tool.
//
// The search is goal-directed (A*): a node is ranked by its distance from the start plus a lower
// bound of its distance to the end, so that a route across a region settles the nodes near the
// line between its ends rather than every node closer to the start than the end is (Dijkstra).
// The bound is the straight line (see straight_bound_m) and, given landmarks (route_landmarks.hpp),
// the best of their triangle inequalities; both are lower bounds, so routes are the shortest ones.
//
//   maillon::RouteSearch search{g};      // once per thread: graph-sized work arrays
//   auto r = search.route(from, to, maillon::ModeFilter{&g, maillon::Mode::bike}, 20000.F);

#include "maillon/route_landmarks.hpp"
#include "maillon/search.hpp"
#include "maillon/spatial_index.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

namespace maillon {

struct Route {
    double length_m = 0;
    std::vector<Coord> geometry;  // from the snapped start to the snapped end
};

class RouteSearch {
public:
    /// Allocates the work arrays once (size N); they are reused by every route.
    explicit RouteSearch(const Graph& g);

    /// Shortest route from `from` to `to` of at most budget_m, or nothing when the filter's arcs
    /// do not connect them within it. Respects the direction of arcs (one-way streets for bikes).
    /// `landmarks`, when given, must have been computed for the same filter.
    template <typename Filter>
    std::optional<Route> route(const Snap& from, const Snap& to, const Filter& filter, float budget_m,
                               const RouteLandmarks* landmarks = nullptr);

    /// Nodes settled by the last route (what it cost; tests and benchmarks).
    std::size_t settled_count() const noexcept { return m_settled; }
    const Graph& graph() const noexcept { return *m_graph; }

private:
    struct NodeState {
        float distance;      // from the start
        std::uint32_t mark;  // == m_generation: labelled this run; == m_generation + 1: settled
        ArcId parent;
    };

    void begin_run();
    /// A lower bound of the length of any path from node n to the target, in metres.
    float straight_bound_m(NodeId n) const noexcept;
    std::vector<ArcId> path_to(NodeId n) const;
    Route build(const Snap& from, const Snap& to, NodeId via, bool via_source, double length) const;

    const Graph* m_graph;
    std::vector<NodeState> m_node;
    detail::SearchHeap m_heap;
    std::uint32_t m_generation = 0;
    std::size_t m_settled = 0;
    // The bound: straight distance in a plane where a degree of latitude is m_ky metres and one of
    // longitude m_kx, the smallest east-west scale over the graph's latitudes.
    double m_kx = 0, m_ky = 0;
    Coord m_target;
};

// ---- implementation ----------------------------------------------------------------------

namespace detail {
/// The polyline of an edge between two offsets (metres from its source), in that order.
std::vector<Coord> edge_piece(const Graph& g, EdgeId e, float from_offset, float to_offset);
/// The route along `arcs` (consecutive arcs of the graph) from the snapped start to the snapped
/// end: the part of the start edge up to `first_node` (where the arcs start), the arcs' shapes,
/// then the part of the end edge from where they end (`end_at_source`: the end edge's source).
Route assemble_route(const Graph& g, const Snap& from, const Snap& to, const std::vector<ArcId>& arcs, NodeId first_node,
                     bool end_at_source, double length_m);

/// The arcs of the start and end edges a route may use: leave the start towards its edge's target
/// (`leave_forward`) or source, arrive at the end from its edge's source (`enter_at_source`:
/// then riding the edge forward) or target.
struct RouteEnds {
    bool leave_forward, leave_backward, enter_at_source, enter_at_target;

    template <typename Allows>
    RouteEnds(const Snap& from, const Snap& to, const Allows& allows)
        : leave_forward(allows(arc_of(from.edge, false))),
          leave_backward(allows(arc_of(from.edge, true))),
          enter_at_source(allows(arc_of(to.edge, false))),
          enter_at_target(allows(arc_of(to.edge, true))) {}
    /// False for an end on an edge refused both ways (a low-stress route to a point snapped onto a
    /// busy road): no route, said at once. Searching would settle everything the budget allows
    /// without ever arriving (measured: 0.5 s on an Île-de-France-sized grid).
    bool possible() const noexcept { return (leave_forward || leave_backward) && (enter_at_source || enter_at_target); }
};

/// Both ends on the same edge, ridden from one to the other in a direction `allows` and within
/// the budget: that piece of the edge, found without a search. Otherwise nothing (search).
template <typename Allows>
std::optional<Route> same_edge_route(const Graph& g, const Snap& from, const Snap& to, float budget_m, const Allows& allows) {
    if (from.edge != to.edge) return std::nullopt;
    const bool forward = to.offset_m >= from.offset_m;
    const float length = std::abs(to.offset_m - from.offset_m);
    if (!allows(arc_of(from.edge, !forward)) || !(length <= budget_m)) return std::nullopt;
    Route r;
    r.length_m = length;
    r.geometry = edge_piece(g, from.edge, from.offset_m, to.offset_m);
    return r;
}
}  // namespace detail

inline float RouteSearch::straight_bound_m(NodeId n) const noexcept {
    const Coord c = m_graph->data().node_coord[n];
    const double dx = (c.lon_e7 - m_target.lon_e7) * m_kx;
    const double dy = (c.lat_e7 - m_target.lat_e7) * m_ky;
    return static_cast<float>(std::sqrt(dx * dx + dy * dy));
}

template <typename Filter>
std::optional<Route> RouteSearch::route(const Snap& from, const Snap& to, const Filter& filter, float budget_m,
                                        const RouteLandmarks* landmarks) {
    const Graph& g = *m_graph;
    const auto& d = g.data();
    m_settled = 0;
    if (auto piece = detail::same_edge_route(g, from, to, budget_m, filter)) return piece;
    const detail::RouteEnds ends{from, to, filter};
    if (!ends.possible()) return std::nullopt;
    begin_run();
    m_target = to.position;
    const std::uint32_t labelled = m_generation;
    const std::uint32_t done = m_generation + 1;
    NodeState* const state = m_node.data();
    const float from_len = g.length_m(from.edge);
    const float to_len = g.length_m(to.edge);

    // End: arrive from either end of the target edge, in a direction the filter allows.
    const NodeId ts = d.edge_source[to.edge], tt = d.edge_target[to.edge];
    const bool enter_at_source = ends.enter_at_source, enter_at_target = ends.enter_at_target;
    // The remaining route ends through ts or tt: the landmarks' bound, when larger than the line's.
    const PositionBounds end{landmarks, {ts, to.offset_m, enter_at_source}, {tt, to_len - to.offset_m, enter_at_target}};
    const auto bound = [&](NodeId n) { return std::max(straight_bound_m(n), end.to(n)); };

    const auto label = [&](NodeId n, float dist, ArcId parent) {
        NodeState& s = state[n];
        // A settled node is labelled again if reached shorter: the landmark bounds, rounded to
        // 5 m, are admissible but not exactly consistent.
        if (s.mark >= labelled && !(dist < s.distance)) return;
        const float key = dist + bound(n);
        if (!(key <= budget_m)) return;  // every path through n is longer than the budget
        s = NodeState{dist, labelled, parent};
        m_heap.push({key, n});
    };
    // Start: leave the snapped position towards either end the filter lets us ride to.
    if (ends.leave_forward) label(d.edge_target[from.edge], from_len - from.offset_m, no_arc);
    if (ends.leave_backward) label(d.edge_source[from.edge], from.offset_m, no_arc);

    double best = budget_m;
    NodeId via = no_node;
    bool via_source = true;
    const auto arrive = [&](NodeId at, double length, bool at_source) {
        if (length <= best && (via == no_node || length < best)) {
            best = length;
            via = at;
            via_source = at_source;
        }
    };

    const Graph::Adjacency& adj = g.adjacency();
    const float* const length = d.edge_length_m.data();
    while (!m_heap.empty()) {
        const auto [key, n] = m_heap.pop();
        NodeState& st = state[n];
        if (st.mark == done) continue;  // stale entry
        // Every key is a lower bound of the routes through its node: once the smallest one left
        // reaches the best arrival, nothing can beat it.
        if (via != no_node && key >= best) break;
        st.mark = done;
        ++m_settled;
        const float dist = st.distance;
        if (n == ts && enter_at_source) arrive(ts, dist + to.offset_m, true);
        if (n == tt && enter_at_target) arrive(tt, dist + (to_len - to.offset_m), false);
        for (auto [it, end] = boost::out_edges(n, adj); it != end; ++it) {
            const ArcId a = adj[*it].arc;
            if (!filter(a)) continue;
            label(boost::target(*it, adj), dist + length[edge_of(a)], a);
        }
    }
    if (via == no_node) return std::nullopt;
    return build(from, to, via, via_source, best);
}

}  // namespace maillon
