// The analysis profile as JSON: one table of every numeric parameter, used both ways so that
// reading and writing cannot diverge. Unknown keys are refused (a typo must not silently fall
// back on a default).

#include "maillon/analysis/results_json.hpp"
#include "maillon/errors.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace maillon::analysis {
namespace {

struct Param {
    const char* section;
    const char* key;
    std::function<double&(AnalysisProfile&)> ref;  // for doubles
    double min;
    double max;
};

std::vector<Param> params() {
    const auto d = [](auto member_group, auto member) {
        return [=](AnalysisProfile& p) -> double& { return (p.*member_group).*member; };
    };
    return {
        {"gaps", "max_gap_m", d(&AnalysisProfile::gaps, &GapParams::max_gap_m), 10, 10000},
        {"gaps", "detour_factor", d(&AnalysisProfile::gaps, &GapParams::detour_factor), 1.01, 10},
        {"gaps", "min_detour_m", d(&AnalysisProfile::gaps, &GapParams::min_detour_m), 0, 5000},
        {"gaps", "close_far_straight_m", d(&AnalysisProfile::gaps, &GapParams::close_far_straight_m), 5, 1000},
        {"gaps", "close_far_network_m", d(&AnalysisProfile::gaps, &GapParams::close_far_network_m), 100, 20000},
        {"gaps", "min_benefit_share", d(&AnalysisProfile::gaps, &GapParams::min_benefit_share), 0.001, 1},
        {"gaps", "min_benefit", d(&AnalysisProfile::gaps, &GapParams::min_benefit), 0, 1e9},
        {"gaps", "decluster_m", d(&AnalysisProfile::gaps, &GapParams::decluster_m), 0, 500},
        {"gaps", "data_error_m", d(&AnalysisProfile::gaps, &GapParams::data_error_m), 0, 100},
        {"gaps", "untagged_track_angle_deg", d(&AnalysisProfile::gaps, &GapParams::untagged_track_angle_deg), 0, 90},
        {"gaps", "junction_m", d(&AnalysisProfile::gaps, &GapParams::junction_m), 0, 100},
        {"coverage", "walk_m", d(&AnalysisProfile::coverage, &CoverageParams::walk_m), 50, 2000},
        // The area model's points grow as 1/spacing²: 10 m is 6× the default 25 m's count.
        {"coverage", "point_spacing_m", d(&AnalysisProfile::coverage, &CoverageParams::point_spacing_m), 10, 500},
        {"coverage", "snap_max_m", d(&AnalysisProfile::coverage, &CoverageParams::snap_max_m), 10, 1000},
        {"coverage", "spread_step_m", d(&AnalysisProfile::coverage, &CoverageParams::spread_step_m), 1, 500},
        {"coverage", "max_points", d(&AnalysisProfile::coverage, &CoverageParams::max_points), 1000, 1e8},
        {"coverage", "max_beyond_reach_share", d(&AnalysisProfile::coverage, &CoverageParams::max_beyond_reach_share), 0, 1},
        {"benefit", "trip_radius_m", d(&AnalysisProfile::benefit, &BenefitParams::trip_radius_m), 200, 10000},
        {"benefit", "betweenness_budget_mnodes", d(&AnalysisProfile::benefit, &BenefitParams::betweenness_budget_mnodes), 1, 100000},
        {"area", "buffer_m", d(&AnalysisProfile::area, &AreaParams::buffer_m), 0, 20000},
        {"area", "edge_m", d(&AnalysisProfile::area, &AreaParams::edge_m), 0, 5000},
        {"area", "qpv_partial_share", d(&AnalysisProfile::area, &AreaParams::qpv_partial_share), 0, 1},
        {"ranking", "w_qpv", d(&AnalysisProfile::ranking, &RankingParams::w_qpv), 0, 1000},
        {"ranking", "w_benefit", d(&AnalysisProfile::ranking, &RankingParams::w_benefit), 0, 1000},
        {"ranking", "w_trips", d(&AnalysisProfile::ranking, &RankingParams::w_trips), 0, 1000},
        {"ranking", "w_detour", d(&AnalysisProfile::ranking, &RankingParams::w_detour), 0, 1000},
        {"ranking", "w_network", d(&AnalysisProfile::ranking, &RankingParams::w_network), 0, 1000},
        {"ranking", "cost_length_ref_m", d(&AnalysisProfile::ranking, &RankingParams::cost_length_ref_m), 1, 10000},
        {"ranking", "cost_exponent", d(&AnalysisProfile::ranking, &RankingParams::cost_exponent), 0, 3},
        {"ranking", "factor_street", d(&AnalysisProfile::ranking, &RankingParams::factor_street), 0.01, 100},
        {"ranking", "factor_crossing", d(&AnalysisProfile::ranking, &RankingParams::factor_crossing), 0.01, 100},
        {"ranking", "factor_contraflow", d(&AnalysisProfile::ranking, &RankingParams::factor_contraflow), 0.01, 100},
        {"ranking", "factor_roundabout", d(&AnalysisProfile::ranking, &RankingParams::factor_roundabout), 0.01, 100},
        {"ranking", "factor_bridge", d(&AnalysisProfile::ranking, &RankingParams::factor_bridge), 0.01, 100},
    };
}

/// Trips sampled (benefit.origins) at the default 2.5 km radius: 50× the default 2000, about 7 s
/// of searches on an Île-de-France-sized graph (15,000 a second, docs/performance.md), where the
/// sampling error is long negligible. A typo such as 10 M would search for a quarter of an hour.
constexpr double max_origins = 100000;

std::string whole(double x) { return std::to_string(static_cast<unsigned long long>(std::llround(x))); }

[[noreturn]] void bad(const std::string& what) { throw argument_error{"profile: " + what}; }

}  // namespace

