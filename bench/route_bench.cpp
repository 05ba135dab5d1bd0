// maillon-route-bench: the route query's search (RouteSearch, engine/route.hpp) on a .maillon
// graph, one thread, without HTTP: what one /api/v1/route costs the server, by distance band.
//
//   maillon-route-bench GRAPH.maillon [--queries K] [--min-km A] [--max-km B] [--seed S] [--landmarks L]
//                       [--core-degree D]   (the hierarchy's core: RouteHierarchy::Core, default 12)
//
// K random pairs of graph nodes A-B km apart (straight line), snapped as the server snaps them, in
// the same component of the bike network and of its low-stress part (the server searches no other). For the shortest (bike) and the low-stress (LTS <= 2)
// route, with the straight-line bound only (A*) and with L landmarks (ALT, route_landmarks.hpp):
// mean settled nodes, mean and p99 milliseconds of CPU, and disagreements between the two lengths
// (must be 0); then through a contraction hierarchy (route_hierarchy.hpp), the server's search,
// against the same lengths. Prints the preparation times (landmarks, contraction) and the
// hierarchy's size too.

#include "maillon/graph_io.hpp"
#include "maillon/route.hpp"
#include "maillon/route_hierarchy.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

using namespace maillon;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct Stats {
    double settled = 0, ms = 0, p99 = 0;
    int found = 0;
};

