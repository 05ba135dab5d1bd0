#include "support.hpp"

#include "scenario.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace maillon::test {
namespace {

// The scenario origin and scale of scenario.cpp.
constexpr double lon0 = 2.3600, lat0 = 48.8700, m_per_deg_lat = 111195.0;

}  // namespace

std::string temp_path(const std::string& name) {
    static int counter = 0;
    return "/tmp/maillon-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + "-" + name;
}

TempFile::TempFile(const std::string& name, const std::string& content) : m_path(temp_path(name)) {
    std::ofstream out{m_path, std::ios::binary};
    out << content;
    REQUIRE(out.good());
}

TempFile::~TempFile() { std::remove(m_path.c_str()); }

double scenario_lon(double x_m) { return lon0 + x_m / (m_per_deg_lat * std::cos(lat0 * M_PI / 180.0)); }
double scenario_lat(double y_m) { return lat0 - y_m / m_per_deg_lat; }

QpvLayer qpv_layer(const std::vector<TestQpv>& qpvs) {
    std::ostringstream json;
    json.precision(10);
    json << R"({"type":"FeatureCollection","features":[)";
    for (std::size_t i = 0; i < qpvs.size(); ++i) {
        const TestQpv& q = qpvs[i];
        json << (i ? "," : "") << R"({"type":"Feature","properties":{"code":")" << q.code << R"(","nom":")" << q.name
             << R"(","commune":"Paris")";
        if (q.population) json << R"(,"population":)" << *q.population;
        // Counter-clockwise exterior ring: south-west, south-east, north-east, north-west (y grows south).
        json << R"(},"geometry":{"type":"Polygon","coordinates":[[)"
             << "[" << scenario_lon(q.x0) << "," << scenario_lat(q.y1) << "],[" << scenario_lon(q.x1) << ","
             << scenario_lat(q.y1) << "],[" << scenario_lon(q.x1) << "," << scenario_lat(q.y0) << "],["
             << scenario_lon(q.x0) << "," << scenario_lat(q.y0) << "],[" << scenario_lon(q.x0) << ","
             << scenario_lat(q.y1) << "]]]}}";
    }
    json << "]}";
    const TempFile file{"qpv.geojson", json.str()};
    return load_qpv(file.path());
}

char label(const Graph& g, NodeId n) {
    const auto id = g.data().node_osm_id[n];
    return id > 32 && id < 127 ? static_cast<char>(id) : '?';
}

std::string describe(const Graph& g, const std::vector<Gap>& gaps) {
    std::ostringstream out;
    out.precision(1);
    out << std::fixed << gaps.size() << " gap(s):";
    for (const Gap& gap : gaps) {
        out << "\n  " << label(g, gap.from) << "->" << label(g, gap.to) << " " << key(gap.kind) << "/"
            << key(gap.gap_class) << " " << key(gap.status) << " " << gap.length_m << " m, benefit " << gap.benefit
            << ", merged " << gap.merged << ", rank " << gap.rank << ", qpv_weight " << gap.qpv_weight << ", score "
            << gap.score << ", " << key(gap.treatment);
    }
    return out.str();
}

const Gap* find_gap(const Graph& g, const std::vector<Gap>& gaps, char a, char b) {
    const NodeId na = Scenario::node(g, a);
    const NodeId nb = Scenario::node(g, b);
    for (const Gap& gap : gaps) {
        if ((gap.from == na && gap.to == nb) || (gap.from == nb && gap.to == na)) return &gap;
    }
    return nullptr;
}

}  // namespace maillon::test
