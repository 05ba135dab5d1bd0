#pragma once
// Places of an extract besides its streets, for the analyses (docs/graph-file.md, "Places"):
//   buildings   population proxies: centroid, floor area (footprint x levels), residential share
//   POIs        trip destinations and transit (PoiKind), from nodes, closed ways and multipolygons
//   communes    boundary=administrative relations of admin_level 8 (9: Paris arrondissements)
//
// Nodes and closed ways are read in the importer's single pass (read_ways.cpp). Relations need
// their member ways, which come before them in the file: a relation pre-pass lists the relations
// to assemble and their member way ids, the main pass keeps those ways' node references, and
// libosmium's area Assembler builds the rings afterwards. Internal to the importer.

#include "maillon/geo.hpp"
#include "maillon/graph.hpp"
#include "maillon/importers/osm_import.hpp"
#include "node_locations.hpp"

#include <osmium/io/file.hpp>
#include <osmium/memory/buffer.hpp>
#include <osmium/osm/location.hpp>
#include <osmium/osm/tag.hpp>

#include <cmath>
#include <cstdint>
#include <optional>
#include <vector>

namespace maillon::importers {

struct RawWays;

/// The tags places depend on, found in one pass over an object's tag list (nullptr when absent).
struct PlaceTags {
    const char* name = nullptr;
    // buildings
    const char* building = nullptr;
    const char* building_levels = nullptr;
    const char* abandoned = nullptr;
    const char* ruins = nullptr;
    const char* construction = nullptr;
    // points of interest
    const char* access = nullptr;
    const char* amenity = nullptr;
    const char* shop = nullptr;
    const char* office = nullptr;
    const char* leisure = nullptr;
    const char* railway = nullptr;
    const char* highway = nullptr;
    const char* public_transport = nullptr;
    const char* station = nullptr;
    const char* bus = nullptr;
    const char* train = nullptr;
    const char* subway = nullptr;
    const char* tram = nullptr;
    const char* light_rail = nullptr;
    // relations
    const char* type = nullptr;
    const char* boundary = nullptr;
    const char* admin_level = nullptr;
    const char* ref_insee = nullptr;  // ref:INSEE
    const char* ref = nullptr;

    explicit PlaceTags(const osmium::TagList& tags) noexcept;
};

/// What the building table says about an object.
struct BuildingClass {
    enum State : std::uint8_t { none, dropped, kept } state = none;  // dropped: abandoned, ruins, under construction...
    float levels = 0;                  // building:levels, else the default of the type
    std::uint8_t residential_pct = 0;  // 0..100
};
BuildingClass building_class(const PlaceTags& tags) noexcept;

/// The POI kind by the kind table, or none when the object is no POI of a listed kind.
std::optional<PoiKind> poi_kind(const PlaceTags& tags) noexcept;

/// Buildings smaller than this are dropped (sheds, mapping slips).
constexpr double min_building_m2 = 10.0;

/// Area and centroid of rings in a local equirectangular plane (origin: the first vertex added,
/// x scaled by the cosine of its latitude). Within 0.1 % of geodesic areas for buildings and communes.
class AreaMoments {
public:
    /// Adds a closed ring (first vertex == last vertex) of n vertices, loc(i) its i-th location;
    /// an outer ring adds its area, a hole removes it, whatever the rings' orientation.
    template <typename LocationAt>
    void add_ring(std::size_t n, LocationAt loc, bool hole) {
        if (n == 0) return;
        if (!m_origin) {
            const osmium::Location o = loc(0);
            m_origin = o;
            const double meters_per_degree = earth_radius_m * 3.14159265358979323846 / 180.0;
            m_ky = meters_per_degree * 1e-7;
            m_kx = m_ky * std::cos(o.lat() * 3.14159265358979323846 / 180.0);
        }
        double a2 = 0, mx = 0, my = 0;
        double px = x(loc(0)), py = y(loc(0));
        for (std::size_t i = 1; i < n; ++i) {
            const osmium::Location l = loc(i);
            const double qx = x(l), qy = y(l);
            const double cross = px * qy - qx * py;
            a2 += cross;
            mx += (px + qx) * cross;
            my += (py + qy) * cross;
            m_sum_x += px;
            m_sum_y += py;
            ++m_vertices;
            px = qx;
            py = qy;
        }
        const double sign = (a2 >= 0 ? 1.0 : -1.0) * (hole ? -1.0 : 1.0);
        m_a2 += sign * a2;
        m_mx += sign * mx;
        m_my += sign * my;
    }

