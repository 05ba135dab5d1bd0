#include "maillon/geos.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>

#include "maillon/errors.hpp"

namespace maillon {

// --- context ----------------------------------------------------------------------------------------

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
    if (!handle_) throw geos_error("GEOS_init_r failed: cannot create a GEOS context (out of memory?)");
    GEOSContext_setErrorMessageHandler_r(handle_, &GeosContext::on_error, this);
    GEOSContext_setNoticeMessageHandler_r(handle_, &GeosContext::on_notice, this);
}

GeosContext::~GeosContext() {
    if (handle_) GEOS_finish_r(handle_);
}

void GeosContext::on_error(const char* message, void* self) {
    if (self) static_cast<GeosContext*>(self)->error_ = message ? message : "";
}

void GeosContext::on_notice(const char* message, void* self) {
    if (self) static_cast<GeosContext*>(self)->notice_ = message ? message : "";
}

void GeosContext::clear_messages() noexcept {
    error_.clear();
    notice_.clear();
}

void GeosContext::fail(const std::string& what) const {
    throw geos_error(what + ": " + (error_.empty() ? std::string("GEOS reported no reason") : error_));
}

GeomPtr adopt(const GeosContext& ctx, GEOSGeometry* g, const char* what) {
    if (!g) ctx.fail(what);
    return GeomPtr(g, GeomDeleter{ctx.handle()});
}

namespace {

struct CharDeleter {
    GEOSContextHandle_t handle;
    void operator()(char* s) const noexcept {
        if (s) GEOSFree_r(handle, s);
    }
};
using GeosString = std::unique_ptr<char, CharDeleter>;

void check_finite(double x, double y) {
    if (!std::isfinite(x) || !std::isfinite(y)) {
        std::ostringstream os;
        os << "coordinate (" << x << ", " << y << ") is not a finite number";
        throw argument_error(os.str());
    }
}

GeomPtr make_ring(const GeosContext& ctx, const Ring& ring) {
    if (ring.size() < 4) throw argument_error("a polygon ring needs at least 4 positions (got " + std::to_string(ring.size()) + ")");
    if (ring.front().lon != ring.back().lon || ring.front().lat != ring.back().lat)
        throw argument_error("a polygon ring must be closed (its first and last positions equal)");
    const GEOSContextHandle_t h = ctx.handle();
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(h, static_cast<unsigned>(ring.size()), 2);
    if (!seq) ctx.fail("GEOSCoordSeq_create_r");
    for (std::size_t i = 0; i < ring.size(); ++i) {
        const LonLat& p = ring[i];
        if (!std::isfinite(p.lon) || !std::isfinite(p.lat)) {
            GEOSCoordSeq_destroy_r(h, seq);
            check_finite(p.lon, p.lat);
        }
        if (!GEOSCoordSeq_setXY_r(h, seq, static_cast<unsigned>(i), p.lon, p.lat)) {
            GEOSCoordSeq_destroy_r(h, seq);
            ctx.fail("GEOSCoordSeq_setXY_r");
        }
    }
    // Takes ownership of seq, also when it fails.
    return adopt(ctx, GEOSGeom_createLinearRing_r(h, seq), "GEOSGeom_createLinearRing_r");
}

void collect_polygons(const GeosContext& ctx, const GEOSGeometry* g, std::vector<GeomPtr>& out) {
    const GEOSContextHandle_t h = ctx.handle();
    switch (GEOSGeomTypeId_r(h, g)) {
    case GEOS_POLYGON:
        if (!GEOSisEmpty_r(h, g)) out.push_back(adopt(ctx, GEOSGeom_clone_r(h, g), "GEOSGeom_clone_r"));
        break;
    case GEOS_MULTIPOLYGON:
    case GEOS_GEOMETRYCOLLECTION: {
        const int n = GEOSGetNumGeometries_r(h, g);
        for (int i = 0; i < n; ++i) collect_polygons(ctx, GEOSGetGeometryN_r(h, g, i), out);
        break;
    }
    default:  // points, lines, rings: no area
        break;
    }
}

LonLat point_xy(const GeosContext& ctx, const GEOSGeometry* pt) {
    LonLat p;
    if (!GEOSGeomGetX_r(ctx.handle(), pt, &p.lon) || !GEOSGeomGetY_r(ctx.handle(), pt, &p.lat)) ctx.fail("GEOSGeomGetX_r");
    return p;
}

int to_local_plane(double* x, double* y, void* userdata) {
    const auto* plane = static_cast<const LocalPlane*>(userdata);
    *x = plane->x(*x);
    *y = plane->y(*y);
    return 1;
}

}  // namespace

