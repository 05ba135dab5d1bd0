// Measures and ranking of the listed gaps (docs/ranking.md) on ASCII-map scenarios with QPV
// layers drawn over them (support/support.hpp): QPV coverage within 300 m on foot, residents when
// the layer gives populations, the order of the ranking, and the QPV indicators. The benefit cut is
// out of the way (gaps.min_benefit tiny): test_gaps_detect.cpp tests it.

#include "maillon/analysis/analysis.hpp"
#include "maillon/analysis/results_json.hpp"
#include "maillon/gaps.hpp"
#include "scenario.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using maillon::AnalysisProfile;
using maillon::Gap;
using maillon::GapClass;
using maillon::GapKind;
using maillon::Graph;
using maillon::NodeId;
using maillon::QpvLayer;
using maillon::analysis::AnalysisResult;
using maillon::test::describe;
using maillon::test::find_gap;
using maillon::test::qpv_layer;
using maillon::test::Scenario;
using maillon::test::Tags;
using maillon::test::TestQpv;

namespace {

const Tags cycleway{{"highway", "cycleway"}};
const Tags residential{{"highway", "residential"}};

AnalysisProfile profile() {
    AnalysisProfile p;
    p.gaps.min_benefit = 1e-9;
    p.area.edge_m = 0;  // a scenario is all edge: no gap is flagged for it
    return p;
}

const maillon::analysis::IndicatorRow* row_of(const AnalysisResult& r, const std::string& code) {
    for (const auto& row : r.indicators) {
        if (row.scope == "qpv" && row.code == code) return &row;
    }
    return nullptr;
}

/// The two-gap map of the QPV tests (grid 20 m): gap 1 is the residential street B..C (120 m,
/// x 100..220 m) at y = 120 m; gap 2 is F..G, the same 160 m further south across a "river" (no
/// way at all between the two banks). Cycleways A-B, C-D, E-F, G-H (100 m each).
Scenario two_banks() {
    return Scenario{R"(





A----B-----C----D







E----F-----G----H
)",
                    {{"AB", cycleway}, {"BC", residential}, {"CD", cycleway},
                     {"EF", cycleway}, {"FG", residential}, {"GH", cycleway}},
                    {},
                    20.0};
}

}  // namespace

// --- QPV coverage, ranking, residents ----------------------------------------------------------

TEST_CASE("a gap within 300 m on foot of a QPV covers it; one across a river with no walking link does not", "[gaps]") {
    const Scenario s = two_banks();
    const Graph g = s.build();
    // The QPV straddles street B..C (y = 120 m): x 110..210 m, y 80..140 m. Its southern edge is
    // 140 m from street F..G in a straight line, but no way crosses the river.
    const QpvLayer qpv = qpv_layer({{"QTEST01", "Les Berges", 110, 80, 210, 140}});
    const AnalysisResult r = maillon::analysis::run_analysis(g, qpv, profile());
    INFO(describe(g, r.gaps));
    REQUIRE(r.qpv_in_area == 1);
    REQUIRE(r.gaps.size() == 2);
    const Gap* near = find_gap(g, r.gaps, 'B', 'C');
    const Gap* across = find_gap(g, r.gaps, 'F', 'G');
    REQUIRE(near != nullptr);
    REQUIRE(across != nullptr);
    CHECK(near->qpv_weight > 0);
    REQUIRE(near->qpvs.size() == 1);
    CHECK(qpv[static_cast<std::size_t>(near->qpvs[0])].code == "QTEST01");
    // The whole QPV (100 m × 60 m) is within 300 m on foot of B..C: all of its weight.
    const auto* row = row_of(r, "QTEST01");
    REQUIRE(row != nullptr);
    CHECK(row->weight > 0);
    CHECK(near->qpv_weight == Approx(row->weight));
    CHECK(across->qpv_weight == 0);
    CHECK(across->qpvs.empty());
    CHECK(across->all_weight > 0);  // it does cover territory on its own bank
    // The QPV term makes the covering gap rank first.
    CHECK(near->rank == 1);
    CHECK(near->qpv_term == Approx(1.0));
    CHECK(across->qpv_term == 0);
    const auto p = maillon::analysis::gap_properties(g, qpv, r, *near);
    CHECK(p["qpv_codes"] == maillon::analysis::json::array({"QTEST01"}));
    CHECK(p["qpv_names"] == maillon::analysis::json::array({"Les Berges"}));
}

