#include "assemble_graph.hpp"

#include <algorithm>
#include <numeric>

namespace maillon::importers {

std::vector<NodeId> number_nodes(const RawWays& raw, GraphData& data) {
    const std::size_t refs = raw.ref_ids.size();
    std::vector<bool> is_end(refs, false);
    for (const RawWay& w : raw.ways) {
        is_end[w.first_ref] = true;
        is_end[w.first_ref + w.ref_count - 1] = true;
    }
    // Reference positions sorted by node id: equal ids become neighbours.
    std::vector<std::uint32_t> order(refs);
    std::iota(order.begin(), order.end(), 0U);
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return raw.ref_ids[a] < raw.ref_ids[b] || (raw.ref_ids[a] == raw.ref_ids[b] && a < b);
    });
    std::vector<NodeId> node_of_ref(refs, no_node);
    for (std::size_t i = 0; i < refs;) {
        std::size_t j = i + 1;
        bool end = is_end[order[i]];
        while (j < refs && raw.ref_ids[order[j]] == raw.ref_ids[order[i]]) {
            end = end || is_end[order[j]];
            ++j;
        }
        if (end || j - i >= 2) {
            const auto id = static_cast<NodeId>(data.node_coord.size());
            const std::int64_t osm_id = raw.ref_ids[order[i]];
            data.node_coord.push_back(raw.ref_coords[order[i]]);
            data.node_osm_id.push_back(osm_id);
            const auto flags = raw.node_flags.find(osm_id);
            data.node_flags.push_back(flags == raw.node_flags.end() ? 0 : flags->second);
            for (std::size_t k = i; k < j; ++k) node_of_ref[order[k]] = id;
        }
        i = j;
    }
    data.node_crossing_lts.assign(data.node_coord.size(), 0);
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
    for (const RawWay& w : raw.ways) {
        std::uint32_t start = w.first_ref;
        double length = 0;
        for (std::uint32_t r = w.first_ref + 1; r < w.first_ref + w.ref_count; ++r) {
            length += haversine_m(raw.ref_coords[r - 1], raw.ref_coords[r]);
            if (node_of_ref[r] != no_node) {
                push_edge(w, node_of_ref[start], node_of_ref[r], length, d);
                d.shape.insert(d.shape.end(), raw.ref_coords.begin() + start, raw.ref_coords.begin() + r + 1);
                start = r;
                length = 0;
            }
        }
    }
    d.edge_shape_begin.push_back(static_cast<std::uint32_t>(d.shape.size()));
}

}  // namespace maillon::importers
