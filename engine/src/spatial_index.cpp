#include "maillon/spatial_index.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>

#include <algorithm>

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace maillon {
namespace {

using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Segment = bg::model::segment<Point>;
using SegmentValue = std::pair<Segment, std::uint32_t>;  // index into the segment table
using NodeValue = std::pair<Point, NodeId>;

struct SegmentRef {
    EdgeId edge;
    float offset_m;  // length along the edge before this segment
};

}  // namespace

struct EdgeSnapper::Impl {
    std::vector<SegmentRef> segments;
    bgi::rtree<SegmentValue, bgi::rstar<16>> tree;
};

EdgeSnapper::EdgeSnapper(const Graph& g, Mode mode)
    : EdgeSnapper(g, [&g, mode](EdgeId e) { return g.allows(arc_of(e, false), mode) || g.allows(arc_of(e, true), mode); }) {}

EdgeSnapper::EdgeSnapper(const Graph& g, const std::function<bool(EdgeId)>& keep)
    : m_graph(&g), m_projection(LocalProjection::around(g.bbox())), m_impl(std::make_unique<Impl>()) {
    const auto& d = g.data();
    std::vector<SegmentValue> values;
    values.reserve(d.shape.size());
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        if (!keep(e)) continue;
        float along = 0;
        for (std::uint32_t i = d.edge_shape_begin[e]; i + 1 < d.edge_shape_begin[e + 1]; ++i) {
            const Coord a = d.shape[i];
            const Coord b = d.shape[i + 1];
            values.emplace_back(Segment{Point{m_projection.x(a), m_projection.y(a)}, Point{m_projection.x(b), m_projection.y(b)}},
                                static_cast<std::uint32_t>(m_impl->segments.size()));
            m_impl->segments.push_back({e, along});
            along += static_cast<float>(segment_length_m(a, b));
        }
    }
    m_impl->tree = decltype(m_impl->tree){values.begin(), values.end()};  // packing constructor
}

EdgeSnapper::~EdgeSnapper() = default;
EdgeSnapper::EdgeSnapper(EdgeSnapper&&) noexcept = default;
EdgeSnapper& EdgeSnapper::operator=(EdgeSnapper&&) noexcept = default;

std::optional<Snap> EdgeSnapper::snap(Coord c, double max_m) const {
    return snap_excluding(c, max_m, [](EdgeId) { return false; });
}

std::optional<Snap> EdgeSnapper::snap_excluding(Coord c, double max_m, const std::function<bool(EdgeId)>& skip) const {
    const Point p{m_projection.x(c), m_projection.y(c)};
    std::vector<SegmentValue> found;
    const auto& segments = m_impl->segments;
    // Only segments that meet the box of max_m around the point can be within max_m: the box
    // prunes the tree's nodes, so a point far from every way (a population point in a field)
    // is answered at once instead of by a nearest search across the region.
    const bg::model::box<Point> reach{Point{bg::get<0>(p) - max_m, bg::get<1>(p) - max_m},
                                      Point{bg::get<0>(p) + max_m, bg::get<1>(p) + max_m}};
    m_impl->tree.query(bgi::nearest(p, 1) && bgi::intersects(reach) &&
                           bgi::satisfies([&](const SegmentValue& v) { return !skip(segments[v.second].edge); }),
                       std::back_inserter(found));
    if (found.empty()) return std::nullopt;
    const Segment& s = found.front().first;
    // Projection of p on the segment.
    const double ax = bg::get<0, 0>(s), ay = bg::get<0, 1>(s), bx = bg::get<1, 0>(s), by = bg::get<1, 1>(s);
    const double dx = bx - ax, dy = by - ay;
    const double len2 = dx * dx + dy * dy;
    const double t = len2 > 0 ? std::clamp(((bg::get<0>(p) - ax) * dx + (bg::get<1>(p) - ay) * dy) / len2, 0.0, 1.0) : 0.0;
    const double qx = ax + t * dx, qy = ay + t * dy;
    const double dist = std::hypot(bg::get<0>(p) - qx, bg::get<1>(p) - qy);
    if (dist > max_m) return std::nullopt;
    const SegmentRef& ref = segments[found.front().second];
    Snap snap;
    snap.edge = ref.edge;
    snap.distance_m = static_cast<float>(dist);
    snap.position = m_projection.unproject(qx, qy);
    // Offset along the edge: segment start offset plus the part of this segment, scaled to the
    // edge's stored (geodesic) length so that offsets never exceed it.
    const float seg_len = static_cast<float>(std::sqrt(len2));
    snap.offset_m = std::min(ref.offset_m + static_cast<float>(t) * seg_len, m_graph->length_m(ref.edge));
    return snap;
}

