#include "run_info.hpp"

#include "file_hash.hpp"
#include "maillon/errors.hpp"
#include "maillon/importers/json_input.hpp"
#include "maillon/graph_io.hpp"
#include "maillon/version.hpp"

#include <cmath>
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
        j = importers::parse_json_bounded(in, "profile '" + path + "'");
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

json input_entry(const std::string& role, const std::string& path, const std::string& run_dir) {
    namespace fs = std::filesystem;
    const fs::path absolute = fs::weakly_canonical(fs::absolute(path));
    std::string recorded = path;
    if (!run_dir.empty()) {
        const fs::path relative = absolute.lexically_relative(fs::weakly_canonical(fs::absolute(run_dir)));
        if (!relative.empty()) recorded = relative.generic_string();
    }
    return {{"role", role}, {"path", recorded}, {"absolute_path", absolute.generic_string()},
            {"bytes", fs::file_size(path)}, {"sha256", sha256_file(path)}};
}

json number_or_null(double v) { return std::isfinite(v) ? json(std::round(v * 10) / 10) : json(nullptr); }

/// run.json "population": the model, the sources (file, hash, columns) and the totals read,
/// placed, inside QPV, outside the extract and beyond walking reach (docs/population.md).
json population_json(const json& inputs, const analysis::AnalysisResult& r, const analysis::PopulationInputs& in) {
    const analysis::PopulationSummary& s = r.population;
    // A source file: path and hash (from the inputs list), then what was read from it.
    const auto file = [&](const std::string& role, const std::string& path, json read) {
        json f = {{"path", path}, {"sha256", nullptr}};
        for (const auto& i : inputs) {
            if (i["role"] == role) f["sha256"] = i["sha256"];
        }
        f.update(read);
        return f;
    };
    json j;
    j["model"] = key(r.model);
    j["weight_unit"] = weight_unit(r.model);
    j["source"] = s.source;
    j["grid"] = !in.grid ? json(nullptr)
                         : file("population", in.grid->path,
                                {{"id_field", in.grid->id_field}, {"population_field", in.grid->population_field},
                                 {"cells", s.cells_read}, {"cells_in_extract", s.cells_in_extract},
                                 {"cells_on_buildings", s.cells_on_buildings}, {"cells_on_ways", s.cells_on_ways},
                                 {"cells_at_centre", s.cells_at_centre}});
    j["qpv_table"] = !in.qpv_table ? json(nullptr)
                                   : file("qpv_population", in.qpv_table->path,
                                          {{"code_field", in.qpv_table->code_field},
                                           {"population_field", in.qpv_table->population_field},
                                           {"rows", in.qpv_table->rows.size()},
                                           {"codes_not_in_layer", s.table_codes_not_in_layer}});
    j["residents_read"] = number_or_null(s.residents_read);
    j["residents_in_extract"] = number_or_null(s.residents_in_extract);
    j["residents_outside_extract"] = number_or_null(s.residents_outside_extract);
    j["residents_in_qpv"] = number_or_null(s.residents_in_qpv);
    j["residents_beyond_reach"] = number_or_null(s.residents_beyond_reach);
    j["points"] = r.population_points;
    j["points_beyond_reach"] = r.population_unsnapped;
    j["share_beyond_reach"] = std::round(s.share_beyond_reach * 1e4) / 1e4;
    return j;
}

}  // namespace

analysis::json run_json(const RunInputs& in, const Graph& g, const QpvLayer& qpv, const analysis::AnalysisResult& r,
                        const AnalysisProfile& p, double load_s, const analysis::PopulationInputs& population,
                        const std::string& run_dir) {
        json j;
        j["engine"] = {{"name", "maillon"}, {"version", version_string}, {"graph_format_version", graph_format_version}};
        j["created_at"] = utc_now();
        json inputs = json::array({input_entry("graph_or_extract", in.graph_or_extract, run_dir), input_entry("qpv", in.qpv, run_dir)});
        if (!in.profile.empty()) inputs.push_back(input_entry("profile", in.profile, run_dir));
        if (!in.stations.empty()) inputs.push_back(input_entry("stations", in.stations, run_dir));
        if (!in.station_status.empty()) inputs.push_back(input_entry("station_status", in.station_status, run_dir));
        if (!in.planned.empty()) inputs.push_back(input_entry("planned", in.planned, run_dir));
        if (!in.population.empty()) inputs.push_back(input_entry("population", in.population, run_dir));
        if (!in.qpv_population.empty()) inputs.push_back(input_entry("qpv_population", in.qpv_population, run_dir));
        if (!in.area.empty()) inputs.push_back(input_entry("area", in.area, run_dir));
        j["inputs"] = inputs;
        j["osm"] = {{"source", g.data().source_name},
                    {"timestamp", g.data().osm_timestamp.empty() ? json(nullptr) : json(g.data().osm_timestamp)},
                    {"attribution", "© OpenStreetMap contributors (ODbL)"}};
        j["qpv"] = {{"fields", {{"code", qpv.fields.code}, {"name", qpv.fields.name}, {"commune", qpv.fields.commune},
                                {"population", qpv.fields.population}}},
                    {"count", qpv.size()},
                    {"in_area", r.qpv_in_area},
                    {"residents_known", r.qpv_residents_known}};
        j["population"] = population_json(inputs, r, population);
        j["parameters"] = analysis::profile_to_json(p);
        if (r.has_stations) {
            std::map<std::string, int> by_status;
            for (const auto& st : r.stations.stations) ++by_status[std::string{key(st.site.status)}];
            j["stations"] = {{"by_status", by_status}, {"outside_area", r.stations.outside}};
            const auto& st = r.stations;
            j["stations"]["suggestions"] = {
                {"asked", st.suggestions_asked}, {"given", st.suggestions_given}, {"walk_m", st.walk_m},
                {"min_spacing_m", st.min_spacing_m}, {"qpv_weight_uncovered", std::round(st.qpv_weight_uncovered * 10) / 10},
                {"qpv_residents_uncovered",
                 std::isnan(st.qpv_residents_uncovered) ? json(nullptr) : json(std::round(st.qpv_residents_uncovered))}};
        }
        std::map<std::string, int> by_class;
        for (const Gap& gap : r.gaps) ++by_class[std::string{key(gap.gap_class)}];
        j["counts"] = {{"network_km", r.network_km}, {"network_components", r.network_components},
                       {"candidates", r.candidate_count}, {"gaps", r.gaps.size()}, {"by_class", by_class},
                       {"secondary", r.candidates.size()}, {"overlapping", r.overlapping},
                       {"outside_area", r.outside_area}, {"at_edge", r.at_edge}};
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
