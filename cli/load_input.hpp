#pragma once
// A command's inputs shared by `analyze` and `serve`: the graph (a .maillon file, or an OSM
// extract imported on the fly) and the population sources (--population, --qpv-population).

#include "maillon/analysis/analysis.hpp"
#include "maillon/importers/qpv.hpp"
#include "maillon/importers/study_area.hpp"
#include "maillon/graph.hpp"

#include <boost/program_options.hpp>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace maillon::cli {

/// Loads a graph file or imports an extract (told apart by the file's first bytes).
/// `log` receives one line per step.
Graph load_or_import(const std::string& path, bool show_progress, const std::function<void(const std::string&)>& log);

struct PopulationFiles {
    std::string grid;       // --population: INSEE 200 m grid CSV (.csv or .csv.gz)
    std::string qpv_table;  // --qpv-population: QPV code ; population CSV
    std::string area;       // --area: the study area, GeoJSON polygon(s)
};

/// The population sources as read; inputs() points into them (keep this alive while it is used).
struct LoadedPopulation {
    std::optional<PopulationGrid> grid;
    std::optional<QpvPopulationTable> qpv_table;
    std::optional<StudyArea> area;
    analysis::PopulationInputs inputs() const {
        return {grid ? &*grid : nullptr, qpv_table ? &*qpv_table : nullptr, area ? &*area : nullptr};
    }
};

/// --qpv and the --qpv-*-field options naming its fields.
void add_qpv_options(boost::program_options::options_description& options, std::string& qpv, QpvFieldNames& fields);
void add_population_options(boost::program_options::options_description& options, PopulationFiles& files);
/// Reads the files given; warnings of the readers go to `warnings`. @throws input_error naming a bad file.
LoadedPopulation load_population(const PopulationFiles& files, const std::function<void(const std::string&)>& log,
                                 std::vector<std::string>& warnings);

}  // namespace maillon::cli
