#include "report_maps.hpp"

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>
#include <set>

namespace maillon::outputs {
namespace {

std::string fmt(const char* format, ...) __attribute__((format(printf, 1, 2)));
std::string fmt(const char* format, ...) {
    char buf[1024];
    va_list args;
    va_start(args, format);
    std::vsnprintf(buf, sizeof buf, format, args);
    va_end(args);
    return buf;
}

struct StreetPaint {
    const char* color;
    double width;  // tenths of mm, on a detailed map
    const char* dash;
};

StreetPaint street_paint(StreetGroup g) {
    switch (g) {
        case StreetGroup::major: return {"#b4b4b4", 7, ""};
        case StreetGroup::secondary: return {"#bfbfbf", 5.5, ""};
        case StreetGroup::local: return {"#cccccc", 4, ""};
        case StreetGroup::service: return {"#d9d9d9", 2.5, ""};
        case StreetGroup::path: case StreetGroup::count_: break;
    }
    return {"#d0d0d0", 1.6, "6 5"};
}

/// Line widths shrink on small-scale maps, so that a region's boulevards stay a thin web.
double width_factor(double m_per_mm) { return m_per_mm <= 15 ? 1.0 : m_per_mm <= 60 ? 0.75 : 0.5; }

std::string dash_units(std::string_view px_dash, double factor) {
    if (px_dash.empty()) return "";
    std::string out;
    std::size_t i = 0;
    while (i < px_dash.size()) {
        const std::size_t j = px_dash.find(' ', i);
        const double v = std::stod(std::string{px_dash.substr(i, j == std::string::npos ? std::string::npos : j - i)});
        out += (out.empty() ? "" : " ") + fmt("%.0f", v * factor);
        if (j == std::string::npos) break;
        i = j + 1;
    }
    return out;
}

/// The streets, one path per importance group drawn at this scale, and the names of a few.
void draw_streets(const ReportModel& m, const SvgCanvas& canvas, std::string& out) {
    const double mpm = canvas.m_per_mm();
    std::vector<std::string> paths(static_cast<std::size_t>(StreetGroup::count_));
    m.map->for_each_in(canvas.window(), [&](const Chain& c) {
        if (c.layer != ChainLayer::street) return;
        const auto g = static_cast<StreetGroup>(c.style);
        if (mpm > street_group_max_m_per_mm(g)) return;
        // A chain shorter than a third of a millimetre is a dot at this scale.
        if (c.length_m < mpm / 3) return;
        paths[c.style] += canvas.line_path(m.map->line(c));
    });
    const double f = width_factor(mpm);
    for (std::size_t g = paths.size(); g-- > 0;) {  // paths first, major roads on top
        if (paths[g].empty()) continue;
        const StreetPaint p = street_paint(static_cast<StreetGroup>(g));
        out += fmt("<g class=\"streets\" data-group=\"%zu\"><path d=\"", g) + paths[g] +
               fmt("\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" stroke-linecap=\"round\" stroke-linejoin=\"round\"%s/></g>",
                   p.color, p.width * f, *p.dash ? fmt(" stroke-dasharray=\"%s\"", p.dash).c_str() : "");
    }
}

void draw_network(const ReportModel& m, const SvgCanvas& canvas, MapResult& r, std::string& out) {
    const double mpm = canvas.m_per_mm();
    std::vector<std::string> paths(facility_count);
    m.map->for_each_in(canvas.window(), [&](const Chain& c) {
        if (c.layer != ChainLayer::network || c.length_m < mpm / 3) return;
        paths[c.style] += canvas.line_path(m.map->line(c));
    });
    const double width = 6 * width_factor(mpm);
    for (std::size_t f = 0; f < paths.size(); ++f) {
        if (paths[f].empty()) continue;
        const auto facility = static_cast<Facility>(f);
        const FacilityStyle& s = facility_style(facility);
        r.facilities.push_back(facility);
        const std::string dash = dash_units(s.dash, 2.2 * width_factor(mpm));
        out += fmt("<path class=\"network\" data-facility=\"%s\" d=\"", std::string{key(facility)}.c_str()) + paths[f] +
               fmt("\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" stroke-linecap=\"butt\" stroke-linejoin=\"round\"%s/>",
                   std::string{s.color}.c_str(), width, dash.empty() ? "" : fmt(" stroke-dasharray=\"%s\"", dash.c_str()).c_str());
    }
}

/// QPV: fills under the streets, dashed outlines above the network.
void draw_qpv(const ReportModel& m, const SvgCanvas& canvas, MapResult& r, std::string& fills, std::string& outlines) {
    for (const ReportQpv& q : m.qpv) {
        if (q.rings.empty() || !q.box.intersects(canvas.window())) continue;
        std::string d;
        for (const auto& ring : q.rings) d += canvas.ring_path(ring);
        if (d.empty()) continue;
        r.has_qpv = true;
        fills += "<path d=\"" + d + fmt("\" fill=\"%s\" fill-opacity=\"%.2f\" fill-rule=\"evenodd\" stroke=\"none\"/>",
                                         std::string{qpv_fill}.c_str(), qpv_fill_opacity);
        outlines += "<path class=\"qpv\" data-code=\"" + html_escape(q.code) + "\" d=\"" + d +
                    fmt("\" fill=\"none\" stroke=\"%s\" stroke-width=\"4\" stroke-dasharray=\"12 8\"/>", std::string{qpv_stroke}.c_str());
    }
}

/// Commune limits (admin boundaries in the graph), thin, on the territory's map.
void draw_communes(const ReportModel& m, const SvgCanvas& canvas, std::string& out, std::string& names) {
    const auto& d = m.map->graph().data();
    const LocalProjection& proj = m.map->projection();
    std::string path;
    for (std::size_t c = 0; c < d.commune_name.size(); ++c) {
        PlaneBox box{1e300, 1e300, -1e300, -1e300};
        for (std::uint32_t r = d.commune_first_ring[c]; r < d.commune_first_ring[c + 1]; ++r) {
            std::vector<PlanePoint> ring;
            for (std::uint32_t k = d.commune_ring_begin[r]; k < d.commune_ring_begin[r + 1]; ++k) {
                ring.emplace_back(proj.x(d.commune_ring_coords[k]), proj.y(d.commune_ring_coords[k]));
                box = {std::min(box.x0, ring.back().first), std::min(box.y0, ring.back().second),
                       std::max(box.x1, ring.back().first), std::max(box.y1, ring.back().second)};
            }
            path += canvas.line_path(ring);
        }
        // The name in the middle of communes wide enough on paper for it.
        const std::string& name = d.names[d.commune_name[c]];
        if (!name.empty() && box.width() / canvas.m_per_mm() > 4 * name.size() && box.intersects(canvas.window())) {
            const PlanePoint p = canvas.to_paper((box.x0 + box.x1) / 2, (box.y0 + box.y1) / 2);
            names += fmt("<text class=\"commune-name\" x=\"%.0f\" y=\"%.0f\">", p.first, p.second) + html_escape(name) + "</text>";
        }
    }
    if (!path.empty()) {
        out += "<path class=\"communes\" d=\"" + path + "\" fill=\"none\" stroke=\"#8a8a8a\" stroke-width=\"3\" stroke-dasharray=\"14 5 3 5\"/>";
    }
}

std::string gap_element(const SvgCanvas& canvas, const ReportGap& g, double width, bool casing, double opacity) {
    const std::string d = canvas.line_path(g.line);
    if (d.empty()) return "";
    const GapBucket& b = gap_bucket(g.rank);
    std::string out;
    if (casing) {
        out += "<path d=\"" + d + fmt("\" fill=\"none\" stroke=\"#111\" stroke-width=\"%.1f\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>", width + std::max(3.0, width * 0.55));
    }
    out += fmt("<path class=\"gap\" data-rank=\"%u\" d=\"", g.rank) + d +
           fmt("\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" stroke-linecap=\"round\" stroke-linejoin=\"round\"%s%s/>",
               std::string{b.color}.c_str(), width, g.rank == 0 ? " stroke-dasharray=\"3 9\"" : "",
               opacity < 1 ? fmt(" stroke-opacity=\"%.2f\"", opacity).c_str() : "");
    return out;
}

std::string label_element(const PlanePoint& anchor, const PlanePoint& at, unsigned rank, double r) {
    const GapBucket& b = gap_bucket(rank);
    std::string out = fmt("<g class=\"gap-label\" data-rank=\"%u\">", rank);
    if (std::hypot(anchor.first - at.first, anchor.second - at.second) > r * 0.8) {
        out += fmt("<line x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\" stroke=\"#222\" stroke-width=\"2.5\"/>", anchor.first,
                   anchor.second, at.first, at.second);
    }
    const std::string digits = std::to_string(rank);
    out += fmt("<circle cx=\"%.0f\" cy=\"%.0f\" r=\"%.0f\" fill=\"%s\" stroke=\"#fff\" stroke-width=\"3\"/>"
               "<text x=\"%.0f\" y=\"%.0f\" font-size=\"%.0f\" text-anchor=\"middle\" fill=\"#fff\" font-weight=\"bold\">%s</text></g>",
               at.first, at.second, r, std::string{b.color}.c_str(), at.first, at.second + r * 0.38,
               digits.size() >= 3 ? r * 0.85 : r * 1.05, digits.c_str());
    return out;
}

/// Names along the longest, straightest named streets of the map, clear of each other.
std::string street_names(const ReportModel& m, const SvgCanvas& canvas, LabelPlacer& placer, const std::string& id,
                         std::size_t most) {
    struct Candidate {
        std::vector<PlanePoint> run;  // paper
        double length;
        std::uint32_t name;
        int group;
    };
    const double mpm = canvas.m_per_mm();
    std::vector<Candidate> found;
    const double inset = 30;  // keep names 3 mm inside the frame
    m.map->for_each_in(canvas.window(), [&](const Chain& c) {
        if (c.layer != ChainLayer::street || c.name == 0) return;
        const auto g = static_cast<StreetGroup>(c.style);
        if (g == StreetGroup::path || g == StreetGroup::service || mpm > street_group_max_m_per_mm(g)) return;
        // The longest piece of the chain inside the inset frame.
        std::vector<PlanePoint> best, run;
        double best_len = 0, len = 0;
        PlanePoint prev{};
        bool have = false;
        for (const auto& [x, y] : m.map->line(c)) {
            const PlanePoint p = canvas.to_paper(x, y);
            const bool in = p.first > inset && p.second > inset && p.first < canvas.width_mm() * 10 - inset &&
                            p.second < canvas.height_mm() * 10 - inset;
            if (!in) {
                if (len > best_len) best = run, best_len = len;
                run.clear(), len = 0, have = false;
                continue;
            }
            if (have) len += std::hypot(p.first - prev.first, p.second - prev.second);
            run.push_back(p), prev = p, have = true;
        }
        if (len > best_len) best = run, best_len = len;
        if (best.size() >= 2) found.push_back({best, best_len, c.name, c.style});
    });
    std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
        return a.group != b.group ? a.group < b.group : a.length > b.length;
    });
    const double size = 19;  // 1.9 mm
    std::set<std::uint32_t> done;
    std::string defs, texts;
    std::size_t n = 0;
    for (const Candidate& c : found) {
        if (n == most) break;
        if (done.count(c.name)) continue;
        const std::string& name = m.map->graph().data().names[c.name];
        const double text_w = 0.55 * size * static_cast<double>(name.size());
        if (c.length < text_w + 40) continue;
        const PlanePoint a = c.run.front(), b = c.run.back();
        if (std::hypot(b.first - a.first, b.second - a.second) < 0.92 * c.length) continue;  // too bent for text
        const PlanePoint mid{(a.first + b.first) / 2, (a.second + b.second) / 2};
        if (!placer.take_if_free(mid.first, mid.second, text_w / 2)) continue;
        std::vector<PlanePoint> run = c.run;
        if (b.first < a.first) std::reverse(run.begin(), run.end());  // text reads left to right
        std::string d = fmt("M%.0f %.0f", run[0].first, run[0].second);
        for (std::size_t i = 1; i < run.size(); ++i) d += fmt("L%.0f %.0f", run[i].first, run[i].second);
        const std::string pid = id + "-name" + std::to_string(n);
        defs += "<path id=\"" + pid + "\" d=\"" + d + "\"/>";
        texts += "<text class=\"street-name\" dy=\"6\"><textPath href=\"#" + pid +
                 "\" startOffset=\"50%\" text-anchor=\"middle\">" + html_escape(name) + "</textPath></text>";
        done.insert(c.name);
        ++n;
    }
    return n ? "<defs>" + defs + "</defs><g class=\"street-names\">" + texts + "</g>" : "";
}

