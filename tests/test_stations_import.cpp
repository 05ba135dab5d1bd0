// The station importers: the real Vélib' Métropole GBFS snapshot of 2025-10-18 (station_information +
// station_status) and planned stations as GeoJSON and CSV (comma, and semicolon with decimal commas as a French
// spreadsheet writes them), then one small broken file per error a planner can meet.
//
// Reference figures, computed independently with python3's json module on the files in tests/data:
//   station_information: 1495 stations, 1495 distinct station_id, 1495 distinct stationCode, capacities sum to 47434;
//     station_id 213688169: stationCode "16107", "Benjamin Godard - Victor Hugo", lat 48.865983, lon 2.275725, capacity 35
//     station_id 19179944124: stationCode "40001", "Hôpital Mondor", lat 48.798922410229, lon 2.4537451531298, capacity 28
//   station_status: 1495 entries, same ids; is_installed == 0 for 11 of them (capacities summing to 73), e.g.
//     20431381973 (31203 "Henri Barbusse"), 653062048 (10152 "Gare du Nord - Place de Valenciennes").

#include "maillon/errors.hpp"
#include "maillon/importers/stations.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <set>
#include <string>
#include <unistd.h>

using maillon::Coord;
using maillon::input_error;
using maillon::load_gbfs_stations;
using maillon::load_planned_stations;
using maillon::StationRecord;
using maillon::StationSet;
using Catch::Matchers::Contains;

namespace {

const std::string data_dir = MAILLON_TEST_DATA;
const std::string information = data_dir + "/station_information_2025-10-18.json";
const std::string status = data_dir + "/station_status_2025-10-18.json";

// A temporary file removed at the end of the test.
struct TempFile {
    std::string path;
    TempFile(const std::string& name, const std::string& content)
        : path("/tmp/maillon-test-stations-" + std::to_string(::getpid()) + "-" + name) {
        std::ofstream out(path, std::ios::binary);
        out << content;
    }
    ~TempFile() { std::remove(path.c_str()); }
};

const StationRecord* find(const StationSet& set, const std::string& id) {
    for (const StationRecord& s : set.stations)
        if (s.id == id) return &s;
    return nullptr;
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += x + "\n";
    return s;
}

// GBFS station_information with the given stations.
std::string gbfs(const std::string& stations) {
    return R"({"last_updated": 1760778679, "ttl": 60, "version": "2.3", "data": {"stations": [)" + stations + "]}}";
}

std::string gbfs_station(const std::string& id, double lat, double lon, const std::string& extra = "") {
    char buf[256];
    std::snprintf(buf, sizeof buf, R"({"station_id": "%s", "name": "Station %s", "lat": %.6f, "lon": %.6f, "capacity": 20%s})",
                  id.c_str(), id.c_str(), lat, lon, extra.c_str());
    return buf;
}

std::string point_feature(const std::string& props, double lon, double lat) {
    char buf[128];
    std::snprintf(buf, sizeof buf, R"({"type": "Point", "coordinates": [%.6f, %.6f]})", lon, lat);
    return R"({"type": "Feature", "properties": )" + props + R"(, "geometry": )" + buf + "}";
}

std::string collection(const std::string& features, const std::string& extra = "") {
    return "{\"type\": \"FeatureCollection\"," + extra + " \"features\": [" + features + "]}";
}

}  // namespace

// --- the real Vélib' feed ---------------------------------------------------------------------------------------

TEST_CASE("stations: the real Vélib' station_information of 2025-10-18", "[stations]") {
    const StationSet set = load_gbfs_stations(information);
    CHECK(set.path == information);
    REQUIRE(set.stations.size() == 1495);
    INFO(joined(set.warnings));
    CHECK(set.warnings.empty());

    std::set<std::string> ids, codes;
    long long capacity = 0;
    for (const StationRecord& s : set.stations) {
        ids.insert(s.id);
        codes.insert(s.code);
        REQUIRE(s.capacity);
        capacity += *s.capacity;
        CHECK(s.installed);  // no status file: all taken as installed
        CHECK(s.coord.lat() > 48.7);
        CHECK(s.coord.lat() < 49.0);
        CHECK(s.coord.lon() > 2.1);
        CHECK(s.coord.lon() < 2.6);
    }
    CHECK(ids.size() == 1495);
    CHECK(codes.size() == 1495);
    CHECK(capacity == 47434);

    // The first station of the file.
    const StationRecord& first = set.stations.front();
    CHECK(first.id == "213688169");
    CHECK(first.code == "16107");
    CHECK(first.name == "Benjamin Godard - Victor Hugo");
    CHECK(first.coord == Coord::from_degrees(2.275725, 48.865983));
    CHECK(first.capacity == 35);
    // A station_id beyond 32 bits and a UTF-8 name.
    const StationRecord* mondor = find(set, "19179944124");
    REQUIRE(mondor);
    CHECK(mondor->code == "40001");
    CHECK(mondor->name == "Hôpital Mondor");
    CHECK(mondor->coord == Coord::from_degrees(2.4537451531298, 48.798922410229));
    CHECK(mondor->capacity == 28);
}

