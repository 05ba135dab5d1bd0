// The QPV importer and the GEOS layer under it, on the real Île-de-France layers (2024 simplified, 2015
// official with its two invalid polygons) and on small broken files, one per error a planner can meet.
//
// Reference figures were computed independently with GDAL 3.6 (ogrinfo -dialect sqlite / python3-gdal):
//   ST_Contains(geometry, MakePoint(2.3795, 48.8722)) in qpv2024-idf-simplified -> QN07519M Grand Belleville
//   ST_Area(ST_Transform(geometry, 2154)):  QN07519M 193416.4 m², QN07501M 139873.0 m²
//   ST_Area(ST_Transform(MakeValid(geometry), 2154)): QP075019 622303.4 m², QP078019 371902.2 m²
//   ellipsoidal ST_Area(geometry, 1): QN07519M 193455.6 m²; ST_Area(MakeValid(geometry), 1): QP075019 622434.2 m²
//   not ST_IsValid(geometry) in qpv2015-idf: QP075019 (Self-intersection [2.41287226592161 48.8611014105199]),
//                                             QP078019 (Self-intersection [2.01211864036897 48.9195361634421])

#include "maillon/errors.hpp"
#include "maillon/geos.hpp"
#include "maillon/importers/qpv.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

using maillon::GeosContext;
using maillon::load_qpv;
using maillon::QpvLayer;
using Catch::Matchers::Contains;

namespace {

const std::string data_dir = MAILLON_TEST_DATA;
const std::string qpv2024 = data_dir + "/qpv2024-idf-simplified.geojson";
const std::string qpv2015 = data_dir + "/qpv2015-idf.geojson";

// A temporary file removed at the end of the test.
struct TempFile {
    std::string path;
    TempFile(const std::string& name, const std::string& content)
        : path("/tmp/maillon-test-qpv-" + std::to_string(::getpid()) + "-" + name) {
        std::ofstream out(path, std::ios::binary);
        out << content;
    }
    ~TempFile() { std::remove(path.c_str()); }
};

std::string collection(const std::string& features, const std::string& extra = "") {
    return "{\"type\": \"FeatureCollection\"," + extra + " \"features\": [" + features + "]}";
}

// A small square QPV near Belleville (about 110 m × 110 m).
std::string square_feature(const std::string& props, double lon = 2.3790, double lat = 48.8720, double d = 0.0015) {
    char geom[512];
    std::snprintf(geom, sizeof geom,
                  "{\"type\": \"Polygon\", \"coordinates\": [[[%.7f, %.7f], [%.7f, %.7f], [%.7f, %.7f], [%.7f, %.7f], [%.7f, %.7f]]]}",
                  lon, lat, lon + d, lat, lon + d, lat + d, lon, lat + d, lon, lat);
    return "{\"type\": \"Feature\", \"properties\": " + props + ", \"geometry\": " + geom + "}";
}

std::string joined(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += x + "\n";
    return s;
}

}  // namespace

// --- GEOS layer -------------------------------------------------------------------------------------------

