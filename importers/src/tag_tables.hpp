#pragma once
// Every OSM tag the importer reads and every value table its rules use, in one place and before any rule, as
// OSRM's bicycle profile (profiles/bicycle.lua) puts its settings in setup() before the functions that apply them.
// The rules that read these tables: way_profile.cpp (ways: access, one-way, facilities, stress), node_flags.cpp
// (signals, crossings, barriers), place_rules.cpp (buildings, POIs, relations). docs/tag-rules.md documents the
// tables: keep the two in sync.

#include "maillon/attributes.hpp"

#include <array>
#include <cstdint>
#include <string_view>

namespace maillon::importers::tags {

using sv = std::string_view;

// ---- the keys read ----------------------------------------------------------------------------------------------
// An object's tags are read once (TagView, tag_view.hpp): each key found in this table is kept by position, every
// other key is skipped. Sorted (so grouped by first letter, as the lookup wants them); the enum follows the same
// order.

enum class Key : std::uint8_t {
    abandoned, access, admin_level, amenity, area, barrier, bicycle, bicycle_road, boundary, bridge, building,
    building_levels, bus, construction, crossing, crossing_markings, cyclestreet, cycleway, cycleway_both,
    cycleway_both_lane, cycleway_both_oneway, cycleway_lane, cycleway_left, cycleway_left_lane, cycleway_left_oneway,
    cycleway_right, cycleway_right_lane, cycleway_right_oneway, foot, highway, junction, lanes, leisure, light_rail,
    lit, maxspeed, maxspeed_backward, maxspeed_forward, maxspeed_type, motorroad, name, office, oneway,
    oneway_bicycle, psv, public_transport, railway, ramp_bicycle, ref, ref_insee, ruins, segregated, shop,
    source_maxspeed, station, subway, surface, train, tram, tunnel, type, vehicle, zone_maxspeed, zone_traffic,
    count_
};
constexpr std::size_t key_count = static_cast<std::size_t>(Key::count_);

inline constexpr std::array<sv, key_count> key_names{
    "abandoned", "access", "admin_level", "amenity", "area", "barrier", "bicycle", "bicycle_road", "boundary",
    "bridge", "building", "building:levels", "bus", "construction", "crossing", "crossing:markings", "cyclestreet",
    "cycleway", "cycleway:both", "cycleway:both:lane", "cycleway:both:oneway", "cycleway:lane", "cycleway:left",
    "cycleway:left:lane", "cycleway:left:oneway", "cycleway:right", "cycleway:right:lane", "cycleway:right:oneway",
    "foot", "highway", "junction", "lanes", "leisure", "light_rail", "lit", "maxspeed", "maxspeed:backward",
    "maxspeed:forward", "maxspeed:type", "motorroad", "name", "office", "oneway", "oneway:bicycle",
    "psv", "public_transport", "railway", "ramp:bicycle", "ref", "ref:INSEE", "ruins", "segregated", "shop",
    "source:maxspeed", "station", "subway", "surface", "train", "tram", "tunnel", "type", "vehicle", "zone:maxspeed",
    "zone:traffic",
};

constexpr bool sorted(const std::array<sv, key_count>& names) {
    for (std::size_t i = 1; i < names.size(); ++i)
        if (!(names[i - 1] < names[i])) return false;
    return true;
}
static_assert(sorted(key_names), "key_names must be sorted");

// ---- ways: access -------------------------------------------------------------------------------------------------

/// Values of yes/no keys that mean yes.
inline constexpr std::array<sv, 3> yes_values{"yes", "true", "1"};
/// Values of access keys (access, vehicle, bicycle, foot) that let the mode through.
inline constexpr std::array<sv, 9> allowing_values{"yes",          "designated", "permissive",      "destination",
                                                   "official",     "customers",  "dismount",        "use_sidepath",
                                                   "optional_sidepath"};
/// Values of access keys that keep the mode out.
inline constexpr std::array<sv, 8> forbidding_values{"no",       "private",  "agricultural", "forestry",
                                                     "delivery", "military", "emergency",    "permit"};

/// Default access by highway value in France (OSM wiki "OSM tags for routing/Access restrictions", France).
/// Cyclists are allowed in an aire piétonne (code de la route R431-9) and on trunk roads that are not "routes pour
/// automobiles" (motorroad=yes, handled by the class rule).
struct HighwayClass {
    sv osm;
    Highway highway;
    bool bike;
    bool foot;
};
inline constexpr std::array<HighwayClass, 24> highway_classes{{
    {"motorway", Highway::motorway, false, false},       {"motorway_link", Highway::motorway, false, false},
    {"trunk", Highway::trunk, true, true},               {"trunk_link", Highway::trunk, true, true},
    {"primary", Highway::primary, true, true},           {"primary_link", Highway::primary, true, true},
    {"secondary", Highway::secondary, true, true},       {"secondary_link", Highway::secondary, true, true},
    {"tertiary", Highway::tertiary, true, true},         {"tertiary_link", Highway::tertiary, true, true},
    {"unclassified", Highway::unclassified, true, true}, {"residential", Highway::residential, true, true},
    {"living_street", Highway::living_street, true, true}, {"service", Highway::service, true, true},
    {"pedestrian", Highway::pedestrian, true, true},     {"track", Highway::track, true, true},
    {"road", Highway::road, true, true},                 {"busway", Highway::busway, false, false},
    {"cycleway", Highway::cycleway, true, true},         {"footway", Highway::footway, false, true},
    {"path", Highway::path, true, true},                 {"steps", Highway::steps, false, true},
    {"bridleway", Highway::bridleway, false, true},      {"corridor", Highway::corridor, false, true},
}};

/// ramp:bicycle values of a wheeling ramp on steps (a goulotte).
inline constexpr std::array<sv, 6> bicycle_ramp_values{"yes", "true", "1", "both", "left", "right"};

// ---- ways: facilities ---------------------------------------------------------------------------------------------

struct SideValue {
    sv osm;
    Facility facility;
};
/// cycleway[:left|:right|:both]=* on a road -> facility on that side (before contraflow naming). Other values: AUTRE.
inline constexpr std::array<SideValue, 16> side_values{{
    {"track", Facility::piste},
    {"lane", Facility::bande},
    {"opposite_track", Facility::dsc_piste},
    {"opposite_lane", Facility::dsc_bande},
    {"opposite", Facility::dsc_non_materialise},
    {"share_busway", Facility::couloir_bus_velo},
    {"opposite_share_busway", Facility::couloir_bus_velo},
    {"shoulder", Facility::accotement},
    {"shared_lane", Facility::aucun},  // sharrows: no space of its own, not a facility
    {"separate", Facility::aucun},     // mapped as its own way, which carries the facility
    {"no", Facility::aucun},
    {"none", Facility::aucun},
    {"crossing", Facility::aucun},
    {"asl", Facility::aucun},           // sas vélo (advanced stop line) at the lights, not along the way
    {"construction", Facility::aucun},  // not in service yet
    {"proposed", Facility::aucun},      // not built
}};

/// What an opposite* value means on a street that is NOT one-way for motors (a tagging slip): there is no
/// contraflow there, so the facility is read without its "opposite" prefix.
inline constexpr std::array<SideValue, 4> opposite_on_two_way{{
    {"opposite", Facility::aucun},
    {"opposite_lane", Facility::bande},
    {"opposite_track", Facility::piste},
    {"opposite_share_busway", Facility::couloir_bus_velo},
}};

/// Preference when a direction can use facilities on both sides: the calmest one first.
inline constexpr std::array<Facility, 15> ride_preference{
    Facility::piste,      Facility::dsc_piste,        Facility::voie_verte, Facility::velo_rue,
    Facility::mixte_pieton_velo, Facility::goulotte,  Facility::rampe,      Facility::couloir_bus_velo,
    Facility::bande,      Facility::dsc_bande,        Facility::cvcb,       Facility::accotement,
    Facility::autre,      Facility::dsc_non_materialise, Facility::aucun,
};

// ---- ways: regime, speed ------------------------------------------------------------------------------------------

/// Keys whose value may name a zone regime (FR:zone30, FR:20, living_street, zone_rencontre…), in this order.
inline constexpr std::array<Key, 5> regime_keys{Key::zone_maxspeed, Key::source_maxspeed, Key::maxspeed_type,
                                                Key::maxspeed, Key::zone_traffic};
/// Keys of an implicit speed limit ("FR:urban", "FR:zone30"), tried in this order when maxspeed is absent.
inline constexpr std::array<Key, 3> implicit_maxspeed_keys{Key::zone_maxspeed, Key::source_maxspeed, Key::maxspeed_type};

// ---- ways: physical attributes ------------------------------------------------------------------------------------

/// lit=* values that mean the way is lit at night.
inline constexpr std::array<sv, 5> lit_values{"yes", "true", "1", "24/7", "automatic"};

struct SurfaceValue {
    sv osm;
    Surface surface;
};
/// surface=* -> LISSE (smooth), RUGUEUX (rough), MEUBLE (loose). Other values: unknown.
inline constexpr std::array<SurfaceValue, 28> surface_values{{
    {"asphalt", Surface::lisse},        {"concrete", Surface::lisse},       {"paved", Surface::lisse},
    {"concrete:plates", Surface::lisse}, {"concrete:lanes", Surface::lisse}, {"paving_stones", Surface::lisse},
    {"metal", Surface::lisse},          {"wood", Surface::lisse},           {"rubber", Surface::lisse},
    {"tartan", Surface::lisse},
    {"sett", Surface::rugueux},         {"cobblestone", Surface::rugueux},  {"unhewn_cobblestone", Surface::rugueux},
    {"cobblestone:flattened", Surface::rugueux}, {"grass_paver", Surface::rugueux}, {"compacted", Surface::rugueux},
    {"fine_gravel", Surface::rugueux},  {"bricks", Surface::rugueux},
    {"unpaved", Surface::meuble},       {"gravel", Surface::meuble},        {"ground", Surface::meuble},
    {"dirt", Surface::meuble},          {"earth", Surface::meuble},         {"grass", Surface::meuble},
    {"sand", Surface::meuble},          {"mud", Surface::meuble},           {"pebblestone", Surface::meuble},
    {"woodchips", Surface::meuble},
}};

// ---- nodes --------------------------------------------------------------------------------------------------------

/// crossing=* values of a marked crossing: only those earn the crossing-stress discount (docs/traffic-stress.md),
/// as does any crossing:markings=* but "no".
inline constexpr std::array<sv, 4> marked_crossing_values{"marked", "zebra", "uncontrolled", "traffic_signals"};
/// highway=* values that make traffic stop or give way.
inline constexpr std::array<sv, 2> stop_values{"stop", "give_way"};

// ---- buildings ----------------------------------------------------------------------------------------------------
// Default levels when building:levels is absent or unreadable, and the residential share of the floor area, by
// building=* value. "yes" (use unknown) is 60 % residential: in French cities most untyped buildings are housing
// (the cadastre import tags every building "yes"). Values not in the table (bunker, tower, typos…) count as
// other_building: one level, no housing.

struct BuildingType {
    sv value;
    float levels;
    std::uint8_t residential_pct;
};

inline constexpr std::array<BuildingType, 57> building_types{{
    {"yes", 3, 60},  // first: nine buildings out of ten
    // housing
    {"house", 2, 100}, {"detached", 2, 100}, {"semidetached_house", 2, 100}, {"terrace", 2, 100},
    {"apartments", 5, 100}, {"residential", 5, 100}, {"dormitory", 5, 100}, {"bungalow", 1, 100},
    {"farm", 2, 100},  // the farmhouse
    {"cabin", 1, 100}, {"houseboat", 1, 100}, {"static_caravan", 1, 100},
    // no housing
    {"commercial", 4, 0}, {"office", 5, 0}, {"retail", 1, 0}, {"supermarket", 1, 0}, {"kiosk", 1, 0},
    {"hotel", 5, 0}, {"industrial", 1, 0}, {"warehouse", 1, 0}, {"manufacture", 1, 0}, {"school", 2, 0},
    {"kindergarten", 1, 0}, {"college", 3, 0}, {"university", 3, 0}, {"hospital", 4, 0}, {"public", 3, 0},
    {"civic", 2, 0}, {"government", 3, 0}, {"townhall", 2, 0}, {"fire_station", 2, 0}, {"church", 1, 0},
    {"chapel", 1, 0}, {"cathedral", 1, 0}, {"mosque", 1, 0}, {"synagogue", 1, 0}, {"temple", 1, 0},
    {"religious", 1, 0}, {"train_station", 1, 0}, {"transportation", 1, 0}, {"parking", 3, 0}, {"garage", 1, 0},
    {"garages", 1, 0}, {"carport", 1, 0}, {"shed", 1, 0}, {"hut", 1, 0}, {"roof", 1, 0}, {"service", 1, 0},
    {"greenhouse", 1, 0}, {"barn", 1, 0}, {"farm_auxiliary", 1, 0}, {"stable", 1, 0}, {"sports_centre", 1, 0},
    {"sports_hall", 1, 0}, {"stadium", 1, 0}, {"toilets", 1, 0},
}};
inline constexpr BuildingType other_building{"", 1, 0};

/// building=* values of buildings that are not (or no longer, or not yet) there: dropped, as are buildings with
/// abandoned, ruins or construction set to anything but "no".
inline constexpr std::array<sv, 8> lifecycle_values{"construction", "proposed", "abandoned", "ruins",
                                                    "collapsed",    "destroyed", "demolished", "razed"};

/// Buildings smaller than this are dropped (sheds, mapping slips).
constexpr double min_building_m2 = 10.0;

// ---- points of interest -------------------------------------------------------------------------------------------
// First matching rule wins (an object gives at most one POI). An empty value matches any value but "no" and
// "vacant". Objects with access=private or access=no are no POI: private places are nobody's destination.

enum class Needs : std::uint8_t {
    nothing,
    rail_mode,  // train, subway, tram or light_rail = yes
    bus,        // bus = yes
};

struct PoiRule {
    Key key;
    sv value;  // "": any value but no, vacant
    Needs needs;
    PoiKind kind;
};

inline constexpr std::array<PoiRule, 29> poi_rules{{
    {Key::amenity, "bicycle_rental", Needs::nothing, PoiKind::bicycle_rental},
    {Key::railway, "station", Needs::nothing, PoiKind::rail_station},
    {Key::railway, "halt", Needs::nothing, PoiKind::rail_station},
    {Key::public_transport, "station", Needs::rail_mode, PoiKind::rail_station},
    {Key::station, "subway", Needs::nothing, PoiKind::rail_station},
    {Key::railway, "subway_entrance", Needs::nothing, PoiKind::subway_entrance},
    {Key::railway, "train_station_entrance", Needs::nothing, PoiKind::subway_entrance},
    {Key::railway, "tram_stop", Needs::nothing, PoiKind::tram_stop},
    {Key::highway, "bus_stop", Needs::nothing, PoiKind::bus_stop},
    {Key::public_transport, "platform", Needs::bus, PoiKind::bus_stop},
    {Key::public_transport, "stop_position", Needs::bus, PoiKind::bus_stop},
    {Key::amenity, "school", Needs::nothing, PoiKind::school},
    {Key::amenity, "kindergarten", Needs::nothing, PoiKind::school},
    {Key::amenity, "college", Needs::nothing, PoiKind::school},
    {Key::amenity, "university", Needs::nothing, PoiKind::university},
    {Key::amenity, "hospital", Needs::nothing, PoiKind::healthcare},
    {Key::amenity, "clinic", Needs::nothing, PoiKind::healthcare},
    {Key::amenity, "doctors", Needs::nothing, PoiKind::healthcare},
    {Key::amenity, "pharmacy", Needs::nothing, PoiKind::healthcare},
    {Key::amenity, "townhall", Needs::nothing, PoiKind::public_service},
    {Key::amenity, "library", Needs::nothing, PoiKind::public_service},
    {Key::amenity, "post_office", Needs::nothing, PoiKind::public_service},
    {Key::amenity, "community_centre", Needs::nothing, PoiKind::public_service},
    {Key::leisure, "sports_centre", Needs::nothing, PoiKind::sport_leisure},
    {Key::leisure, "stadium", Needs::nothing, PoiKind::sport_leisure},
    {Key::leisure, "swimming_pool", Needs::nothing, PoiKind::sport_leisure},
    {Key::leisure, "park", Needs::nothing, PoiKind::sport_leisure},
    {Key::shop, "", Needs::nothing, PoiKind::shop},
    {Key::office, "", Needs::nothing, PoiKind::workplace},
}};

/// access=* values that make an object no POI.
inline constexpr std::array<sv, 2> private_access_values{"private", "no"};

// A table given more entries than it lists would end in value-initialised ones (an empty value, which for a POI
// rule matches any value): the last entries must be the ones written.
static_assert(!highway_classes.back().osm.empty() && !side_values.back().osm.empty() &&
              !surface_values.back().osm.empty() && !building_types.back().value.empty() &&
              poi_rules.back().key == Key::office, "a table is longer than its entries");

// ---- relations ----------------------------------------------------------------------------------------------------

/// Communes: boundary=administrative relations of these admin_level values (8: communes; 9: the arrondissements of
/// Paris, Lyon, Marseille), of type boundary or multipolygon. Buildings and POIs: relations of type multipolygon.
inline constexpr std::array<sv, 2> commune_admin_levels{"8", "9"};

}  // namespace maillon::importers::tags
