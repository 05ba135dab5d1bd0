// Missing links of the cycle network (docs/gaps.md) on ASCII-map scenarios (support/scenario.hpp),
// through the whole pipeline (maillon::analysis::run_analysis): Identify, Prioritize, Decluster,
// Classify. The expected answers come from the rules of docs/gaps.md, worked out by hand on each
// map:
//   - candidate ends are network nodes that a way outside the network touches (any degree); a
//     candidate is the shortest path between two of them with no network edge on it, up to
//     max_gap_m, kept when the network joins its ends only with a detour > 1.5x, or not at all;
//   - declustering extracts, per cluster of candidate edges, the paths between network nodes where
//     the cluster does not simply continue; nothing is merged transitively;
//   - interruptions of at most junction_m (15 m) are listed only when the road ridden or crossed is
//     stressful (LTS >= 3);
//   - data issues: network pieces a few metres apart, a car-free way open to bikes that carries the
//     network straight on at both ends (an untagged track).
// Unless a test is about the benefit cut, the profile lists every project with any benefit
// (gaps.min_benefit tiny) and has no straight links (close_far_straight_m = 5 m) so that each map
// shows one rule.
//
// Geometry (support/scenario.cpp): a character is grid_m metres east (10 m unless said), a line
// grid_m metres south; the first line of a raw string is row 0.

#include "maillon/analysis/analysis.hpp"
#include "maillon/analysis/results_json.hpp"
#include "maillon/gaps.hpp"
#include "scenario.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

using maillon::AnalysisProfile;
using maillon::DataIssue;
using maillon::Gap;
using maillon::GapClass;
using maillon::GapKind;
using maillon::GapStatus;
using maillon::Graph;
using maillon::QpvLayer;
using maillon::Treatment;
using maillon::analysis::AnalysisResult;
using maillon::test::describe;
using maillon::test::find_gap;
using maillon::test::Scenario;
using maillon::test::Tags;

namespace {

const Tags cycleway{{"highway", "cycleway"}};
const Tags residential{{"highway", "residential"}};
const Tags busy_primary{{"highway", "primary"}, {"lanes", "4"}};

/// Every project with any benefit is listed; no straight links: the rules of Identify alone.
AnalysisProfile rules_profile() {
    AnalysisProfile p;
    p.gaps.min_benefit = 1e-9;
    p.gaps.close_far_straight_m = 5;
    p.area.edge_m = 0;  // a scenario is all edge: no gap is flagged for it
    return p;
}

AnalysisResult analyze(const Graph& g, const AnalysisProfile& profile = rules_profile()) {
    return maillon::analysis::run_analysis(g, QpvLayer{}, profile);
}

/// The simplest gap: a link B..C of 100 m between the cycleways A-B and C-D (60 m each).
Scenario link_between_cycleways(const Tags& link) {
    return Scenario{"\nA-----B---------C-----D\n", {{"AB", cycleway}, {"BC", link}, {"CD", cycleway}}};
}

/// The one listed gap, between these two labelled nodes (fails the test otherwise).
const Gap& only_gap(const Graph& g, const AnalysisResult& r, char a, char b) {
    INFO(describe(g, r.gaps) << "\nsecondary " << describe(g, r.candidates));
    REQUIRE(r.gaps.size() == 1);
    const Gap* gap = find_gap(g, r.gaps, a, b);
    REQUIRE(gap != nullptr);
    return *gap;
}

std::size_t count_status(const AnalysisResult& r, GapStatus s) {
    return static_cast<std::size_t>(
        std::count_if(r.candidates.begin(), r.candidates.end(), [&](const Gap& g) { return g.status == s; }));
}

}  // namespace

// --- Identify --------------------------------------------------------------------------------

