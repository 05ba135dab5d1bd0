#include "maillon/graph.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace maillon {
namespace {

void require_size(std::size_t actual, std::size_t expected, const char* what) {
    if (actual != expected) {
        throw std::invalid_argument{std::string{"graph array '"} + what + "' has " + std::to_string(actual) +
                                    " entries, expected " + std::to_string(expected)};
    }
}

/// Offsets [count+1] into an array of `size` entries: ascending, from 0 to size.
void require_offsets(const std::vector<std::uint32_t>& begin, std::size_t size, const char* what) {
    if (begin.front() != 0 || begin.back() != size) {
        throw std::invalid_argument{std::string{"graph offsets '"} + what + "' do not span their array"};
    }
    if (!std::is_sorted(begin.begin(), begin.end())) {
        throw std::invalid_argument{std::string{"graph offsets '"} + what + "' are not ascending"};
    }
}

void require_name(std::uint32_t name, const GraphData& d, const char* what, std::size_t i) {
    if (name >= d.names.size()) {
        throw std::invalid_argument{std::string{"graph "} + what + " " + std::to_string(i) + " refers to a name out of range"};
    }
}

void validate_places(const GraphData& d) {
    const std::size_t p = d.poi_coord.size();
    require_size(d.poi_kind.size(), p, "poi_kind");
    require_size(d.poi_name.size(), p, "poi_name");
    require_size(d.poi_osm_id.size(), p, "poi_osm_id");
    require_size(d.poi_osm_type.size(), p, "poi_osm_type");
    for (std::size_t i = 0; i < p; ++i) {
        require_name(d.poi_name[i], d, "POI", i);
        if (d.poi_kind[i] >= PoiKind::count_ || d.poi_osm_type[i] > OsmType::relation) {
            throw std::invalid_argument{"graph POI " + std::to_string(i) + " has an unknown kind or OSM type"};
        }
    }
    const std::size_t b = d.building_coord.size();
    require_size(d.building_floor_m2.size(), b, "building_floor_m2");
    require_size(d.building_residential_pct.size(), b, "building_residential_pct");
    for (std::size_t i = 0; i < b; ++i) {
        if (d.building_residential_pct[i] > 100) {
            throw std::invalid_argument{"graph building " + std::to_string(i) + " has a residential share over 100 %"};
        }
    }
    const std::size_t c = d.commune_name.size();
    const std::size_t r = d.commune_ring_outer.size();
    require_size(d.commune_insee.size(), c, "commune_insee");
    require_size(d.commune_level.size(), c, "commune_level");
    require_size(d.commune_osm_id.size(), c, "commune_osm_id");
    require_size(d.commune_first_ring.size(), c + 1, "commune_first_ring");
    require_size(d.commune_ring_begin.size(), r + 1, "commune_ring_begin");
    require_offsets(d.commune_first_ring, r, "commune_first_ring");
    require_offsets(d.commune_ring_begin, d.commune_ring_coords.size(), "commune_ring_begin");
    for (std::size_t i = 0; i < c; ++i) {
        require_name(d.commune_name[i], d, "commune", i);
        require_name(d.commune_insee[i], d, "commune", i);
    }
}

void validate(const GraphData& d) {
    const std::size_t n = d.node_coord.size();
    const std::size_t e = d.edge_source.size();
    require_size(d.node_osm_id.size(), n, "node_osm_id");
    require_size(d.node_flags.size(), n, "node_flags");
    require_size(d.node_crossing_lts.size(), n, "node_crossing_lts");
    require_size(d.edge_target.size(), e, "edge_target");
    require_size(d.edge_length_m.size(), e, "edge_length_m");
    require_size(d.edge_shape_begin.size(), e + 1, "edge_shape_begin");
    require_size(d.edge_way_id.size(), e, "edge_way_id");
    require_size(d.edge_name.size(), e, "edge_name");
    require_size(d.edge_highway.size(), e, "edge_highway");
    require_size(d.edge_maxspeed_kmh.size(), e, "edge_maxspeed_kmh");
    require_size(d.edge_lanes.size(), e, "edge_lanes");
    require_size(d.edge_flags.size(), e, "edge_flags");
    require_size(d.edge_surface.size(), e, "edge_surface");
    require_size(d.edge_regime.size(), e, "edge_regime");
    require_size(d.arc_access.size(), 2 * e, "arc_access");
    require_size(d.arc_side_facility.size(), 2 * e, "arc_side_facility");
    require_size(d.arc_facility.size(), 2 * e, "arc_facility");
    require_size(d.arc_lts.size(), 2 * e, "arc_lts");
    if (d.edge_shape_begin.back() != d.shape.size()) {
        throw std::invalid_argument{"graph shape offsets do not end at the shape array's size"};
    }
    if (d.names.empty()) {
        throw std::invalid_argument{"graph name table must start with the empty name"};
    }
    for (std::size_t i = 0; i < e; ++i) {
        if (d.edge_source[i] >= n || d.edge_target[i] >= n) {
            throw std::invalid_argument{"graph edge " + std::to_string(i) + " refers to a node out of range"};
        }
        if (d.edge_name[i] >= d.names.size()) {
            throw std::invalid_argument{"graph edge " + std::to_string(i) + " refers to a name out of range"};
        }
        if (d.edge_shape_begin[i] > d.edge_shape_begin[i + 1]) {
            throw std::invalid_argument{"graph shape offsets are not ascending at edge " + std::to_string(i)};
        }
    }
    validate_places(d);
}

}  // namespace

