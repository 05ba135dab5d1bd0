// QPV vs territory indicators, in the style of the Val-de-Marne QPV observatory: the share of
// residents within 300 m (on foot, along the network) of the cycle network, and of a low-stress
// facility; km of network inside and near each QPV; the best gaps serving it.

#include "indicators.hpp"

#include "maillon/spatial_index.hpp"

#include <algorithm>
#include <cmath>

namespace maillon::analysis {
namespace {

/// Walking-search sources: the network edges (all, or only low-stress facilities) and their nodes.
struct NetworkSources {
    std::vector<SearchSource> nodes;
    std::vector<EdgeId> edges;
};

NetworkSources network_sources(const CycleNetwork& net, bool low_stress_only) {
    const Graph& g = net.graph();
    const auto& d = g.data();
    NetworkSources out;
    std::vector<std::uint8_t> take(g.node_count(), 0);
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        if (!net.contains_edge(e)) continue;
        const std::uint8_t best = std::min(d.arc_lts[2 * e] ? d.arc_lts[2 * e] : 9, d.arc_lts[2 * e + 1] ? d.arc_lts[2 * e + 1] : 9);
        if (low_stress_only && best > 2) continue;
        out.edges.push_back(e);
        take[d.edge_source[e]] = take[d.edge_target[e]] = 1;
    }
    for (NodeId n = 0; n < g.node_count(); ++n) {
        if (take[n]) out.nodes.push_back({n, 0.F});
    }
    return out;
}

/// The QPV geometry in the local metric plane, and buffered by walk_m, both prepared.
struct MetricQpv {
    GeomPtr geometry;
    PreparedPtr prepared;
    GeomPtr buffered;
    PreparedPtr buffered_prepared;
};

int to_metric(double* x, double* y, void* data) {
    const auto* p = static_cast<const LocalProjection*>(data);
    const Coord c = Coord::from_degrees(*x, *y);
    *x = p->x(c);
    *y = p->y(c);
    return 1;
}

MetricQpv metric_copy(const QpvLayer& qpv, std::size_t q, const LocalProjection& proj, double walk_m) {
    const GeosContext& ctx = qpv.geos();
    MetricQpv m;
    m.geometry = adopt(ctx, GEOSGeom_transformXY_r(ctx.handle(), qpv[q].geometry.get(), to_metric,
                                                   const_cast<LocalProjection*>(&proj)),
                       "projecting a QPV");
    m.prepared = prepare(ctx, m.geometry.get());
    m.buffered = adopt(ctx, GEOSBuffer_r(ctx.handle(), m.geometry.get(), walk_m, 8), "buffering a QPV");
    m.buffered_prepared = prepare(ctx, m.buffered.get());
    return m;
}

/// An edge's polyline in the local metric plane.
GeomPtr metric_line(const GeosContext& ctx, const Graph& g, EdgeId e, const LocalProjection& proj) {
    const auto& d = g.data();
    const std::uint32_t b = d.edge_shape_begin[e], n = d.edge_shape_begin[e + 1] - b;
    GEOSCoordSequence* seq = GEOSCoordSeq_create_r(ctx.handle(), n, 2);
    for (std::uint32_t i = 0; i < n; ++i) {
        GEOSCoordSeq_setXY_r(ctx.handle(), seq, i, proj.x(d.shape[b + i]), proj.y(d.shape[b + i]));
    }
    return adopt(ctx, GEOSGeom_createLineString_r(ctx.handle(), seq), "an edge line");
}

/// Km of the line inside the polygon (0 without an intersection, exact when it crosses the boundary).
double clipped_km(const GeosContext& ctx, const GEOSGeometry* polygon, const GEOSPreparedGeometry* prepared,
                  const GEOSGeometry* line) {
    if (GEOSPreparedIntersects_r(ctx.handle(), prepared, line) != 1) return 0.0;
    if (GEOSPreparedContains_r(ctx.handle(), prepared, line) == 1) {
        double len = 0;
        GEOSLength_r(ctx.handle(), line, &len);
        return len / 1000.0;
    }
    const GeomPtr part = adopt(ctx, GEOSIntersection_r(ctx.handle(), polygon, line), "clipping an edge");
    double len = 0;
    GEOSLength_r(ctx.handle(), part.get(), &len);
    return len / 1000.0;
}

}  // namespace

