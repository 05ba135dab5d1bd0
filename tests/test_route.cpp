// RouteSearch (A*, engine/route.hpp) and its bounds (route_landmarks.hpp): one-way streets, the
// budget and islands on ASCII maps; then random routes on the République graph against plain
// Dijkstra (BoundedSearch) for the length, with and without landmarks, and the work they save.

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

TEST_CASE("a route keeps to one-way streets and to its budget", "[route]") {
    //   A---------B        AB one-way east (100 m), ACDB two-way (50 + 100 + 50 m)
    //   |         |
    //   C---------D
    const Scenario s = one_way_square();
    const Graph g = s.build();
    const EdgeSnapper snapper{g, Mode::bike};
    const auto a = snapper.snap(g.data().node_coord[Scenario::node(g, 'A')], 5);
    const auto b = snapper.snap(g.data().node_coord[Scenario::node(g, 'B')], 5);
    REQUIRE(a);
    REQUIRE(b);
    RouteSearch search{g};
    const ModeFilter bike{&g, Mode::bike};
    BoundedSearch reference{g};
    const auto east = search.route(*a, *b, bike, no_budget);
    const auto west = search.route(*b, *a, bike, no_budget);
    REQUIRE(east);
    REQUIRE(west);
    CHECK(east->length_m == Approx(100).margin(0.5));
    CHECK(west->length_m == Approx(200).margin(1.0));  // against the one-way: round by C and D
    CHECK(west->length_m == Approx(dijkstra_length(g, reference, *b, *a, bike)).margin(0.01));
    CHECK_FALSE(search.route(*b, *a, bike, 190.F));  // 200 m > 190 m budget
    CHECK(search.route(*b, *a, bike, 210.F));

    // Two points on the same edge: the budget holds there too (found by the sanitizer build,
    // whose random pairs differ).
    const Coord ca = g.data().node_coord[Scenario::node(g, 'A')], cb = g.data().node_coord[Scenario::node(g, 'B')];
    const auto along = [&](double t) {
        return snapper.snap(Coord::from_degrees(ca.lon() + t * (cb.lon() - ca.lon()), ca.lat() + t * (cb.lat() - ca.lat())), 5);
    };
    const auto p20 = along(0.2), p80 = along(0.8);
    REQUIRE(p20);
    REQUIRE(p80);
    REQUIRE(p20->edge == p80->edge);
    const auto short_hop = search.route(*p20, *p80, bike, 70.F);
    REQUIRE(short_hop);
    CHECK(short_hop->length_m == Approx(60).margin(0.5));
    CHECK_FALSE(search.route(*p20, *p80, bike, 50.F));
}

TEST_CASE("a low-stress route to a point on a busy road is refused without a search", "[route]") {
    //   A-----D-----F   AD, DF residential; DE a primary road (LTS 4 for bikes, no cycle lane)
    //         |
    //         E
    const Scenario s{R"(
        A-----D-----F
              |
              |
              E
    )",
                     {{"AD", {{"highway", "residential"}}}, {"DF", {{"highway", "residential"}}},
                      {"DE", {{"highway", "primary"}, {"maxspeed", "70"}}}}};
    const Graph g = s.build();
    const auto edge = [&](char a, char b) { return maillon::edge_of(Scenario::arc(g, a, b)); };
    const auto at_middle = [&](char a, char b) {
        Snap snap;
        snap.edge = edge(a, b);
        snap.offset_m = g.length_m(snap.edge) / 2;
        const Coord ca = g.data().node_coord[Scenario::node(g, a)], cb = g.data().node_coord[Scenario::node(g, b)];
        snap.position = Coord::from_degrees((ca.lon() + cb.lon()) / 2, (ca.lat() + cb.lat()) / 2);
        return snap;
    };
    const LowStressFilter calm{&g, 2};
    REQUIRE(calm(maillon::arc_of(edge('A', 'D'), false)));
    REQUIRE_FALSE(calm(maillon::arc_of(edge('D', 'E'), false)));
    REQUIRE_FALSE(calm(maillon::arc_of(edge('D', 'E'), true)));
    RouteSearch search{g};
    // The busy road is reachable by bike, and its ends are in the low-stress network's component:
    // only the end edge tells that no low-stress route arrives (it used to search the whole budget).
    CHECK(search.route(at_middle('A', 'D'), at_middle('D', 'E'), ModeFilter{&g, Mode::bike}, no_budget));
    CHECK_FALSE(search.route(at_middle('A', 'D'), at_middle('D', 'E'), calm, no_budget));
    CHECK(search.settled_count() == 0);
    CHECK_FALSE(search.route(at_middle('D', 'E'), at_middle('A', 'D'), calm, no_budget));
    CHECK(search.settled_count() == 0);
    CHECK(search.route(at_middle('A', 'D'), at_middle('D', 'F'), calm, no_budget));
    CHECK(search.settled_count() > 0);
}

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
