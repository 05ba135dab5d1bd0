#pragma once
// What the reading pass keeps of the OSM file: the kept ways as runs of located node
// references, their profiles, names, the flags of tagged nodes, and the places (places.hpp).
// Internal to the importer.

#include "maillon/geo.hpp"
#include "maillon/importers/way_profile.hpp"
#include "node_locations.hpp"
#include "places.hpp"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
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
    std::vector<Coord> ref_coords;    // the location of each reference
    std::vector<double> ref_segment_m;  // the length of the segment ending at each reference (0 at a way's start)
    std::vector<std::string> names{std::string{}};
    /// Position of each name in `names`, by views into `name_keys` (a deque: its strings do not move), so that a
    /// lookup builds no std::string.
    std::unordered_map<std::string_view, std::uint32_t> name_ids;
    std::deque<std::string> name_keys;
    /// NodeFlag bits of the tagged nodes that have some, (OSM id, flags) in file order (ascending ids in a sorted
    /// file): a hash map of them cost a tenth of the import on city data.
    std::vector<std::pair<std::int64_t, std::uint8_t>> node_flags;
    /// Per node of the file (by position in `locations`): how often kept ways use it (saturating at 2) and
    /// whether it ends a way piece (bit 4). Counted as the ways are appended, while the file is still being
    /// decoded, so that number_nodes only has to read it.
    std::vector<std::uint8_t> node_use;
    static constexpr std::uint8_t used_twice = 2;
    static constexpr std::uint8_t way_end = 4;
    std::string timestamp;  // ISO 8601, "" when unknown
    RawPlaces places;       // buildings, POIs, communes

    /// Appends a way piece, whose references are already in `refs`, and counts its node uses.
    void add_piece(const RawWay& piece) {
        node_use.resize(locations.size(), 0);  // a no-op after the first piece: every node comes before the ways
        for (std::uint32_t r = piece.first_ref; r < piece.first_ref + piece.ref_count; ++r) {
            std::uint8_t& use = node_use[refs[r]];
            use = static_cast<std::uint8_t>((use & way_end) | std::min<int>((use & 3) + 1, used_twice));
        }
        node_use[refs[piece.first_ref]] |= way_end;
        node_use[refs[piece.first_ref + piece.ref_count - 1]] |= way_end;
        ways.push_back(piece);
    }

    /// Index of a name in `names`, appended the first time; 0 for none or "".
    std::uint32_t intern_name(const char* name) {
        if (!name || !*name) return 0;
        if (const auto it = name_ids.find(std::string_view{name}); it != name_ids.end()) return it->second;
        const auto id = static_cast<std::uint32_t>(names.size());
        names.emplace_back(name);
        name_ids.emplace(std::string_view{name_keys.emplace_back(name)}, id);
        return id;
    }
};

}  // namespace maillon::importers
