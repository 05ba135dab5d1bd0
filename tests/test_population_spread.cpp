// Residents onto the walking network (engine/population_spread.hpp, docs/population.md) and the
// population step of the analysis with real sources: sums preserved per cell and per QPV, QPV
// attribution at a polygon's edge, what lies outside the extract or beyond walking reach, the
// bounds on the work, and the rankings that follow (gaps, stations). Scenario maps as in
// tests/scenario.hpp (origin lon 2.3600, lat 48.8700; x metres east, y metres south).

#include "maillon/analysis/analysis.hpp"
#include "maillon/errors.hpp"
#include "maillon/importers/population_grid.hpp"
#include "maillon/importers/qpv.hpp"
#include "maillon/population_spread.hpp"
#include "scenario.hpp"

#include <nlohmann/json.hpp>
#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <numeric>
#include <string>
#include <unistd.h>
#include <vector>

using maillon::Coord;
using maillon::Graph;
using maillon::PopulatedCell;
using maillon::analysis::AnalysisResult;
using maillon::test::Scenario;
using maillon::test::Tags;
using Catch::Matchers::Contains;

namespace {

/// The default profile, but no gap of a scenario is flagged for lying at the extract's edge (a
/// scenario is all edge).
maillon::AnalysisProfile scenario_profile() {
    maillon::AnalysisProfile p;
    p.area.edge_m = 0;
    return p;
}


const Tags cycleway{{"highway", "cycleway"}};
const Tags residential{{"highway", "residential"}};

// Scenario metres to degrees, as tests/scenario.cpp places its nodes.
double lon_at(double x_m) { return 2.3600 + x_m / (111195.0 * std::cos(48.87 * M_PI / 180.0)); }
double lat_at(double y_m) { return 48.8700 - y_m / 111195.0; }
Coord at(double x_m, double y_m) { return Coord::from_degrees(lon_at(x_m), lat_at(y_m)); }

/// A square cell x0..x0+size east, y0..y0+size south, corners counter-clockwise from the lower left.
PopulatedCell square(double x0, double y0, double size, double residents) {
    return {{at(x0, y0 + size), at(x0 + size, y0 + size), at(x0 + size, y0), at(x0, y0)}, residents};
}

struct Building {
    double x, y;
    float floor_m2;
    std::uint8_t residential_pct;
};

/// The scenario's graph with these buildings in its places arrays.
Graph with_buildings(const Graph& g, const std::vector<Building>& buildings) {
    maillon::GraphData d = g.data();
    for (const Building& b : buildings) {
        d.building_coord.push_back(at(b.x, b.y));
        d.building_floor_m2.push_back(b.floor_m2);
        d.building_residential_pct.push_back(b.residential_pct);
    }
    return Graph{std::move(d)};
}

/// Residents of the points of each zone.
std::vector<double> per_zone(const maillon::SpreadResult& r, std::size_t zones) {
    std::vector<double> sum(zones, 0.0);
    for (std::size_t i = 0; i < r.points.size(); ++i) sum[r.zone[i]] += r.points[i].residents;
    return sum;
}

maillon::SpreadResult spread(const Graph& g, const maillon::CellZones& zones, maillon::SpreadParams p = {}) {
    return maillon::spread_residents(g, zones.zones(), [&](std::size_t z, Coord c) { return zones.contains(z, c); }, p);
}

/// A QPV layer of rectangles (scenario metres, or degrees with `degrees`), loaded with the real loader.
struct Rect {
    std::string code;
    double x0, y0, x1, y1;
    double population = -1;  // < 0: no population property
    bool degrees = false;
};
maillon::QpvLayer layer(const std::vector<Rect>& rects) {
    nlohmann::json fc{{"type", "FeatureCollection"}, {"features", nlohmann::json::array()}};
    for (const Rect& r : rects) {
        const double w = r.degrees ? r.x0 : lon_at(r.x0), e = r.degrees ? r.x1 : lon_at(r.x1);
        const double s = r.degrees ? r.y0 : lat_at(r.y1), n = r.degrees ? r.y1 : lat_at(r.y0);
        nlohmann::json props{{"code_qp", r.code}, {"lib_qp", "QPV " + r.code}};
        if (r.population >= 0) props["population"] = r.population;
        fc["features"].push_back({{"type", "Feature"}, {"properties", props},
                                  {"geometry", {{"type", "Polygon"}, {"coordinates", {{{w, s}, {e, s}, {e, n}, {w, n}, {w, s}}}}}}});
    }
    static int counter = 0;
    const std::string path = "/tmp/maillon-test-spread-qpv-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".geojson";
    std::ofstream{path} << fc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    maillon::QpvLayer q = maillon::load_qpv(path);
    std::remove(path.c_str());
    return q;
}

/// The 200 m INSEE cell holding a position (PROJ forward, floored).
maillon::GridCellId cell_holding(Coord c) {
    std::vector<double> x{c.lon()}, y{c.lat()};
    maillon::wgs84_to_laea(x, y);
    return {static_cast<std::int64_t>(std::floor(y[0] / 200) * 200), static_cast<std::int64_t>(std::floor(x[0] / 200) * 200), 200};
}

maillon::PopulationGrid grid_of(const std::vector<std::pair<maillon::GridCellId, double>>& cells) {
    maillon::PopulationGrid grid;
    grid.path = "test-grid.csv";
    grid.id_field = "idcar_200m";
    grid.population_field = "ind";
    for (const auto& [id, residents] : cells) {
        grid.cells.push_back({id, residents});
        grid.residents += residents;
    }
    return grid;
}

const maillon::analysis::IndicatorRow* row(const AnalysisResult& r, const std::string& code) {
    for (const auto& x : r.indicators) {
        if (x.scope == "qpv" && x.code == code) return &x;
    }
    return nullptr;
}

bool warned(const AnalysisResult& r, const std::string& words) {
    for (const auto& w : r.warnings) {
        if (w.find(words) != std::string::npos) return true;
    }
    return false;
}

std::string all_warnings(const AnalysisResult& r) {
    std::string s;
    for (const auto& w : r.warnings) s += "\n  " + w;
    return s;
}

/// A street along y = 100 m from x = 0 to 600 m (grid 50 m).
Scenario street() { return Scenario{"\n\nA-----------B\n", {{"AB", residential}}, {}, 50.0}; }

/// A street along y = 400 m from x = 0 to 600 m, and a footway across it at x = 0 from y = 0 to
/// 800 m: the graph's box is tall enough for whole 200 m cells around the street (a cell holding a
/// point reaches up to 283 m from it).
Scenario tall_street() {
    std::string map = "C\n";
    for (int i = 0; i < 7; ++i) map += "|\n";
    map += "A-----------B\n";
    for (int i = 0; i < 7; ++i) map += "|\n";
    map += "D\n";
    return Scenario{map, {{"AB", residential}, {"CAD", {{"highway", "footway"}}}}, {}, 50.0};
}

}  // namespace

