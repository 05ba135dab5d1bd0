#pragma once
// What the place tables (tag_tables.hpp: buildings, POIs, relations) say about an object: whether it is a building
// and how much housing it holds, which kind of POI it is, what a relation is assembled for.

#include "maillon/attributes.hpp"
#include "tag_view.hpp"

#include <cstdint>
#include <optional>

namespace maillon::importers {

/// What the building table says about an object.
struct BuildingClass {
    enum State : std::uint8_t { none, dropped, kept } state = none;  // dropped: abandoned, ruins, under construction...
    float levels = 0;                  // building:levels, else the default of the type
    std::uint8_t residential_pct = 0;  // 0..100
};
BuildingClass building_class(const tags::TagView& tags) noexcept;

/// The POI kind by the POI rules, or nullopt when the object is no POI of a listed kind.
std::optional<PoiKind> poi_kind(const tags::TagView& tags) noexcept;

/// What a relation is assembled for (a combination of these bits; 0: nothing).
enum RelationUse : std::uint8_t { use_commune = 1, use_building = 2, use_poi = 4 };
std::uint8_t relation_use(const tags::TagView& tags) noexcept;

}  // namespace maillon::importers
