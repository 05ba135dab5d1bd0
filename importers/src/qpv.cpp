#include "input_file.hpp"
#include "text.hpp"
#include "maillon/importers/qpv.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <map>
#include <mutex>
#include <sstream>
#include <unordered_map>
#include <utility>

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <nlohmann/json.hpp>

#include "maillon/errors.hpp"

namespace maillon {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using json = nlohmann::ordered_json;  // keeps property order: fields are listed as the file has them

// --- the spatial index --------------------------------------------------------------------------------

struct QpvLayer::Index {
    using Point = bg::model::point<double, 2, bg::cs::cartesian>;
    using Box = bg::model::box<Point>;
    using Value = std::pair<Box, std::size_t>;
    bgi::rtree<Value, bgi::quadratic<16>> tree;
    std::mutex mutex;
};

// An empty layer has a context too: geos() hands out a reference to it (found by UBSan: the
// analysis of a scenario without QPV bound a reference to a null context).
QpvLayer::QpvLayer() : ctx_(std::make_unique<GeosContext>()) {}
QpvLayer::QpvLayer(QpvLayer&&) noexcept = default;
QpvLayer& QpvLayer::operator=(QpvLayer&& o) noexcept {
    if (this == &o) return *this;
    // Our geometries and index go before our context; then take the other's, context included.
    index_.reset();
    qpv.clear();
    ctx_ = std::move(o.ctx_);
    index_ = std::move(o.index_);
    path = std::move(o.path);
    fields = std::move(o.fields);
    fields_found = std::move(o.fields_found);
    qpv = std::move(o.qpv);
    warnings = std::move(o.warnings);
    return *this;
}
QpvLayer::~QpvLayer() = default;  // ctx_ is declared first: destroyed after the geometries

long QpvLayer::find(double lon, double lat) const {
    if (!index_ || !ctx_ || !std::isfinite(lon) || !std::isfinite(lat)) return -1;
    std::lock_guard<std::mutex> lock(index_->mutex);
    std::vector<Index::Value> hits;
    index_->tree.query(bgi::intersects(Index::Point(lon, lat)), std::back_inserter(hits));
    std::vector<std::size_t> candidates;
    candidates.reserve(hits.size());
    for (const auto& h : hits) candidates.push_back(h.second);
    std::sort(candidates.begin(), candidates.end());
    for (std::size_t i : candidates)
        if (contains_point(*ctx_, qpv[i].prepared.get(), lon, lat)) return static_cast<long>(i);
    return -1;
}

long QpvLayer::find_code(const std::string& code) const {
    for (std::size_t i = 0; i < qpv.size(); ++i)
        if (qpv[i].code == code) return static_cast<long>(i);
    return -1;
}

std::vector<std::string> QpvLayer::all_warnings() const {
    std::vector<std::string> out = warnings;
    for (const Qpv& q : qpv) out.insert(out.end(), q.warnings.begin(), q.warnings.end());
    return out;
}

// --- field names ------------------------------------------------------------------------------------

const std::vector<std::string>& qpv_code_field_candidates() {
    static const std::vector<std::string> v{"code_qp", "code_qpv", "codeqp", "codeqpv", "cod_qp", "qp_code",
                                            "code_quartier", "qp", "qpv", "code"};
    return v;
}
const std::vector<std::string>& qpv_name_field_candidates() {
    static const std::vector<std::string> v{"lib_qp", "nom_qp", "lib_qpv", "nom_qpv", "libqp", "nomqp",
                                            "lib_quartier", "nom_quartier", "nom", "name", "libelle", "lib"};
    return v;
}
const std::vector<std::string>& qpv_commune_field_candidates() {
    // Names first, then INSEE codes when the layer has no commune name.
    static const std::vector<std::string> v{"lib_com",     "commune_qp", "nom_com",   "lib_commune", "nom_commune",
                                            "libcom",      "nomcom",     "commune",   "communes",    "insee_com",
                                            "code_insee",  "insee_comm", "insee",     "code_com"};
    return v;
}
const std::vector<std::string>& qpv_population_field_candidates() {
    static const std::vector<std::string> v{"pop",        "population", "p_pop",  "pop_mun", "popmun",     "pop_muni",
                                            "pop_tot",    "pop_totale", "pop_total", "pop_qp", "pop_qpv",  "popqpv",
                                            "nb_hab",     "nbhab",      "nb_habitants", "habitants", "pop_insee"};
    return v;
}

namespace {

using text::lower;

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

using text::trim;

using text::join;

std::string fixed(double v, int decimals) {
    std::ostringstream os;
    os << std::fixed << std::setprecision(decimals) << v;
    return os.str();
}

std::string quoted(const std::string& path) { return "'" + path + "'"; }

const char* const to_wgs84_fix =
    "Convert it to WGS84 longitude/latitude with: ogr2ogr -f GeoJSON -t_srs EPSG:4326 OUT.geojson IN "
    "(or data-scripts/convert-qpv.sh IN OUT.geojson, which also repairs geometries and with --region idf keeps "
    "Île-de-France only), then load OUT.geojson";

// Year in pop_YYYY / popYYYY / pop_mun_YYYY / pYY_pop (INSEE style, e.g. P20_POP), or -1.
int population_year(const std::string& lname) {
    auto all_digits = [](const std::string& s) {
        return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c); });
    };
    for (const char* prefix : {"pop_mun_", "pop_", "pop"}) {
        const std::string p = prefix;
        if (lname.size() == p.size() + 4 && lname.compare(0, p.size(), p) == 0 && all_digits(lname.substr(p.size())))
            return std::stoi(lname.substr(p.size()));
    }
    if (lname.size() == 7 && lname[0] == 'p' && lname.compare(3, 4, "_pop") == 0 && all_digits(lname.substr(1, 2)))
        return 2000 + std::stoi(lname.substr(1, 2));
    return -1;
}

