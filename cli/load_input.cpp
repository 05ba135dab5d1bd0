#include "load_input.hpp"

#include "maillon/graph_io.hpp"
#include "maillon/importers/osm_import.hpp"

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

}  // namespace maillon::cli
