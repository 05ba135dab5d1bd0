#include "assemble_graph.hpp"

#include <algorithm>
#include <cstring>
#include <future>
#include <thread>

namespace maillon::importers {
namespace {

Coord coord_at(const NodeLocations& locations, std::uint32_t pos) {
    const osmium::Location l = locations.location(pos);
    return Coord{l.x(), l.y()};
}

}  // namespace

std::vector<NodeId> number_nodes(const RawWays& raw, GraphData& data) {
    // The node uses were counted as the ways were appended (RawWays::add_piece): no sort, no hash map.
    const std::vector<std::uint8_t>& use = raw.node_use;
    const std::size_t n = std::min(use.size(), raw.locations.size());
    const auto is_graph_node = [&](std::uint32_t pos) {
        return pos < n && ((use[pos] & RawWays::way_end) || (use[pos] & 3) >= RawWays::used_twice);
    };
    // Graph nodes in ascending OSM id order (the order of the location arrays); their flags by a merge with the
    // flagged nodes, sorted by id like the locations (a file sorted by id has them so already).
    std::vector<std::pair<std::int64_t, std::uint8_t>> unsorted_flags;
    const auto* flags = &raw.node_flags;
    if (!std::is_sorted(flags->begin(), flags->end())) {
        unsorted_flags = raw.node_flags;
        std::stable_sort(unsorted_flags.begin(), unsorted_flags.end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
        flags = &unsorted_flags;
    }
    auto flag = flags->begin();
    // A node's id is its rank among the graph nodes: a bit per node of the file and the count before each word
    // of 64 (6 MB for 32 M nodes, where an id per node would take 128 MB).
    std::vector<std::uint64_t> bits((n + 63) / 64, 0);
    std::vector<NodeId> before(bits.size(), 0);
    for (std::uint32_t pos = 0; pos < n; ++pos) {
        if ((pos & 63U) == 0) before[pos >> 6] = static_cast<NodeId>(data.node_coord.size());
        // Most nodes of a rural extract are on no kept way: skip eight unused ones at a time.
        if ((pos & 7U) == 0 && pos + 8 <= n) {
            std::uint64_t eight = 0;
            std::memcpy(&eight, use.data() + pos, sizeof eight);
            if (eight == 0) {
                pos += 7;
                continue;
            }
        }
        if (!is_graph_node(pos)) continue;
        bits[pos >> 6] |= std::uint64_t{1} << (pos & 63U);
        const std::int64_t osm_id = raw.locations.id(pos);
        data.node_coord.push_back(coord_at(raw.locations, pos));
        data.node_osm_id.push_back(osm_id);
        while (flag != flags->end() && flag->first < osm_id) ++flag;
        data.node_flags.push_back(flag != flags->end() && flag->first == osm_id ? flag->second : 0);
    }
    data.node_crossing_lts.assign(data.node_coord.size(), 0);
    // Per reference: its graph node or no_node for a mere shape point.
    std::vector<NodeId> node_of_ref(raw.refs.size());
    std::transform(raw.refs.begin(), raw.refs.end(), node_of_ref.begin(), [&](std::uint32_t pos) {
        const std::uint64_t word = pos < n ? bits[pos >> 6] : 0;  // the bitset (4 MB for 32 M nodes) stays in cache
        if (!((word >> (pos & 63U)) & 1U)) return no_node;
        const std::uint64_t lower = word & ((std::uint64_t{1} << (pos & 63U)) - 1);
        return static_cast<NodeId>(before[pos >> 6] + static_cast<NodeId>(__builtin_popcountll(lower)));
    });
    return node_of_ref;
}

namespace {

/// Edge e of the graph from way w: its attributes and its two arcs' (the arrays are sized beforehand, so that
/// parts of the ways are assembled at once, each into its own slice).
void set_edge(const RawWay& w, std::size_t e, NodeId from, NodeId to, double length, std::uint32_t shape_begin, GraphData& d) {
    const WayProfile& p = w.profile;
    d.edge_source[e] = from;
    d.edge_target[e] = to;
    d.edge_length_m[e] = static_cast<float>(length);
    d.edge_shape_begin[e] = shape_begin;
    d.edge_way_id[e] = w.way_id;
    d.edge_name[e] = w.name;
    d.edge_highway[e] = p.highway;
    d.edge_maxspeed_kmh[e] = p.maxspeed_kmh;
    d.edge_lanes[e] = p.lanes;
    std::uint8_t flags = 0;
    flags |= p.bridge ? edge_bridge : 0;
    flags |= p.tunnel ? edge_tunnel : 0;
    flags |= p.roundabout ? edge_roundabout : 0;
    flags |= p.oneway_motor ? edge_oneway_motor : 0;
    flags |= p.contraflow ? edge_contraflow_bike : 0;
    flags |= p.lit ? edge_lit : 0;
    d.edge_flags[e] = flags;
    d.edge_surface[e] = p.surface;
    d.edge_regime[e] = p.regime;
    for (const Direction dir : {forward, backward}) {
        const std::size_t a = 2 * e + dir;
        std::uint8_t access = 0;
        access |= p.bike[dir] ? access_bit(Mode::bike) : 0;
        access |= p.foot ? access_bit(Mode::foot) : 0;
        d.arc_access[a] = access;
        d.arc_side_facility[a] = p.side_facility[dir == forward ? right : left];
        d.arc_facility[a] = p.ride_facility[dir];
        d.arc_lts[a] = p.lts[dir];
    }
}

/// Edges and shape points of ways [first, last): an edge ends at each graph node after a piece's first reference.
struct Count {
    std::size_t edges = 0, shape = 0;
};
Count count_range(const RawWays& raw, const std::vector<NodeId>& node_of_ref, std::size_t first, std::size_t last) {
    Count c;
    for (std::size_t i = first; i < last; ++i) {
        const RawWay& w = raw.ways[i];
        std::uint32_t start = w.first_ref;
        for (std::uint32_t r = w.first_ref + 1; r < w.first_ref + w.ref_count; ++r) {
            if (node_of_ref[r] == no_node) continue;
            ++c.edges;
            c.shape += r - start + 1;
            start = r;
        }
    }
    return c;
}

/// The edges of ways [first, last), from edge `e` and shape point `k` on.
void assemble_range(const RawWays& raw, const std::vector<NodeId>& node_of_ref, std::size_t first, std::size_t last,
                    std::size_t e, std::size_t k, GraphData& d) {
    for (std::size_t i = first; i < last; ++i) {
        const RawWay& w = raw.ways[i];
        const std::uint32_t end = w.first_ref + w.ref_count;
        std::uint32_t start = w.first_ref;
        double length = 0;
        for (std::uint32_t r = w.first_ref + 1; r < end; ++r) {
            length += raw.ref_segment_m[r];
            if (node_of_ref[r] == no_node) continue;
            // Edge from the graph node at `start` to this one, with its shape, both ends included.
            set_edge(w, e++, node_of_ref[start], node_of_ref[r], length, static_cast<std::uint32_t>(k), d);
            for (std::uint32_t q = start; q <= r; ++q) d.shape[k++] = raw.ref_coords[q];
            start = r;
            length = 0;
        }
    }
}

/// Runs f(p) for p in [0, n): on threads of their own but the first, which runs here.
template <typename F>
void each_part(std::size_t n, F f) {
    std::vector<std::future<void>> running;
    for (std::size_t p = 1; p < n; ++p) running.push_back(std::async(std::launch::async, f, p));
    if (n > 0) f(0);
    for (auto& r : running) r.get();
}

}  // namespace

void assemble_edges(const RawWays& raw, const std::vector<NodeId>& node_of_ref, GraphData& d) {
    d.names = raw.names;
    // One part a core, of about as many references each: counted, then assembled at once, each into its slice of
    // the arrays sized for all: the same edges in the same order as one pass would give.
    const std::size_t parts = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    std::vector<std::size_t> bounds{0};
    const std::size_t per_part = raw.refs.size() / parts + 1;
    for (std::size_t i = 0, refs = 0; i < raw.ways.size(); ++i) {
        refs += raw.ways[i].ref_count;
        if (refs >= per_part * bounds.size() && bounds.size() < parts) bounds.push_back(i + 1);
    }
    bounds.push_back(raw.ways.size());
    const std::size_t n = bounds.size() - 1;
    std::vector<Count> counts(n);
    each_part(n, [&](std::size_t p) { counts[p] = count_range(raw, node_of_ref, bounds[p], bounds[p + 1]); });
    std::vector<Count> offsets(n + 1);
    for (std::size_t p = 0; p < n; ++p) {
        offsets[p + 1].edges = offsets[p].edges + counts[p].edges;
        offsets[p + 1].shape = offsets[p].shape + counts[p].shape;
    }
    const std::size_t edges = offsets[n].edges;
    d.edge_source.resize(edges);
    d.edge_target.resize(edges);
    d.edge_length_m.resize(edges);
    d.edge_shape_begin.resize(edges + 1);
    d.edge_way_id.resize(edges);
    d.edge_name.resize(edges);
    d.edge_highway.resize(edges);
    d.edge_maxspeed_kmh.resize(edges);
    d.edge_lanes.resize(edges);
    d.edge_flags.resize(edges);
    d.edge_surface.resize(edges);
    d.edge_regime.resize(edges);
    d.arc_access.resize(2 * edges);
    d.arc_side_facility.resize(2 * edges);
    d.arc_facility.resize(2 * edges);
    d.arc_lts.resize(2 * edges);
    d.shape.resize(offsets[n].shape);
    each_part(n, [&](std::size_t p) {
        assemble_range(raw, node_of_ref, bounds[p], bounds[p + 1], offsets[p].edges, offsets[p].shape, d);
    });
    d.edge_shape_begin[edges] = static_cast<std::uint32_t>(d.shape.size());
}

}  // namespace maillon::importers