TEST_CASE("a QPV along the middle of a long gap street is covered by that gap", "[gaps]") {
    // Grid 20 m: cycleways A-B and C-D (100 m), residential B..C of 580 m along y = 100 m
    // (B at x = 100, C at x = 680 m). The QPV straddles the middle of the street: x 340..440 m,
    // y 40..160 m; every point of it is within 60 m of the street the gap would equip, so all of
    // it is within 300 m on foot of the gap (docs/ranking.md: qpv_weight is the QPV population
    // "within coverage.walk_m (300 m) on foot along the network of any point of the gap").
    // KNOWN BUG (reported): measure_gaps (engine/src/gap_measure.cpp) starts the walking search
    // from the gap's nodes only (from, to and the heads of its arcs); on a long edge the points
    // near its middle are 250-330 m along the street from either end, so part of the QPV is lost.
    const Scenario s{R"(




A----B----------------------------C----D
)",
                     {{"AB", cycleway}, {"BC", residential}, {"CD", cycleway}},
                     {},
                     20.0};
    const Graph g = s.build();
    const QpvLayer qpv = qpv_layer({{"QTEST07", "Le Milieu", 340, 40, 440, 160}});
    const AnalysisResult r = maillon::analysis::run_analysis(g, qpv, profile());
    INFO(describe(g, r.gaps));
    REQUIRE(r.gaps.size() == 1);
    const auto* row = row_of(r, "QTEST07");
    REQUIRE(row != nullptr);
    REQUIRE(row->weight > 0);
    CHECK(r.gaps[0].qpv_weight == Approx(row->weight));
}

TEST_CASE("of two identical gaps the one next to a QPV ranks first", "[gaps]") {
    const Scenario s = two_banks();
    const Graph g = s.build();
    // The QPV straddles the southern street F..G (y = 280 m): the gap with the later labels, which
    // would not win a tie on node order.
    const QpvLayer qpv = qpv_layer({{"QTEST02", "Rive Sud", 110, 260, 210, 320}});
    const AnalysisResult r = maillon::analysis::run_analysis(g, qpv, profile());
    INFO(describe(g, r.gaps));
    REQUIRE(r.gaps.size() == 2);
    const Gap* north = find_gap(g, r.gaps, 'B', 'C');
    const Gap* south = find_gap(g, r.gaps, 'F', 'G');
    REQUIRE(north != nullptr);
    REQUIRE(south != nullptr);
    CHECK(north->length_m == Approx(south->length_m).margin(0.5));
    CHECK(north->gap_class == south->gap_class);
    CHECK(south->qpv_weight > 0);
    CHECK(north->qpv_weight == 0);
    CHECK(south->score > north->score);
    CHECK(south->rank == 1);
    CHECK(north->rank == 2);
}

TEST_CASE("a larger QPV area near a gap raises its QPV weight and its score", "[gaps]") {
    const Scenario s = two_banks();
    const Graph g = s.build();
    // QPV B (fixed, 100 × 80 m) on the southern gap; QPV A on the northern gap, 100 m × 40 m then
    // 100 m × 100 m, all of it within 300 m on foot of street B..C.
    const TestQpv south{"QTEST0B", "Sud", 110, 240, 210, 320};
    const AnalysisResult small = maillon::analysis::run_analysis(g, qpv_layer({{"QTEST0A", "Nord", 110, 100, 210, 140}, south}), profile());
    const AnalysisResult large = maillon::analysis::run_analysis(g, qpv_layer({{"QTEST0A", "Nord", 110, 60, 210, 160}, south}), profile());
    const Gap* a_small = find_gap(g, small.gaps, 'B', 'C');
    const Gap* a_large = find_gap(g, large.gaps, 'B', 'C');
    REQUIRE(a_small != nullptr);
    REQUIRE(a_large != nullptr);
    INFO("small: " << describe(g, small.gaps) << "\nlarge: " << describe(g, large.gaps));
    CHECK(a_large->qpv_weight > a_small->qpv_weight);
    CHECK(a_large->qpv_term > a_small->qpv_term);
    CHECK(a_large->score > a_small->score);
}

