// Places of the graph file: buildings, points of interest and communes (importers/src/places.cpp).
// Small OSM XML files written here, then the real extracts against figures computed without the engine.

#include "maillon/graph_io.hpp"
#include "maillon/importers/osm_import.hpp"
#include "node_locations.hpp"  // importers/src: white-box tests of the lookups and the relation pre-pass
#include "place_relations.hpp"
#include "places.hpp"

#include <catch2/catch.hpp>

#include <osmium/osm/relation.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <unistd.h>
#include <utility>
#include <vector>

using maillon::Coord;
using maillon::Graph;
using maillon::OsmType;
using maillon::PoiKind;
using maillon::importers::ImportReport;

namespace {

const std::string data_dir = MAILLON_TEST_DATA;

using Tags = std::vector<std::pair<std::string, std::string>>;

/// An OSM XML file drawn in metres east and north of a point near Place de la République.
class OsmFile {
public:
    static constexpr double lon0 = 2.36;
    static constexpr double lat0 = 48.87;

    static Coord at(double east_m, double north_m) {
        const double m_per_deg_lat = 6371008.8 * M_PI / 180.0;
        const double m_per_deg_lon = m_per_deg_lat * std::cos(lat0 * M_PI / 180.0);
        return Coord::from_degrees(lon0 + east_m / m_per_deg_lon, lat0 + north_m / m_per_deg_lat);
    }

    void node(std::int64_t id, double east_m, double north_m, const Tags& tags = {}) {
        const Coord c = at(east_m, north_m);
        char position[64];
        std::snprintf(position, sizeof position, "lat=\"%.7f\" lon=\"%.7f\"", c.lat(), c.lon());
        m_nodes << "  <node id=\"" << id << "\" version=\"1\" " << position << ">" << tags_xml(tags) << "</node>\n";
    }
    void way(std::int64_t id, const std::vector<std::int64_t>& refs, const Tags& tags = {}) {
        m_ways << "  <way id=\"" << id << "\" version=\"1\">";
        for (const auto r : refs) m_ways << "<nd ref=\"" << r << "\"/>";
        m_ways << tags_xml(tags) << "</way>\n";
    }
    /// A closed rectangular way of nodes first_node..first_node+3, south-west corner at (east, north).
    void rectangle(std::int64_t way_id, std::int64_t first_node, double east, double north, double width, double height,
                   const Tags& tags = {}) {
        node(first_node, east, north);
        node(first_node + 1, east + width, north);
        node(first_node + 2, east + width, north + height);
        node(first_node + 3, east, north + height);
        way(way_id, {first_node, first_node + 1, first_node + 2, first_node + 3, first_node}, tags);
    }
    struct Member {
        char type;  // 'n', 'w', 'r'
        std::int64_t ref;
        std::string role;
    };
    void relation(std::int64_t id, const std::vector<Member>& members, const Tags& tags) {
        m_relations << "  <relation id=\"" << id << "\" version=\"1\">";
        for (const auto& m : members) {
            const char* type = m.type == 'n' ? "node" : m.type == 'w' ? "way" : "relation";
            m_relations << "<member type=\"" << type << "\" ref=\"" << m.ref << "\" role=\"" << m.role << "\"/>";
        }
        m_relations << tags_xml(tags) << "</relation>\n";
    }

    /// Imports the file, with a footway far away so that the extract has a street.
    Graph import(ImportReport* report = nullptr) {
        node(900001, 5000, 5000);
        node(900002, 5100, 5000);
        way(900000, {900001, 900002}, {{"highway", "footway"}});
        static int counter = 0;
        const std::string path =
            "/tmp/maillon-places-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".osm";
        {
            std::ofstream out{path};
            out << "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"maillon-tests\">\n"
                << m_nodes.str() << m_ways.str() << m_relations.str() << "</osm>\n";
        }
        struct Remove {
            std::string p;
            ~Remove() { std::remove(p.c_str()); }
        } remove{path};
        return maillon::importers::import_osm(path, {}, report);
    }

private:
    static std::string tags_xml(const Tags& tags) {
        std::string xml;
        for (const auto& [k, v] : tags) xml += "<tag k=\"" + k + "\" v=\"" + v + "\"/>";
        return xml;
    }