void reserve_furniture(const SvgCanvas& canvas, LabelPlacer& placer) {
    placer.reserve(canvas.width_mm() * 10 - 45, 52, 34);  // north arrow
    for (double x = 40; x < 400; x += 40) placer.reserve(x, canvas.height_mm() * 10 - 55, 30);  // scale bar
}

}  // namespace

MapResult overview_map(const ReportModel& m, double width_mm, double height_mm) {
    MapResult r;
    // The territory: the streets' extent.
    const PlaneBox& all = m.map->extent();
    const SvgCanvas canvas{all, width_mm, height_mm, std::max(all.width(), all.height()) * 0.02};
    r.m_per_mm = canvas.m_per_mm();
    std::string body, qpv_fills, qpv_lines, communes, commune_names;
    draw_qpv(m, canvas, r, qpv_fills, qpv_lines);
    draw_communes(m, canvas, communes, commune_names);
    body += qpv_fills;
    draw_streets(m, canvas, body);
    body += communes;
    draw_network(m, canvas, r, body);
    body += qpv_lines;
    const std::size_t top = m.top();
    const double width = r.m_per_mm <= 15 ? 9 : 7;
    for (std::size_t i = top; i-- > 0;) body += gap_element(canvas, m.gaps[i], width, true, 1);  // rank 1 on top
    LabelPlacer placer{width_mm * 10, height_mm * 10};
    reserve_furniture(canvas, placer);
    std::string labels;
    const double radius = top > 20 && r.m_per_mm > 15 ? 19 : 23;
    for (std::size_t i = 0; i < top; ++i) {
        const PlanePoint anchor = canvas.to_paper(m.gaps[i].middle.first, m.gaps[i].middle.second);
        labels += label_element(anchor, placer.place(anchor.first + radius, anchor.second - radius, radius), m.gaps[i].rank, radius);
    }
    if (r.m_per_mm <= 25) body += street_names(m, canvas, placer, "overview", 30);
    body += commune_names;
    r.svg = canvas.open("map-overview", "map map-overview", "Carte du territoire : réseau cyclable, QPV et maillons prioritaires",
                        m.map->projection()) +
            body + labels + canvas.close();
    return r;
}

