// A QPV layer (GeoJSON) through load_qpv: JSON, CRS checks, rings into GEOS, validity repair,
// field detection, the spatial index, and a point lookup.
// Contract: a layer, or input_error.

#include "fuzz_input_file.hpp"
#include "maillon/errors.hpp"
#include "maillon/importers/qpv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const maillon::fuzz::InputFile file{data, size, "qpv.geojson"};
    try {
        const maillon::QpvLayer layer = maillon::load_qpv(file.path());
        (void)layer.find(2.35, 48.85);
        (void)layer.all_warnings();
    } catch (const maillon::input_error&) {
    }
    return 0;
}