// --- Spreading: sums per cell ---------------------------------------------------------------

TEST_CASE("a cell's residents go to its residential buildings by floor area and add up to the cell's", "[population]") {
    const Graph g = with_buildings(street().build(), {
        {50, 60, 1000, 100},   // in the cell: 1000 m² of housing
        {150, 140, 3000, 50},  // in the cell: 1500 m² of housing
        {120, 120, 5000, 0},   // in the cell, an office: no housing
        {250, 60, 2000, 100},  // outside the cell (x > 200)
    });
    const maillon::CellZones zones{{square(0, 0, 200, 1000)}, maillon::BBox{2.35, 48.86, 2.38, 48.88}, g.bbox()};
    REQUIRE(zones.zones().size() == 1);
    CHECK(zones.share_inside(0) == 1.0);
    const auto r = spread(g, zones);
    REQUIRE(r.points.size() == 2);
    CHECK(r.how[0] == maillon::SpreadHow::buildings);
    CHECK(r.points[0].residents == Approx(400.0).epsilon(1e-12));  // 1000 × 1000 / 2500
    CHECK(r.points[1].residents == Approx(600.0).epsilon(1e-12));
    CHECK(r.points[0].coord == at(50, 60));
    CHECK(per_zone(r, 1)[0] == Approx(1000.0).epsilon(1e-12));
    CHECK(r.points[0].weight == Approx(400.0F));
}

