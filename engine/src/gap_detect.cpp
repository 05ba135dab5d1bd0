// Detection of candidate gaps (docs/gaps.md, "Detection").

#include "maillon/gaps.hpp"
#include "maillon/spatial_index.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace maillon {
namespace {

/// Arcs a gap may follow: off the network, and either cyclable, or a one-way street ridden
/// against the traffic (a contraflow to open), or a path where only walking is allowed today
/// (to open to bikes). Steps are not a gap a planner can close with a facility.
struct GapLinkFilter {
    const CycleNetwork* net;
    bool operator()(ArcId a) const noexcept {
        const Graph& g = net->graph();
        const EdgeId e = edge_of(a);
        if (net->contains_edge(e)) return false;
        if (g.allows(a, Mode::bike)) return true;
        const auto& d = g.data();
        const Highway h = d.edge_highway[e];
        if ((d.edge_flags[e] & edge_oneway_motor) && g.allows(a ^ 1U, Mode::bike) && is_motor_road(h)) return true;
        return g.allows(a, Mode::foot) &&
               (h == Highway::footway || h == Highway::pedestrian || h == Highway::path || h == Highway::track);
    }
};

/// Any way at all between two network nodes: what a gap may follow, or the network itself in
/// either direction. Used to tell a missing crossing (no way) from a way that exists.
struct JoiningWayFilter {
    const CycleNetwork* net;
    bool operator()(ArcId a) const noexcept { return net->contains_edge(edge_of(a)) || GapLinkFilter{net}(a); }
};

Gap make_route_gap(const Graph& g, NodeId u, NodeId v, const BoundedSearch& street) {
    Gap gap;
    gap.kind = GapKind::detour;
    gap.from = u;
    gap.to = v;
    gap.arcs = street.path_to(v);
    gap.length_m = street.distance(v);
    gap.against_oneway.reserve(gap.arcs.size());
    for (const ArcId a : gap.arcs) gap.against_oneway.push_back(!g.allows(a, Mode::bike));
    return gap;
}

/// A short interruption at a junction that is easy to cross: not a missing link.
bool ordinary_junction(const Graph& g, const Gap& gap, const GapParams& p) {
    if (gap.length_m >= p.junction_m) return false;
    const auto& crossing = g.data().node_crossing_lts;
    if (crossing[gap.from] >= 3) return false;
    for (const ArcId a : gap.arcs) {
        if (crossing[g.arc_head(a)] >= 3) return false;
    }
    return true;
}

/// True when the route to v passes through another network node (then the gap to that node is
/// the real one, found on its own).
bool passes_network(const CycleNetwork& net, const BoundedSearch& s, NodeId v) {
    for (ArcId a = s.parent_arc(v); a != no_arc;) {
        const NodeId tail = net.graph().arc_tail(a);
        a = s.parent_arc(tail);
        if (a != no_arc && net.contains_node(tail)) return true;
    }
    return false;
}

void detour_gaps(const CycleNetwork& net, const GapParams& p, GapSearches& s, std::vector<Gap>& out) {
    const Graph& g = net.graph();
    for (NodeId u = 0; u < g.node_count(); ++u) {
        if (net.degree(u) != 1) continue;  // dead ends of the network: where routes stop
        s.street.run({{u, 0.F}}, static_cast<float>(p.max_gap_m), GapLinkFilter{&net});
        std::vector<NodeId> reached;
        float farthest = 0;
        for (const NodeId v : s.street.settled()) {
            if (v == u || !net.contains_node(v) || passes_network(net, s.street, v)) continue;
            reached.push_back(v);
            farthest = std::max(farthest, s.street.distance(v));
        }
        if (reached.empty()) continue;
        s.network.run({{u, 0.F}}, static_cast<float>(p.detour_factor * farthest) + 1.F, NetworkEdgeFilter{&net});
        for (const NodeId v : reached) {
            const double along_network = s.network.reached(v) ? s.network.distance(v) : std::numeric_limits<double>::infinity();
            const double along_street = s.street.distance(v);
            if (along_network > p.detour_factor * along_street && along_network - along_street >= p.min_detour_m) {
                Gap gap = make_route_gap(g, u, v, s.street);
                gap.network_distance_m = along_network;
                if (!ordinary_junction(g, gap, p)) out.push_back(std::move(gap));
            }
        }
    }
}

void close_far_gaps(const CycleNetwork& net, const GapParams& p, GapSearches& s, std::vector<Gap>& out) {
    const Graph& g = net.graph();
    const auto& coord = g.data().node_coord;
    const NodeIndex index{g, [&](NodeId n) { return net.contains_node(n); }};
    for (NodeId u = 0; u < g.node_count(); ++u) {
        if (!net.contains_node(u)) continue;
        // Network nodes close in a straight line, one per other network piece or stretch: the nearest.
        std::vector<NodeId> near;
        for (const NodeId v : index.within(coord[u], p.close_far_straight_m)) {
            if (v > u) near.push_back(v);  // each pair once
        }
        if (near.empty()) continue;
        s.network.run({{u, 0.F}}, static_cast<float>(p.close_far_network_m), NetworkEdgeFilter{&net});
        std::map<std::int32_t, std::pair<double, NodeId>> nearest_per_piece;
        for (const NodeId v : near) {
            if (s.network.reached(v)) continue;  // within 1 km along the network: not far
            const double d = haversine_m(coord[u], coord[v]);
            auto [it, inserted] = nearest_per_piece.try_emplace(net.component(v), d, v);
            if (!inserted && d < it->second.first) it->second = {d, v};
        }
        if (nearest_per_piece.empty()) continue;
        s.street.run({{u, 0.F}}, static_cast<float>(p.max_gap_m), JoiningWayFilter{&net});
        for (const auto& [piece, dv] : nearest_per_piece) {
            const auto [straight, v] = dv;
            Gap gap;
            if (s.street.reached(v) && s.street.distance(v) <= p.detour_factor * straight + 50.0) {
                // A way joins them. If it runs partly on the network, its missing pieces start at
                // network ends and the detour test finds them; otherwise the whole way is the gap.
                const std::vector<ArcId> path = s.street.path_to(v);
                const bool uses_network = std::any_of(path.begin(), path.end(), [&](ArcId a) { return net.contains_edge(edge_of(a)); });
                if (uses_network) continue;
                gap = make_route_gap(g, u, v, s.street);  // a street exists: the facility is missing
                if (ordinary_junction(g, gap, p)) continue;
            } else {
                gap.kind = GapKind::close_far;  // no way at all: a crossing to build
                gap.from = u;
                gap.to = v;
                gap.length_m = straight;
            }
            gap.network_distance_m = std::numeric_limits<double>::infinity();
            out.push_back(std::move(gap));
        }
    }
}

}  // namespace

