// RouteSearch (A*, engine/route.hpp) and its bounds (route_landmarks.hpp): islands on an ASCII map;
// random routes on the République graph against plain Dijkstra (BoundedSearch) for the length,
// with and without landmarks, and the work they save. One-way streets, the budget and low-stress
// ends: test_route_ascii.cpp, for both route searches.

#include "maillon/importers/osm_import.hpp"
#include "maillon/route.hpp"
#include "route_reference.hpp"
#include "scenario.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>

using maillon::BoundedSearch;
using maillon::Coord;
using maillon::EdgeSnapper;
using maillon::Graph;
using maillon::LowStressFilter;
using maillon::Mode;
using maillon::ModeFilter;
using maillon::RouteSearch;
using maillon::Snap;
using maillon::test::dijkstra_length;
using maillon::test::one_way_square;
using maillon::test::polyline_m;
using maillon::test::Scenario;

namespace {

const std::string data_dir = MAILLON_TEST_DATA;
constexpr float no_budget = std::numeric_limits<float>::infinity();
}  // namespace

TEST_CASE("route components tell islands apart", "[route]") {
    //   A---B   C---D        two islands; CD is a footway (no bike)
    const Scenario s{R"(
        A---B   C---D   E---F
    )",
                     {{"AB", {{"highway", "residential"}}}, {"CD", {{"highway", "footway"}}}, {"EF", {{"highway", "residential"}}}}};
    const Graph g = s.build();
    const maillon::RouteComponents bike{g, ModeFilter{&g, Mode::bike}};
    const maillon::RouteComponents foot{g, ModeFilter{&g, Mode::foot}};
    const auto edge = [&](char a, char b) { return maillon::edge_of(Scenario::arc(g, a, b)); };
    CHECK(bike.may_connect(edge('A', 'B'), edge('A', 'B')));
    CHECK_FALSE(bike.may_connect(edge('A', 'B'), edge('E', 'F')));
    CHECK_FALSE(bike.may_connect(edge('A', 'B'), edge('C', 'D')));
    CHECK_FALSE(foot.may_connect(edge('C', 'D'), edge('E', 'F')));
}

TEST_CASE("routes on a real graph are the shortest ones, and settle fewer nodes than Dijkstra", "[route]") {
    const Graph g = maillon::importers::import_osm(data_dir + "/paris-republique.osm.pbf");
    const EdgeSnapper snapper{g, Mode::bike};
    const maillon::BBox box = g.bbox();
    std::mt19937 rng{7};
    std::uniform_real_distribution<double> lon{box.min_lon, box.max_lon}, lat{box.min_lat, box.max_lat};
    RouteSearch search{g};
    BoundedSearch reference{g};
    const ModeFilter bike{&g, Mode::bike};
    const LowStressFilter calm{&g, 2};
    const maillon::RouteComponents bike_parts{g, bike}, calm_parts{g, calm};
    const maillon::RouteLandmarks bike_marks{g, bike, bike_parts}, calm_marks{g, calm, calm_parts};
    REQUIRE(bike_marks.count() == 8);
    int compared = 0, unreachable = 0;
    std::size_t astar_settled = 0, alt_settled = 0, dijkstra_settled = 0;
    for (int i = 0; i < 300; ++i) {
        const auto from = snapper.snap(Coord::from_degrees(lon(rng), lat(rng)), 300);
        const auto to = snapper.snap(Coord::from_degrees(lon(rng), lat(rng)), 300);
        if (!from || !to) continue;
        for (const bool low_stress : {false, true}) {
            std::size_t settled = 0;
            const double expected = low_stress ? dijkstra_length(g, reference, *from, *to, calm, &settled)
                                               : dijkstra_length(g, reference, *from, *to, bike, &settled);
            const auto r = low_stress ? search.route(*from, *to, calm, no_budget) : search.route(*from, *to, bike, no_budget);
            INFO("pair " << i << (low_stress ? " low-stress" : " shortest") << ", Dijkstra " << expected);
            // Different components: certainly no route (the server then skips the search).
            if (!(low_stress ? calm_parts : bike_parts).may_connect(from->edge, to->edge)) CHECK(std::isinf(expected));
            if (std::isinf(expected)) {
                CHECK_FALSE(r);
                ++unreachable;
                continue;
            }
            REQUIRE(r);
            CHECK(r->length_m == Approx(expected).margin(0.05));
            REQUIRE(r->geometry.size() >= 2);
            CHECK(maillon::haversine_m(r->geometry.front(), from->position) < 0.5);  // edge_piece interpolates anew
            CHECK(maillon::haversine_m(r->geometry.back(), to->position) < 0.5);
            CHECK(polyline_m(r->geometry) == Approx(r->length_m).epsilon(0.01).margin(1.0));
            // A budget just below the length finds nothing; just above, a route as long.
            if (!low_stress && r->length_m > 10) {
                CHECK_FALSE(search.route(*from, *to, bike, static_cast<float>(r->length_m - 1)));
                const auto again = search.route(*from, *to, bike, static_cast<float>(r->length_m + 1));
                REQUIRE(again);
                CHECK(again->length_m == Approx(r->length_m).margin(0.01));
            }
            // With landmarks: the same length (their bounds are lower bounds too).
            const auto with_marks = low_stress ? search.route(*from, *to, calm, no_budget, &calm_marks)
                                               : search.route(*from, *to, bike, no_budget, &bike_marks);
            REQUIRE(with_marks);
            CHECK(with_marks->length_m == Approx(expected).margin(0.05));
            ++compared;
            if (!low_stress) {
                alt_settled += search.route(*from, *to, bike, no_budget, &bike_marks) ? search.settled_count() : 0;
                astar_settled += search.route(*from, *to, bike, no_budget) ? search.settled_count() : 0;
                dijkstra_settled += settled;
            }
        }
    }
    CHECK(compared > 300);
    INFO("A* settled " << astar_settled << " nodes, with landmarks " << alt_settled << ", Dijkstra " << dijkstra_settled);
    CHECK(astar_settled * 2 < dijkstra_settled);
    CHECK(alt_settled < astar_settled);
}