TEST_CASE("cells without enough mapped housing spread along their walkable ways; sums are kept cell by cell",
          "[population]") {
    // Buildings: one in cell 1 too small to house its 1000 residents (500 m², under 2 m² each:
    // mostly unmapped), none in cell 2; both crossed by the street at y = 100 m.
    const Graph g = with_buildings(street().build(), {{50, 150, 500, 100}});
    const maillon::BBox frame{2.35, 48.86, 2.38, 48.88};
    const maillon::CellZones zones{{square(0, 0, 200, 1000), square(200, 0, 200, 333.3), square(400, 0, 200, 0)}, frame, g.bbox()};
    const auto r = spread(g, zones);
    CHECK(r.how[0] == maillon::SpreadHow::ways);
    CHECK(r.how[1] == maillon::SpreadHow::ways);
    CHECK(r.how[2] == maillon::SpreadHow::none);  // no residents, no points
    const auto sums = per_zone(r, 3);
    CHECK(sums[0] == Approx(1000.0).epsilon(1e-12));
    CHECK(sums[1] == Approx(333.3).epsilon(1e-12));
    CHECK(sums[2] == 0.0);
    // 200 m of street in each cell: 8 pieces of 25 m, each at the middle of its piece, on the street.
    std::size_t in_first = 0;
    for (std::size_t i = 0; i < r.points.size(); ++i) {
        CHECK(std::fabs(r.points[i].coord.lat() - lat_at(100)) < 2e-7);
        if (r.zone[i] != 0) continue;
        ++in_first;
        CHECK(r.points[i].residents == Approx(125.0).epsilon(1e-6));
    }
    CHECK(in_first == 8);
}

TEST_CASE("a cell with neither housing nor way falls back on its centre, or stays unplaced beyond the last ways",
          "[population]") {
    const Graph g = street().build();  // the street's box: y = 100 m, x 0..600 m
    const maillon::BBox frame{2.35, 48.86, 2.38, 48.88};
    // Cell 1 south of the street, its centre (y 300) outside the graph's box; cell 2 over the box.
    const maillon::CellZones zones{{square(0, 200, 200, 50), square(200, 95, 10, 7)}, frame, g.bbox()};
    REQUIRE(zones.zones().size() == 2);
    const auto r = spread(g, zones);
    CHECK(r.how[0] == maillon::SpreadHow::unplaced);
    // Cell 2 straddles the street: it has a way. A cell on the box's edge without way falls back.
    CHECK(r.how[1] == maillon::SpreadHow::ways);
    const maillon::CellZones on_edge{{square(610, 99, 2, 9)}, frame, maillon::BBox{lon_at(0), lat_at(101), lon_at(620), lat_at(99)}};
    const auto e = spread(g, on_edge);
    REQUIRE(e.points.size() == 1);
    CHECK(e.how[0] == maillon::SpreadHow::fallback);
    CHECK(e.points[0].residents == 9.0);
}

