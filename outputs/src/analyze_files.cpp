#include "maillon/outputs/analyze_files.hpp"

#include "maillon/errors.hpp"
#include "maillon/version.hpp"

#include <filesystem>
#include <fstream>

namespace fs = std::filesystem;

namespace maillon::outputs {
namespace {

using json = nlohmann::ordered_json;

json read_json(const std::string& dir, const std::string& name, bool& present) {
    const std::string path = dir + "/" + name;
    std::ifstream in{path, std::ios::binary};
    present = static_cast<bool>(in);
    if (!present) return nullptr;
    json j = json::parse(in, nullptr, false);
    if (j.is_discarded()) {
        throw input_error{"'" + path + "' is not valid JSON (a damaged or hand-edited file): re-run 'maillon analyze'"};
    }
    return j;
}

json required(const std::string& dir, const std::string& name) {
    bool present = false;
    json j = read_json(dir, name, present);
    if (!present) {
        throw input_error{"'" + dir + "' has no " + name + ": it is not a complete 'maillon analyze' output directory "
                          "(run 'maillon analyze ... -o " + dir + " --overwrite')"};
    }
    return j;
}

void expect_features(const json& j, const std::string& path) {
    if (!j.is_object() || j.value("type", "") != "FeatureCollection" || !j.contains("features") || !j["features"].is_array()) {
        throw input_error{"'" + path + "' is not a GeoJSON FeatureCollection as 'maillon analyze' writes it: re-run 'maillon analyze'"};
    }
}

}  // namespace

AnalyzeFiles read_analyze_dir(const std::string& dir_in) {
    std::string dir = dir_in;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) {
        throw input_error{"'" + dir + "' is not a directory: give the output directory of 'maillon analyze' (its -o)"};
    }
    AnalyzeFiles f;
    f.dir = dir;
    bool present = false;
    f.run = read_json(dir, "run.json", present);
    if (!present) {
        throw input_error{"'" + dir + "' is not a 'maillon analyze' output directory (no run.json): give the directory "
                          "that 'maillon analyze ... -o DIR' wrote"};
    }
    const json engine = f.run.is_object() ? f.run.value("engine", json::object()) : json();
    if (!engine.is_object() || engine.value("name", "") != "maillon" || !f.run.contains("parameters")) {
        throw input_error{"'" + dir + "/run.json' is not a maillon run file: give the directory that 'maillon analyze' wrote"};
    }
    const std::string version = engine.value("version", "");
    if (version != version_string) {
        throw input_error{"'" + dir + "/run.json' was written by maillon " + (version.empty() ? "(unknown version)" : version) +
                          ", this is maillon " + version_string + ": its files may differ from what this version reads; "
                          "re-run 'maillon analyze' with this version"};
    }
    f.gaps = required(dir, "gaps.geojson");
    expect_features(f.gaps, dir + "/gaps.geojson");
    // candidates.geojson is not read (the report takes its counts from run.json): it must be there.
    if (!fs::is_regular_file(dir + "/candidates.geojson", ec)) {
        throw input_error{"'" + dir + "' has no candidates.geojson: it is not a complete 'maillon analyze' output directory "
                          "(run 'maillon analyze ... -o " + dir + " --overwrite')"};
    }
    f.indicators = required(dir, "indicators.json");
    if (!f.indicators.is_object() || !f.indicators.contains("rows") || !f.indicators["rows"].is_array()) {
        throw input_error{"'" + dir + "/indicators.json' has no indicator rows: re-run 'maillon analyze'"};
    }
    json stations = read_json(dir, "stations.geojson", present);
    if (present) {
        expect_features(stations, dir + "/stations.geojson");
        f.stations = std::move(stations);
    }
    return f;
}

std::string resolve_run_input(const json& run, std::string_view role, const std::string& run_dir) {
    namespace fs = std::filesystem;
    if (!run.contains("inputs") || !run["inputs"].is_array()) return "";
    for (const auto& i : run["inputs"]) {
        if (!i.is_object() || i.value("role", "") != role) continue;
        const fs::path recorded = i.value("path", "");
        const fs::path resolved = recorded.is_absolute() ? recorded : fs::path{run_dir} / recorded;
        std::error_code ec;
        if (fs::exists(resolved, ec)) return resolved.lexically_normal().string();
        const std::string absolute = i.value("absolute_path", "");
        if (!absolute.empty() && fs::exists(absolute, ec)) return absolute;
        // A run.json without absolute_path (before paths were relative to it): as given, from here.
        if (absolute.empty() && fs::exists(recorded, ec)) return recorded.lexically_normal().string();
        return resolved.lexically_normal().string();  // missing: the caller names it
    }
    return "";
}

std::string run_input(const json& run, std::string_view role) {
    if (!run.contains("inputs") || !run["inputs"].is_array()) return "";
    for (const auto& i : run["inputs"]) {
        if (i.is_object() && i.value("role", "") == role) return i.value("path", "");
    }
    return "";
}

}  // namespace maillon::outputs
