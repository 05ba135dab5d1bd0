#include "maillon/search.hpp"

#include <algorithm>

namespace maillon {

BoundedSearch::BoundedSearch(const Graph& g)
    : m_graph(&g), m_node(g.node_count(), NodeState{0.F, 0, no_arc}) {
    m_settled.reserve(1024);
}

void BoundedSearch::begin_run() {
    m_heap.clear();
    m_settled.clear();
    // Markers are m_generation (labelled) and m_generation + 1 (settled); anything smaller is
    // from an earlier run. When the counter would overflow, clear every marker once.
    if (m_generation >= std::numeric_limits<std::uint32_t>::max() - 3) {
        for (NodeState& s : m_node) s.mark = 0;
        m_generation = 0;
    }
    m_generation += 2;
}

void BoundedSearch::set_generation_for_testing(std::uint32_t generation) noexcept {
    for (NodeState& s : m_node) s.mark = 0;
    m_generation = generation & ~std::uint32_t{1};
}

std::vector<ArcId> BoundedSearch::path_to(NodeId n) const {
    std::vector<ArcId> path;
    if (!reached(n)) return path;
    for (ArcId a = m_node[n].parent; a != no_arc; a = m_node[n].parent) {
        path.push_back(a);
        n = m_graph->arc_tail(a);
    }
    std::reverse(path.begin(), path.end());
    return path;
}

NodeId BoundedSearch::source_of(NodeId n) const {
    if (!reached(n)) return no_node;
    for (ArcId a = m_node[n].parent; a != no_arc; a = m_node[n].parent) {
        n = m_graph->arc_tail(a);
    }
    return n;
}

}  // namespace maillon
