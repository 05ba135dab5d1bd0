// Planned stations, CSV or GeoJSON, through load_planned_stations. The first byte picks the file
// name: even, "planned.csv"; odd, "planned.geojson" (each format also sniffs the content).
// Contract: stations, or input_error.

#include "fuzz_input_file.hpp"
#include "maillon/errors.hpp"
#include "maillon/importers/stations.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    const maillon::fuzz::InputFile file{data + 1, size - 1, data[0] % 2 == 0 ? "planned.csv" : "planned.geojson"};
    try {
        (void)maillon::load_planned_stations(file.path());
    } catch (const maillon::input_error&) {
    }
    return 0;
}
