// What the fuzz targets of tests/fuzz found, each as the minimised input that failed (see
// docs/reliability.md for the runs). Every reader must answer input_error with a message naming
// the file, never let another exception out (the CLI would print "unexpected error").

#include "maillon/errors.hpp"
#include "maillon/importers/json_input.hpp"
#include "maillon/importers/osm_import.hpp"
#include "maillon/importers/qpv.hpp"
#include "maillon/importers/stations.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

using maillon::test::TempFile;

TEST_CASE("fuzz finding: a JSON number beyond a double is an input error in every reader", "[fuzz-finding]") {
    // fuzz_qpv, fuzz_gbfs, fuzz_profile (2026-12-02): nlohmann throws out_of_range.406 for
    // "1e388", which no reader caught.
    const TempFile qpv_file("qpv.geojson", "1e999");
    const std::string& qpv = qpv_file.path();
    CHECK_THROWS_WITH(maillon::load_qpv(qpv), Catch::Contains("QPV layer '" + qpv + "' is not valid JSON: number overflow"));
    const TempFile gbfs_file("station_information.json", "1e388");
    const std::string& gbfs = gbfs_file.path();
    CHECK_THROWS_WITH(maillon::load_gbfs_stations(gbfs), Catch::Contains("is not valid JSON: number overflow"));
    const TempFile planned_file("planned.geojson", R"({"type":"FeatureCollection","features":[{"x":-3e383}]})");
    const std::string& planned = planned_file.path();
    CHECK_THROWS_AS(maillon::load_planned_stations(planned), maillon::input_error);
    CHECK_THROWS_WITH(maillon::importers::parse_json_bounded("3e383", "profile 'p.json'"),
                      Catch::Contains("profile 'p.json' is not valid JSON: number overflow parsing '3e383'"));
    // Within range, the largest double still reads.
    CHECK(maillon::importers::parse_json_bounded("1.7e308", "x").get<double>() > 1e308);
}

TEST_CASE("fuzz finding: a PBF header cut short is an input error", "[fuzz-finding]") {
    // fuzz_osm_pbf (2026-12-02): protozero's end_of_buffer_exception from the header block
    // escaped the importer. The input: a blob header length of 1 and one byte of it.
    const TempFile pbf_file("cut.osm.pbf", std::string{"\x00\x00\x00\x01\x0e", 5});
    const std::string& pbf = pbf_file.path();
    CHECK_THROWS_WITH(maillon::importers::import_osm(pbf), Catch::Contains("'" + pbf + "' is not a valid PBF file"));
}
