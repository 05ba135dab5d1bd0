#pragma once
#include "maillon/analysis/analysis.hpp"
#include "maillon/cycle_network.hpp"
#include "population_points.hpp"

namespace maillon::analysis {

/// Rows: the territory, all QPV together, then each QPV of the area (docs/data-dictionary.md).
/// A row counts residents when the model gives every point of it residents: all rows with the
/// grid, the QPV rows with declared QPV populations; otherwise its shares are of the weight.
/// Independent of the gaps (their ranks come after: add_top_gaps), so run beside the declustering.
std::vector<IndicatorRow> compute_indicators(const CycleNetwork& net, const QpvLayer& qpv, PopulationModel model,
                                             const std::vector<QpvInArea>& qpv_in_area,
                                             const PopulationIndex& population, const AnalysisProfile& profile,
                                             const std::vector<std::uint8_t>* covered_by_station);

/// Each row's best five gaps (`gaps` ranked, in rank order); `qpv_count` is the layer's size.
void add_top_gaps(std::vector<IndicatorRow>& rows, const std::vector<QpvInArea>& qpv_in_area, std::size_t qpv_count,
                  const std::vector<Gap>& gaps);

}  // namespace maillon::analysis
