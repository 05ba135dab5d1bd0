#pragma once
// Area and centroid of rings in a local equirectangular plane, for buildings, POIs and communes (places.hpp).

#include "maillon/geo.hpp"

#include <osmium/osm/location.hpp>

#include <cmath>
#include <cstdint>
#include <optional>

namespace maillon::importers {

/// Origin: the first vertex added, x scaled by the cosine of its latitude. Within 0.1 % of geodesic areas for
/// buildings and communes.
class AreaMoments {
public:
    /// Adds a closed ring (first vertex == last vertex) of n vertices, loc(i) its i-th location;
    /// an outer ring adds its area, a hole removes it, whatever the rings' orientation.
    template <typename LocationAt>
    void add_ring(std::size_t n, LocationAt loc, bool hole) {
        if (n == 0) return;
        if (!m_origin) {
            const osmium::Location o = loc(0);
            m_origin = o;
            const double meters_per_degree = earth_radius_m * 3.14159265358979323846 / 180.0;
            m_ky = meters_per_degree * 1e-7;
            m_kx = m_ky * std::cos(o.lat() * 3.14159265358979323846 / 180.0);
        }
        double a2 = 0, mx = 0, my = 0;
        double px = x(loc(0)), py = y(loc(0));
        for (std::size_t i = 1; i < n; ++i) {
            const osmium::Location l = loc(i);
            const double qx = x(l), qy = y(l);
            const double cross = px * qy - qx * py;
            a2 += cross;
            mx += (px + qx) * cross;
            my += (py + qy) * cross;
            m_sum_x += px;
            m_sum_y += py;
            ++m_vertices;
            px = qx;
            py = qy;
        }
        const double sign = (a2 >= 0 ? 1.0 : -1.0) * (hole ? -1.0 : 1.0);
        m_a2 += sign * a2;
        m_mx += sign * mx;
        m_my += sign * my;
    }

    double area_m2() const noexcept { return std::fabs(m_a2) / 2.0; }

    /// Area-weighted centroid; the mean vertex for a degenerate area.
    Coord centroid() const noexcept {
        if (!m_origin || m_vertices == 0) return {};
        double cx = m_sum_x / static_cast<double>(m_vertices);
        double cy = m_sum_y / static_cast<double>(m_vertices);
        if (std::fabs(m_a2) > 1e-6) {
            cx = m_mx / (3.0 * m_a2);
            cy = m_my / (3.0 * m_a2);
        }
        return Coord{static_cast<std::int32_t>(std::lround(m_origin->x() + cx / m_kx)),
                     static_cast<std::int32_t>(std::lround(m_origin->y() + cy / m_ky))};
    }

private:
    double x(osmium::Location l) const noexcept { return (l.x() - m_origin->x()) * m_kx; }
    double y(osmium::Location l) const noexcept { return (l.y() - m_origin->y()) * m_ky; }

    std::optional<osmium::Location> m_origin;
    double m_kx = 0, m_ky = 0;
    double m_a2 = 0, m_mx = 0, m_my = 0;
    double m_sum_x = 0, m_sum_y = 0;
    std::size_t m_vertices = 0;
};

}  // namespace maillon::importers
