#pragma once
// Every parameter of `maillon analyze`, with its default. A profile JSON file overrides any of
// them (analysis/src/profile_json.cpp); run.json records the values used. Documented in
// docs/ranking.md and docs/gaps.md.

#include "maillon/attributes.hpp"

#include <array>
#include <cstdint>

namespace maillon {

struct NetworkParams {
    /// Facilities that make an edge part of the cycle network. By default every facility of the
    /// schema except DOUBLE SENS CYCLABLE NON MATERIALISE (a contraflow right, not a built facility)
    /// and AUTRE.
    std::array<bool, facility_count> facilities = [] {
        std::array<bool, facility_count> f{};
        f.fill(true);
        f[static_cast<std::size_t>(Facility::aucun)] = false;
        f[static_cast<std::size_t>(Facility::dsc_non_materialise)] = false;
        f[static_cast<std::size_t>(Facility::autre)] = false;
        return f;
    }();
    /// Also count streets whose stress is at most this level (1 or 2) as network; 0: facilities only.
    std::uint8_t low_stress_streets_max_lts = 0;
};

struct GapParams {
    // Identify (docs/gaps.md).
    double max_gap_m = 2000;         // longest off-network stretch a candidate may follow (the study has no bound)
    double detour_factor = 1.5;      // a candidate when the network joins its ends only this much longer (or not at all)…
    double min_detour_m = 0;         // …and at least this many metres longer (0: the study's rule alone)
    double close_far_straight_m = 100;  // close-but-far: this close in a straight line…
    double close_far_network_m = 1000;  // …and at least this far along the network, with no way between
    // Decluster.
    /// The main list: benefit (mean edge betweenness) at least what the busiest min_benefit_share
    /// of the street network reaches (by length) — the study's Copenhagen cut, 15.2 % —, or at
    /// least min_benefit when that is set (> 0, in pairs of intersections). docs/gaps.md.
    double min_benefit_share = 0.15;
    double min_benefit = 0;
    double decluster_m = 25;         // a candidate whose two ends lie this close to a listed gap's ends is that gap
    // Classify.
    double data_error_m = 10;        // straight links shorter than this are mapping errors (network pieces apart)
    double untagged_track_angle_deg = 25;  // a car-free way continuing the network this straight at both ends: untagged track
    /// Off-network stretches shorter than this are interruptions at a junction: listed (class
    /// crossing) when the road crossed or ridden is stressful (LTS >= 3), else easy_junction.
    double junction_m = 15;
};

struct CoverageParams {
    double walk_m = 300;           // the observatory's 300 m, along the walking network
    double point_spacing_m = 25;   // grid spacing of the area population model
    double snap_max_m = 150;       // farther from any walkable way: not reachable on foot
    double spread_step_m = 25;     // residents spread along ways: one point per piece of at most this
    double max_points = 10e6;      // more population points are refused (a layer or grid far too big)
    double max_beyond_reach_share = 0.10;  // warn when more of the population is beyond walking reach
};

struct BenefitParams {
    double trip_radius_m = 2500;   // trips and betweenness paths are at most this long (Vybornova et al.)
    std::uint32_t origins = 2000;  // trips: origins sampled (weighted by population)
    std::uint32_t seed = 42;       // sampling is deterministic for a given seed
    /// Betweenness: node settlements allowed (millions). Below it every intersection is an origin
    /// (the study's exact figure); above, an even spatial sample of origins, scaled up.
    double betweenness_budget_mnodes = 100;
};

struct RankingParams {
    double w_qpv = 3.0;            // weight of QPV coverage (normalised 0..1)
    double w_benefit = 1.0;        // weight of the betweenness benefit (normalised)
    double w_trips = 0.5;          // weight of sampled trips using the gap (normalised)
    double w_detour = 0.3;         // weight of the detour removed (normalised)
    double w_network = 0.2;        // weight of the cycle network joined (normalised)
    double cost_length_ref_m = 100;  // cost = max(length, 20 m) / this × class factor
    double cost_exponent = 0;      // score divided by cost^exponent (0: cost shown, not ranked on: no crumbs first)
    // Class cost factors: how expensive closing a gap of each class tends to be.
    double factor_street = 1.0, factor_crossing = 0.5, factor_contraflow = 0.3, factor_roundabout = 2.0,
           factor_bridge = 5.0;
};

/// The study area (docs/area.md).
struct AreaParams {
    /// The extract should reach this far beyond the study area (--area), so that the searches of
    /// gaps near its boundary are not cut: a warning says where it does not.
    double buffer_m = 2000;
    /// Gaps within this distance of the extract's own edge are flagged `edge` and left out of the
    /// ranking: their detour and benefit are cut short by the missing network beyond.
    double edge_m = 50;
    /// A QPV with less than this share of its polygon inside the area (and the extract) is partial:
    /// its shares are shown but not compared with the territory.
    double qpv_partial_share = 0.95;
};

struct AnalysisProfile {
    NetworkParams network;
    GapParams gaps;
    CoverageParams coverage;
    BenefitParams benefit;
    RankingParams ranking;
    AreaParams area;
};

}  // namespace maillon
