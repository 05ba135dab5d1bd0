#pragma once
// The cycle network as the analysis sees it: which edges belong to it (by the profile), each
// node's degree in it, and its connected pieces (ignoring direction). `maillon info` and
// `maillon analyze` both read the network through this class, so they report the same km.

#include "maillon/analysis_profile.hpp"
#include "maillon/graph.hpp"

#include <vector>

namespace maillon {

class CycleNetwork {
public:
    CycleNetwork(const Graph& g, const NetworkParams& params);

    bool contains_edge(EdgeId e) const noexcept { return m_edge[e] != 0; }
    bool contains_node(NodeId n) const noexcept { return m_degree[n] > 0; }
    /// Network edges at the node (a dead end of the network has 1).
    std::uint32_t degree(NodeId n) const noexcept { return m_degree[n]; }
    /// Connected piece of a network node (ids 0..components()-1), -1 off the network.
    std::int32_t component(NodeId n) const noexcept { return m_component[n]; }
    std::size_t components() const noexcept { return m_components; }
    double km() const noexcept { return m_km; }
    const Graph& graph() const noexcept { return *m_graph; }

private:
    const Graph* m_graph;
    std::vector<std::uint8_t> m_edge;
    std::vector<std::uint32_t> m_degree;
    std::vector<std::int32_t> m_component;
    std::size_t m_components = 0;
    double m_km = 0;
};

/// Search filter: network edges in either direction. Used to tell whether two network nodes are
/// connected by the network at all: parallel one-way facilities of one street (a bande each side)
/// are not a missing link because a U-turn between them is long.
struct NetworkEdgeFilter {
    const CycleNetwork* net;
    bool operator()(ArcId a) const noexcept { return net->contains_edge(edge_of(a)); }
};

}  // namespace maillon
