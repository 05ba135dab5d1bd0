#pragma once
#include "maillon/analysis_profile.hpp"
#include "maillon/graph.hpp"
#include "maillon/importers/qpv.hpp"
#include "maillon/population.hpp"

#include <string>
#include <vector>

namespace maillon::analysis {

struct PopulationBuild {
    PopulationModel model = PopulationModel::area;
    std::vector<PopulationPoint> points;
    std::vector<std::size_t> qpv_in_area;  // indices of the QPV that intersect the graph's extent
    bool residents_known = false;          // every such QPV has a population
    std::vector<std::string> warnings;
};

/// The population points of docs/population.md for the graph's territory and the QPV in it.
PopulationBuild build_population(const Graph& g, const QpvLayer& qpv, const CoverageParams& p);

}  // namespace maillon::analysis
