// QPV vs territory indicators, in the style of the Val-de-Marne QPV observatory: the share of
// residents within 300 m (on foot, along the network) of the cycle network, and of a low-stress
// facility; km of network inside and near each QPV; the best gaps serving it.

#include "indicators.hpp"

#include "maillon/spatial_index.hpp"

#include <cmath>

namespace maillon::analysis {
namespace {

/// Walking-search sources: network nodes, or only those touching a low-stress facility.
std::vector<SearchSource> network_sources(const CycleNetwork& net, bool low_stress_only) {
    const Graph& g = net.graph();
    const auto& d = g.data();
    std::vector<std::uint8_t> take(g.node_count(), 0);
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        if (!net.contains_edge(e)) continue;
        const std::uint8_t best = std::min(d.arc_lts[2 * e] ? d.arc_lts[2 * e] : 9, d.arc_lts[2 * e + 1] ? d.arc_lts[2 * e + 1] : 9);
        if (low_stress_only && best > 2) continue;
        take[d.edge_source[e]] = take[d.edge_target[e]] = 1;
    }
    std::vector<SearchSource> sources;
    for (NodeId n = 0; n < g.node_count(); ++n) {
        if (take[n]) sources.push_back({n, 0.F});
    }
    return sources;
}

/// The QPV geometry in the local metric plane, prepared, for "within 300 m" tests.
struct MetricQpv {
    GeomPtr geometry;
    PreparedPtr prepared;
};

MetricQpv metric_copy(const QpvLayer& qpv, std::size_t q, const LocalProjection& proj) {
    const GeosContext& ctx = qpv.geos();
    auto transform = [](double* x, double* y, void* data) -> int {
        const auto* p = static_cast<const LocalProjection*>(data);
        const Coord c = Coord::from_degrees(*x, *y);
        *x = p->x(c);
        *y = p->y(c);
        return 1;
    };
    MetricQpv m;
    m.geometry = adopt(ctx, GEOSGeom_transformXY_r(ctx.handle(), qpv[q].geometry.get(), transform,
                                                   const_cast<LocalProjection*>(&proj)),
                       "projecting a QPV");
    m.prepared = prepare(ctx, m.geometry.get());
    return m;
}

}  // namespace

