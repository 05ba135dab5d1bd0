#include "maillon/importers/osm_import.hpp"

#include "assemble_graph.hpp"
#include "maillon/errors.hpp"
#include "maillon/stress.hpp"
#include "places.hpp"
#include "read_ways.hpp"

#include <chrono>
#include <future>
#include <filesystem>

namespace maillon::importers {

Graph import_osm(const std::string& path, const ImportOptions& options, ImportReport* report_out) {
    using clock = std::chrono::steady_clock;
    ImportReport report;
    const auto t0 = clock::now();

    // Read: one pass, tag rules on every way, keep what bikes or pedestrians can use.
    RawWays raw = read_ways(path, options, report);
    if (raw.ways.empty()) {
        throw input_error{"'" + path + "' contains no way usable by bike or on foot (" +
                          std::to_string(report.ways_read) + " ways read): is it an OSM extract with streets?"};
    }
    const auto t1 = clock::now();

    // Build: assemble the relations' areas, number graph nodes, split ways into edges, then the
    // stress of crossings.
    GraphData data;
    data.osm_timestamp = raw.timestamp;
    data.source_name = std::filesystem::path{path}.filename().string();
    assemble_place_relations(raw, report);  // before assemble_edges, which copies the names it adds
    const std::vector<NodeId> node_of_ref = number_nodes(raw, data);
    assemble_edges(raw, node_of_ref, data);
    take_places(raw.places, data);
    // The raw ways (hundreds of MB on a region) are released on a thread of their own while the adjacency is
    // built: handing their pages back to the system takes a good part of a second.
    auto released = std::async(std::launch::async, [r = std::move(raw)]() mutable { r = RawWays{}; });
    compute_crossing_stress(data);
    Graph graph{std::move(data)};
    released.get();

    report.seconds_read = std::chrono::duration<double>(t1 - t0).count();
    report.seconds_build = std::chrono::duration<double>(clock::now() - t1).count();
    if (report_out) *report_out = report;
    return graph;
}

}  // namespace maillon::importers
