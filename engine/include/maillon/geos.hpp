#pragma once
// A small RAII layer over the GEOS C API (geos_c.h, reentrant `_r` functions only) and the few
// geometric helpers the analyses need: polygons from coordinate arrays, validity and repair, prepared
// point-in-polygon tests, envelopes, areas in square metres and uniform point samples.
//
// Threading: a GeosContext, and every geometry created with it, must be used by one thread at a time
// (GEOS contexts are not thread-safe; prepared geometries build their index lazily on first use).
//
// Coordinates are WGS84 longitude/latitude in degrees (x = lon, y = lat) unless said otherwise.
//
// Errors: GEOS failures throw maillon::geos_error carrying GEOS's own message; bad arguments
// (non-finite coordinates, a sampling spacing <= 0) throw maillon::argument_error.

#ifndef GEOS_USE_ONLY_R_API
#define GEOS_USE_ONLY_R_API
#endif
#include <geos_c.h>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "maillon/geo.hpp"

namespace maillon {

/// A GEOS operation failed; what() holds GEOS's message.
class geos_error : public std::runtime_error {
public:
    explicit geos_error(const std::string& what) : std::runtime_error(what) {}
};

/// Owns a GEOS context handle (GEOS_init_r … GEOS_finish_r). GEOS notices and errors are routed into
/// strings instead of stderr. Neither copyable nor movable: the handlers keep a pointer to it, and
/// every GeomPtr/PreparedPtr made with it must be destroyed before it.
class GeosContext {
public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;
    GeosContext(GeosContext&&) = delete;
    GeosContext& operator=(GeosContext&&) = delete;

    GEOSContextHandle_t handle() const noexcept { return handle_; }
    void clear_messages() noexcept;
    /// Throws geos_error("<what>: <last GEOS error>").
    [[noreturn]] void fail(const std::string& what) const;

private:
    static void on_error(const char* message, void* self);
    static void on_notice(const char* message, void* self);

