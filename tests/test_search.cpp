// BoundedSearch: distances, budget, sources, filters and early stop on ASCII-map scenarios; then
// 1000 random searches on a real graph against a fresh search and boost::dijkstra_shortest_paths.

#include "maillon/importers/osm_import.hpp"
#include "maillon/search.hpp"
#include "scenario.hpp"

#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/graph/filtered_graph.hpp>
#include <boost/property_map/function_property_map.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <variant>
#include <vector>

using maillon::ArcId;
using maillon::BoundedSearch;
using maillon::CycleNetworkFilter;
using maillon::Graph;
using maillon::LowStressFilter;
using maillon::Mode;
using maillon::ModeFilter;
using maillon::NodeId;
using maillon::SearchSource;
using maillon::test::Scenario;

namespace {

constexpr float inf = std::numeric_limits<float>::infinity();

//   A---B---C        10 m per character and per line: AB = BC = DE = EF = 40 m,
//   |   |   |        AD = BE = CF = 30 m.
//   |   |   |
//   D---E---F
const Scenario grid{R"(
    A---B---C
    |   |   |
    |   |   |
    D---E---F
)",
                    {{"ABC", {{"highway", "residential"}}},
                     {"DEF", {{"highway", "residential"}}},
                     {"AD", {{"highway", "residential"}}},
                     {"BE", {{"highway", "residential"}}},
                     {"CF", {{"highway", "residential"}}}}};

NodeId node(const Graph& g, char label) { return Scenario::node(g, label); }

/// Checks path_to(n): a chain of arcs from a source to n, accepted by the filter, whose lengths
/// plus the source's initial distance sum to distance(n).
template <typename Filter>
void check_path(const BoundedSearch& s, NodeId n, const std::vector<SearchSource>& sources, const Filter& filter) {
    const Graph& g = s.graph();
    const std::vector<ArcId> path = s.path_to(n);
    const NodeId start = path.empty() ? n : g.arc_tail(path.front());
    const auto source = std::find_if(sources.begin(), sources.end(), [&](const SearchSource& x) { return x.node == start; });
    REQUIRE(source != sources.end());
    REQUIRE(s.source_of(n) == start);
    float offset = inf;
    for (const SearchSource& x : sources) {
        if (x.node == start) offset = std::min(offset, x.distance_m);
    }
    double sum = offset;
    NodeId at = start;
    for (const ArcId a : path) {
        REQUIRE(g.arc_tail(a) == at);
        REQUIRE(filter(a));
        REQUIRE(s.reached(g.arc_head(a)));
        REQUIRE(s.parent_arc(g.arc_head(a)) == a);
        sum += g.length_m(maillon::edge_of(a));
        at = g.arc_head(a);
    }
    REQUIRE(at == n);
    REQUIRE(s.distance(n) == Approx(sum).epsilon(1e-5).margin(1e-3));
}

}  // namespace

TEST_CASE("distances along a small grid are the metres between the nodes") {
    const Graph g = grid.build();
    BoundedSearch s{g};
    const ModeFilter bike{&g, Mode::bike};
    s.run({{node(g, 'A'), 0.F}}, inf, bike);
    CHECK(s.distance(node(g, 'A')) == 0.F);
    CHECK(s.parent_arc(node(g, 'A')) == maillon::no_arc);
    CHECK(s.distance(node(g, 'B')) == Approx(40).margin(0.1));
    CHECK(s.distance(node(g, 'C')) == Approx(80).margin(0.1));
    CHECK(s.distance(node(g, 'D')) == Approx(30).margin(0.1));
    CHECK(s.distance(node(g, 'E')) == Approx(70).margin(0.1));
    CHECK(s.distance(node(g, 'F')) == Approx(110).margin(0.1));
    CHECK(s.settled().size() == g.node_count());
    CHECK(s.settled().front() == node(g, 'A'));
    CHECK(s.settled().back() == node(g, 'F'));
    for (std::size_t i = 1; i < s.settled().size(); ++i) {
        CHECK(s.distance(s.settled()[i - 1]) <= s.distance(s.settled()[i]));
    }
}