    std::ostringstream m_nodes;
    std::ostringstream m_ways;
    std::ostringstream m_relations;
};

/// Twice the signed area in degree² (positive: counter-clockwise).
double signed_area2(const std::vector<Coord>& ring) {
    double a = 0;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
        a += ring[i].lon() * ring[i + 1].lat() - ring[i + 1].lon() * ring[i].lat();
    }
    return a;
}

/// Within a few centimetres.
bool near(Coord a, Coord b) { return std::abs(a.lon_e7 - b.lon_e7) <= 5 && std::abs(a.lat_e7 - b.lat_e7) <= 5; }

std::vector<Coord> ring(const maillon::GraphData& d, std::size_t r) {
    return {d.commune_ring_coords.begin() + d.commune_ring_begin[r], d.commune_ring_coords.begin() + d.commune_ring_begin[r + 1]};
}

}  // namespace

TEST_CASE("buildings: footprint, levels, floor area and residential share", "[places]") {
    OsmFile osm;
    osm.rectangle(1, 10, 0, 0, 40, 30, {{"building", "apartments"}});                              // 5 levels
    osm.rectangle(2, 20, 100, 0, 40, 30, {{"building", "yes"}, {"building:levels", "2"}});
    osm.rectangle(3, 30, 200, 0, 10, 10, {{"building", "house"}});                                 // 2 levels
    osm.rectangle(4, 40, 300, 0, 20, 10, {{"building", "commercial"}, {"building:levels", "3"}});
    osm.rectangle(5, 50, 400, 0, 3, 2, {{"building", "shed"}});                                    // 6 m²: dropped
    osm.rectangle(6, 60, 500, 0, 20, 20, {{"building", "construction"}});                          // dropped
    osm.rectangle(7, 70, 600, 0, 20, 20, {{"building", "yes"}, {"abandoned", "yes"}});             // dropped
    osm.rectangle(8, 80, 700, 0, 20, 20, {{"building", "no"}});                                    // no building
    osm.rectangle(9, 90, 800, 0, 10, 10, {{"building", "bunker"}});                                // unlisted: 1 level, 0 %
    osm.rectangle(10, 100, 900, 0, 10, 10, {{"building", "roof"}, {"building:levels", "0"}});      // counts 1 level
    osm.rectangle(11, 110, 1000, 0, 10, 10, {{"building", "yes"}, {"building:levels", "R+4"}});    // unreadable: default 3
    osm.node(120, 1100, 0);
    osm.node(121, 1110, 0);
    osm.node(122, 1110, 10);
    osm.way(12, {120, 121, 122}, {{"building", "yes"}});                  // not closed: no building
    osm.way(13, {120, 121, 122, 777777, 120}, {{"building", "yes"}});     // a node missing from the file
    ImportReport report;
    const Graph g = osm.import(&report);
    const auto& d = g.data();

    REQUIRE(g.building_count() == 7);
    CHECK(report.buildings == 7);
    CHECK(report.buildings_small == 1);
    CHECK(report.buildings_lifecycle == 2);
    CHECK(report.buildings_incomplete == 1);
    const std::vector<float> floor{1200 * 5, 1200 * 2, 100 * 2, 200 * 3, 100 * 1, 100 * 1, 100 * 3};
    const std::vector<int> residential{100, 60, 100, 0, 0, 0, 60};
    for (std::size_t b = 0; b < floor.size(); ++b) {
        INFO("building " << b);
        CHECK(d.building_floor_m2[b] == Approx(floor[b]).epsilon(0.002));
        CHECK(int{d.building_residential_pct[b]} == residential[b]);
    }
    CHECK(near(d.building_coord[0], OsmFile::at(20, 15)));
    CHECK(near(d.building_coord[3], OsmFile::at(310, 5)));
}

