#include "svg_canvas.hpp"

#include "french_format.hpp"

#include <boost/geometry.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bg = boost::geometry;

namespace maillon::outputs {
namespace {

using BgPoint = bg::model::d2::point_xy<double>;
using BgLine = bg::model::linestring<BgPoint>;

/// Simplification tolerance, paper units (tenths of a millimetre).
constexpr double tolerance = 0.7;

void append_int(std::string& out, long v, bool first) {
    if (!first && v >= 0) out += ' ';
    out += std::to_string(v);
}

}  // namespace

SvgCanvas::SvgCanvas(const PlaneBox& want_in, double width_mm, double height_mm, double pad_m)
    : m_w(width_mm * 10), m_h(height_mm * 10) {
    PlaneBox want{want_in.x0 - pad_m, want_in.y0 - pad_m, want_in.x1 + pad_m, want_in.y1 + pad_m};
    const double w = std::max(want.width(), 1.0), h = std::max(want.height(), 1.0);
    m_m_per_unit = std::max(w / m_w, h / m_h);
    const double cx = (want.x0 + want.x1) / 2, cy = (want.y0 + want.y1) / 2;
    const double hw = m_w * m_m_per_unit / 2, hh = m_h * m_m_per_unit / 2;
    m_window = {cx - hw, cy - hh, cx + hw, cy + hh};
}

PlanePoint SvgCanvas::to_paper(double x, double y) const noexcept {
    return {(x - m_window.x0) / m_m_per_unit, (m_window.y1 - y) / m_m_per_unit};
}

std::string SvgCanvas::path_of(std::vector<PlanePoint> pts, bool closed) const {
    BgLine in, simple;
    for (const auto& [x, y] : pts) {
        const PlanePoint p = to_paper(x, y);
        in.push_back(BgPoint{p.first, p.second});
    }
    if (in.size() > 2) bg::simplify(in, simple, tolerance);
    else simple = in;
    std::string out;
    long px = 0, py = 0;
    std::size_t written = 0;
    for (const BgPoint& p : simple) {
        const long x = std::lround(p.x()), y = std::lround(p.y());
        if (written == 0) {
            out += 'M';
            append_int(out, x, true);
            append_int(out, y, false);
            out += 'l';
        } else {
            if (x == px && y == py) continue;
            append_int(out, x - px, written == 1);
            append_int(out, y - py, false);
        }
        px = x, py = y;
        ++written;
    }
    if (written < 2 || (closed && written < 3)) return "";
    if (closed) out += 'z';
    return out;
}

std::string SvgCanvas::line_path(const std::vector<PlanePoint>& pts) const {
    // Runs of segments that meet the window grown by a millimetre (so that line caps at the
    // border are not cut short).
    const double m = 10 * m_m_per_unit;
    const PlaneBox grown{m_window.x0 - m, m_window.y0 - m, m_window.x1 + m, m_window.y1 + m};
    std::string out;
    std::vector<PlanePoint> run;
    const auto flush = [&] {
        if (run.size() >= 2) out += path_of(run, false);
        run.clear();
    };
    for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
        const PlaneBox seg{std::min(pts[i].first, pts[i + 1].first), std::min(pts[i].second, pts[i + 1].second),
                           std::max(pts[i].first, pts[i + 1].first), std::max(pts[i].second, pts[i + 1].second)};
        if (!seg.intersects(grown)) {
            flush();
            continue;
        }
        if (run.empty()) run.push_back(pts[i]);
        run.push_back(pts[i + 1]);
    }
    flush();
    return out;
}

std::string SvgCanvas::ring_path(const std::vector<PlanePoint>& pts) const { return path_of(pts, true); }

std::string SvgCanvas::open(const std::string& id, const std::string& css_class, const std::string& title,
                           const LocalProjection& proj) const {
    const Coord sw = proj.unproject(m_window.x0, m_window.y0), ne = proj.unproject(m_window.x1, m_window.y1);
    char buf[768];
    std::snprintf(buf, sizeof buf,
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"%s\" id=\"%s\" width=\"%.1fmm\" height=\"%.1fmm\" "
                  "viewBox=\"0 0 %.0f %.0f\" role=\"img\" data-m-per-mm=\"%.3f\" data-window=\"%.7f,%.7f,%.7f,%.7f\">"
                  "<title>%s</title>"
                  "<defs><clipPath id=\"%s-clip\"><rect width=\"%.0f\" height=\"%.0f\"/></clipPath></defs>"
                  "<rect class=\"map-bg\" width=\"%.0f\" height=\"%.0f\" fill=\"#fff\"/><g clip-path=\"url(#%s-clip)\">",
                  css_class.c_str(), id.c_str(), m_w / 10, m_h / 10, m_w, m_h, m_per_mm(), sw.lon(), sw.lat(), ne.lon(), ne.lat(),
                  html_escape(title).c_str(),
                  id.c_str(), m_w, m_h, m_w, m_h, id.c_str());
    return buf;
}

