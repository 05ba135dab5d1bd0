// Every JSON reader refuses deep nesting with a message instead of overflowing the stack (issue 11:
// a QPV Polygon whose coordinates nested 100,000 arrays segfaulted `maillon analyze`).

#include "maillon/errors.hpp"
#include "maillon/importers/json_input.hpp"
#include "maillon/importers/qpv.hpp"
#include "maillon/importers/stations.hpp"
#include "maillon/importers/study_area.hpp"

#include "support.hpp"

#include <catch2/catch.hpp>

#include <sstream>

using maillon::test::TempFile;

namespace {

std::string nested(std::size_t depth) { return std::string(depth, '[') + "2.35,48.85" + std::string(depth, ']'); }

}  // namespace

TEST_CASE("the bounded parser takes 64 levels and refuses 65 and 100,000", "[json]") {
    using maillon::importers::parse_json_bounded;
    CHECK(parse_json_bounded(std::string(64, '[') + std::string(64, ']'), "x").is_array());
    CHECK(parse_json_bounded(std::string(63, '[') + "{}" + std::string(63, ']'), "x").is_array());
    CHECK_THROWS_WITH(parse_json_bounded(std::string(65, '[') + std::string(65, ']'), "file 'x'"),
                      Catch::Contains("file 'x' nests arrays or objects more than 64 levels deep"));
    std::string objects;
    for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
    objects += "1" + std::string(100000, '}');
    std::istringstream in{objects};
    CHECK_THROWS_AS(parse_json_bounded(in, "x"), maillon::input_error);
    // Bad syntax is still nlohmann's parse_error (the readers turn it into line and column).
    CHECK_THROWS_AS(parse_json_bounded("[1,", "x"), nlohmann::json::parse_error);
}

TEST_CASE("a QPV layer with 100,000 nested coordinate arrays is refused with a message", "[json][qpv]") {
    const TempFile path_file("qpv.geojson",
                             R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"QN1"},)"
                             R"("geometry":{"type":"Polygon","coordinates":)" + nested(100000) + "}}]}");
    const std::string& path = path_file.path();
    CHECK_THROWS_WITH(maillon::load_qpv(path), Catch::Contains("QPV layer '" + path + "' nests arrays or objects more than 64"));
}

TEST_CASE("GBFS and planned-station files nested too deep are refused with a message", "[json][stations]") {
    const TempFile gbfs_file("station_information.json", R"({"data":{"stations":)" + nested(100000) + "}}");
    const std::string& gbfs = gbfs_file.path();
    CHECK_THROWS_WITH(maillon::load_gbfs_stations(gbfs), Catch::Contains("more than 64 levels deep"));
    const TempFile planned_file("planned.geojson", R"({"type":"FeatureCollection","features":)" + nested(5000) + "}");
    const std::string& planned = planned_file.path();
    CHECK_THROWS_WITH(maillon::load_planned_stations(planned), Catch::Contains("more than 64 levels deep"));
}

TEST_CASE("a study area nested too deep or with a number beyond a double is refused with a message", "[json][area]") {
    const TempFile deep("area.geojson", R"({"type":"Polygon","coordinates":)" + nested(100000) + "}");
    CHECK_THROWS_WITH(maillon::load_study_area(deep.path()), Catch::Contains("nests more than 64 levels"));
    // out_of_range.406, not a parse_error: it used to escape the reader (as in the other readers, found by fuzzing).
    const TempFile huge("area.geojson", R"({"type":"Polygon","coordinates":[[[2.3,48.8],[2.4,1e999],[2.4,48.9],[2.3,48.8]]]})");
    CHECK_THROWS_AS(maillon::load_study_area(huge.path()), maillon::input_error);
    CHECK_THROWS_WITH(maillon::load_study_area(huge.path()), Catch::Contains("numbers must lie within"));
}