TEST_CASE("stations: station_status marks the stations not installed", "[stations]") {
    const StationSet set = load_gbfs_stations(information, status);
    REQUIRE(set.stations.size() == 1495);
    std::size_t not_installed = 0;
    long long capacity = 0;
    for (const StationRecord& s : set.stations)
        if (!s.installed) ++not_installed, capacity += s.capacity.value_or(0);
    CHECK(not_installed == 11);  // python3: is_installed == 0 for 11 entries
    CHECK(capacity == 73);
    const StationRecord* barbusse = find(set, "20431381973");
    REQUIRE(barbusse);
    CHECK_FALSE(barbusse->installed);
    CHECK(barbusse->code == "31203");
    CHECK(barbusse->name == "Henri Barbusse");
    const StationRecord* gare_du_nord = find(set, "653062048");
    REQUIRE(gare_du_nord);
    CHECK_FALSE(gare_du_nord->installed);
    CHECK(find(set, "213688169")->installed);
    // One warning, with the count; the two files have the same ids, so nothing else.
    REQUIRE(set.warnings.size() == 1);
    CHECK_THAT(set.warnings[0], Contains("11 stations of 1495 are not installed") && Contains("installed = false") &&
                                    Contains("20431381973 Henri Barbusse"));
}

TEST_CASE("stations: GBFS 3.0 names, string ids, boolean is_installed, partial status", "[stations]") {
    const TempFile info("v3-info.json", R"({"last_updated": "2025-10-18T09:00:00+02:00", "ttl": 60, "version": "3.0",
      "data": {"stations": [
        {"station_id": "a1", "name": [{"text": "Gare Saint-Lazare", "language": "en"}, {"text": "Gare Saint-Lazare - FR", "language": "fr"}],
         "lat": 48.8763, "lon": 2.3253, "capacity": 30},
        {"station_id": "a2", "name": [{"text": "Opéra", "language": "en"}], "lat": 48.8708, "lon": 2.3317},
        {"station_id": "a3", "lat": 48.8700, "lon": 2.3400, "capacity": "n/a"}]}})");
    const TempFile st("v3-status.json", R"({"last_updated": "2025-10-18T09:00:00+02:00", "ttl": 60, "version": "3.0",
      "data": {"stations": [
        {"station_id": "a1", "is_installed": false, "is_renting": false, "is_returning": false, "num_vehicles_available": 0},
        {"station_id": "a2", "is_installed": true, "is_renting": true, "is_returning": true, "num_vehicles_available": 3},
        {"station_id": "zz", "is_installed": true, "is_renting": true, "is_returning": true, "num_vehicles_available": 1}]}})");
    const StationSet set = load_gbfs_stations(info.path, st.path);
    REQUIRE(set.stations.size() == 3);
    CHECK(set.stations[0].name == "Gare Saint-Lazare - FR");
    CHECK_FALSE(set.stations[0].installed);
    CHECK(set.stations[0].capacity == 30);
    CHECK(set.stations[0].code.empty());
    CHECK(set.stations[1].name == "Opéra");
    CHECK(set.stations[1].installed);
    CHECK_FALSE(set.stations[1].capacity);
    CHECK(set.stations[2].name == "a3");  // no name: its id
    CHECK(set.stations[2].installed);     // absent from the status file
    CHECK_FALSE(set.stations[2].capacity);
    const std::string w = joined(set.warnings);
    CHECK_THAT(w, Contains("1 station of 3 is not installed"));
    CHECK_THAT(w, Contains("no name"));
    CHECK_THAT(w, Contains("capacity that is not a whole number") && Contains("a3"));
    CHECK_THAT(w, Contains("absent from") && Contains("a3"));
    CHECK_THAT(w, Contains("station_id the information file does not have") && Contains("zz"));
}

TEST_CASE("stations: GBFS files published more than a day apart get a warning", "[stations]") {
    const TempFile info("old-info.json", gbfs(gbfs_station("s1", 48.85, 2.35)));  // last_updated 1760778679
    const TempFile st("old-status.json", R"({"last_updated": 1760519479, "ttl": 60, "data": {"stations": [
        {"station_id": "s1", "is_installed": 1, "num_bikes_available": 2}]}})");  // 72 h earlier
    const StationSet set = load_gbfs_stations(info.path, st.path);
    REQUIRE(set.stations.size() == 1);
    CHECK(set.stations[0].installed);
    REQUIRE(set.warnings.size() == 1);
    CHECK_THAT(set.warnings[0], Contains("72 hours apart"));
}

// --- GBFS errors ------------------------------------------------------------------------------------------------

TEST_CASE("stations: GBFS files missing, empty, not JSON", "[stations]") {
    REQUIRE_THROWS_AS(load_gbfs_stations("/nonexistent/station_information.json"), input_error);
    REQUIRE_THROWS_WITH(load_gbfs_stations("/nonexistent/station_information.json"),
                        Contains("/nonexistent/station_information.json") && Contains("not found") &&
                            Contains("fetch-velib.sh"));
    REQUIRE_THROWS_WITH(load_gbfs_stations(information, "/nonexistent/status.json"),
                        Contains("station_status file '/nonexistent/status.json' not found"));
    const TempFile empty("empty.json", "  \n");
    REQUIRE_THROWS_WITH(load_gbfs_stations(empty.path), Contains(empty.path) && Contains("is empty"));
    const TempFile garbage("garbage.json", "{\"data\": {\"stations\": [ {\"station_id\": 1,, }]}}");
    REQUIRE_THROWS_WITH(load_gbfs_stations(garbage.path), Contains("not valid JSON") && Contains("line 1, column"));
    const TempFile html("html.json", "<!DOCTYPE html>\n<html><body>502 Bad Gateway</body></html>");
    REQUIRE_THROWS_WITH(load_gbfs_stations(html.path), Contains("not valid JSON") && Contains("HTML page"));
    const TempFile no_station("nostation.json", gbfs(""));
    REQUIRE_THROWS_WITH(load_gbfs_stations(no_station.path), Contains("has no station"));
    const TempFile array("array.json", "[1, 2]");
    REQUIRE_THROWS_WITH(load_gbfs_stations(array.path), Contains("a JSON array") && Contains("not a GBFS station_information.json"));
}

