// The population step's frame (docs/population.md): which QPV are in the area and how much of
// each lies in the extract, their declared populations, the model, and the area model's points.
// Everything is generated only inside the extract's reach (its box grown by coverage.snap_max_m)
// and bounded by coverage.max_points: a QPV polygon the size of the world costs no more than the
// extract itself.

#include "population_points.hpp"

#include "maillon/errors.hpp"
#include "maillon/population_spread.hpp"
#include "maillon/spatial_index.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <unordered_set>

namespace maillon::analysis {
namespace {

std::size_t max_points(const CoverageParams& p) { return static_cast<std::size_t>(p.max_points); }

/// The QPV of the area (those whose box meets the graph's box), the share of each inside the
/// frame, and their declared residents (the --qpv-population table, else the layer's field).
void qpv_of_area(const QpvLayer& qpv, const PopulationInputs& in, PopulationBuild& out) {
    const BBox area = out.core;
    const BBox box = out.frame;
    if (!box.valid()) return;
    const GeosContext& ctx = qpv.geos();
    GeomPtr box_polygon;
    std::vector<long> entry_of(qpv.size(), -1);
    for (std::size_t q = 0; q < qpv.size(); ++q) {
        if (!boxes_overlap(qpv[q].bbox, area)) continue;
        QpvInArea a;
        a.index = q;
        if (box_within(qpv[q].bbox, box)) {
            a.area_in_extract_ha = qpv[q].area_m2 / 1e4;
        } else {
            if (!box_polygon) {
                box_polygon = make_polygon(ctx, {{{box.min_lon, box.min_lat}, {box.max_lon, box.min_lat}, {box.max_lon, box.max_lat},
                                                  {box.min_lon, box.max_lat}, {box.min_lon, box.min_lat}}});
            }
            a.clipped = adopt(ctx, GEOSIntersection_r(ctx.handle(), qpv[q].geometry.get(), box_polygon.get()),
                              "clipping a QPV to the extract");
            const double inside = area_m2(ctx, a.clipped.get());
            a.covered_share = qpv[q].area_m2 > 0 ? std::clamp(inside / qpv[q].area_m2, 0.0, 1.0) : 0.0;
            a.area_in_extract_ha = inside / 1e4;
        }
        if (qpv[q].population) a.declared = *qpv[q].population;
        entry_of[q] = static_cast<long>(out.qpv.size());
        out.qpv.push_back(std::move(a));
    }
    if (qpv.size() > 0 && !qpv.fields.population.empty()) {
        out.summary.source = "qpv_layer";
        out.summary.residents_read = 0;
        for (const Qpv& q : qpv.qpv) out.summary.residents_read += q.population.value_or(0.0);
    }
    if (!in.qpv_table) return;
    // The table wins over the layer's field: it was given explicitly.
    out.summary.source = "qpv_table";
    out.summary.residents_read = 0;
    for (auto& a : out.qpv) a.declared = std::numeric_limits<double>::quiet_NaN();
    std::map<std::string, long> by_upper_code;
    for (std::size_t q = 0; q < qpv.size(); ++q) {
        std::string c = qpv[q].code;
        std::transform(c.begin(), c.end(), c.begin(), [](unsigned char x) { return static_cast<char>(std::toupper(x)); });
        by_upper_code.emplace(c, static_cast<long>(q));
    }
    for (const QpvPopulationRow& row : in.qpv_table->rows) {
        out.summary.residents_read += row.residents;
        std::string c = row.code;
        std::transform(c.begin(), c.end(), c.begin(), [](unsigned char x) { return static_cast<char>(std::toupper(x)); });
        const auto it = by_upper_code.find(c);
        if (it == by_upper_code.end()) {
            out.summary.table_codes_not_in_layer.push_back(row.code);
            continue;
        }
        const long e = entry_of[static_cast<std::size_t>(it->second)];
        if (e >= 0) out.qpv[static_cast<std::size_t>(e)].declared = row.residents;
    }
    const auto& missing = out.summary.table_codes_not_in_layer;
    if (!missing.empty()) {
        std::string list;
        for (std::size_t i = 0; i < missing.size(); ++i) list += (i ? ", " : "") + missing[i];
        out.warnings.push_back(std::to_string(missing.size()) + " of the " + std::to_string(in.qpv_table->rows.size()) +
                               " codes of QPV population table '" + in.qpv_table->path + "' are not in the QPV layer '" +
                               qpv.path + "' (another QPV generation? 2015 codes are QP…, 2024 codes QN…): " + list);
    }
}

/// Inside each QPV of the area not placed otherwise, a grid every spacing_m over its part of the
/// frame, each point weighing its cell's area in hectares.
void qpv_area_points(const QpvLayer& qpv, const CoverageParams& p, const std::vector<bool>& placed, PopulationBuild& out) {
    const BBox box = out.frame;
    const LocalProjection proj = LocalProjection::around(box);
    for (std::size_t i = 0; i < out.qpv.size(); ++i) {
        if (placed[i]) continue;
        const std::size_t q = out.qpv[i].index;
        const BBox part = box_intersection(qpv[q].bbox, box);
        // Bound first: the count of grid cells over the part, before making any.
        const double w = proj.x(Coord::from_degrees(part.max_lon, part.min_lat)) - proj.x(Coord::from_degrees(part.min_lon, part.min_lat));
        const double h = proj.y(Coord::from_degrees(part.min_lon, part.max_lat)) - proj.y(Coord::from_degrees(part.min_lon, part.min_lat));
        const double cells = std::ceil(w / p.point_spacing_m) * std::ceil(h / p.point_spacing_m);
        if (static_cast<double>(out.points.size()) + cells > p.max_points) {
            throw input_error{"QPV " + qpv[q].label() + " spans " + std::to_string(static_cast<long long>(w * h / 1e6)) +
                              " km² of the extract's reach: its population grid every " +
                              std::to_string(static_cast<int>(p.point_spacing_m)) + " m would need up to " +
                              std::to_string(static_cast<long long>(cells)) + " points, more than coverage.max_points (" +
                              std::to_string(max_points(p)) + "). Check the QPV layer '" + qpv.path +
                              "' (a QPV is a neighbourhood, not a region), or raise coverage.point_spacing_m"};
        }
        auto grid = grid_points(part, p.point_spacing_m, [&](Coord c) { return qpv.find(c.lon(), c.lat()) == static_cast<long>(q); });
        if (grid.empty()) {
            out.warnings.push_back("QPV " + qpv[q].label() + " is smaller than the " + std::to_string(static_cast<int>(p.point_spacing_m)) +
                                   " m population grid: it has no population point");
        }
        for (PopulationPoint& pt : grid) {
            pt.qpv = static_cast<std::int32_t>(q);
            out.points.push_back(pt);
        }
    }
}

/// Territory outside the QPV: one point per 100 m cell that a street or path runs through (cells
/// with no way are not territory), each weighing a hectare.
void territory_points(const Graph& g, const QpvLayer& qpv, const CoverageParams& p, PopulationBuild& out) {
    constexpr double cell = 100.0;
    const LocalProjection proj = LocalProjection::around(out.core);
    std::unordered_set<std::int64_t> cells;
    const auto key = [](std::int64_t cx, std::int64_t cy) { return cx * 4000037LL + cy; };
    for (const Coord c : g.data().shape) {
        const auto cx = static_cast<std::int64_t>(std::floor(proj.x(c) / cell));
        const auto cy = static_cast<std::int64_t>(std::floor(proj.y(c) / cell));
        if (!cells.insert(key(cx, cy)).second) continue;
        const Coord center = proj.unproject((static_cast<double>(cx) + 0.5) * cell, (static_cast<double>(cy) + 0.5) * cell);
        if (qpv.size() > 0 && qpv.find(center.lon(), center.lat()) >= 0) continue;  // QPV have their own finer points
        out.points.push_back(PopulationPoint{center, 1.0F});
    }
    if (static_cast<double>(out.points.size()) > p.max_points) {
        throw input_error{"the extract needs " + std::to_string(out.points.size()) + " population points, more than "
                          "coverage.max_points (" + std::to_string(max_points(p)) + "): raise it in the profile"};
    }
}

/// With a study area: the QPV of the area are those that meet it, each with the share of its
/// polygon inside the area (and the extract's reach); points say whether they lie inside it.
void apply_study_area(const QpvLayer& qpv, const StudyArea& area, PopulationBuild& out) {
    for (PopulationPoint& pt : out.points) {
        const Coord c = pt.coord;
        pt.in_area = c.lon() >= area.bbox.min_lon && c.lon() <= area.bbox.max_lon && c.lat() >= area.bbox.min_lat &&
                     c.lat() <= area.bbox.max_lat && area.contains(c);
    }
    if (out.qpv.empty()) return;
    const GeosContext& ctx = qpv.geos();
    // The area's geometry copied into the QPV layer's context, clipped to the extract's reach.
    const BBox& box = out.frame;
    const GeomPtr frame = make_polygon(ctx, {{{box.min_lon, box.min_lat}, {box.max_lon, box.min_lat}, {box.max_lon, box.max_lat},
                                              {box.min_lon, box.max_lat}, {box.min_lon, box.min_lat}}});
    const GeomPtr copy = adopt(ctx, GEOSGeom_clone_r(ctx.handle(), area.geometry()), "copying the study area");
    const GeomPtr reach = adopt(ctx, GEOSIntersection_r(ctx.handle(), copy.get(), frame.get()), "clipping the study area");
    std::vector<QpvInArea> kept;
    for (QpvInArea& a : out.qpv) {
        const Qpv& q = qpv[a.index];
        if (!boxes_overlap(q.bbox, area.bbox)) continue;
        GeomPtr inside = adopt(ctx, GEOSIntersection_r(ctx.handle(), q.geometry.get(), reach.get()), "clipping a QPV to the area");
        const double m2 = area_m2(ctx, inside.get());
        if (m2 <= 0) continue;
        a.covered_share = q.area_m2 > 0 ? std::clamp(m2 / q.area_m2, 0.0, 1.0) : 0.0;
        a.area_in_extract_ha = m2 / 1e4;
        kept.push_back(std::move(a));
    }
    out.qpv = std::move(kept);
}

}  // namespace

BBox reach_of(const BBox& box, double margin_m) {
    const BBox& b = box;
    if (!b.valid()) return b;
    const double dlat = margin_m / (earth_radius_m * M_PI / 180.0);
    const double dlon = dlat / std::max(0.01, std::cos(std::max(std::fabs(b.min_lat), std::fabs(b.max_lat)) * M_PI / 180.0));
    return BBox{std::max(-180.0, b.min_lon - dlon), std::max(-90.0, b.min_lat - dlat), std::min(180.0, b.max_lon + dlon),
                std::min(90.0, b.max_lat + dlat)};
}

std::string box_text(const BBox& b) {
    char s[96];
    std::snprintf(s, sizeof s, "lon %.4f–%.4f, lat %.4f–%.4f", b.min_lon, b.max_lon, b.min_lat, b.max_lat);
    return s;
}

std::string people_text(double residents) {
    std::string digits = std::to_string(static_cast<long long>(std::llround(residents)));
    const bool negative = !digits.empty() && digits[0] == '-';
    if (negative) digits.erase(0, 1);
    for (auto i = static_cast<long>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
    return (negative ? "-" : "") + digits;
}

PopulationBuild build_population(const Graph& g, const QpvLayer& qpv, const CoverageParams& p,
                                 const PopulationInputs& inputs) {
    PopulationBuild out;
    out.core = g.bbox();
    out.frame = reach_of(out.core, p.snap_max_m);
    qpv_of_area(qpv, inputs, out);
    if (inputs.grid && grid_population(g, qpv, *inputs.grid, p, out)) {
        out.model = PopulationModel::grid;
        out.residents_known = true;
        if (inputs.area) apply_study_area(qpv, *inputs.area, out);
        return out;
    }
    // The area model, with the QPV whose population is declared spread in residents.
    const std::vector<bool> placed = qpv_population(g, qpv, p, out);
    const auto known = static_cast<std::size_t>(std::count(placed.begin(), placed.end(), true));
    out.model = known > 0 ? PopulationModel::qpv_population : PopulationModel::area;
    qpv_area_points(qpv, p, placed, out);
    territory_points(g, qpv, p, out);
    out.residents_known = !out.qpv.empty() && known == out.qpv.size();
    if (known > 0 && !out.residents_known) {
        std::string unknown;
        for (std::size_t i = 0; i < out.qpv.size(); ++i) {
            if (!placed[i]) unknown += (unknown.empty() ? "" : ", ") + qpv[out.qpv[i].index].label();
        }
        out.warnings.push_back("only " + std::to_string(known) + " of the " + std::to_string(out.qpv.size()) +
                               " QPV of the area have a population: resident counts are not reported (no population "
                               "for " + unknown + ")");
    }
    if (inputs.area) apply_study_area(qpv, *inputs.area, out);
    return out;
}

}  // namespace maillon::analysis
