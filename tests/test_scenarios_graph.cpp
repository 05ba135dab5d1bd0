// ASCII-map scenarios through the real importer (tests/scenario.hpp): graph topology, lengths,
// per-direction access and facilities, node flags. Interior letters of a way that no other kept
// way shares are shape points, not graph nodes: arcs are looked up between way ends and
// intersections.
#include "maillon/graph.hpp"
#include "scenario.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>

namespace Catch {
template <>
struct StringMaker<maillon::Facility> {
    static std::string convert(maillon::Facility f) { return std::string{maillon::schema_name(f)}; }
};
template <>
struct StringMaker<maillon::Regime> {
    static std::string convert(maillon::Regime r) { return std::string{maillon::key(r)}; }
};
template <>
struct StringMaker<maillon::Highway> {
    static std::string convert(maillon::Highway h) { return std::string{maillon::key(h)}; }
};
template <>
struct StringMaker<maillon::Surface> {
    static std::string convert(maillon::Surface s) { return std::string{maillon::key(s)}; }
};
}  // namespace Catch

using maillon::ArcId;
using maillon::Facility;
using maillon::Graph;
using maillon::Highway;
using maillon::Mode;
using maillon::test::Scenario;

namespace {

bool is_graph_node(const Graph& g, char label) {
    const auto& ids = g.data().node_osm_id;
    return std::find(ids.begin(), ids.end(), Scenario::osm_id(label)) != ids.end();
}

bool bike(const Graph& g, char from, char to) { return g.allows(Scenario::arc(g, from, to), Mode::bike); }
bool foot(const Graph& g, char from, char to) { return g.allows(Scenario::arc(g, from, to), Mode::foot); }

}  // namespace

TEST_CASE("ways are split into edges at intersections, not at their other nodes", "[scenario][graph]") {
    const Scenario s{R"(
A-----B-----C
      |
      D
)",
                     {{"ABC", {{"highway", "residential"}}}, {"BD", {{"highway", "residential"}}}}};
    const Graph g = s.build();
    CHECK(g.node_count() == 4);
    CHECK(g.edge_count() == 3);
    for (const char c : {'A', 'B', 'C', 'D'}) {
        INFO(c);
        CHECK(is_graph_node(g, c));
    }
    // Both pieces of ABC belong to the same OSM way.
    const ArcId ab = Scenario::arc(g, 'A', 'B');
    const ArcId bc = Scenario::arc(g, 'B', 'C');
    CHECK(g.data().edge_way_id[maillon::edge_of(ab)] == g.data().edge_way_id[maillon::edge_of(bc)]);
    CHECK(maillon::edge_of(ab) != maillon::edge_of(bc));
    // Out of B: arcs to A, C and D.
    int out = 0;
    g.for_each_out_arc(Scenario::node(g, 'B'), [&](ArcId) { ++out; });
    CHECK(out == 3);
}

TEST_CASE("an interior node that no other way uses is a shape point, not a graph node", "[scenario][graph]") {
    const Scenario s{R"(
A-----B-----C
)",
                     {{"ABC", {{"highway", "residential"}}}}};
    const Graph g = s.build();
    CHECK(g.node_count() == 2);
    CHECK(g.edge_count() == 1);
    CHECK_FALSE(is_graph_node(g, 'B'));
    CHECK(g.shape(0).size() == 3);  // A, B, C
    CHECK(g.length_m(0) == Approx(120.0).epsilon(0.01));
}

TEST_CASE("edge lengths are the metres drawn on the 10 m grid, within 1%", "[scenario][graph]") {
    const Scenario s{R"(
A---------B
          |
          |
          |
          C
)",
                     {{"AB", {{"highway", "residential"}}}, {"BC", {{"highway", "residential"}}}}};
    const Graph g = s.build();
    CHECK(g.length_m(maillon::edge_of(Scenario::arc(g, 'A', 'B'))) == Approx(100.0).epsilon(0.01));  // 10 columns
    CHECK(g.length_m(maillon::edge_of(Scenario::arc(g, 'B', 'C'))) == Approx(40.0).epsilon(0.01));   // 4 lines
}

TEST_CASE("a larger grid scales the lengths", "[scenario][graph]") {
    Scenario s{R"(
A--B
)",
               {{"AB", {{"highway", "residential"}}}}};
    s.grid_m = 100.0;
    const Graph g = s.build();
    CHECK(g.length_m(0) == Approx(300.0).epsilon(0.01));
}

TEST_CASE("a one-way street has a bike arc only forward; pedestrians walk it both ways", "[scenario][graph][oneway]") {
    const Scenario s{R"(
A-----B-----C
)",
                     {{"ABC", {{"highway", "residential"}, {"oneway", "yes"}}}}};
    const Graph g = s.build();
    CHECK(bike(g, 'A', 'C'));
    CHECK_FALSE(bike(g, 'C', 'A'));
    CHECK(foot(g, 'A', 'C'));
    CHECK(foot(g, 'C', 'A'));
    const ArcId back = Scenario::arc(g, 'C', 'A');
    CHECK(g.data().arc_lts[back] == 0);
    CHECK(g.data().arc_lts[Scenario::arc(g, 'A', 'C')] > 0);
    const auto flags = g.data().edge_flags[maillon::edge_of(back)];
    CHECK((flags & maillon::edge_oneway_motor) != 0);
    CHECK((flags & maillon::edge_contraflow_bike) == 0);
}