// The layer's field for one role: the user's choice, else the first candidate present.
std::string choose_field(const std::string& path, const std::vector<std::string>& found, const std::string& wanted,
                         const char* option, const std::vector<std::string>& candidates, bool population = false) {
    if (!wanted.empty()) {
        for (const std::string& f : found)
            if (f == wanted) return f;
        for (const std::string& f : found)
            if (lower(f) == lower(wanted)) return f;
        throw argument_error(quoted(path) + " has no field '" + wanted + "' (given with " + option + "); fields found: " +
                             (found.empty() ? std::string("none") : join(found)));
    }
    for (const std::string& c : candidates)
        for (const std::string& f : found)
            if (lower(f) == c) return f;
    if (population) {
        std::string best;
        int best_year = -1;
        for (const std::string& f : found) {
            const int y = population_year(lower(f));
            if (y > best_year) best_year = y, best = f;
        }
        return best;
    }
    return "";
}

using input::text_of;

// A population value: a number, or a numeric string ("12345", "12 345", "1234,5"). Sets `problem` when
// present but unusable.
std::optional<double> population_of(const json& v, std::string& problem) {
    double d = 0.0;
    if (v.is_null()) return std::nullopt;
    if (v.is_number()) {
        d = v.get<double>();
    } else if (v.is_string()) {
        std::string s = v.get<std::string>();
        std::string t;
        for (std::size_t i = 0; i < s.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(s[i]);
            if (std::isspace(c) || c == '_' || c == '\'') continue;
            if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) { ++i; continue; }  // U+00A0
            if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                static_cast<unsigned char>(s[i + 2]) == 0xAF) { i += 2; continue; }  // U+202F
            t += static_cast<char>(c);
        }
        if (t.empty()) return std::nullopt;
        if (t.find(',') != std::string::npos && t.find('.') == std::string::npos) std::replace(t.begin(), t.end(), ',', '.');
        char* end = nullptr;
        errno = 0;
        d = std::strtod(t.c_str(), &end);
        if (end != t.c_str() + t.size() || errno == ERANGE) {
            problem = "population '" + s + "' is not a number; ignored";
            return std::nullopt;
        }
    } else {
        problem = "population " + v.dump() + " is not a number; ignored";
        return std::nullopt;
    }
    if (!std::isfinite(d) || d < 0) {
        problem = "population " + v.dump() + " is negative or not finite; ignored";
        return std::nullopt;
    }
    return d;
}

