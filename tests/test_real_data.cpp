// Real extracts against figures computed independently of the engine
// (tests/data/reference/make_reference.py: osmium + Python, see its README).

#include "maillon/graph_summary.hpp"
#include "maillon/importers/osm_import.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <map>
#include <set>
#include <string>

using maillon::Graph;
using maillon::Highway;

namespace {

const std::string data_dir = MAILLON_TEST_DATA;

nlohmann::json reference(const std::string& stem) {
    std::ifstream in{data_dir + "/reference/" + stem + ".json"};
    REQUIRE(in);
    return nlohmann::json::parse(in);
}

/// The engine folds *_link into its road class; the reference counts OSM values.
std::string engine_class(const std::string& osm_value) {
    const auto link = osm_value.find("_link");
    return link == std::string::npos ? osm_value : osm_value.substr(0, link);
}

struct ClassFigures {
    double km_all = 0, km_open = 0;
    long ways_all = 0, ways_open = 0;
};

std::map<std::string, ClassFigures> reference_by_class(const nlohmann::json& ref) {
    std::map<std::string, ClassFigures> out;
    for (const auto& [value, f] : ref["highways"].items()) {
        auto& c = out[engine_class(value)];
        c.km_all += f["km_all"].get<double>();
        c.km_open += f["km_open"].get<double>();
        c.ways_all += f["ways_all"].get<long>();
        c.ways_open += f["ways_open"].get<long>();
    }
    return out;
}

struct EngineFigures {
    double km = 0;
    std::set<std::int64_t> ways;
};

std::map<std::string, EngineFigures> engine_by_class(const Graph& g) {
    std::map<std::string, EngineFigures> out;
    const auto& d = g.data();
    for (maillon::EdgeId e = 0; e < g.edge_count(); ++e) {
        auto& c = out[std::string{maillon::key(d.edge_highway[e])}];
        c.km += d.edge_length_m[e] / 1000.0;
        c.ways.insert(d.edge_way_id[e]);
    }
    return out;
}

}  // namespace

TEST_CASE("kilometres and ways per road class match the independent reference") {
    const std::string stem = GENERATE(as<std::string>{}, "paris-republique", "paris-20e-12e-13e-corridor",
                                      "monaco-2016", "liechtenstein-2015", "paris-concorde");
    const std::string file = stem + (stem == "paris-20e-12e-13e-corridor" ? ".osm" : ".osm.pbf");
    INFO(file);
    const Graph g = maillon::importers::import_osm(data_dir + "/" + file);
    const auto ref_json = reference(stem);
    const auto ref = reference_by_class(ref_json);
    // Ways whose nodes are partly missing from a clipped extract may keep fewer than two nodes.
    const long incomplete = ref_json["highway_ways_with_missing_nodes"].get<long>();
    const auto got = engine_by_class(g);

    for (const auto& [cls, r] : ref) {
        INFO("highway class " << cls);
        const auto it = got.find(cls);
        const double km = it == got.end() ? 0.0 : it->second.km;
        const long ways = it == got.end() ? 0 : static_cast<long>(it->second.ways.size());
        if (cls == "motorway" || cls == "construction" || cls == "proposed" || cls == "platform" ||
            cls == "raceway" || cls == "bus_stop" || !maillon::highway_from_osm(cls)) {
            CHECK(km == 0.0);  // not routable for bikes or pedestrians
            continue;
        }
        // Every open way is kept in full; restricted ones only where bicycle/foot reopen them.
        CHECK(km >= r.km_open * 0.9995 - 0.001);
        CHECK(km <= r.km_all * 1.0005 + 0.001);
        CHECK(ways <= r.ways_all);
        CHECK(ways >= r.ways_open - 3 - incomplete);  // one-node ways (3 in Monaco) make no edge
    }
    for (const auto& [cls, e] : got) {
        INFO("engine class " << cls << " must exist in the file");
        CHECK(ref.count(cls) == 1);
    }
}

