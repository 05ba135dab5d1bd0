// Data checks (docs/gaps.md, "Data issues"), after BikeDNA (Vierø, Vybornova & Szell 2023): a
// network way that stops a few metres short of another way, without a shared node, is an
// undershoot — a mapping error that breaks the network in the data, not on the street.

#include "maillon/gaps.hpp"
#include "maillon/spatial_index.hpp"

#include <unordered_set>

namespace maillon {

std::vector<Gap> find_undershoots(const CycleNetwork& net, const GapParams& p) {
    const Graph& g = net.graph();
    const auto& d = g.data();
    std::vector<Gap> out;
    if (p.data_error_m <= 0) return out;
    // Every way a cyclist or a pedestrian can use: an undershoot may stop short of a footway.
    const EdgeSnapper ways{g, [&](EdgeId e) {
                               return d.arc_access[arc_of(e, false)] != 0 || d.arc_access[arc_of(e, true)] != 0;
                           }};
    for (NodeId n = 0; n < g.node_count(); ++n) {
        if (!net.contains_node(n)) continue;
        // A dangling end: the way stops and nothing else is attached.
        std::unordered_set<EdgeId> own;
        g.for_each_out_arc(n, [&](ArcId a) { own.insert(edge_of(a)); });
        if (own.size() != 1) continue;
        const auto snap = ways.snap_excluding(d.node_coord[n], p.data_error_m, [&](EdgeId e) { return own.count(e) != 0; });
        if (!snap) continue;
        const EdgeId e = snap->edge;
        Gap gap;
        gap.kind = GapKind::close_far;
        gap.data_issue = DataIssue::undershoot;
        gap.merged = 0;  // a data check, not a candidate of Identify
        gap.from = n;
        gap.to = snap->offset_m <= g.length_m(e) / 2 ? d.edge_source[e] : d.edge_target[e];
        gap.touch = snap->position;
        gap.length_m = snap->distance_m;
        out.push_back(std::move(gap));
    }
    return out;
}

}  // namespace maillon
