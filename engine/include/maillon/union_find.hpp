#pragma once
// Union-find (disjoint sets) with path halving, the one the engine uses for connected pieces.
// Boost's disjoint_sets cannot be used in a translation unit that includes
// compressed_sparse_row_graph.hpp in Boost 1.74: boost::detail::get of the CSR header hides the
// pointer property-map get() that disjoint_sets calls.

#include <cstdint>
#include <numeric>
#include <vector>

namespace maillon {

class UnionFind {
public:
    explicit UnionFind(std::size_t n) : m_parent(n) { std::iota(m_parent.begin(), m_parent.end(), std::uint32_t{0}); }
    std::uint32_t find(std::uint32_t x) noexcept {
        while (m_parent[x] != x) {
            m_parent[x] = m_parent[m_parent[x]];
            x = m_parent[x];
        }
        return x;
    }
    /// Joins the sets of a and b; the smaller root stays root (deterministic representatives).
    void unite(std::uint32_t a, std::uint32_t b) noexcept {
        a = find(a);
        b = find(b);
        if (a < b) m_parent[b] = a;
        else if (b < a) m_parent[a] = b;
    }

private:
    std::vector<std::uint32_t> m_parent;
};

}  // namespace maillon