std::vector<IndicatorRow> compute_indicators(const CycleNetwork& net, const QpvLayer& qpv,
                                             const std::vector<std::size_t>& qpv_in_area,
                                             const PopulationIndex& population, const std::vector<Gap>& gaps,
                                             const AnalysisProfile& profile) {
    const Graph& g = net.graph();
    const auto& points = population.points();
    const auto walk = static_cast<float>(profile.coverage.walk_m);

    std::vector<IndicatorRow> rows(2 + qpv_in_area.size());
    rows[0].scope = "territory";
    rows[1].scope = "all_qpv";
    std::vector<long> row_of_qpv(qpv.size(), -1);
    for (std::size_t i = 0; i < qpv_in_area.size(); ++i) {
        const Qpv& q = qpv[qpv_in_area[i]];
        IndicatorRow& r = rows[2 + i];
        r.scope = "qpv";
        r.code = q.code;
        r.name = q.name;
        r.commune = q.commune;
        r.area_ha = q.area_m2 / 10000.0;
        if (q.population) r.residents = 0;
        row_of_qpv[qpv_in_area[i]] = static_cast<long>(2 + i);
        rows[1].area_ha += r.area_ha;
    }
    const auto for_rows_of = [&](const PopulationPoint& p, auto&& f) {
        f(rows[0]);
        if (p.qpv >= 0 && row_of_qpv[static_cast<std::size_t>(p.qpv)] >= 0) {
            f(rows[1]);
            f(rows[static_cast<std::size_t>(row_of_qpv[static_cast<std::size_t>(p.qpv)])]);
        }
    };
    // Totals over the points a walker can reach at all (farther than snap_max_m from any way:
    // outside the study area).
    bool residents_everywhere_in_qpv = !qpv_in_area.empty();
    for (std::uint32_t i = 0; i < points.size(); ++i) {
        if (!population.snapped(i)) continue;
        for_rows_of(points[i], [&](IndicatorRow& r) { r.weight += points[i].weight; });
        if (points[i].qpv >= 0) {
            const auto row = row_of_qpv[static_cast<std::size_t>(points[i].qpv)];
            if (points[i].has_residents()) rows[static_cast<std::size_t>(row)].residents += points[i].residents;
            else residents_everywhere_in_qpv = false;
        }
    }
    if (residents_everywhere_in_qpv) {
        rows[1].residents = 0;
        for (std::size_t i = 2; i < rows.size(); ++i) rows[1].residents += rows[i].residents;
    }

    // Within walk_m of the network and of a low-stress facility.
    BoundedSearch search{g};
    search.run(network_sources(net, false), walk, ModeFilter{&g, Mode::foot});
    population.for_each_covered(search, walk, [&](std::uint32_t i) {
        for_rows_of(points[i], [&](IndicatorRow& r) { r.weight_near_network += points[i].weight; });
    });
    search.run(network_sources(net, true), walk, ModeFilter{&g, Mode::foot});
    population.for_each_covered(search, walk, [&](std::uint32_t i) {
        for_rows_of(points[i], [&](IndicatorRow& r) { r.weight_near_low_stress += points[i].weight; });
    });

    // Km of network inside and within walk_m of each QPV (segment midpoints).
    const LocalProjection proj = LocalProjection::around(g.bbox());
    std::vector<MetricQpv> metric;
    metric.reserve(qpv_in_area.size());
    for (const std::size_t q : qpv_in_area) metric.push_back(metric_copy(qpv, q, proj));
    const auto& d = g.data();
    const GEOSContextHandle_t h = qpv.size() > 0 ? qpv.geos().handle() : nullptr;
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        if (!net.contains_edge(e)) continue;
        rows[0].km_network_inside += g.length_m(e) / 1000.0;
        for (std::uint32_t i = d.edge_shape_begin[e]; i + 1 < d.edge_shape_begin[e + 1]; ++i) {
            const Coord a = d.shape[i], b = d.shape[i + 1];
            const double km = segment_length_m(a, b) / 1000.0;
            const Coord mid{static_cast<std::int32_t>((static_cast<std::int64_t>(a.lon_e7) + b.lon_e7) / 2),
                            static_cast<std::int32_t>((static_cast<std::int64_t>(a.lat_e7) + b.lat_e7) / 2)};
            const double margin_deg = profile.coverage.walk_m / 70000.0;  // > walk_m at Paris' latitude
            for (std::size_t k = 0; k < qpv_in_area.size(); ++k) {
                const Qpv& q = qpv[qpv_in_area[k]];
                if (mid.lon() < q.bbox.min_lon - margin_deg || mid.lon() > q.bbox.max_lon + margin_deg ||
                    mid.lat() < q.bbox.min_lat - margin_deg || mid.lat() > q.bbox.max_lat + margin_deg) {
                    continue;
                }
                GeomPtr point = adopt(qpv.geos(), GEOSGeom_createPointFromXY_r(h, proj.x(mid), proj.y(mid)), "a point");
                IndicatorRow& r = rows[2 + k];
                if (GEOSPreparedContains_r(h, metric[k].prepared.get(), point.get()) == 1) {
                    r.km_network_inside += km;
                    rows[1].km_network_inside += km;
                }
                if (GEOSPreparedDistanceWithin_r(h, metric[k].prepared.get(), point.get(), profile.coverage.walk_m) == 1) {
                    r.km_network_within += km;
                    rows[1].km_network_within += km;
                }
            }
        }
    }
    rows[0].km_network_within = rows[0].km_network_inside;

    // The best five gaps of each QPV (gaps are in rank order).
    for (const Gap& gap : gaps) {
        if (gap.rank == 0) continue;
        for (const std::int32_t q : gap.qpvs) {
            const long row = row_of_qpv[static_cast<std::size_t>(q)];
            if (row >= 0 && rows[static_cast<std::size_t>(row)].top_gaps.size() < 5) {
                rows[static_cast<std::size_t>(row)].top_gaps.push_back(gap.rank);
            }
        }
        if (!gap.qpvs.empty() && rows[1].top_gaps.size() < 5) rows[1].top_gaps.push_back(gap.rank);
        if (rows[0].top_gaps.size() < 5) rows[0].top_gaps.push_back(gap.rank);
    }
    return rows;
}

}  // namespace maillon::analysis
