#pragma once
// Flows on the arcs of shortest-path trees: the sum, over sources s and destinations t reached
// within a radius, of weight(s) × weight(t) on every arc of the route s → t. Edge betweenness
// with a cutoff (the missing-link benefit of Vybornova et al.) and sampled trips both are such
// flows. One bounded search per source (the shared primitive, search.hpp), then one sweep of its
// settled nodes in reverse order: children are settled after their parent, so each arc of the
// tree receives the weight of the destinations below it.

#include "maillon/graph.hpp"
#include "maillon/search.hpp"

#include <algorithm>
#include <thread>
#include <vector>

namespace maillon {

struct FlowSource {
    NodeId node;
    double weight = 1.0;
};

/// @param dest_weight [N] weight of each node as a destination (0: not one).
/// @param threads     worker threads (sources are split among them; the result does not depend on it
///                    beyond floating-point summation order, which is fixed for a given count).
/// @return [2E] flow per arc.
template <typename Filter>
std::vector<double> accumulate_flows(const Graph& g, const std::vector<FlowSource>& sources,
                                     const std::vector<float>& dest_weight, float radius_m, const Filter& filter,
                                     unsigned threads = 1) {
    threads = std::max(1U, std::min<unsigned>(threads, static_cast<unsigned>(std::max<std::size_t>(sources.size(), 1))));
    std::vector<std::vector<double>> partial(threads);
    const auto work = [&](unsigned t) {
        std::vector<double>& flow = partial[t];
        flow.assign(g.arc_count(), 0.0);
        BoundedSearch search{g};
        std::vector<double> below(g.node_count(), 0.0);
        for (std::size_t i = t; i < sources.size(); i += threads) {
            const FlowSource& s = sources[i];
            search.run({{s.node, 0.F}}, radius_m, filter);
            const auto& settled = search.settled();
            for (const NodeId n : settled) below[n] = dest_weight[n];
            for (auto it = settled.rbegin(); it != settled.rend(); ++it) {
                const double w = below[*it];
                const ArcId a = search.parent_arc(*it);
                if (a == no_arc || w == 0) continue;
                flow[a] += s.weight * w;
                below[g.arc_tail(a)] += w;
            }
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& th : pool) th.join();
    std::vector<double> flow = std::move(partial[0]);
    for (unsigned t = 1; t < threads; ++t) {
        for (std::size_t a = 0; a < flow.size(); ++a) flow[a] += partial[t][a];
    }
    return flow;
}

/// Worker threads for the engine's parallel steps: the machine's cores, at most 8.
inline unsigned engine_threads() noexcept {
    const unsigned n = std::thread::hardware_concurrency();
    return n == 0 ? 1U : std::min(n, 8U);
}

}  // namespace maillon