MapResult gap_map(const ReportModel& m, std::size_t index, double width_mm, double height_mm) {
    MapResult r;
    const ReportGap& gap = m.gaps[index];
    // At least 450 m across, and the gap with a margin of a third of its size.
    const double span = std::max({gap.box.width(), gap.box.height(), 1.0});
    const double pad = std::max(span / 3, (450 - span) / 2);
    const SvgCanvas canvas{gap.box, width_mm, height_mm, pad};
    r.m_per_mm = canvas.m_per_mm();
    const std::string id = "map-gap-" + std::to_string(gap.rank ? gap.rank : 100000 + index);
    std::string body, qpv_fills, qpv_lines;
    draw_qpv(m, canvas, r, qpv_fills, qpv_lines);
    body += qpv_fills;
    draw_streets(m, canvas, body);
    draw_network(m, canvas, r, body);
    body += qpv_lines;
    // The other gaps nearby, thinner, then this one.
    std::vector<std::size_t> near;
    for (std::size_t i = 0; i < m.gaps.size(); ++i) {
        if (i != index && m.gaps[i].box.intersects(canvas.window())) near.push_back(i);
    }
    for (auto it = near.rbegin(); it != near.rend(); ++it) {
        body += gap_element(canvas, m.gaps[*it], 4.5, m.gaps[*it].rank != 0, 1);
        r.has_data_issues = r.has_data_issues || m.gaps[*it].rank == 0;
    }
    body += gap_element(canvas, gap, 11, true, 1);
    // A gap of a few metres is a dot at this scale: a ring shows where it is.
    if (std::max(gap.box.width(), gap.box.height()) / canvas.m_per_mm() < 4) {
        const PlanePoint c = canvas.to_paper(gap.middle.first, gap.middle.second);
        body += fmt("<circle class=\"gap-ring\" cx=\"%.0f\" cy=\"%.0f\" r=\"45\" fill=\"none\" stroke=\"%s\" stroke-width=\"6\"/>", c.first,
                    c.second, std::string{gap_bucket(gap.rank).color}.c_str());
    }
    LabelPlacer placer{width_mm * 10, height_mm * 10};
    reserve_furniture(canvas, placer);
    std::string labels;
    if (gap.rank) {
        const PlanePoint anchor = canvas.to_paper(gap.middle.first, gap.middle.second);
        labels += label_element(anchor, placer.place(anchor.first + 30, anchor.second - 30, 26), gap.rank, 26);
    }
    for (const std::size_t i : near) {
        if (!m.gaps[i].rank || i >= m.top()) continue;
        const PlanePoint anchor = canvas.to_paper(m.gaps[i].middle.first, m.gaps[i].middle.second);
        if (anchor.first < 0 || anchor.second < 0 || anchor.first > width_mm * 10 || anchor.second > height_mm * 10) continue;
        labels += label_element(anchor, placer.place(anchor.first + 18, anchor.second - 18, 17), m.gaps[i].rank, 17);
    }
    body += street_names(m, canvas, placer, id, 8);
    r.svg = canvas.open(id, "map map-gap", "Maillon " + std::to_string(gap.rank) + " et ses abords", m.map->projection()) + body + labels + canvas.close();
    return r;
}

}  // namespace maillon::outputs