TEST_CASE("stations: another GBFS file given: which one it looks like and which one to give", "[stations]") {
    // station_status.json given as the information file, and the reverse: the real files.
    REQUIRE_THROWS_WITH(load_gbfs_stations(status),
                        Contains("looks like station_status.json") && Contains("give station_information.json"));
    REQUIRE_THROWS_WITH(load_gbfs_stations(information, information),
                        Contains("looks like station_information.json") && Contains("give station_status.json"));
    // gbfs.json, GBFS 2 (data.<lang>.feeds) and GBFS 3 (data.feeds): the URL of the file to give is quoted.
    const TempFile index2("gbfs2.json", R"({"last_updated": 1760778679, "ttl": 3600, "version": "2.2", "data": {"fr": {"feeds": [
        {"name": "system_information", "url": "https://example.org/gbfs/system_information.json"},
        {"name": "station_information", "url": "https://example.org/gbfs/station_information.json"},
        {"name": "station_status", "url": "https://example.org/gbfs/station_status.json"}]}}})");
    REQUIRE_THROWS_WITH(load_gbfs_stations(index2.path),
                        Contains("feed index gbfs.json") && Contains("give station_information.json") &&
                            Contains("https://example.org/gbfs/station_information.json"));
    REQUIRE_THROWS_WITH(load_gbfs_stations(information, index2.path),
                        Contains("feed index gbfs.json") && Contains("https://example.org/gbfs/station_status.json"));
    const TempFile index3("gbfs3.json", R"({"last_updated": "2025-10-18T09:00:00Z", "ttl": 0, "version": "3.0", "data": {"feeds": [
        {"name": "station_information", "url": "https://example.org/v3/station_information.json"}]}})");
    REQUIRE_THROWS_WITH(load_gbfs_stations(index3.path),
                        Contains("gbfs.json") && Contains("https://example.org/v3/station_information.json"));
    const TempFile bikes("free_bike_status.json", R"({"last_updated": 1, "ttl": 0, "data": {"bikes": []}})");
    REQUIRE_THROWS_WITH(load_gbfs_stations(bikes.path),
                        Contains("looks like the GBFS file free_bike_status.json") && Contains("give station_information.json"));
    const TempFile sysinfo("system_information.json", R"({"last_updated": 1, "ttl": 0, "data": {"system_id": "velib", "name": "Vélib'"}})");
    REQUIRE_THROWS_WITH(load_gbfs_stations(sysinfo.path), Contains("system_information.json"));
    const TempFile geojson("planned.geojson", collection(point_feature(R"({"id": "p1"})", 2.35, 48.85)));
    REQUIRE_THROWS_WITH(load_gbfs_stations(geojson.path), Contains("is GeoJSON") && Contains("--planned"));
    // A status file of another feed: no id in common.
    const TempFile other("other-status.json", R"({"last_updated": 1760778556, "ttl": 60, "data": {"stations": [
        {"station_id": "x1", "is_installed": 1, "num_bikes_available": 2}]}})");
    REQUIRE_THROWS_WITH(load_gbfs_stations(information, other.path),
                        Contains("no station_id in common") && Contains("different feeds"));
}

TEST_CASE("stations: GBFS stations without id or coordinates, out of range, swapped, duplicated", "[stations]") {
    const TempFile no_id("noid.json", gbfs(R"({"name": "X", "lat": 48.85, "lon": 2.35})"));
    REQUIRE_THROWS_WITH(load_gbfs_stations(no_id.path), Contains("station 1 of data.stations has no station_id"));
    const TempFile no_lat("nolat.json", gbfs(gbfs_station("s1", 48.85, 2.35) + R"(, {"station_id": "s2", "name": "B", "lon": 2.35})"));
    REQUIRE_THROWS_WITH(load_gbfs_stations(no_lat.path),
                        Contains(no_lat.path) && Contains("station 's2' (station 2 of data.stations) has no lat/lon"));
    const TempFile out("out.json", gbfs(gbfs_station("s1", 48.85, 2.35) + "," + gbfs_station("s2", 95.2, 2.35)));
    REQUIRE_THROWS_WITH(load_gbfs_stations(out.path), Contains("station 's2'") && Contains("outside [-90, 90]"));
    const TempFile out_lon("outlon.json", gbfs(gbfs_station("s1", 48.85, 182.0)));
    REQUIRE_THROWS_WITH(load_gbfs_stations(out_lon.path), Contains("outside [-180, 180]"));
    const TempFile swapped("swapped.json", gbfs(gbfs_station("s1", 2.3522, 48.8566) + "," + gbfs_station("s2", 2.3795, 48.8722)));
    REQUIRE_THROWS_AS(load_gbfs_stations(swapped.path), input_error);
    REQUIRE_THROWS_WITH(load_gbfs_stations(swapped.path), Contains(swapped.path) && Contains("lat and lon look swapped"));
    const TempFile dup("dup.json", gbfs(gbfs_station("s1", 48.85, 2.35) + "," + gbfs_station("s2", 48.86, 2.36) + "," +
                                        gbfs_station("s1", 48.87, 2.37)));
    REQUIRE_THROWS_WITH(load_gbfs_stations(dup.path),
                        Contains("duplicate station_id 's1'") && Contains("station 1 of data.stations") &&
                            Contains("station 3 of data.stations") && Contains("download it again"));
}