TEST_CASE("a cell across the frame's edge keeps the share of its residents its area inside holds", "[population]") {
    const Graph g = street().build();
    // Frame: x up to 100 m east; the cell spans x 0..200: half of it inside.
    const maillon::BBox frame{lon_at(-200), lat_at(300), lon_at(100), lat_at(-200)};
    const maillon::CellZones zones{{square(0, 0, 200, 1000), square(300, 0, 200, 77)}, frame, frame};
    REQUIRE(zones.zones().size() == 1);
    CHECK(zones.cell_of(0) == 0);
    CHECK(zones.share_inside(0) == Approx(0.5).epsilon(1e-3));
    CHECK(zones.zones()[0].residents == Approx(500.0).epsilon(1e-3));
    CHECK(zones.residents_inside() + zones.residents_outside() == Approx(1077.0));
    CHECK(zones.cells_outside() == 1);
    CHECK(zones.contains(0, at(50, 100)));
    CHECK_FALSE(zones.contains(0, at(150, 100)));  // in the cell, outside the frame
    CHECK_FALSE(zones.contains(0, at(50, 300)));   // in the frame, outside the cell
    const auto r = spread(g, zones);
    CHECK(per_zone(r, 1)[0] == Approx(zones.zones()[0].residents).epsilon(1e-12));
    for (const auto& p : r.points) CHECK(p.coord.lon() <= lon_at(100) + 1e-9);
}

TEST_CASE("spreading refuses to make more points than coverage.max_points", "[population]") {
    const Graph g = street().build();
    const maillon::CellZones zones{{square(0, 0, 600, 10)}, maillon::BBox{2.35, 48.86, 2.38, 48.88}, g.bbox()};
    maillon::SpreadParams p;
    p.way_step_m = 1;
    p.max_points = 100;  // 600 pieces of 1 m would be needed
    try {
        spread(g, zones, p);
        FAIL("no error");
    } catch (const maillon::input_error& e) {
        CHECK_THAT(e.what(), Contains("more than 100 population points") && Contains("coverage.max_points"));
    }
}

// --- The population step of the analysis -------------------------------------------------------

TEST_CASE("a building just inside a QPV's edge counts in it, one just outside or on the edge does not", "[population]") {
    const Graph bare = tall_street().build();
    // The cell holding the street's middle, its centre, and a QPV whose west edge runs through it.
    const maillon::GridCellId id = cell_holding(at(300, 400));
    const auto grid = grid_of({{id, 900}});
    const auto near = maillon::grid_cells_near(grid, bare.bbox());
    REQUIRE(near.cells.size() == 1);
    double lon = 0, lat = 0;
    for (const Coord c : near.cells[0].corners) lon += c.lon() / 4, lat += c.lat() / 4;
    const double edge = std::round(lon * 1e7) / 1e7;  // exactly representable as a graph coordinate
    const double two_m = 2.0 / (111195.0 * std::cos(lat * M_PI / 180.0));
    maillon::GraphData d = bare.data();
    for (const double x : {edge - two_m, edge + two_m, edge}) {
        d.building_coord.push_back(Coord::from_degrees(x, lat));
        d.building_floor_m2.push_back(1000);
        d.building_residential_pct.push_back(100);
    }
    const Graph g{std::move(d)};
    const maillon::QpvLayer qpv = layer({{"QNEDGE", edge, lat - 0.0005, edge + 0.003, lat + 0.0005, -1, true}});
    maillon::analysis::PopulationInputs in;
    in.grid = &grid;
    const AnalysisResult r = maillon::analysis::run_analysis(g, qpv, {}, nullptr, in);
    INFO(all_warnings(r));
    REQUIRE(r.model == maillon::PopulationModel::grid);
    // 900 residents over three equal buildings: 300 each; only the one 2 m inside is in the QPV.
    CHECK(r.population.residents_in_extract == Approx(900.0));
    CHECK(r.population.residents_in_qpv == Approx(300.0).epsilon(1e-9));
    const auto* q = row(r, "QNEDGE");
    REQUIRE(q != nullptr);
    CHECK(q->residents == Approx(300.0).epsilon(1e-9));
    CHECK(r.indicators[0].residents == Approx(900.0).epsilon(1e-9));
}