TEST_CASE("a one-way street drawn the other way round is ridden in its drawing direction", "[scenario][graph][oneway]") {
    const Scenario s{R"(
A-----B-----C
)",
                     {{"CBA", {{"highway", "residential"}, {"oneway", "yes"}}}}};
    const Graph g = s.build();
    CHECK(bike(g, 'C', 'A'));
    CHECK_FALSE(bike(g, 'A', 'C'));
}

TEST_CASE("oneway=-1 is ridden against the drawing direction", "[scenario][graph][oneway]") {
    const Scenario s{R"(
A-----B-----C
)",
                     {{"ABC", {{"highway", "residential"}, {"oneway", "-1"}}}}};
    const Graph g = s.build();
    CHECK(bike(g, 'C', 'A'));
    CHECK_FALSE(bike(g, 'A', 'C'));
    CHECK(foot(g, 'A', 'C'));
}

TEST_CASE("a contraflow street has bike arcs both ways and its contraflow arc is a DSC NON MATERIALISE",
          "[scenario][graph][oneway]") {
    const Scenario s{R"(
A-----B-----C
)",
                     {{"ABC", {{"highway", "residential"}, {"oneway", "yes"}, {"oneway:bicycle", "no"}}}}};
    const Graph g = s.build();
    CHECK(bike(g, 'A', 'C'));
    CHECK(bike(g, 'C', 'A'));
    const ArcId fwd = Scenario::arc(g, 'A', 'C');
    const ArcId back = Scenario::arc(g, 'C', 'A');
    CHECK(g.data().arc_side_facility[fwd] == Facility::aucun);
    CHECK(g.data().arc_side_facility[back] == Facility::dsc_non_materialise);
    CHECK(g.data().arc_facility[back] == Facility::dsc_non_materialise);
    CHECK(g.data().arc_lts[back] > 0);
    const auto flags = g.data().edge_flags[maillon::edge_of(fwd)];
    CHECK((flags & maillon::edge_oneway_motor) != 0);
    CHECK((flags & maillon::edge_contraflow_bike) != 0);
}

TEST_CASE("a footway crossing a street gives foot-only arcs and splits the street", "[scenario][graph][access]") {
    const Scenario s{R"(
    C
    |
A---X---B
    |
    D
)",
                     {{"AXB", {{"highway", "residential"}}}, {"CXD", {{"highway", "footway"}}}}};
    const Graph g = s.build();
    CHECK(is_graph_node(g, 'X'));
    for (const auto& [from, to] : {std::pair{'C', 'X'}, std::pair{'X', 'C'}, std::pair{'X', 'D'}, std::pair{'D', 'X'}}) {
        INFO(from << "->" << to);
        CHECK(foot(g, from, to));
        CHECK_FALSE(bike(g, from, to));
        CHECK(g.data().arc_lts[Scenario::arc(g, from, to)] == 0);
    }
    CHECK(bike(g, 'A', 'X'));
    CHECK(bike(g, 'X', 'B'));
    CHECK(bike(g, 'B', 'X'));
}

TEST_CASE("a two-way track on the gauche side: the forward arc's side (ame_d) is AUCUN but it rides the PISTE",
          "[scenario][graph][facility]") {
    const Scenario s{R"(
A-------B
)",
                     {{"AB", {{"highway", "primary"}, {"cycleway:left", "track"}, {"cycleway:left:oneway", "no"}}}}};
    const Graph g = s.build();
    const ArcId fwd = Scenario::arc(g, 'A', 'B');
    const ArcId back = Scenario::arc(g, 'B', 'A');
    CHECK_FALSE(maillon::is_backward(fwd));
    CHECK(maillon::is_backward(back));
    CHECK(g.data().arc_side_facility[fwd] == Facility::aucun);  // ame_d
    CHECK(g.data().arc_side_facility[back] == Facility::piste);  // ame_g
    CHECK(g.data().arc_facility[fwd] == Facility::piste);
    CHECK(g.data().arc_facility[back] == Facility::piste);
    CHECK(g.data().arc_lts[fwd] == 1);
    CHECK(g.data().arc_lts[back] == 1);
}

TEST_CASE("lanes on each side: each direction has the lane on its right", "[scenario][graph][facility]") {
    const Scenario s{R"(
A-------B
)",
                     {{"AB", {{"highway", "secondary"}, {"cycleway:right", "lane"}, {"cycleway:left", "share_busway"}}}}};
    const Graph g = s.build();
    const ArcId fwd = Scenario::arc(g, 'A', 'B');
    const ArcId back = Scenario::arc(g, 'B', 'A');
    CHECK(g.data().arc_side_facility[fwd] == Facility::bande);
    CHECK(g.data().arc_facility[fwd] == Facility::bande);
    CHECK(g.data().arc_side_facility[back] == Facility::couloir_bus_velo);
    CHECK(g.data().arc_facility[back] == Facility::couloir_bus_velo);
}

