// The report's maps (outputs/src/report_maps.cpp) counted against the data they are drawn from: the
// République demo analysed in-process (report/report_fixture.cpp), and small scenario maps for the
// street chains and the SVG geometry.

#include "base_map.hpp"
#include "report/report_fixture.hpp"
#include "report_maps.hpp"
#include "scenario.hpp"
#include "svg_canvas.hpp"

#include "maillon/cycle_network.hpp"

#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <sstream>

using namespace maillon;
using namespace maillon::outputs;
using maillon::test::count;

namespace {

/// The values of an attribute on elements of a class: `<path class="gap" data-rank="3"` → {3}.
std::multiset<std::string> attribute_values(const std::string& svg, const std::string& prefix, const std::string& attr) {
    std::multiset<std::string> out;
    const std::regex re{prefix + "[^>]*?" + attr + "=\"([^\"]*)\""};
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), re); it != std::sregex_iterator(); ++it) out.insert((*it)[1]);
    return out;
}

struct Demo {
    const test::ReportFixture& f = test::demo_report_fixture();
    BaseMap map{f.graph, f.profile.network};
    ReportModel model = build_model(f.sources(), map, ReportOptions{});
};

Demo& demo() {
    static Demo d;
    return d;
}

/// The network's facilities by the rule of the server's network layer, computed here from the graph.
std::set<std::string> network_facilities(const Graph& g, const NetworkParams& params) {
    const CycleNetwork net{g, params};
    std::set<std::string> out;
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        if (!net.contains_edge(e)) continue;
        Facility f = Facility::aucun;
        for (const ArcId a : {arc_of(e, false), arc_of(e, true)}) {
            if (f == Facility::aucun && g.allows(a, Mode::bike)) f = g.data().arc_facility[a];
        }
        if (f == Facility::aucun) f = g.data().arc_side_facility[2 * e];
        out.insert(std::string{key(f)});
    }
    return out;
}

/// Gaps of gaps.geojson with a segment inside the window (west,south,east,north) grown by `grow`
/// degrees (negative: shrunk).
std::size_t gaps_in(const nlohmann::ordered_json& gaps, const std::vector<double>& w, double grow_lon, double grow_lat) {
    std::size_t n = 0;
    for (const auto& f : gaps["features"]) {
        const auto& c = f["geometry"]["coordinates"];
        for (std::size_t i = 0; i + 1 < c.size(); ++i) {
            const double ax = c[i][0], ay = c[i][1], bx = c[i + 1][0], by = c[i + 1][1];
            if (std::max(ax, bx) >= w[0] - grow_lon && std::min(ax, bx) <= w[2] + grow_lon && std::max(ay, by) >= w[1] - grow_lat &&
                std::min(ay, by) <= w[3] + grow_lat) {
                ++n;
                break;
            }
        }
    }
    return n;
}

std::vector<double> window_of(const std::string& svg) {
    std::smatch m;
    REQUIRE(std::regex_search(svg, m, std::regex{"data-window=\"([^\"]*)\""}));
    std::vector<double> w;
    std::stringstream in{m[1].str()};
    for (std::string v; std::getline(in, v, ',');) w.push_back(std::stod(v));
    REQUIRE(w.size() == 4);
    return w;
}

}  // namespace

TEST_CASE("the territory's map draws every top gap once with its number, every QPV of the area, each facility of the network once") {
    Demo& d = demo();
    REQUIRE(d.model.ranked >= 10);
    const MapResult r = overview_map(d.model, 182, 130);
    std::multiset<std::string> ranks;
    for (std::size_t i = 0; i < d.model.top(); ++i) ranks.insert(std::to_string(d.model.gaps[i].rank));
    CHECK(attribute_values(r.svg, "<path class=\"gap\"", "data-rank") == ranks);
    CHECK(attribute_values(r.svg, "<g class=\"gap-label\"", "data-rank") == ranks);

    std::multiset<std::string> qpv;
    for (const auto& row : d.f.files.indicators["rows"]) {
        if (row["scope"] == "qpv") qpv.insert(row["code"].get<std::string>());
    }
    REQUIRE(!qpv.empty());
    CHECK(attribute_values(r.svg, "<path class=\"qpv\"", "data-code") == qpv);

    const auto drawn = attribute_values(r.svg, "<path class=\"network\"", "data-facility");
    CHECK(std::set<std::string>(drawn.begin(), drawn.end()) == network_facilities(d.f.graph, d.f.profile.network));
    CHECK(drawn.size() == std::set<std::string>(drawn.begin(), drawn.end()).size());  // one path per facility

    // Streets only of the groups drawn at this scale, and the furniture.
    for (const auto& g : attribute_values(r.svg, "<g class=\"streets\"", "data-group")) {
        CHECK(r.m_per_mm <= street_group_max_m_per_mm(static_cast<StreetGroup>(std::stoi(g))));
    }
    CHECK(count(r.svg, "<g class=\"streets\"") >= 2);
    CHECK(count(r.svg, "class=\"scale-bar\"") == 1);
    CHECK(count(r.svg, "class=\"north-arrow\"") == 1);
}

