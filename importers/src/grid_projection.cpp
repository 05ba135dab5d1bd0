// EPSG:3035 (ETRS89-LAEA, the INSEE/INSPIRE grid) to WGS84 with PROJ's C API: the corners of the
// grid cells near the extract, and the extract's box in grid metres to select them. ETRS89 and
// WGS84 are taken as equal (PROJ's ballpark, the EPSG's own 1 m transformation): far below the
// 200 m of a cell.

#include "maillon/importers/population_grid.hpp"

#include "maillon/errors.hpp"

#include <proj.h>

#include <cmath>
#include <memory>
#include <string>

namespace maillon {
namespace {

/// A PROJ context and the normalised (easting, northing) → (longitude, latitude) transformation.
class Laea {
public:
    Laea() : m_ctx(proj_context_create(), proj_context_destroy) {
        if (!m_ctx) throw input_error{"PROJ: cannot create a context (out of memory)"};
        proj_log_level(m_ctx.get(), PJ_LOG_NONE);
        PJ* raw = proj_create_crs_to_crs(m_ctx.get(), "EPSG:3035", "EPSG:4326", nullptr);
        if (!raw) fail("cannot create the EPSG:3035 to WGS84 transformation");
        // EPSG:4326 is latitude first and EPSG:3035 northing first: normalise both to x, y order.
        m_pj.reset(proj_normalize_for_visualization(m_ctx.get(), raw));
        proj_destroy(raw);
        if (!m_pj) fail("cannot normalise the EPSG:3035 to WGS84 transformation");
    }

    PJ_CONTEXT* context() const noexcept { return m_ctx.get(); }
    PJ* transformation() const noexcept { return m_pj.get(); }

    [[noreturn]] void fail(const std::string& what) const {
        const int code = proj_context_errno(m_ctx.get());
        throw input_error{"PROJ: " + what + ": " + (code ? proj_context_errno_string(m_ctx.get(), code) : "unknown error") +
                          " (is PROJ's database installed? apt-get install proj-data)"};
    }

private:
    struct PjDeleter {
        void operator()(PJ* p) const noexcept { proj_destroy(p); }
    };
    std::unique_ptr<PJ_CONTEXT, decltype(&proj_context_destroy)> m_ctx;
    std::unique_ptr<PJ, PjDeleter> m_pj;
};

void project(const Laea& laea, std::vector<double>& x, std::vector<double>& y, PJ_DIRECTION direction = PJ_FWD) {
    if (x.empty()) return;
    const std::size_t n = proj_trans_generic(laea.transformation(), direction, x.data(), sizeof(double), x.size(), y.data(),
                                             sizeof(double), y.size(), nullptr, 0, 0, nullptr, 0, 0);
    if (n != x.size()) laea.fail("projecting grid corners");
    for (std::size_t i = 0; i < x.size() && direction == PJ_FWD; ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i]) || std::fabs(x[i]) > 180 || std::fabs(y[i]) > 90) {
            throw input_error{"PROJ: grid corner E " + std::to_string(x[i]) + ", N " + std::to_string(y[i]) +
                              " has no WGS84 position: the cell ids are not EPSG:3035 metres"};
        }
    }
}

}  // namespace

void laea_to_wgs84(std::vector<double>& x, std::vector<double>& y) { project(Laea{}, x, y); }

void wgs84_to_laea(std::vector<double>& x, std::vector<double>& y) {
    const Laea laea;
    project(laea, x, y, PJ_INV);
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!std::isfinite(x[i]) || !std::isfinite(y[i])) {
            throw input_error{"PROJ: longitude/latitude " + std::to_string(x[i]) + ", " + std::to_string(y[i]) +
                              " has no EPSG:3035 position"};
        }
    }
}

GridCellsNear grid_cells_near(const PopulationGrid& grid, const BBox& box) {
    GridCellsNear out;
    const auto all_far = [&] {
        for (const GridCell& c : grid.cells) out.residents_far += c.residents;
        out.cells_far = grid.cells.size();
        return out;
    };
    if (!box.valid()) return all_far();
    const Laea laea;
    // The box in grid metres: PROJ densifies its edges (21 points each) so that the curved image
    // of the box is inside the bounds returned.
    double e_min = 0, n_min = 0, e_max = 0, n_max = 0;
    if (!proj_trans_bounds(laea.context(), laea.transformation(), PJ_INV, box.min_lon, box.min_lat, box.max_lon, box.max_lat,
                           &e_min, &n_min, &e_max, &n_max, 21)) {
        laea.fail("projecting the extract's box");
    }
    std::vector<const GridCell*> near;
    for (const GridCell& c : grid.cells) {
        const double e = static_cast<double>(c.id.east), n = static_cast<double>(c.id.north), s = c.id.size_m;
        if (e + s < e_min || e > e_max || n + s < n_min || n > n_max) {
            out.residents_far += c.residents;
            ++out.cells_far;
        } else {
            near.push_back(&c);
        }
    }
    std::vector<double> x, y;
    x.reserve(4 * near.size());
    y.reserve(4 * near.size());
    for (const GridCell* c : near) {
        const double e = static_cast<double>(c->id.east), n = static_cast<double>(c->id.north), s = c->id.size_m;
        // Lower-left, lower-right, upper-right, upper-left: counter-clockwise.
        x.insert(x.end(), {e, e + s, e + s, e});
        y.insert(y.end(), {n, n, n + s, n + s});
    }
    project(laea, x, y);
    out.cells.reserve(near.size());
    for (std::size_t i = 0; i < near.size(); ++i) {
        PopulatedCell cell;
        for (std::size_t k = 0; k < 4; ++k) cell.corners[k] = Coord::from_degrees(x[4 * i + k], y[4 * i + k]);
        cell.residents = near[i]->residents;
        out.cells.push_back(cell);
    }
    return out;
}

}  // namespace maillon