// --- reading the file ---------------------------------------------------------------------------------

std::string read_file(const std::string& path) {
    return input::read_whole_file({path, "QPV layer " + quoted(path),
                                   "check the path; data-scripts/fetch-qpv.sh downloads the QPV 2024 layer and "
                                   "converts it to data/qpv/qpv2024-idf.geojson",
                                   "a GeoJSON file", "the .geojson file"});
}

// What a non-JSON file probably is, from its first bytes and name.
std::string what_it_looks_like(const std::string& path, const std::string& text) {
    const std::string ext = lower(std::filesystem::path(path).extension().string());
    if (text.compare(0, 2, "PK") == 0 || ext == ".zip")
        return "; it looks like a .zip archive: convert the layer inside with data-scripts/convert-qpv.sh ARCHIVE.zip OUT.geojson";
    if (text.size() >= 4 && static_cast<unsigned char>(text[0]) == 0x00 && static_cast<unsigned char>(text[1]) == 0x00 &&
        static_cast<unsigned char>(text[2]) == 0x27 && static_cast<unsigned char>(text[3]) == 0x0A)
        return "; it looks like an ESRI shapefile: convert it with data-scripts/convert-qpv.sh IN.shp OUT.geojson";
    if (text.compare(0, 15, "SQLite format 3") == 0 || ext == ".gpkg")
        return "; it looks like a GeoPackage: convert it with data-scripts/convert-qpv.sh IN.gpkg OUT.geojson";
    if (ext == ".shp" || ext == ".dbf" || ext == ".kml" || ext == ".gml" || ext == ".csv")
        return "; convert it with data-scripts/convert-qpv.sh IN OUT.geojson";
    return "; a QPV layer must be GeoJSON (data-scripts/convert-qpv.sh converts any layer GDAL reads)";
}

json parse_json(const std::string& path, const std::string& text) {
    return input::parse_json(text, "QPV layer " + quoted(path), "a GeoJSON FeatureCollection",
                             [&](const std::string& t) { return what_it_looks_like(path, t); });
}

bool is_wgs84_crs_name(const std::string& name) {
    std::string u;
    for (char c : upper(name))
        if (c != ' ' && c != '_' && c != '-') u += c;
    if (u.find("CRS84") != std::string::npos || u.find("CRS:84") != std::string::npos) return true;
    if (u == "WGS84" || u == "WGS1984" || u == "GCSWGS1984") return true;
    if (u.find("EPSG") != std::string::npos) {
        std::size_t e = u.size();
        while (e > 0 && std::isdigit(static_cast<unsigned char>(u[e - 1]))) --e;
        return u.substr(e) == "4326";
    }
    return false;
}

// EPSG code at the end of a CRS name ("urn:ogc:def:crs:EPSG::2154" -> 2154), or -1.
long epsg_code(const std::string& name) {
    const std::string u = upper(name);
    if (u.find("EPSG") == std::string::npos) return -1;
    std::size_t e = u.size();
    while (e > 0 && std::isdigit(static_cast<unsigned char>(u[e - 1]))) --e;
    if (e == u.size() || u.size() - e > 9) return -1;
    return std::stol(u.substr(e));
}

