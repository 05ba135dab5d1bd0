// Save -> load round trips and the refusal of damaged or foreign graph files.

#include "maillon/errors.hpp"
#include "maillon/graph_io.hpp"
#include "maillon/importers/osm_import.hpp"

#include <catch2/catch.hpp>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>
#include <unistd.h>

using maillon::Graph;

namespace {

const std::string data_dir = MAILLON_TEST_DATA;

std::string temp_path(const std::string& name) {
    return "/tmp/maillon-test-" + std::to_string(::getpid()) + "-" + name;
}

std::string read_all(const std::string& path) {
    std::ifstream in{path, std::ios::binary};
    return {std::istreambuf_iterator<char>{in}, std::istreambuf_iterator<char>{}};
}

void write_all(const std::string& path, const std::string& bytes) {
    std::ofstream out{path, std::ios::binary | std::ios::trunc};
    out << bytes;
}

}  // namespace

TEST_CASE("a graph saved and loaded again is identical") {
    const std::string file = GENERATE(as<std::string>{}, "paris-republique.osm.pbf", "monaco-2016.osm.pbf",
                                      "paris-20e-12e-13e-corridor.osm");
    const Graph imported = maillon::importers::import_osm(data_dir + "/" + file);
    const std::string path = temp_path("roundtrip.maillon");
    maillon::save_graph(imported, path);
    const Graph loaded = maillon::load_graph(path);
    CHECK(loaded == imported);
    CHECK(loaded.data().source_name == file);
    // Equality must be able to fail: a graph with one attribute changed differs.
    maillon::GraphData changed = imported.data();
    changed.arc_lts[0] = changed.arc_lts[0] == 4 ? 1 : 4;
    CHECK_FALSE(Graph{std::move(changed)} == imported);
    std::remove(path.c_str());
}

TEST_CASE("loading refuses files that are not intact maillon graphs") {
    const Graph g = maillon::importers::import_osm(data_dir + "/paris-20e-12e-13e-corridor.osm");
    const std::string good = temp_path("good.maillon");
    const std::string bad = temp_path("bad.maillon");
    maillon::save_graph(g, good);
    const std::string bytes = read_all(good);
    REQUIRE(bytes.size() > 1000);

    SECTION("a missing file") {
        REQUIRE_THROWS_WITH(maillon::load_graph(temp_path("absent.maillon")),
                            Catch::Contains("cannot open graph file") && Catch::Contains("absent.maillon"));
    }
    SECTION("an OSM file instead of a graph") {
        // The suggested output is beside the extract, never the extract itself (the import would overwrite it).
        REQUIRE_THROWS_WITH(maillon::load_graph(data_dir + "/paris-republique.osm.pbf"),
                            Catch::Contains("is an OSM extract, not a maillon graph file") &&
                                Catch::Contains("maillon import " + data_dir + "/paris-republique.osm.pbf -o " + data_dir +
                                                "/paris-republique.maillon'"));
    }
    SECTION("a truncated file") {
        write_all(bad, bytes.substr(0, bytes.size() / 2));
        REQUIRE_THROWS_WITH(maillon::load_graph(bad), Catch::Contains("is truncated"));
    }
    SECTION("a flipped byte in the payload") {
        std::string damaged = bytes;
        damaged[bytes.size() - 200] = static_cast<char>(damaged[bytes.size() - 200] ^ 0x5A);
        write_all(bad, damaged);
        REQUIRE_THROWS_WITH(maillon::load_graph(bad), Catch::Contains("is damaged (checksum mismatch)"));
    }
    SECTION("a file of another format version") {
        std::string other = bytes;
        other[8] = static_cast<char>(maillon::graph_format_version + 1);  // version field follows the 8-byte magic
        write_all(bad, other);
        REQUIRE_THROWS_WITH(maillon::load_graph(bad), Catch::Contains("has format version " +
                                                                      std::to_string(maillon::graph_format_version + 1)) &&
                                                          Catch::Contains("run 'maillon import' again"));
    }
    SECTION("an empty file") {
        write_all(bad, "");
        REQUIRE_THROWS_AS(maillon::load_graph(bad), maillon::input_error);
    }
    std::remove(good.c_str());
    std::remove(bad.c_str());
}

TEST_CASE("saving to a directory that does not exist fails and leaves no file behind") {
    const Graph g = maillon::importers::import_osm(data_dir + "/paris-20e-12e-13e-corridor.osm");
    REQUIRE_THROWS_WITH(maillon::save_graph(g, "/nonexistent-dir/x.maillon"),
                        Catch::Contains("cannot write '/nonexistent-dir/x.maillon'"));
}