TEST_CASE("a street without facility between two cycleways that nothing else joins is one street gap", "[gaps]") {
    const Scenario s = link_between_cycleways(residential);
    const Graph g = s.build();
    const AnalysisResult r = analyze(g);
    INFO(describe(g, r.gaps));
    REQUIRE(r.gaps.size() == 1);
    const Gap& gap = r.gaps.front();
    CHECK(find_gap(g, r.gaps, 'B', 'C') == &gap);
    CHECK(gap.kind == GapKind::detour);
    CHECK(gap.gap_class == GapClass::street);
    CHECK(gap.status == GapStatus::listed);
    CHECK(gap.length_m == Approx(100.0).margin(1.0));
    REQUIRE(gap.arcs.size() == 1);
    CHECK(maillon::edge_of(gap.arcs[0]) == maillon::edge_of(Scenario::arc(g, 'B', 'C')));
    CHECK(std::isinf(gap.network_distance_m));  // no network route between B and C at all
    CHECK(gap.joins_components);
    CHECK(gap.highway == maillon::Highway::residential);
    CHECK(gap.benefit > 0);
    CHECK(gap.rank == 1);
    // A residential street without maxspeed is 50 km/h in town: track or lane.
    CHECK(gap.treatment == Treatment::track_or_lane);
    const auto p = maillon::analysis::gap_properties(g, QpvLayer{}, r, gap);
    CHECK(p["network_distance_m"].is_null());
    CHECK(p["joins_components"] == true);
    CHECK(p["class"] == "street");
    CHECK(p["treatment_key"] == "track_or_lane");
    CHECK(p["treatment"] == "Piste cyclable ou bande cyclable (50 km/h)");
}

TEST_CASE("a street joining two cycleways at ordinary junctions, not at their ends, is found", "[gaps]") {
    // The cycleways A-B-Z and W-C-D go on past B and C: neither is a dead end of the network (the
    // study searches from every node where the network touches a street, of any degree).
    const Scenario s{R"(
A-----B-----Z
      |
      |
      |
W-----C-----D
)",
                     {{"ABZ", cycleway}, {"WCD", cycleway}, {"BC", residential}}};
    const Graph g = s.build();
    const AnalysisResult r = analyze(g);
    INFO(describe(g, r.gaps));
    const maillon::CycleNetwork net{g, {}};
    CHECK(net.degree(Scenario::node(g, 'B')) == 2);
    CHECK(net.degree(Scenario::node(g, 'C')) == 2);
    REQUIRE(r.gaps.size() == 1);
    const Gap* gap = find_gap(g, r.gaps, 'B', 'C');
    REQUIRE(gap != nullptr);
    CHECK(gap->length_m == Approx(40.0).margin(0.5));
}

TEST_CASE("a cycleway ending at a T-junction 40 m from another cycleway on the same street is found", "[gaps]") {
    const Scenario s{R"(
      N
      |
A-----B
      |
      |
      |
      C-----D
      |
      S
)",
                     {{"AB", cycleway}, {"NBCS", residential}, {"CD", cycleway}}};
    const Graph g = s.build();
    const AnalysisResult r = analyze(g);
    const Gap* gap = &only_gap(g, r, 'B', 'C');
    CHECK(gap->length_m == Approx(40.0).margin(0.5));
    CHECK(r.candidate_count == 1);
}

TEST_CASE("two ends joined by the network with a detour of at most 1.5 times the street are not a gap; a longer detour "
          "inside one network piece is",
          "[gaps]") {
    // B..C residential, 100 m. The cycleway B-E-F-C goes round: 2h + 100 m along the network.
    SECTION("h = 20 m: the network route is 140 m <= 150 m") {
        const Scenario s{R"(
B---------C
|         |
E---------F
)",
                         {{"BC", residential}, {"BEFC", cycleway}}};
        const Graph g = s.build();
        const AnalysisResult r = analyze(g);
        INFO(describe(g, r.gaps));
        CHECK(r.gaps.empty());
        CHECK(r.candidate_count == 0);
    }
    SECTION("h = 40 m: the network route is 180 m > 150 m") {
        const Scenario s{R"(
B---------C
|         |
|         |
|         |
E---------F
)",
                         {{"BC", residential}, {"BEFC", cycleway}}};
        const Graph g = s.build();
        const AnalysisResult r = analyze(g);
        const Gap* gap = &only_gap(g, r, 'B', 'C');
        CHECK(gap->length_m == Approx(100.0).margin(1.0));
        CHECK(gap->network_distance_m == Approx(180.0).margin(2.0));  // today's route, along the network
        CHECK_FALSE(gap->joins_components);
        CHECK(gap->detour_removed_m == Approx(80.0).margin(3.0));
    }
}

