#include "report_model.hpp"

#include "maillon/analysis/labels_fr.hpp"
#include "maillon/gap_classes.hpp"

#include <algorithm>
#include <cmath>

namespace maillon::outputs {
namespace {

std::vector<std::string> strings(const json& v) {
    std::vector<std::string> out;
    if (!v.is_array()) return out;
    for (const auto& s : v) {
        if (s.is_string() && !s.get<std::string>().empty()) out.push_back(s.get<std::string>());
    }
    return out;
}

std::string text(const json& p, const char* key) {
    const auto it = p.find(key);
    return it != p.end() && it->is_string() ? it->get<std::string>() : "";
}

double num(const json& p, const char* key) {
    const auto it = p.find(key);
    return it != p.end() ? number_or_nan(*it) : nan_value;
}

/// The rings of a Polygon or MultiPolygon (GEOS), in the plane.
void add_rings(const GeosContext& ctx, const GEOSGeometry* g, const LocalProjection& proj, ReportQpv& out) {
    const GEOSContextHandle_t h = ctx.handle();
    const auto ring = [&](const GEOSGeometry* r) {
        const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(h, r);
        unsigned n = 0;
        if (!seq || !GEOSCoordSeq_getSize_r(h, seq, &n)) return;
        std::vector<PlanePoint> pts;
        pts.reserve(n);
        for (unsigned i = 0; i < n; ++i) {
            double x = 0, y = 0;
            GEOSCoordSeq_getXY_r(h, seq, i, &x, &y);
            const Coord c = Coord::from_degrees(x, y);
            pts.emplace_back(proj.x(c), proj.y(c));
            out.box = {std::min(out.box.x0, pts.back().first), std::min(out.box.y0, pts.back().second),
                       std::max(out.box.x1, pts.back().first), std::max(out.box.y1, pts.back().second)};
        }
        out.rings.push_back(std::move(pts));
    };
    const int type = GEOSGeomTypeId_r(h, g);
    if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
        for (int i = 0; i < GEOSGetNumGeometries_r(h, g); ++i) add_rings(ctx, GEOSGetGeometryN_r(h, g, i), proj, out);
    } else if (type == GEOS_POLYGON) {
        ring(GEOSGetExteriorRing_r(h, g));
        for (int i = 0; i < GEOSGetNumInteriorRings_r(h, g); ++i) ring(GEOSGetInteriorRingN_r(h, g, i));
    }
}

}  // namespace

std::string class_label(const std::string& key) {
    const auto c = gap_class_from_key(key);
    return c ? std::string{analysis::label_fr(*c)} : key;
}

const std::vector<std::string>& project_class_keys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> k;
        for (const auto& info : gap_class_table) {
            if (info.cost != CostFactor::none) k.emplace_back(info.key);
        }
        return k;
    }();
    return keys;
}

std::string streets_text(const std::vector<std::string>& streets, std::size_t shown) {
    if (streets.empty()) return "—";
    std::string s;
    for (std::size_t i = 0; i < streets.size() && i < shown; ++i) s += (i ? ", " : "") + streets[i];
    if (streets.size() > shown) {
        const std::size_t more = streets.size() - shown;
        s += " et " + std::to_string(more) + (more == 1 ? " autre" : " autres");
    }
    return s;
}

std::string ReportModel::qpv_figure(const ReportGap& g) const {
    if (residents) return fr_number(g.qpv_pop) + " hab.";
    if (weight_unit == "m2_floor") return fr_number(g.qpv_weight) + " m² de plancher";
    return fr_number(g.qpv_weight, 1) + " ha de QPV";
}

std::string ReportModel::qpv_figure_label() const {
    if (residents) return "Habitants QPV à 300 m";
    if (weight_unit == "m2_floor") return "Plancher résidentiel QPV à 300 m (m²)";
    return "Surface de QPV à 300 m (ha)";
}

