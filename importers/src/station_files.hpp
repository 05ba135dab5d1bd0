#pragma once
// Opening the station files: the shared input-file and JSON helpers (input_file.hpp) with the stations' wording
// and fixes, and the recognition of files that are not what the reader expects.

#include <string>

#include "input_file.hpp"
#include "station_checks.hpp"

namespace maillon::stations {

/// The whole file, UTF-8 byte-order mark removed. Throws input_error (not found, directory, unreadable).
std::string read_station_file(Kind k, const std::string& path);

/// JSON text; throws input_error for empty text and syntax errors, with a hint of what the text is instead.
input::json parse_station_json(Kind k, const std::string& path, const std::string& text, const char* expected);

/// What a file that is not text probably is, from its first bytes ("" if nothing is recognised): UTF-16 text, a
/// zip archive or an Office workbook, an old .xls, a GeoPackage, a shapefile, binary data.
std::string binary_kind(const std::string& text);

}  // namespace maillon::stations