TEST_CASE("the budget cuts the search: nodes beyond it are not settled") {
    const Graph g = grid.build();
    BoundedSearch s{g};
    s.run({{node(g, 'A'), 0.F}}, 75.F, ModeFilter{&g, Mode::foot});
    CHECK(s.reached(node(g, 'A')));
    CHECK(s.reached(node(g, 'B')));
    CHECK(s.reached(node(g, 'D')));
    CHECK(s.reached(node(g, 'E')));  // 70 m
    CHECK_FALSE(s.reached(node(g, 'C')));  // 80 m
    CHECK_FALSE(s.reached(node(g, 'F')));  // 110 m
    CHECK(s.settled().size() == 4);
    CHECK(std::isinf(s.distance(node(g, 'C'))));
    CHECK(s.parent_arc(node(g, 'C')) == maillon::no_arc);
    CHECK(s.path_to(node(g, 'C')).empty());

    SECTION("a source beyond the budget is not settled") {
        s.run({{node(g, 'A'), 80.F}}, 75.F, ModeFilter{&g, Mode::foot});
        CHECK(s.settled().empty());
        CHECK_FALSE(s.reached(node(g, 'A')));
    }
    SECTION("a zero budget settles the sources only") {
        s.run({{node(g, 'A'), 0.F}, {node(g, 'F'), 0.F}}, 0.F, ModeFilter{&g, Mode::foot});
        CHECK(s.settled().size() == 2);
    }
}

TEST_CASE("a multi-source search takes the nearest source, initial distances included") {
    const Graph g = grid.build();
    BoundedSearch s{g};
    const ModeFilter foot{&g, Mode::foot};
    const std::vector<SearchSource> sources{{node(g, 'A'), 0.F}, {node(g, 'F'), 0.F}};
    s.run(sources, inf, foot);
    CHECK(s.distance(node(g, 'B')) == Approx(40).margin(0.1));  // from A (F: 70)
    CHECK(s.distance(node(g, 'C')) == Approx(30).margin(0.1));  // from F (A: 80)
    CHECK(s.distance(node(g, 'E')) == Approx(40).margin(0.1));  // from F (A: 70)
    CHECK(s.source_of(node(g, 'C')) == node(g, 'F'));
    CHECK(s.source_of(node(g, 'B')) == node(g, 'A'));
    for (const NodeId n : s.settled()) check_path(s, n, sources, foot);

    // A starts 35 m away (a point snapped onto the street): B is now nearer to F.
    const std::vector<SearchSource> offset{{node(g, 'A'), 35.F}, {node(g, 'F'), 0.F}};
    s.run(offset, inf, foot);
    CHECK(s.distance(node(g, 'A')) == Approx(35));
    CHECK(s.distance(node(g, 'B')) == Approx(70).margin(0.1));  // F->E->B (A: 75)
    CHECK(s.distance(node(g, 'D')) == Approx(65).margin(0.1));  // A: 35 + 30 (F: 80)
    CHECK(s.source_of(node(g, 'D')) == node(g, 'A'));
    for (const NodeId n : s.settled()) check_path(s, n, offset, foot);

    // A node listed twice keeps its smaller initial distance; an unknown node is ignored.
    s.run({{node(g, 'A'), 20.F}, {node(g, 'A'), 5.F}, {maillon::no_node, 0.F}}, inf, foot);
    CHECK(s.distance(node(g, 'A')) == Approx(5));
    CHECK(s.distance(node(g, 'B')) == Approx(45).margin(0.1));
}

