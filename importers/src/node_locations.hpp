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

    /// Sorts by id if the input was not sorted, and builds the search tree. Call once after the last add().
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
        // Each level holds the first id of every block of `fanout` entries of the level below it, up to a level of
        // at most `fanout` ids: 3 levels above 4 M nodes, 4 above 32 M.
        m_levels.clear();
        const std::vector<osmium::object_id_type>* below = &m_ids;
        while (below->size() > fanout) {
            std::vector<osmium::object_id_type> level;
            level.reserve(below->size() / fanout + 1);
            for (std::size_t i = 0; i < below->size(); i += fanout) level.push_back((*below)[i]);
            m_levels.push_back(std::move(level));
            below = &m_levels.back();
        }
        m_sealed_size = m_ids.size();
    }

    /// Position of the node, or npos when the extract does not have it. A search within `fanout` ids (8 cache
    /// lines) at each level of the tree, top down: a plain binary search over tens of millions of ids misses the
    /// cache at each of its last dozen steps, and the upper levels here are small enough to stay in cache.
    std::uint32_t find(osmium::object_id_type id) const noexcept {
        std::size_t first = 0, last = m_ids.size();
        if (m_sealed_size == m_ids.size()) {
            for (auto level = m_levels.rbegin(); level != m_levels.rend(); ++level) {
                const auto begin = level->begin() + static_cast<std::ptrdiff_t>(first);
                const auto end = level->begin() + static_cast<std::ptrdiff_t>(std::min(first + fanout, level->size()));
                const auto up = std::upper_bound(begin, end, id);
                if (up == level->begin()) return npos;  // below the first id
                first = static_cast<std::size_t>(up - level->begin() - 1) * fanout;
            }
            last = std::min(first + fanout, m_ids.size());
        }
        const auto begin = m_ids.begin() + static_cast<std::ptrdiff_t>(first);
        const auto end = m_ids.begin() + static_cast<std::ptrdiff_t>(last);
        const auto it = std::lower_bound(begin, end, id);
        return (it == end || *it != id) ? npos : static_cast<std::uint32_t>(it - m_ids.begin());
    }
    osmium::object_id_type id(std::uint32_t pos) const noexcept { return m_ids[pos]; }
    osmium::Location location(std::uint32_t pos) const noexcept { return m_locations[pos]; }
    std::size_t size() const noexcept { return m_ids.size(); }

private:
    std::vector<osmium::object_id_type> m_ids;
    std::vector<osmium::Location> m_locations;
    static constexpr std::size_t fanout = 64;
    std::vector<std::vector<osmium::object_id_type>> m_levels;  // [0]: every fanout-th id of m_ids; [1]: of [0]; …
    std::size_t m_sealed_size = static_cast<std::size_t>(-1);   // the tree is valid while m_ids has this size
    bool m_sorted = true;
};

/// Position of a node in `locations` searching near `hint` first: the nodes of a way or a building have close
/// ids, so this costs a few comparisons in one or two cache lines. npos when the extract lacks the node.
inline std::uint32_t find_near(const NodeLocations& locations, osmium::object_id_type id, std::uint32_t hint) noexcept {
    // Search the `window` ids on the side of the hint the id is on, when the id is within them; else the tree. A
    // long gallop costs a cache miss at each of its strides before it gives up.
    constexpr std::size_t window = 32;
    const std::size_t n = locations.size();
    if (n == 0) return NodeLocations::npos;
    const std::size_t h = std::min<std::size_t>(hint, n - 1);
    const osmium::object_id_type at = locations.id(static_cast<std::uint32_t>(h));
    if (at == id) return static_cast<std::uint32_t>(h);
    std::size_t lo = 0, hi = 0;  // [lo, hi) may hold the id
    if (at < id) {
        lo = h + 1;
        hi = std::min(n, h + 1 + window);
        if (hi < n && locations.id(static_cast<std::uint32_t>(hi)) <= id) return locations.find(id);
    } else {
        hi = h;
        lo = h >= window ? h - window : 0;
        if (lo > 0 && locations.id(static_cast<std::uint32_t>(lo - 1)) >= id) return locations.find(id);
    }
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (locations.id(static_cast<std::uint32_t>(mid)) < id) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < n && locations.id(static_cast<std::uint32_t>(lo)) == id ? static_cast<std::uint32_t>(lo) : NodeLocations::npos;
}

}  // namespace maillon::importers
