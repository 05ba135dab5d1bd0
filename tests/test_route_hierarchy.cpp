// RouteHierarchy (contraction hierarchy, engine/route_hierarchy.hpp): the same routes as plain
// Dijkstra on random pairs of the République graph, for both filters of the server. One-way
// streets, the budget, a low-stress end on a busy road and two points on one edge:
// test_route_ascii.cpp, for both route searches.

#include "maillon/importers/osm_import.hpp"
#include "maillon/route_hierarchy.hpp"
#include "route_reference.hpp"
#include "scenario.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>

using maillon::arc_mask;
using maillon::BoundedSearch;
using maillon::Coord;
using maillon::EdgeSnapper;
using maillon::Graph;
using maillon::HierarchySearch;
using maillon::LowStressFilter;
using maillon::Mode;
using maillon::ModeFilter;
using maillon::RouteHierarchy;
using maillon::Snap;
using maillon::test::dijkstra_length;
using maillon::test::one_way_square;
using maillon::test::polyline_m;
using maillon::test::Scenario;

namespace {

const std::string data_dir = MAILLON_TEST_DATA;
constexpr float no_budget = std::numeric_limits<float>::infinity();

}  // namespace

TEST_CASE("a hierarchy refuses an arc mask of another graph", "[route][hierarchy]") {
    const Graph g = one_way_square().build();
    CHECK_THROWS_AS(RouteHierarchy(g, std::vector<std::uint8_t>(3, 1)), std::invalid_argument);
}

TEST_CASE("hierarchy routes on a real graph equal Dijkstra's, for both filters", "[route][hierarchy]") {
    const Graph g = maillon::importers::import_osm(data_dir + "/paris-republique.osm.pbf");
    const EdgeSnapper snapper{g, Mode::bike};
    const maillon::BBox box = g.bbox();
    std::mt19937 rng{11};
    std::uniform_real_distribution<double> lon{box.min_lon, box.max_lon}, lat{box.min_lat, box.max_lat};
    const ModeFilter bike{&g, Mode::bike};
    const LowStressFilter calm{&g, 2};
    // A core left uncontracted (as on a dense grid) must give the same routes, its search plain
    // Dijkstra (no landmarks) or A* on landmark bounds, read from the landmark table or from the
    // hierarchy's copy of the core's rows.
    const int variant = GENERATE(0, 1, 2, 3);  // no core; core; core and landmarks; and their copy
    const bool with_core = variant > 0;
    const RouteHierarchy::Core core{12, with_core ? g.node_count() / 5 : 0};
    RouteHierarchy bike_h{g, arc_mask(g, bike), core}, calm_h{g, arc_mask(g, calm), core};
    const maillon::RouteComponents bike_parts{g, bike}, calm_parts{g, calm};
    const maillon::RouteLandmarks bike_marks{g, bike, bike_parts}, calm_marks{g, calm, calm_parts};
    if (variant == 3) {
        bike_h.copy_core_bounds(bike_marks);
        calm_h.copy_core_bounds(calm_marks);
    }
    CHECK(bike_h.core_size() == core.nodes);
    CHECK(bike_h.stats().core_nodes == core.nodes);
    // Deterministic: the same input gives the same hierarchy.
    CHECK(RouteHierarchy(g, arc_mask(g, bike), core).stats().shortcuts == bike_h.stats().shortcuts);
    CHECK(bike_h.stats().shortcuts > 0);
    CHECK(calm_h.stats().arcs < bike_h.stats().arcs);
    HierarchySearch search{g};
    BoundedSearch reference{g};
    int compared = 0, unreachable = 0;
    std::size_t hierarchy_settled = 0;
    for (int i = 0; i < 400; ++i) {
        const auto from = snapper.snap(Coord::from_degrees(lon(rng), lat(rng)), 300);
        const auto to = snapper.snap(Coord::from_degrees(lon(rng), lat(rng)), 300);
        if (!from || !to) continue;
        for (const bool low_stress : {false, true}) {
            const double expected = low_stress ? dijkstra_length(g, reference, *from, *to, calm) : dijkstra_length(g, reference, *from, *to, bike);
            const RouteHierarchy& h = low_stress ? calm_h : bike_h;
            const maillon::RouteLandmarks* marks = variant >= 2 ? (low_stress ? &calm_marks : &bike_marks) : nullptr;
            const auto r = search.route(h, *from, *to, no_budget, marks);
            INFO("pair " << i << (low_stress ? " low-stress" : " shortest") << ", Dijkstra " << expected);
            if (std::isinf(expected)) {
                CHECK_FALSE(r);
                ++unreachable;
                continue;
            }
            REQUIRE(r);
            CHECK(r->length_m == Approx(expected).margin(0.05));
            REQUIRE(r->geometry.size() >= 2);
            CHECK(maillon::haversine_m(r->geometry.front(), from->position) < 0.5);
            CHECK(maillon::haversine_m(r->geometry.back(), to->position) < 0.5);
            // Unpacked shortcuts give the streets' geometry, as long as the route.
            CHECK(polyline_m(r->geometry) == Approx(r->length_m).epsilon(0.01).margin(1.0));
            if (!low_stress) hierarchy_settled += search.settled_count();
            if (r->length_m > 10) {
                CHECK_FALSE(search.route(h, *from, *to, static_cast<float>(r->length_m - 1), marks));
                const auto again = search.route(h, *from, *to, static_cast<float>(r->length_m + 1), marks);
                REQUIRE(again);
                CHECK(again->length_m == Approx(r->length_m).margin(0.01));
            }
            ++compared;
        }
    }
    CHECK(compared > 400);
    CHECK(unreachable > 0);  // the low-stress network has ends on busy roads
    // Work: the upward searches settle a small share of the graph (République: ~4,000 nodes).
    INFO("settled " << hierarchy_settled << " over " << compared / 2 << " routes, core of " << core.nodes << " nodes, variant " << variant);
    CHECK(hierarchy_settled < (with_core ? 400 : 200) * 400);
}