TEST_CASE("the length bound: a 1.2 km street between two cycleways is a gap by default (max_gap_m 2 km), not with "
          "max_gap_m = 1 km",
          "[gaps]") {
    // Grid 50 m: cycleway A-B 150 m, residential B..C 1200 m, cycleway C-D 150 m.
    const Scenario s{R"(
A--B-----------------------C--D
)",
                     {{"AB", cycleway}, {"BC", residential}, {"CD", cycleway}},
                     {},
                     50.0};
    const Graph g = s.build();
    SECTION("default") {
        const AnalysisResult r = analyze(g);
        INFO(describe(g, r.gaps));
        REQUIRE(r.gaps.size() == 1);
        CHECK(r.gaps[0].length_m == Approx(1200.0).margin(10.0));
    }
    SECTION("max_gap_m = 1000 m") {
        AnalysisProfile profile = rules_profile();
        profile.gaps.max_gap_m = 1000;
        const AnalysisResult r = analyze(g, profile);
        INFO(describe(g, r.gaps));
        CHECK(r.gaps.empty());
        CHECK(r.candidate_count == 0);
    }
}

TEST_CASE("a footway closed to bikes as the only link is a gap to open to bikes; steps are not", "[gaps]") {
    const auto run = [](const Tags& link) {
        const Scenario s = link_between_cycleways(link);
        const Graph g = s.build();
        return std::make_pair(g, analyze(g));
    };
    SECTION("footway") {
        const auto [g, r] = run({{"highway", "footway"}});
        REQUIRE_FALSE(g.allows(Scenario::arc(g, 'B', 'C'), maillon::Mode::bike));
        INFO(describe(g, r.gaps));
        REQUIRE(r.gaps.size() == 1);
        REQUIRE(find_gap(g, r.gaps, 'B', 'C') != nullptr);
        CHECK(r.gaps[0].highway == maillon::Highway::footway);
        CHECK(r.gaps[0].gap_class == GapClass::street);
        CHECK(r.gaps[0].treatment == Treatment::open_path);
    }
    SECTION("steps") {
        const auto [g, r] = run({{"highway", "steps"}});
        INFO(describe(g, r.gaps));
        CHECK(r.gaps.empty());
        CHECK(r.candidate_count == 0);
    }
}

// --- Junction interruptions -----------------------------------------------------------------------

TEST_CASE("a 14 m crossing between two cycleways is not listed across a quiet street, and is a crossing across a busy "
          "road",
          "[gaps]") {
    // Grid 7 m: cycleways A-B and C-D (84 m each) meet the street N-M-S; B-M-C (14 m) crosses it.
    const std::string map = R"(
            N
            |
A-----------BMC-----------D
            |
            S
)";
    const auto ways = [](const Tags& street) {
        return std::vector<std::pair<std::string, Tags>>{{"AB", cycleway}, {"CD", cycleway}, {"BMC", residential}, {"NMS", street}};
    };
    SECTION("across a quiet residential street: an easy junction, kept in the secondary layer") {
        const Scenario s{map, ways(residential), {}, 7.0};
        const Graph g = s.build();
        CHECK(g.data().node_crossing_lts[Scenario::node(g, 'M')] == 0);
        const AnalysisResult r = analyze(g);
        INFO(describe(g, r.gaps) << "\nsecondary " << describe(g, r.candidates));
        CHECK(r.gaps.empty());
        REQUIRE(r.candidates.size() == 1);
        CHECK(r.candidates[0].status == GapStatus::easy_junction);
        CHECK(r.candidates[0].length_m == Approx(14.0).margin(0.3));
    }
    SECTION("across a primary road with 4 lanes and no signals: a crossing to secure") {
        const Scenario s{map, ways(busy_primary), {}, 7.0};
        const Graph g = s.build();
        REQUIRE(g.data().node_crossing_lts[Scenario::node(g, 'M')] >= 3);
        const AnalysisResult r = analyze(g);
        const Gap* gap = &only_gap(g, r, 'B', 'C');
        CHECK(gap->gap_class == GapClass::crossing);
        CHECK(gap->crossing_lts >= 3);
        CHECK(gap->treatment == Treatment::safe_crossing);
    }
    SECTION("across the same primary road at traffic signals: an easy junction (crossing stress 1)") {
        const Scenario s{map, ways(busy_primary), {{'M', {{"highway", "traffic_signals"}}}}, 7.0};
        const Graph g = s.build();
        REQUIRE(g.data().node_crossing_lts[Scenario::node(g, 'M')] == 1);
        const AnalysisResult r = analyze(g);
        INFO(describe(g, r.gaps));
        CHECK(r.gaps.empty());
        CHECK(count_status(r, GapStatus::easy_junction) == 1);
    }
}