TEST_CASE("rank_gaps orders gaps equal in everything but QPV weight by that weight, data issues last", "[gaps]") {
    const auto make = [](double qpv_weight, std::uint32_t from) {
        Gap gap;
        gap.from = from;
        gap.to = from + 1;
        gap.gap_class = GapClass::street;
        gap.length_m = 100;
        gap.trips = 10;
        gap.detour_removed_m = 200;
        gap.network_km_joined = 3;
        gap.qpv_weight = qpv_weight;
        return gap;
    };
    std::vector<Gap> gaps{make(1.0, 0), make(0.0, 2), make(2.0, 4), make(0.5, 6)};
    Gap data = make(5.0, 8);  // the largest QPV weight, but a mapping error
    data.kind = GapKind::close_far;
    data.gap_class = GapClass::data;
    data.length_m = 5;
    gaps.insert(gaps.begin(), data);
    maillon::rank_gaps(gaps, maillon::RankingParams{});
    REQUIRE(gaps.size() == 5);
    std::vector<double> order;
    std::vector<std::uint32_t> ranks;
    for (const Gap& gap : gaps) {
        order.push_back(gap.qpv_weight);
        ranks.push_back(gap.rank);
    }
    CHECK(order == std::vector<double>{2.0, 1.0, 0.5, 0.0, 5.0});
    CHECK(ranks == std::vector<std::uint32_t>{1, 2, 3, 4, 0});
    CHECK(gaps[0].qpv_term == Approx(1.0));  // normalised by the largest ranked weight, not the data issue's
    CHECK(gaps[1].qpv_term == Approx(0.5));
    for (std::size_t i = 0; i + 2 < gaps.size(); ++i) CHECK(gaps[i].score > gaps[i + 1].score);

    // Raising one gap's QPV weight (the others unchanged) raises its score.
    std::vector<Gap> more{make(1.0, 0), make(2.0, 4)};
    std::vector<Gap> less = more;
    more[0].qpv_weight = 1.5;
    maillon::rank_gaps(more, maillon::RankingParams{});
    maillon::rank_gaps(less, maillon::RankingParams{});
    const auto score_of = [](const std::vector<Gap>& v, NodeId from) {
        for (const Gap& gap : v) {
            if (gap.from == from) return gap.score;
        }
        return -1.0;
    };
    CHECK(score_of(more, 0) > score_of(less, 0));
    CHECK(score_of(more, 4) == Approx(score_of(less, 4)));
}

TEST_CASE("with a population field a gap's QPV residents and the indicators are resident counts", "[gaps]") {
    const Scenario s = two_banks();
    const Graph g = s.build();
    const QpvLayer qpv = qpv_layer({{"QTEST03", "Les Berges", 110, 80, 210, 140, 1234.0}});
    REQUIRE(qpv.fields.population == "population");
    const AnalysisResult r = maillon::analysis::run_analysis(g, qpv, profile());
    INFO(describe(g, r.gaps));
    CHECK(r.qpv_residents_known);
    const Gap* near = find_gap(g, r.gaps, 'B', 'C');
    REQUIRE(near != nullptr);
    REQUIRE_FALSE(std::isnan(near->qpv_residents));
    // Every point of this small QPV is within 300 m on foot of B..C: all its residents.
    CHECK(near->qpv_residents == Approx(1234.0).margin(1.0));
    const auto p = maillon::analysis::gap_properties(g, qpv, r, *near);
    CHECK(p["qpv_pop"] == 1234);
    const auto* row = row_of(r, "QTEST03");
    REQUIRE(row != nullptr);
    CHECK(row->residents == Approx(1234.0).margin(1.0));
    CHECK(r.indicators[1].scope == "all_qpv");
    CHECK(r.indicators[1].residents == Approx(1234.0).margin(1.0));
    const auto j = maillon::analysis::indicators_json(r, {});
    CHECK(j["qpv_residents_known"] == true);
    CHECK(j["rows"][2]["residents"] == 1234);
}

TEST_CASE("without a population field residents are unknown, never presented as counts", "[gaps]") {
    const Scenario s = two_banks();
    const Graph g = s.build();
    const QpvLayer qpv = qpv_layer({{"QTEST04", "Les Berges", 110, 80, 210, 140}});
    REQUIRE(qpv.fields.population.empty());
    const AnalysisResult r = maillon::analysis::run_analysis(g, qpv, profile());
    INFO(describe(g, r.gaps));
    CHECK(r.model == maillon::PopulationModel::area);
    CHECK_FALSE(r.qpv_residents_known);
    const Gap* near = find_gap(g, r.gaps, 'B', 'C');
    REQUIRE(near != nullptr);
    CHECK(near->qpv_weight > 0);
    CHECK(std::isnan(near->qpv_residents));
    const auto p = maillon::analysis::gap_properties(g, qpv, r, *near);
    CHECK(p["qpv_pop"].is_null());
    CHECK(p["weight_unit"] == "ha");
    // docs/data-dictionary.md: qpv_pop is null when the layer has no population, also for a gap
    // that covers no QPV (not 0: that would present a count).
    const Gap* across = find_gap(g, r.gaps, 'F', 'G');
    REQUIRE(across != nullptr);
    CHECK(across->qpvs.empty());
    CHECK(maillon::analysis::gap_properties(g, qpv, r, *across)["qpv_pop"].is_null());
    for (const auto& row : r.indicators) {
        INFO(row.scope << " " << row.code);
        CHECK(std::isnan(row.residents));
    }
    const auto j = maillon::analysis::indicators_json(r, {});
    CHECK(j["qpv_residents_known"] == false);
    for (const auto& row : j["rows"]) CHECK(row["residents"].is_null());
}