TEST_CASE("points of interest from nodes and closed ways, by the kind table", "[places]") {
    OsmFile osm;
    const std::map<std::int64_t, std::pair<Tags, std::optional<PoiKind>>> nodes{
        {101, {{{"amenity", "pharmacy"}, {"name", "Pharmacie du Canal"}}, PoiKind::healthcare}},
        {102, {{{"railway", "station"}}, PoiKind::rail_station}},
        {103, {{{"highway", "bus_stop"}}, PoiKind::bus_stop}},
        {104, {{{"public_transport", "platform"}, {"bus", "yes"}}, PoiKind::bus_stop}},
        {105, {{{"public_transport", "stop_position"}, {"bus", "no"}}, std::nullopt}},
        {106, {{{"amenity", "bicycle_rental"}, {"name", "Vélib' République"}}, PoiKind::bicycle_rental}},
        {107, {{{"railway", "subway_entrance"}}, PoiKind::subway_entrance}},
        {108, {{{"railway", "tram_stop"}}, PoiKind::tram_stop}},
        {109, {{{"shop", "bakery"}}, PoiKind::shop}},
        {110, {{{"shop", "vacant"}}, std::nullopt}},
        {111, {{{"office", "company"}}, PoiKind::workplace}},
        {112, {{{"amenity", "university"}}, PoiKind::university}},
        {113, {{{"leisure", "swimming_pool"}, {"access", "private"}}, std::nullopt}},
        {114, {{{"public_transport", "station"}, {"subway", "yes"}}, PoiKind::rail_station}},
        {115, {{{"public_transport", "station"}, {"bus", "yes"}}, std::nullopt}},
        {116, {{{"amenity", "townhall"}}, PoiKind::public_service}},
        {117, {{{"leisure", "park"}}, PoiKind::sport_leisure}},
        {118, {{{"amenity", "kindergarten"}}, PoiKind::school}},
        {119, {{{"amenity", "bench"}}, std::nullopt}},
        {120, {{{"railway", "train_station_entrance"}}, PoiKind::subway_entrance}},
        {121, {{{"station", "subway"}}, PoiKind::rail_station}},
        {122, {{{"shop", "bicycle"}, {"amenity", "bicycle_rental"}}, PoiKind::bicycle_rental}},
        {123, {{{"public_transport", "stop_position"}, {"bus", "yes"}}, PoiKind::bus_stop}},
        {124, {{{"amenity", "doctors"}}, PoiKind::healthcare}},
    };
    double east = 0;
    for (const auto& [id, spec] : nodes) osm.node(id, east += 10, 0, spec.first);
    osm.rectangle(200, 210, 0, 100, 50, 40,
                  {{"amenity", "school"}, {"building", "school"}, {"name", "École Jules Ferry"}});
    osm.rectangle(201, 220, 100, 100, 50, 40, {{"landuse", "grass"}});  // closed, no place
    const Graph g = osm.import();
    const auto& d = g.data();

    std::map<std::int64_t, PoiKind> got;
    for (std::size_t p = 0; p < g.poi_count(); ++p) {
        if (d.poi_osm_type[p] == OsmType::node) got[d.poi_osm_id[p]] = d.poi_kind[p];
    }
    for (const auto& [id, spec] : nodes) {
        INFO("node " << id);
        if (spec.second) {
            REQUIRE(got.count(id) == 1);
            CHECK(maillon::key(got[id]) == maillon::key(*spec.second));
        } else {
            CHECK(got.count(id) == 0);
        }
    }
    // The school ground: one POI at the centroid of the way, and one building.
    std::size_t ways = 0;
    for (std::size_t p = 0; p < g.poi_count(); ++p) {
        if (d.poi_osm_type[p] != OsmType::way) continue;
        ++ways;
        CHECK(d.poi_osm_id[p] == 200);
        CHECK(d.poi_kind[p] == PoiKind::school);
        CHECK(d.names[d.poi_name[p]] == "École Jules Ferry");
        CHECK(near(d.poi_coord[p], OsmFile::at(25, 120)));
    }
    CHECK(ways == 1);
    CHECK(g.building_count() == 1);
    // The names of node POIs: named, and unnamed (0).
    const auto node_poi = [&](std::int64_t id) {
        for (std::size_t p = 0; p < g.poi_count(); ++p)
            if (d.poi_osm_type[p] == OsmType::node && d.poi_osm_id[p] == id) return static_cast<long>(p);
        return -1L;
    };
    const long pharmacy = node_poi(101);
    const long station = node_poi(102);
    REQUIRE(pharmacy >= 0);
    REQUIRE(station >= 0);
    CHECK(d.names[d.poi_name[pharmacy]] == "Pharmacie du Canal");
    CHECK(d.poi_name[station] == 0);
}

