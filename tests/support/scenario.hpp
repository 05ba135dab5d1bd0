#pragma once
// Routing scenarios drawn as ASCII maps (after Valhalla's gurka tests):
//
//   const Scenario s{R"(
//       A---B---C
//           |
//           D
//   )", {{"ABC", {{"highway", "residential"}, {"oneway", "yes"}}},
//        {"BD", {{"highway", "cycleway"}}}}};
//   const Graph g = s.build();
//   ArcId ab = s.arc(g, 'A', 'B');
//
// Every letter or digit is a node; one character is `grid_m` metres east, one line `grid_m`
// metres south. Ways list their nodes in order. The scenario is written as an OSM XML file and
// goes through the real importer, so tests cover reading, tag rules and graph assembly at once.

#include "maillon/graph.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace maillon::test {

using Tags = std::vector<std::pair<std::string, std::string>>;

struct Scenario {
    std::string map;
    std::vector<std::pair<std::string, Tags>> ways;
    std::map<char, Tags> node_tags{};
    double grid_m = 10.0;
    /// Relations: members are ways of `ways`, by their position in it (role outer), and tags, e.g.
    /// a commune boundary {{0, 1, 2}, {{"type", "boundary"}, {"boundary", "administrative"}, …}}.
    std::vector<std::pair<std::vector<std::size_t>, Tags>> relations{};

    /// Writes the OSM file and imports it. @throws whatever import_osm throws.
    Graph build() const;
    /// The OSM XML of the scenario (for tests that want the file itself).
    std::string osm_xml() const;

    static std::int64_t osm_id(char label) { return static_cast<unsigned char>(label); }
    static NodeId node(const Graph& g, char label);
    /// The arc from one labelled node to the next along a way. Fails the test when absent.
    static ArcId arc(const Graph& g, char from, char to);
    /// The arc or -1 when from and to are not adjacent in that direction (closed arcs included).
    static long find_arc(const Graph& g, char from, char to);
};

}  // namespace maillon::test
