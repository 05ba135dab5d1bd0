#include "maillon/analysis/analysis.hpp"

#include "indicators.hpp"
#include "population_points.hpp"
#include "maillon/spatial_index.hpp"

#include <algorithm>
#include <chrono>
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

/// Destinations of sampled trips: places of interest when the graph has them (none yet: trips
/// then run between homes, see sample_trip_usage).
std::vector<NodeId> trip_destinations(const Graph&) { return {}; }

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
                            const StationInputs* stations) {
    AnalysisResult result;
    StepTimer timer{result};

    // The cycle network as the profile defines it.
    const CycleNetwork network{g, profile.network};
    result.network_km = network.km();
    result.network_components = network.components();
    timer.done("network");

    // Population points snapped to the walking network.
    PopulationBuild build = build_population(g, qpv, profile.coverage);
    result.model = build.model;
    result.qpv_residents_known = build.residents_known;
    result.qpv_in_area = build.qpv_in_area.size();
    result.warnings = std::move(build.warnings);
    if (qpv.size() > 0 && build.qpv_in_area.empty()) {
        result.warnings.push_back("no QPV of '" + qpv.path + "' lies in the extract's area: QPV coverage terms are 0");
    }
    const EdgeSnapper foot{g, Mode::foot};
    const PopulationIndex population{g, foot, std::move(build.points), profile.coverage.snap_max_m};
    result.population_points = population.points().size();
    result.population_unsnapped = population.unsnapped();
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
    result.candidates = take_easy_junctions(network, candidates, gap_params);
    Declustered declustered = decluster_gaps(network, std::move(candidates), benefit, gap_params);
    result.gaps = std::move(declustered.listed);
    result.overlapping = declustered.overlapping;
    add_undershoots(find_undershoots(network, profile.gaps), profile.gaps, result);
    for (Gap& gap : declustered.others) result.candidates.push_back(std::move(gap));
    classify_gaps(network, result.gaps, profile.gaps);
    classify_gaps(network, result.candidates, profile.gaps);
    list_data_issues(result);
    timer.done("decluster_classify");
    const std::vector<float> usage = sample_trip_usage(g, population, trip_destinations(g), profile.benefit);
    timer.done("trips");
    GapSearches searches{g};
    measure_gaps(network, result.gaps, population, usage, profile, searches);
    rank_gaps(result.gaps, profile.ranking);
    timer.done("measure_rank");

    // Bike-share stations: catchments, planned ranked by marginal QPV coverage, suggestions.
    if (stations) {
        result.has_stations = true;
        result.stations = analyse_stations(network, population, stations->existing, stations->planned, stations->params,
                                           result.qpv_residents_known);
        if (result.stations.outside > 0) {
            result.warnings.push_back(std::to_string(result.stations.outside) + " stations lie farther than " +
                                      std::to_string(static_cast<int>(stations->params.snap_max_m)) +
                                      " m from any way of the extract: outside the area, not analysed");
        }
        timer.done("stations");
    }

    // QPV vs territory.
    result.indicators = compute_indicators(network, qpv, build.qpv_in_area, population, result.gaps, profile,
                                           stations ? &result.stations.covered_by_existing : nullptr);
    timer.done("indicators");
    return result;
}

}  // namespace maillon::analysis
