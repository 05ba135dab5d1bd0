// Decluster (docs/gaps.md, "Decluster"): many candidates describe one project (the same street
// found from several contact nodes, a long candidate containing short ones).
//
// Candidates above gaps.min_benefit: the study's per-piece extraction. Their edges form clusters
// (connected pieces of the union of their edges); in each cluster, the path of highest benefit
// (length-weighted mean betweenness), no longer than max_gap_m, between two network nodes where the
// cluster does not simply continue (degree other than 2) becomes a gap, its edges leave the cluster, and so on until no
// such path is left. A network node that the cluster passes through is not an end: a street that
// crosses a perpendicular track stays one project. Nothing is merged transitively and no
// "shortest of a cluster" is kept, so a long link next to many short ones keeps its identity.
// Cost per cluster: one small Dijkstra per end per extraction, on the cluster only; clusters
// larger than exact_cluster_edges (rare, dense regions) take the greedy rule below instead.
//
// Candidates below min_benefit (the secondary layer), and the rest: greedily, by decreasing
// benefit. A candidate that shares edges with an accepted gap gives way (counted in its `merged`); its
// stretches that no accepted gap covers, between two network nodes, go back in line as pieces.
// Everywhere, a gap whose two ends lie within decluster_m of an accepted gap's two ends is that gap
// (the other carriageway of one avenue). A heap and a grid of accepted ends: O(C log C + length).

#include "maillon/gaps.hpp"
#include "maillon/parallel_for.hpp"
#include "maillon/spatial_index.hpp"
#include "maillon/union_find.hpp"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>
#include <queue>
#include <unordered_map>

namespace maillon {
namespace {

/// Accepted gaps' end pairs in grid cells of decluster_m, for the parallel-duplicate test.
class AcceptedEnds {
public:
    AcceptedEnds(const Graph& g, double radius_m)
        : m_coord(&g.data().node_coord), m_proj(LocalProjection::around(g.bbox())), m_radius(radius_m) {}

    void add(const Gap& gap) {
        if (m_radius <= 0) return;
        m_cells[cell_key(gap.from)].push_back({gap.from, gap.to, gap.id});
        m_cells[cell_key(gap.to)].push_back({gap.to, gap.from, gap.id});
    }

    /// Id of an accepted gap whose two ends lie within the radius of this gap's two ends; 0 if none.
    std::uint32_t duplicate_of(const Gap& gap) const {
        if (m_radius <= 0) return 0;
        const auto [cx, cy] = cell(gap.from);
        for (std::int64_t dx = -1; dx <= 1; ++dx) {
            for (std::int64_t dy = -1; dy <= 1; ++dy) {
                const auto it = m_cells.find(pack(cx + dx, cy + dy));
                if (it == m_cells.end()) continue;
                for (const End& e : it->second) {
                    if (close(e.here, gap.from) && close(e.there, gap.to)) return e.id;
                }
            }
        }
        return 0;
    }

private:
    struct End {
        NodeId here, there;
        std::uint32_t id;
    };
    std::pair<std::int64_t, std::int64_t> cell(NodeId n) const {
        const Coord c = (*m_coord)[n];
        return {static_cast<std::int64_t>(std::floor(m_proj.x(c) / m_radius)),
                static_cast<std::int64_t>(std::floor(m_proj.y(c) / m_radius))};
    }
    static std::int64_t pack(std::int64_t cx, std::int64_t cy) { return cx * 4000037LL + cy; }
    std::int64_t cell_key(NodeId n) const {
        const auto [cx, cy] = cell(n);
        return pack(cx, cy);
    }
    bool close(NodeId a, NodeId b) const { return a == b || haversine_m((*m_coord)[a], (*m_coord)[b]) <= m_radius; }

