#pragma once
// Every parameter of `maillon analyze`, with its default. A profile JSON file overrides any of
// them (importers/profile_json); run.json records the values used. Documented in
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
    double max_gap_m = 600;          // longest off-network stretch a gap may bridge
    double detour_factor = 1.5;      // a gap when the network route is this much longer (or missing)…
    double min_detour_m = 50;        // …and at least this many metres longer: not a junction-scale detour
    double close_far_straight_m = 100;  // close-but-far: this close in a straight line…
    double close_far_network_m = 1000;  // …and at least this far along the network
    double decluster_m = 100;        // endpoints this close merge candidates into one project
    double data_error_m = 10;        // straight links shorter than this are likely mapping errors
    /// Off-network stretches shorter than this are where a facility stops at a junction, the
    /// normal French design (a bande interrupted across an intersection): not reported, unless
    /// they cross a stressful road (a node of crossing LTS >= 3).
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
    double trip_radius_m = 2500;   // sampled trips are at most this long (Vybornova et al.)
    std::uint32_t origins = 2000;  // origins sampled (weighted by population)
    std::uint32_t seed = 42;       // sampling is deterministic for a given seed
};

struct RankingParams {
    double w_qpv = 3.0;            // weight of QPV coverage (normalised 0..1)
    double w_trips = 0.5;          // weight of sampled trips using the gap (normalised)
    double w_detour = 0.3;         // weight of the detour removed (normalised)
    double w_network = 0.2;        // weight of the cycle network joined (normalised)
    double cost_length_ref_m = 100;  // cost = max(length, 20 m) / this × class factor
    double cost_exponent = 0.5;    // score divided by cost^exponent
    // Class cost factors: how expensive closing a gap of each class tends to be.
    double factor_street = 1.0, factor_crossing = 0.5, factor_contraflow = 0.3, factor_roundabout = 2.0,
           factor_bridge = 5.0;
};

struct AnalysisProfile {
    NetworkParams network;
    GapParams gaps;
    CoverageParams coverage;
    BenefitParams benefit;
    RankingParams ranking;
};

}  // namespace maillon