// --- planned stations: GeoJSON ----------------------------------------------------------------------------------

TEST_CASE("stations: planned stations as GeoJSON, fields detected case-insensitively", "[stations]") {
    const TempFile f("planned.geojson",
                     collection(point_feature(R"({"ID": "P1", "Nom": "Belleville - Couronnes", "Capacite": 24})", 2.3795, 48.8691) + "," +
                                point_feature(R"({"ID": 2, "Nom": "Porte de Montreuil", "Capacite": "30"})", 2.4104, 48.8536) + "," +
                                R"({"type": "Feature", "properties": {"ID": "P3", "Nom": "", "Capacite": null},
                                    "geometry": {"type": "MultiPoint", "coordinates": [[2.3980, 48.8514]]}})",
                                R"( "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},)"));
    const StationSet set = load_planned_stations(f.path);
    CHECK(set.path == f.path);
    REQUIRE(set.stations.size() == 3);
    CHECK(set.stations[0].id == "P1");
    CHECK(set.stations[0].name == "Belleville - Couronnes");
    CHECK(set.stations[0].coord == Coord::from_degrees(2.3795, 48.8691));
    CHECK(set.stations[0].capacity == 24);
    CHECK(set.stations[0].installed);
    CHECK(set.stations[0].code.empty());
    CHECK(set.stations[1].id == "2");
    CHECK(set.stations[1].capacity == 30);
    CHECK(set.stations[2].name == "P3");
    CHECK_FALSE(set.stations[2].capacity);
    CHECK(set.stations[2].coord == Coord::from_degrees(2.3980, 48.8514));
    CHECK_THAT(joined(set.warnings), Contains("empty 'Nom'"));

    // station_id / libelle, and the feature "id" member when no property holds one.
    const TempFile g("planned2.json", collection(R"({"type": "Feature", "id": 7, "properties": {"libelle": "Mairie"},
        "geometry": {"type": "Point", "coordinates": [2.3500, 48.8500]}})"));
    const StationSet set2 = load_planned_stations(g.path);
    REQUIRE(set2.stations.size() == 1);
    CHECK(set2.stations[0].id == "7");
    CHECK(set2.stations[0].name == "Mairie");
}

TEST_CASE("stations: planned GeoJSON errors", "[stations]") {
    REQUIRE_THROWS_WITH(load_planned_stations("/nonexistent/planned.geojson"),
                        Contains("planned-stations file '/nonexistent/planned.geojson' not found"));
    const TempFile empty("empty.geojson", "");
    REQUIRE_THROWS_WITH(load_planned_stations(empty.path), Contains(empty.path) && Contains("is empty"));
    const TempFile bad("bad.geojson", "{\"type\": \"FeatureCollection\", \"features\": [");
    REQUIRE_THROWS_WITH(load_planned_stations(bad.path), Contains("not valid JSON") && Contains("line 1"));
    const TempFile csv_named_json("planned.json", "id,name,lat,lon\nP1,A,48.85,2.35\n");
    REQUIRE_THROWS_WITH(load_planned_stations(csv_named_json.path), Contains("not valid JSON") && Contains("looks like CSV"));
    const TempFile no_features("nofeat.geojson", collection(""));
    REQUIRE_THROWS_WITH(load_planned_stations(no_features.path), Contains("has no station"));
    const TempFile feature("feature.geojson", point_feature(R"({"id": "P1"})", 2.35, 48.85));
    REQUIRE_THROWS_WITH(load_planned_stations(feature.path), Contains("a GeoJSON Feature,") && Contains("FeatureCollection"));
    const TempFile gbfs_file("velib.json", gbfs(gbfs_station("s1", 48.85, 2.35)));
    REQUIRE_THROWS_WITH(load_planned_stations(gbfs_file.path), Contains("GBFS file") && Contains("--stations"));
    const TempFile no_id("noid.geojson", collection(point_feature(R"({"nom": "A", "capacite": 3})", 2.35, 48.85)));
    REQUIRE_THROWS_WITH(load_planned_stations(no_id.path),
                        Contains("has no id field") && Contains("properties found: nom, capacite"));
    const TempFile no_geom("nogeom.geojson", collection(R"({"type": "Feature", "properties": {"id": "P1"}, "geometry": null})"));
    REQUIRE_THROWS_WITH(load_planned_stations(no_geom.path), Contains("station 'P1' (feature 1) has no geometry, so no lat/lon"));
    const TempFile no_coords("nocoords.geojson", collection(R"({"type": "Feature", "properties": {"id": "P1"}, "geometry": {"type": "Point", "coordinates": []}})"));
    REQUIRE_THROWS_WITH(load_planned_stations(no_coords.path), Contains("has no lat/lon"));
    const TempFile polygon("polygon.geojson", collection(R"({"type": "Feature", "properties": {"id": "P1"},
        "geometry": {"type": "Polygon", "coordinates": [[[2.35, 48.85], [2.36, 48.85], [2.36, 48.86], [2.35, 48.85]]]}})"));
    REQUIRE_THROWS_WITH(load_planned_stations(polygon.path), Contains("is a Polygon, not a Point") && Contains("ST_Centroid"));
    const TempFile dup("dup.geojson", collection(point_feature(R"({"id": "P1"})", 2.35, 48.85) + "," +
                                                 point_feature(R"({"id": "P2"})", 2.36, 48.86) + "," +
                                                 point_feature(R"({"id": "P1"})", 2.37, 48.87)));
    REQUIRE_THROWS_WITH(load_planned_stations(dup.path), Contains("duplicate id 'P1' at feature 1 and feature 3"));
    // [lat, lon] instead of [lon, lat].
    const TempFile swapped("swapped.geojson", collection(point_feature(R"({"id": "P1"})", 48.8566, 2.3522) + "," +
                                                         point_feature(R"({"id": "P2"})", 48.8722, 2.3795)));
    REQUIRE_THROWS_WITH(load_planned_stations(swapped.path),
                        Contains("lat and lon look swapped") && Contains("[longitude, latitude]"));
    // One swapped station among good ones.
    const TempFile one_swapped("oneswapped.geojson", collection(point_feature(R"({"id": "P1"})", 2.3522, 48.8566) + "," +
                                                                point_feature(R"({"id": "P2"})", 2.3795, 48.8722) + "," +
                                                                point_feature(R"({"id": "P3"})", 48.8600, 2.3600)));
    REQUIRE_THROWS_WITH(load_planned_stations(one_swapped.path),
                        Contains("station 'P3' (feature 3)") && Contains("lat and lon look swapped"));
    const TempFile out("out.geojson", collection(point_feature(R"({"id": "P1"})", 2.35, -91.0)));
    REQUIRE_THROWS_WITH(load_planned_stations(out.path), Contains("station 'P1'") && Contains("outside [-90, 90]"));
    // Metres of a projected CRS that is not Lambert-93 (here CC49, EPSG:3949), with no CRS declared.
    const TempFile cc49("cc49.geojson", collection(point_feature(R"({"id": "P1"})", 1652467.869, 8184256.869)));
    REQUIRE_THROWS_WITH(load_planned_stations(cc49.path),
                        Contains("projected CRS") && Contains("Lambert-93") && Contains(".prj"));
    // A projected CRS declared over coordinates in degrees.
    const TempFile crs("crs.geojson", collection(point_feature(R"({"id": "P1"})", 2.35, 48.85),
                                                 R"( "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}},)"));
    REQUIRE_THROWS_WITH(load_planned_stations(crs.path),
                        Contains("EPSG::2154") && Contains("Lambert-93") && Contains("look like degrees"));
    const TempFile unknown_crs("unknowncrs.geojson", collection(point_feature(R"({"id": "P1"})", 2.35, 48.85),
                                                                R"( "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::999999"}},)"));
    REQUIRE_THROWS_WITH(load_planned_stations(unknown_crs.path), Contains("EPSG::999999") && Contains("PROJ cannot read"));
}