struct PointIndex::Impl {
    bgi::rtree<std::pair<Point, std::size_t>, bgi::rstar<16>> tree;
};

PointIndex::PointIndex(const std::vector<Coord>& points, const LocalProjection& projection)
    : m_projection(projection), m_impl(std::make_unique<Impl>()) {
    std::vector<std::pair<Point, std::size_t>> values;
    values.reserve(points.size());
    for (std::size_t i = 0; i < points.size(); ++i) {
        values.emplace_back(Point{m_projection.x(points[i]), m_projection.y(points[i])}, i);
    }
    m_impl->tree = decltype(m_impl->tree){values.begin(), values.end()};
}

PointIndex::~PointIndex() = default;
PointIndex::PointIndex(PointIndex&&) noexcept = default;
PointIndex& PointIndex::operator=(PointIndex&&) noexcept = default;

std::optional<std::pair<std::size_t, double>> PointIndex::nearest(Coord c) const {
    const Point p{m_projection.x(c), m_projection.y(c)};
    std::vector<std::pair<Point, std::size_t>> found;
    m_impl->tree.query(bgi::nearest(p, 1), std::back_inserter(found));
    if (found.empty()) return std::nullopt;
    return std::make_pair(found.front().second, bg::distance(found.front().first, p));
}

std::vector<std::size_t> PointIndex::within(Coord c, double radius_m) const {
    const Point p{m_projection.x(c), m_projection.y(c)};
    const bg::model::box<Point> box{Point{bg::get<0>(p) - radius_m, bg::get<1>(p) - radius_m},
                                    Point{bg::get<0>(p) + radius_m, bg::get<1>(p) + radius_m}};
    std::vector<std::size_t> out;
    m_impl->tree.query(bgi::intersects(box) && bgi::satisfies([&](const std::pair<Point, std::size_t>& v) {
                           return bg::comparable_distance(v.first, p) <= radius_m * radius_m;
                       }),
                       boost::make_function_output_iterator([&](const std::pair<Point, std::size_t>& v) { out.push_back(v.second); }));
    return out;
}

struct NodeIndex::Impl {
    bgi::rtree<NodeValue, bgi::rstar<16>> tree;
};

NodeIndex::NodeIndex(const Graph& g, std::vector<NodeId> nodes)
    : m_graph(&g), m_projection(LocalProjection::around(g.bbox())), m_impl(std::make_unique<Impl>()) {
    std::vector<NodeValue> values;
    values.reserve(nodes.size());
    for (const NodeId n : nodes) {
        const Coord c = g.data().node_coord[n];
        values.emplace_back(Point{m_projection.x(c), m_projection.y(c)}, n);
    }
    m_impl->tree = decltype(m_impl->tree){values.begin(), values.end()};
}

NodeIndex::~NodeIndex() = default;
NodeIndex::NodeIndex(NodeIndex&&) noexcept = default;
NodeIndex& NodeIndex::operator=(NodeIndex&&) noexcept = default;

std::vector<NodeId> NodeIndex::within(Coord c, double radius_m) const {
    const Point p{m_projection.x(c), m_projection.y(c)};
    const bg::model::box<Point> box{Point{bg::get<0>(p) - radius_m, bg::get<1>(p) - radius_m},
                                    Point{bg::get<0>(p) + radius_m, bg::get<1>(p) + radius_m}};
    std::vector<NodeId> out;
    m_impl->tree.query(bgi::intersects(box) && bgi::satisfies([&](const NodeValue& v) {
                           return bg::comparable_distance(v.first, p) <= radius_m * radius_m;
                       }),
                       boost::make_function_output_iterator([&](const NodeValue& v) { out.push_back(v.second); }));
    return out;
}

std::optional<std::pair<NodeId, double>> NodeIndex::nearest(Coord c) const {
    const Point p{m_projection.x(c), m_projection.y(c)};
    std::vector<NodeValue> found;
    m_impl->tree.query(bgi::nearest(p, 1), std::back_inserter(found));
    if (found.empty()) return std::nullopt;
    return std::make_pair(found.front().second, bg::distance(found.front().first, p));
}

}  // namespace maillon
