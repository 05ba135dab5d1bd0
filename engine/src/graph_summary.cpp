#include "maillon/graph_summary.hpp"


#include <algorithm>
#include <numeric>
#include <unordered_set>
#include <vector>

namespace maillon {
namespace {

// Union-find with path halving. Boost's disjoint_sets cannot be used in a translation unit
// that includes compressed_sparse_row_graph.hpp in Boost 1.74: boost::detail::get of the CSR
// header hides the pointer property-map get() that disjoint_sets calls.
class UnionFind {
public:
    explicit UnionFind(std::size_t n) : m_parent(n) { std::iota(m_parent.begin(), m_parent.end(), NodeId{0}); }
    NodeId find(NodeId x) noexcept {
        while (m_parent[x] != x) {
            m_parent[x] = m_parent[m_parent[x]];
            x = m_parent[x];
        }
        return x;
    }
    void unite(NodeId a, NodeId b) noexcept { m_parent[find(a)] = find(b); }

private:
    std::vector<NodeId> m_parent;
};

}  // namespace

bool is_cycle_network_edge(const Graph& g, EdgeId e) noexcept {
    const auto& d = g.data();
    for (const ArcId a : {arc_of(e, false), arc_of(e, true)}) {
        if (g.allows(a, Mode::bike) && is_cycle_facility(d.arc_facility[a])) {
            return true;
        }
    }
    return false;
}

GraphSummary summarize(const Graph& g) {
    const auto& d = g.data();
    GraphSummary s;
    s.nodes = g.node_count();
    s.edges = g.edge_count();
    s.bbox = g.bbox();
    s.osm_timestamp = d.osm_timestamp;
    s.source_name = d.source_name;

    UnionFind sets{g.node_count()};
    std::vector<NodeId> network_nodes;

    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        const double km = g.length_m(e) / 1000.0;
        bool bike = false;
        bool foot = false;
        for (const ArcId a : {arc_of(e, false), arc_of(e, true)}) {
            s.arcs += d.arc_access[a] != 0 ? 1 : 0;
            bike = bike || g.allows(a, Mode::bike);
            foot = foot || g.allows(a, Mode::foot);
            const auto side = d.arc_side_facility[a];
            if (is_cycle_facility(side)) {
                s.km_by_facility[static_cast<std::size_t>(side)] += km;
            }
            if (g.allows(a, Mode::bike) && d.arc_lts[a] >= 1 && d.arc_lts[a] <= 4) {
                s.km_by_lts[d.arc_lts[a]] += km;
            }
        }
        s.km_bike += bike ? km : 0.0;
        s.km_foot += foot ? km : 0.0;
        if (is_cycle_network_edge(g, e)) {
            s.km_cycle_network += km;
            network_nodes.push_back(d.edge_source[e]);
            network_nodes.push_back(d.edge_target[e]);
        }
    }
    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        if (is_cycle_network_edge(g, e)) {
            sets.unite(d.edge_source[e], d.edge_target[e]);
        }
    }
    std::unordered_set<NodeId> roots;
    for (const NodeId n : network_nodes) {
        roots.insert(sets.find(n));
    }
    s.cycle_network_components = roots.size();

    s.buildings = g.building_count();
    for (std::size_t b = 0; b < g.building_count(); ++b) {
        s.floor_m2 += d.building_floor_m2[b];
        s.residential_floor_m2 += d.building_floor_m2[b] * d.building_residential_pct[b] / 100.0;
    }
    s.pois = g.poi_count();
    for (const PoiKind k : d.poi_kind) ++s.pois_by_kind[static_cast<std::size_t>(k)];
    s.communes = g.commune_count();
    return s;
}

}  // namespace maillon