TEST_CASE("a 3 m interruption of a track beside a busy road, where it crosses another busy road, is a listed crossing",
          "[gaps]") {
    // Grid 3 m. The boulevard W-...-E (primary, 2 lanes each way) has a track on both sides (A-B
    // and C-D); at the junction with the primary N-M-S the track stops for B-M-C (6 m, 3 m each
    // side of M). Length alone must not decide: the cyclist rides 6 m in the boulevard's traffic
    // and crosses a busy road.
    const Tags with_track{{"highway", "primary"}, {"lanes", "4"}, {"cycleway:both", "track"}};
    const Scenario s{R"(
                                 N
                                 |
A--------------------------------BMC--------------------------------D
                                 |
                                 S
)",
                     {{"AB", with_track}, {"BMC", busy_primary}, {"CD", with_track}, {"NMS", busy_primary}},
                     {},
                     3.0};
    const Graph g = s.build();
    const AnalysisResult r = analyze(g);
    INFO(describe(g, r.gaps) << "\nsecondary " << describe(g, r.candidates));
    REQUIRE(r.gaps.size() == 1);
    const Gap* gap = find_gap(g, r.gaps, 'B', 'C');
    REQUIRE(gap != nullptr);
    CHECK(gap->length_m == Approx(6.0).margin(0.2));
    CHECK(gap->gap_class == GapClass::crossing);
    CHECK(gap->max_lts >= 3);
    CHECK(gap->treatment == Treatment::safe_crossing);
}

// --- Decluster -------------------------------------------------------------------------------

TEST_CASE("overlapping candidates along one street, crossed by two other cycleways, are one project", "[gaps]") {
    // The street P-Q-R-S has cycleways ending at P and S and crossed by the cycleways X-Q-Y and
    // U-R-V. Six candidates (P-Q, P-R, P-S, Q-R, Q-S, R-S) overlap; Q and R are network nodes the
    // street simply passes through, so the project is the whole street P..S.
    const Scenario s{R"(
            X         U
            |         |
A-----P-----Q---------R-----S-----D
            |         |
            Y         V
)",
                     {{"AP", cycleway}, {"PQRS", residential}, {"XQY", cycleway}, {"URV", cycleway}, {"SD", cycleway}}};
    const Graph g = s.build();
    const AnalysisResult r = analyze(g);
    INFO(describe(g, r.gaps) << "\nsecondary " << describe(g, r.candidates));
    CHECK(r.candidate_count == 6);
    REQUIRE(r.gaps.size() == 1);
    const Gap* gap = find_gap(g, r.gaps, 'P', 'S');
    REQUIRE(gap != nullptr);
    CHECK(gap->length_m == Approx(220.0).margin(1.0));
    CHECK(gap->merged == 6);
    CHECK(r.overlapping == 6);
    CHECK(r.candidates.empty());
}

TEST_CASE("three network pieces meeting at a street fork are one project: the branch left ends inside it", "[gaps]") {
    // Cycleways A-B, C-D and E-F end on the streets B-X, X-C and X-E (X is no network node).
    // Candidates B-C, B-E and C-E overlap at X. The path of highest benefit between two network
    // ends is extracted; the stub left over ends at X, inside that project, not at a network node:
    // it is part of it (the study's rule), not a project of its own.
    const Scenario s{R"(
A-----B---------X---C-----D
                |
                |
                E-----F
)",
                     {{"AB", cycleway}, {"BX", residential}, {"XC", residential}, {"XE", residential},
                      {"CD", cycleway}, {"EF", cycleway}}};
    const Graph g = s.build();
    const AnalysisResult r = analyze(g);
    INFO(describe(g, r.gaps) << "\nsecondary " << describe(g, r.candidates));
    CHECK(r.candidate_count == 3);
    REQUIRE(r.gaps.size() == 1);
    const Gap& gap = r.gaps[0];
    const bool one_of_three = find_gap(g, r.gaps, 'B', 'C') == &gap || find_gap(g, r.gaps, 'B', 'E') == &gap ||
                              find_gap(g, r.gaps, 'C', 'E') == &gap;
    CHECK(one_of_three);
    CHECK(gap.merged == 3);
    CHECK(r.candidates.empty());
}

