// Declustering (docs/gaps.md): candidates that share at least half of the shorter one's length,
// or whose two ends both lie within decluster_m of the other's ends, describe one project; the
// shortest of them is kept (with traffic rather than against it, for the same route).

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
    // Shortest first; for the same route found from both ends, the one ridden with the traffic
    // (fewer arcs against a one-way street); then by nodes, so that the result never depends on
    // the order of the search.
    const auto against = [](const Gap& g) { return std::count(g.against_oneway.begin(), g.against_oneway.end(), true); };
    std::sort(candidates.begin(), candidates.end(), [&](const Gap& a, const Gap& b) {
        if (a.length_m != b.length_m) return a.length_m < b.length_m;
        if (against(a) != against(b)) return against(a) < against(b);
        return std::minmax(a.from, a.to) < std::minmax(b.from, b.to);
    });
    const std::size_t n = candidates.size();
    Clusters clusters{n};

    // Shared edges: merged when they make at least half of the shorter candidate (a long chain of
    // distinct projects along one street touching end to end must not become one cluster).
    std::unordered_map<EdgeId, std::vector<std::size_t>> users;
    for (std::size_t i = 0; i < n; ++i) {
        for (const ArcId a : candidates[i].arcs) users[edge_of(a)].push_back(i);
    }
    std::unordered_map<std::uint64_t, double> shared;  // (i, j) with i < j -> shared metres
    for (const auto& [edge, list] : users) {
        for (std::size_t x = 0; x < list.size(); ++x) {
            for (std::size_t y = x + 1; y < list.size(); ++y) {
                if (list[x] == list[y]) continue;
                const auto i = std::min(list[x], list[y]), j = std::max(list[x], list[y]);
                shared[(static_cast<std::uint64_t>(i) << 32) | j] += g.length_m(edge);
            }
        }
    }
    for (const auto& [pair, metres] : shared) {
        const auto i = static_cast<std::size_t>(pair >> 32), j = static_cast<std::size_t>(pair & 0xFFFFFFFFU);
        if (metres >= 0.5 * std::min(candidates[i].length_m, candidates[j].length_m)) clusters.unite(i, j);
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