TEST_CASE("QPV populations: each QPV's residents are kept whole inside it, the part beyond the extract flagged",
          "[population]") {
    // The street along y = 400 m, x 0..600 m. QPV Q1 over x 100..300 (wholly in the frame), Q2
    // from x 500 m to far east of the extract: most of it outside.
    const Graph g = with_buildings(tall_street().build(), {{150, 390, 4000, 100}, {250, 410, 2000, 100}, {550, 410, 400, 100}});
    const maillon::QpvLayer qpv = layer({{"QN00001A", 100, 350, 300, 450, 2000}, {"QN00002B", 500, 350, 3500, 450, 12345}});
    const AnalysisResult r = maillon::analysis::run_analysis(g, qpv, {});
    INFO(all_warnings(r));
    CHECK(r.model == maillon::PopulationModel::qpv_population);
    CHECK(r.population.source == "qpv_layer");
    CHECK(r.qpv_residents_known);
    const auto* q1 = row(r, "QN00001A");
    const auto* q2 = row(r, "QN00002B");
    REQUIRE(q1 != nullptr);
    REQUIRE(q2 != nullptr);
    CHECK(q1->covered_share == 1.0);
    CHECK(q1->residents + q1->residents_beyond_reach == Approx(2000.0).epsilon(1e-12));
    CHECK(q1->residents_declared == 2000.0);
    // Q2: 3000 m long, the frame ends 150 m east of B (x 750 m): 250 of its 3000 m inside.
    CHECK(q2->covered_share == Approx(250.0 / 3000.0).epsilon(0.01));
    CHECK(q2->residents + q2->residents_beyond_reach == Approx(12345.0 * q2->covered_share).epsilon(1e-9));
    CHECK(warned(r, "QPV QN00002B (QPV QN00002B): 12,345 residents declared"));
    CHECK(warned(r, "live outside it and are not"));
    CHECK_FALSE(warned(r, "QN00001A"));
    CHECK(r.population.residents_read == 14345.0);
    CHECK(r.population.residents_in_extract + r.population.residents_outside_extract == Approx(14345.0));
    // The territory outside QPV has no residents: its shares stay in hectares.
    CHECK(std::isnan(r.indicators[0].residents));
    CHECK(r.indicators[1].residents == Approx(q1->residents + q2->residents));
}

TEST_CASE("with both sources the grid places residents and the table is checked against it, code by code",
          "[population]") {
    const Graph g = with_buildings(tall_street().build(), {{300, 390, 2000, 100}});
    const maillon::GridCellId id = cell_holding(at(300, 390));
    const auto grid = grid_of({{id, 1000}, {{2029800, 4252000, 200}, 55}});  // and a cell in Corsica
    const maillon::QpvLayer qpv = layer({{"QN00003C", 250, 350, 350, 450}});
    const std::string table_path = "/tmp/maillon-test-spread-table-" + std::to_string(::getpid()) + ".csv";
    std::ofstream{table_path} << "code_qp;population\nQN00003C;2000\nQN99999X;70\nQP075099;80\n";
    const auto table = maillon::load_qpv_population(table_path);
    std::remove(table_path.c_str());
    maillon::analysis::PopulationInputs in{&grid, &table};
    const AnalysisResult r = maillon::analysis::run_analysis(g, qpv, {}, nullptr, in);
    INFO(all_warnings(r));
    CHECK(r.model == maillon::PopulationModel::grid);
    const auto* q = row(r, "QN00003C");
    REQUIRE(q != nullptr);
    CHECK(q->residents == Approx(1000.0).epsilon(1e-9));  // the one building, in the QPV: the cell's residents
    CHECK(q->residents_declared == 2000.0);
    CHECK(warned(r, "the grid places 1,000 residents"));
    CHECK(warned(r, "gives 2,000 for the whole QPV"));
    CHECK(warned(r, "-50 %"));
    CHECK(r.population.table_codes_not_in_layer == std::vector<std::string>{"QN99999X", "QP075099"});
    CHECK(warned(r, "2 of the 3 codes of QPV population table") );
    CHECK(warned(r, "QN99999X, QP075099"));
    CHECK(r.population.residents_read == 1055.0);
    CHECK(r.population.residents_outside_extract == Approx(55.0));
    CHECK(warned(r, "55 of its 1,055 residents live outside the extract's reach"));
}