TEST_CASE("a long link beside many short ones keeps its identity: no chaining", "[gaps]") {
    // Grid 6 m. Three short crossings (B-C-K, E-F-M, H-I-O: 24 m each) of a busy road that bikes
    // may not use (W...J, bicycle=no), 60 m apart: their ends are all within 100 m of each other
    // (the old transitive declustering made one item of them); and a long street P..Q (264 m)
    // from the third one. Four projects, none merged into another.
    const Tags closed_road{{"highway", "primary"}, {"lanes", "4"}, {"bicycle", "no"}};
    const Scenario s{R"(
    A         D         G
    |         |         |
    B         E         H
    |         |         |
W---C---------F---------I---J
    |         |         |
    K         M         O
    |         |         |
    L         N         P--------------------------------------------Q---R
)",
                     {{"AB", cycleway},
                      {"DE", cycleway},
                      {"GH", cycleway},
                      {"KL", cycleway},
                      {"MN", cycleway},
                      {"OP", cycleway},
                      {"BCK", residential},
                      {"EFM", residential},
                      {"HIO", residential},
                      {"WCFIJ", closed_road},
                      {"PQ", residential},
                      {"QR", cycleway}},
                     {},
                     6.0};
    const Graph g = s.build();
    const AnalysisResult r = analyze(g);
    INFO(describe(g, r.gaps) << "\nsecondary " << describe(g, r.candidates));
    REQUIRE(r.gaps.size() == 4);
    for (const auto& [a, b] : std::vector<std::pair<char, char>>{{'B', 'K'}, {'E', 'M'}, {'H', 'O'}}) {
        const Gap* gap = find_gap(g, r.gaps, a, b);
        INFO(a << "-" << b);
        REQUIRE(gap != nullptr);
        CHECK(gap->length_m == Approx(24.0).margin(0.5));
        CHECK(gap->gap_class == GapClass::crossing);
    }
    const Gap* long_one = find_gap(g, r.gaps, 'P', 'Q');
    REQUIRE(long_one != nullptr);
    CHECK(long_one->length_m == Approx(270.0).margin(2.0));
    CHECK(long_one->gap_class == GapClass::street);
}

TEST_CASE("the main list is cut by benefit; what falls below stays in the secondary layer", "[gaps]") {
    // Two street gaps: B..C between two cycleways, F..G the same but with streets hanging off G
    // (G-I-J-K-L), whose intersections' trips cross F..G: a higher benefit.
    const Scenario two{R"(
A-----B---------C-----D


E-----F---------G-----H
                |
                I-----J-----K-----L
)",
                       {{"AB", cycleway},
                        {"BC", residential},
                        {"CD", cycleway},
                        {"EF", cycleway},
                        {"FG", residential},
                        {"GH", cycleway},
                        {"GIJKL", residential}}};
    const Graph g = two.build();
    const AnalysisResult all = analyze(g);
    INFO(describe(g, all.gaps));
    REQUIRE(all.gaps.size() == 2);
    const Gap* north = find_gap(g, all.gaps, 'B', 'C');
    const Gap* south = find_gap(g, all.gaps, 'F', 'G');
    REQUIRE(north != nullptr);
    REQUIRE(south != nullptr);
    // The southern street carries the trips of the streets hanging off G: more pairs of
    // intersections use it.
    REQUIRE(south->benefit > north->benefit);
    AnalysisProfile cut = rules_profile();
    cut.gaps.min_benefit = (south->benefit + north->benefit) / 2;
    const AnalysisResult r = analyze(g, cut);
    INFO(describe(g, r.gaps) << "\nsecondary " << describe(g, r.candidates));
    REQUIRE(r.gaps.size() == 1);
    CHECK(find_gap(g, r.gaps, 'F', 'G') != nullptr);
    REQUIRE(r.candidates.size() == 1);
    CHECK(r.candidates[0].status == GapStatus::below_benefit);
    CHECK(find_gap(g, r.candidates, 'B', 'C') != nullptr);
    CHECK(r.benefit_cut == Approx(cut.gaps.min_benefit));
    const auto layer = maillon::analysis::candidates_geojson(g, r);
    REQUIRE(layer["features"].size() == 1);
    CHECK(layer["features"][0]["properties"]["status"] == "below_benefit");
}

