#pragma once
// Node locations of an extract, kept as two sorted arrays (ids, locations): 16 bytes a node,
// ~0.8 GB for Île-de-France's 50 M nodes whatever their IDs (up to ~1.3e10), where a dense
// array indexed by ID would need 100 GB of address space. The position of a node in the
// arrays doubles as a dense index, so per-node counters need no hash map and no sort.
//
// OSM files sorted by type then ID deliver nodes in ascending order; an unsorted file is
// sorted once when the first lookup comes.

#include <osmium/osm/location.hpp>
#include <osmium/osm/types.hpp>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

namespace maillon::importers {

class NodeLocations {
public:
    static constexpr std::uint32_t npos = 0xFFFFFFFFU;

    /// Makes room for about n nodes up front: growing 0.8 GB arrays by doubling copies them
    /// several times. Reserved but untouched memory is not resident.
    void reserve(std::size_t n) {
        m_ids.reserve(n);
        m_locations.reserve(n);
    }

    void add(osmium::object_id_type id, osmium::Location location) {
        m_sorted = m_sorted && (m_ids.empty() || m_ids.back() < id);
        m_ids.push_back(id);
        m_locations.push_back(location);
    }

    /// Appends nodes read elsewhere (a NodeChunk), `ascending` when their ids are.
    void append(const std::vector<osmium::object_id_type>& ids, const std::vector<osmium::Location>& locations, bool ascending) {
        if (ids.empty()) return;
        m_sorted = m_sorted && ascending && (m_ids.empty() || m_ids.back() < ids.front());
        m_ids.insert(m_ids.end(), ids.begin(), ids.end());
        m_locations.insert(m_locations.end(), locations.begin(), locations.end());
    }

    /// Sorts by id if the input was not sorted, and builds the search index. Call once after the last add().
    void seal() {
        if (!m_sorted) {
            std::vector<std::uint32_t> order(m_ids.size());
            std::iota(order.begin(), order.end(), 0U);
            std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return m_ids[a] < m_ids[b]; });
            std::vector<osmium::object_id_type> ids(m_ids.size());
            std::vector<osmium::Location> locations(m_ids.size());
            for (std::size_t i = 0; i < order.size(); ++i) {
                ids[i] = m_ids[order[i]];
                locations[i] = m_locations[order[i]];
            }
            m_ids.swap(ids);
            m_locations.swap(locations);
            m_sorted = true;
        }
        m_index.clear();
        for (std::size_t i = 0; i < m_ids.size(); i += block) m_index.push_back(m_ids[i]);
    }

    /// Position of the node, or npos when the extract does not have it. Two levels: the first id of every block
    /// of 64 (a small array that stays in cache), then the block (8 cache lines): a plain binary search over tens
    /// of millions of ids misses the cache at each of its last dozen steps.
    std::uint32_t find(osmium::object_id_type id) const noexcept {
        if (m_index.empty() || m_index.size() != (m_ids.size() + block - 1) / block) {
            const auto it = std::lower_bound(m_ids.begin(), m_ids.end(), id);
            return (it == m_ids.end() || *it != id) ? npos : static_cast<std::uint32_t>(it - m_ids.begin());
        }
        const auto up = std::upper_bound(m_index.begin(), m_index.end(), id);
        if (up == m_index.begin()) return npos;  // below the first id
        const std::size_t first = static_cast<std::size_t>(up - m_index.begin() - 1) * block;
        const auto begin = m_ids.begin() + static_cast<std::ptrdiff_t>(first);
        const auto end = m_ids.begin() + static_cast<std::ptrdiff_t>(std::min(first + block, m_ids.size()));
        const auto it = std::lower_bound(begin, end, id);
        return (it == end || *it != id) ? npos : static_cast<std::uint32_t>(it - m_ids.begin());
    }
    osmium::object_id_type id(std::uint32_t pos) const noexcept { return m_ids[pos]; }
    osmium::Location location(std::uint32_t pos) const noexcept { return m_locations[pos]; }
    std::size_t size() const noexcept { return m_ids.size(); }

private:
    std::vector<osmium::object_id_type> m_ids;
    std::vector<osmium::Location> m_locations;
    static constexpr std::size_t block = 64;
    std::vector<osmium::object_id_type> m_index;  // m_ids[0], m_ids[block], m_ids[2 * block], …
    bool m_sorted = true;
};

/// Position of a node in `locations` searching outwards from `hint` (galloping search): the nodes of a way or a
/// building have close ids, so this costs a few comparisons where a binary search over tens of millions of ids
/// costs two dozen cache misses. npos when the extract lacks the node.
inline std::uint32_t find_near(const NodeLocations& locations, osmium::object_id_type id, std::uint32_t hint) noexcept {
    // Gallop at most this far from the hint: farther, a plain binary search is faster, as the
    // first levels of its search tree stay in cache where galloping strides miss at every step.
    constexpr std::size_t max_gallop = 256;
    const std::size_t n = locations.size();
    if (n == 0) return NodeLocations::npos;
    const std::size_t h = std::min<std::size_t>(hint, n - 1);
    const auto id_at = [&](std::size_t pos) { return locations.id(static_cast<std::uint32_t>(pos)); };
    const osmium::object_id_type at = id_at(h);
    if (at == id) return static_cast<std::uint32_t>(h);
    // Bracket [lo, hi) by steps doubling away from the hint, then bisect.
    std::size_t lo = 0;
    std::size_t hi = 0;
    bool bracketed = false;
    if (at < id) {
        lo = h + 1;
        for (std::size_t step = 1; step <= max_gallop; step *= 2) {
            const std::size_t probe = h + step;
            if (probe >= n) {
                hi = n;
                bracketed = true;
                break;
            }
            if (id_at(probe) >= id) {
                hi = probe + 1;
                bracketed = true;
                break;
            }
            lo = probe + 1;
        }
    } else {
        hi = h;
        for (std::size_t step = 1; step <= max_gallop; step *= 2) {
            if (step > h) {
                lo = 0;
                bracketed = true;
                break;
            }
            const std::size_t probe = h - step;
            if (id_at(probe) <= id) {
                lo = probe;
                bracketed = true;
                break;
            }
            hi = probe;
        }
    }
    if (!bracketed) return locations.find(id);
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (id_at(mid) < id) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < n && id_at(lo) == id ? static_cast<std::uint32_t>(lo) : NodeLocations::npos;
}

}  // namespace maillon::importers