TEST_CASE("geos: polygons from rings, validity, repair, area, contains", "[geos]") {
    GeosContext ctx;
    // A 0.01° × 0.01° square at 48.85° N: 733.9 m × 1111.6 m on the WGS84 ellipsoid.
    const maillon::PolygonRings square{{{2.0, 48.85}, {2.01, 48.85}, {2.01, 48.86}, {2.0, 48.86}, {2.0, 48.85}}};
    maillon::GeomPtr g = maillon::make_polygon(ctx, square);
    CHECK(maillon::is_valid(ctx, g.get()));
    CHECK(maillon::valid_reason(ctx, g.get()) == "Valid Geometry");
    CHECK_FALSE(maillon::invalidity(ctx, g.get()));
    CHECK(maillon::to_wkt(ctx, g.get()) == "POLYGON ((2 48.85, 2.01 48.85, 2.01 48.86, 2 48.86, 2 48.85))");
    const maillon::BBox b = maillon::envelope(ctx, g.get());
    CHECK(b.min_lon == 2.0);
    CHECK(b.max_lat == 48.86);
    // Ellipsoidal area of that cell (PROJ/GeographicLib, ST_Area(geom, 1)): 815 803 m² to 0.01 %.
    CHECK(maillon::area_m2(ctx, g.get()) == Approx(815803.0).epsilon(0.001));
    maillon::PreparedPtr p = maillon::prepare(ctx, g.get());
    CHECK(maillon::contains_point(ctx, p.get(), 2.005, 48.855));
    CHECK_FALSE(maillon::contains_point(ctx, p.get(), 2.02, 48.855));
    CHECK_FALSE(maillon::contains_point(ctx, p.get(), 2.0, 48.855));  // on the boundary

    // A bow tie: invalid, repaired into two triangles.
    maillon::GeomPtr bow = maillon::geom_from_wkt(ctx, "POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))");
    CHECK_FALSE(maillon::is_valid(ctx, bow.get()));
    CHECK_THAT(maillon::valid_reason(ctx, bow.get()), Contains("Self-intersection"));
    const auto why = maillon::invalidity(ctx, bow.get());
    REQUIRE(why);
    CHECK(why->reason == "Self-intersection");
    REQUIRE(why->location);
    CHECK(why->location->lon == Approx(0.5));
    maillon::GeomPtr fixed = maillon::polygonal_part(ctx, maillon::make_valid(ctx, bow.get()).get());
    CHECK(maillon::is_valid(ctx, fixed.get()));
    CHECK(GEOSGetNumGeometries_r(ctx.handle(), fixed.get()) == 2);

    CHECK_THROWS_AS(maillon::geom_from_wkt(ctx, "POLYGON ((0 0, 1"), maillon::geos_error);
    CHECK_THROWS_AS(maillon::make_polygon(ctx, {{{0, 0}, {1, 0}, {0, 0}}}), maillon::argument_error);
    CHECK_THROWS_AS(maillon::sample_points(ctx, g.get(), p.get(), 0.0), maillon::argument_error);
}

TEST_CASE("geos: uniform sample inside a polygon", "[geos]") {
    GeosContext ctx;
    // An L shape, ~1 km across, with a hole.
    maillon::GeomPtr g = maillon::geom_from_wkt(
        ctx, "POLYGON ((2.30 48.80, 2.3136 48.80, 2.3136 48.8045, 2.3068 48.8045, 2.3068 48.809, 2.30 48.809, 2.30 48.80),"
             " (2.301 48.801, 2.303 48.801, 2.303 48.802, 2.301 48.802, 2.301 48.801))");
    REQUIRE(maillon::is_valid(ctx, g.get()));
    maillon::PreparedPtr p = maillon::prepare(ctx, g.get());
    const double area = maillon::area_m2(ctx, g.get());
    for (double s : {20.0, 50.0}) {
        const auto pts = maillon::sample_points(ctx, g.get(), p.get(), s);
        CHECK(static_cast<double>(pts.size()) == Approx(area / (s * s)).epsilon(0.03));
        for (const auto& q : pts) REQUIRE(maillon::contains_point(ctx, p.get(), q.lon, q.lat));
        // Deterministic.
        const auto again = maillon::sample_points(ctx, g.get(), p.get(), s);
        REQUIRE(again.size() == pts.size());
        CHECK(again.front().lon == pts.front().lon);
        CHECK(again.back().lat == pts.back().lat);
    }
    // Smaller than the spacing: one point, inside.
    maillon::GeomPtr tiny = maillon::geom_from_wkt(ctx, "POLYGON ((2.3 48.8, 2.3001 48.8, 2.3 48.8001, 2.3 48.8))");
    maillon::PreparedPtr tp = maillon::prepare(ctx, tiny.get());
    const auto one = maillon::sample_points(ctx, tiny.get(), tp.get(), 500.0);
    REQUIRE(one.size() == 1);
    CHECK(maillon::contains_point(ctx, tp.get(), one[0].lon, one[0].lat));
}