TEST_CASE("a way drawn the other way round swaps droite and gauche", "[scenario][graph][facility]") {
    // The same street as above, drawn from B to A: its right side is now the A-bound side.
    const Scenario s{R"(
A-------B
)",
                     {{"BA", {{"highway", "secondary"}, {"cycleway:right", "lane"}}}}};
    const Graph g = s.build();
    CHECK(g.data().arc_facility[Scenario::arc(g, 'B', 'A')] == Facility::bande);
    CHECK(g.data().arc_facility[Scenario::arc(g, 'A', 'B')] == Facility::aucun);
}

TEST_CASE("a motorway is absent from the graph and does not split the streets it touches", "[scenario][graph][access]") {
    const Scenario s{R"(
    D
    |
A---B---C
    |
    E
)",
                     {{"ABC", {{"highway", "residential"}}}, {"DBE", {{"highway", "motorway"}}}}};
    const Graph g = s.build();
    CHECK(g.edge_count() == 1);
    CHECK_FALSE(is_graph_node(g, 'D'));
    CHECK_FALSE(is_graph_node(g, 'E'));
    CHECK_FALSE(is_graph_node(g, 'B'));
    for (maillon::EdgeId e = 0; e < g.edge_count(); ++e) {
        CHECK(g.data().edge_highway[e] != Highway::motorway);
    }
    CHECK(bike(g, 'A', 'C'));
}

TEST_CASE("a file with nothing usable by bike or on foot is an error, not an empty graph", "[scenario][graph][access]") {
    const Scenario s{R"(
A---B
)",
                     {{"AB", {{"highway", "motorway"}}}}};
    CHECK_THROWS(s.build());
}

TEST_CASE("traffic signals and crossings at an intersection are kept as node flags", "[scenario][graph][nodes]") {
    Scenario s{R"(
    C       F
    |       |
A---X-------Y---B
    |       |
    D       G
)",
               {{"AXYB", {{"highway", "secondary"}}}, {"CXD", {{"highway", "residential"}}}, {"FYG", {{"highway", "footway"}}}}};
    s.node_tags['X'] = {{"highway", "traffic_signals"}};
    s.node_tags['Y'] = {{"highway", "crossing"}, {"crossing", "marked"}};
    const Graph g = s.build();
    const auto flags = [&](char c) { return g.data().node_flags[Scenario::node(g, c)]; };
    CHECK((flags('X') & maillon::node_traffic_signals) != 0);
    CHECK((flags('X') & maillon::node_crossing) == 0);
    CHECK((flags('Y') & maillon::node_crossing) != 0);
    CHECK((flags('Y') & maillon::node_traffic_signals) == 0);
    CHECK(flags('A') == 0);
    CHECK(flags('C') == 0);
}

TEST_CASE("edge attributes carry the way's class, speed, lanes, regime and flags", "[scenario][graph]") {
    const Scenario s{R"(
A-------B
)",
                     {{"AB",
                       {{"highway", "tertiary"},
                        {"maxspeed", "30"},
                        {"zone:maxspeed", "FR:30"},
                        {"lanes", "2"},
                        {"bridge", "yes"},
                        {"lit", "yes"},
                        {"surface", "sett"},
                        {"name", "Rue de la Roquette"}}}}};
    const Graph g = s.build();
    const auto& d = g.data();
    CHECK(d.edge_highway[0] == Highway::tertiary);
    CHECK(d.edge_maxspeed_kmh[0] == 30);
    CHECK(d.edge_lanes[0] == 2);
    CHECK(d.edge_regime[0] == maillon::Regime::zone30);
    CHECK(d.edge_surface[0] == maillon::Surface::rugueux);
    CHECK((d.edge_flags[0] & maillon::edge_bridge) != 0);
    CHECK((d.edge_flags[0] & maillon::edge_lit) != 0);
    CHECK((d.edge_flags[0] & maillon::edge_tunnel) == 0);
    CHECK(g.name(0) == "Rue de la Roquette");
    // Tertiary at 30 km/h, one lane per direction, mixed traffic: LTS 2 both ways.
    CHECK(d.arc_lts[0] == 2);
    CHECK(d.arc_lts[1] == 2);
}

TEST_CASE("a pedestrian street is ridden and walked both ways at LTS 1", "[scenario][graph]") {
    const Scenario s{R"(
A-------B
)",
                     {{"AB", {{"highway", "pedestrian"}}}}};
    const Graph g = s.build();
    CHECK(bike(g, 'A', 'B'));
    CHECK(bike(g, 'B', 'A'));
    CHECK(foot(g, 'A', 'B'));
    CHECK(g.data().edge_regime[0] == maillon::Regime::aire_pietonne);
    CHECK(g.data().arc_lts[0] == 1);
}