TEST_CASE("a gap's map draws its gap once, its number, and the gaps that gaps.geojson has in its window") {
    Demo& d = demo();
    for (std::size_t i = 0; i < d.model.top(); ++i) {
        const ReportGap& g = d.model.gaps[i];
        INFO("rank " << g.rank);
        const MapResult r = gap_map(d.model, i, 88, 58);
        CHECK(count(r.svg, "<path class=\"gap\" data-rank=\"" + std::to_string(g.rank) + "\"") == 1);
        CHECK(count(r.svg, "<g class=\"gap-label\" data-rank=\"" + std::to_string(g.rank) + "\"") == 1);
        CHECK(count(r.svg, "<g class=\"streets\"") >= 1);
        // Every gap with a segment well inside the window is drawn, none far outside it.
        const std::vector<double> w = window_of(r.svg);
        const double mm_lat = r.m_per_mm / 111195.0, mm_lon = mm_lat / std::cos((w[1] + w[3]) / 2 * M_PI / 180);
        const std::size_t drawn = count(r.svg, "<path class=\"gap\"");
        CHECK(drawn >= gaps_in(d.f.files.gaps, w, -2 * mm_lon, -2 * mm_lat));
        CHECK(drawn <= gaps_in(d.f.files.gaps, w, 3 * mm_lon, 3 * mm_lat));
        // At least 450 m of ground across.
        CHECK((w[2] - w[0]) * 111195.0 * std::cos(w[1] * M_PI / 180) >= 449);
    }
}

TEST_CASE("streets are chained by name across crossings; the network by facility") {
    // Rue A runs A-B-C-D, crossed at B and C by two other streets; the cycle track E-F-G is one
    // facility, then a lane G-H.
    const test::Scenario s{R"(
        A---B---C---D
            |   |
            I   J
        E---F---G---H
    )", {{"ABCD", {{"highway", "residential"}, {"name", "Rue A"}}},
         {"BI", {{"highway", "residential"}, {"name", "Rue B"}}},
         {"CJ", {{"highway", "residential"}, {"name", "Rue C"}}},
         {"EFG", {{"highway", "cycleway"}, {"name", "Piste"}}},
         {"GH", {{"highway", "residential"}, {"name", "Piste"}, {"cycleway", "lane"}}}}};
    const Graph g = s.build();
    const BaseMap map{g, NetworkParams{}};
    std::map<std::string, int> streets, network;
    for (const Chain& c : map.chains()) {
        (c.layer == ChainLayer::street ? streets : network)[g.data().names[c.name]]++;
    }
    CHECK(streets["Rue A"] == 1);  // one chain through both crossings
    CHECK(streets["Rue B"] == 1);
    CHECK(streets["Rue C"] == 1);
    CHECK(network["Piste"] == 2);  // a track, then a lane: two facilities
    // A window around D only meets Rue A's chain (and no chain far away).
    const LocalProjection& p = map.projection();
    const Coord d = g.data().node_coord[test::Scenario::node(g, 'D')];
    std::set<std::string> near;
    map.for_each_in({p.x(d) - 1, p.y(d) - 1, p.x(d) + 1, p.y(d) + 1}, [&](const Chain& c) { near.insert(g.data().names[c.name]); });
    CHECK(near == std::set<std::string>{"Rue A"});
}

TEST_CASE("SVG paths: integer tenths of a millimetre, clipped to the window, nothing for what the printer cannot draw") {
    const SvgCanvas canvas{{0, 0, 1000, 1000}, 100, 100};  // 10 m a millimetre
    CHECK(canvas.m_per_mm() == Approx(10));
    CHECK(canvas.line_path({{0, 1000}, {1000, 0}}) == "M0 0l1000 1000");
    CHECK(canvas.line_path({{0, 1000}, {1000, 0}}).find('.') == std::string::npos);
    CHECK(canvas.line_path({{5000, 5000}, {6000, 5000}}).empty());    // outside
    CHECK(canvas.line_path({{500, 500}, {500.2, 500.2}}).empty());    // 3 cm of ground: under a tenth of a mm
    // A line leaving the window keeps only the part near it.
    const std::string d = canvas.line_path({{500, 500}, {900, 500}, {5000, 500}, {9000, 500}});
    CHECK(d == "M500 500l4500 0");  // the middle point is on the line: simplified away
    CHECK(canvas.ring_path({{100, 100}, {200, 100}, {200, 200}, {100, 100}}).back() == 'z');
}
