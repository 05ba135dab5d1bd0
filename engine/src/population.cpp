#include "maillon/population.hpp"

#include "maillon/parallel_for.hpp"

#include <algorithm>
#include <limits>

namespace maillon {

std::string_view key(PopulationModel m) noexcept {
    switch (m) {
        case PopulationModel::floor_area: return "floor_area";
        case PopulationModel::grid: return "grid";
        case PopulationModel::qpv_population: return "qpv_population";
        case PopulationModel::area: break;
    }
    return "area";
}

std::string_view weight_unit(PopulationModel m) noexcept {
    switch (m) {
        case PopulationModel::floor_area: return "m2_floor";
        case PopulationModel::grid: return "residents";
        case PopulationModel::qpv_population:
        case PopulationModel::area: break;
    }
    return "ha";
}

PopulationIndex::PopulationIndex(const Graph& g, const EdgeSnapper& foot, std::vector<PopulationPoint> points,
                                 double snap_max_m)
    : m_points(std::move(points)), m_snapped(m_points.size(), 0), m_home(m_points.size(), no_node),
      m_mark(m_points.size(), 0) {
    struct Pending {
        NodeId node;
        Entry entry;
    };
    std::vector<Pending> pending;
    std::vector<std::pair<EdgeId, Entry>> on_edge;
    const auto& d = g.data();
    // The snapping (a nearest query per point, millions in a region) on every core, by blocks of
    // points; the index is then built from them in point order, as by one thread.
    struct PointSnap {
        EdgeId edge = std::numeric_limits<EdgeId>::max();  // max: beyond snap_max_m of every way
        float distance_m = 0, offset_m = 0;
    };
    std::vector<PointSnap> snaps(m_points.size());
    constexpr std::size_t block = 4096;
    parallel_for_each_index((m_points.size() + block - 1) / block, [&](std::size_t b) {
        for (std::size_t i = b * block; i < std::min(m_points.size(), (b + 1) * block); ++i) {
            if (const auto snap = foot.snap(m_points[i].coord, snap_max_m)) snaps[i] = {snap->edge, snap->distance_m, snap->offset_m};
        }
    });
    const auto snapped = static_cast<std::size_t>(
        std::count_if(snaps.begin(), snaps.end(), [](const PointSnap& s) { return s.edge != std::numeric_limits<EdgeId>::max(); }));
    pending.reserve(2 * snapped);
    on_edge.reserve(snapped);
    for (std::uint32_t p = 0; p < m_points.size(); ++p) {
        const PointSnap* const snap = snaps[p].edge == std::numeric_limits<EdgeId>::max() ? nullptr : &snaps[p];
        if (!snap) {
            ++m_unsnapped;
            continue;
        }
        m_snapped[p] = 1;
        const float len = g.length_m(snap->edge);
        m_home[p] = snap->offset_m <= len / 2 ? d.edge_source[snap->edge] : d.edge_target[snap->edge];
        on_edge.push_back({snap->edge, {p, snap->distance_m}});
        pending.push_back({d.edge_source[snap->edge], {p, snap->distance_m + snap->offset_m}});
        pending.push_back({d.edge_target[snap->edge], {p, snap->distance_m + (len - snap->offset_m)}});
    }
    m_node_begin.assign(g.node_count() + 1, 0);
    for (const auto& x : pending) ++m_node_begin[x.node + 1];
    for (std::size_t n = 0; n < g.node_count(); ++n) m_node_begin[n + 1] += m_node_begin[n];
    m_entries.resize(pending.size());
    std::vector<std::uint32_t> fill(m_node_begin.begin(), m_node_begin.end() - 1);
    for (const auto& x : pending) m_entries[fill[x.node]++] = x.entry;
    m_edge_begin.assign(g.edge_count() + 1, 0);
    for (const auto& [e, entry] : on_edge) ++m_edge_begin[e + 1];
    for (std::size_t e = 0; e < g.edge_count(); ++e) m_edge_begin[e + 1] += m_edge_begin[e];
    m_on_edge.resize(on_edge.size());
    std::vector<std::uint32_t> slot(m_edge_begin.begin(), m_edge_begin.end() - 1);
    for (const auto& [e, entry] : on_edge) m_on_edge[slot[e]++] = entry;
}

}  // namespace maillon