TEST_CASE("a grid with no cell in the extract keeps the area model, with a warning", "[population]") {
    const Graph g = street().build();
    const auto grid = grid_of({{{2029800, 4252000, 200}, 55}});  // Corsica
    const maillon::QpvLayer qpv = layer({{"QN00004D", 250, 50, 350, 150}});
    const AnalysisResult r = maillon::analysis::run_analysis(g, qpv, {}, nullptr, {&grid, nullptr});
    CHECK(r.model == maillon::PopulationModel::area);
    CHECK_FALSE(r.qpv_residents_known);
    CHECK(warned(r, "no cell of population grid 'test-grid.csv' (1 cells, 55 residents) lies in the extract's reach"));
    CHECK(warned(r, "The area model is kept"));
    CHECK(r.population.residents_outside_extract == 55.0);
}

TEST_CASE("population beyond walking reach is counted and warned about above coverage.max_beyond_reach_share",
          "[population]") {
    // Ways along the north edge and the east edge only: the south-west of the box has none.
    // Ways along y = 0 (x 0..1200 m) and down x = 800 m (y 0..600 m) only.
    std::string map = "A---------------E-------B\n";
    for (int i = 0; i < 11; ++i) map += "                |\n";
    map += "                C\n";
    const Scenario s{map, {{"AEB", residential}, {"EC", residential}}, {}, 50.0};
    const Graph g = s.build();
    // A cell in the empty south-west (its centre over 200 m from both ways), one on the x = 800 way.
    const auto grid = grid_of({{cell_holding(at(200, 350)), 800}, {cell_holding(at(800, 300)), 200}});
    const AnalysisResult r = maillon::analysis::run_analysis(g, {}, {}, nullptr, {&grid, nullptr});
    INFO(all_warnings(r));
    REQUIRE(r.model == maillon::PopulationModel::grid);
    REQUIRE(r.population.cells_at_centre == 1);
    REQUIRE(r.population.cells_on_ways == 1);
    CHECK(r.population.residents_outside_extract == 0.0);
    CHECK(r.population.residents_beyond_reach == Approx(800.0).epsilon(1e-9));
    CHECK(r.population.share_beyond_reach == Approx(0.8).epsilon(1e-6));
    CHECK(r.population_unsnapped == 1);
    CHECK(warned(r, "80 % of the population (1 of "));
    CHECK(warned(r, "800 residents) lies farther than 150 m from any walkable way"));
    CHECK(r.indicators[0].residents == Approx(200.0).epsilon(1e-9));
    CHECK(r.indicators[0].residents_beyond_reach == Approx(800.0).epsilon(1e-9));
    maillon::AnalysisProfile lenient;
    lenient.coverage.max_beyond_reach_share = 0.9;
    CHECK_FALSE(warned(maillon::analysis::run_analysis(g, {}, lenient, nullptr, {&grid, nullptr}), "beyond walking reach"));
}

TEST_CASE("one QPV polygon covering the whole world costs no more than the extract, and the bound is enforced",
          "[population]") {
    // Regression (issue 11): points were generated over the whole QPV, billions of them.
    const Graph g = street().build();
    const maillon::QpvLayer world = layer({{"QNWORLD", -179.9, -89.0, 179.9, 89.0, -1, true}});
    const AnalysisResult r = maillon::analysis::run_analysis(g, world, {});
    // The frame: 600 + 300 m by 300 m, one point every 25 m: about 430 points.
    CHECK(r.population_points > 300);
    CHECK(r.population_points < 600);
    maillon::AnalysisProfile tight;
    tight.coverage.max_points = 1000;
    tight.coverage.point_spacing_m = 5;  // 36 times as many points: over the bound
    try {
        maillon::analysis::run_analysis(g, world, tight);
        FAIL("no error");
    } catch (const maillon::input_error& e) {
        CHECK_THAT(e.what(), Contains("QPV QNWORLD") && Contains("more than coverage.max_points (1000)") &&
                                 Contains("a QPV is a neighbourhood, not a region"));
    }
}

