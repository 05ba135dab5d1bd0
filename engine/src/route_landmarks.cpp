#include "maillon/route_landmarks.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace maillon {

bool RouteComponents::may_connect(EdgeId from, EdgeId to) const noexcept {
    // Both ends of an edge share a component when the edge is accepted in some direction; an
    // edge accepted in none leaves its ends apart, and the search decides.
    const auto& d = m_graph->data();
    const std::uint32_t f0 = m_component[d.edge_source[from]], f1 = m_component[d.edge_target[from]];
    const std::uint32_t t0 = m_component[d.edge_source[to]], t1 = m_component[d.edge_target[to]];
    return f0 == t0 || f0 == t1 || f1 == t0 || f1 == t1;
}

std::uint32_t RouteComponents::largest() const {
    std::vector<std::uint32_t> size(m_component.size(), 0);
    for (const std::uint32_t c : m_component) ++size[c];
    return static_cast<std::uint32_t>(std::max_element(size.begin(), size.end()) - size.begin());
}

void RouteLandmarks::store(std::size_t landmark, std::size_t direction, const BoundedSearch& search) {
    // Rounded down to 5 m units; beyond 327 km the value is unknown rather than wrong.
    for (const NodeId n : search.settled()) {
        const float units = std::floor(search.distance(n) / unit_m);
        m_table[static_cast<std::size_t>(n) * 2 * m_count + 2 * landmark + direction] =
            units < unknown ? static_cast<std::uint16_t>(units) : unknown;
    }
}

float RouteLandmarks::bound(const std::uint16_t* from, const std::uint16_t* to) const noexcept {
    // d(n,t) >= d(L,t) - d(L,n) and d(n,t) >= d(n,L) - d(t,L). Values are floors of 5 m units, so
    // each difference may overstate by one unit; one more unit absorbs the float rounding of the
    // distances summed by the searches.
    int best = 0;
    for (std::size_t l = 0; l < m_count; ++l) {
        const int from_l = from[2 * l], to_l = to[2 * l];          // d(L, n), d(L, t)
        const int n_to_l = from[2 * l + 1], t_to_l = to[2 * l + 1];  // d(n, L), d(t, L)
        if (from_l != unknown && to_l != unknown) best = std::max(best, to_l - from_l - 2);
        if (n_to_l != unknown && t_to_l != unknown) best = std::max(best, n_to_l - t_to_l - 2);
    }
    return static_cast<float>(best) * unit_m;
}

PositionBounds::PositionBounds(const RouteLandmarks* landmarks, Via a, Via b) noexcept
    : m_landmarks(landmarks && landmarks->count() > 0 && (a.used || b.used) ? landmarks : nullptr),
      m_row{nullptr, nullptr},
      m_offset{a.offset_m, b.offset_m},
      m_used{a.used, b.used} {
    if (!m_landmarks) return;
    m_row[0] = m_landmarks->row(a.node);
    m_row[1] = m_landmarks->row(b.node);
}

float PositionBounds::to_row(const std::uint16_t* row) const noexcept {
    float via = std::numeric_limits<float>::infinity();
    for (int i = 0; i < 2; ++i) {
        if (m_used[i]) via = std::min(via, m_landmarks->bound(row, m_row[i]) + m_offset[i]);
    }
    return via;
}

}  // namespace maillon
