#pragma once
// The routing graph: one header for the whole engine.
//
// Storage: an *edge* is a piece of one OSM way between two graph nodes (intersections,
// way ends, or places where attributes change). Each edge has two *arcs*: arc 2e runs
// forward along the OSM way's digitisation, arc 2e+1 backward. The schema's "droite"
// side (ame_d) is the right-hand side in the forward direction, "gauche" (ame_g) the left.
// Edge and arc attributes live in parallel arrays (struct of arrays): searches touch
// only the arrays they need, and the file format is those arrays written one after another.
//
// Topology: a Boost.Graph compressed_sparse_row_graph over nodes whose edges carry the arc
// id. Every arc is in it, closed ones too: direction and access live in arc_access, which
// every search filter reads (ModeFilter respects one-way streets). Keeping closed arcs lets
// direction-blind questions ("are these two network pieces connected at all?") walk a one-way
// cycleway backwards.

#include "maillon/attributes.hpp"
#include "maillon/geo.hpp"

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace maillon {

using NodeId = std::uint32_t;
using EdgeId = std::uint32_t;
using ArcId = std::uint32_t;

constexpr ArcId arc_of(EdgeId e, bool backward) noexcept { return 2 * e + (backward ? 1U : 0U); }
constexpr EdgeId edge_of(ArcId a) noexcept { return a / 2; }
constexpr bool is_backward(ArcId a) noexcept { return (a & 1U) != 0; }

/// Node flags from OSM node tags, used by the intersection stress rule.
enum NodeFlag : std::uint8_t {
    node_traffic_signals = 1U << 0,  // highway=traffic_signals or crossing=traffic_signals
    node_crossing = 1U << 1,         // marked crossing (crossing=marked/zebra/uncontrolled/traffic_signals, crossing:markings)
    node_stop = 1U << 2,             // highway=stop / give_way
    node_barrier = 1U << 3,          // barrier=* (bollards etc.)
};

/// Edge flags.
enum EdgeFlag : std::uint8_t {
    edge_bridge = 1U << 0,
    edge_tunnel = 1U << 1,
    edge_roundabout = 1U << 2,
    edge_oneway_motor = 1U << 3,     // one-way for motor traffic (forward after normalisation)
    edge_contraflow_bike = 1U << 4,  // one-way for motors but open to bikes both ways (double sens cyclable)
    edge_lit = 1U << 5,
};

/// The kind of OSM object a place was read from.
enum class OsmType : std::uint8_t { node = 0, way = 1, relation = 2 };

/// Everything the graph holds, as plain arrays. Sizes: N nodes, E edges, 2E arcs.
struct GraphData {
    // nodes [N]
    std::vector<Coord> node_coord;
    std::vector<std::int64_t> node_osm_id;
    std::vector<std::uint8_t> node_flags;
    std::vector<std::uint8_t> node_crossing_lts;  // 0: not a crossing of a busier road; else 1..4

    // edges [E]
    std::vector<NodeId> edge_source;  // first node along the OSM way
    std::vector<NodeId> edge_target;
    std::vector<float> edge_length_m;
    std::vector<std::uint32_t> edge_shape_begin;  // [E+1] into shape
    std::vector<std::int64_t> edge_way_id;
    std::vector<std::uint32_t> edge_name;  // index into names; 0 is ""
    std::vector<Highway> edge_highway;
    std::vector<std::uint8_t> edge_maxspeed_kmh;  // 0: unknown
    std::vector<std::uint8_t> edge_lanes;         // 0: unknown
    std::vector<std::uint8_t> edge_flags;
    std::vector<Surface> edge_surface;
    std::vector<Regime> edge_regime;

    // arcs [2E]
    std::vector<std::uint8_t> arc_access;  // access_bit(Mode) mask
    std::vector<Facility> arc_side_facility;  // facility on the side of that travel direction (ame_d for forward, ame_g for backward)
    std::vector<Facility> arc_facility;       // facility a cyclist uses riding in that direction (may be a two-way track on the other side)
    std::vector<std::uint8_t> arc_lts;        // level of traffic stress 1..4 for cycling, 0 if not cyclable

    std::vector<Coord> shape;  // all edge geometries, endpoints included
    std::vector<std::string> names;

    // metadata
    std::string osm_timestamp;  // ISO 8601 of the newest object or header timestamp, "" if unknown
    std::string source_name;    // file name of the extract

    // ---- places: what the analyses need besides the streets (importers/src/places.cpp, docs/graph-file.md).
    // Not part of the routing graph: no array above refers to them.

    // points of interest [P]: trip destinations and transit stops, from nodes, and from closed ways
    // and multipolygon relations at the centroid of their area
    std::vector<Coord> poi_coord;
    std::vector<PoiKind> poi_kind;
    std::vector<std::uint32_t> poi_name;    // index into names; 0 when unnamed
    std::vector<std::int64_t> poi_osm_id;   // id of the OSM object, of type poi_osm_type
    std::vector<OsmType> poi_osm_type;

    // buildings [B] (population proxies): closed ways and multipolygon relations tagged building
    std::vector<Coord> building_coord;                   // centroid of the footprint
    std::vector<float> building_floor_m2;                // footprint area x levels
    std::vector<std::uint8_t> building_residential_pct;  // 0..100: share of the floor area that is housing

    // communes [C] (admin_level 8, and 9 for Paris arrondissements), their rings [R] and ring vertices [K]
    std::vector<std::uint32_t> commune_name;         // index into names
    std::vector<std::uint32_t> commune_insee;        // index into names: ref:INSEE, else ref, else 0 ("")
    std::vector<std::uint8_t> commune_level;         // admin_level
    std::vector<std::int64_t> commune_osm_id;        // boundary relation id
    std::vector<std::uint32_t> commune_first_ring;   // [C+1] into the ring arrays
    std::vector<std::uint8_t> commune_ring_outer;    // [R] 1 outer ring, 0 inner ring (of the outer ring before it)
    std::vector<std::uint32_t> commune_ring_begin;   // [R+1] into commune_ring_coords
    std::vector<Coord> commune_ring_coords;          // [K] closed rings (first vertex == last), outer ones counter-clockwise
};

class Graph {
public:
    struct ArcProperty {
        ArcId arc;
    };
    using Adjacency = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, ArcProperty, boost::no_property, NodeId, ArcId>;

    Graph() = default;
    /// @pre data's arrays have consistent sizes (checked: throws std::invalid_argument otherwise).
    explicit Graph(GraphData data);

    const GraphData& data() const noexcept { return m_data; }
    const Adjacency& adjacency() const noexcept { return m_adjacency; }

    std::size_t node_count() const noexcept { return m_data.node_coord.size(); }
    std::size_t edge_count() const noexcept { return m_data.edge_source.size(); }
    std::size_t arc_count() const noexcept { return 2 * edge_count(); }
    std::size_t poi_count() const noexcept { return m_data.poi_coord.size(); }
    std::size_t building_count() const noexcept { return m_data.building_coord.size(); }
    std::size_t commune_count() const noexcept { return m_data.commune_name.size(); }

    NodeId arc_tail(ArcId a) const noexcept {
        return is_backward(a) ? m_data.edge_target[edge_of(a)] : m_data.edge_source[edge_of(a)];
    }
    NodeId arc_head(ArcId a) const noexcept {
        return is_backward(a) ? m_data.edge_source[edge_of(a)] : m_data.edge_target[edge_of(a)];
    }
    bool allows(ArcId a, Mode m) const noexcept { return (m_data.arc_access[a] & access_bit(m)) != 0; }
    float length_m(EdgeId e) const noexcept { return m_data.edge_length_m[e]; }
    const std::string& name(EdgeId e) const { return m_data.names[m_data.edge_name[e]]; }

    /// The edge's polyline in OSM way order.
    std::vector<Coord> shape(EdgeId e) const;

    /// Calls f(ArcId) for each arc leaving node n, open or closed (check allows()).
    template <typename F>
    void for_each_out_arc(NodeId n, F&& f) const {
        const auto& g = m_adjacency;
        for (auto [it, end] = boost::out_edges(n, g); it != end; ++it) {
            f(g[*it].arc);
        }
    }

    BBox bbox() const noexcept;

    /// True when every array and the adjacency are equal (for round-trip tests).
    friend bool operator==(const Graph& a, const Graph& b);

private:
    GraphData m_data;
    Adjacency m_adjacency;
};

}  // namespace maillon
