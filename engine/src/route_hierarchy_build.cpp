// The contraction of a RouteHierarchy (route_hierarchy.hpp): node order, witness searches,
// shortcuts, then the two upward graphs the queries climb.

#include "maillon/route_hierarchy.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <queue>
#include <stdexcept>
#include <utility>

namespace maillon {
namespace {

using Edge = RouteHierarchy::Edge;
constexpr float infinity = std::numeric_limits<float>::infinity();

/// One end of an edge in the graph being contracted: the adjacency of the nodes still in it.
struct Link {
    NodeId other;
    float length_m;
    std::uint32_t edge;  // into the edge table
};

/// Dijkstra from one node over the remaining graph, skipping the node being contracted, stopped
/// after `settle_limit` nodes or beyond `max_m`. A path it misses only costs a shortcut that was
/// not needed (the route stays the shortest): the limits trade hierarchy size for build time.
class WitnessSearch {
public:
    explicit WitnessSearch(std::size_t n) : m_distance(n, infinity), m_mark(n, 0) {}

    void run(const std::vector<std::vector<Link>>& out, NodeId from, NodeId skip, float max_m, std::size_t settle_limit) {
        if (++m_generation == 0) {  // wrapped: forget every old mark
            std::fill(m_mark.begin(), m_mark.end(), 0);
            m_generation = 1;
        }
        m_heap.clear();
        set(from, 0.F);
        m_heap.push({0.F, from});
        std::size_t settled = 0;
        while (!m_heap.empty()) {
            const auto [key, n] = m_heap.pop();
            if (key > m_distance[n]) continue;  // stale
            if (key > max_m || ++settled > settle_limit) break;
            for (const Link& l : out[n]) {
                if (l.other == skip) continue;
                const float d = key + l.length_m;
                if (d < distance(l.other)) {
                    set(l.other, d);
                    m_heap.push({d, l.other});
                }
            }
        }
    }
    float distance(NodeId n) const noexcept { return m_mark[n] == m_generation ? m_distance[n] : infinity; }

private:
    void set(NodeId n, float d) noexcept {
        m_distance[n] = d;
        m_mark[n] = m_generation;
    }
    std::vector<float> m_distance;
    std::vector<std::uint32_t> m_mark;
    std::uint32_t m_generation = 0;
    detail::SearchHeap m_heap;
};

class Contraction {
public:
    // Settle limits of the witness searches: small when only counting the shortcuts a node would
    // need (its priority), larger when contracting it for good (fewer needless shortcuts).
    static constexpr std::size_t estimate_limit = 30;
    static constexpr std::size_t contract_limit = 100;

    Contraction(const Graph& g, const std::vector<std::uint8_t>& allowed, std::vector<Edge>& edges)
        : m_out(g.node_count()), m_in(g.node_count()), m_edges(edges), m_witness(g.node_count()) {
        for (ArcId a = 0; a < g.arc_count(); ++a) {
            if (!allowed[a]) continue;
            const NodeId u = g.arc_tail(a), v = g.arc_head(a);
            if (u == v) continue;  // a loop is never part of a shortest route
            add(u, v, g.length_m(edge_of(a)), Edge{g.length_m(edge_of(a)), a, Edge::no_edge});
        }
        m_arcs = m_edges.size();
    }

    std::size_t arc_count() const noexcept { return m_arcs; }
    /// Links between the nodes still in the graph (each counted once, as an out-link).
    std::size_t link_count() const noexcept { return m_links; }

    /// The shortcuts contracting v would add (simulate) or adds them, with the witness limits.
    std::size_t shortcuts(NodeId v, bool simulate) {
        const std::size_t limit = simulate ? estimate_limit : contract_limit;
        std::size_t count = 0;
        // References stay valid: shortcuts change the lists of v's neighbours, never v's own
        // (no loops), and the outer vectors never grow.
        const std::vector<Link>& in = m_in[v];
        const std::vector<Link>& out = m_out[v];
        for (const Link& from : in) {
            float farthest = -1;
            for (const Link& to : out) {
                if (to.other != from.other) farthest = std::max(farthest, to.length_m);
            }
            if (farthest < 0) continue;  // only the way back: no pair to shortcut
            m_witness.run(m_out, from.other, v, from.length_m + farthest, limit);
            for (const Link& to : out) {
                if (to.other == from.other) continue;
                const float via = from.length_m + to.length_m;
                if (m_witness.distance(to.other) <= via) continue;  // as short without v
                ++count;
                if (!simulate) add(from.other, to.other, via, Edge{via, from.edge, to.edge});
            }
        }
        return count;
    }