    const std::vector<Coord>* m_coord;
    LocalProjection m_proj;
    double m_radius;
    std::unordered_map<std::int64_t, std::vector<End>> m_cells;
};

/// A candidate's place in the greedy rule's queue: higher benefit first; then shorter; then by
/// nodes (a stable order that never depends on the search order); then by index. The key is copied
/// out of the Gap so that the heap's comparisons stay in a compact array (with a million
/// candidates, comparing through the Gaps themselves was a third of the declustering's time).
struct QueueEntry {
    double benefit;
    double length_m;
    std::uint64_t nodes;  // the smaller end in the high half, the larger in the low half
    std::uint32_t index;
};

QueueEntry queue_entry(const Gap& gap, std::uint32_t index) {
    const auto [lo, hi] = std::minmax(gap.from, gap.to);
    return {gap.benefit, gap.length_m, (static_cast<std::uint64_t>(lo) << 32U) | hi, index};
}

/// The priority queue's "comes later" relation (its top is the candidate taken first).
struct Later {
    bool operator()(const QueueEntry& a, const QueueEntry& b) const noexcept {
        if (a.benefit != b.benefit) return a.benefit < b.benefit;
        if (a.length_m != b.length_m) return a.length_m > b.length_m;
        if (a.nodes != b.nodes) return a.nodes > b.nodes;
        return a.index > b.index;
    }
};

Gap piece_of(const Graph& g, const Gap& whole, std::size_t first, std::size_t last) {
    Gap piece;
    piece.kind = GapKind::detour;
    piece.arcs.assign(whole.arcs.begin() + static_cast<std::ptrdiff_t>(first),
                      whole.arcs.begin() + static_cast<std::ptrdiff_t>(last));
    piece.against_oneway.assign(whole.against_oneway.begin() + static_cast<std::ptrdiff_t>(first),
                                whole.against_oneway.begin() + static_cast<std::ptrdiff_t>(last));
    piece.from = g.arc_tail(piece.arcs.front());
    piece.to = g.arc_head(piece.arcs.back());
    for (const ArcId a : piece.arcs) piece.length_m += g.length_m(edge_of(a));
    orient_with_traffic(g, piece);
    return piece;
}

/// Clusters with more edges than this take the greedy rule (the exact extraction is quadratic).
constexpr std::size_t exact_cluster_edges = 4000;

/// The state shared by both rules: accepted gaps by id, which gap owns each edge, their ends.
class Declusterer {
public:
    Declusterer(const CycleNetwork& net, const Benefit& benefit, const GapParams& p)
        : m_net(net), m_g(net.graph()), m_benefit(benefit), m_p(p), m_owner(m_g.edge_count(), 0), m_ends(m_g, p.decluster_m) {}

    /// The study's extraction over the candidates' edges, cluster by cluster. Candidates whose
    /// edges no extracted path took come back (for the greedy rule).
    std::vector<Gap> extract(std::vector<Gap> candidates);
    /// The greedy rule over candidates (and the pieces they leave).
    void greedy(std::vector<Gap> candidates);
    Declustered finish();

private:
    struct ClusterEdge {
        EdgeId edge;
        std::uint32_t a, b;  // local node indices
        double length, weighted;  // metres, metres × betweenness
        bool alive = true;
    };
    void extract_cluster(const std::vector<EdgeId>& edges, std::vector<Gap>& pieces) const;
    /// Accepts a gap (listed or below_benefit by its benefit) or, when its ends duplicate an
    /// accepted gap's, counts it in that one.
    void accept(Gap gap);
    void give_way(const Gap& gap, std::uint32_t into);
    /// The accepted gap that covers most of a candidate's length (0: none).
    std::uint32_t most_covering(const Gap& gap) const;

