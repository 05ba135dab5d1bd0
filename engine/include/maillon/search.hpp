#pragma once
// The one graph search the analyses share (gap detection, 300 m coverage, station
// catchments, routing): a multi-source Dijkstra bounded by a distance budget, over the arcs a
// filter accepts, with arc cost = edge length in metres. See docs/search.md for the contract
// and the measurements behind the implementation choices.
//
//   maillon::BoundedSearch search{g};                       // once: allocates N-sized arrays
//   search.run({{station, 0.f}}, 300.f, maillon::ModeFilter{&g, maillon::Mode::foot});
//   for (const NodeId n : search.settled()) use(n, search.distance(n));
//
// A BoundedSearch is reused across runs: each run costs what it settles, not what the graph
// holds (node markers are generation-stamped, never cleared). One object per thread.

#include "maillon/attributes.hpp"
#include "maillon/graph.hpp"

#include <cstdint>
#include <limits>
#include <vector>

namespace maillon {

constexpr NodeId no_node = 0xFFFFFFFFU;
constexpr ArcId no_arc = 0xFFFFFFFFU;

/// A source of a multi-source search: start node and its initial distance (e.g. metres from a
/// snapped point to the node). Distances are >= 0.
struct SearchSource {
    NodeId node;
    float distance_m = 0.F;
};

// Arc filters: which arcs a search may use. Cheap value types, copied freely; any callable
// `bool(ArcId)` works with BoundedSearch::run.

/// Arcs open to a travel mode (bike arcs respect one-way streets, foot arcs do not).
struct ModeFilter {
    const Graph* g;
    Mode mode;
    bool operator()(ArcId a) const noexcept { return g->allows(a, mode); }
};

/// Bike arcs whose level of traffic stress is at most max_lts (1..4).
struct LowStressFilter {
    const Graph* g;
    std::uint8_t max_lts;
    bool operator()(ArcId a) const noexcept {
        const std::uint8_t lts = g->data().arc_lts[a];
        return g->allows(a, Mode::bike) && lts != 0 && lts <= max_lts;
    }
};

/// Bike arcs ridden on a cycle facility (arc_facility other than AUCUN): the cycle network.
struct CycleNetworkFilter {
    const Graph* g;
    bool operator()(ArcId a) const noexcept {
        return g->allows(a, Mode::bike) && is_cycle_facility(g->data().arc_facility[a]);
    }
};

/// Arcs marked in a precomputed mask [2E]: for filters whose rule is costly to evaluate and that
/// many searches share (the benefit graph, the ways a gap may follow). One byte read per arc.
struct ArcMaskFilter {
    const std::vector<std::uint8_t>* mask;
    bool operator()(ArcId a) const noexcept { return (*mask)[a] != 0; }
};

/// The mask of the arcs a filter accepts, evaluated once.
template <typename Filter>
std::vector<std::uint8_t> arc_mask(const Graph& g, const Filter& filter) {
    std::vector<std::uint8_t> mask(g.arc_count(), 0);
    for (ArcId a = 0; a < g.arc_count(); ++a) mask[a] = filter(a) ? 1 : 0;
    return mask;
}

namespace detail {

/// Min-heap of (distance, node) with lazy deletion: no decrease-key, stale entries are
/// skipped when popped. Arity 4: a shallower tree whose four children share a cache line;
/// measured a few percent faster than a binary heap or std::priority_queue on searches of
/// hundreds of nodes or more (docs/search.md).
class SearchHeap {
public:
    struct Entry {
        float key;
        NodeId node;
    };
    static constexpr std::size_t arity = 4;

    bool empty() const noexcept { return m_v.empty(); }
    std::size_t size() const noexcept { return m_v.size(); }
    void clear() noexcept { m_v.clear(); }
    /// @pre !empty()
    float top_key() const noexcept { return m_v.front().key; }

    void push(Entry e) {
        std::size_t i = m_v.size();
        m_v.push_back(e);
        Entry* v = m_v.data();
        while (i > 0) {
            const std::size_t p = (i - 1) / arity;
            if (!(e.key < v[p].key)) break;
            v[i] = v[p];
            i = p;
        }
        v[i] = e;
    }

    /// @pre !empty()
    Entry pop() noexcept {
        const Entry top = m_v.front();
        const Entry last = m_v.back();
        m_v.pop_back();
        const std::size_t n = m_v.size();
        if (n == 0) return top;
        Entry* v = m_v.data();
        std::size_t i = 0;
        for (;;) {
            const std::size_t first = arity * i + 1;
            if (first >= n) break;
            const std::size_t end = first + arity < n ? first + arity : n;
            std::size_t best = first;
            for (std::size_t c = first + 1; c < end; ++c) {
                if (v[c].key < v[best].key) best = c;
            }
            if (!(v[best].key < last.key)) break;
            v[i] = v[best];
            i = best;
        }
        v[i] = last;
        return top;
    }

private:
    std::vector<Entry> m_v;
};

}  // namespace detail

class BoundedSearch {
public:
    /// Allocates the work arrays once (size N); they are reused by every run.
    explicit BoundedSearch(const Graph& g);

