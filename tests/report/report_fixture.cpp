#include "report_fixture.hpp"

#include "maillon/analysis/analysis.hpp"
#include "maillon/analysis/results_json.hpp"
#include "maillon/importers/osm_import.hpp"
#include "maillon/version.hpp"

namespace maillon::test {

const ReportFixture& demo_report_fixture() {
    static const ReportFixture f = [] {
        const std::string data = MAILLON_TEST_DATA;
        ReportFixture r;
        r.graph = importers::import_osm(data + "/paris-republique.osm.pbf");
        r.qpv = load_qpv(data + "/qpv2024-idf-simplified.geojson");
        const PopulationGrid grid = load_population_grid(data + "/filosofi2021-paris-centre-200m.csv");
        const analysis::AnalysisResult a = analysis::run_analysis(r.graph, r.qpv, r.profile, nullptr, {&grid, nullptr});
        r.files.dir = "(in memory)";
        r.files.gaps = analysis::gaps_geojson(r.graph, r.qpv, a);
        r.files.indicators = analysis::indicators_json(a, r.profile);
        // run.json: what cli/run_info.cpp writes, for the fields the report reads.
        r.files.run = {{"engine", {{"name", "maillon"}, {"version", version_string}}},
                       {"created_at", "2025-10-18T06:00:00Z"},
                       {"inputs", nlohmann::ordered_json::array({{{"role", "qpv"}, {"path", data + "/qpv2024-idf-simplified.geojson"}},
                                                                 {{"role", "population"}, {"path", data + "/filosofi2021-paris-centre-200m.csv"}}})},
                       {"osm", {{"source", "paris-republique.osm.pbf"}, {"timestamp", nullptr}}},
                       {"qpv", {{"count", r.qpv.size()}, {"in_area", a.qpv_in_area}, {"residents_known", a.qpv_residents_known}}},
                       {"population", {{"source", a.population.source}, {"residents_in_extract", a.population.residents_in_extract},
                                       {"residents_in_qpv", a.population.residents_in_qpv}}},
                       {"parameters", analysis::profile_to_json(r.profile)},
                       {"counts", {{"network_km", a.network_km}, {"network_components", a.network_components},
                                   {"candidates", a.candidate_count}, {"gaps", a.gaps.size()}, {"secondary", a.candidates.size()}}},
                       {"benefit", {{"cut", a.benefit_cut}, {"exact", a.benefit_origins == a.benefit_sampled}}}};
        return r;
    }();
    return f;
}

std::size_t count(const std::string& text, const std::string& needle) {
    std::size_t n = 0;
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
    return n;
}

}  // namespace maillon::test