// --- real layers ------------------------------------------------------------------------------------------

TEST_CASE("qpv: the 2024 simplified Île-de-France layer", "[qpv][real]") {
    const QpvLayer layer = load_qpv(qpv2024);
    REQUIRE(layer.size() == 298);
    CHECK(layer.fields.code == "code");
    CHECK(layer.fields.name == "nom");
    CHECK(layer.fields.commune == "commune");
    CHECK(layer.fields.population.empty());
    // Published valid: no repair.
    for (const auto& q : layer.qpv) {
        CHECK(q.warnings.empty());
        CHECK(maillon::is_valid(layer.geos(), q.geometry.get()));
        CHECK(q.area_m2 > 0);
        CHECK_FALSE(q.population);
    }

    // Belleville, Paris 20e (ogrinfo: ST_Contains -> QN07519M).
    const long k = layer.find(2.3795, 48.8722);
    REQUIRE(k >= 0);
    CHECK(layer[k].code == "QN07519M");
    CHECK(layer[k].name == "Grand Belleville");
    CHECK(layer[k].commune == "Paris");
    CHECK(layer.find_code("QN07519M") == k);
    // Notre-Dame is in no QPV.
    CHECK(layer.find(2.3499, 48.8530) == -1);
    CHECK(layer.find(200.0, 48.0) == -1);

    // Area against ogrinfo ST_Area(ST_Transform(geometry, 2154)), within 1 % (in fact ~0.03 %: Lambert-93's
    // own scale error in Paris).
    CHECK(layer[k].area_m2 == Approx(193416.4).epsilon(0.01));
    CHECK(layer[k].area_m2 == Approx(193455.6).epsilon(0.001));  // ellipsoidal, ST_Area(geometry, 1)
    const long bedier = layer.find_code("QN07501M");
    REQUIRE(bedier >= 0);
    CHECK(layer[bedier].area_m2 == Approx(139873.0).epsilon(0.01));

    // Every QPV's point on surface is found in it (or in an overlapping QPV that contains it too).
    for (std::size_t i = 0; i < layer.size(); ++i) {
        const auto p = maillon::point_on_surface(layer.geos(), layer[i].geometry.get());
        const long f = layer.find(p.lon, p.lat);
        REQUIRE(f >= 0);
        if (static_cast<std::size_t>(f) != i) {
            CHECK(f < static_cast<long>(i));
            CHECK(maillon::contains_point(layer.geos(), layer[f].prepared.get(), p.lon, p.lat));
        }
    }

    // Uniform sample of Grand Belleville every 25 m: all inside, about area / 625 points.
    const auto& belleville = layer[k];
    const auto pts = maillon::sample_points(layer.geos(), belleville.geometry.get(), belleville.prepared.get(), 25.0);
    CHECK(static_cast<double>(pts.size()) == Approx(belleville.area_m2 / 625.0).epsilon(0.05));
    for (const auto& p : pts) REQUIRE(layer.find(p.lon, p.lat) == k);
}