// --- construction and output ------------------------------------------------------------------------

GeomPtr geom_from_wkt(const GeosContext& ctx, const std::string& wkt) {
    const GEOSContextHandle_t h = ctx.handle();
    GEOSWKTReader* reader = GEOSWKTReader_create_r(h);
    if (!reader) ctx.fail("GEOSWKTReader_create_r");
    GEOSGeometry* g = GEOSWKTReader_read_r(h, reader, wkt.c_str());
    GEOSWKTReader_destroy_r(h, reader);
    return adopt(ctx, g, "cannot read WKT");
}

std::string to_wkt(const GeosContext& ctx, const GEOSGeometry* g, int decimals) {
    const GEOSContextHandle_t h = ctx.handle();
    GEOSWKTWriter* writer = GEOSWKTWriter_create_r(h);
    if (!writer) ctx.fail("GEOSWKTWriter_create_r");
    GEOSWKTWriter_setTrim_r(h, writer, 1);
    GEOSWKTWriter_setRoundingPrecision_r(h, writer, decimals);
    GEOSWKTWriter_setOutputDimension_r(h, writer, 2);
    GeosString s(GEOSWKTWriter_write_r(h, writer, g), CharDeleter{h});
    GEOSWKTWriter_destroy_r(h, writer);
    if (!s) ctx.fail("GEOSWKTWriter_write_r");
    return std::string(s.get());
}

GeomPtr make_polygon(const GeosContext& ctx, const PolygonRings& rings) {
    const GEOSContextHandle_t h = ctx.handle();
    if (rings.empty()) return adopt(ctx, GEOSGeom_createEmptyPolygon_r(h), "GEOSGeom_createEmptyPolygon_r");
    std::vector<GeomPtr> built;
    built.reserve(rings.size());
    for (const Ring& r : rings) built.push_back(make_ring(ctx, r));
    std::vector<GEOSGeometry*> holes;
    holes.reserve(built.size() - 1);
    for (std::size_t i = 1; i < built.size(); ++i) holes.push_back(built[i].get());
    // GEOSGeom_createPolygon_r takes ownership of the rings (not of the array) when they are all
    // LinearRings, which they are.
    GEOSGeometry* poly = GEOSGeom_createPolygon_r(h, built[0].get(), holes.data(), static_cast<unsigned>(holes.size()));
    if (!poly) ctx.fail("GEOSGeom_createPolygon_r");
    for (GeomPtr& r : built) (void)r.release();
    return GeomPtr(poly, GeomDeleter{h});
}

GeomPtr make_collection(const GeosContext& ctx, int type, std::vector<GeomPtr> parts) {
    std::vector<GEOSGeometry*> raw;
    raw.reserve(parts.size());
    // GEOSGeom_createCollection_r takes ownership of the parts at once, also when it fails.
    for (GeomPtr& p : parts) raw.push_back(p.release());
    return adopt(ctx, GEOSGeom_createCollection_r(ctx.handle(), type, raw.data(), static_cast<unsigned>(raw.size())),
                 "GEOSGeom_createCollection_r");
}

GeomPtr make_multipolygon(const GeosContext& ctx, const std::vector<PolygonRings>& polygons) {
    std::vector<GeomPtr> parts;
    parts.reserve(polygons.size());
    for (const PolygonRings& p : polygons) parts.push_back(make_polygon(ctx, p));
    return make_collection(ctx, GEOS_MULTIPOLYGON, std::move(parts));
}

// --- validity ---------------------------------------------------------------------------------------

bool is_valid(const GeosContext& ctx, const GEOSGeometry* g) {
    const char r = GEOSisValid_r(ctx.handle(), g);
    if (r == 2) ctx.fail("GEOSisValid_r");
    return r == 1;
}

