#pragma once
// What the route searches' tests (test_route.cpp, test_route_hierarchy.cpp) compare against:
// plain Dijkstra between two snapped points, the length of a polyline, and the one-way square
// map both use.

#include "maillon/search.hpp"
#include "maillon/spatial_index.hpp"
#include "scenario.hpp"

#include <cmath>
#include <limits>
#include <vector>

namespace maillon::test {

/// The shortest length by plain Dijkstra from both ends of the start edge, then into the end
/// edge from either end (or along the edge when both are on it): what a route must equal.
/// `settled`, when given, receives the nodes Dijkstra settles before it reaches the end.
template <typename Filter>
double dijkstra_length(const Graph& g, BoundedSearch& search, const Snap& from, const Snap& to, const Filter& filter,
                       std::size_t* settled = nullptr) {
    const auto& d = g.data();
    const float from_len = g.length_m(from.edge), to_len = g.length_m(to.edge);
    double best = std::numeric_limits<double>::infinity();
    if (from.edge == to.edge && filter(arc_of(from.edge, to.offset_m < from.offset_m))) best = std::abs(to.offset_m - from.offset_m);
    std::vector<SearchSource> sources;
    if (filter(arc_of(from.edge, false))) sources.push_back({d.edge_target[from.edge], from_len - from.offset_m});
    if (filter(arc_of(from.edge, true))) sources.push_back({d.edge_source[from.edge], from.offset_m});
    search.run(sources, std::numeric_limits<float>::infinity(), filter);
    const auto ts = d.edge_source[to.edge], tt = d.edge_target[to.edge];
    if (search.reached(ts) && filter(arc_of(to.edge, false))) best = std::min(best, double{search.distance(ts)} + to.offset_m);
    if (search.reached(tt) && filter(arc_of(to.edge, true))) best = std::min(best, double{search.distance(tt)} + to_len - to.offset_m);
    if (settled) {
        *settled = 0;
        for (const auto n : search.settled()) *settled += search.distance(n) <= best;
    }
    return best;
}

inline double polyline_m(const std::vector<Coord>& line) {
    double sum = 0;
    for (std::size_t i = 1; i < line.size(); ++i) sum += segment_length_m(line[i - 1], line[i]);
    return sum;
}

/// AB one-way east (100 m); ACDB two-way (50 + 100 + 50 m): B to A rides round by C and D.
inline Scenario one_way_square() {
    return Scenario{R"(
        A---------B
        |         |
        |         |
        |         |
        |         |
        C---------D
    )",
                    {{"AB", {{"highway", "residential"}, {"oneway", "yes"}}}, {"ACDB", {{"highway", "residential"}}}}};
}

}  // namespace maillon::test
