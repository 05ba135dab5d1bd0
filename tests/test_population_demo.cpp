// The demo's residents (tests/data/paris-republique.osm.pbf, the QPV 2024 layer, INSEE Filosofi 2021 cells of
// central Paris): the totals, the top gap and the Grand Belleville row, against figures worked out independently:
//   - tests/population/check_demo_residents.py (ctest population_demo_recomputed) recomputes the whole model in
//     Python with PROJ's cs2cs: 363,605 read, 109,690.4 in the extract's reach, 1,409.9 residents of Grand
//     Belleville within walking reach, 807.7 QPV residents within 300 m of gap 1 (Rue des Couronnes);
//   - by hand (shapely on the QPV layer, pyproj for the cells): 50.86 % of Grand Belleville's area (19.35 ha in this
//     simplified layer) lies in the extract's reach (lon 2.3495-2.3828, lat 48.8562-48.8713); the part of it with
//     streets is the strip 48.8684-48.8700 N north of Boulevard de Belleville, whose central cycleway runs along the
//     QPV's southern edge: every resident placed there is within 300 m on foot of the cycle network (share 100 %),
//     15.7 points above the territory (84.3 %);
//   - the cells of Grand Belleville's north part (north of 48.8700 N, the extract's last node) have no way in it:
//     their residents go to the cells' ways further south, mostly outside the QPV. So the QPV holds 1,410 residents
//     where the cells' area alone would give about 4,550: the model counts people where the extract's ways are.

#include "maillon/analysis/analysis.hpp"
#include "maillon/analysis/results_json.hpp"
#include "maillon/importers/osm_import.hpp"

#include <catch2/catch.hpp>

#include <string>

namespace {

const std::string data_dir = MAILLON_TEST_DATA;

struct Demo {
    maillon::Graph g = maillon::importers::import_osm(data_dir + "/paris-republique.osm.pbf");
    maillon::QpvLayer qpv = maillon::load_qpv(data_dir + "/qpv2024-idf-simplified.geojson");
    maillon::PopulationGrid grid = maillon::load_population_grid(data_dir + "/filosofi2021-paris-centre-200m.csv");
    maillon::analysis::AnalysisResult r = maillon::analysis::run_analysis(g, qpv, {}, nullptr, {&grid, nullptr});
};

const Demo& demo() {
    static const Demo d;
    return d;
}

}  // namespace

TEST_CASE("the demo counts INSEE's residents: read, in the extract's reach, outside, in QPV", "[population][demo]") {
    const auto& r = demo().r;
    CHECK(r.model == maillon::PopulationModel::grid);
    CHECK(r.qpv_residents_known);
    CHECK(r.population.source == "grid");
    CHECK(r.population.residents_read == Approx(363605.0));
    CHECK(r.population.residents_in_extract == Approx(109690.4).margin(0.5));
    CHECK(r.population.residents_in_extract + r.population.residents_outside_extract == Approx(363605.0));
    CHECK(r.population.residents_in_qpv == Approx(1409.9).margin(0.5));
    CHECK(r.population.residents_beyond_reach == Approx(0.0).margin(0.5));
    CHECK(r.population_points == 5388);
    CHECK(r.population.cells_read == 309);
    bool outside_reported = false;
    for (const auto& w : r.warnings) outside_reported |= w.find("253,915 of its 363,605 residents live outside") != std::string::npos;
    CHECK(outside_reported);
}

TEST_CASE("the demo's top gap is ranked by the QPV residents it serves", "[population][demo]") {
    const auto& d = demo();
    REQUIRE_FALSE(d.r.gaps.empty());
    const maillon::Gap& top = d.r.gaps.front();
    CHECK(top.rank == 1);
    CHECK(top.qpv_residents == Approx(1203.1).margin(3.0));  // tests/population/check-demo.sh recomputes it
    // The QPV term counts residents: the top gap serves the most QPV residents of all ranked gaps.
    for (const maillon::Gap& gap : d.r.gaps) CHECK(gap.qpv_residents <= top.qpv_residents);
    CHECK(top.qpv_term == Approx(1.0));
    const auto p = maillon::analysis::gap_properties(d.g, d.qpv, d.r, top);
    CHECK(p["qpv_pop"] == 1203);
    CHECK(p["weight_unit"] == "residents");
    CHECK(p["street_names"] == maillon::analysis::json::array({"Esplanade Roger Linet", "Rue Jean-Pierre Timbaud"}));
    // Its reason, word for word: 131.2 m joining two separate network pieces (the Timbaud track
    // and the Esplanade's), serving Grand Belleville's residents counted above.
    CHECK(p["reason_fr"] == "Relie deux tronçons séparés de 130\u00A0m, dessert 1\u00A0203\u00A0habitants de Grand Belleville.");
}

TEST_CASE("the demo's Grand Belleville row, checked by hand", "[population][demo]") {
    const auto& r = demo().r;
    const maillon::analysis::IndicatorRow* gb = nullptr;
    for (const auto& row : r.indicators) {
        if (row.code == "QN07519M") gb = &row;
    }
    REQUIRE(gb != nullptr);
    CHECK(gb->name == "Grand Belleville");
    CHECK(gb->residents == Approx(1409.9).margin(0.5));
    CHECK(gb->residents_beyond_reach == 0.0);
    CHECK(std::isnan(gb->residents_declared));
    CHECK(gb->covered_share == Approx(0.5086).margin(0.002));
    CHECK(gb->area_ha == Approx(19.35).margin(0.01));
    CHECK(gb->residents_near_network == Approx(gb->residents));
    CHECK(gb->share_near_network() == Approx(1.0));
    const auto& territory = r.indicators.front();
    CHECK(territory.residents == Approx(109690.4).margin(0.5));
    CHECK(territory.share_near_network() == Approx(0.8471).margin(0.0005));  // 0.8435 before the separate bus lanes (Rue du Renard…) counted as network
    const auto j = maillon::analysis::indicators_json(r, {});
    const auto& row = j["rows"][2];
    REQUIRE(row["code"] == "QN07519M");
    CHECK(row["share_of"] == "residents");
    CHECK(row["residents"] == 1410);
    // Half of Grand Belleville lies outside the extract: partial, its share is not compared with
    // the territory's (issue 13: no "+15.7 points" that the missing half could turn around).
    CHECK(row["partial"] == true);
    CHECK(row["diff_points_near_network"].is_null());
    CHECK(row["note"] == "QPV en partie hors de la zone étudiée : parts non comparées au territoire");
    CHECK(row["qpv_covered_share"] == Approx(0.5086).margin(0.002));
}