// --- planned stations: CSV --------------------------------------------------------------------------------------

TEST_CASE("stations: planned stations as comma-separated CSV", "[stations]") {
    const TempFile f("planned.csv",
                     "id,name,lat,lon,capacity\r\n"
                     "P1,\"Belleville, rue de\",48.8722,2.3795,24\r\n"
                     "P2,\"Le \"\"Grand\"\" Parquet\",48.8860,2.3700,\r\n"
                     "\r\n"
                     "P3,Porte de la Villette,48.898352,2.386150,27\r\n");
    const StationSet set = load_planned_stations(f.path);
    INFO(joined(set.warnings));
    CHECK(set.warnings.empty());
    REQUIRE(set.stations.size() == 3);
    CHECK(set.stations[0].id == "P1");
    CHECK(set.stations[0].name == "Belleville, rue de");
    CHECK(set.stations[0].coord == Coord::from_degrees(2.3795, 48.8722));
    CHECK(set.stations[0].capacity == 24);
    CHECK(set.stations[1].name == "Le \"Grand\" Parquet");
    CHECK_FALSE(set.stations[1].capacity);
    CHECK(set.stations[2].coord == Coord::from_degrees(2.386150, 48.898352));

    // Column names: station_id, nom, latitude, longitude, in another order and case; no capacity column.
    const TempFile g("planned2.csv", "Longitude,Latitude,Nom,Station_ID\n2.3500,48.8500,Hôtel de Ville,H1\n");
    const StationSet set2 = load_planned_stations(g.path);
    REQUIRE(set2.stations.size() == 1);
    CHECK(set2.stations[0].id == "H1");
    CHECK(set2.stations[0].name == "Hôtel de Ville");
    CHECK(set2.stations[0].coord == Coord::from_degrees(2.35, 48.85));
    CHECK_FALSE(set2.stations[0].capacity);
}

