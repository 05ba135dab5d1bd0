#pragma once
// A command's graph input: a .maillon file, or an OSM extract imported on the fly.

#include "maillon/graph.hpp"

#include <functional>
#include <string>

namespace maillon::cli {

/// Loads a graph file or imports an extract (told apart by the file's first bytes).
/// `log` receives one line per step.
Graph load_or_import(const std::string& path, bool show_progress, const std::function<void(const std::string&)>& log);

}  // namespace maillon::cli
