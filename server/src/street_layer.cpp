#include "street_layer.hpp"

#include "line_features.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>

namespace maillon::server {
namespace {

void append_coordinate(std::string& out, double v) {
    char buf[32];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 6);
    out.append(buf, ec == std::errc{} ? end : buf);
}

}  // namespace

bool street_drawn_in_band(Highway h, std::size_t band) noexcept {
    switch (band) {
        case 0: return true;
        case 1:
            return h <= Highway::living_street || h == Highway::pedestrian || h == Highway::road || h == Highway::busway;
        case 2: return h <= Highway::tertiary;
        default: return h <= Highway::secondary;
    }
}

StreetLayer::StreetLayer(const Graph& g, const CycleNetwork& net) : m_graph(&g) {
    const auto& d = g.data();
    // Chained by class and name: a street between two crossings is one feature at small zooms.
    std::vector<std::uint64_t> style(g.edge_count());
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        style[e] = (static_cast<std::uint64_t>(d.edge_name[e]) << 8U) | static_cast<std::uint64_t>(d.edge_highway[e]);
    }
    const LocalProjection proj = LocalProjection::around(g.bbox());
    for (std::size_t b = 0; b < zoom_bands.size(); ++b) {
        Band& band = m_bands[b];
        const double tol = zoom_bands[b].tolerance_m;
        const auto drawn = [&](EdgeId e) { return !net.contains_edge(e) && street_drawn_in_band(d.edge_highway[e], b); };
        std::vector<std::pair<Line, BBox>> lines;
        if (tol > 0) {
            for (const auto& chain : edge_chains(g, drawn, style)) {
                double length = 0;
                for (const EdgeId e : chain) length += g.length_m(e);
                if (length < tol) continue;  // too short to see at this zoom
                const std::vector<Coord> line = simplify(chain_line(g, chain), proj, tol);
                Line l{chain.front(), static_cast<std::uint32_t>(band.points.size() / 2), static_cast<std::uint32_t>(line.size())};
                for (const Coord c : line) {
                    band.points.push_back(static_cast<float>(c.lon()));
                    band.points.push_back(static_cast<float>(c.lat()));
                }
                lines.push_back({l, box_of(line)});
            }
        } else {
            for (EdgeId e = 0; e < g.edge_count(); ++e) {
                if (drawn(e)) lines.push_back({Line{e, 0, 0}, box_of(g.shape(e))});
            }
        }
        // Footways first, motorways last: SVG paints in order, major roads stay readable on top.
        std::stable_sort(lines.begin(), lines.end(),
                         [&d](const auto& x, const auto& y) { return d.edge_highway[x.first.edge] > d.edge_highway[y.first.edge]; });
        std::vector<BBox> boxes;
        boxes.reserve(lines.size());
        band.lines.reserve(lines.size());
        for (const auto& [l, box] : lines) {
            band.lines.push_back(l);
            boxes.push_back(box);
        }
        band.points.shrink_to_fit();
        band.index = FeatureIndex{boxes};
    }
}

void StreetLayer::append_feature(std::string& out, std::size_t b, std::uint32_t i) const {
    const Band& band = m_bands[b];
    const Line& l = band.lines[i];
    out += R"({"type":"Feature","geometry":{"type":"LineString","coordinates":[)";
    const auto point = [&out](double lon, double lat, bool first) {
        if (!first) out += ',';
        out += '[';
        append_coordinate(out, lon);
        out += ',';
        append_coordinate(out, lat);
        out += ']';
    };
    if (l.count == 0) {
        const std::vector<Coord> shape = m_graph->shape(l.edge);
        for (std::size_t k = 0; k < shape.size(); ++k) point(shape[k].lon(), shape[k].lat(), k == 0);
    } else {
        for (std::uint32_t k = 0; k < l.count; ++k) point(band.points[2 * (l.first + k)], band.points[2 * (l.first + k) + 1], k == 0);
    }
    out += R"(]},"properties":{"highway":")";
    out += key(m_graph->data().edge_highway[l.edge]);
    out += R"(","name":)";
    out += nlohmann::json(m_graph->name(l.edge)).dump();
    out += "}}";
}

}  // namespace maillon::server
