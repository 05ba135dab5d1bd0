#include "load_input.hpp"

#include "maillon/graph_io.hpp"
#include "maillon/importers/osm_import.hpp"

namespace po = boost::program_options;

namespace maillon::cli {

Graph load_or_import(const std::string& path, bool show_progress, const std::function<void(const std::string&)>& log) {
    if (is_graph_file(path)) {
        log("loading graph " + path);
        return load_graph(path);
    }
    log("importing " + path + " (save the graph with 'maillon import' to skip this step next time)");
    importers::ImportOptions options;
    options.show_progress = show_progress;
    return importers::import_osm(path, options);
}

void add_qpv_options(po::options_description& options, std::string& qpv, QpvFieldNames& fields) {
    options.add_options()
        ("qpv", po::value<std::string>(&qpv), "QPV layer, GeoJSON in WGS84 (data-scripts/convert-qpv.sh converts shapefiles, Lambert-93)")
        ("qpv-code-field", po::value<std::string>(&fields.code), "field holding the QPV code (default: detected)")
        ("qpv-name-field", po::value<std::string>(&fields.name), "field holding the QPV name")
        ("qpv-commune-field", po::value<std::string>(&fields.commune), "field holding the commune")
        ("qpv-population-field", po::value<std::string>(&fields.population), "field holding the QPV population");
}

void add_population_options(po::options_description& options, PopulationFiles& files) {
    options.add_options()
        ("population", po::value<std::string>(&files.grid),
         "residents: INSEE 200 m population grid, CSV (idcar_200m, ind; .csv or .csv.gz; docs/population.md)")
        ("qpv-population", po::value<std::string>(&files.qpv_table),
         "residents per QPV: CSV of QPV code and population (checked against --population when both are given)")
        ("area", po::value<std::string>(&files.area),
         "study area: GeoJSON polygon(s) of a commune, EPT or département, analysed on a wider extract (docs/area.md)");
}

LoadedPopulation load_population(const PopulationFiles& files, const std::function<void(const std::string&)>& log,
                                 std::vector<std::string>& warnings) {
    LoadedPopulation out;
    if (!files.grid.empty()) {
        log("reading population grid " + files.grid);
        out.grid = load_population_grid(files.grid);
        warnings.insert(warnings.end(), out.grid->warnings.begin(), out.grid->warnings.end());
    }
    if (!files.qpv_table.empty()) {
        log("reading QPV population table " + files.qpv_table);
        out.qpv_table = load_qpv_population(files.qpv_table);
        warnings.insert(warnings.end(), out.qpv_table->warnings.begin(), out.qpv_table->warnings.end());
    }
    if (!files.area.empty()) {
        log("reading study area " + files.area);
        out.area = load_study_area(files.area);
    }
    return out;
}

}  // namespace maillon::cli