TEST_CASE("one-way streets are respected by the bike mode filter but not by the foot one") {
    //   A-------B     AB one-way A->B (80 m); the detour A-C-D-B is 140 m.
    //   |       |
    //   |       |
    //   C-------D
    const Scenario s{R"(
        A-------B
        |       |
        |       |
        C-------D
    )",
                     {{"AB", {{"highway", "residential"}, {"oneway", "yes"}}},
                      {"ACDB", {{"highway", "residential"}}}}};
    const Graph g = s.build();
    BoundedSearch search{g};
    const ModeFilter bike{&g, Mode::bike};
    const ModeFilter foot{&g, Mode::foot};

    search.run({{node(g, 'A'), 0.F}}, inf, bike);
    CHECK(search.distance(node(g, 'B')) == Approx(80).margin(0.1));

    search.run({{node(g, 'B'), 0.F}}, inf, bike);
    CHECK(search.distance(node(g, 'A')) == Approx(140).margin(0.1));
    check_path(search, node(g, 'A'), {{node(g, 'B'), 0.F}}, bike);

    search.run({{node(g, 'B'), 0.F}}, inf, foot);
    CHECK(search.distance(node(g, 'A')) == Approx(80).margin(0.1));
    REQUIRE(search.path_to(node(g, 'A')).size() == 1);
    CHECK(search.path_to(node(g, 'A')).front() == Scenario::arc(g, 'B', 'A'));

    // With a 100 m budget a cyclist leaving B cannot reach A at all.
    search.run({{node(g, 'B'), 0.F}}, 100.F, bike);
    CHECK_FALSE(search.reached(node(g, 'A')));
}

TEST_CASE("the low-stress filter avoids a primary road and takes the longer quiet detour") {
    //   A-------B     AB primary (LTS 3) 80 m; A-C-D-B residential (LTS 2) 140 m (two ways, so
    //   |       |     that C is a graph node).
    //   |       |
    //   C-------D
    const Scenario s{R"(
        A-------B
        |       |
        |       |
        C-------D
    )",
                     {{"AB", {{"highway", "primary"}}},
                      {"AC", {{"highway", "residential"}}},
                      {"CDB", {{"highway", "residential"}}}}};
    const Graph g = s.build();
    const auto& lts = g.data().arc_lts;
    const ArcId primary = Scenario::arc(g, 'A', 'B');
    REQUIRE(lts[primary] >= 3);
    REQUIRE(lts[Scenario::arc(g, 'A', 'C')] <= 2);

    BoundedSearch search{g};
    search.run({{node(g, 'A'), 0.F}}, inf, ModeFilter{&g, Mode::bike});
    CHECK(search.distance(node(g, 'B')) == Approx(80).margin(0.1));

    const LowStressFilter low{&g, 2};
    CHECK_FALSE(low(primary));
    search.run({{node(g, 'A'), 0.F}}, inf, low);
    CHECK(search.distance(node(g, 'B')) == Approx(140).margin(0.1));
    const auto path = search.path_to(node(g, 'B'));
    CHECK(std::find(path.begin(), path.end(), primary) == path.end());
    check_path(search, node(g, 'B'), {{node(g, 'A'), 0.F}}, low);

    // Allowing LTS 3 brings the primary road back.
    search.run({{node(g, 'A'), 0.F}}, inf, LowStressFilter{&g, 3});
    CHECK(search.distance(node(g, 'B')) == Approx(80).margin(0.1));
}

TEST_CASE("the cycle network filter only walks cycle facilities") {
    //   A-------B---E   AB and BE residential without facility; A-C-D-B a cycleway (piste),
    //   |       |       drawn as two ways so that C is a graph node.
    //   |       |
    //   C-------D
    const Scenario s{R"(
        A-------B---E
        |       |
        |       |
        C-------D
    )",
                     {{"AB", {{"highway", "residential"}}},
                      {"BE", {{"highway", "residential"}}},
                      {"AC", {{"highway", "cycleway"}}},
                      {"CDB", {{"highway", "cycleway"}}}}};
    const Graph g = s.build();
    const CycleNetworkFilter network{&g};
    REQUIRE_FALSE(network(Scenario::arc(g, 'A', 'B')));
    REQUIRE(network(Scenario::arc(g, 'A', 'C')));

    BoundedSearch search{g};
    search.run({{node(g, 'A'), 0.F}}, inf, network);
    CHECK(search.distance(node(g, 'B')) == Approx(140).margin(0.1));
    CHECK_FALSE(search.reached(node(g, 'E')));
    for (const NodeId n : search.settled()) check_path(search, n, {{node(g, 'A'), 0.F}}, network);

    search.run({{node(g, 'A'), 0.F}}, inf, ModeFilter{&g, Mode::bike});
    CHECK(search.distance(node(g, 'B')) == Approx(80).margin(0.1));
    CHECK(search.distance(node(g, 'E')) == Approx(120).margin(0.1));
}