void check_crs_member(const std::string& path, const json& root, std::vector<std::string>& warnings) {
    const auto it = root.find("crs");
    if (it == root.end() || it->is_null()) return;
    const json& crs = *it;
    std::string declared;
    if (crs.is_object()) {
        const std::string type = crs.contains("type") && crs["type"].is_string() ? crs["type"].get<std::string>() : "";
        const json* props = crs.contains("properties") && crs["properties"].is_object() ? &crs["properties"] : nullptr;
        if (lower(type) == "name" && props && props->contains("name") && (*props)["name"].is_string())
            declared = (*props)["name"].get<std::string>();
        else if (lower(type) == "epsg" && props && props->contains("code"))
            declared = "EPSG:" + text_of((*props)["code"]);
    } else if (crs.is_string()) {
        declared = crs.get<std::string>();
    }
    if (declared.empty()) {
        warnings.push_back(quoted(path) + ": its 'crs' member (" + crs.dump() +
                           ") cannot be checked; the coordinates are checked to be longitudes/latitudes instead");
        return;
    }
    if (is_wgs84_crs_name(declared)) return;
    const long code = epsg_code(declared);
    // Geographic CRS close to WGS84 but not it (ETRS89, RGF93, NTF, NAD83, …): not "projected".
    static const long geographic[] = {4258, 4171, 4275, 4807, 4230, 4269, 4019, 4167, 4617};
    const bool is_geographic = std::find(std::begin(geographic), std::end(geographic), code) != std::end(geographic);
    const std::string u = upper(declared);
    const bool lambert93 = code == 2154 || u.find("LAMB93") != std::string::npos || u.find("LAMBERT 93") != std::string::npos ||
                           u.find("LAMBERT-93") != std::string::npos || u.find("LAMBERT_93") != std::string::npos;
    const std::string what = lambert93 ? " (Lambert-93)" : "";
    throw input_error("QPV layer " + quoted(path) + " declares the coordinate reference system '" + declared + "'" + what +
                      " in its 'crs' member, not WGS84 longitude/latitude (EPSG:4326, CRS84): it " +
                      (is_geographic ? std::string("uses another geographic CRS")
                                     : std::string("looks like Lambert-93 (EPSG:2154) or another projected CRS")) +
                      ". " + to_wgs84_fix);
}

// --- geometry parsing -----------------------------------------------------------------------------------

struct Extent {
    double min_x = HUGE_VAL, min_y = HUGE_VAL, max_x = -HUGE_VAL, max_y = -HUGE_VAL;
    std::size_t n = 0;
    void add(double x, double y) {
        min_x = std::min(min_x, x), max_x = std::max(max_x, x);
        min_y = std::min(min_y, y), max_y = std::max(max_y, y);
        ++n;
    }
};

struct RawFeature {
    std::size_t number = 0;  // 1-based position in "features"
    const json* props = nullptr;
    std::vector<PolygonRings> polygons;
    bool multi = false;
    std::vector<std::string> notes;  // ring fixes, reported once the QPV's label is known
};

[[noreturn]] void bad_geometry(const std::string& path, std::size_t number, const std::string& what) {
    throw input_error("QPV layer " + quoted(path) + ", feature " + std::to_string(number) + ": " + what +
                      " (the file is not valid GeoJSON; re-export it, e.g. with data-scripts/convert-qpv.sh IN OUT.geojson)");
}

Ring parse_ring(const std::string& path, std::size_t number, const json& ring, Extent& extent, RawFeature& f,
                bool& dropped) {
    if (!ring.is_array()) bad_geometry(path, number, "a polygon ring is not an array of positions");
    Ring out;
    out.reserve(ring.size() + 1);
    for (const json& pos : ring) {
        if (!pos.is_array() || pos.size() < 2 || !pos[0].is_number() || !pos[1].is_number())
            bad_geometry(path, number, "a position is not [longitude, latitude] numbers: " + pos.dump());
        const double x = pos[0].get<double>(), y = pos[1].get<double>();
        if (!std::isfinite(x) || !std::isfinite(y)) bad_geometry(path, number, "a coordinate is not finite: " + pos.dump());
        extent.add(x, y);
        out.push_back({x, y});
    }
    dropped = false;
    if (!out.empty() && (out.front().lon != out.back().lon || out.front().lat != out.back().lat)) {
        out.push_back(out.front());
        f.notes.push_back("a ring was not closed (its last position differs from its first); closed");
    }
    // Fewer than 3 distinct positions: no area.
    std::vector<std::pair<double, double>> distinct;
    for (const LonLat& p : out) distinct.emplace_back(p.lon, p.lat);
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (out.size() < 4 || distinct.size() < 3) {
        dropped = true;
        if (!out.empty()) f.notes.push_back("a ring of " + std::to_string(ring.size()) + " positions has no area; dropped");
        out.clear();
    }
    return out;
}