    /// Removes v from its neighbours' lists and hands its own lists over: out-links to the
    /// forward upward graph, in-links to the backward one.
    std::pair<std::vector<Link>, std::vector<Link>> remove(NodeId v) {
        for (const Link& l : m_out[v]) erase(m_in[l.other], v);
        for (const Link& l : m_in[v]) erase(m_out[l.other], v);
        m_links -= m_out[v].size() + m_in[v].size();
        return {std::move(m_out[v]), std::move(m_in[v])};
    }

    const std::vector<Link>& out(NodeId v) const noexcept { return m_out[v]; }
    const std::vector<Link>& in(NodeId v) const noexcept { return m_in[v]; }

private:
    /// An edge u -> v of `length`, or a shorter replacement of the one already there (a new
    /// table entry: the old one may not be referenced by a shortcut yet, but stays harmless).
    void add(NodeId u, NodeId v, float length, const Edge& e) {
        auto& out = m_out[u];
        const auto it = std::find_if(out.begin(), out.end(), [&](const Link& l) { return l.other == v; });
        if (it != out.end() && !(length < it->length_m)) return;
        const auto id = static_cast<std::uint32_t>(m_edges.size());
        if (m_edges.size() >= Edge::no_edge) throw std::length_error{"route hierarchy: more than 2^32 edges"};
        m_edges.push_back(e);
        if (it != out.end()) {
            *it = Link{v, length, id};
            auto& in = m_in[v];
            *std::find_if(in.begin(), in.end(), [&](const Link& l) { return l.other == u; }) = Link{u, length, id};
        } else {
            out.push_back(Link{v, length, id});
            m_in[v].push_back(Link{u, length, id});
            ++m_links;
        }
    }
    static void erase(std::vector<Link>& links, NodeId n) {
        links.erase(std::remove_if(links.begin(), links.end(), [&](const Link& l) { return l.other == n; }), links.end());
    }