json profile_to_json(const AnalysisProfile& p_in) {
    AnalysisProfile p = p_in;
    json j;
    json facilities = json::array();
    for (int f = 0; f < facility_count; ++f) {
        if (p.network.facilities[static_cast<std::size_t>(f)]) facilities.push_back(key(static_cast<Facility>(f)));
    }
    j["network"]["facilities"] = facilities;
    j["network"]["low_stress_streets_max_lts"] = p.network.low_stress_streets_max_lts;
    for (const Param& x : params()) j[x.section][x.key] = x.ref(p);
    j["benefit"]["origins"] = p.benefit.origins;
    j["benefit"]["seed"] = p.benefit.seed;
    return j;
}

AnalysisProfile profile_from_json(const json& j) {
    AnalysisProfile p;
    if (!j.is_object()) bad("the profile must be a JSON object with sections network, gaps, coverage, benefit, ranking");
    const auto list = params();
    for (const auto& [section, values] : j.items()) {
        if (!values.is_object()) bad("section '" + section + "' must be an object");
        for (const auto& [k, v] : values.items()) {
            const std::string name = section + "." + k;
            if (name == "network.facilities") {
                if (!v.is_array()) bad("network.facilities must be a list of facility keys (e.g. \"piste\", \"bande\")");
                p.network.facilities.fill(false);
                for (const auto& f : v) {
                    const auto fac = f.is_string() ? facility_from_key(f.get<std::string>()) : std::nullopt;
                    if (!fac || *fac == Facility::aucun) bad("unknown facility " + f.dump() + " in network.facilities");
                    p.network.facilities[static_cast<std::size_t>(*fac)] = true;
                }
                continue;
            }
            if (!v.is_number()) bad(name + " must be a number, not " + v.dump());
            const double x = v.get<double>();
            if (name == "network.low_stress_streets_max_lts") {
                if (x != 0 && x != 1 && x != 2) bad("network.low_stress_streets_max_lts must be 0, 1 or 2");
                p.network.low_stress_streets_max_lts = static_cast<std::uint8_t>(x);
                continue;
            }
            if (name == "benefit.origins" || name == "benefit.seed") {
                const bool origins = name == "benefit.origins";
                const double max = origins ? max_origins : 4294967295.0;
                if (!(x >= 0 && x <= max) || x != std::floor(x)) bad(name + " must be a whole number from 0 to " + whole(max) + ", not " + v.dump());
                (origins ? p.benefit.origins : p.benefit.seed) = static_cast<std::uint32_t>(x);
                continue;
            }
            // Named copies: C++17 lambdas cannot capture structured bindings (clang refuses).
            const std::string& sec = section;
            const std::string& key_name = k;
            const auto it = std::find_if(list.begin(), list.end(), [&](const Param& q) { return sec == q.section && key_name == q.key; });
            if (it == list.end()) bad("unknown parameter '" + name + "' (see docs/ranking.md for the list)");
            if (x < it->min || x > it->max) {
                bad(name + " = " + v.dump() + " is out of range [" + json(it->min).dump() + ", " + json(it->max).dump() + "]");
            }
            it->ref(p) = x;
        }
    }
    // Each origin is a search over a disc of trip_radius_m: the work grows with origins × radius².
    const double work = p.benefit.origins * std::pow(p.benefit.trip_radius_m / 2500.0, 2);
    if (work > max_origins) {
        bad("benefit.origins × (benefit.trip_radius_m / 2500 m)² = " + whole(work) + " is over " + whole(max_origins) +
            " (50 times the default work): sample fewer origins for longer trips");
    }
    return p;
}

}  // namespace maillon::analysis