TEST_CASE("stop_at stops the search early with the target's distance final") {
    const Graph g = grid.build();
    BoundedSearch search{g};
    const ModeFilter bike{&g, Mode::bike};
    search.run({{node(g, 'A'), 0.F}}, inf, bike, node(g, 'E'));
    REQUIRE(search.reached(node(g, 'E')));
    CHECK(search.distance(node(g, 'E')) == Approx(70).margin(0.1));
    CHECK(search.settled().back() == node(g, 'E'));
    CHECK_FALSE(search.reached(node(g, 'C')));  // 80 m
    CHECK_FALSE(search.reached(node(g, 'F')));  // 110 m
    check_path(search, node(g, 'E'), {{node(g, 'A'), 0.F}}, bike);

    // A target beyond the budget is not reached.
    search.run({{node(g, 'A'), 0.F}}, 60.F, bike, node(g, 'E'));
    CHECK_FALSE(search.reached(node(g, 'E')));
}

TEST_CASE("path_to returns connected arcs from the source whose lengths sum to the distance") {
    const Graph g = grid.build();
    BoundedSearch search{g};
    const ModeFilter bike{&g, Mode::bike};
    search.run({{node(g, 'A'), 0.F}}, inf, bike);
    const auto path = search.path_to(node(g, 'F'));
    REQUIRE(path.size() == 3);  // A-B-C-F, A-B-E-F or A-D-E-F: all 110 m
    CHECK(g.arc_tail(path.front()) == node(g, 'A'));
    CHECK(g.arc_head(path.back()) == node(g, 'F'));
    check_path(search, node(g, 'F'), {{node(g, 'A'), 0.F}}, bike);
    CHECK(search.path_to(node(g, 'A')).empty());
}

// ---------------------------------------------------------------------------------------------
// Reuse of the work arrays on a real graph, against boost::dijkstra_shortest_paths.

namespace {

using Adj = Graph::Adjacency;
using EdgeDesc = boost::graph_traits<Adj>::edge_descriptor;
using AnyFilter = std::variant<ModeFilter, LowStressFilter, CycleNetworkFilter>;

bool accepts(const AnyFilter& f, ArcId a) {
    return std::visit([a](const auto& filter) { return filter(a); }, f);
}

/// Single-source distances from boost::dijkstra_shortest_paths over the filtered CSR graph
/// (unreached: +infinity).
std::vector<float> boost_distances(const Graph& g, NodeId source, const AnyFilter& filter) {
    const Adj& adj = g.adjacency();
    const auto keep = [&](const EdgeDesc& e) { return accepts(filter, adj[e].arc); };
    const boost::filtered_graph<Adj, std::function<bool(const EdgeDesc&)>> fg{adj, keep};
    const auto weight = boost::make_function_property_map<EdgeDesc, float>(
        [&](const EdgeDesc& e) { return g.length_m(maillon::edge_of(adj[e].arc)); });
    const auto index = boost::get(boost::vertex_index, adj);
    std::vector<float> dist(g.node_count());
    boost::dijkstra_shortest_paths(fg, source,
                                   boost::distance_map(boost::make_iterator_property_map(dist.begin(), index))
                                       .weight_map(weight)
                                       .distance_inf(inf));
    return dist;
}

void run_any(BoundedSearch& s, const std::vector<SearchSource>& sources, float budget, const AnyFilter& f, NodeId stop) {
    std::visit([&](const auto& filter) { s.run(sources, budget, filter, stop); }, f);
}

/// The same run must give the same result as on a fresh object, to the bit.
void check_same(const BoundedSearch& reused, const BoundedSearch& fresh) {
    REQUIRE(reused.settled() == fresh.settled());
    for (const NodeId n : fresh.settled()) {
        REQUIRE(reused.distance(n) == fresh.distance(n));
        REQUIRE(reused.parent_arc(n) == fresh.parent_arc(n));
    }
}

}  // namespace