std::vector<IndicatorRow> compute_indicators(const CycleNetwork& net, const QpvLayer& qpv, PopulationModel model,
                                             const std::vector<QpvInArea>& qpv_in_area,
                                             const PopulationIndex& population, const AnalysisProfile& profile,
                                             const std::vector<std::uint8_t>* covered_by_station) {
    const Graph& g = net.graph();
    const auto& points = population.points();
    const auto walk = static_cast<float>(profile.coverage.walk_m);

    std::vector<IndicatorRow> rows(2 + qpv_in_area.size());
    rows[0].scope = "territory";
    rows[1].scope = "all_qpv";
    // Which rows count residents (see the header): decided by the model, checked on the points.
    std::vector<std::uint8_t> counts(rows.size(), model == PopulationModel::grid ? 1 : 0);
    std::vector<long> row_of_qpv(qpv.size(), -1);
    for (std::size_t i = 0; i < qpv_in_area.size(); ++i) {
        const QpvInArea& a = qpv_in_area[i];
        const Qpv& q = qpv[a.index];
        IndicatorRow& r = rows[2 + i];
        r.scope = "qpv";
        r.code = q.code;
        r.name = q.name;
        r.commune = q.commune;
        r.area_ha = q.area_m2 / 10000.0;
        r.covered_share = a.covered_share;
        r.partial = a.covered_share < profile.area.qpv_partial_share;  // and reached_share(), once counted
        r.residents_declared = a.declared;
        if (model == PopulationModel::qpv_population && !std::isnan(a.declared)) counts[2 + i] = 1;
        row_of_qpv[a.index] = static_cast<long>(2 + i);
        rows[1].area_ha += r.area_ha;
    }
    // All QPV together: the share of their area inside the study area; partial as one QPV is.
    double inside_ha = 0;
    for (std::size_t i = 0; i < qpv_in_area.size(); ++i) inside_ha += rows[2 + i].area_ha * rows[2 + i].covered_share;
    rows[1].covered_share = rows[1].area_ha > 0 ? inside_ha / rows[1].area_ha : 1.0;
    rows[1].partial = rows[1].covered_share < profile.area.qpv_partial_share;
    if (model == PopulationModel::qpv_population) {
        counts[1] = !qpv_in_area.empty() && std::all_of(counts.begin() + 2, counts.end(), [](std::uint8_t c) { return c != 0; });
    }
    // Outside the study area a point counts in no row (its QPV's residents outside it are
    // reported apart, below).
    const auto for_rows_of = [&](const PopulationPoint& p, auto&& f) {
        if (!p.in_area) return;
        f(std::size_t{0});
        if (p.qpv >= 0 && row_of_qpv[static_cast<std::size_t>(p.qpv)] >= 0) {
            f(std::size_t{1});
            f(static_cast<std::size_t>(row_of_qpv[static_cast<std::size_t>(p.qpv)]));
        }
    };
    // Totals over the points a walker can reach at all; the others (farther than snap_max_m from
    // any way) are counted apart.
    std::vector<double> residents(rows.size(), 0.0);
    for (std::uint32_t i = 0; i < points.size(); ++i) {
        const PopulationPoint& pt = points[i];
        const bool snapped = population.snapped(i);
        if (!pt.in_area && pt.qpv >= 0 && row_of_qpv[static_cast<std::size_t>(pt.qpv)] >= 0 && pt.has_residents()) {
            rows[static_cast<std::size_t>(row_of_qpv[static_cast<std::size_t>(pt.qpv)])].residents_outside_area += pt.residents;
            rows[1].residents_outside_area += pt.residents;
        }
        for_rows_of(pt, [&](std::size_t r) {
            if (!pt.has_residents()) counts[r] = 0;
            (snapped ? rows[r].weight : rows[r].weight_beyond_reach) += pt.weight;
            if (!pt.has_residents()) return;
            (snapped ? residents[r] : rows[r].residents_beyond_reach) += pt.residents;
        });
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        if (counts[r]) rows[r].residents = residents[r];
        else rows[r].residents_beyond_reach = 0;
    }
    // A QPV the extract's ways reach less than half of (a corridor, a cut extract) is not covered
    // by the extract: partial, whatever its share inside the box.
    for (std::size_t r = 1; r < rows.size(); ++r) rows[r].partial = rows[r].partial || rows[r].reached_share() < 0.5;
    const auto add_near = [&](std::uint32_t i, double IndicatorRow::*weight, double IndicatorRow::*people) {
        for_rows_of(points[i], [&](std::size_t r) {
            rows[r].*weight += points[i].weight;
            if (points[i].has_residents()) rows[r].*people += points[i].residents;
        });
    };

    // Within walk_m of the network and of a low-stress facility.
    BoundedSearch search{g};
    const NetworkSources all = network_sources(net, false);
    search.run(all.nodes, walk, ModeFilter{&g, Mode::foot});
    population.for_each_covered(search, walk, [&](std::uint32_t i) {
        add_near(i, &IndicatorRow::weight_near_network, &IndicatorRow::residents_near_network);
    }, &all.edges);
    const NetworkSources calm = network_sources(net, true);
    search.run(calm.nodes, walk, ModeFilter{&g, Mode::foot});
    population.for_each_covered(search, walk, [&](std::uint32_t i) {
        add_near(i, &IndicatorRow::weight_near_low_stress, &IndicatorRow::residents_near_low_stress);
    }, &calm.edges);

    // Within the stations' walking distance of an installed bike-share station.
    if (covered_by_station) {
        for (std::uint32_t i = 0; i < points.size(); ++i) {
            if ((*covered_by_station)[i] && population.snapped(i)) {
                add_near(i, &IndicatorRow::weight_near_station, &IndicatorRow::residents_near_station);
            }
        }
    }

    // Km of network inside and within walk_m of each QPV: length of the network's lines clipped by
    // the polygon and by the polygon buffered by walk_m, in the local metric plane (GEOS).
    const LocalProjection proj = LocalProjection::around(g.bbox());
    std::vector<MetricQpv> metric;
    metric.reserve(qpv_in_area.size());
    for (const QpvInArea& a : qpv_in_area) metric.push_back(metric_copy(qpv, a.index, proj, profile.coverage.walk_m));
    const auto& d = g.data();
    const double margin_deg = profile.coverage.walk_m / 70000.0;  // > walk_m in degrees at Paris' latitude
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        if (!net.contains_edge(e)) continue;
        rows[0].km_network_inside += g.length_m(e) / 1000.0;
        BBox eb;
        for (std::uint32_t i = d.edge_shape_begin[e]; i < d.edge_shape_begin[e + 1]; ++i) eb.extend(d.shape[i]);
        GeomPtr line;
        for (std::size_t k = 0; k < qpv_in_area.size(); ++k) {
            const Qpv& q = qpv[qpv_in_area[k].index];
            if (eb.max_lon < q.bbox.min_lon - margin_deg || eb.min_lon > q.bbox.max_lon + margin_deg ||
                eb.max_lat < q.bbox.min_lat - margin_deg || eb.min_lat > q.bbox.max_lat + margin_deg) {
                continue;
            }
            if (!line) line = metric_line(qpv.geos(), g, e, proj);
            const double inside = clipped_km(qpv.geos(), metric[k].geometry.get(), metric[k].prepared.get(), line.get());
            const double within = clipped_km(qpv.geos(), metric[k].buffered.get(), metric[k].buffered_prepared.get(), line.get());
            IndicatorRow& r = rows[2 + k];
            r.km_network_inside += inside;
            r.km_network_within += within;
            rows[1].km_network_inside += inside;
            rows[1].km_network_within += within;
        }
    }
    rows[0].km_network_within = rows[0].km_network_inside;

    return rows;
}

void add_top_gaps(std::vector<IndicatorRow>& rows, const std::vector<QpvInArea>& qpv_in_area, std::size_t qpv_count,
                  const std::vector<Gap>& gaps) {
    std::vector<long> row_of_qpv(qpv_count, -1);
    for (std::size_t i = 0; i < qpv_in_area.size(); ++i) row_of_qpv[qpv_in_area[i].index] = static_cast<long>(2 + i);
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
}

}  // namespace maillon::analysis