Graph::Graph(GraphData data) : m_data(std::move(data)) {
    if (m_data.edge_shape_begin.empty()) {
        m_data.edge_shape_begin.push_back(0);
    }
    if (m_data.names.empty()) {
        m_data.names.emplace_back();
    }
    if (m_data.commune_first_ring.empty()) {
        m_data.commune_first_ring.push_back(0);
    }
    if (m_data.commune_ring_begin.empty()) {
        m_data.commune_ring_begin.push_back(0);
    }
    validate(m_data);

    // Arcs sorted by tail node (counting sort: linear, stable by arc id), as the
    // edges_are_sorted constructor of the CSR graph requires.
    const std::size_t n = node_count();
    std::vector<std::uint32_t> count(n + 1, 0);
    for (ArcId a = 0; a < arc_count(); ++a) {
        ++count[arc_tail(a) + 1];
    }
    for (std::size_t i = 0; i < n; ++i) {
        count[i + 1] += count[i];
    }
    std::vector<std::pair<NodeId, NodeId>> arcs(count[n]);
    std::vector<ArcProperty> props(count[n]);
    for (ArcId a = 0; a < arc_count(); ++a) {
        const auto slot = count[arc_tail(a)]++;
        arcs[slot] = {arc_tail(a), arc_head(a)};
        props[slot] = ArcProperty{a};
    }
    m_adjacency = Adjacency{boost::edges_are_sorted, arcs.begin(), arcs.end(), props.begin(), static_cast<NodeId>(n)};
}

std::vector<Coord> Graph::shape(EdgeId e) const {
    return {m_data.shape.begin() + m_data.edge_shape_begin[e], m_data.shape.begin() + m_data.edge_shape_begin[e + 1]};
}

BBox Graph::bbox() const noexcept {
    BBox box;
    for (const Coord c : m_data.node_coord) {
        box.extend(c);
    }
    for (const Coord c : m_data.shape) {
        box.extend(c);
    }
    return box;
}

bool operator==(const Graph& a, const Graph& b) {
    const GraphData& x = a.m_data;
    const GraphData& y = b.m_data;
    const auto same_coords = [](const std::vector<Coord>& p, const std::vector<Coord>& q) {
        return p.size() == q.size() && std::equal(p.begin(), p.end(), q.begin());
    };
    const bool same_data =
        same_coords(x.node_coord, y.node_coord) && x.node_osm_id == y.node_osm_id && x.node_flags == y.node_flags &&
        x.node_crossing_lts == y.node_crossing_lts && x.edge_source == y.edge_source &&
        x.edge_target == y.edge_target && x.edge_length_m == y.edge_length_m &&
        x.edge_shape_begin == y.edge_shape_begin && x.edge_way_id == y.edge_way_id && x.edge_name == y.edge_name &&
        x.edge_highway == y.edge_highway && x.edge_maxspeed_kmh == y.edge_maxspeed_kmh &&
        x.edge_lanes == y.edge_lanes && x.edge_flags == y.edge_flags && x.edge_surface == y.edge_surface &&
        x.edge_regime == y.edge_regime && x.arc_access == y.arc_access &&
        x.arc_side_facility == y.arc_side_facility && x.arc_facility == y.arc_facility && x.arc_lts == y.arc_lts &&
        same_coords(x.shape, y.shape) && x.names == y.names && x.osm_timestamp == y.osm_timestamp &&
        x.source_name == y.source_name && same_coords(x.poi_coord, y.poi_coord) && x.poi_kind == y.poi_kind &&
        x.poi_name == y.poi_name && x.poi_osm_id == y.poi_osm_id && x.poi_osm_type == y.poi_osm_type &&
        same_coords(x.building_coord, y.building_coord) && x.building_floor_m2 == y.building_floor_m2 &&
        x.building_residential_pct == y.building_residential_pct && x.commune_name == y.commune_name &&
        x.commune_insee == y.commune_insee && x.commune_level == y.commune_level &&
        x.commune_osm_id == y.commune_osm_id && x.commune_first_ring == y.commune_first_ring &&
        x.commune_ring_outer == y.commune_ring_outer && x.commune_ring_begin == y.commune_ring_begin &&
        same_coords(x.commune_ring_coords, y.commune_ring_coords);
    if (!same_data || a.node_count() != b.node_count()) {
        return false;
    }
    for (NodeId n = 0; n < a.node_count(); ++n) {
        std::vector<ArcId> pa;
        std::vector<ArcId> pb;
        a.for_each_out_arc(n, [&](ArcId arc) { pa.push_back(arc); });
        b.for_each_out_arc(n, [&](ArcId arc) { pb.push_back(arc); });
        if (pa != pb) {
            return false;
        }
    }
    return true;
}

}  // namespace maillon