std::string valid_reason(const GeosContext& ctx, const GEOSGeometry* g) {
    GeosString s(GEOSisValidReason_r(ctx.handle(), g), CharDeleter{ctx.handle()});
    if (!s) ctx.fail("GEOSisValidReason_r");
    return std::string(s.get());
}

std::optional<Invalidity> invalidity(const GeosContext& ctx, const GEOSGeometry* g) {
    const GEOSContextHandle_t h = ctx.handle();
    char* reason = nullptr;
    GEOSGeometry* location = nullptr;
    const char r = GEOSisValidDetail_r(h, g, 0, &reason, &location);
    GeosString reason_owner(reason, CharDeleter{h});
    GeomPtr location_owner(location, GeomDeleter{h});
    if (r == 2) ctx.fail("GEOSisValidDetail_r");
    if (r == 1) return std::nullopt;
    Invalidity out;
    out.reason = reason ? reason : "invalid geometry";
    if (location && !GEOSisEmpty_r(h, location) && GEOSGeomTypeId_r(h, location) == GEOS_POINT)
        out.location = point_xy(ctx, location);
    return out;
}

GeomPtr make_valid(const GeosContext& ctx, const GEOSGeometry* g) {
    return adopt(ctx, GEOSMakeValid_r(ctx.handle(), g), "GEOSMakeValid_r");
}

GeomPtr polygonal_part(const GeosContext& ctx, const GEOSGeometry* g) {
    std::vector<GeomPtr> polys;
    collect_polygons(ctx, g, polys);
    return make_collection(ctx, GEOS_MULTIPOLYGON, std::move(polys));
}

GeomPtr unary_union(const GeosContext& ctx, const GEOSGeometry* g) {
    return adopt(ctx, GEOSUnaryUnion_r(ctx.handle(), g), "GEOSUnaryUnion_r");
}

bool is_empty(const GeosContext& ctx, const GEOSGeometry* g) {
    const char r = GEOSisEmpty_r(ctx.handle(), g);
    if (r == 2) ctx.fail("GEOSisEmpty_r");
    return r == 1;
}

int num_points(const GeosContext& ctx, const GEOSGeometry* g) {
    const int n = GEOSGetNumCoordinates_r(ctx.handle(), g);
    if (n < 0) ctx.fail("GEOSGetNumCoordinates_r");
    return n;
}

// --- queries ----------------------------------------------------------------------------------------

PreparedPtr prepare(const GeosContext& ctx, const GEOSGeometry* g) {
    const GEOSPreparedGeometry* p = GEOSPrepare_r(ctx.handle(), g);
    if (!p) ctx.fail("GEOSPrepare_r");
    return PreparedPtr(p, PreparedDeleter{ctx.handle()});
}

bool contains_point(const GeosContext& ctx, const GEOSPreparedGeometry* prepared, double lon, double lat) {
    check_finite(lon, lat);
    const GEOSContextHandle_t h = ctx.handle();
    GeomPtr pt = adopt(ctx, GEOSGeom_createPointFromXY_r(h, lon, lat), "GEOSGeom_createPointFromXY_r");
    const char r = GEOSPreparedContains_r(h, prepared, pt.get());
    if (r == 2) ctx.fail("GEOSPreparedContains_r");
    return r == 1;
}

BBox envelope(const GeosContext& ctx, const GEOSGeometry* g) {
    BBox b;
    if (is_empty(ctx, g)) return b;
    const GEOSContextHandle_t h = ctx.handle();
    if (!GEOSGeom_getXMin_r(h, g, &b.min_lon) || !GEOSGeom_getYMin_r(h, g, &b.min_lat) ||
        !GEOSGeom_getXMax_r(h, g, &b.max_lon) || !GEOSGeom_getYMax_r(h, g, &b.max_lat))
        ctx.fail("GEOSGeom_getXMin_r");
    return b;
}

LonLat point_on_surface(const GeosContext& ctx, const GEOSGeometry* g) {
    if (is_empty(ctx, g)) throw geos_error("point_on_surface: empty geometry");
    GeomPtr p = adopt(ctx, GEOSPointOnSurface_r(ctx.handle(), g), "GEOSPointOnSurface_r");
    return point_xy(ctx, p.get());
}