TEST_CASE("communes and multipolygons: rings assembled from relations, incomplete ones skipped", "[places]") {
    OsmFile osm;
    // A 1 km square commune whose outer ring is two ways, with a hole (an enclave).
    osm.node(301, 0, 0);
    osm.node(302, 1000, 0);
    osm.node(303, 1000, 1000);
    osm.node(304, 0, 1000);
    osm.way(310, {301, 302, 303});
    osm.way(311, {303, 304, 301});
    osm.rectangle(312, 305, 400, 400, 200, 200);
    osm.way(313, {301, 302, 777777, 301});  // a node missing from the extract
    osm.relation(320, {{'w', 310, "outer"}, {'w', 311, "outer"}, {'w', 312, "inner"}, {'n', 301, "admin_centre"}},
                 {{"type", "boundary"}, {"boundary", "administrative"}, {"admin_level", "8"}, {"name", "Testville"},
                  {"ref:INSEE", "75056"}});
    osm.relation(321, {{'w', 311, "outer"}, {'w', 310, "outer"}},
                 {{"type", "boundary"}, {"boundary", "administrative"}, {"admin_level", "9"}, {"name", "Paris 1er Arrondissement"},
                  {"ref:INSEE", "75101"}});
    osm.relation(322, {{'w', 310, "outer"}, {'w', 999, "outer"}},  // way 999 is not in the extract
                 {{"type", "boundary"}, {"boundary", "administrative"}, {"admin_level", "8"}, {"name", "Clipped"}});
    osm.relation(323, {{'w', 313, "outer"}},
                 {{"type", "boundary"}, {"boundary", "administrative"}, {"admin_level", "8"}, {"name", "Missing node"}});
    osm.relation(324, {{'w', 310, "outer"}, {'w', 311, "outer"}},
                 {{"type", "boundary"}, {"boundary", "administrative"}, {"admin_level", "6"}, {"name", "Département"}});
    osm.relation(325, {{'w', 310, "outer"}},  // an open ring
                 {{"type", "boundary"}, {"boundary", "administrative"}, {"admin_level", "8"}, {"name", "Open"}});
    // A building with a courtyard, and a park, as multipolygons.
    osm.rectangle(330, 340, 2000, 0, 20, 20);
    osm.rectangle(331, 350, 2005, 5, 10, 10);
    osm.relation(332, {{'w', 330, "outer"}, {'w', 331, "inner"}}, {{"type", "multipolygon"}, {"building", "yes"}});
    osm.relation(333, {{'w', 330, "outer"}}, {{"type", "multipolygon"}, {"leisure", "park"}, {"name", "Square du Temple"}});
    osm.relation(334, {{'w', 330, "outer"}, {'w', 998, "outer"}}, {{"type", "multipolygon"}, {"building", "yes"}});
    ImportReport report;
    const Graph g = osm.import(&report);
    const auto& d = g.data();

    REQUIRE(g.commune_count() == 2);
    CHECK(report.communes == 2);
    CHECK(report.communes_incomplete == 2);
    CHECK(report.communes_invalid == 1);
    CHECK(report.multipolygons_skipped == 1);

    CHECK(d.commune_osm_id[0] == 320);
    CHECK(d.names[d.commune_name[0]] == "Testville");
    CHECK(d.names[d.commune_insee[0]] == "75056");
    CHECK(int{d.commune_level[0]} == 8);
    REQUIRE(d.commune_first_ring[1] - d.commune_first_ring[0] == 2);
    CHECK(int{d.commune_ring_outer[0]} == 1);  // the outer ring, then its hole
    CHECK(int{d.commune_ring_outer[1]} == 0);
    const std::vector<Coord> outer = ring(d, 0);
    REQUIRE(outer.size() == 5);
    CHECK(outer.front() == outer.back());
    const std::set<std::pair<int, int>> corners{{OsmFile::at(0, 0).lon_e7, OsmFile::at(0, 0).lat_e7},
                                                {OsmFile::at(1000, 0).lon_e7, OsmFile::at(1000, 0).lat_e7},
                                                {OsmFile::at(1000, 1000).lon_e7, OsmFile::at(1000, 1000).lat_e7},
                                                {OsmFile::at(0, 1000).lon_e7, OsmFile::at(0, 1000).lat_e7}};
    for (const Coord c : outer) CHECK(corners.count({c.lon_e7, c.lat_e7}) == 1);
    CHECK(ring(d, 1).size() == 5);
    CHECK(signed_area2(outer) > 0);       // outer rings counter-clockwise,
    CHECK(signed_area2(ring(d, 1)) < 0);  // inner rings clockwise

    CHECK(d.commune_osm_id[1] == 321);
    CHECK(d.names[d.commune_name[1]] == "Paris 1er Arrondissement");
    CHECK(int{d.commune_level[1]} == 9);
    CHECK(d.commune_first_ring[2] - d.commune_first_ring[1] == 1);
    CHECK(d.commune_first_ring.back() == d.commune_ring_outer.size());
    CHECK(d.commune_ring_begin.back() == d.commune_ring_coords.size());

    // The courtyard building: (400 - 100) m² x 3 levels, centred on the square.
    REQUIRE(g.building_count() == 1);
    CHECK(d.building_floor_m2[0] == Approx(300 * 3).epsilon(0.002));
    CHECK(int{d.building_residential_pct[0]} == 60);
    CHECK(near(d.building_coord[0], OsmFile::at(2010, 10)));
    REQUIRE(g.poi_count() == 1);
    CHECK(d.poi_kind[0] == PoiKind::sport_leisure);
    CHECK(d.poi_osm_type[0] == OsmType::relation);
    CHECK(d.poi_osm_id[0] == 333);
    CHECK(d.names[d.poi_name[0]] == "Square du Temple");

    SECTION("the places survive a save and a load, and count in equality") {
        const std::string path = "/tmp/maillon-places-" + std::to_string(::getpid()) + "-roundtrip.maillon";
        maillon::save_graph(g, path);
        CHECK(maillon::load_graph(path) == g);
        std::remove(path.c_str());
        maillon::GraphData changed = d;
        changed.commune_ring_coords[2].lat_e7 += 1;
        CHECK_FALSE(Graph{std::move(changed)} == g);
        maillon::GraphData broken = d;
        broken.commune_ring_begin.back() += 1;
        CHECK_THROWS_AS(Graph{std::move(broken)}, std::invalid_argument);
    }
}

