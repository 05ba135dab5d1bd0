// What the map's context layers cost `maillon serve` at start and per request (server/src/
// street_layer.cpp, place_search.cpp): build time and memory of the street layer, the time to
// write its features per zoom band, the place search's build time and a few searches. On a
// .maillon graph:
//
//   build/bench/maillon-context-bench GRAPH.maillon [QUERY...]   (default queries: rue, avenue, landstrasse)

#include "place_search.hpp"
#include "street_layer.hpp"
#include "text_fold.hpp"

#include "maillon/cycle_network.hpp"
#include "maillon/graph_io.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace {

/// Resident memory of this process in MB (Linux /proc), 0 when unknown.
double rss_mb() {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f) return 0;
    char line[256];
    double kb = 0;
    while (std::fgets(line, sizeof line, f)) {
        if (std::sscanf(line, "VmRSS: %lf kB", &kb) == 1) break;
    }
    std::fclose(f);
    return kb / 1024;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s GRAPH.maillon [QUERY...]\n", argv[0]);
        return 2;
    }
    using clock = std::chrono::steady_clock;
    auto t0 = clock::now();
    const maillon::Graph g = maillon::load_graph(argv[1]);
    std::printf("graph: %zu nodes, %zu edges, %zu communes, loaded in %.2f s\n", g.node_count(), g.edge_count(),
                g.commune_count(), seconds_since(t0));
    const maillon::CycleNetwork net{g, maillon::NetworkParams{}};

    const double rss0 = rss_mb();
    t0 = clock::now();
    const maillon::server::StreetLayer streets{g, net};
    std::printf("street layer: built in %.2f s, %.0f MB resident\n", seconds_since(t0), rss_mb() - rss0);
    for (std::size_t b = 0; b < maillon::server::zoom_bands.size(); ++b) {
        // every feature written once, as requests write those of their view
        std::string out;
        t0 = clock::now();
        for (std::uint32_t i = 0; i < streets.size(b); ++i) {
            out.clear();
            streets.append_feature(out, b, i);
        }
        const double s = seconds_since(t0);
        std::printf("  band %zu (zoom >= %d): %zu features, written at %.2f us per feature (%.1f ms per 5,000)\n", b,
                    maillon::server::zoom_bands[b].min_zoom, streets.size(b), s * 1e6 / std::max<std::size_t>(1, streets.size(b)),
                    s * 1e3 * 5000 / std::max<std::size_t>(1, streets.size(b)));
    }

    t0 = clock::now();
    const maillon::server::PlaceSearch places{g};
    std::printf("place search: %zu places, built in %.2f s\n", places.size(), seconds_since(t0));
    std::printf("resident memory: %.0f MB with the graph\n", rss_mb());

    std::vector<std::string> queries;
    for (int i = 2; i < argc; ++i) queries.emplace_back(argv[i]);
    if (queries.empty()) queries = {"rue", "avenue", "landstrasse"};
    for (const auto& q : queries) {
        constexpr int runs = 20;
        std::size_t found = 0;
        t0 = clock::now();
        for (int r = 0; r < runs; ++r) found = places.find(maillon::server::fold_for_search(q), {}).size();
        std::printf("search '%s': %zu matches, %.2f ms per query\n", q.c_str(), found, seconds_since(t0) * 1000 / runs);
    }
    return 0;
}