TEST_CASE("by default the cut is the benefit the busiest 15 % of the street network reaches", "[gaps]") {
    const Scenario s = link_between_cycleways(residential);
    const Graph g = s.build();
    AnalysisProfile profile;
    profile.gaps.close_far_straight_m = 5;
    profile.area.edge_m = 0;
    const AnalysisResult r = analyze(g, profile);
    INFO(describe(g, r.gaps));
    // The street B..C is 100 m of the 220 m of ways and the busiest of them: the cut is its own
    // betweenness (pairs of the intersections A, B, C, D that use it: A-C, A-D, B-C, B-D).
    REQUIRE(r.gaps.size() == 1);
    CHECK(r.gaps[0].benefit == Approx(4.0));
    CHECK(r.benefit_cut == Approx(4.0));
    CHECK(r.benefit_origins == 4);
    CHECK(r.benefit_sampled == 4);
}

// --- Straight links and data issues -------------------------------------------------------------

TEST_CASE("network ends 50 m apart with no way between and more than 1 km apart along the network are a straight link "
          "across the barrier",
          "[gaps]") {
    // Grid 50 m. One cycleway B-E-F-G-H-C goes round a "river"; B and C are 50 m apart in a
    // straight line, nothing joins them but the cycleway itself.
    AnalysisProfile profile;
    profile.gaps.min_benefit = 1e-9;
    profile.area.edge_m = 0;
    SECTION("the loop is 1450 m: close-but-far") {
        const Scenario s{R"(
E---------F
|         |
B         |
C         |
|         |
H---------G
)",
                         {{"BEFGHC", cycleway}},
                         {},
                         50.0};
        const Graph g = s.build();
        const AnalysisResult r = analyze(g, profile);
        INFO(describe(g, r.gaps));
        REQUIRE(r.gaps.size() == 1);
        const Gap& gap = r.gaps[0];
        CHECK(find_gap(g, r.gaps, 'B', 'C') == &gap);
        CHECK(gap.kind == GapKind::close_far);
        CHECK(gap.arcs.empty());
        CHECK(gap.length_m == Approx(50.0).margin(0.5));
        CHECK(gap.gap_class == GapClass::bridge);  // straight link beyond 30 m
        CHECK(gap.treatment == Treatment::barrier_crossing);
        CHECK(gap.network_distance_m == Approx(1450.0).margin(10.0));
        CHECK(gap.benefit > 0);  // pairs of intersections it would surely serve
        CHECK(gap.rank == 1);
    }
    SECTION("the loop is 850 m: not far along the network, no gap") {
        const Scenario s{R"(
E---F
|   |
B   |
C   |
|   |
H---G
)",
                         {{"BEFGHC", cycleway}},
                         {},
                         50.0};
        const Graph g = s.build();
        const AnalysisResult r = analyze(g, profile);
        INFO(describe(g, r.gaps));
        CHECK(r.gaps.empty());
    }
}

TEST_CASE("an undershoot of 3 m between two cycleways is a data issue, never ranked, listed after the projects", "[gaps]") {
    // Grid 3 m: cycleways A-B and C-D (99 m each) whose ends B and C are 3 m apart with no way
    // between (an undershoot). Further east, a real gap F..G (120 m of residential).
    AnalysisProfile profile;
    profile.gaps.min_benefit = 1e-9;
    profile.area.edge_m = 0;
    const Scenario s{R"(
A---------------------------------BC---------------------------------D                                        E---------------------------------F----------------------------------------G---------------------------------H
)",
                     {{"AB", cycleway}, {"CD", cycleway}, {"EF", cycleway}, {"FG", residential}, {"GH", cycleway}},
                     {},
                     3.0};
    const Graph g = s.build();
    const AnalysisResult r = analyze(g, profile);
    INFO(describe(g, r.gaps));
    REQUIRE(r.gaps.size() == 2);
    const Gap* data = find_gap(g, r.gaps, 'B', 'C');
    const Gap* street = find_gap(g, r.gaps, 'F', 'G');
    REQUIRE(data != nullptr);
    REQUIRE(street != nullptr);
    CHECK(data->kind == GapKind::close_far);
    CHECK(data->length_m == Approx(3.0).margin(0.2));
    CHECK(data->gap_class == GapClass::data);
    CHECK(data->data_issue == DataIssue::pieces_apart);
    CHECK(data->rank == 0);
    CHECK(data->treatment == Treatment::fix_data);
    CHECK(street->gap_class == GapClass::street);
    CHECK(street->rank == 1);
    CHECK(&r.gaps[0] == street);  // ranked projects first
    CHECK(&r.gaps[1] == data);
    const auto p = maillon::analysis::gap_properties(g, QpvLayer{}, r, *data);
    CHECK(p["rank"].is_null());
    CHECK(p["data_issue"] == "pieces_apart");
}

