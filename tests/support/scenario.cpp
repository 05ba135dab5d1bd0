#include "scenario.hpp"

#include "maillon/importers/osm_import.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace maillon::test {
namespace {

struct Located {
    double lon;
    double lat;
};

std::map<char, Located> locate(const std::string& map, double grid_m) {
    // Origin near Place de la République; 1 degree of latitude ~ 111.2 km.
    constexpr double lon0 = 2.3600;
    constexpr double lat0 = 48.8700;
    const double m_per_deg_lat = 111195.0;
    const double m_per_deg_lon = m_per_deg_lat * std::cos(lat0 * M_PI / 180.0);
    std::map<char, Located> nodes;
    int row = 0;
    std::istringstream lines{map};
    for (std::string line; std::getline(lines, line); ++row) {
        for (std::size_t col = 0; col < line.size(); ++col) {
            const char c = line[col];
            if (std::isalnum(static_cast<unsigned char>(c))) {
                nodes[c] = {lon0 + col * grid_m / m_per_deg_lon, lat0 - row * grid_m / m_per_deg_lat};
            }
        }
    }
    return nodes;
}

std::string escape(const std::string& s) {
    std::string out;
    for (const char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

}  // namespace

std::string Scenario::osm_xml() const {
    const auto nodes = locate(map, grid_m);
    std::ostringstream xml;
    xml.precision(10);
    xml << "<?xml version='1.0' encoding='UTF-8'?>\n<osm version=\"0.6\" generator=\"maillon-tests\">\n";
    for (const auto& [label, loc] : nodes) {
        xml << "  <node id=\"" << osm_id(label) << "\" version=\"1\" timestamp=\"2024-01-01T00:00:00Z\" lat=\""
            << loc.lat << "\" lon=\"" << loc.lon << "\"";
        const auto tags = node_tags.find(label);
        if (tags == node_tags.end()) {
            xml << "/>\n";
            continue;
        }
        xml << ">\n";
        for (const auto& [k, v] : tags->second) xml << "    <tag k=\"" << escape(k) << "\" v=\"" << escape(v) << "\"/>\n";
        xml << "  </node>\n";
    }
    int way_id = 1000;
    for (const auto& [refs, tags] : ways) {
        xml << "  <way id=\"" << way_id++ << "\" version=\"1\" timestamp=\"2024-01-01T00:00:00Z\">\n";
        for (const char r : refs) {
            REQUIRE(nodes.count(r) == 1);  // a way names a node missing from the map
            xml << "    <nd ref=\"" << osm_id(r) << "\"/>\n";
        }
        for (const auto& [k, v] : tags) xml << "    <tag k=\"" << escape(k) << "\" v=\"" << escape(v) << "\"/>\n";
        xml << "  </way>\n";
    }
    int relation_id = 5000;
    for (const auto& [members, tags] : relations) {
        xml << "  <relation id=\"" << relation_id++ << "\" version=\"1\" timestamp=\"2024-01-01T00:00:00Z\">\n";
        for (const std::size_t m : members) {
            REQUIRE(m < ways.size());  // a relation names a way missing from the scenario
            xml << "    <member type=\"way\" ref=\"" << 1000 + m << "\" role=\"outer\"/>\n";
        }
        for (const auto& [k, v] : tags) xml << "    <tag k=\"" << escape(k) << "\" v=\"" << escape(v) << "\"/>\n";
        xml << "  </relation>\n";
    }
    xml << "</osm>\n";
    return xml.str();
}

Graph Scenario::build() const {
    static int counter = 0;
    const std::string path = "/tmp/maillon-scenario-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".osm";
    {
        std::ofstream out{path};
        out << osm_xml();
    }
    struct Remove {
        std::string p;
        ~Remove() { std::remove(p.c_str()); }
    } remove{path};
    return importers::import_osm(path);
}

NodeId Scenario::node(const Graph& g, char label) {
    const auto& ids = g.data().node_osm_id;
    for (NodeId n = 0; n < ids.size(); ++n) {
        if (ids[n] == osm_id(label)) return n;
    }
    FAIL("node " << label << " is not a graph node");
    return 0;
}

long Scenario::find_arc(const Graph& g, char from, char to) {
    const NodeId a = node(g, from);
    const NodeId b = node(g, to);
    for (ArcId arc = 0; arc < g.arc_count(); ++arc) {
        if (g.arc_tail(arc) == a && g.arc_head(arc) == b) return static_cast<long>(arc);
    }
    return -1;
}

ArcId Scenario::arc(const Graph& g, char from, char to) {
    const long a = find_arc(g, from, to);
    INFO("arc " << from << "->" << to);
    REQUIRE(a >= 0);
    return static_cast<ArcId>(a);
}

}  // namespace maillon::test