PolygonRings parse_polygon(const std::string& path, std::size_t number, const json& rings, Extent& extent, RawFeature& f) {
    if (!rings.is_array()) bad_geometry(path, number, "polygon coordinates are not an array of rings");
    PolygonRings out;
    for (std::size_t i = 0; i < rings.size(); ++i) {
        bool dropped = false;
        Ring r = parse_ring(path, number, rings[i], extent, f, dropped);
        if (dropped) {
            if (i == 0) return {};  // no exterior ring: the polygon (and its holes) has no area
            continue;
        }
        out.push_back(std::move(r));
    }
    return out;
}

// --- building one QPV -----------------------------------------------------------------------------------

std::string fmt_m2(double a) { return std::to_string(std::llround(a)) + " m²"; }

struct Built {
    GeomPtr geometry;
    std::vector<std::string> notes;
};

// A valid polygonal geometry from the raw rings, repaired if needed; null if nothing with area remains.
Built build_geometry(const GeosContext& ctx, RawFeature& f) {
    Built b;
    b.notes = std::move(f.notes);
    std::vector<PolygonRings> polys;
    for (PolygonRings& p : f.polygons)
        if (!p.empty()) polys.push_back(std::move(p));
    if (polys.empty()) return b;
    GeomPtr g = (f.multi || polys.size() > 1) ? make_multipolygon(ctx, polys) : make_polygon(ctx, polys.front());
    if (auto bad = invalidity(ctx, g.get())) {
        std::string what = lower(bad->reason);
        if (bad->location) what += " at " + fixed(bad->location->lon, 7) + " " + fixed(bad->location->lat, 7);
        GeomPtr repaired = make_valid(ctx, g.get());
        GeomPtr poly = polygonal_part(ctx, repaired.get());
        const bool lost_parts = GEOSGeomTypeId_r(ctx.handle(), repaired.get()) == GEOS_GEOMETRYCOLLECTION;
        if (is_empty(ctx, poly.get())) {
            b.notes.push_back(what + ": nothing with an area is left after repair");
            return b;
        }
        const int n = GEOSGetNumGeometries_r(ctx.handle(), poly.get());
        b.notes.push_back(what + " repaired (GEOSMakeValid: " + std::to_string(n) + (n == 1 ? " polygon" : " polygons") +
                          ", " + fmt_m2(area_m2(ctx, poly.get())) + (lost_parts ? ", collapsed lines/points dropped" : "") + ")");
        if (n == 1) poly = adopt(ctx, GEOSGeom_clone_r(ctx.handle(), GEOSGetGeometryN_r(ctx.handle(), poly.get(), 0)), "GEOSGeom_clone_r");
        g = std::move(poly);
    }
    b.geometry = std::move(g);
    return b;
}

}  // namespace

