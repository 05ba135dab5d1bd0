#pragma once
// JSON from files we did not write (QPV layers, GBFS feeds, planned stations, profiles, run.json):
// nlohmann's parser with a bound on nesting. The parser itself is iterative, but walking or
// printing a value recurses (dump(), copies, the readers' own descent), so a file of 100,000
// nested arrays overflowed the stack. No input of ours nests deeper than ~10 levels (a GeoJSON
// MultiPolygon in a FeatureCollection is 8).

#include <nlohmann/json.hpp>

#include <iosfwd>
#include <string>

namespace maillon::importers {

constexpr int max_json_depth = 64;

/// json::parse(text), refusing more than max_json_depth nested arrays/objects.
/// @throws input_error "<what> nests arrays or objects more than 64 levels deep…" or "<what> is
///         not valid JSON: number overflow…" (what names the file, e.g. "QPV layer 'x.geojson'");
///         nlohmann::json::parse_error for bad syntax, as json::parse does.
nlohmann::ordered_json parse_json_bounded(const std::string& text, const std::string& what);
nlohmann::ordered_json parse_json_bounded(std::istream& in, const std::string& what);

}  // namespace maillon::importers
