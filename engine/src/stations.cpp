#include "maillon/stations.hpp"

#include <algorithm>
#include <cmath>
#include <queue>
#include <set>
#include <unordered_set>

namespace maillon {
namespace {

bool is_transit(PoiKind k) noexcept {
    return k == PoiKind::rail_station || k == PoiKind::subway_entrance || k == PoiKind::tram_stop || k == PoiKind::bus_stop;
}

bool is_main_axis(Highway h) noexcept { return h == Highway::trunk || h == Highway::primary || h == Highway::secondary; }

/// Walking catchment of a snapped position: both ends of its edge, with the offsets.
void catchment(const Graph& g, BoundedSearch& search, const PopulationIndex& population, const Snap& snap,
               float walk_m, StationResult& r) {
    const auto& d = g.data();
    const float len = g.length_m(snap.edge);
    search.run({{d.edge_source[snap.edge], snap.distance_m + snap.offset_m},
                {d.edge_target[snap.edge], snap.distance_m + (len - snap.offset_m)}},
               walk_m, ModeFilter{&g, Mode::foot});
    r.catchment.clear();
    population.for_each_covered(search, walk_m, [&](std::uint32_t p) { r.catchment.push_back(p); });
    std::sort(r.catchment.begin(), r.catchment.end());
}

/// What a catchment adds over what is covered already.
struct Gain {
    double qpv = 0, all = 0, residents = 0;
};
Gain gain_of(const StationResult& r, const PopulationIndex& population, const std::vector<std::uint8_t>& covered) {
    Gain g;
    for (const std::uint32_t p : r.catchment) {
        if (covered[p]) continue;
        const PopulationPoint& pt = population.points()[p];
        g.all += pt.weight;
        if (pt.qpv >= 0) {
            g.qpv += pt.weight;
            if (pt.has_residents()) g.residents += pt.residents;
        }
    }
    return g;
}

/// Greedy maximal covering with lazy re-evaluation: gains only shrink as coverage grows
/// (submodularity), so a candidate whose stale gain still beats every other stale gain, once
/// refreshed, is the best. The gain is in QPV residents when the points inside QPV carry them,
/// else in the model's weight. Ties: total coverage, then nearer transit, then nearer network,
/// then id.
struct Candidate {
    Gain gain;
    std::size_t index;
};

double qpv_gain(const Gain& g, bool residents_known) { return residents_known ? g.residents : g.qpv; }

bool better(const Candidate& a, const Candidate& b, const std::vector<StationResult>& s, bool residents_known) {
    const double ga = qpv_gain(a.gain, residents_known), gb = qpv_gain(b.gain, residents_known);
    if (ga != gb) return ga > gb;
    if (a.gain.qpv != b.gain.qpv) return a.gain.qpv > b.gain.qpv;
    if (a.gain.all != b.gain.all) return a.gain.all > b.gain.all;
    const auto& x = s[a.index];
    const auto& y = s[b.index];
    if (x.nearest_transit_m != y.nearest_transit_m) return x.nearest_transit_m < y.nearest_transit_m;
    if (x.distance_to_network_m != y.distance_to_network_m) return x.distance_to_network_m < y.distance_to_network_m;
    return x.site.id < y.site.id;
}

template <typename Accept>
std::vector<std::size_t> greedy(std::vector<StationResult>& s, const std::vector<std::size_t>& pool, std::size_t picks,
                                const PopulationIndex& population, std::vector<std::uint8_t>& covered, bool residents_known,
                                Accept accept) {
    const auto worse = [&](const Candidate& a, const Candidate& b) { return better(b, a, s, residents_known); };
    std::priority_queue<Candidate, std::vector<Candidate>, decltype(worse)> heap{worse};
    for (const std::size_t i : pool) heap.push({gain_of(s[i], population, covered), i});
    std::vector<std::size_t> order;
    while (!heap.empty() && order.size() < picks) {
        Candidate top = heap.top();
        heap.pop();
        const Gain fresh = gain_of(s[top.index], population, covered);
        if (fresh.qpv != top.gain.qpv || fresh.all != top.gain.all || fresh.residents != top.gain.residents) {
            // stale: re-queue with its true gain
            heap.push({fresh, top.index});
            continue;
        }
        if (!accept(top)) continue;
        StationResult& r = s[top.index];
        r.marginal_qpv = fresh.qpv;
        r.marginal_all = fresh.all;
        r.marginal_qpv_residents = residents_known ? fresh.residents : std::numeric_limits<double>::quiet_NaN();
        r.rank = static_cast<std::uint32_t>(order.size() + 1);
        for (const std::uint32_t p : r.catchment) covered[p] = 1;
        order.push_back(top.index);
    }
    return order;
}

}  // namespace

std::string_view key(StationStatus s) noexcept {
    switch (s) {
        case StationStatus::existing: return "existing";
        case StationStatus::planned: return "planned";
        case StationStatus::suggested: return "suggested";
    }
    return "planned";
}

StationAnalysis analyse_stations(const CycleNetwork& net, const PopulationIndex& population,
                                 std::vector<StationSite> existing, std::vector<StationSite> planned,
                                 const StationParams& params, bool residents_known) {
    const Graph& g = net.graph();
    const auto& d = g.data();
    const LocalProjection proj = LocalProjection::around(g.bbox());
    const EdgeSnapper foot{g, Mode::foot};
    const EdgeSnapper main_axes{g, [&d](EdgeId e) { return is_main_axis(d.edge_highway[e]); }};
    const NodeIndex network_nodes{g, [&](NodeId n) { return net.contains_node(n); }};
    std::vector<Coord> transit;
    for (std::size_t i = 0; i < g.poi_count(); ++i) {
        if (is_transit(d.poi_kind[i])) transit.push_back(d.poi_coord[i]);
    }
    const PointIndex transit_index{transit, proj};
    BoundedSearch search{g};
    const auto walk = static_cast<float>(params.walk_m);

    // One site: snap, catchment, standalone coverage, context.
    const auto describe = [&](StationSite site) {
        StationResult r;
        r.site = std::move(site);
        const auto snap = foot.snap(r.site.coord, params.snap_max_m);
        if (!snap) return r;
        r.snapped = true;
        r.snap_m = snap->distance_m;
        catchment(g, search, population, *snap, walk, r);
        std::set<std::int32_t> qpvs;
        double residents = 0;
        for (const std::uint32_t p : r.catchment) {
            const PopulationPoint& pt = population.points()[p];
            r.standalone_all += pt.weight;
            if (pt.qpv < 0) continue;
            r.standalone_qpv += pt.weight;
            qpvs.insert(pt.qpv);
            if (pt.has_residents()) residents += pt.residents;
        }
        r.standalone_qpv_residents = residents_known ? residents : std::numeric_limits<double>::quiet_NaN();
        r.qpvs.assign(qpvs.begin(), qpvs.end());
        if (const auto t = transit_index.nearest(r.site.coord)) r.nearest_transit_m = t->second;
        if (const auto n = network_nodes.nearest(r.site.coord)) r.distance_to_network_m = n->second;
        r.on_main_axis = main_axes.snap(r.site.coord, params.main_axis_m).has_value();
        return r;
    };

    StationAnalysis out;
    std::vector<StationResult>& s = out.stations;
    std::vector<std::uint8_t> covered(population.points().size(), 0);
    std::vector<Coord> existing_coords;
    for (StationSite& site : existing) {
        site.status = StationStatus::existing;
        s.push_back(describe(std::move(site)));
        StationResult& r = s.back();
        if (!r.snapped) {
            ++out.outside;
            continue;
        }
        if (!r.site.installed) continue;  // not installed: covers nobody today
        existing_coords.push_back(r.site.coord);
        for (const std::uint32_t p : r.catchment) covered[p] = 1;
    }
    if (residents_known) out.qpv_residents_covered_existing = 0;
    for (std::uint32_t p = 0; p < covered.size(); ++p) {
        if (!covered[p]) continue;
        const PopulationPoint& pt = population.points()[p];
        out.all_weight_covered_existing += pt.weight;
        if (pt.qpv < 0) continue;
        out.qpv_weight_covered_existing += pt.weight;
        if (residents_known && pt.has_residents()) out.qpv_residents_covered_existing += pt.residents;
    }
    out.covered_by_existing = covered;
    const PointIndex existing_index{existing_coords, proj};

    // Planned stations, ranked by marginal QPV coverage.
    std::vector<std::size_t> pool;
    for (StationSite& site : planned) {
        site.status = StationStatus::planned;
        s.push_back(describe(std::move(site)));
        StationResult& r = s.back();
        if (const auto e = existing_index.nearest(r.site.coord)) r.nearest_station_m = e->second;
        if (r.snapped) pool.push_back(s.size() - 1);
        else ++out.outside;
    }
    greedy(s, pool, pool.size(), population, covered, residents_known, [](const Candidate&) { return true; });

    // Suggested sites: one candidate per cell near the QPV points still uncovered, kept apart
    // from every station, chosen greedily for the QPV population they add.
    if (params.suggestions > 0) {
        std::vector<Coord> taken = existing_coords;
        for (const std::size_t i : pool) taken.push_back(s[i].site.coord);
        std::unordered_set<std::int64_t> cells;
        const auto cell_key = [&](Coord c) {
            const auto cx = static_cast<std::int64_t>(std::floor(proj.x(c) / params.candidate_cell_m));
            const auto cy = static_cast<std::int64_t>(std::floor(proj.y(c) / params.candidate_cell_m));
            return cx * 4000037LL + cy;
        };
        const PointIndex taken_index{taken, proj};
        // Candidate sites: walkable graph nodes within walk_m (straight line) of an uncovered QPV point.
        std::vector<std::uint32_t> uncovered;
        for (std::uint32_t p = 0; p < covered.size(); ++p) {
            if (!covered[p] && population.points()[p].qpv >= 0 && population.snapped(p)) uncovered.push_back(p);
        }
        std::vector<Coord> uncovered_coords;
        for (const std::uint32_t p : uncovered) uncovered_coords.push_back(population.points()[p].coord);
        const PointIndex need{uncovered_coords, proj};
        std::vector<std::size_t> candidates;
        std::uint32_t counter = 0;
        for (NodeId n = 0; n < g.node_count() && !uncovered.empty(); ++n) {
            const Coord c = d.node_coord[n];
            const auto near_need = need.nearest(c);
            if (!near_need || near_need->second > params.walk_m) continue;
            if (!cells.insert(cell_key(c)).second) continue;
            const auto near_taken = taken_index.nearest(c);
            if (near_taken && near_taken->second < params.min_spacing_m) continue;
            StationSite site{"suggested-" + std::to_string(++counter), "", c, StationStatus::suggested, true, -1};
            StationResult r = describe(std::move(site));
            if (!r.snapped || r.catchment.empty()) continue;
            if (near_taken) r.nearest_station_m = near_taken->second;
            s.push_back(std::move(r));
            candidates.push_back(s.size() - 1);
        }
        std::vector<Coord> chosen;
        const auto accept = [&](const Candidate& c) {
            if (qpv_gain(c.gain, residents_known) <= 0) return false;
            for (const Coord x : chosen) {
                if (haversine_m(x, s[c.index].site.coord) < params.min_spacing_m) return false;
            }
            chosen.push_back(s[c.index].site.coord);
            return true;
        };
        const std::vector<std::size_t> picked = greedy(s, candidates, params.suggestions, population, covered, residents_known, accept);
        // Keep only the chosen suggestions, renumbered in their order.
        std::vector<StationResult> kept(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(candidates.empty() ? s.size() : candidates.front()));
        std::uint32_t k = 0;
        for (const std::size_t i : picked) {
            StationResult r = s[i];
            r.site.id = "suggestion-" + std::to_string(++k);
            r.site.name.clear();  // named by the outputs ("Site suggéré k"): no French in the engine
            kept.push_back(std::move(r));
        }
        s = std::move(kept);
        out.suggestions_given = static_cast<std::uint32_t>(picked.size());
    }
    out.suggestions_asked = params.suggestions;
    out.walk_m = params.walk_m;
    out.min_spacing_m = params.min_spacing_m;
    if (residents_known) out.qpv_residents_uncovered = 0;
    for (std::uint32_t p = 0; p < covered.size(); ++p) {
        const PopulationPoint& pt = population.points()[p];
        if (covered[p] || pt.qpv < 0 || !population.snapped(p)) continue;
        out.qpv_weight_uncovered += pt.weight;
        if (residents_known && pt.has_residents()) out.qpv_residents_uncovered += pt.residents;
    }
    // Existing first, then planned by rank (unranked outside stations last), then suggestions.
    std::stable_sort(s.begin(), s.end(), [](const StationResult& a, const StationResult& b) {
        if (a.site.status != b.site.status) return a.site.status < b.site.status;
        if (a.site.status == StationStatus::existing) return false;
        const std::uint32_t ra = a.rank ? a.rank : 0xFFFFFFFFU, rb = b.rank ? b.rank : 0xFFFFFFFFU;
        return ra < rb;
    });
    return out;
}

}  // namespace maillon