LonLat centroid(const GeosContext& ctx, const GEOSGeometry* g) {
    if (is_empty(ctx, g)) throw geos_error("centroid: empty geometry");
    GeomPtr p = adopt(ctx, GEOSGetCentroid_r(ctx.handle(), g), "GEOSGetCentroid_r");
    if (is_empty(ctx, p.get())) throw geos_error("centroid: empty result");
    return point_xy(ctx, p.get());
}

// --- metric helpers ---------------------------------------------------------------------------------

LocalPlane LocalPlane::at(double lon0, double lat0) noexcept {
    // WGS84 ellipsoid.
    constexpr double a = 6378137.0;
    constexpr double f = 1.0 / 298.257223563;
    constexpr double e2 = f * (2.0 - f);
    constexpr double deg = M_PI / 180.0;
    const double s = std::sin(lat0 * deg);
    const double w = 1.0 - e2 * s * s;
    const double n = a / std::sqrt(w);                 // prime vertical radius of curvature
    const double m = a * (1.0 - e2) / (w * std::sqrt(w));  // meridional radius of curvature
    LocalPlane p;
    p.lon0 = lon0;
    p.lat0 = lat0;
    p.m_per_deg_lon = n * std::cos(lat0 * deg) * deg;
    p.m_per_deg_lat = m * deg;
    return p;
}

double area_m2(const GeosContext& ctx, const GEOSGeometry* g) {
    if (is_empty(ctx, g)) return 0.0;
    const LonLat c = centroid(ctx, g);
    LocalPlane plane = LocalPlane::at(c.lon, c.lat);
    GeomPtr projected = adopt(ctx, GEOSGeom_transformXY_r(ctx.handle(), g, &to_local_plane, &plane), "GEOSGeom_transformXY_r");
    double area = 0.0;
    if (!GEOSArea_r(ctx.handle(), projected.get(), &area)) ctx.fail("GEOSArea_r");
    return area;
}

std::vector<LonLat> sample_points(const GeosContext& ctx, const GEOSGeometry* g, const GEOSPreparedGeometry* prepared,
                                  double spacing_m, std::size_t max_points) {
    if (!(spacing_m > 0.0) || !std::isfinite(spacing_m))
        throw argument_error("the sampling spacing must be a positive number of metres (got " + std::to_string(spacing_m) + ")");
    std::vector<LonLat> out;
    if (is_empty(ctx, g)) return out;
    const BBox b = envelope(ctx, g);
    const LocalPlane plane = LocalPlane::at(0.5 * (b.min_lon + b.max_lon), 0.5 * (b.min_lat + b.max_lat));
    const double x0 = plane.x(b.min_lon), y0 = plane.y(b.min_lat);
    const double width = plane.x(b.max_lon) - x0, height = plane.y(b.max_lat) - y0;
    const double nx_d = std::max(1.0, std::ceil(width / spacing_m));
    const double ny_d = std::max(1.0, std::ceil(height / spacing_m));
    if (nx_d * ny_d > static_cast<double>(max_points)) {
        std::ostringstream os;
        os << "sampling a " << std::lround(width) << " m × " << std::lround(height) << " m area every " << spacing_m
           << " m would test " << nx_d * ny_d << " points (limit " << max_points << "): use a larger spacing";
        throw argument_error(os.str());
    }
    const auto nx = static_cast<std::size_t>(nx_d), ny = static_cast<std::size_t>(ny_d);
    for (std::size_t j = 0; j < ny; ++j) {
        const double lat = plane.lat(y0 + (static_cast<double>(j) + 0.5) * spacing_m);
        for (std::size_t i = 0; i < nx; ++i) {
            const double lon = plane.lon(x0 + (static_cast<double>(i) + 0.5) * spacing_m);
            if (contains_point(ctx, prepared, lon, lat)) out.push_back({lon, lat});
        }
    }
    if (out.empty()) out.push_back(point_on_surface(ctx, g));
    return out;
}

}  // namespace maillon