    const CycleNetwork& m_net;
    const Graph& m_g;
    const Benefit& m_benefit;
    const GapParams& m_p;
    std::vector<std::uint32_t> m_owner;  // id of the accepted gap on an edge; 0: none
    std::vector<Gap> m_accepted;         // by id - 1
    std::size_t m_overlapping = 0;       // candidates that gave way to an accepted gap
    mutable std::vector<std::pair<std::uint32_t, double>> m_covered_by;  // most_covering's scratch
    AcceptedEnds m_ends;
};

void Declusterer::accept(Gap gap) {
    if (const std::uint32_t into = m_ends.duplicate_of(gap)) {
        give_way(std::move(gap), into);
        return;
    }
    gap.id = static_cast<std::uint32_t>(m_accepted.size() + 1);
    gap.status = gap.benefit >= m_p.min_benefit ? GapStatus::listed : GapStatus::below_benefit;
    for (const ArcId a : gap.arcs) m_owner[edge_of(a)] = gap.id;
    m_ends.add(gap);
    m_accepted.push_back(std::move(gap));
}

void Declusterer::give_way(const Gap& gap, std::uint32_t into) {
    Gap& kept = m_accepted[into - 1];
    kept.merged += gap.merged;
    ++m_overlapping;  // counted in the kept gap's `merged`, not kept one by one (hundreds of thousands in a region)
}

std::uint32_t Declusterer::most_covering(const Gap& gap) const {
    // A candidate meets few accepted gaps: a short flat list (a map allocated per call was a
    // tenth of the greedy rule's time). The longest cover wins; on a tie, the lowest id.
    std::vector<std::pair<std::uint32_t, double>>& covered_by = m_covered_by;
    covered_by.clear();
    for (const ArcId a : gap.arcs) {
        const std::uint32_t o = m_owner[edge_of(a)];
        if (o == 0) continue;
        const auto it = std::find_if(covered_by.begin(), covered_by.end(), [&](const auto& c) { return c.first == o; });
        if (it == covered_by.end()) covered_by.emplace_back(o, m_g.length_m(edge_of(a)));
        else it->second += m_g.length_m(edge_of(a));
    }
    std::uint32_t into = 0;
    double most = 0;
    for (const auto& [id, metres] : covered_by) {
        if (metres > most || (metres == most && metres > 0 && id < into)) most = metres, into = id;
    }
    return into;
}

std::vector<Gap> Declusterer::extract(std::vector<Gap> candidates) {
    // Clusters: connected pieces of the union of the candidates' edges.
    std::vector<std::uint8_t> in_union(m_g.edge_count(), 0);
    UnionFind pieces{m_g.node_count()};
    std::vector<EdgeId> edges;
    for (const Gap& c : candidates) {
        for (const ArcId a : c.arcs) {
            const EdgeId e = edge_of(a);
            if (in_union[e]) continue;
            in_union[e] = 1;
            edges.push_back(e);
            pieces.unite(m_g.data().edge_source[e], m_g.data().edge_target[e]);
        }
    }
    std::map<NodeId, std::vector<EdgeId>> clusters;  // by root: a deterministic order
    for (const EdgeId e : edges) clusters[pieces.find(m_g.data().edge_source[e])].push_back(e);
    std::vector<std::uint8_t> greedy_cluster(m_g.node_count(), 0);
    std::vector<const std::vector<EdgeId>*> exact;
    for (const auto& [root, cluster] : clusters) {
        if (cluster.size() > exact_cluster_edges) greedy_cluster[root] = 1;
        else exact.push_back(&cluster);
    }
    // Clusters are independent: extracted on every core, each thread taking the next cluster
    // (a few large ones take most of the time), each cluster's pieces kept in its own slot and
    // joined in cluster order, as by one thread.
    std::vector<std::vector<Gap>> per_cluster(exact.size());
    parallel_for_each_index(exact.size(), [&](std::size_t i) { extract_cluster(*exact[i], per_cluster[i]); });
    std::vector<Gap> extracted;
    for (std::vector<Gap>& pieces : per_cluster) {
        for (Gap& piece : pieces) extracted.push_back(std::move(piece));
        pieces = std::vector<Gap>{};
    }
    // Straight links have no edge: each is a cluster of its own.
    std::vector<Gap> rest;
    for (Gap& c : candidates) {
        if (c.arcs.empty()) extracted.push_back(std::move(c));
    }
    // Extraction order is benefit order within a cluster; across clusters, accept by benefit.
    std::stable_sort(extracted.begin(), extracted.end(), [](const Gap& a, const Gap& b) { return a.benefit > b.benefit; });
    for (Gap& piece : extracted) accept(std::move(piece));
    for (Gap& c : candidates) {
        if (c.arcs.empty()) continue;  // moved above
        if (greedy_cluster[pieces.find(m_g.arc_tail(c.arcs.front()))]) {
            rest.push_back(std::move(c));
        } else if (const std::uint32_t into = most_covering(c)) {
            give_way(std::move(c), into);
        } else {
            rest.push_back(std::move(c));  // its edges were left over: let the greedy rule decide
        }
    }
    return rest;
}

void Declusterer::extract_cluster(const std::vector<EdgeId>& cluster, std::vector<Gap>& out) const {
    const auto& d = m_g.data();
    std::map<NodeId, std::uint32_t> local;  // ordered: ends are tried in node order (deterministic)
    std::vector<NodeId> global;
    const auto index = [&](NodeId n) {
        const auto [it, inserted] = local.try_emplace(n, static_cast<std::uint32_t>(global.size()));
        if (inserted) global.push_back(n);
        return it->second;
    };
    std::vector<ClusterEdge> edges;
    for (const EdgeId e : cluster) {
        if (d.edge_source[e] == d.edge_target[e]) continue;  // a loop is never on a shortest path
        const double len = m_g.length_m(e);
        edges.push_back({e, index(d.edge_source[e]), index(d.edge_target[e]), len, len * m_benefit.of_edge(e)});
    }
    const std::size_t n = global.size();
    std::vector<std::vector<std::uint32_t>> adjacent(n);
    std::vector<std::uint32_t> degree(n, 0);
    for (std::uint32_t i = 0; i < edges.size(); ++i) {
        adjacent[edges[i].a].push_back(i);
        adjacent[edges[i].b].push_back(i);
        ++degree[edges[i].a];
        ++degree[edges[i].b];
    }
    // Ends in node order (the map's order) for a deterministic choice among equal benefits.
    std::vector<std::uint32_t> by_node;
    by_node.reserve(n);
    for (const auto& [node, i] : local) by_node.push_back(i);

    std::vector<double> dist(n), weighted(n);
    std::vector<std::int64_t> parent(n);
    std::vector<std::uint8_t> done(n);
    using Entry = std::pair<double, std::uint32_t>;
    for (;;) {
        std::vector<std::uint32_t> ends;
        for (const std::uint32_t v : by_node) {
            if (degree[v] > 0 && degree[v] != 2 && m_net.contains_node(global[v])) ends.push_back(v);
        }
        std::vector<std::uint8_t> is_end(n, 0);
        for (const std::uint32_t v : ends) is_end[v] = 1;
        double best = -1;
        std::uint32_t best_from = 0, best_to = 0;
        std::vector<std::int64_t> best_parent;
        for (std::size_t k = 0; k < ends.size(); ++k) {
            const std::uint32_t src = ends[k];
            std::fill(dist.begin(), dist.end(), std::numeric_limits<double>::infinity());
            std::fill(done.begin(), done.end(), 0);
            std::fill(parent.begin(), parent.end(), -1);
            std::priority_queue<Entry, std::vector<Entry>, std::greater<>> heap;
            dist[src] = 0;
            weighted[src] = 0;
            heap.push({0, src});
            while (!heap.empty()) {
                const auto [du, u] = heap.top();
                heap.pop();
                if (done[u]) continue;
                done[u] = 1;
                for (const std::uint32_t ei : adjacent[u]) {
                    const ClusterEdge& ce = edges[ei];
                    if (!ce.alive) continue;
                    const std::uint32_t v = ce.a == u ? ce.b : ce.a;
                    const double nd = du + ce.length;
                    if (nd < dist[v]) {
                        dist[v] = nd;
                        weighted[v] = weighted[u] + ce.weighted;
                        parent[v] = ei;
                        heap.push({nd, v});
                    }
                }
            }
            // Pairs (src, t) with t after src in node order, as the study's combinations.
            for (std::size_t m = k + 1; m < ends.size(); ++m) {
                const std::uint32_t t = ends[m];
                if (!done[t] || dist[t] <= 0 || dist[t] > m_p.max_gap_m) continue;  // a project, not a tour
                const double mean = weighted[t] / dist[t];
                if (mean > best) {
                    best = mean;
                    best_from = src;
                    best_to = t;
                    best_parent = parent;
                }
            }
        }
        if (best < 0) break;  // no path left between two ends: the rest of the cluster is not a project
        // The path best_from -> best_to, in travel order.
        std::vector<std::uint32_t> path;
        for (std::uint32_t v = best_to; v != best_from;) {
            const auto ei = static_cast<std::uint32_t>(best_parent[v]);
            path.push_back(ei);
            v = edges[ei].a == v ? edges[ei].b : edges[ei].a;
        }
        std::reverse(path.begin(), path.end());
        Gap piece;
        piece.kind = GapKind::detour;
        piece.merged = 0;  // a path of the cluster, not a candidate itself: the candidates it takes count
        piece.from = global[best_from];
        piece.to = global[best_to];
        std::uint32_t at = best_from;
        for (const std::uint32_t ei : path) {
            ClusterEdge& ce = edges[ei];
            const bool forward = ce.a == at;
            const ArcId a = arc_of(ce.edge, !forward);
            piece.arcs.push_back(a);
            piece.against_oneway.push_back(!m_g.allows(a, Mode::bike));
            piece.length_m += ce.length;
            ce.alive = false;
            --degree[ce.a];
            --degree[ce.b];
            at = forward ? ce.b : ce.a;
        }
        orient_with_traffic(m_g, piece);
        piece.benefit = m_benefit.of_gap(m_g, piece);
        out.push_back(std::move(piece));
    }
}

void Declusterer::greedy(std::vector<Gap> candidates) {
    // The candidates stay where they are; the pieces they leave go to a deque (growing a vector of
    // a million Gaps would move them all, page by fresh page). Index i < first.size() is first[i].
    std::vector<Gap> first = std::move(candidates);
    std::deque<Gap> pieces_pool;
    const auto at = [&](std::uint32_t i) -> Gap& { return i < first.size() ? first[i] : pieces_pool[i - first.size()]; };
    std::vector<QueueEntry> entries;
    entries.reserve(first.size());
    for (std::uint32_t i = 0; i < first.size(); ++i) entries.push_back(queue_entry(first[i], i));
    std::priority_queue<QueueEntry, std::vector<QueueEntry>, Later> queue{Later{}, std::move(entries)};
    while (!queue.empty()) {
        const std::uint32_t i = queue.top().index;
        queue.pop();
        Gap& c = at(i);
        const std::uint32_t into = most_covering(c);
        if (into == 0) {
            accept(std::move(c));
            continue;
        }
        // Its own stretches between network nodes go back in line.
        std::vector<Gap> pieces;
        std::size_t run = 0;
        for (std::size_t k = 0; k <= c.arcs.size(); ++k) {
            const bool free = k < c.arcs.size() && m_owner[edge_of(c.arcs[k])] == 0;
            if (free) continue;
            if (k > run) {
                Gap piece = piece_of(m_g, c, run, k);
                piece.merged = 0;  // a stretch of a candidate, not one itself
                if (m_net.contains_node(piece.from) && m_net.contains_node(piece.to) && piece.from != piece.to) {
                    piece.benefit = m_benefit.of_gap(m_g, piece);
                    pieces.push_back(std::move(piece));
                }
            }
            run = k + 1;
        }
        give_way(c, into);
        c = Gap{};  // its memory back now: it is counted, never read again
        for (Gap& piece : pieces) {
            const auto index = static_cast<std::uint32_t>(first.size() + pieces_pool.size());
            queue.push(queue_entry(piece, index));
            pieces_pool.push_back(std::move(piece));
        }
    }
}

Declustered Declusterer::finish() {
    Declustered out;
    for (Gap& gap : m_accepted) (gap.status == GapStatus::listed ? out.listed : out.others).push_back(std::move(gap));
    out.overlapping = m_overlapping;
    return out;
}

}  // namespace

Declustered decluster_gaps(const CycleNetwork& net, std::vector<Gap> candidates, const Benefit& benefit,
                           const GapParams& p) {
    std::vector<Gap> high, low;
    const auto n_high = static_cast<std::size_t>(
        std::count_if(candidates.begin(), candidates.end(), [&](const Gap& c) { return c.benefit >= p.min_benefit; }));
    high.reserve(n_high);
    low.reserve(candidates.size() - n_high);
    for (Gap& c : candidates) (c.benefit >= p.min_benefit ? high : low).push_back(std::move(c));
    candidates = std::vector<Gap>{};
    Declusterer d{net, benefit, p};
    std::vector<Gap> rest = d.extract(std::move(high));
    rest.reserve(rest.size() + low.size());
    for (Gap& c : low) rest.push_back(std::move(c));
    low = std::vector<Gap>{};
    d.greedy(std::move(rest));
    return d.finish();
}

}  // namespace maillon
