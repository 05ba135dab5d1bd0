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

}  // namespace maillon