TEST_CASE("stations: planned stations as a French spreadsheet writes them (semicolons, decimal commas)", "[stations]") {
    const std::string csv =
        "Identifiant;Libellé;Latitude;Longitude;Capacité\n"
        "Q1;Cité Michelet;48,8934;2,3739;20\n"
        "Q2;\"Orgues de Flandre; tour\";48,8891;2,3779;\n"
        "Q3;Curial - Archereau;48,8924;2,3768;16;;\n";  // trailing empty fields, as Excel may add
    const TempFile f("planned-fr.csv", "\xEF\xBB\xBF" + csv);  // with Excel's UTF-8 byte-order mark
    const StationSet set = load_planned_stations(f.path);
    INFO(joined(set.warnings));
    CHECK(set.warnings.empty());
    REQUIRE(set.stations.size() == 3);
    CHECK(set.stations[0].id == "Q1");
    CHECK(set.stations[0].name == "Cité Michelet");
    CHECK(set.stations[0].coord == Coord::from_degrees(2.3739, 48.8934));
    CHECK(set.stations[0].capacity == 20);
    CHECK(set.stations[1].name == "Orgues de Flandre; tour");
    CHECK_FALSE(set.stations[1].capacity);
    CHECK(set.stations[2].capacity == 16);

    // The same in Windows-1252, as Excel's plain "CSV (séparateur : point-virgule)" saves it.
    std::string cp1252;
    for (std::size_t i = 0; i < csv.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(csv[i]);
        if (c == 0xC3 && i + 1 < csv.size()) cp1252 += static_cast<char>(static_cast<unsigned char>(csv[++i]) + 0x40);
        else cp1252 += csv[i];
    }
    const TempFile w("planned-cp1252.csv", cp1252);
    const StationSet set2 = load_planned_stations(w.path);
    REQUIRE(set2.stations.size() == 3);
    CHECK(set2.stations[0].name == "Cité Michelet");
    CHECK(set2.stations[0].capacity == 20);  // the "Capacité" column was found
    CHECK_THAT(joined(set2.warnings), Contains("Windows-1252"));
}

TEST_CASE("stations: planned CSV variants: x/y, tab, geo_point_2d, format sniffed", "[stations]") {
    const TempFile xy("xy.csv", "code;libelle;y;x\nR1;Jaurès;48.8826;2.3703\n");
    const StationSet a = load_planned_stations(xy.path);
    REQUIRE(a.stations.size() == 1);
    CHECK(a.stations[0].coord == Coord::from_degrees(2.3703, 48.8826));
    const TempFile tab("tab.tsv", "id\tname\tlat\tlon\nT1\tStalingrad\t48.8843\t2.3687\n");
    CHECK(load_planned_stations(tab.path).stations.at(0).name == "Stalingrad");
    // An opendata.paris.fr export: one "lat, lon" column.
    const TempFile ods("ods.csv", "Identifiant;Nom;geo_point_2d\nO1;République;48.8674, 2.3636\n");
    const StationSet c = load_planned_stations(ods.path);
    REQUIRE(c.stations.size() == 1);
    CHECK(c.stations[0].coord == Coord::from_degrees(2.3636, 48.8674));
    // No name column: named by the id, with a warning.
    const TempFile noname("noname.csv", "id,lat,lon\nN1,48.85,2.35\n");
    const StationSet d = load_planned_stations(noname.path);
    CHECK(d.stations.at(0).name == "N1");
    CHECK_THAT(joined(d.warnings), Contains("no name column"));
    // Format from the content when the extension says nothing.
    const TempFile json_txt("planned-json.txt", collection(point_feature(R"({"id": "J1"})", 2.35, 48.85)));
    CHECK(load_planned_stations(json_txt.path).stations.at(0).id == "J1");
    const TempFile csv_noext("planned-noext", "id,name,lat,lon\nC1,A,48.85,2.35\n");
    CHECK(load_planned_stations(csv_noext.path).stations.at(0).id == "C1");
    // A capacity that is not a whole number: unknown, with a warning.
    const TempFile cap("cap.csv", "id,name,lat,lon,capacity\nK1,A,48.85,2.35,vingt\n");
    const StationSet e = load_planned_stations(cap.path);
    CHECK_FALSE(e.stations.at(0).capacity);
    CHECK_THAT(joined(e.warnings), Contains("K1") && Contains("vingt"));
}

