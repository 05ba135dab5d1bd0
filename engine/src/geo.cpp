#include "maillon/geo.hpp"

namespace maillon {

double haversine_m(Coord a, Coord b) noexcept {
    constexpr double deg = M_PI / 180.0;
    const double lat1 = a.lat() * deg;
    const double lat2 = b.lat() * deg;
    const double dlat = lat2 - lat1;
    const double dlon = (b.lon() - a.lon()) * deg;
    const double s = std::sin(dlat / 2) * std::sin(dlat / 2) +
                     std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
    return 2.0 * earth_radius_m * std::asin(std::fmin(1.0, std::sqrt(s)));
}

double segment_length_m(Coord a, Coord b) noexcept {
    constexpr double deg = M_PI / 180.0;
    const double dlat = (b.lat_e7 - a.lat_e7) * 1e-7 * deg;
    const double mid_lat = (a.lat_e7 + static_cast<double>(b.lat_e7)) * 0.5e-7 * deg;
    const double dlon = (b.lon_e7 - a.lon_e7) * 1e-7 * deg * std::cos(mid_lat);
    const double d = earth_radius_m * std::sqrt(dlat * dlat + dlon * dlon);
    return d < 10000.0 ? d : haversine_m(a, b);
}

}  // namespace maillon
