// Residents of zones (grid cells, QPV) onto buildings, else walkable ways, else one point
// (population_spread.hpp). Boost.Geometry R-trees find the zones of a building or a way piece;
// cell areas and clipping are Boost.Geometry operations in the local metric plane.

#include "maillon/population_spread.hpp"

#include "maillon/errors.hpp"
#include "maillon/spatial_index.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace maillon {
namespace {

using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Box = bg::model::box<Point>;
using Polygon = bg::model::polygon<Point, false>;  // counter-clockwise, closed
using BoxValue = std::pair<Box, std::uint32_t>;
using ZoneTree = bgi::rtree<BoxValue, bgi::rstar<16>>;

Box degrees_box(const BBox& b) { return Box{Point{b.min_lon, b.min_lat}, Point{b.max_lon, b.max_lat}}; }

/// Zones with residents to place, by bounding box (degrees).
ZoneTree zone_tree(const std::vector<SpreadZone>& zones, const std::vector<std::uint8_t>& take) {
    std::vector<BoxValue> values;
    for (std::uint32_t z = 0; z < zones.size(); ++z) {
        if (take[z]) values.emplace_back(degrees_box(zones[z].box), z);
    }
    return ZoneTree{values.begin(), values.end()};  // packing constructor
}

/// The lowest-index zone of the tree's candidates at c that contains c, or -1.
template <typename Contains>
long first_zone(const ZoneTree& tree, Coord c, const Contains& contains, std::vector<BoxValue>& hits) {
    hits.clear();
    tree.query(bgi::intersects(Point{c.lon(), c.lat()}), std::back_inserter(hits));
    long best = -1;
    for (const BoxValue& h : hits) {
        if ((best < 0 || h.second < static_cast<std::uint32_t>(best)) && contains(h.second, c)) best = h.second;
    }
    return best;
}

struct WaySample {
    std::uint32_t zone;
    Coord position;
    double length_m;
};

void check_count(std::size_t n, const SpreadParams& p) {
    if (n > p.max_points) {
        throw input_error{"spreading the residents would make more than " + std::to_string(p.max_points) +
                          " population points (coverage.max_points): the population source covers far more than "
                          "the extract can hold; cut it to the extract's area (data-scripts/fetch-population.sh "
                          "--bbox) or raise coverage.max_points in the profile"};
    }
}

}  // namespace

bool boxes_overlap(const BBox& a, const BBox& b) noexcept {
    return a.min_lon <= b.max_lon && b.min_lon <= a.max_lon && a.min_lat <= b.max_lat && b.min_lat <= a.max_lat;
}

bool box_within(const BBox& inner, const BBox& outer) noexcept {
    return inner.min_lon >= outer.min_lon && inner.max_lon <= outer.max_lon && inner.min_lat >= outer.min_lat &&
           inner.max_lat <= outer.max_lat;
}

BBox box_intersection(const BBox& a, const BBox& b) noexcept {
    return BBox{std::max(a.min_lon, b.min_lon), std::max(a.min_lat, b.min_lat), std::min(a.max_lon, b.max_lon),
                std::min(a.max_lat, b.max_lat)};
}

