// Ranking of the listed gaps (docs/ranking.md): a weighted sum of normalised benefit terms, QPV
// residents served first, optionally divided by a cost. Every term is a property of the output so
// that a planner can re-weight in a spreadsheet.

#include "maillon/gaps.hpp"

#include <algorithm>
#include <cmath>

namespace maillon {
namespace {

double cost_factor(const RankingParams& p, GapClass c) {
    switch (info(c).cost) {
        case CostFactor::street: return p.factor_street;
        case CostFactor::crossing: return p.factor_crossing;
        case CostFactor::contraflow: return p.factor_contraflow;
        case CostFactor::roundabout: return p.factor_roundabout;
        case CostFactor::bridge: return p.factor_bridge;
        case CostFactor::none: break;
    }
    return 1.0;
}

}  // namespace

void rank_gaps(std::vector<Gap>& gaps, const RankingParams& p) {
    // QPV coverage in residents when every gap knows them (a population source was given), else
    // in the population model's proxy.
    const bool residents = std::all_of(gaps.begin(), gaps.end(), [](const Gap& g) { return !std::isnan(g.qpv_residents); });
    const auto qpv_value = [&](const Gap& g) { return residents ? g.qpv_residents : g.qpv_weight; };
    double max_qpv = 0, max_benefit = 0, max_trips = 0, max_detour = 0, max_network = 0;
    for (const Gap& gap : gaps) {
        if (!gap.is_listed_project()) continue;
        max_qpv = std::max(max_qpv, qpv_value(gap));
        max_benefit = std::max(max_benefit, gap.benefit);
        max_trips = std::max(max_trips, gap.trips);
        max_detour = std::max(max_detour, gap.detour_removed_m);
        max_network = std::max(max_network, gap.network_km_joined);
    }
    const auto norm = [](double v, double max) { return max > 0 ? std::min(1.0, v / max) : 0.0; };
    for (Gap& gap : gaps) {
        gap.qpv_term = norm(qpv_value(gap), max_qpv);
        gap.benefit_term = norm(gap.benefit, max_benefit);
        gap.trips_term = norm(gap.trips, max_trips);
        gap.detour_term = norm(gap.detour_removed_m, max_detour);
        gap.network_term = norm(gap.network_km_joined, max_network);
        gap.cost = std::max(gap.length_m, 20.0) / p.cost_length_ref_m * cost_factor(p, gap.gap_class);
        const double value = p.w_qpv * gap.qpv_term + p.w_benefit * gap.benefit_term + p.w_trips * gap.trips_term +
                             p.w_detour * gap.detour_term + p.w_network * gap.network_term;
        gap.score = p.cost_exponent > 0 ? value / std::pow(gap.cost, p.cost_exponent) : value;
    }
    // Listed projects first by score (ties: higher benefit, then longer — a project rather than a
    // crumb —, then by node for a stable order); data issues and candidates after them, unranked.
    std::stable_sort(gaps.begin(), gaps.end(), [](const Gap& a, const Gap& b) {
        const bool pa = a.is_listed_project(), pb = b.is_listed_project();
        if (pa != pb) return pa;
        if (a.score != b.score) return a.score > b.score;
        if (a.benefit != b.benefit) return a.benefit > b.benefit;
        if (a.length_m != b.length_m) return a.length_m > b.length_m;
        return std::make_pair(a.from, a.to) < std::make_pair(b.from, b.to);
    });
    std::uint32_t rank = 0;
    for (Gap& gap : gaps) gap.rank = gap.is_listed_project() ? ++rank : 0;
}

}  // namespace maillon
