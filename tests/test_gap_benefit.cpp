// The benefit of a missing link (engine/src/gap_benefit.cpp, docs/gaps.md "Prioritize"): edge
// betweenness of the pairs of intersections within 2.5 km, on the network as it could be.
// Checked against an independent all-pairs count (Floyd–Warshall over the scenario's nodes, in
// this file), and the sampled estimate against the exact figure on a real extract.

#include "maillon/cycle_network.hpp"
#include "maillon/gaps.hpp"
#include "maillon/importers/osm_import.hpp"
#include "scenario.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

using maillon::BenefitParams;
using maillon::CycleNetwork;
using maillon::EdgeId;
using maillon::Gap;
using maillon::Graph;
using maillon::NodeId;
using maillon::test::Scenario;
using maillon::test::Tags;

namespace {

/// Edge betweenness by brute force: every node of degree other than 2 (or where a cycleway meets
/// a street) is an origin and a destination; for each unordered pair within the radius whose
/// shortest route is unique (the map has no two routes of equal length), +1 on each edge of it.
std::vector<double> brute_force_betweenness(const Graph& g, double radius_m) {
    const auto& d = g.data();
    const std::size_t n = g.node_count();
    const double inf = std::numeric_limits<double>::infinity();
    std::vector<std::vector<double>> dist(n, std::vector<double>(n, inf));
    std::vector<std::vector<int>> next_edge(n, std::vector<int>(n, -1));  // first edge of the route i -> j
    std::vector<int> degree(n, 0);
    std::vector<std::vector<int>> kinds(n);
    for (NodeId i = 0; i < n; ++i) dist[i][i] = 0;
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        const NodeId a = d.edge_source[e], b = d.edge_target[e];
        ++degree[a];
        ++degree[b];
        const int kind = d.edge_highway[e] == maillon::Highway::cycleway ? 2 : 0;
        kinds[a].push_back(kind);
        kinds[b].push_back(kind);
        if (g.length_m(e) < dist[a][b]) {
            dist[a][b] = dist[b][a] = g.length_m(e);
            next_edge[a][b] = next_edge[b][a] = static_cast<int>(e);
        }
    }
    for (NodeId k = 0; k < n; ++k) {
        for (NodeId i = 0; i < n; ++i) {
            for (NodeId j = 0; j < n; ++j) {
                if (dist[i][k] + dist[k][j] < dist[i][j]) {
                    dist[i][j] = dist[i][k] + dist[k][j];
                    next_edge[i][j] = next_edge[i][k];
                }
            }
        }
    }
    const auto weighs = [&](NodeId v) { return degree[v] != 2 || kinds[v][0] != kinds[v][1]; };
    std::vector<double> ebc(g.edge_count(), 0.0);
    for (NodeId s = 0; s < n; ++s) {
        for (NodeId t = s + 1; t < n; ++t) {
            if (!weighs(s) || !weighs(t) || dist[s][t] > radius_m) continue;
            for (NodeId v = s; v != t;) {
                const auto e = static_cast<EdgeId>(next_edge[v][t]);
                ebc[e] += 1;
                v = d.edge_source[e] == v ? d.edge_target[e] : d.edge_source[e];
            }
        }
    }
    return ebc;
}

}  // namespace

