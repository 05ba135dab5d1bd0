#pragma once
// Results as JSON values and CSV text, shared by `maillon analyze` (files) and `maillon serve`
// (HTTP). Every field is documented in docs/data-dictionary.md.

#include "maillon/analysis/analysis.hpp"
#include "maillon/analysis/csv_writer.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace maillon::analysis {

using json = nlohmann::ordered_json;

/// The gaps as a GeoJSON FeatureCollection of LineStrings, in rank order (data issues last).
json gaps_geojson(const Graph& g, const QpvLayer& qpv, const AnalysisResult& r);
/// One gap's properties (the GeoJSON feature's `properties`).
json gap_properties(const Graph& g, const QpvLayer& qpv, const AnalysisResult& r, const Gap& gap);
/// The secondary layer: every candidate not in the main list, with its status (below_benefit,
/// overlaps — and the listed gap it gives way to —, easy_junction).
json candidates_geojson(const Graph& g, const AnalysisResult& r);
/// The same rows as CSV (header line first), for spreadsheets, in the dialect asked (csv_writer.hpp).
std::string gaps_csv(const Graph& g, const QpvLayer& qpv, const AnalysisResult& r, CsvStyle style = CsvStyle::standard);

/// Existing, planned (ranked) and suggested stations as GeoJSON points.
json stations_geojson(const QpvLayer& qpv, const AnalysisResult& r);
/// One station's properties.
json station_properties(const QpvLayer& qpv, const AnalysisResult& r, const StationResult& s);

json indicators_json(const AnalysisResult& r, const AnalysisProfile& p);
/// The summary tables (per commune, per QPV) as JSON rows and as CSV.
json summaries_json(const std::vector<GapSummary>& rows, const AnalysisResult& r);
std::string summaries_csv(const std::vector<GapSummary>& rows, const AnalysisResult& r, CsvStyle style = CsvStyle::standard);
/// Rows of flat JSON objects (the same keys) as CSV, header first.
std::string table_csv(const json& rows, CsvStyle style = CsvStyle::standard);
/// What the shares of the indicators are shares of, in French, for the model (indicators.json `note`).
std::string population_note(PopulationModel m);
std::string indicators_csv(const AnalysisResult& r, CsvStyle style = CsvStyle::standard);

/// The profile as JSON (all values, defaults included) and back.
json profile_to_json(const AnalysisProfile& p);
/// @throws argument_error naming the unknown key or the bad value.
AnalysisProfile profile_from_json(const json& j);

}  // namespace maillon::analysis