TEST_CASE("a path open to bikes that carries two cycleways straight on is an untagged cycle track (data); a footway or a "
          "turning path is a real link",
          "[gaps]") {
    const Tags path{{"highway", "path"}};
    SECTION("in line, open to bikes: data issue") {
        const Scenario s{R"(
A---------B---------C---------D
)",
                         {{"AB", cycleway}, {"BC", path}, {"CD", cycleway}}};
        const Graph g = s.build();
        REQUIRE(g.allows(Scenario::arc(g, 'B', 'C'), maillon::Mode::bike));
        const AnalysisResult r = analyze(g);
        INFO(describe(g, r.gaps));
        REQUIRE(r.gaps.size() == 1);
        CHECK(r.gaps[0].gap_class == GapClass::data);
        CHECK(r.gaps[0].data_issue == DataIssue::untagged_track);
        CHECK(r.gaps[0].rank == 0);
    }
    SECTION("in line, a footway closed to bikes: a link to open") {
        const Scenario s{R"(
A---------B---------C---------D
)",
                         {{"AB", cycleway}, {"BC", {{"highway", "footway"}}}, {"CD", cycleway}}};
        const Graph g = s.build();
        const AnalysisResult r = analyze(g);
        INFO(describe(g, r.gaps));
        REQUIRE(r.gaps.size() == 1);
        CHECK(r.gaps[0].gap_class == GapClass::street);
        CHECK(r.gaps[0].treatment == Treatment::open_path);
    }
    SECTION("a path that turns at both ends: a real link") {
        const Scenario s{R"(
A---------B
          |
          |
          |
          |
          C---------D
)",
                         {{"AB", cycleway}, {"BC", path}, {"CD", cycleway}}};
        const Graph g = s.build();
        const AnalysisResult r = analyze(g);
        INFO(describe(g, r.gaps));
        REQUIRE(r.gaps.size() == 1);
        CHECK(r.gaps[0].gap_class != GapClass::data);
        CHECK(r.gaps[0].rank == 1);
    }
}

// --- Classes ---------------------------------------------------------------------------------

TEST_CASE("a one-way street as the only link is a contraflow gap whichever way it is digitised", "[gaps]") {
    // Cycleway A-B, one-way residential between B and C (120 m), cycleways C-D and C-E. Bikes may
    // ride the street one way only: a double sens cyclable to open, found the same from either end.
    const Tags oneway{{"highway", "residential"}, {"oneway", "yes"}};
    for (const std::string way : {"BC", "CB"}) {
        const Scenario s{R"(
A-----B-----------C-----D
                  |
                  E
)",
                         {{"AB", cycleway}, {way, oneway}, {"CD", cycleway}, {"CE", cycleway}}};
        const Graph g = s.build();
        const AnalysisResult r = analyze(g);
        INFO("one-way street digitised " << way << "; " << describe(g, r.gaps));
        REQUIRE(r.gaps.size() == 1);
        const Gap& gap = r.gaps[0];
        CHECK(find_gap(g, r.gaps, 'B', 'C') == &gap);
        CHECK(gap.length_m == Approx(120.0).margin(1.0));
        CHECK(gap.gap_class == GapClass::contraflow);
        CHECK(gap.treatment == Treatment::contraflow);
        // Stored ridden with the traffic: the same geometry whichever end found it.
        CHECK(std::none_of(gap.against_oneway.begin(), gap.against_oneway.end(), [](bool b) { return b; }));
    }
}

TEST_CASE("a link on a roundabout is a roundabout gap", "[gaps]") {
    // Cycleways A-B and C-D end on a roundabout (closed way B-X-Y-C-Z-W-B, 160 m round); either
    // half of the ring joins B and C in 80 m.
    const Scenario s{R"(
          X---Y
          |   |
A---------B   C---------D
          |   |
          W---Z
)",
                     {{"AB", cycleway},
                      {"CD", cycleway},
                      {"BXYCZWB", {{"highway", "tertiary"}, {"junction", "roundabout"}}}}};
    const Graph g = s.build();
    const AnalysisResult r = analyze(g);
    const Gap* gap = &only_gap(g, r, 'B', 'C');
    CHECK(gap->length_m == Approx(80.0).margin(1.0));
    CHECK(gap->gap_class == GapClass::roundabout);
    CHECK(gap->treatment == Treatment::ring_track);
}

