#include "line_features.hpp"

#include <boost/geometry.hpp>

#include <algorithm>
#include <cmath>

namespace bg = boost::geometry;

namespace maillon::server {
namespace {

using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Line = bg::model::linestring<Point>;

}  // namespace

BBox box_of(const std::vector<Coord>& line) {
    BBox b;
    for (const Coord c : line) b.extend(c);
    return b;
}

nlohmann::ordered_json coords_json(const std::vector<Coord>& line) {
    nlohmann::ordered_json c = nlohmann::ordered_json::array();
    for (const Coord p : line) c.push_back({std::round(p.lon() * 1e6) / 1e6, std::round(p.lat() * 1e6) / 1e6});
    return c;
}

std::vector<Coord> simplify(const std::vector<Coord>& line, const LocalProjection& proj, double tolerance_m) {
    if (tolerance_m <= 0 || line.size() <= 2) return line;
    Line in, out;
    for (const Coord c : line) in.push_back(Point{proj.x(c), proj.y(c)});
    bg::simplify(in, out, tolerance_m);
    std::vector<Coord> result;
    for (const Point& p : out) result.push_back(proj.unproject(bg::get<0>(p), bg::get<1>(p)));
    return result;
}

std::vector<std::vector<EdgeId>> edge_chains(const Graph& g, const std::function<bool(EdgeId)>& include,
                                             const std::vector<std::uint64_t>& style) {
    const auto& d = g.data();
    std::vector<std::uint8_t> in(g.edge_count(), 0);
    std::vector<std::vector<EdgeId>> incident(g.node_count());
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        if (!include(e)) continue;
        in[e] = 1;
        incident[d.edge_source[e]].push_back(e);
        incident[d.edge_target[e]].push_back(e);
    }
    const auto joinable = [&](NodeId n, EdgeId e) {
        return incident[n].size() == 2 && style[incident[n][0]] == style[e] && style[incident[n][1]] == style[e];
    };
    std::vector<std::uint8_t> used(g.edge_count(), 0);
    std::vector<std::vector<EdgeId>> chains;
    for (EdgeId e0 = 0; e0 < g.edge_count(); ++e0) {
        if (!in[e0] || used[e0]) continue;
        std::vector<EdgeId> chain{e0};
        used[e0] = 1;
        for (const bool forward : {true, false}) {  // extend from the target end, then from the source end
            NodeId n = forward ? d.edge_target[e0] : d.edge_source[e0];
            EdgeId last = e0;
            while (joinable(n, last)) {
                const EdgeId next = incident[n][0] == last ? incident[n][1] : incident[n][0];
                if (used[next]) break;
                used[next] = 1;
                if (forward) chain.push_back(next);
                else chain.insert(chain.begin(), next);
                n = d.edge_source[next] == n ? d.edge_target[next] : d.edge_source[next];
                last = next;
            }
        }
        chains.push_back(std::move(chain));
    }
    return chains;
}

std::vector<Coord> chain_line(const Graph& g, const std::vector<EdgeId>& chain) {
    const auto& d = g.data();
    std::vector<Coord> line;
    NodeId at = no_node;
    for (std::size_t i = 0; i < chain.size(); ++i) {
        const EdgeId e = chain[i];
        std::vector<Coord> shape = g.shape(e);
        bool reversed = false;
        if (i == 0) {
            // Orient the first edge towards the second.
            if (chain.size() > 1) {
                const EdgeId next = chain[1];
                const NodeId shared = (d.edge_source[next] == d.edge_source[e] || d.edge_target[next] == d.edge_source[e])
                                          ? d.edge_source[e] : d.edge_target[e];
                reversed = shared == d.edge_source[e];
            }
        } else {
            reversed = d.edge_target[e] == at;
        }
        if (reversed) std::reverse(shape.begin(), shape.end());
        at = reversed ? d.edge_source[e] : d.edge_target[e];
        line.insert(line.end(), line.empty() ? shape.begin() : shape.begin() + 1, shape.end());
    }
    return line;
}

}  // namespace maillon::server