std::string scale_text(double metres) {
    return metres >= 1000 ? fr_number(metres / 1000, std::fmod(metres, 1000) == 0 ? 0 : 1) + " km" : fr_number(metres) + " m";
}

std::string SvgCanvas::close() const {
    std::string out = "</g>";
    // Scale bar: a round length near a fifth of the width, in two halves.
    const double target = m_w * m_m_per_unit / 5;
    const double p10 = std::pow(10, std::floor(std::log10(target)));
    double len = p10;
    for (const double k : {1.0, 2.0, 5.0, 10.0}) {
        if (k * p10 <= target) len = k * p10;
    }
    const double bar = len / m_m_per_unit;
    const double x = 40, y = m_h - 40;
    char buf[1024];
    std::snprintf(buf, sizeof buf,
                  "<g class=\"scale-bar\" font-size=\"22\" font-family=\"DejaVu Sans, sans-serif\">"
                  "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.0f\" height=\"62\" fill=\"#fff\" fill-opacity=\"0.85\"/>"
                  "<rect x=\"%.0f\" y=\"%.0f\" width=\"%.1f\" height=\"12\" fill=\"#222\"/>"
                  "<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" height=\"12\" fill=\"#fff\" stroke=\"#222\" stroke-width=\"2\"/>"
                  "<text x=\"%.0f\" y=\"%.0f\" fill=\"#222\">%s</text></g>",
                  x - 12, y - 44, bar + 24 + 90, x, y, bar / 2, x + bar / 2, y, bar / 2, x, y - 10,
                  (scale_text(len)).c_str());
    out += buf;
    // North arrow: the plane's y axis is true north.
    const double nx = m_w - 45, ny = 30;
    std::snprintf(buf, sizeof buf,
                  "<g class=\"north-arrow\" font-family=\"DejaVu Sans, sans-serif\">"
                  "<circle cx=\"%.0f\" cy=\"%.0f\" r=\"27\" fill=\"#fff\" fill-opacity=\"0.85\"/>"
                  "<path d=\"M%.0f %.0fl-11 34 11-8 11 8z\" fill=\"#222\"/>"
                  "<text x=\"%.0f\" y=\"%.0f\" font-size=\"20\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#222\">N</text></g>",
                  nx, ny + 22, nx, ny + 4, nx, ny + 64);
    out += buf;
    std::snprintf(buf, sizeof buf, "<rect class=\"map-frame\" x=\"1\" y=\"1\" width=\"%.0f\" height=\"%.0f\" fill=\"none\" stroke=\"#888\" stroke-width=\"2\"/></svg>",
                  m_w - 2, m_h - 2);
    out += buf;
    return out;
}

bool LabelPlacer::free(double x, double y, double r) const {
    if (x - r < 2 || y - r < 2 || x + r > m_w - 2 || y + r > m_h - 2) return false;
    for (const auto& [c, cr] : m_taken) {
        const double dx = c.first - x, dy = c.second - y;
        if (dx * dx + dy * dy < (r + cr + 3) * (r + cr + 3)) return false;
    }
    return true;
}

bool LabelPlacer::take_if_free(double x, double y, double r) {
    if (!free(x, y, r)) return false;
    m_taken.push_back({{x, y}, r});
    return true;
}

PlanePoint LabelPlacer::place(double x, double y, double r) {
    PlanePoint best{std::clamp(x, r + 2, m_w - r - 2), std::clamp(y, r + 2, m_h - r - 2)};
    bool found = free(best.first, best.second, r);
    for (int ring = 1; ring <= 8 && !found; ++ring) {
        const double d = ring * 1.3 * r;
        const int steps = 8 + 4 * ring;
        for (int k = 0; k < steps && !found; ++k) {
            const double a = -M_PI / 4 + 2 * M_PI * k / steps;  // start up and to the right
            const double cx = x + d * std::cos(a), cy = y - d * std::sin(a);
            if (free(cx, cy, r)) best = {cx, cy}, found = true;
        }
    }
    m_taken.push_back({best, r});
    return best;
}

}  // namespace maillon::outputs
