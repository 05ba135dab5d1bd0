// The two resident models of the population step (docs/population.md):
//   grid            INSEE's 200 m cells near the extract (projected by the importer with PROJ),
//                   clipped to the extract's reach (its box grown by coverage.snap_max_m), spread onto buildings or ways; each point then
//                   belongs to the QPV whose polygon contains it;
//   qpv_population  each QPV's declared residents (table or layer field), the share of its area
//                   inside that reach, spread inside its polygon.
// What cannot be placed is counted in the summary and named in a warning, never dropped silently.

#include "population_points.hpp"

#include "maillon/population_spread.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace maillon::analysis {
namespace {

std::string percent(double share) { return std::to_string(static_cast<int>(std::lround(100 * share))) + " %"; }

SpreadParams spread_params(const CoverageParams& p, std::size_t already) {
    SpreadParams s;
    s.way_step_m = p.spread_step_m;
    const auto bound = static_cast<std::size_t>(p.max_points);
    s.max_points = bound > already ? bound - already : 0;
    return s;
}

}  // namespace

bool grid_population(const Graph& g, const QpvLayer& qpv, const PopulationGrid& grid, const CoverageParams& p,
                     PopulationBuild& out) {
    const BBox box = out.frame;
    PopulationSummary& sum = out.summary;
    sum.source = "grid";
    sum.residents_read = grid.residents;
    sum.cells_read = grid.cells.size();
    GridCellsNear near = grid_cells_near(grid, box);
    const CellZones zones{std::move(near.cells), box, out.core};
    sum.cells_in_extract = zones.zones().size();
    sum.residents_outside_extract = near.residents_far + zones.residents_outside();
    if (zones.zones().empty() || !(zones.residents_inside() > 0)) {
        out.warnings.push_back("no cell of population grid '" + grid.path + "' (" + std::to_string(grid.cells.size()) +
                               " cells, " + people_text(grid.residents) + " residents) lies in the extract's reach (" + box_text(box) +
                               "): is it the grid of this region? The area model is kept (figures in hectares, not residents)");
        sum.residents_in_extract = 0;
        return false;
    }
    SpreadResult spread = spread_residents(g, zones.zones(), [&](std::size_t z, Coord c) { return zones.contains(z, c); },
                                           spread_params(p, 0));
    // Cell parts beyond the extract's last ways, with nothing to hold their residents: outside.
    sum.residents_in_extract = zones.residents_inside();
    for (std::size_t z = 0; z < spread.how.size(); ++z) {
        sum.cells_on_buildings += spread.how[z] == SpreadHow::buildings;
        sum.cells_on_ways += spread.how[z] == SpreadHow::ways;
        sum.cells_at_centre += spread.how[z] == SpreadHow::fallback;
        if (spread.how[z] != SpreadHow::unplaced) continue;
        --sum.cells_in_extract;
        sum.residents_in_extract -= zones.zones()[z].residents;
        sum.residents_outside_extract += zones.zones()[z].residents;
    }
    // A resident belongs to the QPV whose polygon contains its point (its interior: a point on the
    // boundary itself is in none; QpvLayer::find, GEOS).
    sum.residents_in_qpv = 0;
    std::vector<double> by_qpv(qpv.size(), 0.0);
    for (PopulationPoint& pt : spread.points) {
        const long q = qpv.size() > 0 ? qpv.find(pt.coord.lon(), pt.coord.lat()) : -1;
        pt.qpv = static_cast<std::int32_t>(q);
        if (q < 0) continue;
        sum.residents_in_qpv += pt.residents;
        by_qpv[static_cast<std::size_t>(q)] += pt.residents;
    }
    out.points = std::move(spread.points);

    if (sum.residents_outside_extract >= 0.5) {
        out.warnings.push_back("population grid '" + grid.path + "': " + people_text(sum.residents_outside_extract) + " of its " +
                               people_text(grid.residents) + " residents live outside the extract's reach (" + box_text(box) +
                               ") and are not counted; " + people_text(sum.residents_in_extract) + " are");
    }
    if (sum.cells_at_centre > 0) {
        double at_centre = 0;
        for (std::size_t z = 0; z < spread.how.size(); ++z) {
            if (spread.how[z] == SpreadHow::fallback) at_centre += zones.zones()[z].residents;
        }
        out.warnings.push_back(std::to_string(sum.cells_at_centre) + " populated grid cells (" + people_text(at_centre) +
                               " residents) have neither a residential building nor a walkable way inside the extract's "
                               "reach: their residents are placed at the centre of that part of the cell");
    }
    // The declared populations (table or layer) against the grid, QPV by QPV.
    for (const QpvInArea& a : out.qpv) {
        if (std::isnan(a.declared)) continue;
        const double placed = by_qpv[a.index];
        const double expected = a.declared * a.covered_share;
        if (expected > 0 && std::fabs(placed - expected) > 0.25 * expected) {
            out.warnings.push_back("QPV " + qpv[a.index].label() + ": the grid places " + people_text(placed) +
                                   " residents in its part inside the extract's reach, the " +
                                   (out.summary.source == "qpv_table" ? std::string{"QPV population table"} : std::string{"QPV layer"}) +
                                   " gives " + people_text(a.declared) + " for the whole QPV (" + percent(a.covered_share) +
                                   " of its area inside): " + people_text(expected) + " expected, a difference of " +
                                   percent((placed - expected) / expected));
        }
    }
    sum.source = "grid";
    return true;
}