    GEOSContextHandle_t handle_ = nullptr;
    std::string error_;
    std::string notice_;
};

struct GeomDeleter {
    GEOSContextHandle_t handle = nullptr;
    void operator()(GEOSGeometry* g) const noexcept {
        if (g) GEOSGeom_destroy_r(handle, g);
    }
};
/// A geometry owned by the context it was created with.
using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;

struct PreparedDeleter {
    GEOSContextHandle_t handle = nullptr;
    void operator()(const GEOSPreparedGeometry* p) const noexcept {
        if (p) GEOSPreparedGeom_destroy_r(handle, p);
    }
};
/// A prepared geometry. It references the geometry it was prepared from: destroy it first.
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;

/// Takes ownership of a geometry returned by a GEOS function; throws geos_error naming `what` if null.
GeomPtr adopt(const GeosContext& ctx, GEOSGeometry* g, const char* what);

struct LonLat {
    double lon = 0.0;
    double lat = 0.0;
};
/// A ring as in GeoJSON: closed (first position == last), at least 4 positions.
using Ring = std::vector<LonLat>;
/// A polygon as in GeoJSON: exterior ring first, then holes.
using PolygonRings = std::vector<Ring>;

// --- construction and output ------------------------------------------------------------------------

/// Parses WKT; throws geos_error with GEOS's message on bad WKT.
GeomPtr geom_from_wkt(const GeosContext& ctx, const std::string& wkt);
/// WKT with trailing zeros trimmed and at most `decimals` decimals.
std::string to_wkt(const GeosContext& ctx, const GEOSGeometry* g, int decimals = 7);

/// A Polygon from GeoJSON-like rings (GEOSCoordSeq_create_r, GEOSGeom_createLinearRing_r,
/// GEOSGeom_createPolygon_r). Rings must be closed with >= 4 positions (throws argument_error otherwise);
/// the result is not checked for validity.
GeomPtr make_polygon(const GeosContext& ctx, const PolygonRings& rings);
/// A MultiPolygon from GeoJSON-like polygons (GEOSGeom_createCollection_r); not checked for validity.
GeomPtr make_multipolygon(const GeosContext& ctx, const std::vector<PolygonRings>& polygons);
/// A collection of `type` (GEOS_MULTIPOLYGON, GEOS_GEOMETRYCOLLECTION, …) taking ownership of `parts`.
GeomPtr make_collection(const GeosContext& ctx, int type, std::vector<GeomPtr> parts);

// --- validity ---------------------------------------------------------------------------------------

bool is_valid(const GeosContext& ctx, const GEOSGeometry* g);
/// GEOSisValidReason_r: "Valid Geometry", or e.g. "Self-intersection[2.4128722 48.8611014]".
std::string valid_reason(const GeosContext& ctx, const GEOSGeometry* g);

struct Invalidity {
    std::string reason;               ///< as GEOS says it, e.g. "Self-intersection", "Hole lies outside shell"
    std::optional<LonLat> location;   ///< where, when GEOS tells
};
/// Why and where `g` is invalid (GEOSisValidDetail_r), or nullopt if it is valid.
std::optional<Invalidity> invalidity(const GeosContext& ctx, const GEOSGeometry* g);

/// GEOSMakeValid_r (the "linework" method): a valid geometry covering the same area as far as that
/// makes sense; may return a GeometryCollection mixing polygons and collapsed lines/points.
GeomPtr make_valid(const GeosContext& ctx, const GEOSGeometry* g);
/// The polygonal components of `g` (Polygon, MultiPolygon, or those inside a GeometryCollection) as one
/// MultiPolygon, possibly empty. Lines and points are dropped.
GeomPtr polygonal_part(const GeosContext& ctx, const GEOSGeometry* g);
/// GEOSUnaryUnion_r.
GeomPtr unary_union(const GeosContext& ctx, const GEOSGeometry* g);
bool is_empty(const GeosContext& ctx, const GEOSGeometry* g);
/// Number of vertices.
int num_points(const GeosContext& ctx, const GEOSGeometry* g);

// --- queries ----------------------------------------------------------------------------------------

PreparedPtr prepare(const GeosContext& ctx, const GEOSGeometry* g);
/// True if the point lies in the interior of the prepared geometry (points on its boundary are not
/// contained). GEOS 3.11 has no GEOSPreparedContainsXY_r (3.12): a point geometry is created per call.
bool contains_point(const GeosContext& ctx, const GEOSPreparedGeometry* prepared, double lon, double lat);
/// Bounding box; an empty geometry gives an invalid BBox (BBox::valid() false).
BBox envelope(const GeosContext& ctx, const GEOSGeometry* g);
/// A point guaranteed to lie in the geometry (GEOSPointOnSurface_r); throws geos_error if it is empty.
LonLat point_on_surface(const GeosContext& ctx, const GEOSGeometry* g);
/// Centroid (GEOSGetCentroid_r) in lon/lat; throws geos_error if the geometry is empty.
LonLat centroid(const GeosContext& ctx, const GEOSGeometry* g);

// --- metric helpers ---------------------------------------------------------------------------------

/// A local equirectangular plane tangent to the WGS84 ellipsoid at latitude lat0:
///   x = N(lat0)·cos(lat0)·(lon − lon0),  y = M(lat0)·(lat − lat0)   (angles in radians, metres out)
/// with M and N the meridional and prime-vertical radii of curvature at lat0. Lengths are exact at lat0
/// and off by about tan(lat0)·Δlat (radians) at Δlat from it: < 0.1 % within 5 km north or south at
/// Paris's latitude.
struct LocalPlane {
    double lon0 = 0.0, lat0 = 0.0;
    double m_per_deg_lon = 0.0;  ///< N(lat0)·cos(lat0)·π/180
    double m_per_deg_lat = 0.0;  ///< M(lat0)·π/180

    static LocalPlane at(double lon0, double lat0) noexcept;
    double x(double lon) const noexcept { return (lon - lon0) * m_per_deg_lon; }
    double y(double lat) const noexcept { return (lat - lat0) * m_per_deg_lat; }
    double lon(double x) const noexcept { return lon0 + x / m_per_deg_lon; }
    double lat(double y) const noexcept { return lat0 + y / m_per_deg_lat; }
};

/// Area in m² of a lon/lat geometry: projected onto the LocalPlane at its mean latitude (the latitude of
/// its centroid), then planar area. Accurate to ~0.01 % for a city-scale polygon (a few km) and < 0.5 %
/// for one up to ~50 km tall; not meant for regions or countries. 0 for an empty or non-areal geometry.
double area_m2(const GeosContext& ctx, const GEOSGeometry* g);

/// A deterministic, uniform sample of points inside a polygonal geometry: the centres of a regular grid
/// of `spacing_m` metres (on the LocalPlane at the middle of its bounding box, the grid anchored at the
/// box's south-west corner) that the prepared geometry contains, in row order south to north, west to east.
/// If no grid point falls inside (a polygon smaller or thinner than the spacing), the single point
/// point_on_surface(g). So the count is about area_m2 / spacing_m², and at least 1 for a non-empty g.
/// `prepared` must be prepare(ctx, g). Throws argument_error if spacing_m <= 0 or the grid would exceed
/// `max_points` cells; returns nothing for an empty geometry.
std::vector<LonLat> sample_points(const GeosContext& ctx, const GEOSGeometry* g, const GEOSPreparedGeometry* prepared,
                                  double spacing_m, std::size_t max_points = 50'000'000);

}  // namespace maillon