TEST_CASE("graph nodes and edges match the independent reference on complete extracts") {
    struct Expect {
        const char* stem;
        const char* file;
    };
    const auto [stem, file] = GENERATE(values<Expect>({{"paris-20e-12e-13e-corridor", "paris-20e-12e-13e-corridor.osm"},
                                                       {"paris-concorde", "paris-concorde.osm.pbf"},
                                                       {"monaco-2016", "monaco-2016.osm.pbf"},
                                                       {"liechtenstein-2015", "liechtenstein-2015.osm.pbf"}}));
    INFO(file);
    const Graph g = maillon::importers::import_osm(data_dir + "/" + file);
    const auto ref = reference(stem);
    const double nodes = ref["graph_nodes_open_with_edges"].get<double>();
    const double edges = ref["graph_edges_open"].get<double>();
    // The reference's access rule is simpler than the engine's (e.g. it ignores vehicle=no and
    // motorroad=yes): allow 1 %, and require equality where no such tag occurs.
    CHECK(g.node_count() == Approx(nodes).epsilon(0.01));
    CHECK(g.edge_count() == Approx(edges).epsilon(0.01));
    if (std::string{stem} != "monaco-2016") {
        CHECK(g.node_count() == static_cast<std::size_t>(nodes));
        CHECK(g.edge_count() == static_cast<std::size_t>(edges));
    }
}

TEST_CASE("the OSM data date is the header's replication timestamp, else the newest object; placeholder dates are not reported") {
    for (const std::string stem : {"monaco-2016", "liechtenstein-2015", "paris-20e-12e-13e-corridor", "paris-republique"}) {
        INFO(stem);
        const std::string file = stem + (stem == "paris-20e-12e-13e-corridor" ? ".osm" : ".osm.pbf");
        const Graph g = maillon::importers::import_osm(data_dir + "/" + file);
        const auto ref = reference(stem);
        const auto& header = ref["header_replication_timestamp"];
        const std::string expected = header.is_null() ? ref["max_timestamp"].get<std::string>() : header.get<std::string>();
        if (expected.rfind("1970", 0) == 0) {
            CHECK(g.data().osm_timestamp.empty());  // every object of this extract carries 1970-01-01
        } else {
            CHECK(g.data().osm_timestamp == expected);
        }
    }
}

TEST_CASE("the graph's extent lies within the extent of the highway nodes") {
    const Graph g = maillon::importers::import_osm(data_dir + "/monaco-2016.osm.pbf");
    const auto box = reference("monaco-2016")["bbox_of_highway_nodes"];
    const maillon::BBox b = g.bbox();
    CHECK(b.min_lon >= box[0].get<double>() - 1e-7);
    CHECK(b.min_lat >= box[1].get<double>() - 1e-7);
    CHECK(b.max_lon <= box[2].get<double>() + 1e-7);
    CHECK(b.max_lat <= box[3].get<double>() + 1e-7);
    CHECK(b.max_lon - b.min_lon > 0.8 * (box[2].get<double>() - box[0].get<double>()));
}

TEST_CASE("Paris République: cycleway kilometres and a cycle network in several pieces") {
    const Graph g = maillon::importers::import_osm(data_dir + "/paris-republique.osm.pbf");
    const auto ref = reference("paris-republique");
    const auto s = maillon::summarize(g);
    // Every highway=cycleway way is a PISTE CYCLABLE or VOIE VERTE on its droite side.
    const double piste_like = s.km_by_facility[static_cast<std::size_t>(maillon::Facility::piste)] +
                              s.km_by_facility[static_cast<std::size_t>(maillon::Facility::voie_verte)];
    CHECK(piste_like >= ref["km_cycleway_tagged"].get<double>() * 0.999);
    // Paris has many double sens cyclables (oneway:bicycle=no on 35 ways of this extract).
    CHECK(s.km_by_facility[static_cast<std::size_t>(maillon::Facility::dsc_non_materialise)] > 1.0);
    CHECK(s.km_by_facility[static_cast<std::size_t>(maillon::Facility::couloir_bus_velo)] > 1.0);
    CHECK(s.km_cycle_network > ref["km_cycleway_tagged"].get<double>());
    CHECK(s.cycle_network_components > 1);
    CHECK(s.km_by_lts[1] > s.km_by_lts[4]);
}