TEST_CASE("a link on a bridge or in a tunnel is a bridge or tunnel gap, from 30 % of its length", "[gaps]") {
    const Tags on_bridge{{"highway", "residential"}, {"bridge", "yes"}, {"layer", "1"}};
    const Tags in_tunnel{{"highway", "residential"}, {"tunnel", "yes"}, {"layer", "-1"}};
    const auto class_of = [](const std::string& map, const Tags& structure) {
        const Scenario s{map, {{"AB", cycleway}, {"BX", residential}, {"XC", structure}, {"CD", cycleway}}};
        const Graph g = s.build();
        const AnalysisResult r = analyze(g);
        INFO(describe(g, r.gaps));
        REQUIRE(r.gaps.size() == 1);
        CHECK(r.gaps[0].length_m == Approx(100.0).margin(1.0));
        return std::make_pair(r.gaps[0].gap_class, r.gaps[0].treatment);
    };
    // B..X..C is 100 m of residential street, the part X..C on the structure.
    const std::string forty = "\nA-----B-----X---C-----D\n";
    const std::string twenty = "\nA-----B-------X-C-----D\n";
    CHECK(class_of(forty, on_bridge) == std::make_pair(GapClass::bridge, Treatment::bridge_facility));
    CHECK(class_of(forty, in_tunnel) == std::make_pair(GapClass::tunnel, Treatment::tunnel_facility));
    CHECK(class_of(twenty, on_bridge).first == GapClass::street);
}

TEST_CASE("the treatment of a street gap follows the road: calm street, 50 km/h street, main road", "[gaps]") {
    const auto treatment_of = [](const Tags& street) {
        const Scenario s = link_between_cycleways(street);
        const Graph g = s.build();
        const AnalysisResult r = analyze(g);
        INFO(describe(g, r.gaps));
        REQUIRE(r.gaps.size() == 1);
        CHECK(r.gaps[0].gap_class == GapClass::street);
        return r.gaps[0].treatment;
    };
    CHECK(treatment_of({{"highway", "residential"}, {"maxspeed", "30"}}) == Treatment::calm_street);
    CHECK(treatment_of({{"highway", "residential"}}) == Treatment::track_or_lane);
    CHECK(treatment_of({{"highway", "primary"}, {"maxspeed", "50"}}) == Treatment::separated_track);
    CHECK(treatment_of({{"highway", "tertiary"}, {"maxspeed", "70"}}) == Treatment::separated_track);
    CHECK(treatment_of({{"highway", "residential"}, {"lanes", "4"}}) == Treatment::separated_track);
    CHECK(treatment_of({{"highway", "living_street"}}) == Treatment::meeting_zone);
}

TEST_CASE("a link of at most 60 m on a quiet street is a crossing with continuity marking", "[gaps]") {
    const Scenario s{R"(
A---------B---C---------D
)",
                     {{"AB", cycleway}, {"BC", residential}, {"CD", cycleway}}};
    const Graph g = s.build();
    const AnalysisResult r = analyze(g);
    const Gap* gap = &only_gap(g, r, 'B', 'C');
    CHECK(gap->length_m == Approx(40.0).margin(1.0));
    CHECK(gap->gap_class == GapClass::crossing);
    // Residential at 50 km/h is LTS 2 and crosses nothing busy: marking, not a secured crossing.
    CHECK(gap->max_lts == 2);
    CHECK(gap->treatment == Treatment::crossing_marking);
}

TEST_CASE("two gaps far apart stay two gaps", "[gaps]") {
    // Grid 50 m: two copies of the street gap (B..C and F..G, 100 m each), 500 m apart.
    const Scenario s{R"(
A--B-C--D









E--F-G--H
)",
                     {{"AB", cycleway},
                      {"BC", residential},
                      {"CD", cycleway},
                      {"EF", cycleway},
                      {"FG", residential},
                      {"GH", cycleway}},
                     {},
                     50.0};
    const Graph g = s.build();
    const AnalysisResult r = analyze(g);
    INFO(describe(g, r.gaps));
    REQUIRE(r.gaps.size() == 2);
    REQUIRE(find_gap(g, r.gaps, 'B', 'C') != nullptr);
    REQUIRE(find_gap(g, r.gaps, 'F', 'G') != nullptr);
    std::vector<std::uint32_t> ranks{r.gaps[0].rank, r.gaps[1].rank};
    std::sort(ranks.begin(), ranks.end());
    CHECK(ranks == std::vector<std::uint32_t>{1, 2});
}