ReportModel build_model(const ReportSources& src, const BaseMap& map, const ReportOptions& options) {
    ReportModel m;
    m.files = &src.files;
    m.map = &map;
    m.options = options;
    const json& run = src.files.run;
    m.residents = run.contains("qpv") && run["qpv"].value("residents_known", false);
    m.weight_unit = src.files.indicators.value("weight_unit", "ha");
    m.stations = src.files.stations.has_value();
    const LocalProjection& proj = map.projection();

    for (const auto& f : src.files.gaps["features"]) {
        const json& p = f.value("properties", json::object());
        ReportGap g;
        g.rank = p.contains("rank") && p["rank"].is_number_integer() && p["rank"].get<long>() > 0 ? p["rank"].get<unsigned>() : 0;
        g.class_key = text(p, "class");
        g.class_label = class_label(g.class_key);
        g.streets = strings(p.value("street_names", json::array()));
        g.commune = text(p, "commune");
        g.length_m = num(p, "length_m");
        g.qpv_pop = num(p, "qpv_pop");
        g.qpv_weight = num(p, "qpv_weight");
        g.all_pop = num(p, "all_pop");
        g.score = num(p, "score");
        g.qpv_term = num(p, "qpv_term"), g.benefit_term = num(p, "benefit_term"), g.trips_term = num(p, "trips_term");
        g.detour_term = num(p, "detour_term"), g.network_term = num(p, "network_term");
        g.treatment = text(p, "treatment");
        g.reason = text(p, "reason_fr");
        g.data_issue = text(p, "data_issue");
        if (p.contains("from_osm_node") && p.contains("to_osm_node")) {
            g.osm_nodes = p["from_osm_node"].dump() + " → " + p["to_osm_node"].dump();
        }
        g.qpv_codes = strings(p.value("qpv_codes", json::array()));
        g.qpv_names = strings(p.value("qpv_names", json::array()));
        g.box = {1e300, 1e300, -1e300, -1e300};
        const json& geom = f.value("geometry", json::object());
        if (geom.value("type", "") == "LineString") {
            for (const auto& c : geom["coordinates"]) {
                if (!c.is_array() || c.size() < 2 || !c[0].is_number() || !c[1].is_number()) continue;
                const Coord at = Coord::from_degrees(c[0].get<double>(), c[1].get<double>());
                g.line.emplace_back(proj.x(at), proj.y(at));
                g.box = {std::min(g.box.x0, g.line.back().first), std::min(g.box.y0, g.line.back().second),
                         std::max(g.box.x1, g.line.back().first), std::max(g.box.y1, g.line.back().second)};
            }
        }
        if (g.line.empty()) continue;  // nothing to draw or locate: not a gap of this format
        // Halfway along the line, where its number goes.
        double total = 0;
        for (std::size_t i = 1; i < g.line.size(); ++i) total += std::hypot(g.line[i].first - g.line[i - 1].first, g.line[i].second - g.line[i - 1].second);
        g.middle = g.line.front();
        double walked = 0;
        for (std::size_t i = 1; i < g.line.size(); ++i) {
            const double step = std::hypot(g.line[i].first - g.line[i - 1].first, g.line[i].second - g.line[i - 1].second);
            if (walked + step >= total / 2 && step > 0) {
                const double t = (total / 2 - walked) / step;
                g.middle = {g.line[i - 1].first + t * (g.line[i].first - g.line[i - 1].first),
                            g.line[i - 1].second + t * (g.line[i].second - g.line[i - 1].second)};
                break;
            }
            walked += step;
        }
        if (g.rank) ++m.ranked;
        m.gaps.push_back(std::move(g));
    }
    // Ranked gaps first, by rank (the file's order already), data issues after.
    std::stable_sort(m.gaps.begin(), m.gaps.end(), [](const ReportGap& a, const ReportGap& b) {
        return (a.rank ? a.rank : ~0U) < (b.rank ? b.rank : ~0U);
    });

    for (const auto& row : src.files.indicators["rows"]) {
        if (row.value("scope", "") != "qpv") continue;
        ReportQpv q;
        q.code = row.value("code", "");
        q.name = row.value("name", "");
        q.commune = row.value("commune", "");
        q.row = row;
        q.box = {1e300, 1e300, -1e300, -1e300};
        const long i = src.qpv.find_code(q.code);
        if (i >= 0) add_rings(src.qpv.geos(), src.qpv[static_cast<std::size_t>(i)].geometry.get(), proj, q);
        m.qpv.push_back(std::move(q));
    }
    return m;
}

}  // namespace maillon::outputs
