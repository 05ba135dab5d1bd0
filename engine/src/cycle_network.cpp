#include "maillon/cycle_network.hpp"

#include "maillon/union_find.hpp"

namespace maillon {

CycleNetwork::CycleNetwork(const Graph& g, const NetworkParams& params)
    : m_graph(&g), m_edge(g.edge_count(), 0), m_degree(g.node_count(), 0), m_component(g.node_count(), -1) {
    const auto& d = g.data();
    UnionFind pieces{g.node_count()};
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        for (const ArcId a : {arc_of(e, false), arc_of(e, true)}) {
            if (!g.allows(a, Mode::bike)) continue;
            const bool facility = params.facilities[static_cast<std::size_t>(d.arc_facility[a])];
            const bool calm_street = params.low_stress_streets_max_lts > 0 && d.arc_lts[a] > 0 &&
                                     d.arc_lts[a] <= params.low_stress_streets_max_lts && is_motor_road(d.edge_highway[e]);
            if (facility || calm_street) m_edge[e] = 1;
        }
        if (!m_edge[e]) continue;
        ++m_degree[d.edge_source[e]];
        ++m_degree[d.edge_target[e]];
        m_km += g.length_m(e) / 1000.0;
        pieces.unite(d.edge_source[e], d.edge_target[e]);
    }
    std::vector<std::int32_t> id_of_root(g.node_count(), -1);
    for (NodeId n = 0; n < g.node_count(); ++n) {
        if (!m_degree[n]) continue;
        const NodeId r = pieces.find(n);
        if (id_of_root[r] < 0) id_of_root[r] = static_cast<std::int32_t>(m_components++);
        m_component[n] = id_of_root[r];
    }
}

}  // namespace maillon
