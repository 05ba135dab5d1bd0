// Figures a planner can publish (issue 13, docs/area.md): the study area (--area), gaps at the
// extract's edge, the commune of every gap from the OSM boundaries, QPV partly outside the area,
// and the one-sentence reason of each gap.

#include "maillon/analysis/analysis.hpp"
#include "maillon/analysis/labels_fr.hpp"
#include "maillon/analysis/results_json.hpp"
#include "maillon/importers/osm_import.hpp"
#include "maillon/importers/qpv.hpp"
#include "maillon/importers/study_area.hpp"
#include "scenario.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

using maillon::AnalysisProfile;
using maillon::Gap;
using maillon::GapStatus;
using maillon::Graph;
using maillon::QpvLayer;
using maillon::analysis::AnalysisResult;
using maillon::test::describe;
using maillon::test::find_gap;
using maillon::test::Scenario;
using maillon::test::scenario_lat;
using maillon::test::scenario_lon;
using maillon::test::Tags;
using maillon::test::TempFile;
using Catch::Matchers::Contains;

namespace {

const Tags cycleway{{"highway", "cycleway"}};
const Tags residential{{"highway", "residential"}};

/// A rectangle in scenario metres as a GeoJSON area file.
std::string area_geojson(const std::string& name, double x0, double y0, double x1, double y1) {
    std::ostringstream j;
    j.precision(10);
    j << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"nom":")" << name
      << R"("},"geometry":{"type":"Polygon","coordinates":[[)"
      << "[" << scenario_lon(x0) << "," << scenario_lat(y1) << "],[" << scenario_lon(x1) << "," << scenario_lat(y1)
      << "],[" << scenario_lon(x1) << "," << scenario_lat(y0) << "],[" << scenario_lon(x0) << "," << scenario_lat(y0)
      << "],[" << scenario_lon(x0) << "," << scenario_lat(y1) << "]]]}}]}";
    return j.str();
}

/// Two street gaps on one street line: B..C in the west (x 100..220 m), F..G in the east (x 520..640 m),
/// grid 20 m; the streets N-S far north and south widen the extract so that neither gap is at its edge.
Scenario two_gaps() {
    return Scenario{R"(
N-----------------------------------S
 
 
 
 
A----B-----C----D----------E----F-----G----H
 
 
 
 
P-----------------------------------Q
)",
                    {{"NS", residential}, {"AB", cycleway}, {"BC", residential}, {"CD", cycleway},
                     {"EF", cycleway}, {"FG", residential}, {"GH", cycleway}, {"PQ", residential}},
                    {},
                    20.0};
}

AnalysisProfile listing_profile() {
    AnalysisProfile p;
    p.gaps.min_benefit = 1e-9;
    p.gaps.close_far_straight_m = 5;
    return p;
}

const maillon::analysis::json* row_json(const maillon::analysis::json& indicators, const std::string& scope,
                                         const std::string& code = "") {
    for (const auto& row : indicators["rows"]) {
        if (row["scope"] == scope && (code.empty() || row["code"] == code)) return &row;
    }
    return nullptr;
}

}  // namespace

TEST_CASE("a study area keeps the gaps whose middle lies in it; the others are counted, not reported", "[area]") {
    const Graph g = two_gaps().build();
    const TempFile file{"west.geojson", area_geojson("Ouest", 0, 0, 360, 300)};
    const maillon::StudyArea area = maillon::load_study_area(file.path());
    CHECK(area.name == "Ouest");
    maillon::analysis::PopulationInputs in;
    in.area = &area;
    const AnalysisResult r = maillon::analysis::run_analysis(g, QpvLayer{}, listing_profile(), nullptr, in);
    INFO(describe(g, r.gaps));
    REQUIRE(r.gaps.size() == 1);
    CHECK(find_gap(g, r.gaps, 'B', 'C') != nullptr);
    CHECK(r.outside_area == 1);
    // The extract reaches 2 km beyond the area nowhere: said once, naming the sides.
    bool warned = false;
    for (const auto& w : r.warnings) warned = warned || w.find("does not reach 2000 m beyond the study area 'Ouest'") != std::string::npos;
    CHECK(warned);
}

