#pragma once
// How the report's maps and the GeoPackage's QGIS styles draw things: the cycle facilities and the
// priority buckets of the gaps in the web map's colours (web-static/js/labels.js: FACILITIES and
// BUCKETS; tests/test_report_style.cpp checks that the two tables agree), the QPV, and the streets.

#include "maillon/attributes.hpp"

#include <array>
#include <string>
#include <string_view>

namespace maillon::outputs {

struct FacilityStyle {
    std::string_view key;    // Facility key, as in gaps and network files ("piste")
    std::string_view label;  // French, for legends ("Piste cyclable")
    std::string_view color;  // "#1b7837"
    std::string_view dash;   // SVG dash pattern in the web map's pixels ("8 5"), "" for a solid line
};

/// The style of a facility; `aucun` and unknown keys get the web map's fallback (grey, solid).
const FacilityStyle& facility_style(Facility f) noexcept;
const FacilityStyle& facility_style(std::string_view key) noexcept;

/// Priority buckets of the ranked gaps, as on the web map: ranks 1–10, 11–50, 51 and more, data issues.
struct GapBucket {
    std::string_view id;     // "top10", "top50", "rest", "data"
    std::string_view label;  // "Rangs 1 à 10"
    std::string_view color;
};
/// The bucket of a rank (0: a data issue, never ranked).
const GapBucket& gap_bucket(unsigned rank) noexcept;
/// The four buckets in legend order.
const std::array<GapBucket, 4>& gap_buckets() noexcept;

/// QPV on maps: outline and translucent fill, as the web map draws them.
inline constexpr std::string_view qpv_stroke = "#7a4a00";
inline constexpr std::string_view qpv_fill = "#f6c343";
inline constexpr double qpv_fill_opacity = 0.28;

/// Streets under the network, by importance: the report draws fewer of them as the scale shrinks.
enum class StreetGroup : std::uint8_t { major, secondary, local, service, path, count_ };
StreetGroup street_group(Highway h) noexcept;
/// The smallest map scale (metres of ground per millimetre of paper) at which the group is drawn
/// at all: a district's service roads would only blacken a region's map.
double street_group_max_m_per_mm(StreetGroup g) noexcept;

}  // namespace maillon::outputs