TEST_CASE("NodeLocations finds every node, through a search tree of several levels", "[places]") {
    // 300,000 ids: three levels of 64-way blocks above the ids. Gaps of 1 to 3 between ids, so that each gap and
    // both ends are searched too.
    maillon::importers::NodeLocations locations;
    std::vector<osmium::object_id_type> ids;
    for (osmium::object_id_type id = 10; ids.size() < 300000; id += 1 + id % 3) ids.push_back(id);
    for (const auto id : ids) locations.add(id, osmium::Location{1.0, 2.0});
    locations.seal();
    REQUIRE(locations.size() == ids.size());
    std::size_t wrong = 0;
    for (std::size_t i = 0; i < ids.size(); ++i) {
        wrong += locations.find(ids[i]) != i;
        if (i + 1 < ids.size() && ids[i] + 1 < ids[i + 1]) wrong += locations.find(ids[i] + 1) != maillon::importers::NodeLocations::npos;
    }
    CHECK(wrong == 0);
    CHECK(locations.find(9) == maillon::importers::NodeLocations::npos);
    CHECK(locations.find(ids.back() + 1) == maillon::importers::NodeLocations::npos);
    // Unsorted input is sorted by seal().
    maillon::importers::NodeLocations shuffled;
    for (std::size_t i = 0; i < 1000; ++i) shuffled.add(ids[(i * 7919) % 1000], osmium::Location{1.0, 2.0});
    shuffled.seal();
    for (std::size_t i = 0; i < 1000; ++i) REQUIRE(shuffled.find(ids[i]) == i);
}