// --- Indicators ------------------------------------------------------------------------------

TEST_CASE("a small QPV crossed by the network between two of its nodes is wholly near it and counts the km inside",
          "[gaps]") {
    // Grid 50 m: cycleway A-P-Q-B along y = 100 m (three ways, so P and Q are network nodes),
    // P and Q at x = 350 and 450 m: 100 m of it inside the QPV x 350..450, y 50..150 m.
    const Scenario s{R"(

A------P-Q------B
)",
                     {{"AP", cycleway}, {"PQ", cycleway}, {"QB", cycleway}},
                     {},
                     50.0};
    const Graph g = s.build();
    const QpvLayer qpv = qpv_layer({{"QTEST05", "Le Passage", 350, 50, 450, 150}});
    const AnalysisResult r = maillon::analysis::run_analysis(g, qpv, profile());
    REQUIRE(r.indicators.size() == 3);
    const auto& territory = r.indicators[0];
    const auto& all_qpv = r.indicators[1];
    const auto* row = row_of(r, "QTEST05");
    REQUIRE(row != nullptr);
    for (const auto* x : {&territory, &all_qpv, row}) {
        INFO(x->scope);
        CHECK(x->share_near_network() >= 0.0);
        CHECK(x->share_near_network() <= 1.0);
        CHECK(x->share_near_low_stress() >= 0.0);
        CHECK(x->share_near_low_stress() <= 1.0);
    }
    CHECK(row->weight == Approx(1.0).margin(0.05));  // 1 ha of 25 m grid points
    CHECK(row->share_near_network() == Approx(1.0));
    CHECK(row->share_near_low_stress() == Approx(1.0));  // a cycleway is LTS 1
    CHECK(row->km_network_inside == Approx(0.1).margin(0.002));
    CHECK(row->km_network_within >= row->km_network_inside);
    CHECK(all_qpv.km_network_inside == Approx(row->km_network_inside));
    CHECK(territory.km_network_inside == Approx(0.8).margin(0.005));
    CHECK(territory.km_network_inside == Approx(r.network_km));
    const auto j = maillon::analysis::indicators_json(r, {});
    CHECK(j["walk_m"] == 300.0);
}

TEST_CASE("a small QPV crossed by one long network edge is near the network and counts only the km inside",
          "[gaps]") {
    // Grid 50 m: one cycleway A-B, 800 m, a single straight segment along y = 100 m, through the
    // middle of the QPV x 350..450, y 50..150 m. Every point of the QPV is within 50 m of the
    // cycleway: share 1 at walk_m = 300. 100 m of it lies inside the QPV. (docs/data-dictionary.md:
    // share_near_network is the "share of the population within 300 m on foot of the cycle
    // network"; km_network_inside the "cycle network inside the QPV".)
    // KNOWN BUGS (reported): indicators.cpp starts the walking search from network *nodes* only
    // (network_sources), so points snapped to the middle of a long network edge, 350-450 m from
    // both ends, are not counted as near it; and km_network_inside adds each shape segment whole
    // when its midpoint is inside, so the 800 m segment counts 0.8 km inside a 100 m wide QPV.
    const Scenario s{R"(

A---------------B
)",
                     {{"AB", cycleway}},
                     {},
                     50.0};
    const Graph g = s.build();
    const QpvLayer qpv = qpv_layer({{"QTEST06", "Le Passage", 350, 50, 450, 150}});
    const AnalysisResult r = maillon::analysis::run_analysis(g, qpv, profile());
    const auto* row = row_of(r, "QTEST06");
    REQUIRE(row != nullptr);
    CHECK(row->share_near_network() == Approx(1.0));
    CHECK(row->km_network_inside == Approx(0.1).margin(0.01));
}