TEST_CASE("the betweenness is the number of pairs of intersections whose route of at most 2.5 km uses the edge",
          "[gaps][benefit]") {
    // A loop of unequal sides (no two routes of the same length): B-C (140 m) north, B-E-F-C
    // south (20 + 180 + 45 m, C-F a diagonal), spurs to A, D, G, H, I.
    const Tags street{{"highway", "residential"}};
    const Tags cycleway{{"highway", "cycleway"}};
    const Scenario s{R"(
A-----B-------------C---D
      |
      E-----------------F------G
      |                        |
      H                        I
)",
                     {{"AB", cycleway}, {"BC", street}, {"CD", street}, {"BE", street}, {"EF", street}, {"FC", street},
                      {"FG", street}, {"GI", cycleway}, {"EH", street}}};
    const Graph g = s.build();
    const CycleNetwork net{g, {}};
    std::vector<Gap> none;
    SECTION("within the radius: every pair") {
        const maillon::Benefit b = maillon::compute_benefit(net, none, BenefitParams{});
        const std::vector<double> expected = brute_force_betweenness(g, 2500);
        CHECK(b.origins == b.sampled);  // small: exact
        for (EdgeId e = 0; e < g.edge_count(); ++e) {
            INFO("edge " << e);
            CHECK(b.of_edge(e) == Approx(expected[e]));
        }
        // A-B carries every pair with A: the other intersections are B, C, D, E, F, H, I (G is
        // where the street meets the cycleway G-I: a change of kind, so it counts too).
        CHECK(b.of_edge(maillon::edge_of(Scenario::arc(g, 'A', 'B'))) == Approx(8.0));
    }
    SECTION("a radius of 150 m: only the short pairs count") {
        BenefitParams p;
        p.trip_radius_m = 150;
        const maillon::Benefit b = maillon::compute_benefit(net, none, p);
        const std::vector<double> expected = brute_force_betweenness(g, 150);
        for (EdgeId e = 0; e < g.edge_count(); ++e) CHECK(b.of_edge(e) == Approx(expected[e]));
    }
    SECTION("a candidate's benefit is the length-weighted mean of its edges'") {
        Gap gap;
        gap.from = Scenario::node(g, 'B');
        gap.to = Scenario::node(g, 'C');
        gap.arcs = {Scenario::arc(g, 'B', 'E'), Scenario::arc(g, 'E', 'F'), Scenario::arc(g, 'F', 'C')};
        gap.against_oneway.assign(3, false);
        std::vector<Gap> candidates{gap};
        const maillon::Benefit b = maillon::compute_benefit(net, candidates, BenefitParams{});
        double sum = 0, length = 0;
        for (const auto a : gap.arcs) {
            sum += b.of_edge(maillon::edge_of(a)) * g.length_m(maillon::edge_of(a));
            length += g.length_m(maillon::edge_of(a));
        }
        CHECK(candidates[0].benefit == Approx(sum / length));
        CHECK(b.of_gap(g, gap) == Approx(sum / length));
    }
}

TEST_CASE("on a real extract the sampled betweenness estimates the exact one on the busy edges", "[gaps][benefit]") {
    const Graph g = maillon::importers::import_osm(std::string{MAILLON_TEST_DATA} + "/paris-republique.osm.pbf");
    const CycleNetwork net{g, {}};
    std::vector<Gap> none;
    BenefitParams exact_params;
    exact_params.betweenness_budget_mnodes = 1000;
    const maillon::Benefit exact = maillon::compute_benefit(net, none, exact_params);
    REQUIRE(exact.sampled == exact.origins);
    BenefitParams sampled_params;
    sampled_params.betweenness_budget_mnodes = 0.25 * static_cast<double>(exact.origins) * 400 / 1e6;
    const maillon::Benefit sampled = maillon::compute_benefit(net, none, sampled_params);
    INFO("origins " << exact.origins << ", sampled " << sampled.sampled);
    REQUIRE(sampled.sampled < exact.origins);
    REQUIRE(sampled.sampled > 0);
    // The busiest tenth of the edges: the ones the cut is about.
    std::vector<EdgeId> edges(g.edge_count());
    for (EdgeId e = 0; e < g.edge_count(); ++e) edges[e] = e;
    std::sort(edges.begin(), edges.end(), [&](EdgeId a, EdgeId b) { return exact.of_edge(a) > exact.of_edge(b); });
    edges.resize(edges.size() / 10);
    std::vector<double> errors;
    for (const EdgeId e : edges) errors.push_back(std::fabs(sampled.of_edge(e) - exact.of_edge(e)) / exact.of_edge(e));
    std::sort(errors.begin(), errors.end());
    const double median = errors[errors.size() / 2];
    INFO("median relative error on the busiest tenth: " << median);
    CHECK(median < 0.15);
}