TEST_CASE("more residents near a gap give it more QPV residents and a higher score, all else equal", "[population]") {
    // Three identical gaps (residential B..C, 200 m, between cycleways) 400 m apart with no walking
    // link between them; one QPV over all; each gap's street crossed by its own grid cell.
    const std::string bank = "A--B---C--D";
    const Scenario s{"\n\n" + bank + "\n\n\n\n\n\n\n\nE--F---G--H\n\n\n\n\n\n\n\nI--J---K--L\n",
                     {{"AB", cycleway}, {"BC", residential}, {"CD", cycleway},
                      {"EF", cycleway}, {"FG", residential}, {"GH", cycleway},
                      {"IJ", cycleway}, {"JK", residential}, {"KL", cycleway}},
                     {}, 50.0};
    const Graph g = s.build();
    const maillon::QpvLayer qpv = layer({{"QNALL", -100, 0, 600, 1000}});
    maillon::AnalysisProfile profile = scenario_profile();
    profile.benefit.origins = 0;  // no trips: only the QPV term differs
    const auto run = [&](double near_first, double near_second) {
        const auto grid = grid_of({{cell_holding(at(250, 100)), near_first}, {cell_holding(at(250, 500)), near_second},
                                   {cell_holding(at(250, 900)), 3000}});
        return maillon::analysis::run_analysis(g, qpv, profile, nullptr, {&grid, nullptr});
    };
    const auto gap_of = [&](const AnalysisResult& r, char from, char to) -> const maillon::Gap& {
        for (const auto& gap : r.gaps) {
            if ((gap.from == Scenario::node(g, from) && gap.to == Scenario::node(g, to)) ||
                (gap.from == Scenario::node(g, to) && gap.to == Scenario::node(g, from))) {
                return gap;
            }
        }
        FAIL("no gap " << from << to);
        return r.gaps.front();
    };
    const AnalysisResult base = run(1000, 1000);
    const AnalysisResult more = run(1500, 1000);
    INFO(all_warnings(base));
    REQUIRE(base.model == maillon::PopulationModel::grid);
    REQUIRE(base.gaps.size() == 3);
    const auto& a0 = gap_of(base, 'B', 'C');
    const auto& a1 = gap_of(more, 'B', 'C');
    const auto& b0 = gap_of(base, 'F', 'G');
    const auto& b1 = gap_of(more, 'F', 'G');
    CHECK(a0.qpv_residents == Approx(1000.0).epsilon(1e-6));
    CHECK(a1.qpv_residents == Approx(1500.0).epsilon(1e-6));
    CHECK(b0.qpv_residents == Approx(b1.qpv_residents));
    CHECK(a0.score == Approx(b0.score).epsilon(1e-3));  // lengths differ by 1e-4 from one latitude to the next
    CHECK(a1.qpv_term > a0.qpv_term);
    CHECK(a1.score > a0.score);
    CHECK(b1.score == Approx(b0.score));
    CHECK(a1.rank < b1.rank);
    const AnalysisResult other = run(1000, 1500);
    CHECK(gap_of(other, 'F', 'G').rank < gap_of(other, 'B', 'C').rank);
}