TEST_CASE("a gap at the very edge of the extract is flagged `edge` and left out of the ranking", "[area]") {
    // B..C lies 100 m and more from every side of the extract; W..A, from the cycleway V-W at the
    // extract's western edge, would have its detour and benefit cut short by the network missing
    // beyond the edge.
    const Scenario edge{R"(
N-------------------------------------------S
 
 
 
 
V-W----A-----B----C-----D-------------------------Z
 
 
 
 
P-------------------------------------------Q
)",
                        {{"NS", residential}, {"VW", cycleway}, {"WA", residential}, {"AB", cycleway}, {"BC", residential},
                         {"CD", cycleway}, {"DZ", residential}, {"PQ", residential}},
                        {},
                        20.0};
    const Graph ge = edge.build();
    const AnalysisResult r = maillon::analysis::run_analysis(ge, QpvLayer{}, listing_profile());
    INFO(describe(ge, r.gaps) << "\nsecondary " << describe(ge, r.candidates));
    const Gap* inner = find_gap(ge, r.gaps, 'B', 'C');
    REQUIRE(inner != nullptr);
    CHECK(inner->rank == 1);
    CHECK(find_gap(ge, r.gaps, 'W', 'A') == nullptr);
    const Gap* at_edge = find_gap(ge, r.candidates, 'W', 'A');
    REQUIRE(at_edge != nullptr);
    CHECK(at_edge->status == GapStatus::edge);
    CHECK(at_edge->rank == 0);
    CHECK(r.at_edge == 1);
    const auto layer = maillon::analysis::candidates_geojson(ge, r);
    bool listed_as_edge = false;
    for (const auto& f : layer["features"]) listed_as_edge = listed_as_edge || f["properties"]["status"] == "edge";
    CHECK(listed_as_edge);
}

TEST_CASE("every gap has the commune of the OSM boundary it lies in, QPV or not", "[area]") {
    // A commune boundary (admin_level 8) around the whole map: the ring K-L-M-O-K, no highway.
    const Scenario s{R"(
K-------------------------L
 
 
A----B-----C----D
 
 
O-------------------------M
)",
                     {{"AB", cycleway}, {"BC", residential}, {"CD", cycleway}, {"KLMOK", {}}},
                     {},
                     20.0,
                     {{{3}, {{"type", "boundary"}, {"boundary", "administrative"}, {"admin_level", "8"},
                             {"name", "Ivry-sur-Seine"}, {"ref:INSEE", "94041"}}}}};
    const Graph g = s.build();
    REQUIRE(g.commune_count() == 1);
    AnalysisProfile p = listing_profile();
    p.area.edge_m = 0;
    const AnalysisResult r = maillon::analysis::run_analysis(g, QpvLayer{}, p);
    INFO(describe(g, r.gaps));
    REQUIRE(r.gaps.size() == 1);
    const auto props = maillon::analysis::gap_properties(g, QpvLayer{}, r, r.gaps[0]);
    CHECK(props["commune"] == "Ivry-sur-Seine");
    CHECK(props["commune_insee"] == "94041");
    CHECK(props["commune_source"] == "osm");
    REQUIRE(r.commune_summary.size() == 1);
    CHECK(r.commune_summary[0].name == "Ivry-sur-Seine");
    CHECK(r.commune_summary[0].gaps == 1);
    CHECK(r.commune_summary[0].metres == Approx(r.gaps[0].length_m));
}

TEST_CASE("a QPV half outside the study area is partial: shares not compared, its residents outside reported",
          "[area]") {
    const Graph g = two_gaps().build();
    // The QPV spans x 160..360 m around the western gap; the area stops at x = 260 m: half of it.
    const QpvLayer qpv = maillon::test::qpv_layer({{"QTEST10", "La Lisière", 160, 40, 360, 160, 2000.0}});
    const TempFile file{"half.geojson", area_geojson("Moitié", 0, 0, 260, 300)};
    const maillon::StudyArea area = maillon::load_study_area(file.path());
    maillon::analysis::PopulationInputs in;
    in.area = &area;
    AnalysisProfile p = listing_profile();
    p.area.edge_m = 0;
    const AnalysisResult r = maillon::analysis::run_analysis(g, qpv, p, nullptr, in);
    const auto j = maillon::analysis::indicators_json(r, p);
    const auto* row = row_json(j, "qpv", "QTEST10");
    REQUIRE(row != nullptr);
    CHECK((*row)["qpv_covered_share"].get<double>() == Approx(0.5).margin(0.02));
    CHECK((*row)["partial"] == true);
    CHECK((*row)["diff_points_near_network"].is_null());
    CHECK((*row)["residents_outside_area"].get<double>() > 500);
    CHECK((*row)["residents"].get<double>() + (*row)["residents_outside_area"].get<double>() +
              (*row)["residents_beyond_reach"].get<double>() ==
          Approx(2000.0).margin(1.0));
    CHECK_THAT((*row)["note"].get<std::string>(), Contains("en partie hors de la zone"));
}

