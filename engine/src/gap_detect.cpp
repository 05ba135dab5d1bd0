// Identify (docs/gaps.md, "Identify"): candidate gaps between contact nodes of the cycle network,
// and straight links across barriers.

#include "maillon/flows.hpp"
#include "maillon/gaps.hpp"
#include "maillon/spatial_index.hpp"

#include <algorithm>
#include <atomic>
#include <memory>
#include <map>
#include <thread>
#include <unordered_set>

namespace maillon {

bool GapLinkFilter::operator()(ArcId a) const noexcept {
    const Graph& g = net->graph();
    const EdgeId e = edge_of(a);
    if (net->contains_edge(e)) return false;
    const auto& d = g.data();
    const Highway h = d.edge_highway[e];
    if (h == Highway::steps) return false;
    if (g.allows(a, Mode::bike)) return true;
    if ((d.edge_flags[e] & edge_oneway_motor) && g.allows(a ^ 1U, Mode::bike) && is_motor_road(h)) return true;
    return g.allows(a, Mode::foot) &&
           (h == Highway::footway || h == Highway::pedestrian || h == Highway::path || h == Highway::track);
}

namespace {

/// The study's test of a candidate: the network joins its ends only with a detour of at least
/// detour_factor (and min_detour_m), or not at all.
bool is_detour(double along_network, double along_street, const GapParams& p) {
    return along_network > p.detour_factor * along_street && along_network - along_street >= p.min_detour_m;
}

/// Shortest paths from one contact node over the ways a gap may follow and the network itself, as
/// in the study (the shortest path in the whole street network between two network nodes is a
/// candidate when none of its edges is on the network). Each label knows whether its path is
/// still "clean": no network edge on it, and no network node on it that the network already joins
/// well to the source (beyond such a node, the missing part starts there and is found from there).
/// Dirty labels are still expanded, so that distances stay the true shortest ones; the search
/// stops when no clean label is left, which keeps it small where the network is dense.
class CleanPathSearch {
public:
    explicit CleanPathSearch(const Graph& g) : m_node(g.node_count()) {}

    struct Found {
        NodeId node;
        float distance;
        float network_distance;  // +inf when the network does not join it within the budget
    };

    /// @param well_joined(node, distance) true when the network joins `node` to the source within
    ///        the detour factor; called once per clean network node settled.
    /// @param arc_class per arc: 0 not a way a gap may follow nor network, 1 a way a gap may
    ///        follow, 2 a network edge (arc_classes()).
    template <typename WellJoined>
    void run(const CycleNetwork& net, const std::vector<std::uint8_t>& arc_class, NodeId source, float budget_m,
             const WellJoined& well_joined, std::vector<Found>& found) {
        const Graph& g = net.graph();
        const std::uint8_t* const cls = arc_class.data();
        begin();
        found.clear();
        label(source, 0.F, no_arc, true);
        const Graph::Adjacency& adj = g.adjacency();
        const float* const length = g.data().edge_length_m.data();
        while (!m_heap.empty() && m_open_clean > 0) {
            const auto [d, n] = m_heap.pop();
            State& st = m_node[n];
            if (st.mark == m_generation + 1 || d > st.distance) continue;  // stale entry
            st.mark = m_generation + 1;
            bool clean = st.clean != 0;
            if (clean) --m_open_clean;
            if (clean && n != source && net.contains_node(n)) {
                float along_network = 0;
                if (well_joined(n, d, along_network)) {
                    clean = false;  // the network already serves this stretch: paths beyond start here
                } else {
                    found.push_back({n, d, along_network});
                }
            }
            for (auto [it, end] = boost::out_edges(n, adj); it != end; ++it) {
                const ArcId a = adj[*it].arc;
                const std::uint8_t c = cls[a];
                if (c == 0) continue;
                const bool on_network = c == 2;
                const float nd = d + length[edge_of(a)];
                if (!(nd <= budget_m)) continue;
                label(boost::target(*it, adj), nd, a, clean && !on_network);
            }
        }
        m_heap.clear();
    }

    /// Arcs from the source to a node found clean, in travel order.
    std::vector<ArcId> path_to(const Graph& g, NodeId n) const {
        std::vector<ArcId> arcs;
        for (ArcId a = m_node[n].parent; a != no_arc; a = m_node[g.arc_tail(a)].parent) arcs.push_back(a);
        std::reverse(arcs.begin(), arcs.end());
        return arcs;
    }

private:
    struct State {
        float distance;
        std::uint32_t mark;  // == m_generation: labelled this run; == m_generation + 1: settled
        ArcId parent;
        std::uint8_t clean;
    };

    void begin() {
        m_generation += 2;
        if (m_generation == 0 || m_generation + 1 == 0) {
            for (State& s : m_node) s.mark = 0;
            m_generation = 2;
        }
        m_open_clean = 0;
    }