    std::vector<std::vector<Link>> m_out, m_in;
    std::vector<Edge>& m_edges;
    WitnessSearch m_witness;
    std::size_t m_arcs = 0, m_links = 0;
};

/// The CSR of (node, link) pairs grouped by node.
void to_csr(std::size_t n, std::vector<std::pair<NodeId, RouteHierarchy::Up>>& pairs, std::vector<std::uint32_t>& first,
            std::vector<RouteHierarchy::Up>& ups) {
    first.assign(n + 1, 0);
    for (const auto& p : pairs) ++first[p.first + 1];
    for (std::size_t i = 0; i < n; ++i) first[i + 1] += first[i];
    ups.resize(pairs.size());
    std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
    for (const auto& p : pairs) ups[next[p.first]++] = p.second;
    pairs.clear();
    pairs.shrink_to_fit();
}

}  // namespace

RouteHierarchy::RouteHierarchy(const Graph& g, std::vector<std::uint8_t> arc_allowed, Core core)
    : m_arc_allowed(std::move(arc_allowed)), m_core_index(g.node_count(), not_core) {
    if (m_arc_allowed.size() != g.arc_count()) throw std::invalid_argument{"route hierarchy: arc mask size differs from the graph's arcs"};
    const auto started = std::chrono::steady_clock::now();
    const std::size_t n = g.node_count();
    Contraction c{g, m_arc_allowed, m_edges};
    m_stats.arcs = c.arc_count();

    // Priority (lower contracts first): twice the edge difference (shortcuts added minus links
    // removed) keeps the graph sparse; the contracted neighbours and the depth spread the order
    // evenly over the network, which keeps the upward searches short (Geisberger et al., 3.1).
    std::vector<std::uint32_t> deleted(n, 0), depth(n, 0);
    std::vector<std::int64_t> priority(n, 0);
    const auto evaluate = [&](NodeId v) {
        const auto added = static_cast<std::int64_t>(c.shortcuts(v, true));
        const auto removed = static_cast<std::int64_t>(c.in(v).size() + c.out(v).size());
        return 2 * (added - removed) + deleted[v] + depth[v];
    };
    using Entry = std::pair<std::int64_t, NodeId>;
    std::priority_queue<Entry, std::vector<Entry>, std::greater<>> queue;
    for (NodeId v = 0; v < n; ++v) {
        priority[v] = evaluate(v);
        queue.push({priority[v], v});
    }
    std::vector<std::uint8_t> contracted(n, 0);
    std::vector<std::pair<NodeId, Up>> forward, backward;
    std::vector<NodeId> neighbours;
    std::size_t remaining = n;
    while (!queue.empty()) {
        // The core: once the nodes left are few and densely linked, each further contraction costs
        // witness searches quadratic in their degree (hours on a 1,000 x 1,000 street grid) for
        // little gain. They stay uncontracted: the queries search the core from both sides,
        // goal-directed by landmarks ("core-based" CH, Bauer et al., JEA 2010).
        if (remaining <= core.nodes || c.link_count() > core.degree * remaining) break;
        const auto [p, v] = queue.top();
        queue.pop();
        if (contracted[v] || p != priority[v]) continue;  // superseded entry
        // Lazy update: the priority may have grown since it was computed; contract only if it
        // still is the smallest.
        const std::int64_t now = evaluate(v);
        if (now > p && !queue.empty() && now > queue.top().first) {
            priority[v] = now;
            queue.push({now, v});
            continue;
        }
        c.shortcuts(v, false);
        auto [out, in] = c.remove(v);
        contracted[v] = 1;
        --remaining;
        neighbours.clear();
        for (const auto& l : out) forward.push_back({v, Up{l.other, l.length_m, l.edge}}), neighbours.push_back(l.other);
        for (const auto& l : in) backward.push_back({v, Up{l.other, l.length_m, l.edge}}), neighbours.push_back(l.other);
        std::sort(neighbours.begin(), neighbours.end());
        neighbours.erase(std::unique(neighbours.begin(), neighbours.end()), neighbours.end());
        for (const NodeId w : neighbours) {
            ++deleted[w];
            depth[w] = std::max(depth[w], depth[v] + 1);
            priority[w] = evaluate(w);
            queue.push({priority[w], w});
        }
    }
    m_stats.core_nodes = remaining;
    // The core apart, numbered 0..C-1 in node order: its search touches only core nodes, and
    // dense arrays of them (links, states, landmark rows) stay in cache where the graph's do not.
    for (NodeId v = 0; v < n; ++v) {
        if (contracted[v]) continue;
        m_core_index[v] = static_cast<std::uint32_t>(m_core_nodes.size());
        m_core_nodes.push_back(v);
    }
    m_core_first.assign(m_core_nodes.size() + 1, 0);
    for (std::size_t i = 0; i < m_core_nodes.size(); ++i) {
        for (const auto& l : c.out(m_core_nodes[i])) m_core_links.push_back(Up{m_core_index[l.other], l.length_m, l.edge});
        m_core_first[i + 1] = static_cast<std::uint32_t>(m_core_links.size());
    }
    for (const auto& f : forward) m_stats.shortcuts += m_edges[f.second.edge].second != Edge::no_edge;
    for (const auto& b : backward) m_stats.shortcuts += m_edges[b.second.edge].second != Edge::no_edge;
    for (const Up& l : m_core_links) m_stats.shortcuts += m_edges[l.edge].second != Edge::no_edge;
    to_csr(n, forward, m_forward_first, m_forward);
    to_csr(n, backward, m_backward_first, m_backward);
    m_edges.shrink_to_fit();
    m_stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

std::size_t RouteHierarchy::memory_bytes() const noexcept {
    return m_arc_allowed.capacity() + m_core_index.capacity() * sizeof(std::uint32_t) + m_edges.capacity() * sizeof(Edge) +
           (m_forward_first.capacity() + m_backward_first.capacity()) * sizeof(std::uint32_t) +
           (m_forward.capacity() + m_backward.capacity()) * sizeof(Up) + m_core_nodes.capacity() * sizeof(NodeId) +
           m_core_first.capacity() * sizeof(std::uint32_t) + m_core_links.capacity() * sizeof(Up) +
           m_core_rows.capacity() * sizeof(std::uint16_t);
}

void RouteHierarchy::copy_core_bounds(const RouteLandmarks& landmarks) {
    m_core_rows.clear();
    m_core_rows_of = nullptr;
    if (landmarks.count() == 0) return;
    const std::size_t width = 2 * landmarks.count();
    m_core_rows.resize(m_core_nodes.size() * width);
    for (std::size_t i = 0; i < m_core_nodes.size(); ++i) {
        const std::uint16_t* row = landmarks.row(m_core_nodes[i]);
        std::copy(row, row + width, m_core_rows.begin() + static_cast<std::ptrdiff_t>(i * width));
    }
    m_core_rows_of = &landmarks;
}

void RouteHierarchy::unpack(std::uint32_t edge, std::vector<ArcId>& out) const {
    std::vector<std::uint32_t> stack{edge};
    while (!stack.empty()) {
        const Edge e = m_edges[stack.back()];
        stack.pop_back();
        if (e.second == Edge::no_edge) {
            out.push_back(e.first);
        } else {
            stack.push_back(e.second);  // popped after the first half
            stack.push_back(e.first);
        }
    }
}

}  // namespace maillon
