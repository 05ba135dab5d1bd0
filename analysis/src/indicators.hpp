#pragma once
#include "maillon/analysis/analysis.hpp"
#include "maillon/cycle_network.hpp"

namespace maillon::analysis {

/// Rows: the territory, all QPV together, then each QPV of the area (docs/data-dictionary.md).
std::vector<IndicatorRow> compute_indicators(const CycleNetwork& net, const QpvLayer& qpv,
                                             const std::vector<std::size_t>& qpv_in_area,
                                             const PopulationIndex& population, const std::vector<Gap>& gaps,
                                             const AnalysisProfile& profile,
                                             const std::vector<std::uint8_t>* covered_by_station);

}  // namespace maillon::analysis
