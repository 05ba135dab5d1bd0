// Both route searches on ASCII maps, the same assertions for each: A* with its bounds (RouteSearch,
// engine/route.hpp) and the contraction hierarchy (HierarchySearch, route_hierarchy.hpp) keep to
// one-way streets and to the budget, join two points of one edge, and refuse a low-stress route
// to a busy road without a search. Random routes on real data: test_route.cpp, test_route_hierarchy.cpp.

#include "maillon/route.hpp"
#include "maillon/route_hierarchy.hpp"
#include "route_reference.hpp"
#include "scenario.hpp"

#include <catch2/catch.hpp>

#include <limits>
#include <optional>

using maillon::BoundedSearch;
using maillon::Coord;
using maillon::Graph;
using maillon::LowStressFilter;
using maillon::Mode;
using maillon::ModeFilter;
using maillon::Route;
using maillon::Snap;
using maillon::test::dijkstra_length;
using maillon::test::polyline_m;
using maillon::test::Scenario;

namespace {

constexpr float no_budget = std::numeric_limits<float>::infinity();

/// RouteSearch for one filter.
struct AStarRoutes {
    template <typename Filter>
    struct For {
        For(const Graph& g, Filter f) : search{g}, filter{f} {}
        std::optional<Route> route(const Snap& a, const Snap& b, float budget) { return search.route(a, b, filter, budget); }
        std::size_t settled() const { return search.settled_count(); }
        maillon::RouteSearch search;
        Filter filter;
    };
};

/// HierarchySearch on a hierarchy built for one filter.
struct HierarchyRoutes {
    template <typename Filter>
    struct For {
        For(const Graph& g, Filter f) : hierarchy{g, maillon::arc_mask(g, f)}, search{g} {}
        std::optional<Route> route(const Snap& a, const Snap& b, float budget) { return search.route(hierarchy, a, b, budget); }
        std::size_t settled() const { return search.settled_count(); }
        maillon::RouteHierarchy hierarchy;
        maillon::HierarchySearch search;
    };
};

Snap at(const Graph& g, char a, char b, float fraction) {
    Snap snap;
    snap.edge = maillon::edge_of(Scenario::arc(g, a, b));
    snap.offset_m = fraction * g.length_m(snap.edge);
    const Coord ca = g.data().node_coord[Scenario::node(g, a)], cb = g.data().node_coord[Scenario::node(g, b)];
    snap.position = Coord::from_degrees(ca.lon() + fraction * (cb.lon() - ca.lon()), ca.lat() + fraction * (cb.lat() - ca.lat()));
    return snap;
}

}  // namespace

TEMPLATE_TEST_CASE("a route keeps to one-way streets and to its budget", "[route]", AStarRoutes, HierarchyRoutes) {
    //   A---------B        AB one-way east (100 m), ACDB two-way (50 + 100 + 50 m)
    //   |         |
    //   C---------D
    const Scenario s = maillon::test::one_way_square();
    const Graph g = s.build();
    const ModeFilter bike{&g, Mode::bike};
    typename TestType::template For<ModeFilter> routes{g, bike};
    BoundedSearch reference{g};
    const maillon::EdgeSnapper snapper{g, Mode::bike};
    const auto a = snapper.snap(g.data().node_coord[Scenario::node(g, 'A')], 5);
    const auto b = snapper.snap(g.data().node_coord[Scenario::node(g, 'B')], 5);
    REQUIRE(a);
    REQUIRE(b);
    const auto east = routes.route(*a, *b, no_budget);
    const auto west = routes.route(*b, *a, no_budget);
    REQUIRE(east);
    REQUIRE(west);
    CHECK(east->length_m == Approx(100).margin(0.5));
    CHECK(west->length_m == Approx(200).margin(1.0));  // against the one-way: round by C and D
    CHECK(west->length_m == Approx(dijkstra_length(g, reference, *b, *a, bike)).margin(0.01));
    CHECK(polyline_m(west->geometry) == Approx(west->length_m).margin(1.0));
    CHECK_FALSE(routes.route(*b, *a, 190.F));  // 200 m > 190 m budget
    CHECK(routes.route(*b, *a, 210.F));

    // Two points on the same edge: along the one-way directly, without a search, within the
    // budget (found by the sanitizer build, whose random pairs differ); against it, round by C
    // and D (20 + 200 + 20 m).
    const Snap p20 = at(g, 'A', 'B', 0.2F), p80 = at(g, 'A', 'B', 0.8F);
    const float ab = g.length_m(p20.edge);
    const auto hop = routes.route(p20, p80, 70.F);
    REQUIRE(hop);
    CHECK(hop->length_m == Approx(0.6 * ab).margin(0.01));
    CHECK(routes.settled() == 0);
    CHECK_FALSE(routes.route(p20, p80, 50.F));
    const auto round = routes.route(p80, p20, no_budget);
    REQUIRE(round);
    CHECK(round->length_m == Approx(dijkstra_length(g, reference, p80, p20, bike)).margin(0.01));
    CHECK(round->length_m == Approx(0.4 * ab + 200).margin(1.0));
    CHECK(maillon::haversine_m(round->geometry.front(), p80.position) < 1);  // starts at 80 %, not in the middle
}

TEMPLATE_TEST_CASE("a low-stress route to a point on a busy road is refused without a search", "[route]", AStarRoutes,
                   HierarchyRoutes) {
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
    const LowStressFilter calm{&g, 2};
    const Snap ad = at(g, 'A', 'D', 0.5F), de = at(g, 'D', 'E', 0.5F), df = at(g, 'D', 'F', 0.5F);
    REQUIRE(calm(maillon::arc_of(ad.edge, false)));
    REQUIRE_FALSE(calm(maillon::arc_of(de.edge, false)));
    REQUIRE_FALSE(calm(maillon::arc_of(de.edge, true)));
    typename TestType::template For<ModeFilter> bike_routes{g, ModeFilter{&g, Mode::bike}};
    typename TestType::template For<LowStressFilter> calm_routes{g, calm};
    // The busy road is reachable by bike, and its ends are in the low-stress network's component:
    // only the end edge tells that no low-stress route arrives (it used to search the whole budget).
    CHECK(bike_routes.route(ad, de, no_budget));
    CHECK_FALSE(calm_routes.route(ad, de, no_budget));
    CHECK(calm_routes.settled() == 0);
    CHECK_FALSE(calm_routes.route(de, ad, no_budget));
    CHECK(calm_routes.settled() == 0);
    const auto calm_route = calm_routes.route(ad, df, no_budget);
    REQUIRE(calm_route);
    CHECK(calm_route->length_m == Approx(g.length_m(ad.edge) / 2 + g.length_m(df.edge) / 2).margin(0.01));
    CHECK(calm_routes.settled() > 0);
}
