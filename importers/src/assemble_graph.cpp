#include "assemble_graph.hpp"

#include <algorithm>

namespace maillon::importers {
namespace {

Coord coord_at(const NodeLocations& locations, std::uint32_t pos) {
    const osmium::Location l = locations.location(pos);
    return Coord{l.x(), l.y()};
}

}  // namespace

std::vector<NodeId> number_nodes(const RawWays& raw, GraphData& data) {
    // Per node of the file (by its position in the sorted location arrays): how often kept ways
    // use it (saturating at 2) and whether it ends a way piece. No sort, no hash map.
    constexpr std::uint8_t used_twice = 2;
    constexpr std::uint8_t way_end = 4;
    std::vector<std::uint8_t> use(raw.locations.size(), 0);
    for (const std::uint32_t pos : raw.refs) {
        use[pos] = static_cast<std::uint8_t>((use[pos] & way_end) | std::min<int>((use[pos] & 3) + 1, used_twice));
    }
    for (const RawWay& w : raw.ways) {
        use[raw.refs[w.first_ref]] |= way_end;
        use[raw.refs[w.first_ref + w.ref_count - 1]] |= way_end;
    }
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

void assemble_edges(const RawWays& raw, const std::vector<NodeId>& node_of_ref, GraphData& d) {
    d.edge_shape_begin.clear();
    d.names = raw.names;
    d.shape.reserve(raw.refs.size() + raw.ways.size());
    for (const RawWay& w : raw.ways) {
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
    d.edge_shape_begin.push_back(static_cast<std::uint32_t>(d.shape.size()));
}

}  // namespace maillon::importers