TEST_CASE("qpv: the 2015 official layer, its two invalid polygons repaired and reported", "[qpv][real]") {
    const QpvLayer layer = load_qpv(qpv2015);
    REQUIRE(layer.size() == 272);
    CHECK(layer.fields.code == "CODE_QP");
    CHECK(layer.fields.name == "NOM_QP");
    CHECK(layer.fields.commune == "COMMUNE_QP");

    std::vector<std::string> repaired;
    for (const auto& q : layer.qpv) {
        CHECK(maillon::is_valid(layer.geos(), q.geometry.get()));
        if (!q.warnings.empty()) repaired.push_back(q.code);
    }
    CHECK(repaired == std::vector<std::string>{"QP075019", "QP078019"});

    const long vingtieme = layer.find_code("QP075019");
    REQUIRE(vingtieme >= 0);
    const auto& v = layer[vingtieme];
    CHECK(v.name == "Les Portes Du Vingtième");
    CHECK(v.commune == "Paris 20ème arrondissement");
    REQUIRE(v.warnings.size() == 1);
    CHECK_THAT(v.warnings[0], Contains("QPV QP075019 (Les Portes Du Vingtième): self-intersection at 2.4128723 48.8611014 repaired"));
    CHECK(v.area_m2 == Approx(622303.4).epsilon(0.01));
    CHECK(v.area_m2 == Approx(622434.2).epsilon(0.001));  // ellipsoidal, ST_Area(MakeValid(geometry), 1)

    const long poissy = layer.find_code("QP078019");
    REQUIRE(poissy >= 0);
    REQUIRE(layer[poissy].warnings.size() == 1);
    CHECK_THAT(layer[poissy].warnings[0], Contains("QPV QP078019 (Beauregard): self-intersection at 2.0121186 48.9195362 repaired"));
    CHECK(layer[poissy].area_m2 == Approx(371902.2).epsilon(0.01));
    CHECK_THAT(joined(layer.all_warnings()), Contains("QP078019"));

    // Around each self-intersection, the repaired polygon contains what GDAL's MakeValid (python3-gdal,
    // Geometry.MakeValid().Contains) says: 11 × 11 points 0.0001° apart, north row first.
    struct Grid {
        long index;
        double lon0, lat0;
        std::vector<std::string> rows;
    };
    const Grid grids[] = {
        {vingtieme, 2.4128723, 48.8611014,
         {".....######", ".....######", ".....######", ".....######", ".....######", ".........##", "...........",
          "...........", "...........", "...........", "..........."}},
        {poissy, 2.0121186, 48.9195362,
         {"...........", "...........", "...........", ".........##", ".......####", "......#####", "........###",
          ".........##", "...........", "...........", "..........."}},
    };
    for (const Grid& g : grids) {
        for (int r = 0; r < 11; ++r) {
            const int j = 5 - r;
            for (int i = -5; i <= 5; ++i) {
                const double lon = std::round((g.lon0 + i * 0.0001) * 1e7) / 1e7;
                const double lat = std::round((g.lat0 + j * 0.0001) * 1e7) / 1e7;
                INFO(layer[g.index].code << " at " << lon << " " << lat);
                CHECK(maillon::contains_point(layer.geos(), layer[g.index].prepared.get(), lon, lat) ==
                      (g.rows[r][i + 5] == '#'));
            }
        }
    }
    // Belleville is in QP075020 in the 2015 generation (ogrinfo ST_Contains).
    const long b = layer.find(2.3795, 48.8722);
    REQUIRE(b >= 0);
    CHECK(layer[b].code == "QP075020");
}

TEST_CASE("qpv: layers move and reassign with their GEOS context", "[qpv]") {
    QpvLayer a = load_qpv(qpv2015);
    QpvLayer b = std::move(a);
    CHECK(b[b.find(2.3795, 48.8722)].code == "QP075020");
    b = load_qpv(qpv2024);  // the 2015 geometries are freed before their context
    REQUIRE(b.size() == 298);
    CHECK(b[b.find(2.3795, 48.8722)].code == "QN07519M");
}

// --- fields ---------------------------------------------------------------------------------------------