SpreadResult spread_residents(const Graph& g, const std::vector<SpreadZone>& zones,
                              const std::function<bool(std::size_t, Coord)>& contains, const SpreadParams& p) {
    const auto& d = g.data();
    SpreadResult out;
    out.how.assign(zones.size(), SpreadHow::none);
    std::vector<std::uint8_t> populated(zones.size(), 0);
    for (std::size_t z = 0; z < zones.size(); ++z) populated[z] = zones[z].residents > 0 ? 1 : 0;
    std::vector<BoxValue> hits;

    // 1. Buildings: each residential one to the zone holding its centroid.
    const ZoneTree all = zone_tree(zones, populated);
    std::vector<std::int32_t> building_zone(g.building_count(), -1);
    std::vector<double> floor(zones.size(), 0.0);
    std::size_t assigned = 0;
    for (std::size_t b = 0; b < g.building_count() && !all.empty(); ++b) {
        const double f = static_cast<double>(d.building_floor_m2[b]) * d.building_residential_pct[b] / 100.0;
        if (!(f > 0)) continue;
        const long z = first_zone(all, d.building_coord[b], contains, hits);
        if (z < 0) continue;
        building_zone[b] = static_cast<std::int32_t>(z);
        floor[static_cast<std::size_t>(z)] += f;
        ++assigned;
    }
    // Zones whose buildings cannot house their residents: their buildings are mostly unmapped.
    for (std::size_t z = 0; z < zones.size(); ++z) {
        if (floor[z] > 0 && floor[z] < p.min_floor_m2_per_resident * zones[z].residents) floor[z] = 0;
    }
    for (std::int32_t& z : building_zone) {
        if (z >= 0 && floor[static_cast<std::size_t>(z)] <= 0) z = -1, --assigned;
    }
    check_count(assigned, p);

    // 2. Zones without (enough) residential buildings: pieces of their walkable ways.
    std::vector<std::uint8_t> need(zones.size(), 0);
    for (std::size_t z = 0; z < zones.size(); ++z) need[z] = populated[z] && floor[z] <= 0 ? 1 : 0;
    const ZoneTree wanting = zone_tree(zones, need);
    std::vector<WaySample> samples;
    std::vector<double> way_length(zones.size(), 0.0);
    for (EdgeId e = 0; e < g.edge_count() && !wanting.empty(); ++e) {
        if (!g.allows(arc_of(e, false), Mode::foot) && !g.allows(arc_of(e, true), Mode::foot)) continue;
        const std::uint32_t first = d.edge_shape_begin[e], last = d.edge_shape_begin[e + 1];
        BBox eb;
        for (std::uint32_t i = first; i < last; ++i) eb.extend(d.shape[i]);
        hits.clear();
        wanting.query(bgi::intersects(degrees_box(eb)), std::back_inserter(hits));
        if (hits.empty()) continue;
        std::sort(hits.begin(), hits.end(), [](const BoxValue& a, const BoxValue& b) { return a.second < b.second; });
        for (std::uint32_t i = first; i + 1 < last; ++i) {
            const Coord a = d.shape[i], b = d.shape[i + 1];
            const double len = segment_length_m(a, b);
            const auto pieces = static_cast<std::size_t>(std::max(1.0, std::ceil(len / p.way_step_m)));
            for (std::size_t k = 0; k < pieces; ++k) {
                const double t = (static_cast<double>(k) + 0.5) / static_cast<double>(pieces);
                const Coord mid = Coord::from_degrees(a.lon() + t * (b.lon() - a.lon()), a.lat() + t * (b.lat() - a.lat()));
                for (const BoxValue& h : hits) {
                    if (!contains(h.second, mid)) continue;
                    samples.push_back({h.second, mid, len / static_cast<double>(pieces)});
                    way_length[h.second] += len / static_cast<double>(pieces);
                    break;
                }
            }
            check_count(assigned + samples.size(), p);
        }
    }

    // 3. Points: buildings, way pieces, then one point per zone left with neither.
    std::size_t fallbacks = 0;
    for (std::size_t z = 0; z < zones.size(); ++z) {
        if (!populated[z]) continue;
        if (floor[z] > 0) out.how[z] = SpreadHow::buildings;
        else if (way_length[z] > 0) out.how[z] = SpreadHow::ways;
        else if (zones[z].may_fall_back) out.how[z] = SpreadHow::fallback, ++fallbacks;
        else out.how[z] = SpreadHow::unplaced;
    }
    check_count(assigned + samples.size() + fallbacks, p);
    out.points.reserve(assigned + samples.size() + fallbacks);
    out.zone.reserve(out.points.capacity());
    const auto emit = [&](std::uint32_t z, Coord c, double residents) {
        PopulationPoint pt;
        pt.coord = c;
        pt.residents = residents;
        pt.weight = static_cast<float>(residents);
        out.points.push_back(pt);
        out.zone.push_back(z);
    };
    for (std::size_t b = 0; b < building_zone.size(); ++b) {
        if (building_zone[b] < 0) continue;
        const auto z = static_cast<std::uint32_t>(building_zone[b]);
        const double f = static_cast<double>(d.building_floor_m2[b]) * d.building_residential_pct[b] / 100.0;
        emit(z, d.building_coord[b], zones[z].residents * (f / floor[z]));
    }
    for (const WaySample& s : samples) {
        if (out.how[s.zone] != SpreadHow::ways) continue;  // the zone has buildings (cannot happen: sampled only without)
        emit(s.zone, s.position, zones[s.zone].residents * (s.length_m / way_length[s.zone]));
    }
    for (std::uint32_t z = 0; z < zones.size(); ++z) {
        if (out.how[z] == SpreadHow::fallback) emit(z, zones[z].fallback, zones[z].residents);
    }
    return out;
}

