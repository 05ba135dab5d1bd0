// Prioritize (docs/gaps.md, "Prioritize"): the benefit of a candidate is the length-weighted mean
// edge betweenness of its edges, where betweenness counts the pairs of intersections whose
// shortest route of at most trip_radius_m (2.5 km) runs over the edge — Vybornova et al. 2022,
// on the network as it could be: streets, the cycle network, and the candidates themselves.
//
// Origins and destinations are intersections (nodes where the network-as-it-could-be does not
// simply continue), as in the study's simplified street graph: the unit of the benefit, and of
// gaps.min_benefit, is "pairs of intersections", whatever the way the ways are cut into edges.

#include "maillon/flows.hpp"
#include "maillon/gaps.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

namespace maillon {
namespace {

/// The network as it could be, direction-blind: network edges, streets and cyclable ways a gap may
/// follow, and the candidates' own edges (footways a gap would open). Paths that only pedestrians
/// may use today count only where a candidate runs: a sidewalk mapped beside a road must not take
/// the road's trips.
struct BenefitFilter {
    const CycleNetwork* net;
    const std::vector<std::uint8_t>* candidate_edge;
    bool operator()(ArcId a) const noexcept {
        const EdgeId e = edge_of(a);
        if (net->contains_edge(e) || (*candidate_edge)[e]) return true;
        if (!GapLinkFilter{net}(a)) return false;
        const Graph& g = net->graph();
        return g.allows(a, Mode::bike) || g.allows(a ^ 1U, Mode::bike) ||
               is_motor_road(g.data().edge_highway[e]);
    }
};

/// Kinds of edge the study keeps apart when it simplifies its street graph: streets without
/// facility ("car"), facilities on a street ("multi"), ways for bikes only ("bike").
int edge_kind(const CycleNetwork& net, EdgeId e) {
    if (!net.contains_edge(e)) return 0;
    return is_motor_road(net.graph().data().edge_highway[e]) ? 1 : 2;
}

/// Intersections of the benefit graph: degree other than 2, or the two edges of different kinds
/// (the nodes the study's simplified graph keeps).
std::vector<float> intersection_weights(const CycleNetwork& net, const ArcMaskFilter& filter) {
    const Graph& g = net.graph();
    std::vector<float> w(g.node_count(), 0.F);
    for (NodeId n = 0; n < g.node_count(); ++n) {
        std::uint32_t degree = 0;
        int kinds[2] = {-1, -1};
        g.for_each_out_arc(n, [&](ArcId a) {
            if (g.arc_head(a) == n || !(filter(a) || filter(a ^ 1U))) return;  // self loops: not a way on
            if (degree < 2) kinds[degree] = edge_kind(net, edge_of(a));
            ++degree;
        });
        if (degree == 0) continue;
        if (degree != 2 || kinds[0] != kinds[1]) w[n] = 1.F;
    }
    return w;
}

/// Morton (Z-order) key of a coordinate: sorting by it lays the origins along a space-filling
/// curve, so that taking every k-th one samples the region evenly.
std::uint64_t morton(Coord c) {
    const auto spread = [](std::uint32_t v) {
        std::uint64_t x = v;
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFULL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFULL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FULL;
        x = (x | (x << 2)) & 0x3333333333333333ULL;
        x = (x | (x << 1)) & 0x5555555555555555ULL;
        return x;
    };
    const auto lon = static_cast<std::uint32_t>(static_cast<std::int64_t>(c.lon_e7) + 1800000000LL);
    const auto lat = static_cast<std::uint32_t>(static_cast<std::int64_t>(c.lat_e7) + 900000000LL);
    return spread(lon) | (spread(lat) << 1);
}

/// Every intersection when the work fits the budget (exact), else an even sample of them, each
/// standing for `weight` intersections. The average search size comes from a pilot of a few
/// evenly spread origins, so the choice is deterministic for a graph.
std::vector<FlowSource> choose_origins(const Graph& g, const std::vector<NodeId>& nodes, const ArcMaskFilter& filter,
                                       const BenefitParams& p) {
    std::vector<FlowSource> all;
    all.reserve(nodes.size());
    for (const NodeId n : nodes) all.push_back({n, 1.0});
    if (nodes.empty()) return all;
    const std::size_t pilots = std::min<std::size_t>(nodes.size(), 64);
    BoundedSearch search{g};
    double settled = 0;
    for (std::size_t i = 0; i < pilots; ++i) {
        search.run({{nodes[i * nodes.size() / pilots], 0.F}}, static_cast<float>(p.trip_radius_m), filter);
        settled += static_cast<double>(search.settled().size());
    }
    const double per_origin = std::max(1.0, settled / static_cast<double>(pilots));
    const double budget = p.betweenness_budget_mnodes * 1e6;
    if (per_origin * static_cast<double>(nodes.size()) <= budget) return all;
    const auto k = static_cast<std::size_t>(std::max(1.0, std::floor(budget / per_origin)));
    std::vector<NodeId> ordered = nodes;
    const auto& coord = g.data().node_coord;
    std::sort(ordered.begin(), ordered.end(), [&](NodeId a, NodeId b) {
        const auto ka = morton(coord[a]), kb = morton(coord[b]);
        return ka != kb ? ka < kb : a < b;
    });
    std::vector<FlowSource> sample;
    sample.reserve(k);
    const double step = static_cast<double>(ordered.size()) / static_cast<double>(k);
    const double offset = step * (static_cast<double>(p.seed % 1000) / 1000.0);
    for (std::size_t i = 0; i < k; ++i) {
        const auto at = static_cast<std::size_t>(offset + step * static_cast<double>(i));
        sample.push_back({ordered[std::min(at, ordered.size() - 1)], step});
    }
    return sample;
}

/// A straight link (u, v) of length L, where the ways join u and v only over S metres today:
/// the pairs of intersections (x near u, y near v) that it would surely serve. Its route
/// a + L + b (a = d(x, u), b = d(v, y)) beats today's, which is at least S - a - b (triangle
/// inequality), whenever 2 (a + b) < S - L; and it must be a short trip (a + L + b <= radius).
/// A lower bound of the link's betweenness, in the same unit as an edge's.
double straight_link_pairs(const Gap& gap, const std::vector<float>& weight, const ArcMaskFilter& filter,
                           double radius_m, BoundedSearch& search) {
    const double s_today = std::min(gap.way_distance_m, 2 * radius_m + gap.length_m);
    const double limit = std::min((s_today - gap.length_m) / 2, radius_m - gap.length_m);
    if (!(limit > 0)) return 0;
    std::vector<std::pair<double, double>> near_u, near_v;  // (distance, weight)
    for (auto [end, side] : {std::pair{gap.from, &near_u}, std::pair{gap.to, &near_v}}) {
        search.run({{end, 0.F}}, static_cast<float>(limit), filter);
        for (const NodeId n : search.settled()) {
            if (weight[n] > 0) side->emplace_back(search.distance(n), weight[n]);
        }
    }
    // For each x, the weight of the y with b < limit - a: prefix sums over the v side by distance.
    std::sort(near_v.begin(), near_v.end());
    std::vector<double> prefix(near_v.size() + 1, 0);
    for (std::size_t i = 0; i < near_v.size(); ++i) prefix[i + 1] = prefix[i] + near_v[i].second;
    double pairs = 0;
    for (const auto& [a, wx] : near_u) {
        const auto k = std::lower_bound(near_v.begin(), near_v.end(), std::pair{limit - a, -1.0}) - near_v.begin();
        pairs += wx * prefix[static_cast<std::size_t>(k)];
    }
    return pairs;
}

}  // namespace

double Benefit::value_at_share(double share) const {
    double total = 0;
    for (const auto& [value, length] : m_by_value) total += length;
    double run = 0;
    for (const auto& [value, length] : m_by_value) {
        run += length;
        if (run >= share * total) return value;
    }
    return 0;
}

double Benefit::cut(const GapParams& p) const { return p.min_benefit > 0 ? p.min_benefit : value_at_share(p.min_benefit_share); }

double Benefit::of_gap(const Graph& g, const Gap& gap) const {
    if (gap.arcs.empty()) return gap.benefit;
    double sum = 0, length = 0;
    for (const ArcId a : gap.arcs) {
        const double l = g.length_m(edge_of(a));
        sum += of_edge(edge_of(a)) * l;
        length += l;
    }
    return length > 0 ? sum / length : of_edge(edge_of(gap.arcs.front()));
}

Benefit compute_benefit(const CycleNetwork& net, std::vector<Gap>& candidates, const BenefitParams& p) {
    const Graph& g = net.graph();
    std::vector<std::uint8_t> candidate_edge(g.edge_count(), 0);
    for (const Gap& gap : candidates) {
        for (const ArcId a : gap.arcs) candidate_edge[edge_of(a)] = 1;
    }
    const std::vector<std::uint8_t> mask = arc_mask(g, BenefitFilter{&net, &candidate_edge});
    const ArcMaskFilter filter{&mask};
    const std::vector<float> weight = intersection_weights(net, filter);
    std::vector<NodeId> intersections;
    for (NodeId n = 0; n < g.node_count(); ++n) {
        if (weight[n] > 0) intersections.push_back(n);
    }
    Benefit benefit;
    benefit.origins = intersections.size();
    const std::vector<FlowSource> origins = choose_origins(g, intersections, filter, p);
    benefit.sampled = origins.size();
    const std::vector<double> flow =
        accumulate_flows(g, origins, weight, static_cast<float>(p.trip_radius_m), filter, engine_threads());
    // Each pair is counted from both of its ends (both are origins): halve, as igraph's
    // undirected edge betweenness counts a pair once.
    benefit.m_edge.resize(g.edge_count());
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        benefit.m_edge[e] = 0.5 * (flow[arc_of(e, false)] + flow[arc_of(e, true)]);
    }
    // The busiest edges first, with their lengths: for the cut by share of the network.
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        if (filter(arc_of(e, false)) || filter(arc_of(e, true))) benefit.m_by_value.emplace_back(benefit.m_edge[e], g.length_m(e));
    }
    std::sort(benefit.m_by_value.begin(), benefit.m_by_value.end(), std::greater<>());
    BoundedSearch search{g};
    for (Gap& gap : candidates) {
        gap.benefit = gap.arcs.empty() ? straight_link_pairs(gap, weight, filter, p.trip_radius_m, search)
                                       : benefit.of_gap(g, gap);
    }
    return benefit;
}

}  // namespace maillon
