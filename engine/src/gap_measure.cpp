// Measures of each gap (docs/ranking.md): QPV coverage on foot, cycle network joined, detour
// removed, sampled trips.

#include "maillon/gaps.hpp"

#include <algorithm>
#include <cmath>
#include <random>
#include <set>

namespace maillon {
namespace {

/// Arcs of the network as it could be: what bikes may use today, plus the one-way streets
/// ridden against the traffic and the paths closed to bikes that a gap may open. Trips are routed
/// on it so that a gap that would open a shortcut gets the trips that shortcut would carry.
struct PotentialFilter {
    const Graph* g;
    bool operator()(ArcId a) const noexcept {
        if (g->allows(a, Mode::bike)) return true;
        const auto& d = g->data();
        const EdgeId e = edge_of(a);
        const Highway h = d.edge_highway[e];
        if ((d.edge_flags[e] & edge_oneway_motor) && g->allows(a ^ 1U, Mode::bike)) return true;
        return g->allows(a, Mode::foot) &&
               (h == Highway::footway || h == Highway::pedestrian || h == Highway::path || h == Highway::track);
    }
};

/// Km of network within the budget of a network search that just ran (each edge once).
double network_km_reached(const CycleNetwork& net, const BoundedSearch& s, std::vector<std::uint32_t>& edge_mark,
                          std::uint32_t stamp) {
    const Graph& g = net.graph();
    double km = 0;
    for (const NodeId n : s.settled()) {
        g.for_each_out_arc(n, [&](ArcId a) {
            const EdgeId e = edge_of(a);
            if (net.contains_edge(e) && s.reached(g.arc_head(a)) && edge_mark[e] != stamp) {
                edge_mark[e] = stamp;
                km += g.length_m(e) / 1000.0;
            }
        });
    }
    return km;
}

}  // namespace

std::vector<float> sample_trip_usage(const Graph& g, const PopulationIndex& population,
                                     const std::vector<NodeId>& destinations, const BenefitParams& p) {
    std::vector<float> usage(g.arc_count(), 0.F);
    const auto& points = population.points();
    std::vector<std::uint32_t> candidates;
    std::vector<double> weights;
    for (std::uint32_t i = 0; i < points.size(); ++i) {
        if (population.snapped(i) && points[i].weight > 0) {
            candidates.push_back(i);
            weights.push_back(points[i].weight);
        }
    }
    if (candidates.empty() || p.origins == 0) return usage;
    std::vector<std::uint32_t> is_destination(g.node_count(), 0);
    if (destinations.empty()) {
        // No places of interest mapped: trips between homes.
        for (const std::uint32_t i : candidates) ++is_destination[population.home_node(i)];
    } else {
        for (const NodeId n : destinations) ++is_destination[n];
    }
    std::mt19937_64 rng{p.seed};
    std::discrete_distribution<std::size_t> pick{weights.begin(), weights.end()};
    BoundedSearch search{g};
    std::vector<float> below(g.node_count(), 0.F);  // destinations in the subtree of a node
    for (std::uint32_t k = 0; k < p.origins; ++k) {
        const NodeId origin = population.home_node(candidates[pick(rng)]);
        search.run({{origin, 0.F}}, static_cast<float>(p.trip_radius_m), PotentialFilter{&g});
        const auto& settled = search.settled();
        for (const NodeId n : settled) below[n] = static_cast<float>(is_destination[n]);
        // Children are settled after their parent: sum subtrees in reverse order, so that each
        // arc of the tree counts the routes that run through it, in one sweep.
        for (auto it = settled.rbegin(); it != settled.rend(); ++it) {
            const ArcId a = search.parent_arc(*it);
            if (a == no_arc || below[*it] == 0) continue;
            usage[a] += below[*it];
            below[g.arc_tail(a)] += below[*it];
        }
    }
    return usage;
}

void measure_gaps(const CycleNetwork& net, std::vector<Gap>& gaps, const PopulationIndex& population,
                  const std::vector<float>& trip_usage, const AnalysisProfile& profile, GapSearches& searches) {
    const Graph& g = net.graph();
    const auto& points = population.points();
    std::vector<std::uint32_t> edge_mark(g.edge_count(), 0);
    std::uint32_t stamp = 0;
    const auto walk = static_cast<float>(profile.coverage.walk_m);
    const auto radius = static_cast<float>(profile.benefit.trip_radius_m);
    for (Gap& gap : gaps) {
        // QPV coverage: a walking search from every node of the gap.
        std::vector<SearchSource> sources{{gap.from, 0.F}, {gap.to, 0.F}};
        for (const ArcId a : gap.arcs) sources.push_back({g.arc_head(a), 0.F});
        searches.street.run(sources, walk, ModeFilter{&g, Mode::foot});
        std::vector<EdgeId> gap_edges;
        for (const ArcId a : gap.arcs) gap_edges.push_back(edge_of(a));
        std::set<std::int32_t> qpvs;
        double residents = 0;
        bool residents_known = true;
        gap.qpv_weight = gap.all_weight = 0;
        population.for_each_covered(searches.street, walk, [&](std::uint32_t i) {
            const PopulationPoint& pt = points[i];
            gap.all_weight += pt.weight;
            if (pt.qpv < 0) return;
            gap.qpv_weight += pt.weight;
            qpvs.insert(pt.qpv);
            if (pt.has_residents()) residents += pt.residents;
            else residents_known = false;
        }, &gap_edges);
        gap.qpvs.assign(qpvs.begin(), qpvs.end());
        gap.qpv_residents = residents_known ? residents : std::numeric_limits<double>::quiet_NaN();

        // Network joined: km of network within the trip radius from each end; the search from
        // the first end also gives today's distance along the network to the other end.
        double km[2];
        int side = 0;
        for (const NodeId end : {gap.from, gap.to}) {
            searches.network.run({{end, 0.F}}, radius, NetworkEdgeFilter{&net});
            km[side] = network_km_reached(net, searches.network, edge_mark, ++stamp);
            if (side++ == 0) gap.network_distance_m = searches.network.distance(gap.to);  // +inf beyond the radius
        }
        gap.joins_components = net.component(gap.from) != net.component(gap.to);
        gap.network_km_joined = gap.joins_components ? km[0] + km[1] : std::min(km[0], km[1]);

        // Detour removed: today's network route, capped at the trip radius when there is none within it.
        gap.detour_removed_m = std::max(0.0, std::min(gap.network_distance_m, static_cast<double>(radius)) - gap.length_m);

        // Trips through the busiest arc of the gap, both directions.
        gap.trips = 0;
        for (const ArcId a : gap.arcs) {
            gap.trips = std::max(gap.trips, static_cast<double>(trip_usage[a] + trip_usage[a ^ 1U]));
        }
    }
}

void rank_gaps(std::vector<Gap>& gaps, const RankingParams& p) {
    // QPV coverage in residents when every gap knows them (the QPV layer gave populations), else
    // in the population model's proxy.
    const bool residents = std::all_of(gaps.begin(), gaps.end(), [](const Gap& g) { return !std::isnan(g.qpv_residents); });
    const auto qpv_value = [&](const Gap& g) { return residents ? g.qpv_residents : g.qpv_weight; };
    double max_qpv = 0, max_trips = 0, max_detour = 0, max_network = 0;
    for (const Gap& gap : gaps) {
        if (gap.gap_class == GapClass::data) continue;
        max_qpv = std::max(max_qpv, qpv_value(gap));
        max_trips = std::max(max_trips, gap.trips);
        max_detour = std::max(max_detour, gap.detour_removed_m);
        max_network = std::max(max_network, gap.network_km_joined);
    }
    const auto norm = [](double v, double max) { return max > 0 ? v / max : 0.0; };
    for (Gap& gap : gaps) {
        gap.qpv_term = norm(qpv_value(gap), max_qpv);
        gap.trips_term = norm(gap.trips, max_trips);
        gap.detour_term = norm(gap.detour_removed_m, max_detour);
        gap.network_term = norm(gap.network_km_joined, max_network);
        double factor = p.factor_street;
        switch (gap.gap_class) {
            case GapClass::crossing: factor = p.factor_crossing; break;
            case GapClass::contraflow: factor = p.factor_contraflow; break;
            case GapClass::roundabout: factor = p.factor_roundabout; break;
            case GapClass::bridge:
            case GapClass::tunnel: factor = p.factor_bridge; break;
            default: break;
        }
        gap.cost = std::max(gap.length_m, 20.0) / p.cost_length_ref_m * factor;
        const double benefit = p.w_qpv * gap.qpv_term + p.w_trips * gap.trips_term + p.w_detour * gap.detour_term +
                               p.w_network * gap.network_term;
        gap.score = benefit / std::pow(gap.cost, p.cost_exponent);
    }
    // Real projects first by score (ties: shorter first, then by node for a stable order); data
    // issues after them, unranked.
    std::stable_sort(gaps.begin(), gaps.end(), [](const Gap& a, const Gap& b) {
        const bool da = a.gap_class == GapClass::data, db = b.gap_class == GapClass::data;
        if (da != db) return db;
        if (a.score != b.score) return a.score > b.score;
        if (a.length_m != b.length_m) return a.length_m < b.length_m;
        return std::make_pair(a.from, a.to) < std::make_pair(b.from, b.to);
    });
    std::uint32_t rank = 0;
    for (Gap& gap : gaps) gap.rank = gap.gap_class == GapClass::data ? 0 : ++rank;
}

}  // namespace maillon
