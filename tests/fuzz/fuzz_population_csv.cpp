// INSEE's gridded population (CSV, plain or gzip) through load_population_grid, then the cells
// near Paris projected to WGS84 with PROJ (grid_cells_near), as the analysis does.
// Contract: a grid, or input_error.

#include "fuzz_input_file.hpp"
#include "maillon/errors.hpp"
#include "maillon/importers/population_grid.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const maillon::fuzz::InputFile file{data, size, "population.csv"};
    try {
        const maillon::PopulationGrid grid = maillon::load_population_grid(file.path());
        maillon::BBox paris;
        paris.extend(maillon::Coord::from_degrees(2.25, 48.81));
        paris.extend(maillon::Coord::from_degrees(2.42, 48.90));
        (void)maillon::grid_cells_near(grid, paris);
    } catch (const maillon::input_error&) {
    }
    return 0;
}