/// route(a, b) -> {optional<Route>, settled nodes} over every pair.
template <typename RouteFn>
Stats run(const std::vector<std::pair<Snap, Snap>>& pairs, std::vector<float>& lengths, RouteFn route) {
    Stats s;
    std::vector<double> times;
    lengths.clear();
    for (const auto& [a, b] : pairs) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto [r, settled] = route(a, b);
        times.push_back(seconds_since(t0) * 1000);
        s.settled += static_cast<double>(settled);
        lengths.push_back(r ? r->length_m : -1.F);
        s.found += r ? 1 : 0;
    }
    if (times.empty()) return s;
    for (const double t : times) s.ms += t;
    s.ms /= static_cast<double>(times.size());
    s.settled /= static_cast<double>(times.size());
    std::sort(times.begin(), times.end());
    s.p99 = times[std::min(times.size() - 1, static_cast<std::size_t>(0.99 * static_cast<double>(times.size())))];
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s GRAPH.maillon [--queries K] [--min-km A] [--max-km B] [--seed S] [--landmarks L] [--core-degree D]\n", argv[0]);
        return 2;
    }
    int queries = 200;
    double min_km = 0.3, max_km = 12;
    unsigned seed = 11;
    std::size_t landmark_count = 8;
    RouteHierarchy::Core core;
    for (int i = 2; i + 1 < argc; i += 2) {
        const std::string opt = argv[i];
        if (opt == "--queries") queries = std::atoi(argv[i + 1]);
        else if (opt == "--min-km") min_km = std::atof(argv[i + 1]);
        else if (opt == "--max-km") max_km = std::atof(argv[i + 1]);
        else if (opt == "--seed") seed = static_cast<unsigned>(std::atoi(argv[i + 1]));
        else if (opt == "--landmarks") landmark_count = static_cast<std::size_t>(std::atoi(argv[i + 1]));
        else if (opt == "--core-degree") core.degree = static_cast<std::size_t>(std::atoi(argv[i + 1]));
        else {
            std::fprintf(stderr, "unknown option %s\n", opt.c_str());
            return 2;
        }
    }
    const Graph g = load_graph(argv[1]);
    const ModeFilter bike{&g, Mode::bike};
    const LowStressFilter calm{&g, 2};
    auto t0 = std::chrono::steady_clock::now();
    const RouteComponents bike_parts{g, bike}, calm_parts{g, calm};
    const double components_s = seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    const RouteLandmarks bike_marks{g, bike, bike_parts, landmark_count};
    const RouteLandmarks calm_marks{g, calm, calm_parts, landmark_count};
    const double landmarks_s = seconds_since(t0);
    t0 = std::chrono::steady_clock::now();
    RouteHierarchy bike_h{g, arc_mask(g, bike), core}, calm_h{g, arc_mask(g, calm), core};
    const double hierarchy_s = seconds_since(t0);
    bike_h.copy_core_bounds(bike_marks);  // as the server does
    calm_h.copy_core_bounds(calm_marks);
    const EdgeSnapper snapper{g, Mode::bike};
    const auto in_largest = [&](const RouteComponents& c) {
        const std::uint32_t big = c.largest();
        std::size_t n = 0;
        for (NodeId v = 0; v < g.node_count(); ++v) n += c.of(v) == big;
        return n;
    };

    std::mt19937 rng{seed};
    std::uniform_int_distribution<NodeId> node(0, static_cast<NodeId>(g.node_count() - 1));
    std::vector<std::pair<Snap, Snap>> pairs;
    for (int tries = 0; tries < 1000000 && static_cast<int>(pairs.size()) < queries; ++tries) {
        const Coord a = g.data().node_coord[node(rng)], b = g.data().node_coord[node(rng)];
        const double km = haversine_m(a, b) / 1000;
        if (km < min_km || km > max_km) continue;
        const auto sa = snapper.snap(a, 100), sb = snapper.snap(b, 100);
        // As the server: no search between components (both filters checked).
        if (!sa || !sb || !bike_parts.may_connect(sa->edge, sb->edge) || !calm_parts.may_connect(sa->edge, sb->edge)) continue;
        pairs.emplace_back(*sa, *sb);
    }
    std::printf("%s: %zu nodes (%zu in the largest bike component, %zu in the largest low-stress one); components %.2f s, "
                "%zu landmarks x 2 filters %.2f s; %zu pairs %.1f-%.1f km in the same components\n\n", argv[1], g.node_count(),
                in_largest(bike_parts), in_largest(calm_parts), components_s, landmark_count, landmarks_s, pairs.size(), min_km, max_km);
    const auto describe = [](const char* name, const RouteHierarchy& h) {
        std::printf("%s hierarchy: %zu arcs, %zu shortcuts (%.2f per arc), core of %zu nodes, %.1f MB, contracted in %.2f s\n", name, h.stats().arcs,
                    h.stats().shortcuts, static_cast<double>(h.stats().shortcuts) / static_cast<double>(std::max<std::size_t>(1, h.stats().arcs)),
                    h.stats().core_nodes, static_cast<double>(h.memory_bytes()) / 1e6, h.stats().seconds);
    };
    describe("bike", bike_h);
    describe("low-stress", calm_h);
    std::printf("both hierarchies, one after the other: %.2f s\n\n", hierarchy_s);
    std::printf("| route | bound | found | settled (mean) | ms (mean) | ms (p99) |\n|---|---|---:|---:|---:|---:|\n");
    RouteSearch search{g};
    HierarchySearch climb{g};
    std::vector<float> plain, other;
    int disagree = 0;
    const auto row = [&](const char* route, const char* bound, const Stats& s) {
        std::printf("| %s | %s | %d | %.0f | %.2f | %.2f |\n", route, bound, s.found, s.settled, s.ms, s.p99);
    };
    const auto compare = [&] {
        for (std::size_t i = 0; i < plain.size(); ++i) disagree += std::fabs(plain[i] - other[i]) > 0.05F + 1e-5F * plain[i];  // float sums of 1,000s of edges
    };
    const auto astar = [&](const auto& filter, const RouteLandmarks* marks) {
        return [&search, filter, marks](const Snap& a, const Snap& b) {
            auto r = search.route(a, b, filter, 200000.F, marks);
            return std::make_pair(std::move(r), search.settled_count());
        };
    };
    double core_settled = 0;  // summed over the pairs of the last hierarchy row
    const auto hierarchy = [&](const RouteHierarchy& h, const RouteLandmarks* marks) {
        core_settled = 0;
        return [&climb, &h, marks, &core_settled](const Snap& a, const Snap& b) {
            auto r = climb.route(h, a, b, 200000.F, marks);
            core_settled += static_cast<double>(climb.core_settled_count());
            return std::make_pair(std::move(r), climb.settled_count());
        };
    };
    // One filter's rows: plain A*, then with landmarks and through the hierarchy, both compared with it.
    const auto rows_for = [&](const char* route, const auto& filter, const RouteLandmarks& marks, const RouteHierarchy& h) {
        row(route, "straight line", run(pairs, plain, astar(filter, nullptr)));
        row(route, "landmarks", run(pairs, other, astar(filter, &marks)));
        compare();
        row(route, "hierarchy + core A*", run(pairs, other, hierarchy(h, &marks)));
        compare();
        std::printf("|  | (of which in the core) | | %.0f | | |\n", core_settled / std::max<double>(1, static_cast<double>(pairs.size())));
    };
    rows_for("shortest", bike, bike_marks, bike_h);
    rows_for("low-stress", calm, calm_marks, calm_h);
    std::printf("\nlength disagreements with A*: %d\n", disagree);
    return disagree == 0 ? 0 : 1;
}