std::vector<bool> qpv_population(const Graph& g, const QpvLayer& qpv, const CoverageParams& p, PopulationBuild& out) {
    std::vector<bool> placed(out.qpv.size(), false);
    std::vector<SpreadZone> zones;
    std::vector<std::size_t> entry;  // zone → index into out.qpv
    const GeosContext& ctx = qpv.geos();
    const BBox box = out.frame;
    PopulationSummary& sum = out.summary;
    double in_extract = 0;
    for (std::size_t i = 0; i < out.qpv.size(); ++i) {
        const QpvInArea& a = out.qpv[i];
        if (std::isnan(a.declared)) continue;
        placed[i] = true;
        const Qpv& q = qpv[a.index];
        const GEOSGeometry* part = a.clipped ? a.clipped.get() : q.geometry.get();
        const LonLat inside = point_on_surface(ctx, part);
        zones.push_back({a.clipped ? envelope(ctx, part) : q.bbox, a.declared * a.covered_share,
                         Coord::from_degrees(inside.lon, inside.lat)});
        entry.push_back(i);
        in_extract += a.declared * a.covered_share;
        if (a.covered_share < 0.995 && a.declared > 0) {
            out.warnings.push_back("QPV " + q.label() + ": " + people_text(a.declared) + " residents declared, " +
                                   percent(a.covered_share) + " of its area lies in the extract's reach (" + box_text(box) +
                                   "): " + people_text(a.declared * a.covered_share) + " counted, the other " +
                                   people_text(a.declared * (1 - a.covered_share)) + " live outside it and are not");
        }
    }
    if (zones.empty()) return placed;
    const auto contains = [&](std::size_t z, Coord c) {
        const double lon = c.lon(), lat = c.lat();
        if (lon < box.min_lon || lon > box.max_lon || lat < box.min_lat || lat > box.max_lat) return false;
        return contains_point(ctx, qpv[out.qpv[entry[z]].index].prepared.get(), lon, lat);
    };
    SpreadResult spread = spread_residents(g, zones, contains, spread_params(p, out.points.size()));
    // Weights stay hectares, as everywhere in this model: each QPV's area inside the extract shared
    // out like its residents.
    for (std::size_t k = 0; k < spread.points.size(); ++k) {
        PopulationPoint& pt = spread.points[k];
        const std::size_t z = spread.zone[k];
        const QpvInArea& a = out.qpv[entry[z]];
        pt.qpv = static_cast<std::int32_t>(a.index);
        pt.weight = zones[z].residents > 0 ? static_cast<float>(a.area_in_extract_ha * (pt.residents / zones[z].residents)) : 0.F;
        out.points.push_back(pt);
    }
    sum.residents_in_extract = in_extract;
    sum.residents_in_qpv = in_extract;
    sum.residents_outside_extract = std::max(0.0, sum.residents_read - in_extract);
    return placed;
}

}  // namespace maillon::analysis