TEST_CASE("find_near finds what a binary search finds, from any hint", "[places]") {
    maillon::importers::NodeLocations locations;
    std::vector<osmium::object_id_type> ids;
    for (osmium::object_id_type id = 5; id < 5000; id += 1 + id % 7) ids.push_back(id);
    for (const auto id : ids) locations.add(id, osmium::Location{1.0, 2.0});
    locations.seal();
    const std::uint32_t n = static_cast<std::uint32_t>(ids.size());
    for (const std::uint32_t hint : {0U, 1U, n / 3, n - 2, n - 1, n + 10}) {
        for (osmium::object_id_type id = 0; id < 5010; ++id) {
            INFO("id " << id << " hint " << hint);
            REQUIRE(maillon::importers::find_near(locations, id, hint) == locations.find(id));
        }
    }
    CHECK(maillon::importers::find_near(maillon::importers::NodeLocations{}, 7, 0) ==
          maillon::importers::NodeLocations::npos);
}

TEST_CASE("the relation pre-pass reads the same relations from the tail of a sorted PBF as from the whole file", "[places]") {
    const std::string file = GENERATE(as<std::string>{}, "monaco-2016.osm.pbf", "paris-republique.osm.pbf");
    const auto kept = [&](bool tail) {
        const auto relations = maillon::importers::read_place_relations(osmium::io::File{data_dir + "/" + file}, tail);
        std::vector<osmium::object_id_type> ids;
        for (const auto& r : relations.relations) ids.push_back(r.id);
        REQUIRE(std::is_sorted(ids.begin(), ids.end()));
        return std::make_pair(ids, relations.member_ways);
    };
    const auto tail = kept(true);
    const auto whole = kept(false);
    // Monaco: 11 communes, 3 building multipolygons, 1 POI multipolygon (see the figures below).
    if (file == "monaco-2016.osm.pbf") CHECK(tail.first.size() == 11 + 3 + 1);
    CHECK(tail == whole);
}

