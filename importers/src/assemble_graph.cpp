#include "assemble_graph.hpp"

#include <algorithm>
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
    std::vector<std::uint8_t> use = raw.node_use;
    use.resize(raw.locations.size(), 0);
    constexpr std::uint8_t used_twice = RawWays::used_twice;
    constexpr std::uint8_t way_end = RawWays::way_end;
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
    std::vector<NodeId> node_of_pos(raw.locations.size(), no_node);
    for (std::uint32_t pos = 0; pos < use.size(); ++pos) {
        if ((use[pos] & way_end) || (use[pos] & 3) >= used_twice) {
            node_of_pos[pos] = static_cast<NodeId>(data.node_coord.size());
            const std::int64_t osm_id = raw.locations.id(pos);
            data.node_coord.push_back(coord_at(raw.locations, pos));
            data.node_osm_id.push_back(osm_id);
            while (flag != flags->end() && flag->first < osm_id) ++flag;
            data.node_flags.push_back(flag != flags->end() && flag->first == osm_id ? flag->second : 0);
        }
    }
    data.node_crossing_lts.assign(data.node_coord.size(), 0);
    // Per reference: its graph node or no_node for a mere shape point.
    std::vector<NodeId> node_of_ref(raw.refs.size());
    std::transform(raw.refs.begin(), raw.refs.end(), node_of_ref.begin(),
                   [&](std::uint32_t pos) { return node_of_pos[pos]; });
    return node_of_ref;
}

namespace {

void push_edge(const RawWay& w, NodeId from, NodeId to, double length, GraphData& d) {
    const WayProfile& p = w.profile;
    d.edge_source.push_back(from);
    d.edge_target.push_back(to);
    d.edge_length_m.push_back(static_cast<float>(length));
    d.edge_shape_begin.push_back(static_cast<std::uint32_t>(d.shape.size()));
    d.edge_way_id.push_back(w.way_id);
    d.edge_name.push_back(w.name);
    d.edge_highway.push_back(p.highway);
    d.edge_maxspeed_kmh.push_back(p.maxspeed_kmh);
    d.edge_lanes.push_back(p.lanes);
    std::uint8_t flags = 0;
    flags |= p.bridge ? edge_bridge : 0;
    flags |= p.tunnel ? edge_tunnel : 0;
    flags |= p.roundabout ? edge_roundabout : 0;
    flags |= p.oneway_motor ? edge_oneway_motor : 0;
    flags |= p.contraflow ? edge_contraflow_bike : 0;
    flags |= p.lit ? edge_lit : 0;
    d.edge_flags.push_back(flags);
    d.edge_surface.push_back(p.surface);
    d.edge_regime.push_back(p.regime);
    for (const Direction dir : {forward, backward}) {
        std::uint8_t access = 0;
        access |= p.bike[dir] ? access_bit(Mode::bike) : 0;
        access |= p.foot ? access_bit(Mode::foot) : 0;
        d.arc_access.push_back(access);
        d.arc_side_facility.push_back(p.side_facility[dir == forward ? right : left]);
        d.arc_facility.push_back(p.ride_facility[dir]);
        d.arc_lts.push_back(p.lts[dir]);
    }
}

}  // namespace

namespace {

/// The edges of ways [first, last), in a GraphData of their own; edge_shape_begin relative to its shape.
void assemble_range(const RawWays& raw, const std::vector<NodeId>& node_of_ref, std::size_t first, std::size_t last,
                    GraphData& d) {
    for (std::size_t i = first; i < last; ++i) {
        const RawWay& w = raw.ways[i];
        const std::uint32_t end = w.first_ref + w.ref_count;
        std::uint32_t start = w.first_ref;
        double length = 0;
        for (std::uint32_t r = w.first_ref + 1; r < end; ++r) {
            length += segment_length_m(coord_at(raw.locations, raw.refs[r - 1]), coord_at(raw.locations, raw.refs[r]));
            if (node_of_ref[r] == no_node) continue;
            // Edge from the graph node at `start` to this one; push_edge records where its shape begins.
            push_edge(w, node_of_ref[start], node_of_ref[r], length, d);
            for (std::uint32_t k = start; k <= r; ++k) d.shape.push_back(coord_at(raw.locations, raw.refs[k]));
            start = r;
            length = 0;
        }
    }
}

template <typename T>
void append(std::vector<T>& to, const std::vector<T>& from) {
    to.insert(to.end(), from.begin(), from.end());
}

/// Appends the edges of a part (every array push_edge fills, and the shape).
void append_part(GraphData& d, const GraphData& part) {
    const auto shape_base = static_cast<std::uint32_t>(d.shape.size());
    for (const std::uint32_t b : part.edge_shape_begin) d.edge_shape_begin.push_back(shape_base + b);
    append(d.edge_source, part.edge_source);
    append(d.edge_target, part.edge_target);
    append(d.edge_length_m, part.edge_length_m);
    append(d.edge_way_id, part.edge_way_id);
    append(d.edge_name, part.edge_name);
    append(d.edge_highway, part.edge_highway);
    append(d.edge_maxspeed_kmh, part.edge_maxspeed_kmh);
    append(d.edge_lanes, part.edge_lanes);
    append(d.edge_flags, part.edge_flags);
    append(d.edge_surface, part.edge_surface);
    append(d.edge_regime, part.edge_regime);
    append(d.arc_access, part.arc_access);
    append(d.arc_side_facility, part.arc_side_facility);
    append(d.arc_facility, part.arc_facility);
    append(d.arc_lts, part.arc_lts);
    append(d.shape, part.shape);
}

}  // namespace

void assemble_edges(const RawWays& raw, const std::vector<NodeId>& node_of_ref, GraphData& d) {
    d.edge_shape_begin.clear();
    d.names = raw.names;
    // One part a core, of about as many references each, assembled at once and appended in order: the same
    // edges in the same order as one pass would give.
    const std::size_t parts = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 8);
    std::vector<std::size_t> bounds{0};
    const std::size_t per_part = raw.refs.size() / parts + 1;
    for (std::size_t i = 0, refs = 0; i < raw.ways.size(); ++i) {
        refs += raw.ways[i].ref_count;
        if (refs >= per_part * bounds.size() && bounds.size() < parts) bounds.push_back(i + 1);
    }
    bounds.push_back(raw.ways.size());
    std::vector<GraphData> part(bounds.size() - 1);
    std::vector<std::future<void>> running;
    for (std::size_t p = 1; p < part.size(); ++p)
        running.push_back(std::async(std::launch::async, [&, p] { assemble_range(raw, node_of_ref, bounds[p], bounds[p + 1], part[p]); }));
    if (!part.empty()) assemble_range(raw, node_of_ref, bounds[0], bounds[1], part[0]);
    for (auto& r : running) r.get();
    d.shape.reserve(raw.refs.size() + raw.ways.size());
    for (const GraphData& p : part) append_part(d, p);
    d.edge_shape_begin.push_back(static_cast<std::uint32_t>(d.shape.size()));
}

}  // namespace maillon::importers
