#include "maillon/route.hpp"

#include <algorithm>
#include <iterator>

namespace maillon {

RouteSearch::RouteSearch(const Graph& g) : m_graph(&g), m_node(g.node_count(), NodeState{0.F, 0, no_arc}) {
    // Edge lengths sum segments measured at their own mid latitude (segment_length_m), each at
    // least the straight distance in a plane scaled by the smallest cos(latitude) the graph
    // reaches: so is any path, and the straight line in that plane is a lower bound that never
    // exceeds the remaining length (admissible) and changes by at most an edge's length along it
    // (consistent). The margin absorbs the float rounding of stored lengths.
    const BBox box = g.bbox();
    const double max_abs_lat = std::min(89.0, std::max(std::abs(box.min_lat), std::abs(box.max_lat)));
    constexpr double deg = M_PI / 180.0;
    constexpr double margin = 1.0 - 1e-5;
    m_ky = earth_radius_m * deg * 1e-7 * margin;
    m_kx = m_ky * std::cos(max_abs_lat * deg);
}

void RouteSearch::begin_run() {
    m_heap.clear();
    if (m_generation >= std::numeric_limits<std::uint32_t>::max() - 3) {
        for (NodeState& s : m_node) s.mark = 0;
        m_generation = 0;
    }
    m_generation += 2;
}

std::vector<ArcId> RouteSearch::path_to(NodeId n) const {
    std::vector<ArcId> path;
    for (ArcId a = m_node[n].parent; a != no_arc; a = m_node[n].parent) {
        path.push_back(a);
        n = m_graph->arc_tail(a);
    }
    std::reverse(path.begin(), path.end());
    return path;
}

Route RouteSearch::build(const Snap& from, const Snap& to, NodeId via, bool via_source, double length) const {
    const std::vector<ArcId> arcs = path_to(via);
    const NodeId first = arcs.empty() ? via : m_graph->arc_tail(arcs.front());
    return detail::assemble_route(*m_graph, from, to, arcs, first, via_source, length);
}

namespace detail {

Route assemble_route(const Graph& g, const Snap& from, const Snap& to, const std::vector<ArcId>& arcs, NodeId first_node,
                     bool end_at_source, double length_m) {
    const auto& d = g.data();
    Route r;
    r.length_m = length_m;
    const bool start_at_target = first_node == d.edge_target[from.edge];
    r.geometry = edge_piece(g, from.edge, from.offset_m, start_at_target ? g.length_m(from.edge) : 0.F);
    // Straight from the shape array: a copy per edge (Graph::shape) cost as much as the search.
    const Coord* const shapes = d.shape.data();
    for (const ArcId a : arcs) {
        const EdgeId e = edge_of(a);
        const Coord* begin = shapes + d.edge_shape_begin[e];
        const Coord* end = shapes + d.edge_shape_begin[e + 1];
        if (is_backward(a)) r.geometry.insert(r.geometry.end(), std::make_reverse_iterator(end) + 1, std::make_reverse_iterator(begin));
        else r.geometry.insert(r.geometry.end(), begin + 1, end);
    }
    const std::vector<Coord> last = edge_piece(g, to.edge, end_at_source ? 0.F : g.length_m(to.edge), to.offset_m);
    r.geometry.insert(r.geometry.end(), last.begin() + 1, last.end());
    return r;
}

std::vector<Coord> edge_piece(const Graph& g, EdgeId e, float from_offset, float to_offset) {
    const std::vector<Coord> shape = g.shape(e);
    // Cumulative lengths along the shape, scaled to the stored edge length.
    std::vector<double> at(shape.size(), 0.0);
    for (std::size_t i = 1; i < shape.size(); ++i) at[i] = at[i - 1] + segment_length_m(shape[i - 1], shape[i]);
    const double scale = at.back() > 0 ? g.length_m(e) / at.back() : 1.0;
    for (double& x : at) x *= scale;
    const auto point_at = [&](double offset) {
        const auto it = std::lower_bound(at.begin(), at.end(), offset);
        if (it == at.begin()) return shape.front();
        if (it == at.end()) return shape.back();
        const std::size_t i = static_cast<std::size_t>(it - at.begin());
        const double t = at[i] > at[i - 1] ? (offset - at[i - 1]) / (at[i] - at[i - 1]) : 0.0;
        return Coord::from_degrees(shape[i - 1].lon() + t * (shape[i].lon() - shape[i - 1].lon()),
                                   shape[i - 1].lat() + t * (shape[i].lat() - shape[i - 1].lat()));
    };
    const double lo = std::min(from_offset, to_offset), hi = std::max(from_offset, to_offset);
    std::vector<Coord> piece{point_at(lo)};
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (at[i] > lo && at[i] < hi) piece.push_back(shape[i]);
    }
    piece.push_back(point_at(hi));
    if (from_offset > to_offset) std::reverse(piece.begin(), piece.end());
    return piece;
}

}  // namespace detail
}  // namespace maillon