TEST_CASE("qpv: field detection, overrides and population values", "[qpv]") {
    SECTION("ANCT 2024 names, any case, population as a number or a numeric string") {
        const TempFile f("anct2024.geojson",
                         collection(square_feature(R"({"Code_QP": "QN07519M", "LIB_QP": "Grand Belleville", "insee_com": "75120",
                                                       "lib_com": "Paris", "pop_2020": "12 345"})") +
                                    "," +
                                    square_feature(R"({"Code_QP": "QN09301M", "LIB_QP": "X", "insee_com": "93001",
                                                       "lib_com": "Aubervilliers", "pop_2020": 4321.0})",
                                                   2.39, 48.91) +
                                    "," +
                                    square_feature(R"({"Code_QP": "QN09302M", "LIB_QP": "Y", "insee_com": "93001",
                                                       "lib_com": "Aubervilliers", "pop_2020": "s"})",
                                                   2.40, 48.91)));
        const QpvLayer layer = load_qpv(f.path);
        REQUIRE(layer.size() == 3);
        CHECK(layer.fields.code == "Code_QP");
        CHECK(layer.fields.name == "LIB_QP");
        CHECK(layer.fields.commune == "lib_com");
        CHECK(layer.fields.population == "pop_2020");
        CHECK(layer[0].code == "QN07519M");
        CHECK(layer[0].commune == "Paris");
        REQUIRE(layer[0].population);
        CHECK(*layer[0].population == 12345.0);
        REQUIRE(layer[1].population);
        CHECK(*layer[1].population == 4321.0);
        CHECK_FALSE(layer[2].population);
        CHECK_THAT(joined(layer[2].warnings), Contains("population 's' is not a number"));
        CHECK(layer.find(2.3797, 48.8727) == 0);
        CHECK(layer[0].area_m2 == Approx(110.0 * 167.0).epsilon(0.02));
    }
    SECTION("overrides name the fields; a named field that is absent is a usage error") {
        const TempFile f("custom.geojson", collection(square_feature(R"({"id_quartier": "QN07519M", "libelle_long": "Belleville",
                                                                          "habitants_2021": "7 000"})")));
        maillon::QpvFieldNames names;
        names.code = "ID_QUARTIER";  // case-insensitive
        names.name = "libelle_long";
        names.population = "habitants_2021";
        const QpvLayer layer = load_qpv(f.path, names);
        REQUIRE(layer.size() == 1);
        CHECK(layer[0].code == "QN07519M");
        CHECK(layer[0].name == "Belleville");
        REQUIRE(layer[0].population);
        CHECK(*layer[0].population == 7000.0);
        names.commune = "commune_nom";
        CHECK_THROWS_AS(load_qpv(f.path, names), maillon::argument_error);
        CHECK_THROWS_WITH(load_qpv(f.path, names), Contains("no field 'commune_nom'") && Contains("id_quartier, libelle_long"));
    }
    SECTION("features sharing a code are merged; unclosed rings closed") {
        const TempFile f("dup.geojson",
                         collection(square_feature(R"({"code": "QN1", "nom": "A", "pop": 100})") + "," +
                                    square_feature(R"({"code": "QN1", "nom": "A", "pop": 100})", 2.3800, 48.8720) + "," +
                                    R"({"type": "Feature", "properties": {"code": "QN2"}, "geometry": {"type": "Polygon",
                                        "coordinates": [[[2.5, 48.9], [2.51, 48.9], [2.51, 48.91]]]}})"));
        const QpvLayer layer = load_qpv(f.path);
        REQUIRE(layer.size() == 2);
        CHECK(layer[0].code == "QN1");
        CHECK(*layer[0].population == 100.0);
        CHECK(layer.find(2.3805, 48.8725) == 0);
        CHECK(layer.find(2.3795, 48.8725) == 0);
        CHECK_THAT(joined(layer.warnings), Contains("QN1 (A) appears in 2 features (1, 2): merged"));
        CHECK_THAT(joined(layer[1].warnings), Contains("not closed"));
        CHECK(layer.find(2.509, 48.901) == 1);
    }
}

// --- errors ---------------------------------------------------------------------------------------------

