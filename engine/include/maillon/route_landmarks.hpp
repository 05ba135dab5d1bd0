#pragma once
// What the route search (route.hpp) knows before a query, computed once per graph and filter:
// which parts of the network connect at all (RouteComponents), and distances from and to a few
// landmarks (RouteLandmarks), whose triangle inequalities bound the remaining distance far better
// than the straight line where streets make detours (ALT: Goldberg & Harrelson, "Computing the
// shortest path: A* search meets graph theory", SODA 2005).

#include "maillon/search.hpp"

#include <cstdint>
#include <limits>
#include <vector>

namespace maillon {

/// Weakly connected components of the arcs a filter accepts (directions ignored). Two points in
/// different components have no route between them: the route search can answer at once instead
/// of exploring everything the budget allows (on a graph of many islands, or tiled copies).
class RouteComponents {
public:
    template <typename Filter>
    RouteComponents(const Graph& g, const Filter& filter);
    /// Whether a route from edge `from` to edge `to` may exist (same component).
    bool may_connect(EdgeId from, EdgeId to) const noexcept;
    std::uint32_t of(NodeId n) const noexcept { return m_component[n]; }
    /// The component with the most nodes (the region's main network).
    std::uint32_t largest() const;

private:
    const Graph* m_graph;
    std::vector<std::uint32_t> m_component;  // per node
};

/// Distances from and to `count` landmarks over the arcs a filter accepts, in units of 5 m
/// (2 bytes a value: 32 bytes a node for 8 landmarks, one cache line). The landmarks lie in the
/// largest component, chosen farthest-first (each the node farthest from those already chosen),
/// which puts them on the rim of the network where their bounds are tightest.
class RouteLandmarks {
public:
    static constexpr float unit_m = 5.F;
    static constexpr std::uint16_t unknown = std::numeric_limits<std::uint16_t>::max();

    RouteLandmarks() = default;
    /// 2 × count + 1 Dijkstra runs over the largest component.
    template <typename Filter>
    RouteLandmarks(const Graph& g, const Filter& filter, const RouteComponents& components, std::size_t count = 8);

    std::size_t count() const noexcept { return m_count; }
    const std::vector<NodeId>& nodes() const noexcept { return m_nodes; }
    /// The values of one node: for each landmark, its distance from the landmark, then to it.
    const std::uint16_t* row(NodeId n) const noexcept { return m_table.data() + static_cast<std::size_t>(n) * 2 * m_count; }
    /// A lower bound in metres of the distance from the node of `from` to the node of `to`
    /// (rows of row()); 0 when the landmarks know nothing of them.
    float bound(const std::uint16_t* from, const std::uint16_t* to) const noexcept;

private:
    void store(std::size_t landmark, std::size_t direction, const BoundedSearch& search);

    std::size_t m_count = 0;
    std::vector<std::uint16_t> m_table;  // node-major: [node][landmark][from, to]
    std::vector<NodeId> m_nodes;
};

/// Landmark bounds from any node to a snapped position on an edge, which a route reaches through
/// the ends of that edge it may use, each end `offset_m` metres from the position.
/// Both searches of route.hpp and route_hierarchy.hpp bound their remaining distance with it.
class PositionBounds {
public:
    struct Via {
        NodeId node;
        float offset_m;
        bool used;
    };
    /// Inactive (every bound 0) without landmarks.
    PositionBounds(const RouteLandmarks* landmarks, Via a, Via b) noexcept;

    bool active() const noexcept { return m_landmarks != nullptr; }
    /// A lower bound in metres of the route from node n to the position; 0 when nothing is known.
    float to(NodeId n) const noexcept { return m_landmarks ? to_row(m_landmarks->row(n)) : 0.F; }
    /// The same from the node's row of the landmarks (a copy of it, RouteHierarchy::core_row). @pre active()
    float to_row(const std::uint16_t* row) const noexcept;

private:
    const RouteLandmarks* m_landmarks;
    const std::uint16_t* m_row[2];
    float m_offset[2];
    bool m_used[2];
};

// ---- implementation ----------------------------------------------------------------------

template <typename Filter>
RouteComponents::RouteComponents(const Graph& g, const Filter& filter) : m_graph(&g), m_component(g.node_count()) {
    // Union-find with path halving over the accepted arcs, then one label per root.
    std::vector<std::uint32_t>& parent = m_component;
    for (std::uint32_t n = 0; n < parent.size(); ++n) parent[n] = n;
    const auto find = [&](std::uint32_t n) {
        while (parent[n] != n) n = parent[n] = parent[parent[n]];
        return n;
    };
    const auto& d = g.data();
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        if (!filter(arc_of(e, false)) && !filter(arc_of(e, true))) continue;
        const std::uint32_t a = find(d.edge_source[e]), b = find(d.edge_target[e]);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
    for (std::uint32_t n = 0; n < parent.size(); ++n) parent[n] = find(n);
}

/// The arcs against their direction: a search from a landmark over them gives distances to it.
template <typename Filter>
struct ReversedFilter {
    Filter filter;
    bool operator()(ArcId a) const { return filter(a ^ 1U); }  // the other arc of the same edge
};

template <typename Filter>
RouteLandmarks::RouteLandmarks(const Graph& g, const Filter& filter, const RouteComponents& components, std::size_t count)
    : m_count(count), m_table(g.node_count() * 2 * count, unknown) {
    if (g.node_count() == 0 || count == 0) return;
    const std::uint32_t main = components.largest();
    NodeId start = 0;
    while (start < g.node_count() && components.of(start) != main) ++start;
    constexpr float no_budget = std::numeric_limits<float>::infinity();
    BoundedSearch search{g};
    std::vector<float> nearest(g.node_count(), no_budget);  // to the landmarks chosen so far
    // The first landmark: the node farthest from an arbitrary one of the main component.
    search.run({{start, 0.F}}, no_budget, filter);
    NodeId next = search.settled().empty() ? start : search.settled().back();
    for (std::size_t k = 0; k < count; ++k) {
        m_nodes.push_back(next);
        search.run({{next, 0.F}}, no_budget, filter);
        store(k, 0, search);
        for (const NodeId n : search.settled()) nearest[n] = std::min(nearest[n], search.distance(n));
        search.run({{next, 0.F}}, no_budget, ReversedFilter<Filter>{filter});
        store(k, 1, search);
        // The next one: farthest from all chosen, among the nodes they reach.
        float far = -1.F;
        for (NodeId n = 0; n < g.node_count(); ++n) {
            if (nearest[n] != no_budget && nearest[n] > far) far = nearest[n], next = n;
        }
    }
}

}  // namespace maillon