TEST_CASE("work arrays are reused correctly across many runs (1000 random searches on a real graph)") {
    const Graph g = maillon::importers::import_osm(std::string(MAILLON_TEST_DATA) + "/monaco-2016.osm.pbf");
    REQUIRE(g.node_count() > 1000);
    const NodeId n_nodes = static_cast<NodeId>(g.node_count());

    BoundedSearch reused{g};
    const bool near_wrap = GENERATE(false, true);
    if (near_wrap) {
        // The node markers wrap around after ~2^31 runs: start just before, so that the clearing
        // happens in the middle of the 1000 runs.
        reused.set_generation_for_testing(std::numeric_limits<std::uint32_t>::max() - 1000);
    }
    INFO("starting near the generation wrap-around: " << near_wrap);

    std::mt19937 rng{near_wrap ? 7U : 1234U};
    std::uniform_int_distribution<NodeId> any_node{0, n_nodes - 1};
    std::uniform_real_distribution<float> offset{0.F, 50.F};
    const std::vector<float> budgets{50.F, 300.F, 800.F, 2500.F, inf};
    const std::vector<AnyFilter> filters{ModeFilter{&g, Mode::bike}, ModeFilter{&g, Mode::foot},
                                         LowStressFilter{&g, 2}, CycleNetworkFilter{&g}};

    std::size_t total_settled = 0;
    for (int run = 0; run < 1000; ++run) {
        std::vector<SearchSource> sources;
        const int n_sources = 1 + static_cast<int>(rng() % 3);
        for (int i = 0; i < n_sources; ++i) sources.push_back({any_node(rng), i == 0 ? 0.F : offset(rng)});
        const float budget = budgets[rng() % budgets.size()];
        const std::size_t filter_index = rng() % filters.size();
        const AnyFilter& filter = filters[filter_index];
        const NodeId stop_at = rng() % 4 == 0 ? any_node(rng) : maillon::no_node;
        INFO("run " << run << ", sources " << sources.size() << ", budget " << budget << ", filter " << filter_index
                    << ", stop_at " << stop_at);

        run_any(reused, sources, budget, filter, stop_at);
        BoundedSearch fresh{g};
        run_any(fresh, sources, budget, filter, stop_at);
        check_same(reused, fresh);
        total_settled += reused.settled().size();

        // Reference: min over the sources of initial distance + boost's single-source distance.
        std::vector<float> ref(g.node_count(), inf);
        for (const SearchSource& s : sources) {
            const auto d = boost_distances(g, s.node, filter);
            for (NodeId n = 0; n < n_nodes; ++n) ref[n] = std::min(ref[n], s.distance_m + d[n]);
        }
        const auto tol = [](float d) { return 1e-3F + 1e-5F * d; };

        for (std::size_t i = 0; i < reused.settled().size(); ++i) {
            const NodeId n = reused.settled()[i];
            REQUIRE(reused.reached(n));
            REQUIRE(std::fabs(reused.distance(n) - ref[n]) <= tol(ref[n]));
            REQUIRE(reused.distance(n) <= budget);
            if (i > 0) REQUIRE(reused.distance(reused.settled()[i - 1]) <= reused.distance(n));
        }
        std::size_t reached = 0;
        for (NodeId n = 0; n < n_nodes; ++n) reached += reused.reached(n) ? 1 : 0;
        REQUIRE(reached == reused.settled().size());

        if (stop_at != maillon::no_node && reused.reached(stop_at)) {
            // Stopped early: everything strictly nearer than the target is settled.
            const float dt = reused.distance(stop_at);
            REQUIRE(reused.settled().back() == stop_at);
            for (NodeId n = 0; n < n_nodes; ++n) {
                if (ref[n] < dt - tol(dt)) REQUIRE(reused.reached(n));
            }
        } else {
            // Ran to exhaustion: exactly the nodes within the budget (up to rounding at its edge).
            if (stop_at != maillon::no_node) REQUIRE(!(ref[stop_at] <= budget - tol(budget)));
            for (NodeId n = 0; n < n_nodes; ++n) {
                if (ref[n] <= budget - tol(ref[n])) REQUIRE(reused.reached(n));
                if (reused.reached(n)) REQUIRE(ref[n] <= budget + tol(ref[n]));
            }
        }

        if (!reused.settled().empty()) {
            const NodeId n = reused.settled()[rng() % reused.settled().size()];
            std::visit([&](const auto& f) { check_path(reused, n, sources, f); }, filter);
        }
    }
    CHECK(total_settled > 10000);  // the runs did explore the graph
}