// Figures computed without the engine:
//   osmium tags-filter -R -t monaco-2016.osm.pbf w/building -o b.opl && osmium fileinfo -e b.opl
//       23370 ways with a building tag (none building=no); of them 23326 are closed with 4 or more
//       references, all nodes present. Footprints by a separate shoelace (python3 over
//       `osmium cat monaco-2016.osm.pbf -f opl`, equirectangular at each way's mean latitude):
//       19256 of at least 10 m², 4070 smaller.
//   osmium tags-filter -R monaco-2016.osm.pbf r/type=multipolygon -o mp.opl &&
//   osmium tags-filter -R mp.opl r/building -o mpb.opl && osmium fileinfo -e mpb.opl
//       3 building multipolygons (Fairmont, Foyer Sainte-Dévote, Cathédrale), all complete;
//   osmium tags-filter -R mp.opl r/amenity=school,college,... r/shop r/office r/leisure=... (the kind table)
//       1 POI multipolygon (Lycée Albert 1er, amenity=college).
//   osmium tags-filter -R monaco-2016.osm.pbf r/boundary=administrative -o a.opl &&
//   osmium tags-filter -R a.opl r/admin_level=8,9 -o a89.opl && osmium fileinfo -e a89.opl
//       11 relations: Monaco and ten French communes around it, of which osmium export
//       (`osmium export monaco-2016.osm.pbf -f geojsonseq --geometry-types=polygon`) builds
//       polygons for 4: Monaco, Beausoleil, Cap-d'Ail, La Turbie. The extract was clipped with
//       osmconvert, which drops missing members from relations: the other 7 do not close.
//   osmium tags-filter -R -t paris-republique.osm.pbf n/amenity=bicycle_rental -o v.opl &&
//   osmium fileinfo -e v.opl
//       46 nodes (and no way or relation with that tag, none access=private).
TEST_CASE("real extracts: buildings, communes and Vélib' stations", "[places]") {
    SECTION("Monaco") {
        ImportReport report;
        const Graph g = maillon::importers::import_osm(data_dir + "/monaco-2016.osm.pbf", {}, &report);
        const auto& d = g.data();
        CHECK(report.buildings == 19256 + 3);
        CHECK(g.building_count() == 19256 + 3);
        CHECK(report.buildings_small == 4070);
        CHECK(report.buildings_incomplete == 0);
        CHECK(report.buildings_lifecycle == 0);
        CHECK(report.multipolygons_skipped == 0);
        CHECK(report.communes == 4);
        CHECK(report.communes + report.communes_incomplete + report.communes_invalid == 11);
        std::set<std::string> names;
        for (std::size_t c = 0; c < g.commune_count(); ++c) names.insert(d.names[d.commune_name[c]]);
        CHECK(names == std::set<std::string>{"Monaco", "Beausoleil", "Cap-d'Ail", "La Turbie"});
        for (std::size_t c = 0; c < g.commune_count(); ++c) {
            if (d.names[d.commune_name[c]] != "Monaco") continue;
            CHECK(d.commune_osm_id[c] == 2220322);
            CHECK(int{d.commune_level[c]} == 8);
            const auto first = d.commune_first_ring[c];
            REQUIRE(d.commune_first_ring[c + 1] > first);
            CHECK(int{d.commune_ring_outer[first]} == 1);
            for (auto r = first; r < d.commune_first_ring[c + 1]; ++r) {
                const std::vector<Coord> coords = ring(d, r);
                REQUIRE(coords.size() >= 4);
                CHECK(coords.front() == coords.back());
                for (const Coord p : coords) {
                    CHECK(p.lon() > 7.38);
                    CHECK(p.lon() < 7.45);
                    CHECK(p.lat() > 43.71);
                    CHECK(p.lat() < 43.76);
                }
            }
        }
        // Every floor area and share is plausible: footprint >= 10 m², at most 100 levels.
        for (std::size_t b = 0; b < g.building_count(); ++b) {
            REQUIRE(d.building_floor_m2[b] >= 10.0F);
            REQUIRE(d.building_residential_pct[b] <= 100);
        }
    }
    SECTION("Paris, République: 46 Vélib' stations") {
        const Graph g = maillon::importers::import_osm(data_dir + "/paris-republique.osm.pbf");
        const auto& d = g.data();
        std::size_t rental = 0;
        for (std::size_t p = 0; p < g.poi_count(); ++p) {
            if (d.poi_kind[p] != PoiKind::bicycle_rental) continue;
            ++rental;
            CHECK(d.poi_osm_type[p] == OsmType::node);
        }
        CHECK(rental == 46);
    }
}
