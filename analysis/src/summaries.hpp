#pragma once
// Summary tables of the listed projects per commune and per QPV (issue 13): how many, metres to
// build by class, and the residents they serve together (each resident counted once, however many
// of the projects reach them: one walking search from all of them).

#include "maillon/analysis/analysis.hpp"

namespace maillon::analysis {

/// Fills result.commune_summary and result.qpv_summary from result.gaps (ranked projects only).
void summarize_gaps(const Graph& g, const QpvLayer& qpv, const PopulationIndex& population, double walk_m,
                    AnalysisResult& result);

/// The commune a gap is reported in: the OSM commune at its middle, else the commune of the first
/// QPV it serves, else "". `source` is "osm", "qpv" or "".
struct GapCommune {
    std::string name, insee, source;
};
GapCommune gap_commune(const Graph& g, const QpvLayer& qpv, const Gap& gap);

}  // namespace maillon::analysis
