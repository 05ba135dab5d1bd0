#pragma once
// results.gpkg (docs/data-dictionary.md): the analysis as one GeoPackage for QGIS, written with
// GDAL/OGR's C API. Layers: gaps, candidates, network (the cycle network by facility as the server's
// network layer has it, consecutive edges of a way with the same attributes merged), stations (when analysed), qpv (with their indicator fields); French
// field aliases (gpkg_data_columns) and a default QGIS style per layer in the `layer_styles` table
// QGIS reads (gaps by rank and network by facility in the web map's colours).

#include "maillon/analysis/analysis.hpp"
#include "maillon/analysis/results_json.hpp"
#include "maillon/analysis_profile.hpp"
#include "maillon/graph.hpp"
#include "maillon/importers/qpv.hpp"

#include <memory>
#include <string>

namespace maillon::outputs {

/// The analysis' GeoJSON collections when the caller has them already (analyze writes them as
/// files too, and a region's candidates take seconds to build): read only, so the GeoPackage can
/// be written on a thread of its own while the caller writes the other files.
struct BuiltCollections {
    const analysis::json* gaps = nullptr;        // analysis::gaps_geojson
    const analysis::json* candidates = nullptr;  // analysis::candidates_geojson
};

/// The GeoPackage in two calls, so that its largest layer is written while the analysis runs: the
/// constructor creates the file and writes the network layer (the graph's cycle network, which
/// needs nothing of the analysis: half of the file's time on a region), finish() the analysis'
/// layers and the styles, and commits. GDAL's error state is per thread: both calls on one thread.
/// Destroyed unfinished, it closes the file uncommitted (the caller removes its directory).
class GeoPackageWriter {
public:
    /// @throws input_error naming the file and GDAL's message.
    GeoPackageWriter(const std::string& path, const Graph& g, const AnalysisProfile& profile);
    ~GeoPackageWriter();
    GeoPackageWriter(const GeoPackageWriter&) = delete;
    GeoPackageWriter& operator=(const GeoPackageWriter&) = delete;

    /// The analysis of the constructor's graph. @throws input_error naming the file and GDAL's message.
    void finish(const QpvLayer& qpv, const analysis::AnalysisResult& r, const AnalysisProfile& profile,
                const BuiltCollections& built = {});

private:
    struct Open;
    std::unique_ptr<Open> m;
};

/// Writes the GeoPackage at `path` in one go (which must not exist; the caller writes it in its
/// temporary output directory). @throws input_error naming the file and GDAL's message.
void write_geopackage(const std::string& path, const Graph& g, const QpvLayer& qpv, const analysis::AnalysisResult& r,
                      const AnalysisProfile& profile, const BuiltCollections& built = {});

}  // namespace maillon::outputs
