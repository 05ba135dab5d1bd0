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

    /// Sorts by id if the input was not sorted. Call once after the last add().
    void seal() {
        if (m_sorted) return;
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

    /// Position of the node, or npos when the extract does not have it.
    std::uint32_t find(osmium::object_id_type id) const noexcept {
        const auto it = std::lower_bound(m_ids.begin(), m_ids.end(), id);
        return (it == m_ids.end() || *it != id) ? npos : static_cast<std::uint32_t>(it - m_ids.begin());
    }
    osmium::object_id_type id(std::uint32_t pos) const noexcept { return m_ids[pos]; }
    osmium::Location location(std::uint32_t pos) const noexcept { return m_locations[pos]; }
    std::size_t size() const noexcept { return m_ids.size(); }

private:
    std::vector<osmium::object_id_type> m_ids;
    std::vector<osmium::Location> m_locations;
    bool m_sorted = true;
};

}  // namespace maillon::importers
