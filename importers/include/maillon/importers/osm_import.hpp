#pragma once
// `maillon import`: an OSM extract (.osm.pbf, .osm, .osm.bz2, .osm.gz) to a routing graph.
//
// The pipeline (src/osm_import.cpp), on a libosmium thread pool of one thread a core:
//   relations        a first pass on a thread of its own (place_relations.cpp): the relations to assemble
//                    (communes, building and POI multipolygons) go to libosmium's MultipolygonManager; a PBF
//                    file sorted by type then id is read from its last blocks only
//   read_ways        the reading pass (read_ways.cpp): the pool decodes the blocks, and reads each buffer of
//                    nodes (node_chunk.cpp: locations, flags, POIs) and of ways (way_chunk.cpp: tag rules of
//                    tag_tables.hpp, node lookups, footprints) while the next blocks are decoded; the main thread
//                    appends them in file order, counts node uses and gives member ways to the manager, which
//                    assembles each relation as soon as its last member way has come
//   number_nodes     graph nodes are way ends and nodes shared by two kept ways
//   assemble_edges   split kept ways at graph nodes into edges with per-direction attributes, one part a core
//   crossing stress  where low-stress ways cross busy roads
//   adjacency        the CSR graph
// The result does not depend on the number of threads: the graph file is the same byte for byte.

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
    // places (buildings, POIs, communes: importers/src/places.hpp)
    std::uint64_t buildings = 0;             // kept
    std::uint64_t buildings_small = 0;       // dropped: footprint under 10 m²
    std::uint64_t buildings_lifecycle = 0;   // dropped: abandoned, ruins, under construction, proposed...
    std::uint64_t buildings_incomplete = 0;  // dropped: nodes missing from the extract
    std::uint64_t pois = 0;
    std::uint64_t communes = 0;
    std::uint64_t communes_incomplete = 0;    // boundaries skipped: member ways or nodes missing (clipped extract)
    std::uint64_t communes_invalid = 0;       // boundaries skipped: libosmium could not close their rings
    std::uint64_t multipolygons_skipped = 0;  // building/POI multipolygon relations incomplete or invalid
    double seconds_relations = 0;             // relation pre-pass (own thread, overlaps seconds_read)
    double seconds_read = 0;
    double seconds_build = 0;
};

/// @throws input_error naming the file for a missing/unreadable/corrupt file or one without any
///         way usable by bikes or pedestrians.
Graph import_osm(const std::string& path, const ImportOptions& options = {}, ImportReport* report = nullptr);

}  // namespace maillon::importers
