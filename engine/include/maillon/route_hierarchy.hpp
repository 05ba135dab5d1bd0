#pragma once
// Point-to-point routes through a contraction hierarchy (Geisberger, Sanders, Schultes & Delling,
// "Contraction Hierarchies: Faster and Simpler Hierarchical Routing in Road Networks", WEA 2008).
//
// Built once per graph and arc filter: the nodes are contracted one at a time in order of
// importance (least important first); contracting a node adds a shortcut u -> w wherever the
// shortest path from u to w went through it. A route then is two small upward searches, one from
// each end, that meet at the most important node of the shortest path: a route across an
// Île-de-France-sized network settles a few hundred nodes instead of tens of thousands with A*
// and landmarks (docs/performance.md). Shortcuts remember the two edges they replace, so a route
// unpacks to the original arcs and gives the same geometry as RouteSearch (route.hpp).
//
//   maillon::RouteHierarchy bike{g, maillon::arc_mask(g, maillon::ModeFilter{&g, maillon::Mode::bike})};
//   maillon::HierarchySearch search{g};    // once per thread: graph-sized work arrays
//   auto r = search.route(bike, from, to, 20000.F);

#include "maillon/route.hpp"
#include "maillon/route_landmarks.hpp"
#include "maillon/search.hpp"
#include "maillon/spatial_index.hpp"

#include <cstdint>
#include <optional>
#include <vector>

namespace maillon {

/// Counters of a contraction, for the benchmark and docs/performance.md.
struct HierarchyStats {
    std::size_t arcs = 0;       // arcs the filter accepts (parallel ones merged)
    std::size_t shortcuts = 0;  // shortcuts kept in the hierarchy
    std::size_t core_nodes = 0; // left uncontracted (RouteHierarchy::Core)
    double seconds = 0;         // wall time of the contraction
};

class RouteHierarchy {
public:
    /// One edge of the hierarchy: an accepted arc of the graph or a shortcut of two edges.
    struct Edge {
        float length_m;
        std::uint32_t first;   // the arc, or the first edge of the shortcut
        std::uint32_t second;  // no_edge for an arc, else the second edge of the shortcut
        static constexpr std::uint32_t no_edge = 0xFFFFFFFFU;
    };
    /// An upward edge from a node to a more important one, in the CSR of one direction.
    struct Up {
        NodeId node;  // the other, more important end
        float length_m;
        std::uint32_t edge;  // into edges()
    };

    /// When the contraction stops: once the nodes left average more than `degree` out-links, or
    /// are at most `nodes`. Those form the core, searched without hierarchy.
    struct Core {
        std::size_t degree = 12;
        std::size_t nodes = 0;
    };

    RouteHierarchy() = default;
    /// Contracts the arcs marked in `arc_allowed` ([2E], as arc_mask gives). Deterministic: the
    /// same graph and mask give the same hierarchy.
    RouteHierarchy(const Graph& g, std::vector<std::uint8_t> arc_allowed, Core core);
    RouteHierarchy(const Graph& g, std::vector<std::uint8_t> arc_allowed) : RouteHierarchy(g, std::move(arc_allowed), Core{}) {}

    bool allows(ArcId a) const noexcept { return m_arc_allowed[a] != 0; }
    std::size_t node_count() const noexcept { return m_core_index.size(); }
    const HierarchyStats& stats() const noexcept { return m_stats; }
    /// Bytes held (edges and both upward graphs), for the server's memory figures.
    std::size_t memory_bytes() const noexcept;

