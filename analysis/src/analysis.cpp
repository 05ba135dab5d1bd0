#include "maillon/analysis/analysis.hpp"

#include "indicators.hpp"
#include "population_points.hpp"
#include "summaries.hpp"
#include "maillon/communes.hpp"
#include "maillon/spatial_index.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <future>
#include <set>

namespace maillon::analysis {
namespace {

class StepTimer {
public:
    explicit StepTimer(AnalysisResult& r) : m_result(r) {}
    void done(const char* step) {
        const auto now = std::chrono::steady_clock::now();
        m_result.seconds.emplace_back(step, std::chrono::duration<double>(now - m_last).count());
        m_last = now;
    }

private:
    AnalysisResult& m_result;
    std::chrono::steady_clock::time_point m_last = std::chrono::steady_clock::now();
};

/// Places people ride to (docs/ranking.md, `trips`): schools and universities, rail and metro
/// stations, subway entrances and tram stops, shops, healthcare, sport and leisure, public
/// services, offices (a proxy for jobs). Not bus stops (a bus is taken instead of the bike, and
/// they would outnumber every other place) nor bike-share stations.
bool is_trip_destination(PoiKind k) noexcept {
    switch (k) {
        case PoiKind::bus_stop:
        case PoiKind::bicycle_rental:
        case PoiKind::other:
        case PoiKind::count_: return false;
        default: return true;
    }
}

/// Destinations of sampled trips: each imported place of a destination kind at the nearest node a
/// bike can leave, within destination_snap_m (a place farther from any cyclable way lies outside
/// the extract's streets). One entry per place: a node with three shops draws three times the
/// trips of a node with one. Empty when the graph has no such place: trips then run between homes.
constexpr double destination_snap_m = 200;
std::vector<NodeId> trip_destinations(const Graph& g) {
    const auto& d = g.data();
    std::vector<NodeId> out;
    if (std::none_of(d.poi_kind.begin(), d.poi_kind.end(), is_trip_destination)) return out;
    const NodeIndex cyclable{g, [&g](NodeId n) {
        bool bike = false;
        g.for_each_out_arc(n, [&](ArcId a) { bike = bike || g.allows(a, Mode::bike); });
        return bike;
    }};
    for (std::size_t i = 0; i < g.poi_count(); ++i) {
        if (!is_trip_destination(d.poi_kind[i])) continue;
        const auto near = cyclable.nearest(d.poi_coord[i]);
        if (near && near->second <= destination_snap_m) out.push_back(near->first);
    }
    return out;
}

/// Population beyond walking reach: counted, and a warning above coverage.max_beyond_reach_share.
void report_beyond_reach(const PopulationIndex& population, const CoverageParams& p, AnalysisResult& r) {
    double total = 0, far = 0, far_residents = 0;
    bool residents = false;
    const auto& points = population.points();
    for (std::uint32_t i = 0; i < points.size(); ++i) {
        total += points[i].weight;
        if (points[i].has_residents()) residents = true;
        if (population.snapped(i)) continue;
        far += points[i].weight;
        if (points[i].has_residents()) far_residents += points[i].residents;
    }
    PopulationSummary& s = r.population;
    s.share_beyond_reach = total > 0 ? far / total : 0;
    if (residents) s.residents_beyond_reach = far_residents;
    if (s.share_beyond_reach > p.max_beyond_reach_share) {
        const auto pct = [](double x) { return std::to_string(static_cast<int>(std::lround(100 * x))) + " %"; };
        r.warnings.push_back(pct(s.share_beyond_reach) + " of the population (" + std::to_string(population.unsnapped()) +
                             " of " + std::to_string(points.size()) + " points" +
                             (residents && far_residents > 0 ? ", " + people_text(far_residents) + " residents" : std::string{}) +
                             ") lies farther than " + std::to_string(static_cast<int>(p.snap_max_m)) +
                             " m from any walkable way: beyond walking reach, it is left out of every share. Above "
                             "coverage.max_beyond_reach_share (" + pct(p.max_beyond_reach_share) +
                             "): is the extract cut tighter than the QPV layer or the population grid?");
    }
}

/// Distance in metres from a point to the nearest side of a box (0 outside it).
double to_box_edge_m(const LocalProjection& proj, const BBox& box, Coord c) {
    const double x = proj.x(c), y = proj.y(c);
    const Coord lo = Coord::from_degrees(box.min_lon, box.min_lat), hi = Coord::from_degrees(box.max_lon, box.max_lat);
    return std::max(0.0, std::min({x - proj.x(lo), proj.x(hi) - x, y - proj.y(lo), proj.y(hi) - y}));
}

/// The study area: gaps whose middle lies outside it are not reported (counted); projects within
/// area.edge_m of the extract's own edge are flagged `edge` and left out of the ranking (their
/// detour and benefit are cut short by the network missing beyond).
void keep_area_gaps(const Graph& g, const StudyArea* area, const AreaParams& p, AnalysisResult& result) {
    const BBox box = g.bbox();
    const LocalProjection proj = LocalProjection::around(box);
    const auto middle = [&](const Gap& gap) {
        const std::vector<Coord> line = gap.geometry(g);
        return line[line.size() / 2];
    };
    const auto at_edge = [&](const Gap& gap) {
        for (const Coord c : gap.geometry(g)) {
            if (to_box_edge_m(proj, box, c) < p.edge_m) return true;
        }
        return false;
    };
    std::vector<Gap> listed;
    for (auto* list : {&result.gaps, &result.candidates}) {
        std::vector<Gap> kept;
        for (Gap& gap : *list) {
            if (area && !area->contains(middle(gap))) {
                ++result.outside_area;
                continue;
            }
            if (list == &result.gaps && gap.gap_class != GapClass::data && at_edge(gap)) {
                gap.status = GapStatus::edge;
                ++result.at_edge;
                result.candidates.push_back(std::move(gap));
                continue;
            }
            kept.push_back(std::move(gap));
        }
        *list = std::move(kept);
    }
    if (!area) return;
    // Does the extract reach buffer_m beyond the area? Say which sides fall short.
    const BBox wanted = reach_of(area->bbox, p.buffer_m);
    std::string short_sides;
    if (box.min_lon > wanted.min_lon) short_sides += " west";
    if (box.max_lon < wanted.max_lon) short_sides += " east";
    if (box.min_lat > wanted.min_lat) short_sides += " south";
    if (box.max_lat < wanted.max_lat) short_sides += " north";
    if (!short_sides.empty()) {
        result.warnings.push_back("the extract does not reach " + std::to_string(static_cast<int>(p.buffer_m)) +
                                  " m beyond the study area '" + area->name + "' on the" + short_sides +
                                  " side(s): gaps near its boundary there have their searches cut; use a wider extract");
    }
}

/// Data issues are all listed (unranked) whatever their benefit: a mapper fixes them all.
void list_data_issues(AnalysisResult& result) {
    std::vector<Gap> kept;
    for (Gap& gap : result.candidates) {
        if (gap.gap_class == GapClass::data) {
            gap.status = GapStatus::listed;
            result.gaps.push_back(std::move(gap));
        } else {
            kept.push_back(std::move(gap));
        }
    }
    result.candidates = std::move(kept);
}

/// Undershoots are data issues of the main list, unless a straight link of the same end already
/// says so (network pieces a few metres apart).
void add_undershoots(std::vector<Gap> undershoots, const GapParams& p, AnalysisResult& result) {
    std::set<NodeId> short_links;
    std::uint32_t next_id = 1;
    for (const auto* list : {&result.gaps, &result.candidates}) {
        for (const Gap& gap : *list) {
            if (gap.arcs.empty() && gap.length_m < p.data_error_m) short_links.insert({gap.from, gap.to});
            next_id = std::max(next_id, gap.id + 1);
        }
    }
    for (Gap& gap : undershoots) {
        if (short_links.count(gap.from)) continue;
        gap.id = next_id++;
        result.gaps.push_back(std::move(gap));
    }
}

}  // namespace

AnalysisResult run_analysis(const Graph& g, const QpvLayer& qpv, const AnalysisProfile& profile,
                            const StationInputs* stations, const PopulationInputs& population_inputs) {
    AnalysisResult result;
    StepTimer timer{result};

    // The cycle network as the profile defines it.
    const CycleNetwork network{g, profile.network};
    result.network_km = network.km();
    result.network_components = network.components();
    timer.done("network");

    // Population points snapped to the walking network.
    PopulationBuild build = build_population(g, qpv, profile.coverage, population_inputs);
    result.model = build.model;
    result.qpv_residents_known = build.residents_known;
    result.qpv_in_area = build.qpv.size();
    result.population = build.summary;
    result.warnings = std::move(build.warnings);
    if (qpv.size() > 0 && build.qpv.empty()) {
        result.warnings.push_back("no QPV of '" + qpv.path + "' lies in the extract's area: QPV coverage terms are 0");
    }
    const EdgeSnapper foot{g, Mode::foot};
    const PopulationIndex population{g, foot, std::move(build.points), profile.coverage.snap_max_m};
    result.population_points = population.points().size();
    result.population_unsnapped = population.unsnapped();
    report_beyond_reach(population, profile.coverage, result);
    timer.done("population");

    // Gaps (docs/gaps.md): identify, prioritize, decluster, classify; then measure and rank the list.
    std::vector<Gap> candidates = detect_gaps(network, profile.gaps);
    result.candidate_count = candidates.size();
    timer.done("identify");
    const Benefit benefit = compute_benefit(network, candidates, profile.benefit);
    result.benefit_origins = benefit.origins;
    result.benefit_sampled = benefit.sampled;
    timer.done("prioritize");
    GapParams gap_params = profile.gaps;
    gap_params.min_benefit = result.benefit_cut = benefit.cut(profile.gaps);
    // Independent of the candidates, so on threads of their own while the declustering (one core)
    // runs: the sampled trips, timed in the step that waits for them. (Not the undershoot check:
    // its index of every way, beside the declustering's peak, took the sparse region's peak RSS
    // from 2.8 to 3.2 GB.)
    std::future<std::vector<float>> trips = std::async(std::launch::async, [&] {
        return sample_trip_usage(g, population, trip_destinations(g), profile.benefit);
    });
    // The bike-share stations and the QPV indicators need no gap either (only the indicators'
    // top gaps, added once ranked): beside the declustering too, timed where they are waited for.
    struct Side {
        StationAnalysis stations;
        std::vector<IndicatorRow> indicators;
    };
    std::future<Side> side = std::async(std::launch::async, [&] {
        Side out;
        if (stations) {
            out.stations = analyse_stations(network, population, stations->existing, stations->planned, stations->params,
                                            result.qpv_residents_known);
        }
        out.indicators = compute_indicators(network, qpv, result.model, build.qpv, population, profile,
                                            stations ? &out.stations.covered_by_existing : nullptr);
        return out;
    });
    result.candidates = take_easy_junctions(network, candidates, gap_params);
    Declustered declustered = decluster_gaps(network, std::move(candidates), benefit, gap_params);
    result.gaps = std::move(declustered.listed);
    result.overlapping = declustered.overlapping;
    add_undershoots(find_undershoots(network, profile.gaps), profile.gaps, result);
    for (Gap& gap : declustered.others) result.candidates.push_back(std::move(gap));
    classify_gaps(network, result.gaps, profile.gaps);
    classify_gaps(network, result.candidates, profile.gaps);
    list_data_issues(result);
    keep_area_gaps(g, population_inputs.area, profile.area, result);
    const CommuneLocator communes{g};
    for (auto* list : {&result.gaps, &result.candidates}) {
        for (Gap& gap : *list) {
            const std::vector<Coord> line = gap.geometry(g);
            gap.commune = communes.at(line[line.size() / 2]);
        }
    }
    timer.done("decluster_classify");
    const std::vector<float> usage = trips.get();
    timer.done("trips");
    GapSearches searches{g};
    measure_gaps(network, result.gaps, population, usage, profile, searches);
    rank_gaps(result.gaps, profile.ranking);
    timer.done("measure_rank");

    // Bike-share stations: catchments, planned ranked by marginal QPV coverage, suggestions.
    Side side_result = side.get();
    if (stations) {
        result.has_stations = true;
        result.stations = std::move(side_result.stations);
        if (result.stations.outside > 0) {
            result.warnings.push_back(std::to_string(result.stations.outside) + " stations lie farther than " +
                                      std::to_string(static_cast<int>(stations->params.snap_max_m)) +
                                      " m from any way of the extract: outside the area, not analysed");
        }
        timer.done("stations");
    }

    // QPV vs territory.
    result.indicators = std::move(side_result.indicators);
    add_top_gaps(result.indicators, build.qpv, qpv.size(), result.gaps);
    summarize_gaps(g, qpv, population, profile.coverage.walk_m, result);
    timer.done("indicators");
    return result;
}

}  // namespace maillon::analysis
