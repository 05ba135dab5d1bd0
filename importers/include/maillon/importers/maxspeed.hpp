#pragma once
// Parsing of OSM speed values as found in France: "50", "30 mph", "FR:urban", "FR:zone30",
// "FR:rural", "walk", "none". Used for maxspeed, zone:maxspeed, source:maxspeed, maxspeed:type.

#include <cstdint>
#include <optional>
#include <string_view>

namespace maillon::importers {

/// Speed in km/h (rounded to the nearest integer), or nullopt when the value means nothing usable
/// ("signals", "variable", "none" on a road without a limit, misspellings) or is outside 1..250 km/h.
std::optional<std::uint8_t> parse_maxspeed(std::string_view value) noexcept;

}  // namespace maillon::importers