    // The search's view (route_hierarchy_query.cpp).
    const std::vector<Edge>& edges() const noexcept { return m_edges; }
    /// Edges u -> v with v more important than u, grouped by u (none from a core node).
    const Up* forward_begin(NodeId n) const noexcept { return m_forward.data() + m_forward_first[n]; }
    const Up* forward_end(NodeId n) const noexcept { return m_forward.data() + m_forward_first[n + 1]; }
    /// Edges u -> v with u more important than v, grouped by v (a backward search climbs them).
    const Up* backward_begin(NodeId n) const noexcept { return m_backward.data() + m_backward_first[n]; }
    const Up* backward_end(NodeId n) const noexcept { return m_backward.data() + m_backward_first[n + 1]; }
    /// Whether n was left uncontracted: then it has no upward edges but links in the core.
    bool in_core(NodeId n) const noexcept { return m_core_index[n] != not_core; }
    /// The core, numbered 0..core_size()-1: a core node's number, and back.
    std::uint32_t core_index(NodeId n) const noexcept { return m_core_index[n]; }
    NodeId core_node(std::uint32_t i) const noexcept { return m_core_nodes[i]; }
    std::size_t core_size() const noexcept { return m_core_nodes.size(); }
    /// A core node's links to other core nodes (`Up::node` is the other's core number).
    const Up* core_begin(std::uint32_t i) const noexcept { return m_core_links.data() + m_core_first[i]; }
    const Up* core_end(std::uint32_t i) const noexcept { return m_core_links.data() + m_core_first[i + 1]; }
    /// Copies the rows of the core nodes out of `landmarks` (computed with the hierarchy's filter),
    /// in core order: the core search then reads them from a dense array. The landmarks must
    /// outlive the hierarchy's use with them.
    void copy_core_bounds(const RouteLandmarks& landmarks);
    /// A core node's row of `landmarks`: the copy when it was made of these landmarks.
    const std::uint16_t* core_row(const RouteLandmarks& landmarks, std::uint32_t i) const noexcept {
        return m_core_rows_of == &landmarks ? m_core_rows.data() + static_cast<std::size_t>(i) * 2 * landmarks.count()
                                            : landmarks.row(m_core_nodes[i]);
    }
    /// Appends the graph's arcs that `edge` stands for, in travel order.
    void unpack(std::uint32_t edge, std::vector<ArcId>& out) const;

private:
    std::vector<std::uint8_t> m_arc_allowed;
    static constexpr std::uint32_t not_core = 0xFFFFFFFFU;
    std::vector<std::uint32_t> m_core_index;  // per node: its core number, or not_core
    std::vector<NodeId> m_core_nodes;
    std::vector<std::uint32_t> m_core_first;  // [C + 1]
    std::vector<Up> m_core_links;
    std::vector<std::uint16_t> m_core_rows;  // copy_core_bounds
    const RouteLandmarks* m_core_rows_of = nullptr;
    std::vector<Edge> m_edges;
    std::vector<std::uint32_t> m_forward_first, m_backward_first;  // [N + 1]
    std::vector<Up> m_forward, m_backward;
    HierarchyStats m_stats;
};

/// The work arrays of hierarchy queries; one per thread, reused by every route, usable with any
/// hierarchy of the same graph.
class HierarchySearch {
public:
    explicit HierarchySearch(const Graph& g);

    /// Shortest route from `from` to `to` on the hierarchy's arcs, of at most budget_m, or nothing.
    /// Same answer as RouteSearch::route with the filter the hierarchy was built from (length to
    /// float rounding; the path may differ between routes of equal length).
    /// With a core (RouteHierarchy::Core), the core is searched by A* towards the end, its bound
    /// raised by `landmarks` when given (computed on the graph with the hierarchy's filter).
    std::optional<Route> route(const RouteHierarchy& h, const Snap& from, const Snap& to, float budget_m,
                               const RouteLandmarks* landmarks = nullptr);

    /// Allocates the core search's states for `h` now rather than at its first route (a server
    /// whose memory must not grow under load).
    void prepare(const RouteHierarchy& h);

    /// Nodes settled by the last route, both directions (what it cost; tests and benchmarks).
    std::size_t settled_count() const noexcept { return m_settled; }
    /// Of those, the nodes the core's A* settled.
    std::size_t core_settled_count() const noexcept { return m_core_settled; }

private:
    struct NodeState {
        float distance;
        std::uint32_t mark;    // == generation: labelled; == generation + 1: settled
        std::uint32_t parent;  // hierarchy edge it was reached by, or no_edge for a start
        NodeId pred;           // the node that edge comes from (forward) or goes to (backward)
    };
    struct Direction {
        std::vector<NodeState> node;
        detail::SearchHeap heap;
    };
    /// A core node in the core's A*, by core number: its bound to the end is computed once a route
    /// (the core's nodes are labelled from several links).
    struct CoreState {
        float distance;
        float bound;
        std::uint32_t mark;        // as NodeState::mark
        std::uint32_t bound_mark;  // == generation: `bound` is this route's
        std::uint32_t parent;      // hierarchy edge it was reached by, or no_edge for an entry
        std::uint32_t pred;        // the core number that edge comes from
    };

    void begin_run(const RouteHierarchy& h);
    /// Appends the parent edges from n back to where its search started; returns that node.
    static NodeId follow_parents(const std::vector<NodeState>& state, NodeId n, std::vector<std::uint32_t>& edges);

    const Graph* m_graph;
    Direction m_forward, m_backward;
    // The core's A*, indexed by core number, from the nodes the upward search from the start
    // entered it by (`m_entries`) to those the backward one settled.
    std::vector<CoreState> m_core;
    detail::SearchHeap m_core_heap;
    std::vector<NodeId> m_entries;
    std::uint32_t m_generation = 0;
    std::size_t m_settled = 0, m_core_settled = 0;
};

}  // namespace maillon
