#pragma once
// What the reading pass keeps of the OSM file: the kept ways as runs of located node
// references, their profiles, names, the flags of tagged nodes, and the places (places.hpp).
// Internal to the importer.

#include "maillon/geo.hpp"
#include "maillon/importers/way_profile.hpp"
#include "node_locations.hpp"
#include "places.hpp"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace maillon::importers {

struct RawWay {
    std::int64_t way_id = 0;
    std::uint32_t first_ref = 0;  // into RawWays::refs
    std::uint32_t ref_count = 0;
    std::uint32_t name = 0;       // into RawWays::names
    WayProfile profile;
};

struct RawWays {
    std::vector<RawWay> ways;
    NodeLocations locations;          // every node of the file
    std::vector<std::uint32_t> refs;  // node positions in `locations`, way after way
    std::vector<std::string> names{std::string{}};
    std::unordered_map<std::string, std::uint32_t> name_ids;    // position of each name in `names`
    /// NodeFlag bits of the tagged nodes that have some, (OSM id, flags) in file order (ascending ids in a sorted
    /// file): a hash map of them cost a tenth of the import on city data.
    std::vector<std::pair<std::int64_t, std::uint8_t>> node_flags;
    std::string timestamp;  // ISO 8601, "" when unknown
    RawPlaces places;       // buildings, POIs, communes

    /// Index of a name in `names`, appended the first time; 0 for none or "".
    std::uint32_t intern_name(const char* name) {
        if (!name || !*name) return 0;
        const auto [it, inserted] = name_ids.try_emplace(name, static_cast<std::uint32_t>(names.size()));
        if (inserted) names.emplace_back(name);
        return it->second;
    }
};

}  // namespace maillon::importers
