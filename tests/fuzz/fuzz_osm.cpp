// OSM XML or PBF through the whole importer (libosmium reading, tag rules, places, graph
// assembly, adjacency). Built twice: MAILLON_FUZZ_EXTENSION is ".osm" or ".osm.pbf".
// Contract: a graph, or input_error; nothing else may escape, and no sanitizer may fire.

#include "fuzz_input_file.hpp"
#include "maillon/errors.hpp"
#include "maillon/importers/osm_import.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const maillon::fuzz::InputFile file{data, size, std::string{"input"} + MAILLON_FUZZ_EXTENSION};
    try {
        const maillon::Graph g = maillon::importers::import_osm(file.path());
        (void)g.bbox();
    } catch (const maillon::input_error&) {
    }
    return 0;
}