// --- grid cells ---------------------------------------------------------------------------------

struct CellZones::Impl {
    LocalProjection proj;
    std::vector<Polygon> polygons;  // per zone, the whole cell in the local plane
};

CellZones::CellZones(std::vector<PopulatedCell> cells, const BBox& extract, const BBox& core)
    : m_cells(std::move(cells)), m_extract(extract), m_impl(std::make_unique<Impl>()) {
    m_impl->proj = LocalProjection::around(extract);
    const LocalProjection& proj = m_impl->proj;
    const Coord lo = Coord::from_degrees(extract.min_lon, extract.min_lat);
    const Coord hi = Coord::from_degrees(extract.max_lon, extract.max_lat);
    const Box extract_plane{Point{proj.x(lo), proj.y(lo)}, Point{proj.x(hi), proj.y(hi)}};
    for (std::uint32_t i = 0; i < m_cells.size(); ++i) {
        const PopulatedCell& c = m_cells[i];
        BBox box;
        for (const Coord x : c.corners) box.extend(x);
        if (!extract.valid() || !boxes_overlap(box, extract)) {
            m_outside += c.residents;
            ++m_cells_outside;
            continue;
        }
        Polygon poly;
        for (const Coord x : c.corners) bg::append(poly.outer(), Point{proj.x(x), proj.y(x)});
        bg::append(poly.outer(), Point{proj.x(c.corners[0]), proj.y(c.corners[0])});
        bg::correct(poly);
        double share = 1.0;
        Point centre{0, 0};
        if (box_within(box, extract)) {
            bg::centroid(poly, centre);
        } else {
            bg::model::multi_polygon<Polygon> part;
            bg::intersection(poly, extract_plane, part);
            const double whole = bg::area(poly);
            share = whole > 0 ? std::clamp(bg::area(part) / whole, 0.0, 1.0) : 0.0;
            if (share > 0) bg::centroid(part, centre);
        }
        if (!(share > 0)) {
            m_outside += c.residents;
            ++m_cells_outside;
            continue;
        }
        const Coord at = proj.unproject(bg::get<0>(centre), bg::get<1>(centre));
        const bool in_core = at.lon() >= core.min_lon && at.lon() <= core.max_lon && at.lat() >= core.min_lat &&
                             at.lat() <= core.max_lat;
        m_zones.push_back({box_intersection(box, extract), c.residents * share, at, in_core});
        m_cell.push_back(i);
        m_share.push_back(share);
        m_impl->polygons.push_back(std::move(poly));
        m_inside += c.residents * share;
        m_outside += c.residents * (1.0 - share);
    }
}

CellZones::~CellZones() = default;
CellZones::CellZones(CellZones&&) noexcept = default;
CellZones& CellZones::operator=(CellZones&&) noexcept = default;

bool CellZones::contains(std::size_t zone, Coord c) const {
    const double lon = c.lon(), lat = c.lat();
    if (lon < m_extract.min_lon || lon > m_extract.max_lon || lat < m_extract.min_lat || lat > m_extract.max_lat) return false;
    return bg::covered_by(Point{m_impl->proj.x(c), m_impl->proj.y(c)}, m_impl->polygons[zone]);
}

}  // namespace maillon
