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
    // Both on the same edge, in a direction the filter allows: no search needed.
    if (from.edge == to.edge) {
        const bool forward = to.offset_m >= from.offset_m;
        if (filter(arc_of(from.edge, !forward)) && std::abs(to.offset_m - from.offset_m) <= budget_m) {
            Route r;
            r.length_m = std::abs(to.offset_m - from.offset_m);
            r.geometry = detail::edge_piece(g, from.edge, from.offset_m, to.offset_m);
            return r;
        }
    }
    // An end on an edge the filter refuses both ways (a low-stress route to a point snapped onto a
    // busy road): no route, said at once. Searching would settle everything the budget allows
    // without ever arriving (measured: 0.5 s on an Île-de-France-sized grid).
    const bool leave_ok = filter(arc_of(from.edge, false)) || filter(arc_of(from.edge, true));
    const bool arrive_ok = filter(arc_of(to.edge, false)) || filter(arc_of(to.edge, true));
    if (!leave_ok || !arrive_ok) return std::nullopt;
    begin_run();
    m_target = to.position;
    const std::uint32_t labelled = m_generation;
    const std::uint32_t done = m_generation + 1;
    NodeState* const state = m_node.data();
    const float from_len = g.length_m(from.edge);
    const float to_len = g.length_m(to.edge);

    // End: arrive from either end of the target edge, in a direction the filter allows.
    const NodeId ts = d.edge_source[to.edge], tt = d.edge_target[to.edge];
    const bool enter_at_source = filter(arc_of(to.edge, false));
    const bool enter_at_target = filter(arc_of(to.edge, true));
    const bool alt = landmarks && landmarks->count() > 0;
    const std::uint16_t* const ts_row = alt ? landmarks->row(ts) : nullptr;
    const std::uint16_t* const tt_row = alt ? landmarks->row(tt) : nullptr;
    const auto bound = [&](NodeId n) {
        float h = straight_bound_m(n);
        if (alt) {
            // The remaining route ends through ts or tt: the smaller of the two landmark bounds.
            const std::uint16_t* row = landmarks->row(n);
            float via = std::numeric_limits<float>::infinity();
            if (enter_at_source) via = landmarks->bound(row, ts_row) + to.offset_m;
            if (enter_at_target) via = std::min(via, landmarks->bound(row, tt_row) + (to_len - to.offset_m));
            if (via > h && via != std::numeric_limits<float>::infinity()) h = via;
        }
        return h;
    };

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
    if (filter(arc_of(from.edge, false))) label(d.edge_target[from.edge], from_len - from.offset_m, no_arc);
    if (filter(arc_of(from.edge, true))) label(d.edge_source[from.edge], from.offset_m, no_arc);

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