TEST_CASE("stations: planned CSV errors", "[stations]") {
    const TempFile empty("empty.csv", "\n\n");
    REQUIRE_THROWS_WITH(load_planned_stations(empty.path), Contains(empty.path) && Contains("is empty"));
    const TempFile header_only("header.csv", "id,name,lat,lon\n");
    REQUIRE_THROWS_WITH(load_planned_stations(header_only.path), Contains("has no station") && Contains("only the header"));
    const TempFile not_csv("notcsv.csv", "stations planned for 2026\nP1 48.85 2.35\n");
    REQUIRE_THROWS_WITH(load_planned_stations(not_csv.path),
                        Contains("is not a CSV file") && Contains("no ',' ';' or tab separator"));
    // A workbook that is no workbook (a truncated download): GDAL cannot open it.
    const TempFile xlsx("planned.xlsx", std::string("PK\x03\x04\x14\x00\x06\x00", 8) + "[Content_Types].xml");
    REQUIRE_THROWS_WITH(load_planned_stations(xlsx.path),
                        Contains(xlsx.path) && Contains("cannot be read") && Contains("Excel") && Contains("export the stations as CSV"));
    const TempFile utf16("utf16.txt", std::string("\xFF\xFEi\0d\0", 6));
    REQUIRE_THROWS_WITH(load_planned_stations(utf16.path), Contains("UTF-16") && Contains("CSV UTF-8"));
    const TempFile separators("separators.csv", ";;;\n;;;\n");
    REQUIRE_THROWS_WITH(load_planned_stations(separators.path), Contains("has no header and no station"));
    const TempFile no_lat("nolat.csv", "id,name,lon\nP1,A,2.35\n");
    REQUIRE_THROWS_AS(load_planned_stations(no_lat.path), input_error);
    REQUIRE_THROWS_WITH(load_planned_stations(no_lat.path),
                        Contains(no_lat.path) && Contains("has no lat (lat|latitude|y) column") &&
                            Contains("columns found (','-separated): 'id', 'name', 'lon'"));
    const TempFile no_id("noid.csv", "nom;latitude;longitude\nA;48,85;2,35\n");
    REQUIRE_THROWS_WITH(load_planned_stations(no_id.path),
                        Contains("has no id (id|station_id|code|identifiant) column") &&
                            Contains("'nom', 'latitude', 'longitude'"));
    const TempFile dup("dup.csv", "id,name,lat,lon\nP1,A,48.85,2.35\nP2,B,48.86,2.36\n\nP1,C,48.87,2.37\n");
    REQUIRE_THROWS_WITH(load_planned_stations(dup.path), Contains("duplicate id 'P1' at line 2 and line 5"));
    const TempFile no_coord("nocoord.csv", "id,name,lat,lon\nP1,A,48.85,2.35\nP2,B,,2.36\n");
    REQUIRE_THROWS_WITH(load_planned_stations(no_coord.path), Contains("station 'P2' (line 3) has no lat/lon"));
    const TempFile nan("nan.csv", "id,name,lat,lon\nP1,A,48°51'N,2.35\n");
    REQUIRE_THROWS_WITH(load_planned_stations(nan.path), Contains("station 'P1' (line 2)") && Contains("is not a number"));
    const TempFile swapped("swapped.csv", "id;name;lat;lon\nP1;A;2,3522;48,8566\nP2;B;2,3795;48,8722\n");
    REQUIRE_THROWS_WITH(load_planned_stations(swapped.path),
                        Contains(swapped.path) && Contains("lat and lon look swapped") && Contains("exchange the lat and lon"));
    const TempFile out("out.csv", "id,name,lat,lon\nP1,A,48.85,2.35\nP2,B,148.85,2.35\n");
    REQUIRE_THROWS_WITH(load_planned_stations(out.path),
                        Contains("station 'P2' (line 3)") && Contains("outside [-90, 90]") && Contains("look swapped"));
    // Metres, but one station outside Lambert-93's range: not read as Lambert-93.
    const TempFile lambert("lambert.csv", "id;name;x;y\nL1;A;652000;6862000\nL2;B;1652467;8184256\n");
    REQUIRE_THROWS_WITH(load_planned_stations(lambert.path),
                        Contains("station 'L1' (line 2)") && Contains("projected CRS") && Contains("Lambert-93"));
    const TempFile decimal_comma("deccomma.csv", "id,name,lat,lon\nP1,A,48,85,2,35\n");
    REQUIRE_THROWS_WITH(load_planned_stations(decimal_comma.path),
                        Contains("line 2 has 6 fields but the header has 4") && Contains("decimal comma"));
    const TempFile unclosed("unclosed.csv", "id,name,lat,lon\nP1,\"A,48.85,2.35\nP2,B,48.86,2.36\n");
    REQUIRE_THROWS_WITH(load_planned_stations(unclosed.path), Contains("line 2") && Contains("never closed"));
    // Line numbers whatever the line ends: LF, CRLF, a lone CR, and a quoted line break.
    const TempFile cr("cr.csv", "id,name,lat,lon\rP1,A,48.85,2.35\r\rP2,B,,2.36\r");
    REQUIRE_THROWS_WITH(load_planned_stations(cr.path), Contains("station 'P2' (line 4) has no lat/lon"));
    const TempFile crlf("crlf.csv", "id,name,lat,lon\r\nP1,\"A\r\nB\",48.85,2.35\r\nP2,B,,2.36\r\n");
    REQUIRE_THROWS_WITH(load_planned_stations(crlf.path), Contains("station 'P2' (line 4) has no lat/lon"));
    const TempFile no_id_value("noidvalue.csv", "id,name,lat,lon\n,A,48.85,2.35\n");
    REQUIRE_THROWS_WITH(load_planned_stations(no_id_value.path), Contains("line 2 has no id"));
}

// --- planned stations: spreadsheets, GIS files, other coordinate reference systems ---------------------------------
//
// The spreadsheets and GIS files are made here with GDAL's ogr2ogr (gdal-bin) from a CSV, as a planner's tool would
// export them. Reference coordinates computed independently with PROJ's command line tool:
//   printf '48.8566 2.3522\n48.8722 2.3795\n' | cs2cs EPSG:4326 EPSG:2154 -f %.3f   (Lambert-93)
//     652469.023 6862035.259 / 654485.692 6863753.773
//   printf '48.8566 2.3522\n' | cs2cs EPSG:4326 EPSG:3949 -f %.3f                     (CC49)
//     1652467.869 8184256.869

namespace {

/// Runs a command of gdal-bin; the test fails when it does.
void run(const std::string& command) {
    INFO(command);
    REQUIRE(std::system((command + " 2>&1").c_str()) == 0);
}

/// A file made by a command, removed at the end of the test (with the side files a format writes).
struct MadeFile {
    std::string path;
    explicit MadeFile(const std::string& name)
        : path("/tmp/maillon-test-stations-" + std::to_string(::getpid()) + "-" + name) {
        std::remove(path.c_str());
    }
    ~MadeFile() {
        std::remove(path.c_str());
        const std::string stem = path.substr(0, path.rfind('.'));
        for (const char* ext : {".shx", ".dbf", ".prj", ".cpg"}) std::remove((stem + ext).c_str());
    }
};

bool near_degrees(Coord c, double lon, double lat) {
    return std::abs(c.lon() - lon) < 2e-7 && std::abs(c.lat() - lat) < 2e-7;
}

}  // namespace