    double area_m2() const noexcept { return std::fabs(m_a2) / 2.0; }
    /// Area-weighted centroid; the mean vertex for a degenerate area.
    Coord centroid() const noexcept;

private:
    double x(osmium::Location l) const noexcept { return (l.x() - m_origin->x()) * m_kx; }
    double y(osmium::Location l) const noexcept { return (l.y() - m_origin->y()) * m_ky; }

    std::optional<osmium::Location> m_origin;
    double m_kx = 0, m_ky = 0;
    double m_a2 = 0, m_mx = 0, m_my = 0;
    double m_sum_x = 0, m_sum_y = 0;
    std::size_t m_vertices = 0;
};

/// Position of a node in `locations` searching outwards from `hint` (galloping search): the nodes
/// of a building have close ids, so this costs a few comparisons where a binary search over tens
/// of millions of ids costs two dozen cache misses. npos when the extract lacks the node.
std::uint32_t find_near(const NodeLocations& locations, osmium::object_id_type id, std::uint32_t hint) noexcept;

/// The relations to assemble (communes, building and POI multipolygons), from the pre-pass.
struct PlaceRelations {
    osmium::memory::Buffer buffer{1024 * 1024, osmium::memory::Buffer::auto_grow::yes};
    std::vector<osmium::object_id_type> member_ways;  // their way members' ids, sorted, unique
    std::uint64_t buildings_lifecycle = 0;            // building multipolygons dropped (ImportReport)
    double seconds = 0;
};

/// What the reading pass gathers for places, and the relations of the pre-pass.
struct RawPlaces {
    std::vector<Coord> poi_coord;
    std::vector<PoiKind> poi_kind;
    std::vector<std::uint32_t> poi_name;
    std::vector<std::int64_t> poi_osm_id;
    std::vector<OsmType> poi_osm_type;
    std::vector<Coord> building_coord;
    std::vector<float> building_floor_m2;
    std::vector<std::uint8_t> building_residential_pct;
    std::vector<std::uint32_t> commune_name;
    std::vector<std::uint32_t> commune_insee;
    std::vector<std::uint8_t> commune_level;
    std::vector<std::int64_t> commune_osm_id;
    std::vector<std::uint32_t> commune_first_ring{0};
    std::vector<std::uint8_t> commune_ring_outer;
    std::vector<std::uint32_t> commune_ring_begin{0};
    std::vector<Coord> commune_ring_coords;

    PlaceRelations relations;  // from the pre-pass

    // The member ways met in the main pass: node positions in NodeLocations (npos when missing).
    std::vector<osmium::object_id_type> way_id;
    std::vector<std::uint32_t> way_first_ref{0};  // [ways + 1] into way_refs
    std::vector<std::uint32_t> way_refs;

    void add_poi(Coord c, PoiKind kind, std::uint32_t name, std::int64_t id, OsmType type) {
        poi_coord.push_back(c);
        poi_kind.push_back(kind);
        poi_name.push_back(name);
        poi_osm_id.push_back(id);
        poi_osm_type.push_back(type);
    }
    void add_building(Coord c, double footprint_m2, const BuildingClass& b) {
        building_coord.push_back(c);
        building_floor_m2.push_back(static_cast<float>(footprint_m2 * b.levels));
        building_residential_pct.push_back(b.residential_pct);
    }
};

/// The relation pre-pass: keeps the relations that make communes, building or POI multipolygons
/// and lists their member ways. A PBF file sorted by type then id has its relations in its last
/// blocks: only those are decoded, from the end backwards (for Île-de-France 0.3 s, where reading
/// all blocks again for their relations takes 2.2 s). Other files get a relations-only read.
/// Touches nothing else: read_ways runs it on a thread of its own while the nodes are read.
/// @throws what osmium throws for a damaged file.
PlaceRelations read_place_relations(const osmium::io::File& file, bool sorted_by_type_then_id);

/// After the main pass: assembles the kept relations with libosmium's area Assembler from the
/// member ways collected, appends communes, and buildings and POIs of multipolygons. Relations
/// with member ways or nodes missing from the extract (clipped boundaries) are skipped and counted.
/// Names go to raw.names. Frees the relation data.
void assemble_place_relations(RawWays& raw, ImportReport& report);

/// Moves the places into the graph arrays.
void take_places(RawPlaces& places, GraphData& data);

}  // namespace maillon::importers