    /// A better label, or an equally short clean one replacing a dirty one (ties keep candidates).
    void label(NodeId h, float d, ArcId parent, bool clean) {
        State& s = m_node[h];
        if (s.mark == m_generation + 1) return;
        const bool fresh = s.mark != m_generation;
        if (!fresh && !(d < s.distance || (d == s.distance && clean && !s.clean))) return;
        if (!fresh && s.clean) --m_open_clean;
        s = State{d, m_generation, parent, static_cast<std::uint8_t>(clean)};
        if (clean) ++m_open_clean;
        m_heap.push({d, h});
    }

    std::vector<State> m_node;
    detail::SearchHeap m_heap;
    std::uint32_t m_generation = 0;
    std::size_t m_open_clean = 0;
};

Gap make_route_gap(const Graph& g, NodeId u, NodeId v, std::vector<ArcId> arcs, double length) {
    Gap gap;
    gap.kind = GapKind::detour;
    gap.from = u;
    gap.to = v;
    gap.arcs = std::move(arcs);
    gap.length_m = length;
    orient_with_traffic(g, gap);
    return gap;
}

/// Per arc, for the searches' inner loops (one byte read): 2 a network edge, 1 a way a gap may
/// follow, 0 neither.
std::vector<std::uint8_t> arc_classes(const CycleNetwork& net) {
    const GapLinkFilter link{&net};
    std::vector<std::uint8_t> cls(net.graph().arc_count(), 0);
    for (ArcId a = 0; a < cls.size(); ++a) cls[a] = net.contains_edge(edge_of(a)) ? 2 : link(a) ? 1 : 0;
    return cls;
}

/// Any way at all between two network nodes: what a gap may follow, or the network itself in
/// either direction. Used to tell a missing crossing (no way) from a way that exists.
struct JoiningWayFilter {
    const std::uint8_t* arc_class;
    bool operator()(ArcId a) const noexcept { return arc_class[a] != 0; }
};

/// Contact nodes: network nodes that a way outside the network, which a gap may follow, touches.
std::vector<NodeId> contact_nodes(const CycleNetwork& net, const std::vector<std::uint8_t>& arc_class) {
    const Graph& g = net.graph();
    std::vector<NodeId> out;
    for (NodeId n = 0; n < g.node_count(); ++n) {
        if (!net.contains_node(n)) continue;
        bool touches = false;
        g.for_each_out_arc(n, [&](ArcId a) { touches = touches || arc_class[a] == 1; });
        if (touches) out.push_back(n);
    }
    return out;
}

/// Runs work(thread, i) for i in [0, n) on engine_threads() threads, i interleaved (i % threads ==
/// thread) so that dense and sparse parts of the region are shared out; each thread collects its
/// results tagged with i, and the merge returns them in the order of i: the same as one thread.
template <typename Result, typename Work>
std::vector<Result> parallel_in_order(std::size_t n, const Work& work) {
    const unsigned threads = std::max(1U, std::min<unsigned>(engine_threads(), static_cast<unsigned>(std::max<std::size_t>(n, 1))));
    std::vector<std::vector<std::pair<std::size_t, Result>>> parts(threads);
    const auto run = [&](unsigned t) {
        auto state = work.make_state();
        for (std::size_t i = t; i < n; i += threads) work(state, i, [&](Result r) { parts[t].emplace_back(i, std::move(r)); });
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(run, t);
    run(0);
    for (auto& th : pool) th.join();
    // Each part is in item order already (thread t took items t, t + threads, ...): merge them by
    // item, moving each result once (a sort of the pairs moved every Gap, its vectors, many times).
    std::size_t total = 0;
    for (const auto& part : parts) total += part.size();
    std::vector<Result> out;
    out.reserve(total);
    std::vector<std::size_t> next(threads, 0);
    while (out.size() < total) {
        unsigned best = threads;
        for (unsigned t = 0; t < threads; ++t) {
            if (next[t] < parts[t].size() && (best == threads || parts[t][next[t]].first < parts[best][next[best]].first)) best = t;
        }
        out.push_back(std::move(parts[best][next[best]++].second));
    }
    return out;
}

/// What each finished search found, published for the later searches: a pair of contact nodes is
/// kept once, from the first of the two in node order whose search finds the other, so a search
/// from u that finds v < u can drop it at once when v's search is known to have found u (about half
/// of all finds in a dense region; building their paths and Gaps only to drop them was a fifth of
/// the step). When v's search has not finished yet, u's find is kept and the merge drops it: the
/// result never depends on the threads' timing.
class PublishedFinds {
public:
    explicit PublishedFinds(std::size_t contacts) : m_found(contacts), m_ready(new std::atomic<bool>[contacts]) {
        for (std::size_t i = 0; i < contacts; ++i) m_ready[i].store(false, std::memory_order_relaxed);
    }
    /// Contact i's search found these nodes (any order); written once, by the thread that ran it.
    void publish(std::size_t i, std::vector<NodeId> nodes) {
        std::sort(nodes.begin(), nodes.end());
        m_found[i] = std::move(nodes);
        m_ready[i].store(true, std::memory_order_release);
    }
    /// True when contact i's search has finished and found `node`.
    bool found(std::size_t i, NodeId node) const {
        return m_ready[i].load(std::memory_order_acquire) && std::binary_search(m_found[i].begin(), m_found[i].end(), node);
    }

private:
    std::vector<std::vector<NodeId>> m_found;
    std::unique_ptr<std::atomic<bool>[]> m_ready;
};

/// Candidates from each contact node (CleanPathSearch), with the network distances grown on demand.
struct DetourWork {
    const CycleNetwork& net;
    const GapParams& p;
    const std::vector<std::uint8_t>& arc_class;
    const std::vector<NodeId>& contacts;  // in node order
    PublishedFinds& published;

    struct State {
        CleanPathSearch clean;
        BoundedSearch network;
        std::vector<CleanPathSearch::Found> found;
    };
    State make_state() const { return State{CleanPathSearch{net.graph()}, BoundedSearch{net.graph()}, {}}; }

    template <typename Emit>
    void operator()(State& st, std::size_t i, const Emit& emit) const {
        const Graph& g = net.graph();
        const NodeId u = contacts[i];
        float network_budget = 0;
        const auto well_joined = [&](NodeId v, float along_street, float& along_network) {
            const float needed = static_cast<float>(p.detour_factor * along_street + p.min_detour_m) + 1.F;
            if (needed > network_budget) {
                network_budget = std::max(needed, 2 * network_budget);
                st.network.run({{u, 0.F}}, network_budget, NetworkEdgeFilter{&net});
            }
            along_network = st.network.distance(v);
            return !is_detour(along_network, along_street, p);
        };
        st.clean.run(net, arc_class, u, static_cast<float>(p.max_gap_m), well_joined, st.found);
        std::vector<NodeId> nodes;
        nodes.reserve(st.found.size());
        for (const auto& f : st.found) {
            nodes.push_back(f.node);
            if (f.node < u) {
                const auto j = std::lower_bound(contacts.begin(), contacts.end(), f.node);
                if (j != contacts.end() && *j == f.node && published.found(static_cast<std::size_t>(j - contacts.begin()), u)) continue;
            }
            Gap gap = make_route_gap(g, u, f.node, st.clean.path_to(g, f.node), f.distance);
            gap.network_distance_m = f.network_distance;
            emit(std::move(gap));
        }
        published.publish(i, std::move(nodes));
    }
};

void detour_gaps(const CycleNetwork& net, const GapParams& p, const std::vector<std::uint8_t>& arc_class,
                 std::vector<Gap>& out) {
    const std::vector<NodeId> contacts = contact_nodes(net, arc_class);
    PublishedFinds published{contacts.size()};
    std::vector<Gap> found = parallel_in_order<Gap>(contacts.size(), DetourWork{net, p, arc_class, contacts, published});
    // Each pair of ends once: the first found, searching contact nodes in node order.
    std::unordered_set<std::uint64_t> pairs;
    pairs.reserve(found.size());
    for (Gap& gap : found) {
        const std::uint64_t key = (static_cast<std::uint64_t>(std::min(gap.from, gap.to)) << 32) | std::max(gap.from, gap.to);
        if (pairs.insert(key).second) out.push_back(std::move(gap));
    }
}

/// Close on the map, far on the network, and no way between: a crossing of a barrier to build
/// (Conway's MissingLinks). Where a way joins them, the detour search above has the route.
struct CloseFarWork {
    const CycleNetwork& net;
    const GapParams& p;
    const NodeIndex& index;
    const std::vector<std::uint8_t>& arc_class;

    struct State {
        BoundedSearch network;
        BoundedSearch street;
    };
    State make_state() const { return State{BoundedSearch{net.graph()}, BoundedSearch{net.graph()}}; }

    template <typename Emit>
    void operator()(State& st, std::size_t i, const Emit& emit) const {
        const Graph& g = net.graph();
        const auto& coord = g.data().node_coord;
        const auto u = static_cast<NodeId>(i);
        if (!net.contains_node(u)) return;
        std::vector<NodeId> near;
        for (const NodeId v : index.within(coord[u], p.close_far_straight_m)) {
            if (v > u) near.push_back(v);  // each pair once
        }
        if (near.empty()) return;
        // First the cheap test: a way joins most close pairs within a short walk.
        const double farthest_way = p.detour_factor * p.close_far_straight_m + 50.0;
        st.street.run({{u, 0.F}}, static_cast<float>(farthest_way), JoiningWayFilter{arc_class.data()});
        std::vector<std::pair<NodeId, double>> unjoined;  // (v, straight distance)
        for (const NodeId v : near) {
            const double d = haversine_m(coord[u], coord[v]);
            if (!(st.street.reached(v) && st.street.distance(v) <= p.detour_factor * d + 50.0)) unjoined.emplace_back(v, d);
        }
        if (unjoined.empty()) return;
        st.network.run({{u, 0.F}}, static_cast<float>(p.close_far_network_m), NetworkEdgeFilter{&net});
        // One per other network piece or stretch: the nearest.
        std::map<std::int32_t, std::pair<double, NodeId>> nearest_per_piece;
        for (const auto& [v, d] : unjoined) {
            if (st.network.reached(v)) continue;  // within close_far_network_m along the network: not far
            auto [it, inserted] = nearest_per_piece.try_emplace(net.component(v), d, v);
            if (!inserted && d < it->second.first) it->second = {d, v};
        }
        if (nearest_per_piece.empty()) return;
        // How far the ways join them today (for the benefit of the link), up to max_gap_m.
        st.street.run({{u, 0.F}}, static_cast<float>(p.max_gap_m), JoiningWayFilter{arc_class.data()});
        for (const auto& [piece, dv] : nearest_per_piece) {
            const auto [straight, v] = dv;
            Gap gap;
            gap.kind = GapKind::close_far;
            gap.from = u;
            gap.to = v;
            gap.length_m = straight;
            gap.way_distance_m = st.street.distance(v);  // +inf when no way joins them within max_gap_m
            gap.network_distance_m = std::numeric_limits<double>::infinity();
            emit(std::move(gap));
        }
    }
};

void close_far_gaps(const CycleNetwork& net, const GapParams& p, const std::vector<std::uint8_t>& arc_class,
                    std::vector<Gap>& out) {
    const Graph& g = net.graph();
    const NodeIndex index{g, [&](NodeId n) { return net.contains_node(n); }};
    for (Gap& gap : parallel_in_order<Gap>(g.node_count(), CloseFarWork{net, p, index, arc_class})) out.push_back(std::move(gap));
}

}  // namespace

std::string_view key(GapKind k) noexcept { return k == GapKind::detour ? "detour" : "close_far"; }

std::optional<GapClass> gap_class_from_key(std::string_view k) noexcept {
    for (const GapClassInfo& c : gap_class_table) {
        if (c.key == k) return c.gap_class;
    }
    return std::nullopt;
}

std::string_view key(GapStatus s) noexcept {
    switch (s) {
        case GapStatus::listed: return "listed";
        case GapStatus::below_benefit: return "below_benefit";
        case GapStatus::easy_junction: return "easy_junction";
        case GapStatus::edge: return "edge";
    }
    return "listed";
}

std::string_view key(DataIssue d) noexcept {
    switch (d) {
        case DataIssue::none: return "";
        case DataIssue::pieces_apart: return "pieces_apart";
        case DataIssue::untagged_track: return "untagged_track";
        case DataIssue::undershoot: return "undershoot";
        case DataIssue::unknown_facility: return "unknown_facility";
    }
    return "";
}

void orient_with_traffic(const Graph& g, Gap& gap) {
    std::size_t against = 0, against_back = 0;
    for (const ArcId a : gap.arcs) {
        against += g.allows(a, Mode::bike) ? 0 : 1;
        against_back += g.allows(a ^ 1U, Mode::bike) ? 0 : 1;
    }
    if (against_back < against) {
        std::reverse(gap.arcs.begin(), gap.arcs.end());
        for (ArcId& a : gap.arcs) a ^= 1U;
        std::swap(gap.from, gap.to);
    }
    gap.against_oneway.clear();
    for (const ArcId a : gap.arcs) gap.against_oneway.push_back(!g.allows(a, Mode::bike));
}

std::vector<Coord> Gap::geometry(const Graph& g) const {
    std::vector<Coord> line;
    if (arcs.empty()) {
        if (data_issue == DataIssue::undershoot) return {g.data().node_coord[from], touch};
        return {g.data().node_coord[from], g.data().node_coord[to]};
    }
    for (const ArcId a : arcs) {
        std::vector<Coord> shape = g.shape(edge_of(a));
        if (is_backward(a)) std::reverse(shape.begin(), shape.end());
        line.insert(line.end(), line.empty() ? shape.begin() : shape.begin() + 1, shape.end());
    }
    return line;
}

std::vector<Gap> detect_gaps(const CycleNetwork& net, const GapParams& p) {
    const std::vector<std::uint8_t> arc_class = arc_classes(net);
    std::vector<Gap> out;
    detour_gaps(net, p, arc_class, out);
    close_far_gaps(net, p, arc_class, out);
    return out;
}

}  // namespace maillon
