#pragma once
// Field detection for station lists: the names tried for each role of a planned station (id, name, capacity,
// lat, lon, or one "lat, lon" column), and the readers of the values a person or a spreadsheet writes ("48,85",
// " 2.35 ", "24.0"). Shared by the GBFS and the planned-station readers; the tables are documented in
// docs/stations-input.md ("Field detection"): keep the two in sync.

#include <optional>
#include <string>
#include <vector>

#include "input_file.hpp"

namespace maillon::stations {

using input::json;  // ordered: fields are listed as the file has them

// --- the names tried, in order, case-insensitively -------------------------------------------------------------

const std::vector<std::string>& id_candidates();
const std::vector<std::string>& name_candidates();
const std::vector<std::string>& capacity_candidates();
const std::vector<std::string>& lat_candidates();
const std::vector<std::string>& lon_candidates();
/// Opendatasoft exports (opendata.paris.fr): one column holding "lat, lon".
const std::vector<std::string>& latlon_candidates();

/// Index in `names` of the first candidate present (trimmed, case-insensitively), or -1.
long find_field(const std::vector<std::string>& names, const std::vector<std::string>& candidates);

/// "a header such as id,name,lat,lon,capacity (see docs/stations-input.md)": what messages say is expected.
extern const char* const planned_example;

// --- values ---------------------------------------------------------------------------------------------------

/// A decimal number written by a person or a spreadsheet: "48.85", "48,85" (decimal comma), " 2.35 ".
std::optional<double> parse_decimal(const std::string& raw);

/// A capacity: a whole number >= 0 (20, 20.0, "20"). nullopt with `problem` set to `raw` when unusable.
std::optional<int> capacity_of(const std::optional<double>& value, const std::string& raw, std::string& problem);

/// A JSON value as text (input_file.hpp).
using input::text_of;

/// A JSON value as a number: a number, or a numeric string.
std::optional<double> number_of(const json& v);

}  // namespace maillon::stations