std::string_view key(GapKind k) noexcept { return k == GapKind::detour ? "detour" : "close_far"; }

std::string_view key(GapClass c) noexcept {
    switch (c) {
        case GapClass::street: return "street";
        case GapClass::crossing: return "crossing";
        case GapClass::bridge: return "bridge";
        case GapClass::tunnel: return "tunnel";
        case GapClass::roundabout: return "roundabout";
        case GapClass::contraflow: return "contraflow";
        case GapClass::data: return "data";
    }
    return "street";
}

std::vector<Coord> Gap::geometry(const Graph& g) const {
    std::vector<Coord> line;
    if (arcs.empty()) return {g.data().node_coord[from], g.data().node_coord[to]};
    for (const ArcId a : arcs) {
        std::vector<Coord> shape = g.shape(edge_of(a));
        if (is_backward(a)) std::reverse(shape.begin(), shape.end());
        line.insert(line.end(), line.empty() ? shape.begin() : shape.begin() + 1, shape.end());
    }
    return line;
}

std::vector<Gap> detect_gaps(const CycleNetwork& net, const GapParams& p, GapSearches& searches) {
    std::vector<Gap> out;
    detour_gaps(net, p, searches, out);
    close_far_gaps(net, p, searches, out);
    return out;
}

}  // namespace maillon
