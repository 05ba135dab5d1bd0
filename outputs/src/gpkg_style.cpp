#include "gpkg_style.hpp"

#include "french_format.hpp"
#include "map_style.hpp"

#include <cstdio>
#include <cstdlib>

namespace maillon::outputs {
namespace {

using Props = std::vector<std::pair<std::string, std::string>>;

/// A symbol layer with its properties written both ways QGIS 3 reads them: the <Option> map of
/// newer versions and the <prop> list of older ones.
std::string symbol_layer(const char* cls, const Props& props) {
    std::string option = "<Option type=\"Map\">", prop;
    for (const auto& [k, v] : props) {
        option += "<Option type=\"QString\" name=\"" + k + "\" value=\"" + html_escape(v) + "\"/>";
        prop += "<prop k=\"" + k + "\" v=\"" + html_escape(v) + "\"/>";
    }
    return std::string{"<layer class=\""} + cls + "\" enabled=\"1\" locked=\"0\" pass=\"0\">" + option + "</Option>" + prop + "</layer>";
}

std::string mm(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

/// The web map's dash pattern in pixels ("8 5") as QGIS millimetres ("2.1;1.3").
std::string dash_mm(std::string_view px) {
    std::string out;
    std::size_t i = 0;
    while (i < px.size()) {
        const std::size_t j = px.find(' ', i);
        const double v = std::atof(std::string{px.substr(i, j == std::string_view::npos ? px.size() - i : j - i)}.c_str());
        out += (out.empty() ? "" : ";") + mm(v * 0.26);
        if (j == std::string_view::npos) break;
        i = j + 1;
    }
    return out;
}

std::string line_layer(std::string_view color, double width, std::string_view px_dash, const char* cap) {
    return symbol_layer("SimpleLine", {{"line_color", qgis_color(color)}, {"line_width", mm(width)}, {"line_width_unit", "MM"},
                                       {"line_style", "solid"}, {"capstyle", cap}, {"joinstyle", "round"},
                                       {"use_custom_dash", px_dash.empty() ? "0" : "1"}, {"customdash", px_dash.empty() ? "5;2" : dash_mm(px_dash)},
                                       {"customdash_unit", "MM"}, {"offset", "0"}, {"offset_unit", "MM"}});
}

std::string symbol(const char* type, int name, const std::string& layers) {
    return std::string{"<symbol type=\""} + type + "\" name=\"" + std::to_string(name) +
           "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">" + layers + "</symbol>";
}

std::string gaps_renderer() {
    // Rank 1 drawn last, on top; data issues (no rank) first.
    std::string rules, symbols;
    const char* filters[] = {"\"rank\" <= 10", "\"rank\" > 10 AND \"rank\" <= 50", "\"rank\" > 50", "\"rank\" IS NULL"};
    int i = 0;
    for (const GapBucket& b : gap_buckets()) {
        rules += "<rule key=\"" + std::string{b.id} + "\" symbol=\"" + std::to_string(i) + "\" filter=\"" + html_escape(filters[i]) +
                 "\" label=\"" + html_escape(b.label) + "\"/>";
        const bool data = b.id == "data";
        symbols += symbol("line", i, (data ? "" : line_layer("#111111", 2.2, "", "round")) +
                                         line_layer(b.color, data ? 1.0 : 1.4, data ? "2 8" : "", "round"));
        ++i;
    }
    return "<renderer-v2 type=\"RuleRenderer\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"1\"><rules key=\"root\">" + rules +
           "</rules><symbols>" + symbols + "</symbols><orderby><orderByClause asc=\"0\" nullsFirst=\"1\">\"rank\"</orderByClause>"
           "</orderby></renderer-v2>";
}

std::string network_renderer() {
    std::string categories, symbols;
    int i = 0;
    for (int f = 1; f < facility_count; ++f) {
        const FacilityStyle& s = facility_style(static_cast<Facility>(f));
        categories += "<category render=\"true\" symbol=\"" + std::to_string(i) + "\" value=\"" + std::string{s.key} + "\" label=\"" +
                      html_escape(s.label) + "\"/>";
        symbols += symbol("line", i, line_layer(s.color, 0.8, s.dash, "flat"));
        ++i;
    }
    return "<renderer-v2 type=\"categorizedSymbol\" attr=\"facility_key\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\"><categories>" +
           categories + "</categories><symbols>" + symbols + "</symbols></renderer-v2>";
}

std::string single(const std::string& sym) {
    return "<renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\"><symbols>" + sym +
           "</symbols></renderer-v2>";
}

std::string stations_renderer() {
    const std::pair<const char*, std::pair<const char*, const char*>> statuses[] = {
        {"existing", {"Station existante", "#6d6d6d"}}, {"planned", {"Station prévue", "#2166ac"}}, {"suggested", {"Station suggérée", "#b2188f"}}};
    std::string categories, symbols;
    int i = 0;
    for (const auto& [value, style] : statuses) {
        categories += "<category render=\"true\" symbol=\"" + std::to_string(i) + "\" value=\"" + value + "\" label=\"" +
                      html_escape(style.first) + "\"/>";
        symbols += symbol("marker", i, symbol_layer("SimpleMarker", {{"name", i == 0 ? "circle" : "square"}, {"color", qgis_color(style.second)},
                                                                     {"size", i == 0 ? "2" : "3"}, {"size_unit", "MM"},
                                                                     {"outline_color", "255,255,255,255"}, {"outline_width", "0.4"},
                                                                     {"outline_width_unit", "MM"}, {"outline_style", "solid"}}));
        ++i;
    }
    return "<renderer-v2 type=\"categorizedSymbol\" attr=\"status\" symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\"><categories>" +
           categories + "</categories><symbols>" + symbols + "</symbols></renderer-v2>";
}

}  // namespace

std::string qgis_color(std::string_view hex, int alpha) {
    if (hex.size() != 7 || hex[0] != '#') return "0,0,0," + std::to_string(alpha);
    const auto channel = [&](std::size_t at) { return std::to_string(std::strtol(std::string{hex.substr(at, 2)}.c_str(), nullptr, 16)); };
    return channel(1) + "," + channel(3) + "," + channel(5) + "," + std::to_string(alpha);
}

std::string qml_style(std::string_view layer, const std::vector<std::pair<std::string, std::string>>& fields) {
    std::string renderer;
    int geometry = 1;  // QGIS: 0 point, 1 line, 2 polygon
    if (layer == "gaps") renderer = gaps_renderer();
    else if (layer == "network") renderer = network_renderer();
    else if (layer == "candidates") renderer = single(symbol("line", 0, line_layer("#7f7f7f", 0.6, "4 4", "round")));
    else if (layer == "stations") renderer = stations_renderer(), geometry = 0;
    else if (layer == "qpv") {
        geometry = 2;
        renderer = single(symbol("fill", 0, symbol_layer("SimpleFill", {{"color", qgis_color(qpv_fill, static_cast<int>(qpv_fill_opacity * 255))},
                                                                        {"style", "solid"}, {"outline_color", qgis_color(qpv_stroke)},
                                                                        {"outline_width", "0.6"}, {"outline_width_unit", "MM"},
                                                                        {"outline_style", "dash"}, {"joinstyle", "round"}})));
    } else {
        return "";
    }
    std::string aliases = "<aliases>";
    for (std::size_t i = 0; i < fields.size(); ++i) {
        aliases += "<alias field=\"" + html_escape(fields[i].first) + "\" index=\"" + std::to_string(i) + "\" name=\"" +
                   html_escape(fields[i].second) + "\"/>";
    }
    aliases += "</aliases>";
    return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.22.0-Białowieża\" styleCategories=\"Symbology|Fields\">" +
           renderer + aliases + "<layerGeometryType>" + std::to_string(geometry) + "</layerGeometryType></qgis>\n";
}

}  // namespace maillon::outputs
