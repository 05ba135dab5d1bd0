#pragma once
// How a cyclist and a pedestrian may use one OSM way, read from its tags.
//
// evaluate_way() runs an ordered list of small rules over the way's tags, as OSRM's
// bicycle profile does with its `Sequence { ... }`: each rule reads a few tags, fills
// some fields and may drop the way. The keys and value tables the rules read are gathered
// in importers/src/tag_tables.hpp, the rules in importers/src/way_profile.cpp; both are
// documented in docs/tag-rules.md: keep them in sync.

#include "maillon/attributes.hpp"

#include <osmium/osm/tag.hpp>

#include <array>
#include <cstdint>
#include <string_view>

namespace maillon::importers {

/// Sides in the schema sense: droite (right of the way's digitisation) and gauche (left).
enum Side : std::uint8_t { right = 0, left = 1 };
/// Travel directions along the way's digitisation.
enum Direction : std::uint8_t { forward = 0, backward = 1 };

/// Which directions a side's facility can be ridden in.
enum class SideFlow : std::uint8_t { with_side = 0, forward_only, backward_only, both };

struct WayProfile {
    bool keep = false;  // usable by bike or on foot in at least one direction
    Highway highway = Highway::road;
    std::array<bool, 2> bike{};  // [Direction]
    bool foot = false;           // walking is allowed both ways
    std::array<Facility, 2> side_facility{Facility::aucun, Facility::aucun};  // [Side]: ame_d, ame_g
    std::array<SideFlow, 2> side_flow{SideFlow::with_side, SideFlow::with_side};
    std::array<Facility, 2> ride_facility{Facility::aucun, Facility::aucun};  // [Direction]
    Regime regime = Regime::none;
    std::uint8_t maxspeed_kmh = 0;  // 0: not tagged
    std::uint8_t lanes = 0;         // 0: not tagged
    bool oneway_motor = false;      // motor traffic only forward (after normalising oneway=-1, see below)
    bool oneway_reversed = false;   // oneway=-1: the allowed motor direction is backward
    bool contraflow = false;        // one-way for motors, open to bikes both ways
    bool bridge = false;
    bool tunnel = false;
    bool roundabout = false;
    bool lit = false;
    Surface surface = Surface::unknown;
    std::array<std::uint8_t, 2> lts{};  // [Direction], 0 where not cyclable
    std::string_view drop_reason;       // why keep is false, for diagnostics
};

/// Runs every rule in order and returns the profile.
WayProfile evaluate_way(const osmium::TagList& tags);

}  // namespace maillon::importers
