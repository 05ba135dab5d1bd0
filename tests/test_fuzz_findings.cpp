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

#include <string>

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

namespace {

/// A cycleway of three nodes whose middle node has the latitude given as written in the file.
std::string three_node_way(const std::string& middle_lat) {
    return R"(<?xml version='1.0' encoding='utf-8'?>
<osm version="0.6" generator="test">
  <node id="1" lat="48.8600000" lon="2.3500000"/>
  <node id="2" lat=")" + middle_lat + R"(" lon="2.3510000"/>
  <node id="3" lat="48.8620000" lon="2.3520000"/>
  <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="cycleway"/></way>
</osm>
)";
}

}  // namespace

TEST_CASE("fuzz finding: an XML coordinate with a huge exponent is refused, not read as 0", "[fuzz-finding]") {
    // fuzz_osm_xml (2026-12-03, UBSan): libosmium 2.19 scales lat="48.854e7748" by ten 7,748 times
    // in a 64-bit integer; the overflow wraps to 0 and the node lands on the equator, so the
    // import made a 5,432 km cycleway and said nothing. Any segment no real data can have (over
    // 1,000 km) now refuses the file, naming the way and the node.
    const TempFile xml_file("exponent.osm", three_node_way("48.854e7748"));
    const std::string& xml = xml_file.path();
    CHECK_THROWS_AS(maillon::importers::import_osm(xml), maillon::input_error);
    CHECK_THROWS_WITH(maillon::importers::import_osm(xml),
                      Catch::Contains("'" + xml + "' has coordinates that cannot be real: way 10 has a segment of") &&
                          Catch::Contains("ending at node 2"));
    // The same way with the coordinate written plainly, or with a small exponent, imports.
    const TempFile plain_file("plain.osm", three_node_way("48.8610000"));
    CHECK(maillon::importers::import_osm(plain_file.path()).edge_count() == 1);
    const TempFile small_exponent("small-exponent.osm", three_node_way("4.8861e1"));
    CHECK(maillon::importers::import_osm(small_exponent.path()).edge_count() == 1);
}
