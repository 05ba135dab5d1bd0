#pragma once
// The cycle network as the analysis sees it: which edges belong to it (by the profile), each
// node's degree in it, and its connected pieces (ignoring direction).

#include "maillon/analysis_profile.hpp"
#include "maillon/graph.hpp"

#include <vector>

namespace maillon {

class CycleNetwork {
public:
    CycleNetwork(const Graph& g, const NetworkParams& params);

    bool contains_edge(EdgeId e) const noexcept { return m_edge[e] != 0; }
    /// A bike arc on the network.
    bool contains_arc(ArcId a) const noexcept { return m_edge[edge_of(a)] != 0 && m_graph->allows(a, Mode::bike); }
    bool contains_node(NodeId n) const noexcept { return m_degree[n] > 0; }
    /// Network edges at the node (a dead end of the network has 1).
    std::uint32_t degree(NodeId n) const noexcept { return m_degree[n]; }
    /// Connected piece of a network node (ids 0..components()-1), -1 off the network.
    std::int32_t component(NodeId n) const noexcept { return m_component[n]; }
    std::size_t components() const noexcept { return m_component_km.size(); }
    double component_km(std::int32_t c) const noexcept { return m_component_km[static_cast<std::size_t>(c)]; }
    double km() const noexcept { return m_km; }
    const Graph& graph() const noexcept { return *m_graph; }

private:
    const Graph* m_graph;
    std::vector<std::uint8_t> m_edge;
    std::vector<std::uint32_t> m_degree;
    std::vector<std::int32_t> m_component;
    std::vector<double> m_component_km;
    double m_km = 0;
};

/// Search filter: bike arcs on the network.
struct OnNetworkFilter {
    const CycleNetwork* net;
    bool operator()(ArcId a) const noexcept { return net->contains_arc(a); }
};

/// Search filter: network edges in either direction. Used to tell whether two network nodes are
/// connected by the network at all: parallel one-way facilities of one street (a bande each side)
/// are not a missing link because a U-turn between them is long.
struct NetworkEdgeFilter {
    const CycleNetwork* net;
    bool operator()(ArcId a) const noexcept { return net->contains_edge(edge_of(a)); }
};

/// Search filter: bike arcs off the network (the stretch a gap would build).
struct OffNetworkFilter {
    const CycleNetwork* net;
    bool operator()(ArcId a) const noexcept {
        return net->graph().allows(a, Mode::bike) && !net->contains_edge(edge_of(a));
    }
};

}  // namespace maillon
