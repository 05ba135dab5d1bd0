#include "places.hpp"

namespace maillon::importers {

void take_places(RawPlaces& p, GraphData& d) {
    d.poi_coord = std::move(p.poi_coord);
    d.poi_kind = std::move(p.poi_kind);
    d.poi_name = std::move(p.poi_name);
    d.poi_osm_id = std::move(p.poi_osm_id);
    d.poi_osm_type = std::move(p.poi_osm_type);
    d.building_coord = std::move(p.building_coord);
    d.building_floor_m2 = std::move(p.building_floor_m2);
    d.building_residential_pct = std::move(p.building_residential_pct);
    d.commune_name = std::move(p.commune_name);
    d.commune_insee = std::move(p.commune_insee);
    d.commune_level = std::move(p.commune_level);
    d.commune_osm_id = std::move(p.commune_osm_id);
    d.commune_first_ring = std::move(p.commune_first_ring);
    d.commune_ring_outer = std::move(p.commune_ring_outer);
    d.commune_ring_begin = std::move(p.commune_ring_begin);
    d.commune_ring_coords = std::move(p.commune_ring_coords);
}

}  // namespace maillon::importers