TEST_CASE("qpv: errors name the file, the problem and the fix", "[qpv][errors]") {
    SECTION("missing file") {
        const std::string path = "/tmp/maillon-test-qpv-absent.geojson";
        CHECK_THROWS_AS(load_qpv(path), maillon::input_error);
        CHECK_THROWS_WITH(load_qpv(path), Contains(path) && Contains("not found") && Contains("fetch-qpv.sh"));
    }
    SECTION("not JSON: the parser's line and column") {
        const TempFile f("broken.geojson", "{\n  \"type\": \"FeatureCollection\",\n  \"features\": [ { \"type\": Feature } ]\n}\n");
        CHECK_THROWS_AS(load_qpv(f.path), maillon::input_error);
        CHECK_THROWS_WITH(load_qpv(f.path), Contains(f.path) && Contains("not valid JSON") && Contains("line 3, column"));
    }
    SECTION("a shapefile given instead of GeoJSON") {
        const std::string shp = data_dir + "/qpv2015-lambert93-sample/qpv2015-094-sample-lb93.shp";
        CHECK_THROWS_WITH(load_qpv(shp), Contains("not valid JSON") && Contains("ESRI shapefile") && Contains("convert-qpv.sh"));
    }
    SECTION("JSON but not a FeatureCollection") {
        const TempFile f("array.geojson", "[1, 2, 3]");
        CHECK_THROWS_AS(load_qpv(f.path), maillon::input_error);
        CHECK_THROWS_WITH(load_qpv(f.path), Contains(f.path) && Contains("not a GeoJSON FeatureCollection"));
        const TempFile g("feature.geojson", square_feature(R"({"code": "QN1"})"));
        CHECK_THROWS_WITH(load_qpv(g.path), Contains("is a GeoJSON Feature, not a GeoJSON FeatureCollection"));
    }
    SECTION("a FeatureCollection without polygons") {
        const TempFile f("points.geojson",
                         collection(R"({"type": "Feature", "properties": {"code": "QN07519M"}, "geometry": {"type": "Point", "coordinates": [2.38, 48.87]}},
                                       {"type": "Feature", "properties": {"code": "QN07520M"}, "geometry": {"type": "Point", "coordinates": [2.39, 48.87]}})"));
        CHECK_THROWS_AS(load_qpv(f.path), maillon::input_error);
        CHECK_THROWS_WITH(load_qpv(f.path), Contains(f.path) && Contains("no Polygon or MultiPolygon feature") && Contains("2 Point"));
        const TempFile e("empty.geojson", collection(""));
        CHECK_THROWS_WITH(load_qpv(e.path), Contains("no Polygon or MultiPolygon feature") && Contains("empty"));
    }
    SECTION("a crs member naming another CRS") {
        const TempFile f("crs3857.geojson",
                         collection(square_feature(R"({"code": "QN1"})"),
                                    R"( "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}},)"));
        CHECK_THROWS_AS(load_qpv(f.path), maillon::input_error);
        CHECK_THROWS_WITH(load_qpv(f.path), Contains(f.path) && Contains("urn:ogc:def:crs:EPSG::3857") &&
                                                Contains("looks like Lambert-93 (EPSG:2154) or another projected CRS") &&
                                                Contains("ogr2ogr -f GeoJSON -t_srs EPSG:4326 OUT.geojson IN") &&
                                                Contains("data-scripts/convert-qpv.sh"));
        // WGS84 spelled in the usual ways is accepted.
        for (const char* ok : {"urn:ogc:def:crs:OGC:1.3:CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326",
                               "http://www.opengis.net/def/crs/EPSG/0/4326"}) {
            const TempFile w("crs-ok.geojson", collection(square_feature(R"({"code": "QN1"})"),
                                                          std::string(R"( "crs": {"type": "name", "properties": {"name": ")") + ok + "\"}},"));
            CHECK(load_qpv(w.path).size() == 1);
        }
    }
    SECTION("Lambert-93 as ogr2ogr writes it from the 2015 shapefile (no -t_srs)") {
        // ogr2ogr -f GeoJSON out.geojson qpv2015-094-sample-lb93.shp -where "CODE_QP='QP094017'"
        const std::string lb93 = R"({
"type": "FeatureCollection",
"name": "qpv2015-094-sample-lb93",
"crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:IGNF::LAMB93" } },
"features": [
{ "type": "Feature", "properties": { "CODE_QP": "QP094017", "NOM_QP": "Jardins Parisiens", "COMMUNE_QP": "L'Haÿ-les-Roses" }, "geometry": { "type": "Polygon", "coordinates": [ [ [ 652192.457999999984168, 6853297.307399999350309 ], [ 652139.898599999956787, 6853165.437599999830127 ], [ 652136.126399999950081, 6853160.4972 ], [ 652137.9168, 6853155.558600000105798 ], [ 652136.486399999936111, 6853152.714599999599159 ], [ 652158.4608, 6853134.0894 ], [ 652127.264399999985471, 6853090.612799999304116 ], [ 652096.077599999960512, 6853048.3152 ], [ 652119.5514, 6853030.940399999730289 ], [ 652064.199599999934435, 6852960.10080000013113 ], [ 652048.600800000014715, 6852968.399399999529123 ], [ 652034.000400000018999, 6852974.100599999539554 ], [ 651971.729399999952875, 6852988.459799999371171 ], [ 651973.531199999968521, 6853017.962999999523163 ], [ 651982.969199999934062, 6853108.7034 ], [ 651999.858599999919534, 6853307.640599999576807 ], [ 652192.457999999984168, 6853297.307399999350309 ] ] ] } }
]
}
)";
        const TempFile f("lb93.geojson", lb93);
        CHECK_THROWS_AS(load_qpv(f.path), maillon::input_error);
        CHECK_THROWS_WITH(load_qpv(f.path), Contains(f.path) && Contains("LAMB93") &&
                                                Contains("looks like Lambert-93 (EPSG:2154) or another projected CRS") &&
                                                Contains("ogr2ogr -f GeoJSON -t_srs EPSG:4326 OUT.geojson IN") &&
                                                Contains("data-scripts/convert-qpv.sh"));
        // The same coordinates without the crs member: caught by their values.
        std::string bare = lb93;
        const auto b = bare.find("\"crs\"");
        bare.erase(b, bare.find('\n', b) - b + 1);
        const TempFile g("lb93-nocrs.geojson", bare);
        CHECK_THROWS_AS(load_qpv(g.path), maillon::input_error);
        CHECK_THROWS_WITH(load_qpv(g.path), Contains(g.path) && Contains("x from 651972 to 652192") &&
                                                Contains("looks like Lambert-93 (EPSG:2154) or another projected CRS") &&
                                                Contains("ogr2ogr -f GeoJSON -t_srs EPSG:4326 OUT.geojson IN") &&
                                                Contains("data-scripts/convert-qpv.sh"));
    }
    SECTION("coordinates outside [-180, 180] × [-90, 90]") {
        const TempFile f("range.geojson", collection(square_feature(R"({"code": "QN1"})", 2.38, 95.0)));
        CHECK_THROWS_WITH(load_qpv(f.path), Contains("not in WGS84 longitude/latitude") &&
                                                Contains("looks like Lambert-93 (EPSG:2154) or another projected CRS"));
    }
    SECTION("no code field: the fields found and how to name it") {
        const TempFile f("nocode.geojson", collection(square_feature(R"({"identifiant": "QN07519M", "libelle": "Belleville"})")));
        CHECK_THROWS_AS(load_qpv(f.path), maillon::input_error);
        CHECK_THROWS_WITH(load_qpv(f.path), Contains(f.path) && Contains("no QPV code field") &&
                                                Contains("fields found: identifiant, libelle") && Contains("--qpv-code-field"));
        maillon::QpvFieldNames names;
        names.code = "identifiant";
        const QpvLayer layer = load_qpv(f.path, names);
        REQUIRE(layer.size() == 1);
        CHECK(layer[0].code == "QN07519M");
        CHECK(layer[0].name == "Belleville");
    }
}
