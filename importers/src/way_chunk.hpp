#pragma once
// The work of the reading pass on a few buffers of ways, done by a thread of libosmium's pool while the next blocks
// are decoded (read_ways.cpp): the tag rules on every way, node lookups for the kept ways, footprints of closed
// buildings and POIs, node locations of relation member ways. What it finds is kept in a WayChunk that the main
// thread appends to RawWays in file order, so that the result does not depend on which thread did what.
// Internal to the importer.

#include "maillon/geo.hpp"
#include "maillon/importers/way_profile.hpp"
#include "node_locations.hpp"
#include "place_relations.hpp"
#include "place_rules.hpp"

#include <osmium/memory/buffer.hpp>
#include <osmium/osm/timestamp.hpp>
#include <osmium/osm/way.hpp>

#include <cstdint>
#include <vector>

namespace maillon::importers {

struct WayChunk {
    /// The buffers read: the names below point into them, the member ways are in them (with their locations set).
    std::vector<osmium::memory::Buffer> buffers;

    /// A way usable by bike or on foot, split into pieces where nodes are missing.
    struct KeptWay {
        std::int64_t id;
        const char* name;  // name, else ref; nullptr when neither
        WayProfile profile;
        std::uint32_t first_piece, piece_count;  // into `pieces`
    };
    struct Piece {
        std::uint32_t first_ref, ref_count;  // into `refs`
    };
    struct Poi {
        Coord coord;
        PoiKind kind;
        const char* name;
        std::int64_t way_id;
        std::uint32_t before_way;  // index of the first kept way after it in the file (names are interned in order)
    };
    struct Building {
        Coord coord;
        double footprint_m2;
        BuildingClass type;
    };
    std::vector<KeptWay> ways;
    std::vector<Piece> pieces;
    std::vector<std::uint32_t> refs;  // node positions in NodeLocations
    std::vector<Coord> ref_coords;    // their locations, read here in parallel rather than at random later
    std::vector<double> ref_segment_m;  // length of the segment ending at each reference (0 for a piece's first)
    std::vector<Poi> pois;
    std::vector<Building> buildings;
    std::vector<const osmium::Way*> member_ways;

    /// The first segment of a kept way longer than max_segment_m: coordinates that cannot be real (libosmium 2.19
    /// reads an XML lat="48.854e7748" as 0 after an integer overflow, found by fuzzing). way_id 0: none.
    struct DamagedSegment {
        std::int64_t way_id = 0, node_id = 0;
        double length_m = 0;
    } damaged;

    // For the ImportReport.
    std::uint64_t ways_read = 0, ways_incomplete = 0, refs_missing = 0;
    std::uint64_t buildings_small = 0, buildings_lifecycle = 0, buildings_incomplete = 0;
    osmium::Timestamp newest;
};

/// No way segment on Earth is this long (the longest real ones, across deserts and ice, are tens of km); a
/// longer one means a damaged coordinate, which would otherwise make a graph thousands of km wide.
constexpr double max_segment_m = 1'000'000;

/// Reads the ways of `buffers`, in order, against sealed node locations. Thread-safe: reads `locations` and
/// `relations` only.
WayChunk read_way_chunk(std::vector<osmium::memory::Buffer> buffers, const NodeLocations& locations,
                        const PlaceRelations& relations);

}  // namespace maillon::importers
