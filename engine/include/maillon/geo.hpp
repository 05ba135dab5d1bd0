#pragma once
// Coordinates and distances. Fixed-point WGS84 like OSM itself (1e-7 degree, ~1 cm),
// so that coordinates round-trip exactly through the graph file.

#include <cmath>
#include <cstdint>

namespace maillon {

struct Coord {
    std::int32_t lon_e7 = 0;
    std::int32_t lat_e7 = 0;

    static Coord from_degrees(double lon, double lat) noexcept {
        return {static_cast<std::int32_t>(std::lround(lon * 1e7)), static_cast<std::int32_t>(std::lround(lat * 1e7))};
    }
    double lon() const noexcept { return lon_e7 * 1e-7; }
    double lat() const noexcept { return lat_e7 * 1e-7; }
    friend bool operator==(Coord a, Coord b) noexcept { return a.lon_e7 == b.lon_e7 && a.lat_e7 == b.lat_e7; }
    friend bool operator!=(Coord a, Coord b) noexcept { return !(a == b); }
};

/// Mean Earth radius (IUGG), the one osmium::geom::haversine uses too.
constexpr double earth_radius_m = 6371008.8;

/// Great-circle distance in metres.
double haversine_m(Coord a, Coord b) noexcept;

/// Length of a short segment in metres: equirectangular projection at the mid latitude, within
/// 1e-6 of haversine below 10 km (way segments are metres to hundreds of metres) and several
/// times cheaper (one cosine, one square root); haversine beyond 10 km.
double segment_length_m(Coord a, Coord b) noexcept;

struct BBox {
    double min_lon = 180.0, min_lat = 90.0, max_lon = -180.0, max_lat = -90.0;
    bool valid() const noexcept { return min_lon <= max_lon && min_lat <= max_lat; }
    void extend(Coord c) noexcept {
        min_lon = std::fmin(min_lon, c.lon());
        min_lat = std::fmin(min_lat, c.lat());
        max_lon = std::fmax(max_lon, c.lon());
        max_lat = std::fmax(max_lat, c.lat());
    }
};

}  // namespace maillon
