// Declustering (docs/gaps.md): candidates that share an edge, or whose two ends both lie within
// decluster_m of the other's ends, describe one project; the shortest of them is kept.

#include "maillon/gaps.hpp"
#include "maillon/spatial_index.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

namespace maillon {
namespace {

class Clusters {
public:
    explicit Clusters(std::size_t n) : m_parent(n) { std::iota(m_parent.begin(), m_parent.end(), std::size_t{0}); }
    std::size_t find(std::size_t x) {
        while (m_parent[x] != x) x = m_parent[x] = m_parent[m_parent[x]];
        return x;
    }
    void unite(std::size_t a, std::size_t b) {
        a = find(a);
        b = find(b);
        if (a != b) m_parent[std::max(a, b)] = std::min(a, b);  // the smaller index (shorter gap) stays root
    }

private:
    std::vector<std::size_t> m_parent;
};

std::int64_t cell_key(std::int64_t cx, std::int64_t cy) { return cx * 1000003LL + cy; }

}  // namespace

std::vector<Gap> decluster_gaps(const Graph& g, std::vector<Gap> candidates, const GapParams& p) {
    std::stable_sort(candidates.begin(), candidates.end(),
                     [](const Gap& a, const Gap& b) { return a.length_m < b.length_m; });
    const std::size_t n = candidates.size();
    Clusters clusters{n};

    // Shared edges.
    std::unordered_map<EdgeId, std::size_t> first_user;
    for (std::size_t i = 0; i < n; ++i) {
        for (const ArcId a : candidates[i].arcs) {
            const auto [it, inserted] = first_user.try_emplace(edge_of(a), i);
            if (!inserted) clusters.unite(it->second, i);
        }
    }

    // Near-identical ends: grid cells of decluster_m over the `from` ends.
    const auto& coord = g.data().node_coord;
    const LocalProjection proj = LocalProjection::around(g.bbox());
    const double cell = p.decluster_m;
    const auto cell_of = [&](NodeId node) {
        return std::make_pair(static_cast<std::int64_t>(std::floor(proj.x(coord[node]) / cell)),
                              static_cast<std::int64_t>(std::floor(proj.y(coord[node]) / cell)));
    };
    std::unordered_multimap<std::int64_t, std::size_t> by_end;
    for (std::size_t i = 0; i < n; ++i) {
        for (const NodeId end : {candidates[i].from, candidates[i].to}) {
            const auto [cx, cy] = cell_of(end);
            by_end.emplace(cell_key(cx, cy), i);
        }
    }
    const auto close = [&](NodeId a, NodeId b) { return haversine_m(coord[a], coord[b]) <= p.decluster_m; };
    for (std::size_t i = 0; i < n; ++i) {
        const Gap& gi = candidates[i];
        const auto [cx, cy] = cell_of(gi.from);
        for (std::int64_t dx = -1; dx <= 1; ++dx) {
            for (std::int64_t dy = -1; dy <= 1; ++dy) {
                const auto range = by_end.equal_range(cell_key(cx + dx, cy + dy));
                for (auto it = range.first; it != range.second; ++it) {
                    const std::size_t j = it->second;
                    if (j <= i) continue;
                    const Gap& gj = candidates[j];
                    const bool same = (close(gi.from, gj.from) && close(gi.to, gj.to)) ||
                                      (close(gi.from, gj.to) && close(gi.to, gj.from));
                    if (same) clusters.unite(i, j);
                }
            }
        }
    }

    std::vector<Gap> kept;
    std::vector<std::uint32_t> merged(n, 0);
    for (std::size_t i = 0; i < n; ++i) ++merged[clusters.find(i)];
    for (std::size_t i = 0; i < n; ++i) {
        if (clusters.find(i) != i) continue;
        candidates[i].merged = merged[i];
        kept.push_back(std::move(candidates[i]));
    }
    return kept;
}

}  // namespace maillon
