// The report and the GeoPackage draw like the web map: outputs/src/map_style.cpp against
// web-static/js/labels.js (FACILITIES, BUCKETS), and the QGIS styles made from it.

#include "gpkg_style.hpp"
#include "map_style.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>

using namespace maillon;
using namespace maillon::outputs;

namespace {

std::string labels_js() {
    std::ifstream in{std::string{MAILLON_TEST_DATA} + "/../../web-static/js/labels.js"};
    REQUIRE(in);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("every facility has the web map's label, colour and dash") {
    const std::string js = labels_js();
    const std::regex line{R"((\w+): \['[^']*', '([^']*)', '(#[0-9a-f]{6})', (null|'([^']*)')\])"};
    int seen = 0;
    for (auto it = std::sregex_iterator(js.begin(), js.end(), line); it != std::sregex_iterator(); ++it, ++seen) {
        const std::string k = (*it)[1];
        INFO(k);
        const FacilityStyle& s = facility_style(k);
        CHECK(s.key == k);
        CHECK(s.label == (*it)[2].str());
        CHECK(s.color == (*it)[3].str());
        CHECK(s.dash == (*it)[5].str());
    }
    CHECK(seen == facility_count - 1);  // every facility but "aucun"
    for (int f = 1; f < facility_count; ++f) CHECK(facility_style(static_cast<Facility>(f)).key == key(static_cast<Facility>(f)));
}

TEST_CASE("the gaps' priority buckets are the web map's") {
    const std::string js = labels_js();
    const std::regex bucket{R"(\{ id: '(\w+)', label: '([^']*)',.*color: '(#[0-9a-f]{6})' \})"};
    std::vector<std::smatch> found;
    std::size_t i = 0;
    for (auto it = std::sregex_iterator(js.begin(), js.end(), bucket); it != std::sregex_iterator(); ++it, ++i) {
        REQUIRE(i < gap_buckets().size());
        CHECK(gap_buckets()[i].id == (*it)[1].str());
        CHECK(gap_buckets()[i].label == (*it)[2].str());
        CHECK(gap_buckets()[i].color == (*it)[3].str());
    }
    CHECK(i == gap_buckets().size());
    CHECK(gap_bucket(1).id == "top10");
    CHECK(gap_bucket(10).id == "top10");
    CHECK(gap_bucket(11).id == "top50");
    CHECK(gap_bucket(51).id == "rest");
    CHECK(gap_bucket(0).id == "data");
}

TEST_CASE("QGIS styles: gaps by rank bucket, the network by facility, in the web map's colours, with the aliases") {
    CHECK(qgis_color("#1b7837") == "27,120,55,255");
    CHECK(qgis_color("#f6c343", 71) == "246,195,67,71");
    const std::string gaps = qml_style("gaps", {{"rank", "Rang"}, {"score", "Score"}});
    CHECK(gaps.find("type=\"RuleRenderer\"") != std::string::npos);
    CHECK(gaps.find("&quot;rank&quot; &lt;= 10") != std::string::npos);
    CHECK(gaps.find(qgis_color("#d7191c")) != std::string::npos);
    CHECK(gaps.find("<alias field=\"rank\" index=\"0\" name=\"Rang\"/>") != std::string::npos);
    const std::string network = qml_style("network", {});
    CHECK(network.find("attr=\"facility_key\"") != std::string::npos);
    for (int f = 1; f < facility_count; ++f) {
        const FacilityStyle& s = facility_style(static_cast<Facility>(f));
        CHECK(network.find("value=\"" + std::string{s.key} + "\"") != std::string::npos);
        CHECK(network.find(qgis_color(s.color)) != std::string::npos);
    }
    CHECK(network.find("<Option type=\"QString\" name=\"customdash\" value=\"2.08;1.3\"/>") != std::string::npos);  // "8 5" px
    CHECK(qml_style("qpv", {}).find("<layerGeometryType>2</layerGeometryType>") != std::string::npos);
    CHECK(qml_style("stations", {}).find("attr=\"status\"") != std::string::npos);
    CHECK(qml_style("unknown", {}).empty());
}
