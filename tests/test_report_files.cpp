// Reading an analyze output directory back for the report (outputs/analyze_files.cpp): what is not
// one, or not of this version, is refused with a message naming the directory and the fix.

#include "maillon/errors.hpp"
#include "maillon/outputs/analyze_files.hpp"
#include "maillon/version.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace maillon;
namespace fs = std::filesystem;

namespace {

struct Dir {
    std::string path = test::temp_path("analyze-dir");
    Dir() { fs::create_directories(path); }
    ~Dir() { fs::remove_all(path); }
    void write(const std::string& name, const std::string& text) const { std::ofstream{path + "/" + name} << text; }
    void complete(const std::string& version = version_string) const {
        write("run.json", R"({"engine": {"name": "maillon", "version": ")" + version + R"("}, "parameters": {},
                              "inputs": [{"role": "qpv", "path": "q.geojson"}]})");
        write("gaps.geojson", R"({"type": "FeatureCollection", "features": []})");
        write("candidates.geojson", R"({"type": "FeatureCollection", "features": []})");
        write("indicators.json", R"({"rows": []})");
    }
};

}  // namespace

TEST_CASE("an analyze directory is read with its optional stations file") {
    const Dir d;
    d.complete();
    outputs::AnalyzeFiles f = outputs::read_analyze_dir(d.path + "/");
    CHECK(f.dir == d.path);
    CHECK(!f.stations);
    CHECK(outputs::run_input(f.run, "qpv") == "q.geojson");
    CHECK(outputs::run_input(f.run, "population").empty());
    d.write("stations.geojson", R"({"type": "FeatureCollection", "features": []})");
    CHECK(outputs::read_analyze_dir(d.path).stations);
}

TEST_CASE("what is not an analyze directory of this version is refused, naming the problem and the fix") {
    const Dir d;
    CHECK_THROWS_WITH(outputs::read_analyze_dir(d.path + "/none"), Catch::Contains("is not a directory"));
    CHECK_THROWS_WITH(outputs::read_analyze_dir(d.path), Catch::Contains("not a 'maillon analyze' output directory (no run.json)"));
    d.write("run.json", "{ not json");
    CHECK_THROWS_WITH(outputs::read_analyze_dir(d.path), Catch::Contains("run.json' is not valid JSON"));
    d.write("run.json", R"({"engine": {"name": "osrm"}})");
    CHECK_THROWS_WITH(outputs::read_analyze_dir(d.path), Catch::Contains("is not a maillon run file"));
    d.complete("0.0.1");
    CHECK_THROWS_WITH(outputs::read_analyze_dir(d.path),
                      Catch::Contains("was written by maillon 0.0.1, this is maillon " + std::string{version_string}) &&
                          Catch::Contains("re-run 'maillon analyze'"));
    d.complete();
    fs::remove(d.path + "/gaps.geojson");
    CHECK_THROWS_WITH(outputs::read_analyze_dir(d.path), Catch::Contains("has no gaps.geojson"));
    d.write("gaps.geojson", R"({"type": "Feature"})");
    CHECK_THROWS_WITH(outputs::read_analyze_dir(d.path), Catch::Contains("is not a GeoJSON FeatureCollection"));
    d.complete();
    fs::remove(d.path + "/candidates.geojson");
    CHECK_THROWS_WITH(outputs::read_analyze_dir(d.path), Catch::Contains("has no candidates.geojson"));
    d.complete();
    d.write("indicators.json", "{}");
    CHECK_THROWS_WITH(outputs::read_analyze_dir(d.path), Catch::Contains("has no indicator rows"));
    CHECK_THROWS_AS(outputs::read_analyze_dir(d.path), input_error);
}

TEST_CASE("run.json inputs are found from any working directory: relative to run.json's folder, else absolute") {
    const std::string root = test::temp_path("run-inputs");
    fs::create_directories(root + "/data");
    fs::create_directories(root + "/runs/out");
    std::ofstream{root + "/data/q.geojson"} << "{}";
    const nlohmann::ordered_json run = {{"inputs",
                                         {{{"role", "qpv"}, {"path", "../../data/q.geojson"}, {"absolute_path", root + "/data/q.geojson"}},
                                          {{"role", "profile"}, {"path", "gone.json"}, {"absolute_path", root + "/gone.json"}}}}};
    // The output directory where analyze wrote it: the relative path leads to the file.
    CHECK(outputs::resolve_run_input(run, "qpv", root + "/runs/out") == root + "/data/q.geojson");
    // Moved alone elsewhere: the relative path leads nowhere, the absolute one still does.
    CHECK(outputs::resolve_run_input(run, "qpv", root + "/elsewhere") == root + "/data/q.geojson");
    // Missing everywhere: the path where it should be, for the caller's message; no such role: "".
    CHECK(outputs::resolve_run_input(run, "profile", root + "/runs/out") == root + "/runs/out/gone.json");
    CHECK(outputs::resolve_run_input(run, "population", root + "/runs/out").empty());
    // An older run.json (no absolute_path): the path as given, from the working directory.
    const std::string from_here = fs::relative(root + "/data/q.geojson").string();
    const nlohmann::ordered_json old = {{"inputs", {{{"role", "qpv"}, {"path", from_here}}}}};
    CHECK(fs::equivalent(outputs::resolve_run_input(old, "qpv", root + "/elsewhere"), root + "/data/q.geojson"));
    fs::remove_all(root);
}
