#pragma once
// Places of an extract besides its streets, for the analyses (docs/graph-file.md, "Places"):
//   buildings   population proxies: centroid, floor area (footprint x levels), residential share
//   POIs        trip destinations and transit (PoiKind), from nodes, closed ways and multipolygons
//   communes    boundary=administrative relations of admin_level 8 (9: Paris arrondissements)
//
// Nodes and closed ways are read in the importer's reading pass (read_ways.cpp) with the rules of
// place_rules.hpp; relations are assembled by libosmium's MultipolygonManager (place_relations.hpp).
// Internal to the importer.

#include "maillon/geo.hpp"
#include "maillon/graph.hpp"
#include "place_relations.hpp"
#include "place_rules.hpp"

#include <osmium/memory/buffer.hpp>

#include <cstdint>
#include <vector>

namespace maillon::importers {

/// What the reading pass gathers for places, and the relations of the first pass.
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

    PlaceRelations relations;  // from the first pass
    /// The member ways met in the reading pass, with their node locations, for the manager.
    osmium::memory::Buffer member_way_buffer{1024 * 1024, osmium::memory::Buffer::auto_grow::yes};

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

/// Moves the places into the graph arrays.
void take_places(RawPlaces& places, GraphData& data);

}  // namespace maillon::importers
