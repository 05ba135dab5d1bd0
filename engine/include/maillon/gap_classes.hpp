#pragma once
// The one table of gap kinds and classes: stable key (files, URLs, web labels: web-static/js/
// labels.js translates the keys), and which ranking cost factor applies. The server's /meta, the
// class filter and the ranking all read this table; add a class here and everything follows.

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace maillon {

/// How a gap was found: a route along existing ways (detour), or a straight line where no way
/// joins two network pieces (close_far).
enum class GapKind : std::uint8_t { detour, close_far };

enum class GapClass : std::uint8_t { street, crossing, bridge, tunnel, roundabout, contraflow, data, count_ };
constexpr std::size_t gap_class_count = static_cast<std::size_t>(GapClass::count_);

/// Which of RankingParams' cost factors a class uses.
enum class CostFactor : std::uint8_t { street, crossing, contraflow, roundabout, bridge, none };

struct GapClassInfo {
    GapClass gap_class;
    std::string_view key;  // stable: gaps.geojson `class`, the API's ?class= filter, labels.js
    CostFactor cost;       // none: never ranked (data issues)
};

constexpr std::array<GapClassInfo, gap_class_count> gap_class_table{{
    {GapClass::street, "street", CostFactor::street},
    {GapClass::crossing, "crossing", CostFactor::crossing},
    {GapClass::bridge, "bridge", CostFactor::bridge},
    {GapClass::tunnel, "tunnel", CostFactor::bridge},
    {GapClass::roundabout, "roundabout", CostFactor::roundabout},
    {GapClass::contraflow, "contraflow", CostFactor::contraflow},
    {GapClass::data, "data", CostFactor::none},
}};

/// Suggested treatment of a gap (French guidance; the labels live with the outputs:
/// analysis/src/labels_fr.cpp and web-static/js/labels.js translate the keys).
enum class Treatment : std::uint8_t {
    fix_data,           // check and fix the OSM data
    barrier_crossing,   // a crossing of the barrier to build: footbridge, underpass, cut-through
    bridge_facility,    // a facility on the bridge, or a footbridge
    tunnel_facility,    // a facility in the underpass
    ring_track,         // a separated ring track around the roundabout
    contraflow,         // double sens cyclable in the one-way street
    safe_crossing,      // a safe crossing of a busy road: raised table, refuge island or signals
    crossing_marking,   // continuity marking across a quiet junction
    open_path,          // open the path to bikes: greenway or shared path
    meeting_zone,       // zone de rencontre: sign the cycle continuity
    separated_track,    // a separated track (> 50 km/h or a main road)
    track_or_lane,      // a track or a lane (50 km/h)
    calm_street,        // traffic calming: zone 30, bicycle street or continuity marking
    count_
};
std::string_view key(Treatment t) noexcept;

constexpr const GapClassInfo& info(GapClass c) noexcept { return gap_class_table[static_cast<std::size_t>(c)]; }
constexpr std::string_view key(GapClass c) noexcept { return info(c).key; }
std::string_view key(GapKind k) noexcept;
std::optional<GapClass> gap_class_from_key(std::string_view k) noexcept;

}  // namespace maillon
