#include "population_points.hpp"

#include "maillon/spatial_index.hpp"

#include <cmath>
#include <unordered_set>

namespace maillon::analysis {
namespace {

bool intersects(const BBox& a, const BBox& b) {
    return a.min_lon <= b.max_lon && b.min_lon <= a.max_lon && a.min_lat <= b.max_lat && b.min_lat <= a.max_lat;
}

/// Territory outside the QPV: one point per 100 m cell that a street or path runs through
/// (cells with no way are not territory), each weighing a hectare.
void territory_points(const Graph& g, const QpvLayer& qpv, PopulationBuild& out) {
    constexpr double cell = 100.0;
    const LocalProjection proj = LocalProjection::around(g.bbox());
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
}

/// Points inside each QPV of the area, spacing_m apart, the whole QPV even beyond the extract
/// (so that a known population is spread over all of it).
void qpv_points(const Graph& g, const QpvLayer& qpv, double spacing_m, PopulationBuild& out) {
    const BBox area = g.bbox();
    std::size_t known = 0;
    for (std::size_t q = 0; q < qpv.size(); ++q) {
        if (!intersects(qpv[q].bbox, area)) continue;
        out.qpv_in_area.push_back(q);
        const std::size_t first = out.points.size();
        auto grid = grid_points(qpv[q].bbox, spacing_m, [&](Coord c) {
            return qpv.find(c.lon(), c.lat()) == static_cast<long>(q);
        });
        if (grid.empty()) {
            out.warnings.push_back("QPV " + qpv[q].label() + " is smaller than the " + std::to_string(static_cast<int>(spacing_m)) +
                                   " m population grid: it has no population point");
        }
        for (PopulationPoint& p : grid) {
            p.qpv = static_cast<std::int32_t>(q);
            out.points.push_back(p);
        }
        if (qpv[q].population && out.points.size() > first) {
            ++known;
            const auto per_point = static_cast<float>(*qpv[q].population / static_cast<double>(out.points.size() - first));
            for (std::size_t i = first; i < out.points.size(); ++i) out.points[i].residents = per_point;
        }
    }
    out.residents_known = !out.qpv_in_area.empty() && known == out.qpv_in_area.size();
    if (known > 0 && !out.residents_known) {
        out.warnings.push_back("only " + std::to_string(known) + " of the " + std::to_string(out.qpv_in_area.size()) +
                               " QPV of the area have a population: resident counts are not reported");
    }
}

}  // namespace

PopulationBuild build_population(const Graph& g, const QpvLayer& qpv, const CoverageParams& p) {
    PopulationBuild out;
    out.model = PopulationModel::area;
    qpv_points(g, qpv, p.point_spacing_m, out);
    territory_points(g, qpv, out);
    return out;
}

}  // namespace maillon::analysis
