#pragma once
// `maillon import`: an OSM extract (.osm.pbf, .osm, .osm.bz2, .osm.gz) to a routing graph.
//
// The pipeline, one phase per function (src/osm_import.cpp):
//   read_ways        one pass over the file with libosmium: node locations into an index that
//                    suits the input size, tag rules on every way, keep ways usable by bike or foot
//   number_nodes     graph nodes are way ends and nodes shared by two kept ways
//   assemble_edges   split kept ways at graph nodes into edges with per-direction attributes
//   crossing stress  where low-stress ways cross busy roads
//   adjacency        the CSR graph

#include "maillon/graph.hpp"

#include <cstdint>
#include <string>

namespace maillon::importers {

struct ImportOptions {
    bool show_progress = false;  // progress bar on stderr (the CLI sets it only on a terminal)
};

/// Counters and timings, printed by `maillon import` (unless --quiet) and kept for run.json.
struct ImportReport {
    std::uint64_t nodes_read = 0;
    std::uint64_t ways_read = 0;
    std::uint64_t ways_kept = 0;
    std::uint64_t ways_incomplete = 0;      // kept ways with node references missing from the file
    std::uint64_t refs_missing = 0;         // those missing references
    double seconds_read = 0;
    double seconds_build = 0;
};

/// @throws input_error naming the file for a missing/unreadable/corrupt file or one without any
///         way usable by bikes or pedestrians.
Graph import_osm(const std::string& path, const ImportOptions& options = {}, ImportReport* report = nullptr);

}  // namespace maillon::importers
