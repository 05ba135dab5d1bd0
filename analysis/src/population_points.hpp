#pragma once
// The population step (docs/population.md): from the population sources to weighted points,
// before they are snapped to the walking network.
//   population_points.cpp     the QPV of the area, the model chosen, the area model's points
//   population_residents.cpp  the grid and QPV-population models (residents spread, QPV membership)

#include "maillon/analysis/analysis.hpp"
#include "maillon/analysis_profile.hpp"
#include "maillon/graph.hpp"
#include "maillon/importers/qpv.hpp"
#include "maillon/population.hpp"

#include <string>
#include <vector>

namespace maillon::analysis {

/// The QPV that intersect the extract's box, with what the residents models need of each.
struct QpvInArea {
    std::size_t index;                  // in the layer
    double covered_share = 1;           // of its area inside the frame (the extract's reach)
    double area_in_extract_ha = 0;
    double declared = std::numeric_limits<double>::quiet_NaN();  // residents: table, else layer field
    GeomPtr clipped;                    // its part inside the frame (null when wholly inside)
};

struct PopulationBuild {
    /// Where residents are placed: the graph's box grown by coverage.snap_max_m, the farthest a
    /// point can lie from the extract's ways and still reach one (docs/population.md, "Reach").
    BBox frame;
    BBox core;  // the graph's own box (Graph::bbox() walks every coordinate: taken once)
    PopulationModel model = PopulationModel::area;
    std::vector<PopulationPoint> points;
    std::vector<QpvInArea> qpv;            // the QPV of the area, in layer order
    bool residents_known = false;          // the points inside every such QPV carry residents
    PopulationSummary summary;
    std::vector<std::string> warnings;
};

/// The frame: a box (the graph's) grown by margin_m on every side.
BBox reach_of(const BBox& box, double margin_m);
/// "lon 2.3495–2.3827, lat 48.8563–48.8713", for messages.
std::string box_text(const BBox& b);

/// The population points for the graph's territory and the QPV in it.
/// @throws input_error when more than coverage.max_points points would be needed.
PopulationBuild build_population(const Graph& g, const QpvLayer& qpv, const CoverageParams& p,
                                 const PopulationInputs& inputs);

// --- shared by the two files ---

/// Residents of the grid's cells spread over the frame, QPV membership by containment. False
/// (and a warning) when no cell reaches into it: the caller keeps the area model.
bool grid_population(const Graph& g, const QpvLayer& qpv, const PopulationGrid& grid, const CoverageParams& p,
                     PopulationBuild& out);
/// Residents of each QPV with a declared population spread inside it (its part in the frame).
/// Returns, per entry of out.qpv, whether it got its points.
std::vector<bool> qpv_population(const Graph& g, const QpvLayer& qpv, const CoverageParams& p, PopulationBuild& out);

}  // namespace maillon::analysis