QpvLayer load_qpv(const std::string& path, const QpvFieldNames& override) {
    const std::string text = read_file(path);
    const json root = parse_json(path, text);

    // --- a FeatureCollection ---
    const std::string top_type =
        root.is_object() && root.contains("type") && root["type"].is_string() ? root["type"].get<std::string>() : "";
    if (top_type != "FeatureCollection") {
        std::string found;
        if (!root.is_object()) found = std::string("a JSON ") + root.type_name();
        else if (top_type.empty()) found = "a JSON object without a GeoJSON \"type\"";
        else found = "a GeoJSON " + top_type;
        throw input_error("QPV layer " + quoted(path) + " is " + found +
                          ", not a GeoJSON FeatureCollection of the QPV polygons (export the layer as GeoJSON, e.g. "
                          "ogr2ogr -f GeoJSON -t_srs EPSG:4326 OUT.geojson IN, or data-scripts/convert-qpv.sh IN OUT.geojson)");
    }
    if (!root.contains("features") || !root["features"].is_array())
        throw input_error("QPV layer " + quoted(path) +
                          " is a FeatureCollection without a \"features\" array (the file is truncated or not GeoJSON; "
                          "re-export it with data-scripts/convert-qpv.sh IN OUT.geojson)");

    QpvLayer layer;
    layer.path = path;
    check_crs_member(path, root, layer.warnings);

    // --- features: keep Polygon/MultiPolygon ones ---
    const json& features = root["features"];
    std::vector<RawFeature> raw;
    std::map<std::string, std::size_t> other_types;
    std::size_t null_geometries = 0;
    Extent extent;
    for (std::size_t i = 0; i < features.size(); ++i) {
        const json& feat = features[i];
        const std::size_t number = i + 1;
        if (!feat.is_object() || !feat.contains("type") || feat["type"] != "Feature") {
            ++other_types["not a Feature"];
            continue;
        }
        const json* geom = feat.contains("geometry") ? &feat["geometry"] : nullptr;
        if (!geom || geom->is_null()) {
            ++null_geometries;
            continue;
        }
        const std::string gtype =
            geom->is_object() && geom->contains("type") && (*geom)["type"].is_string() ? (*geom)["type"].get<std::string>() : "";
        if (gtype != "Polygon" && gtype != "MultiPolygon") {
            ++other_types[gtype.empty() ? std::string("invalid geometry") : gtype];
            continue;
        }
        if (!geom->contains("coordinates") || !(*geom)["coordinates"].is_array())
            bad_geometry(path, number, gtype + " without a \"coordinates\" array");
        RawFeature f;
        f.number = number;
        f.multi = gtype == "MultiPolygon";
        static const json empty_object = json::object();
        f.props = feat.contains("properties") && feat["properties"].is_object() ? &feat["properties"] : &empty_object;
        const json& coords = (*geom)["coordinates"];
        if (f.multi) {
            for (const json& p : coords) f.polygons.push_back(parse_polygon(path, number, p, extent, f));
        } else {
            f.polygons.push_back(parse_polygon(path, number, coords, extent, f));
        }
        raw.push_back(std::move(f));
    }
    if (raw.empty()) {
        std::vector<std::string> seen;
        for (const auto& [t, n] : other_types) seen.push_back(std::to_string(n) + " " + t);
        if (null_geometries) seen.push_back(std::to_string(null_geometries) + " without geometry");
        throw input_error("QPV layer " + quoted(path) + " has no Polygon or MultiPolygon feature (" +
                          (features.empty() ? std::string("its FeatureCollection is empty") : "found: " + join(seen)) +
                          "): a QPV layer holds the quartiers' outlines as polygons; check that this is the contours "
                          "file (data-scripts/fetch-qpv.sh fetches it), not a list of QPV or their centroids");
    }
    {
        std::vector<std::string> skipped;
        for (const auto& [t, n] : other_types) skipped.push_back(std::to_string(n) + " " + t);
        if (null_geometries) skipped.push_back(std::to_string(null_geometries) + " without geometry");
        if (!skipped.empty())
            layer.warnings.push_back(quoted(path) + ": skipped the features that are not polygons (" + join(skipped) + ")");
    }

    // --- longitudes/latitudes? ---
    if (extent.n > 0 && (extent.min_x < -180 || extent.max_x > 180 || extent.min_y < -90 || extent.max_y > 90)) {
        const bool lambert93 =
            extent.min_x > 0 && extent.max_x < 1'400'000 && extent.min_y > 5'900'000 && extent.max_y < 7'300'000;
        throw input_error("QPV layer " + quoted(path) + " is not in WGS84 longitude/latitude: its coordinates (x from " +
                          fixed(extent.min_x, 0) + " to " + fixed(extent.max_x, 0) + ", y from " + fixed(extent.min_y, 0) +
                          " to " + fixed(extent.max_y, 0) + ") are not degrees; " +
                          (lambert93 ? "they are metres: the layer looks like Lambert-93 (EPSG:2154) or another projected CRS"
                                     : "the layer looks like Lambert-93 (EPSG:2154) or another projected CRS") +
                          ". " + to_wgs84_fix);
    }

    // --- fields ---
    for (const RawFeature& f : raw)
        for (const auto& item : f.props->items())
            if (std::find(layer.fields_found.begin(), layer.fields_found.end(), item.key()) == layer.fields_found.end())
                layer.fields_found.push_back(item.key());
    const auto& found = layer.fields_found;
    layer.fields.code = choose_field(path, found, override.code, "--qpv-code-field", qpv_code_field_candidates());
    if (layer.fields.code.empty())
        throw input_error("QPV layer " + quoted(path) + " has no QPV code field: none of " + join(qpv_code_field_candidates()) +
                          " (any case); fields found: " + (found.empty() ? std::string("none (the features have no properties)") : join(found)) +
                          ". Name the field that holds the code (QN07519M, QP075019, …) with --qpv-code-field FIELD "
                          "(and --qpv-name-field, --qpv-commune-field, --qpv-population-field for the others)");
    layer.fields.name = choose_field(path, found, override.name, "--qpv-name-field", qpv_name_field_candidates());
    layer.fields.commune = choose_field(path, found, override.commune, "--qpv-commune-field", qpv_commune_field_candidates());
    layer.fields.population =
        choose_field(path, found, override.population, "--qpv-population-field", qpv_population_field_candidates(), true);
    if (layer.fields.name.empty())
        layer.warnings.push_back(quoted(path) + ": no QPV name field (looked for " + join(qpv_name_field_candidates()) +
                                 "); QPV are shown by code (name one with --qpv-name-field)");
    // No population field is not a warning here: the residents may come from --population or
    // --qpv-population; the pipeline says so when no source is given at all (cli/pipeline.cpp).

    // --- build, repair, merge features sharing a code ---
    layer.ctx_ = std::make_unique<GeosContext>();
    const GeosContext& ctx = *layer.ctx_;
    std::unordered_map<std::string, std::size_t> by_code;
    std::vector<std::vector<std::size_t>> feature_numbers;  // per QPV
    std::vector<std::vector<GeomPtr>> parts;                // per QPV, when merged
    std::vector<std::vector<std::optional<double>>> pops;   // per QPV
    std::vector<std::string> unbuilt;
    for (RawFeature& f : raw) {
        const json& props = *f.props;
        auto field = [&](const std::string& name) -> const json* {
            if (name.empty()) return nullptr;
            const auto it = props.find(name);
            return it == props.end() ? nullptr : &*it;
        };
        std::string code = field(layer.fields.code) ? text_of(*field(layer.fields.code)) : "";
        const std::string name = field(layer.fields.name) ? text_of(*field(layer.fields.name)) : "";
        std::vector<std::string> notes;
        if (code.empty()) {
            code = "feature-" + std::to_string(f.number);
            notes.push_back("no value in the code field '" + layer.fields.code + "'; called " + code);
        }
        std::optional<double> pop;
        if (const json* p = field(layer.fields.population)) {
            std::string problem;
            pop = population_of(*p, problem);
            if (!problem.empty()) notes.push_back(problem);
        }
        Built b = build_geometry(ctx, f);
        const std::string label = name.empty() ? code : code + " (" + name + ")";
        if (!b.geometry) {
            unbuilt.push_back(label);
            for (const std::string& n : b.notes) layer.warnings.push_back("QPV " + label + ": " + n);
            layer.warnings.push_back("QPV " + label + " (feature " + std::to_string(f.number) + "): no area; skipped");
            continue;
        }
        const auto [it, fresh] = by_code.emplace(code, layer.qpv.size());
        if (fresh) {
            Qpv q;
            q.code = code;
            q.name = name;
            q.commune = field(layer.fields.commune) ? text_of(*field(layer.fields.commune)) : "";
            layer.qpv.push_back(std::move(q));
            feature_numbers.emplace_back();
            parts.emplace_back();
            pops.emplace_back();
        }
        const std::size_t k = it->second;
        Qpv& q = layer.qpv[k];
        for (const std::string& n : notes) q.warnings.push_back("QPV " + label + ": " + n);
        for (const std::string& n : b.notes) q.warnings.push_back("QPV " + label + ": " + n);
        feature_numbers[k].push_back(f.number);
        parts[k].push_back(std::move(b.geometry));
        pops[k].push_back(pop);
        if (!fresh) {
            if (q.name.empty()) q.name = name;
            const std::string commune = field(layer.fields.commune) ? text_of(*field(layer.fields.commune)) : "";
            if (!commune.empty() && q.commune.find(commune) == std::string::npos)
                q.commune = q.commune.empty() ? commune : q.commune + ", " + commune;
        }
    }
    if (layer.qpv.empty())
        throw input_error("QPV layer " + quoted(path) + ": none of its " + std::to_string(raw.size()) +
                          " polygon features has an area (degenerate rings); re-export it with data-scripts/convert-qpv.sh IN OUT.geojson");

    for (std::size_t k = 0; k < layer.qpv.size(); ++k) {
        Qpv& q = layer.qpv[k];
        if (parts[k].size() == 1) {
            q.geometry = std::move(parts[k][0]);
            q.population = pops[k][0];
        } else {
            std::vector<std::string> numbers;
            for (std::size_t n : feature_numbers[k]) numbers.push_back(std::to_string(n));
            GeomPtr all = make_collection(ctx, GEOS_GEOMETRYCOLLECTION, std::move(parts[k]));
            GeomPtr merged = polygonal_part(ctx, unary_union(ctx, all.get()).get());
            if (GEOSGetNumGeometries_r(ctx.handle(), merged.get()) == 1)
                merged = adopt(ctx, GEOSGeom_clone_r(ctx.handle(), GEOSGetGeometryN_r(ctx.handle(), merged.get(), 0)), "GEOSGeom_clone_r");
            q.geometry = std::move(merged);
            std::string msg = "QPV " + q.label() + " appears in " + std::to_string(numbers.size()) + " features (" + join(numbers) +
                              "): merged into one";
            std::vector<double> values;
            for (const auto& p : pops[k])
                if (p) values.push_back(*p);
            if (!values.empty()) {
                const bool same = std::all_of(values.begin(), values.end(), [&](double v) { return v == values[0]; });
                if (same) {
                    q.population = values[0];
                } else {
                    double sum = 0;
                    for (double v : values) sum += v;
                    q.population = sum;
                    msg += "; their populations differ and were added up (" + fixed(sum, 0) + ")";
                }
            }
            layer.warnings.push_back(msg);
        }
        q.prepared = prepare(ctx, q.geometry.get());
        q.bbox = envelope(ctx, q.geometry.get());
        q.area_m2 = area_m2(ctx, q.geometry.get());
    }

    // --- index ---
    layer.index_ = std::make_unique<QpvLayer::Index>();
    std::vector<QpvLayer::Index::Value> values;
    values.reserve(layer.qpv.size());
    for (std::size_t k = 0; k < layer.qpv.size(); ++k) {
        const BBox& b = layer.qpv[k].bbox;
        values.emplace_back(QpvLayer::Index::Box({b.min_lon, b.min_lat}, {b.max_lon, b.max_lat}), k);
    }
    layer.index_->tree = decltype(layer.index_->tree)(values.begin(), values.end());  // packed (STR) bulk load
    return layer;
}

}  // namespace maillon