TEST_CASE("planned stations are ranked by the QPV residents they add, not by the QPV area", "[population]") {
    // QPV "vaste": 400 × 200 m, 100 residents; QPV "dense": 100 × 100 m, 3000 residents. Station P1
    // by the vast one, P2 by the dense one, 600 m apart along the street.
    // The street is nine ways of 100 m, so that the graph has a node every 100 m: catchments walk
    // from nodes (a point in the middle of one long edge is reached through its ends only).
    const Scenario s{"\n\nA-B-C-D-E-F-G-H-I-J\n",
                     {{"AB", residential}, {"BC", residential}, {"CD", residential}, {"DE", residential}, {"EF", residential},
                      {"FG", residential}, {"GH", residential}, {"HI", residential}, {"IJ", residential}},
                     {}, 50.0};
    const Graph g = with_buildings(s.build(), {{150, 90, 500, 100}, {750, 110, 8000, 100}});
    const maillon::QpvLayer qpv = layer({{"QNVASTE", 0, 0, 400, 200, 100}, {"QNDENSE", 700, 50, 800, 150, 3000}});
    maillon::analysis::StationInputs st;
    st.planned = {{"P1", "Vaste", at(200, 100), maillon::StationStatus::planned, true, 20},
                  {"P2", "Dense", at(750, 100), maillon::StationStatus::planned, true, 20}};
    st.params.suggestions = 0;
    const AnalysisResult r = maillon::analysis::run_analysis(g, qpv, scenario_profile(), &st);
    INFO(all_warnings(r));
    REQUIRE(r.qpv_residents_known);
    const maillon::StationResult* p1 = nullptr;
    const maillon::StationResult* p2 = nullptr;
    for (const auto& x : r.stations.stations) (x.site.id == "P1" ? p1 : p2) = &x;
    REQUIRE(p1 != nullptr);
    REQUIRE(p2 != nullptr);
    CHECK(p1->standalone_qpv > p2->standalone_qpv);  // more QPV hectares near P1…
    CHECK(p2->standalone_qpv_residents == Approx(3000.0).epsilon(1e-9));  // …many more residents near P2
    CHECK(p1->standalone_qpv_residents == Approx(100.0).epsilon(1e-9));
    CHECK(p2->rank == 1);
    CHECK(p1->rank == 2);
    CHECK(p2->marginal_qpv_residents == Approx(3000.0).epsilon(1e-9));
}

TEST_CASE("sampled trips run from homes to the imported places: a gap with no place within reach gets none",
          "[population]") {
    // Two banks 400 m apart with no link between them; a bakery only by the northern one (node S, 50 m north of
    // its street). Without any place, trips run between homes and both gaps carry some.
    const std::string north = "A--B---C--D", south = "E--F---G--H";
    const auto scenario = [&](bool bakery) {
        return Scenario{"\n" + std::string(bakery ? "     S" : "") + "\n" + north + "\n\n\n\n\n\n\n\n" + south + "\n",
                        {{"AB", cycleway}, {"BC", residential}, {"CD", cycleway},
                         {"EF", cycleway}, {"FG", residential}, {"GH", cycleway}},
                        bakery ? std::map<char, Tags>{{'S', {{"shop", "bakery"}, {"name", "Boulangerie"}}}} : std::map<char, Tags>{},
                        50.0};
    };
    const auto trips = [](const Graph& g, const AnalysisResult& r, char from, char to) {
        for (const auto& gap : r.gaps) {
            if ((gap.from == Scenario::node(g, from) && gap.to == Scenario::node(g, to)) ||
                (gap.from == Scenario::node(g, to) && gap.to == Scenario::node(g, from))) {
                return gap.trips;
            }
        }
        FAIL("no gap " << from << to);
        return -1.0;
    };
    const Graph with_place = scenario(true).build();
    REQUIRE(with_place.poi_count() == 1);
    const AnalysisResult r = maillon::analysis::run_analysis(with_place, {}, scenario_profile());
    CHECK(trips(with_place, r, 'B', 'C') > 0);
    CHECK(trips(with_place, r, 'F', 'G') == 0);
    const Graph homes = scenario(false).build();
    REQUIRE(homes.poi_count() == 0);
    const AnalysisResult h = maillon::analysis::run_analysis(homes, {}, scenario_profile());
    CHECK(trips(homes, h, 'B', 'C') > 0);
    CHECK(trips(homes, h, 'F', 'G') > 0);
}