TEST_CASE("with no QPV in the study area, the QPV rows say so instead of showing 0 %", "[area]") {
    const Graph g = two_gaps().build();
    const QpvLayer qpv = maillon::test::qpv_layer({{"QTEST11", "Ailleurs", 560, 40, 660, 160}});
    const TempFile file{"west.geojson", area_geojson("Ouest", 0, 0, 360, 300)};
    const maillon::StudyArea area = maillon::load_study_area(file.path());
    maillon::analysis::PopulationInputs in;
    in.area = &area;
    const AnalysisResult r = maillon::analysis::run_analysis(g, qpv, listing_profile(), nullptr, in);
    const auto j = maillon::analysis::indicators_json(r, {});
    CHECK(row_json(j, "qpv") == nullptr);
    const auto* all = row_json(j, "all_qpv");
    REQUIRE(all != nullptr);
    CHECK((*all)["share_near_network"].is_null());
    CHECK((*all)["diff_points_near_network"].is_null());
    CHECK((*all)["residents"].is_null());
    CHECK((*all)["note"] == "Aucun QPV dans la zone étudiée");
}

TEST_CASE("a study area file that is not one says why", "[area]") {
    const TempFile lambert{"lambert.geojson",
                           R"({"type":"Polygon","coordinates":[[[652000,6860000],[653000,6860000],[653000,6861000],[652000,6860000]]]})"};
    REQUIRE_THROWS_WITH(maillon::load_study_area(lambert.path()), Contains("ogr2ogr -t_srs EPSG:4326"));
    const TempFile points{"points.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[2.36,48.87]}}]})"};
    REQUIRE_THROWS_WITH(maillon::load_study_area(points.path()), Contains("holds no Polygon or MultiPolygon"));
    const TempFile deep{"deep.geojson", std::string(100000, '[') + std::string(100000, ']')};
    REQUIRE_THROWS_WITH(maillon::load_study_area(deep.path()), Contains("nests more than 64 levels"));
    REQUIRE_THROWS_WITH(maillon::load_study_area("/nonexistent/area.geojson"), Contains("cannot be read"));
}

TEST_CASE("each gap is explained in one French sentence built from its terms", "[area]") {
    Gap gap;
    gap.length_m = 482;
    gap.joins_components = true;
    gap.qpv_residents = 1238.6;
    CHECK(maillon::analysis::reason_fr(gap, {"Grand Belleville"}, true) ==
          "Relie deux tronçons séparés de 480\u00A0m, dessert 1\u00A0239\u00A0habitants de Grand Belleville.");
    gap.joins_components = false;
    gap.network_distance_m = 1600;
    gap.detour_removed_m = 1118;
    gap.qpv_residents = std::nan("");
    CHECK(maillon::analysis::reason_fr(gap, {"Gagarine", "Ivry Port"}, false) ==
          "Comble une coupure de 480\u00A0m du réseau, dessert les QPV Gagarine et Ivry Port, évite un détour de 1,1\u00A0km.");
    gap.gap_class = maillon::GapClass::data;
    gap.data_issue = maillon::DataIssue::undershoot;
    gap.length_m = 3.4;
    CHECK_THAT(maillon::analysis::reason_fr(gap, {}, false), Contains("Erreur de données probable"));
}

TEST_CASE("on the bus-corridor extract, the QPV its ways do not reach are not compared with the territory", "[area]") {
    // The corridor extract holds only the ways along one bus line (20e -> 12e -> 13e): Gagarine and
    // Ivry Port (Ivry-sur-Seine) and Bédier - Boutroux (13e) lie inside its box but no way of it
    // reaches them. A round-1 run showed them at "0,0 %" and "-51,6 pts": now no share, no
    // difference, and a note saying why.
    const Graph g = maillon::importers::import_osm(std::string{MAILLON_TEST_DATA} + "/paris-20e-12e-13e-corridor.osm");
    const QpvLayer qpv = maillon::load_qpv(std::string{MAILLON_TEST_DATA} + "/qpv2024-idf-simplified.geojson");
    const AnalysisResult r = maillon::analysis::run_analysis(g, qpv, {});
    const auto j = maillon::analysis::indicators_json(r, {});
    for (const std::string code : {"QN09407I", "QN09408M", "QN07501M"}) {
        const auto* row = row_json(j, "qpv", code);
        INFO(code);
        REQUIRE(row != nullptr);
        CHECK((*row)["qpv_reached_share"].get<double>() == 0.0);
        CHECK((*row)["partial"] == true);
        CHECK((*row)["share_near_network"].is_null());
        CHECK((*row)["diff_points_near_network"].is_null());
        CHECK_THAT((*row)["note"].get<std::string>(), Contains("non comparées au territoire"));
    }
    const auto* all = row_json(j, "all_qpv");
    REQUIRE(all != nullptr);
    CHECK((*all)["partial"] == true);
    CHECK((*all)["diff_points_near_network"].is_null());
    const auto* territory = row_json(j, "territory");
    REQUIRE(territory != nullptr);
    CHECK((*territory)["share_near_network"].get<double>() > 0);
}
