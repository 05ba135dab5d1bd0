#include "run_info.hpp"

#include "file_hash.hpp"
#include "maillon/errors.hpp"
#include "maillon/graph_io.hpp"
#include "maillon/version.hpp"

#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>

namespace maillon::cli {

using analysis::json;

namespace {

std::string utc_now() {
    const std::time_t t = std::time(nullptr);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return buf;
}

}  // namespace

AnalysisProfile read_profile(const std::string& path) {
    if (path.empty()) return {};
    std::ifstream in{path};
    if (!in) throw input_error{"cannot read profile '" + path + "'"};
    json j;
    try {
        j = json::parse(in);
    } catch (const json::parse_error& e) {
        throw input_error{"profile '" + path + "' is not valid JSON: " + e.what()};
    }
    try {
        return analysis::profile_from_json(j);
    } catch (const argument_error& e) {
        throw input_error{"profile '" + path + "': " + std::string{e.what()}.substr(9)};
    }
}

namespace {

json input_entry(const std::string& role, const std::string& path) {
    return {{"role", role}, {"path", path}, {"bytes", std::filesystem::file_size(path)}, {"sha256", sha256_file(path)}};
}

}  // namespace

analysis::json run_json(const RunInputs& in, const Graph& g, const QpvLayer& qpv, const analysis::AnalysisResult& r,
                        const AnalysisProfile& p, double load_s) {
        json j;
        j["engine"] = {{"name", "maillon"}, {"version", version_string}, {"graph_format_version", graph_format_version}};
        j["created_at"] = utc_now();
        json inputs = json::array({input_entry("graph_or_extract", in.graph_or_extract), input_entry("qpv", in.qpv)});
        if (!in.profile.empty()) inputs.push_back(input_entry("profile", in.profile));
        if (!in.stations.empty()) inputs.push_back(input_entry("stations", in.stations));
        if (!in.station_status.empty()) inputs.push_back(input_entry("station_status", in.station_status));
        if (!in.planned.empty()) inputs.push_back(input_entry("planned", in.planned));
        j["inputs"] = inputs;
        j["osm"] = {{"source", g.data().source_name},
                    {"timestamp", g.data().osm_timestamp.empty() ? json(nullptr) : json(g.data().osm_timestamp)},
                    {"attribution", "© OpenStreetMap contributors (ODbL)"}};
        j["qpv"] = {{"fields", {{"code", qpv.fields.code}, {"name", qpv.fields.name}, {"commune", qpv.fields.commune},
                                {"population", qpv.fields.population}}},
                    {"count", qpv.size()},
                    {"in_area", r.qpv_in_area},
                    {"residents_known", r.qpv_residents_known}};
        j["population"] = {{"model", key(r.model)}, {"weight_unit", weight_unit(r.model)},
                           {"points", r.population_points}, {"points_beyond_reach", r.population_unsnapped}};
        j["parameters"] = analysis::profile_to_json(p);
        if (r.has_stations) {
            std::map<std::string, int> by_status;
            for (const auto& st : r.stations.stations) ++by_status[std::string{key(st.site.status)}];
            j["stations"] = {{"by_status", by_status}, {"outside_area", r.stations.outside}};
        }
        std::map<std::string, int> by_class;
        for (const Gap& gap : r.gaps) ++by_class[std::string{key(gap.gap_class)}];
        j["counts"] = {{"network_km", r.network_km}, {"network_components", r.network_components},
                       {"candidates", r.candidate_count}, {"gaps", r.gaps.size()}, {"by_class", by_class},
                       {"secondary", r.candidates.size()}, {"overlapping", r.overlapping}};
        j["benefit"] = {{"origins", r.benefit_origins}, {"sampled", r.benefit_sampled},
                        {"exact", r.benefit_origins == r.benefit_sampled}, {"cut", r.benefit_cut}};
        json seconds = {{"load_or_import", load_s}};
        for (const auto& [step, s] : r.seconds) seconds[step] = s;
        j["seconds"] = seconds;
        json warnings = json::array();
        for (const auto& w : qpv.all_warnings()) warnings.push_back(w);
        for (const auto& w : r.warnings) warnings.push_back(w);
        j["warnings"] = warnings;
        return j;
    }


}  // namespace maillon::cli
