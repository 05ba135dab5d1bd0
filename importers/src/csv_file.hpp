#pragma once
// Streaming reader of delimited text tables (CSV with ',' ';' or tab), plain or gzip-compressed
// (zlib's gzread reads both), parsed by libcsv (Debian libcsv-dev): quoted fields, doubled
// quotes and line breaks inside quotes as RFC 4180 says. The delimiter is the one the first line
// uses most (outside quotes). Used by the population readers (population_grid.cpp,
// qpv_population.cpp); they know what the columns mean, this only splits records.

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace maillon::csv {

/// One record: its number (1 = the header line) and its fields, trimmed of spaces and of a UTF-8
/// byte-order mark on the first field.
struct Record {
    std::size_t number = 0;
    const std::vector<std::string>* fields = nullptr;
};

/// Reads `path` record by record, calling `on_record` for each non-blank one (the header first);
/// `on_record` returns false to stop early. `what` names the file in messages ("population grid
/// 'x.csv'"). Returns the delimiter found.
/// @throws input_error when the file cannot be opened or read (with the system's reason), is a
///         zip archive, a GeoPackage, a shapefile, an Excel workbook or an HTML page (saying how to
///         convert it), or has no delimiter on its first line.
char read(const std::string& path, const std::string& what, const std::function<bool(const Record&)>& on_record);

/// A number as a table holds it: "1087.5", "1087,5" (decimal comma), "12 345" (grouping spaces,
/// also U+00A0 and U+202F). False for anything else, empty included.
bool parse_number(const std::string& text, double& value);

/// The first of `candidates` (lower case) equal to a header field, ignoring case; -1 if none.
long find_column(const std::vector<std::string>& header, const std::vector<std::string>& candidates);

}  // namespace maillon::csv
