#pragma once
// INSEE's gridded population (Filosofi, "données carroyées", 200 m cells) as INSEE publishes it:
// a CSV table (',' or ';', plain or gzip) with one row per inhabited cell, the cell id in
// `idcar_200m` (2015/2017: `IdINSPIRE`, `Idcar_200m`; case-insensitive) of the form
// `CRS3035RES200mN{N}E{E}` — the cell's lower-left corner in ETRS89-LAEA (EPSG:3035), metres —
// and the population in `ind` (`Ind`). GeoPackage and shapefile copies are converted to this CSV by
// data-scripts/fetch-population.sh. docs/population.md describes the format and the checks.
//
// The corners are projected to WGS84 with PROJ (Debian libproj-dev): the engine never sees
// EPSG:3035, only cells in longitude/latitude (maillon::PopulatedCell).

#include "maillon/geo.hpp"
#include "maillon/population_spread.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace maillon {

/// A parsed INSEE/INSPIRE cell id: CRS3035RES{size}mN{north}E{east}.
struct GridCellId {
    std::int64_t north = 0;  // lower-left corner, EPSG:3035 metres
    std::int64_t east = 0;
    std::int32_t size_m = 0;  // 200 for the 200 m grid
};
/// Parses an id such as "CRS3035RES200mN2888400E3763200" (letters in any case); nothing when the
/// text is not of that form (other CRS, missing parts, trailing characters, a zero size).
std::optional<GridCellId> parse_grid_cell_id(std::string_view id);

struct GridCell {
    GridCellId id;
    double residents = 0;  // `ind`: may be fractional (INSEE's values are)
};

struct PopulationGrid {
    std::string path;
    std::string id_field;          // as spelled in the file
    std::string population_field;
    std::vector<GridCell> cells;   // in file order
    double residents = 0;          // sum over the cells
    std::vector<std::string> warnings;
};

/// Reads the grid. Throws input_error naming the file (and the row) when it cannot be read, is not a
/// CSV table (zip, GeoPackage, shapefile: says how to convert it), has no cell-id or population
/// column (listing the columns found and the names accepted), holds a cell id of another form,
/// a population that is missing, negative or not a number, the same cell twice, or no row at all.
PopulationGrid load_population_grid(const std::string& path);

/// Column names accepted, lower case, in the order tried.
const std::vector<std::string>& grid_id_field_candidates();
const std::vector<std::string>& grid_population_field_candidates();

/// The cells that may reach into `box` (longitude/latitude), corners projected to WGS84 with PROJ;
/// `residents_far` and `cells_far` count the others (wholly outside the box, not projected).
struct GridCellsNear {
    std::vector<PopulatedCell> cells;
    double residents_far = 0;
    std::size_t cells_far = 0;
};
/// @throws input_error when PROJ cannot build the EPSG:3035 → WGS84 transformation (its database
///         missing: install proj-data).
GridCellsNear grid_cells_near(const PopulationGrid& grid, const BBox& box);

/// EPSG:3035 (easting, northing) → WGS84 (longitude, latitude), in place, with PROJ.
void laea_to_wgs84(std::vector<double>& x, std::vector<double>& y);
/// WGS84 (longitude, latitude) → EPSG:3035 (easting, northing), in place, with PROJ.
void wgs84_to_laea(std::vector<double>& x, std::vector<double>& y);

}  // namespace maillon
