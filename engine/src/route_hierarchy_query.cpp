// Routes through a RouteHierarchy (route_hierarchy.hpp): a forward search from the start and a
// backward search from the end, each climbing only towards more important nodes, alternated by
// smallest key; they meet at the most important node of the shortest route. With a core, the
// climbs stop at it, and an A* over the core joins the nodes where the forward climb entered it
// to those where the backward one did (core-based CH with goal direction: Bauer,
// Delling, Sanders, Schieferdecker, Schultes & Wagner, "Combining hierarchical and goal-directed
// speed-up techniques for Dijkstra's algorithm", JEA 2010).

#include "maillon/route_hierarchy.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace maillon {
namespace {
constexpr std::uint32_t no_edge = RouteHierarchy::Edge::no_edge;
constexpr float infinity = std::numeric_limits<float>::infinity();
}  // namespace

NodeId HierarchySearch::follow_parents(const std::vector<NodeState>& state, NodeId n, std::vector<std::uint32_t>& edges) {
    for (; state[n].parent != no_edge; n = state[n].pred) edges.push_back(state[n].parent);
    return n;
}

HierarchySearch::HierarchySearch(const Graph& g) : m_graph(&g) {
    for (Direction* dir : {&m_forward, &m_backward}) dir->node.assign(g.node_count(), NodeState{0.F, 0, no_edge, no_node});
}

void HierarchySearch::prepare(const RouteHierarchy& h) {
    // Sized for the largest core met (hierarchies of one graph differ in core size).
    if (m_core.size() < h.core_size()) m_core.resize(h.core_size(), CoreState{0.F, 0.F, 0, 0, no_edge, 0});
}

void HierarchySearch::begin_run(const RouteHierarchy& h) {
    m_entries.clear();
    m_core_heap.clear();
    prepare(h);
    const bool wrap = m_generation >= std::numeric_limits<std::uint32_t>::max() - 3;
    for (Direction* dir : {&m_forward, &m_backward}) {
        dir->heap.clear();
        if (wrap) {
            for (NodeState& s : dir->node) s.mark = 0;
        }
    }
    if (wrap) {
        for (CoreState& s : m_core) s.mark = s.bound_mark = 0;
        m_generation = 0;
    }
    m_generation += 2;
}