TEST_CASE("stations: planned stations from an XLSX and an ODS sheet", "[stations]") {
    // Typed cells (numbers as numbers), as a spreadsheet holds them.
    const TempFile csv("sheet.csv",
                       "id,nom,latitude,longitude,capacite\n"
                       "P1,Belleville,48.8722,2.3795,24\n"
                       "P2,\"Cité, Michelet\",48.8934,2.3739,\n"
                       "P3,Jaurès,48.8826,2.3703,16\n");
    for (const char* format : {"XLSX", "ODS"}) {
        INFO(format);
        const MadeFile sheet(std::string("sheet.") + (std::string(format) == "XLSX" ? "xlsx" : "ods"));
        run(std::string("ogr2ogr -f ") + format + " -oo AUTODETECT_TYPE=YES " + sheet.path + " " + csv.path);
        const StationSet set = load_planned_stations(sheet.path);
        INFO(joined(set.warnings));
        CHECK(set.warnings.empty());
        REQUIRE(set.stations.size() == 3);
        CHECK(set.stations[0].id == "P1");
        CHECK(set.stations[0].name == "Belleville");
        CHECK(set.stations[0].coord == Coord::from_degrees(2.3795, 48.8722));
        CHECK(set.stations[0].capacity == 24);
        CHECK(set.stations[1].name == "Cité, Michelet");
        CHECK_FALSE(set.stations[1].capacity);
        CHECK(set.stations[2].capacity == 16);
    }
    // Errors name the sheet's row, as the spreadsheet numbers it.
    const TempFile dup("dup.csv", "id,name,lat,lon\nP1,A,48.85,2.35\nP2,B,48.86,2.36\nP1,C,48.87,2.37\n");
    const MadeFile sheet("dup.xlsx");
    run("ogr2ogr -f XLSX " + sheet.path + " " + dup.path);
    REQUIRE_THROWS_WITH(load_planned_stations(sheet.path), Contains("duplicate id 'P1' at row 2 and row 4"));
    const TempFile nolat("nolat.csv", "id,name,lon\nP1,A,2.35\n");
    const MadeFile nolat_sheet("nolat.ods");
    run("ogr2ogr -f ODS " + nolat_sheet.path + " " + nolat.path);
    REQUIRE_THROWS_WITH(load_planned_stations(nolat_sheet.path),
                        Contains("has no lat (lat|latitude|y) column") && Contains("-nolat'): 'id', 'name', 'lon'"));
}

TEST_CASE("stations: planned stations in Lambert-93 (GeoPackage, shapefile, CSV) reprojected by PROJ", "[stations]") {
    const TempFile csv("l93.csv",
                       "id;name;x;y\n"
                       "L1;Hôtel de Ville;652469.023;6862035.259\n"
                       "L2;Belleville;654485.692;6863753.773\n");
    const auto check = [](const StationSet& set) {
        REQUIRE(set.stations.size() == 2);
        CHECK(set.stations[0].id == "L1");
        CHECK(set.stations[0].name == "Hôtel de Ville");
        CHECK(near_degrees(set.stations[0].coord, 2.3522, 48.8566));
        CHECK(near_degrees(set.stations[1].coord, 2.3795, 48.8722));
    };
    SECTION("a GeoPackage and a shapefile declare their CRS: reprojected without a warning") {
        for (const char* ext : {"gpkg", "shp"}) {
            INFO(ext);
            const MadeFile gis(std::string("l93.") + ext);
            run(std::string("ogr2ogr -f \"") + (std::string(ext) == "gpkg" ? "GPKG" : "ESRI Shapefile") + "\" -a_srs EPSG:2154 " +
                "-oo X_POSSIBLE_NAMES=x -oo Y_POSSIBLE_NAMES=y " + gis.path + " " + csv.path);
            const StationSet set = load_planned_stations(gis.path);
            INFO(joined(set.warnings));
            CHECK(set.warnings.empty());
            check(set);
        }
    }
    SECTION("a CSV declares no CRS: metres in Lambert-93's range are read as Lambert-93, with a warning") {
        const StationSet set = load_planned_stations(csv.path);
        check(set);
        REQUIRE(set.warnings.size() == 1);
        CHECK_THAT(set.warnings[0], Contains("read as Lambert-93 (EPSG:2154)") && Contains(".prj"));
    }
    SECTION("a .prj file beside a CSV declares its CRS: CC49") {
        const TempFile cc49("cc49.csv", "id;name;x;y\nC1;Hôtel de Ville;1652467.869;8184256.869\n");
        const std::string prj = cc49.path.substr(0, cc49.path.rfind('.')) + ".prj";
        run("gdalsrsinfo -o wkt1 EPSG:3949 > " + prj);
        const StationSet set = load_planned_stations(cc49.path);
        std::remove(prj.c_str());
        INFO(joined(set.warnings));
        CHECK(set.warnings.empty());
        REQUIRE(set.stations.size() == 1);
        CHECK(near_degrees(set.stations[0].coord, 2.3522, 48.8566));
    }
    SECTION("a GeoJSON file with an old-style 'crs' member") {
        const TempFile g("l93.geojson",
                         collection(point_feature(R"({"id": "L1"})", 652469.023, 6862035.259),
                                    R"( "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}},)"));
        const StationSet set = load_planned_stations(g.path);
        REQUIRE(set.stations.size() == 1);
        CHECK(near_degrees(set.stations[0].coord, 2.3522, 48.8566));
        CHECK(set.warnings.size() == 1);  // no name field
    }
}