    /// Dijkstra from the sources over the arcs accepted by `filter`, arc cost = edge length in
    /// metres, settling nodes with distance <= budget_m (pass
    /// std::numeric_limits<float>::infinity() for no budget). Stops early once `stop_at` (if
    /// not no_node) is settled. Sources beyond the budget or out of range are ignored; a node
    /// given twice keeps its smaller initial distance. Edges only partly within the budget are
    /// the caller's business: their far node is simply not settled.
    template <typename Filter>
    void run(const std::vector<SearchSource>& sources, float budget_m, const Filter& filter, NodeId stop_at = no_node);

    /// Settled in the last run.
    bool reached(NodeId n) const noexcept { return n < m_node.size() && m_node[n].mark == m_generation + 1; }
    /// Distance from the nearest source (its initial distance included). @pre reached(n);
    /// +infinity otherwise.
    float distance(NodeId n) const noexcept {
        return reached(n) ? m_node[n].distance : std::numeric_limits<float>::infinity();
    }
    /// The arc by which n was settled; no_arc for a source (and for a node not reached).
    ArcId parent_arc(NodeId n) const noexcept { return reached(n) ? m_node[n].parent : no_arc; }
    /// Nodes settled in the last run, by non-decreasing distance.
    const std::vector<NodeId>& settled() const noexcept { return m_settled; }
    /// Arcs from a source to n, in travel order; empty for a source or a node not reached.
    std::vector<ArcId> path_to(NodeId n) const;
    /// The source whose search tree holds n (the nearest source); no_node if not reached.
    NodeId source_of(NodeId n) const;
    const Graph& graph() const noexcept { return *m_graph; }

    /// For tests only: clears every node marker and sets the run counter, to exercise the
    /// wrap-around of the markers.
    void set_generation_for_testing(std::uint32_t generation) noexcept;

private:
    // Distance, marker and parent side by side: one cache line per node touched (measured within
    // noise of three parallel arrays, docs/search.md).
    struct NodeState {
        float distance;
        std::uint32_t mark;  // == m_generation: labelled this run; == m_generation + 1: settled
        ArcId parent;
    };

    /// Starts a run: a fresh generation (clearing every marker once on wrap-around), empty
    /// heap and settled list.
    void begin_run();

    const Graph* m_graph;
    std::vector<NodeState> m_node;
    std::vector<NodeId> m_settled;
    detail::SearchHeap m_heap;
    std::uint32_t m_generation = 0;  // even; markers below it are from earlier runs
};

template <typename Filter>
void BoundedSearch::run(const std::vector<SearchSource>& sources, float budget_m, const Filter& filter, NodeId stop_at) {
    begin_run();
    const std::uint32_t labelled = m_generation;
    const std::uint32_t done = m_generation + 1;
    NodeState* const state = m_node.data();
    const std::size_t n_nodes = m_node.size();

    for (const SearchSource& s : sources) {
        if (s.node >= n_nodes || !(s.distance_m <= budget_m)) continue;
        NodeState& st = state[s.node];
        if (st.mark != labelled || s.distance_m < st.distance) {
            st = NodeState{s.distance_m, labelled, no_arc};
            m_heap.push({s.distance_m, s.node});
        }
    }

    // Out arcs through Boost's CSR interface rather than Graph::for_each_out_arc: the head comes
    // from the CSR's contiguous target array (boost::target) instead of edge_source/edge_target:
    // 14-18 % faster on an IdF-sized graph. The raw m_rowstart/m_column members gain nothing more
    // (docs/search.md).
    const Graph::Adjacency& adj = m_graph->adjacency();
    const float* const length = m_graph->data().edge_length_m.data();

    while (!m_heap.empty()) {
        const auto [d, n] = m_heap.pop();
        NodeState& st = state[n];
        if (st.mark == done) continue;  // stale entry: n was settled at a smaller distance
        st.mark = done;
        m_settled.push_back(n);
        if (n == stop_at) break;
        for (auto [it, end] = boost::out_edges(n, adj); it != end; ++it) {
            const ArcId a = adj[*it].arc;
            if (!filter(a)) continue;
            const NodeId h = boost::target(*it, adj);
            NodeState& hs = state[h];
            const float nd = d + length[edge_of(a)];
            if (!(nd <= budget_m)) continue;
            if (hs.mark < labelled || (hs.mark == labelled && nd < hs.distance)) {
                hs = NodeState{nd, labelled, a};
                m_heap.push({nd, h});
            }
        }
    }
}

}  // namespace maillon