std::optional<Route> HierarchySearch::route(const RouteHierarchy& h, const Snap& from, const Snap& to, float budget_m,
                                            const RouteLandmarks* landmarks) {
    const Graph& g = *m_graph;
    const auto& d = g.data();
    m_settled = m_core_settled = 0;
    if (h.node_count() != g.node_count()) return std::nullopt;  // a hierarchy of another graph
    const auto allows = [&h](ArcId a) { return h.allows(a); };
    if (auto piece = detail::same_edge_route(g, from, to, budget_m, allows)) return piece;
    const detail::RouteEnds ends{from, to, allows};
    if (!ends.possible()) return std::nullopt;

    begin_run(h);
    const std::uint32_t labelled = m_generation;
    const std::uint32_t done = m_generation + 1;
    const auto label = [&](Direction& dir, NodeId n, float dist, std::uint32_t edge, NodeId pred) {
        NodeState& s = dir.node[n];
        // A settled node is never reached shorter: the upward graphs have no negative lengths.
        if (s.mark >= labelled && !(dist < s.distance)) return;
        if (!(dist <= budget_m)) return;
        s = NodeState{dist, labelled, edge, pred};
        dir.heap.push({dist, n});
    };
    const float from_len = g.length_m(from.edge), to_len = g.length_m(to.edge);
    const NodeId fs = d.edge_source[from.edge], ft = d.edge_target[from.edge];
    const NodeId ts = d.edge_source[to.edge], tt = d.edge_target[to.edge];
    if (ends.leave_forward) label(m_forward, ft, from_len - from.offset_m, no_edge, no_node);
    if (ends.leave_backward) label(m_forward, fs, from.offset_m, no_edge, no_node);
    if (ends.enter_at_source) label(m_backward, ts, to.offset_m, no_edge, no_node);
    if (ends.enter_at_target) label(m_backward, tt, to_len - to.offset_m, no_edge, no_node);

    float best = infinity;
    NodeId meet = no_node;
    bool exits = false;  // the backward climb settled a core node: a route may come out of the core
    const auto top = [](const Direction& dir) { return dir.heap.empty() ? infinity : dir.heap.top_key(); };
    for (;;) {
        const float fk = top(m_forward), bk = top(m_backward);
        // Every route left to find is at least as long as the smaller key: none beats the best.
        if (!(std::min(fk, bk) < best)) break;
        const bool forward = fk <= bk;
        Direction& dir = forward ? m_forward : m_backward;
        const Direction& other = forward ? m_backward : m_forward;
        const auto [key, n] = dir.heap.pop();
        NodeState& st = dir.node[n];
        if (st.mark == done || key > st.distance) continue;  // stale entry
        st.mark = done;
        ++m_settled;
        const NodeState& o = other.node[n];
        if (o.mark >= labelled && st.distance + o.distance < best) {
            best = st.distance + o.distance;
            meet = n;
        }
        if (h.in_core(n)) {  // the climb ends here: the core's A* goes on from the entries
            if (forward) m_entries.push_back(n);
            else exits = true;
            continue;
        }
        // Stall on demand: a more important node reaches n shorter by going down to it, so no
        // shortest route climbs through n; its distance stays as found, but it is not expanded.
        const RouteHierarchy::Up* down = forward ? h.backward_begin(n) : h.forward_begin(n);
        const RouteHierarchy::Up* down_end = forward ? h.backward_end(n) : h.forward_end(n);
        bool stalled = false;
        for (; down != down_end; ++down) {
            const NodeState& s = dir.node[down->node];
            if (s.mark >= labelled && s.distance + down->length_m < st.distance) {
                stalled = true;
                break;
            }
        }
        if (stalled) continue;
        const RouteHierarchy::Up* up = forward ? h.forward_begin(n) : h.backward_begin(n);
        const RouteHierarchy::Up* up_end = forward ? h.forward_end(n) : h.backward_end(n);
        for (; up != up_end; ++up) label(dir, up->node, st.distance + up->length_m, up->edge, n);
    }

    // The core: A* from the entries (their climb distances final: settled below `best`) until
    // its smallest key reaches the best route; it arrives at the exits, the core nodes the
    // backward climb settled. A bidirectional search on the average of the bounds to the end and
    // from the start settled as many nodes and took 15 % longer (docs/performance.md).
    bool meet_in_core = false;
    std::uint32_t meet_core = 0;  // the core number of `meet` when meet_in_core
    if (!m_entries.empty() && exits) {
        const PositionBounds end{landmarks, {ts, to.offset_m, ends.enter_at_source}, {tt, to_len - to.offset_m, ends.enter_at_target}};
        CoreState* const core = m_core.data();
        const auto bound = [&](std::uint32_t i) {
            CoreState& s = core[i];
            if (s.bound_mark != labelled) {
                s.bound = end.active() ? end.to_row(h.core_row(*landmarks, i)) : 0.F;
                s.bound_mark = labelled;
            }
            return s.bound;
        };
        const auto label_core = [&](std::uint32_t i, float dist, std::uint32_t edge, std::uint32_t pred) {
            CoreState& s = core[i];
            // A settled node is labelled again if reached shorter: the landmark bounds, rounded
            // to 5 m, are admissible but not exactly consistent.
            if (s.mark >= labelled && !(dist < s.distance)) return;
            const float key = dist + bound(i);
            if (!(key < best) || !(key <= budget_m)) return;
            s.distance = dist;
            s.mark = labelled;
            s.parent = edge;
            s.pred = pred;
            m_core_heap.push({key, i});
        };
        for (const NodeId c : m_entries) label_core(h.core_index(c), m_forward.node[c].distance, no_edge, 0);
        while (!m_core_heap.empty()) {
            const auto [key, i] = m_core_heap.pop();
            CoreState& st = core[i];
            if (st.mark == done) continue;  // stale entry
            if (!(key < best)) break;
            st.mark = done;
            ++m_settled;
            ++m_core_settled;
            const NodeState& exit = m_backward.node[h.core_node(i)];
            if (exit.mark == done && st.distance + exit.distance < best) {
                best = st.distance + exit.distance;
                meet = h.core_node(i);
                meet_core = i;
                meet_in_core = true;
            }
            for (const RouteHierarchy::Up* up = h.core_begin(i); up != h.core_end(i); ++up) {
                label_core(up->node, st.distance + up->length_m, up->edge, i);
            }
        }
    }
    if (meet == no_node || !(best <= budget_m)) return std::nullopt;

    // Unpack: the forward edges from the start up to the meeting node (through the core search's
    // edges when it met there), then the backward ones from it down to the end, each into the
    // graph's arcs.
    std::vector<std::uint32_t> up_edges;
    NodeId climbed_to = meet;
    if (meet_in_core) {
        std::uint32_t i = meet_core;
        for (; m_core[i].parent != no_edge; i = m_core[i].pred) up_edges.push_back(m_core[i].parent);
        climbed_to = h.core_node(i);
    }
    const NodeId first = follow_parents(m_forward.node, climbed_to, up_edges);
    std::reverse(up_edges.begin(), up_edges.end());
    const NodeId last = follow_parents(m_backward.node, meet, up_edges);
    std::vector<ArcId> arcs;
    for (const std::uint32_t e : up_edges) h.unpack(e, arcs);
    // The length again from the arcs, in double: shortcut lengths are float sums.
    const bool start_at_target = ends.leave_forward && first == ft &&
                                 (first != fs || !ends.leave_backward || from_len - from.offset_m <= from.offset_m);
    const bool end_at_source =
        ends.enter_at_source && last == ts && (last != tt || !ends.enter_at_target || to.offset_m <= to_len - to.offset_m);
    double length = start_at_target ? from_len - from.offset_m : from.offset_m;
    for (const ArcId a : arcs) length += d.edge_length_m[edge_of(a)];
    length += end_at_source ? to.offset_m : to_len - to.offset_m;
    return detail::assemble_route(g, from, to, arcs, first, end_at_source, length);
}

}  // namespace maillon
