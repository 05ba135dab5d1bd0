#pragma once
// Edge and node attributes of the routing graph, with their names in the national
// *aménagements cyclables* schema (etalab/amenagements-cyclables, fields ame_d/ame_g,
// regime_d/regime_g, revet_d/revet_g) so that outputs speak the planners' vocabulary.

#include <cstdint>
#include <optional>
#include <string_view>

namespace maillon {

/// Travel modes the graph carries. Walking is needed for Vélib' catchments.
enum class Mode : std::uint8_t { bike = 0, foot = 1 };

/// Bit in the per-direction access mask for a mode.
constexpr std::uint8_t access_bit(Mode m) noexcept { return static_cast<std::uint8_t>(1U << static_cast<unsigned>(m)); }

/// Cycle facility on one side of a way (schema field ame_d / ame_g).
enum class Facility : std::uint8_t {
    aucun = 0,            // AUCUN
    piste,                // PISTE CYCLABLE
    bande,                // BANDE CYCLABLE
    dsc_piste,            // DOUBLE SENS CYCLABLE PISTE
    dsc_bande,            // DOUBLE SENS CYCLABLE BANDE
    dsc_non_materialise,  // DOUBLE SENS CYCLABLE NON MATERIALISE
    voie_verte,           // VOIE VERTE
    velo_rue,             // VELO RUE
    couloir_bus_velo,     // COULOIR BUS+VELO
    rampe,                // RAMPE
    goulotte,             // GOULOTTE
    mixte_pieton_velo,    // AMENAGEMENT MIXTE PIETON VELO HORS VOIE VERTE
    cvcb,                 // CHAUSSEE A VOIE CENTRALE BANALISEE
    accotement,           // ACCOTEMENT REVETU HORS CVCB
    autre,                // AUTRE
    count_
};
constexpr int facility_count = static_cast<int>(Facility::count_);

/// Traffic regime of the street (schema field regime_d / regime_g, subset that matters for cycling).
enum class Regime : std::uint8_t {
    none = 0,        // no special regime known (EN AGGLOMERATION / HORS AGGLOMERATION not derived)
    zone30,          // ZONE 30
    zone_rencontre,  // ZONE DE RENCONTRE (20 km/h, cyclists both ways)
    aire_pietonne,   // AIRE PIETONNE
    count_
};
constexpr int regime_count = static_cast<int>(Regime::count_);

/// The OSM highway class, reduced to what routing and stress need.
enum class Highway : std::uint8_t {
    motorway = 0, trunk, primary, secondary, tertiary, unclassified, residential, living_street,
    service, pedestrian, track, road, busway, cycleway, footway, path, steps, bridleway, corridor,
    count_
};
constexpr int highway_count = static_cast<int>(Highway::count_);

/// Surface in the schema's three classes (revet_d / revet_g).
enum class Surface : std::uint8_t { unknown = 0, lisse, rugueux, meuble, count_ };

/// Schema spelling, e.g. "PISTE CYCLABLE".
std::string_view schema_name(Facility f) noexcept;
/// Short stable key for files and URLs, e.g. "piste".
std::string_view key(Facility f) noexcept;
std::string_view schema_name(Regime r) noexcept;
std::string_view key(Regime r) noexcept;
std::string_view key(Highway h) noexcept;  // the OSM value, e.g. "residential"
std::string_view key(Surface s) noexcept;  // "lisse", ...
std::optional<Highway> highway_from_osm(std::string_view value) noexcept;
std::optional<Facility> facility_from_key(std::string_view k) noexcept;

/// True for every facility except AUCUN: the edge side is part of the cycle network.
constexpr bool is_cycle_facility(Facility f) noexcept { return f != Facility::aucun; }

/// Whether a class carries general motor traffic (used by the stress rules).
constexpr bool is_motor_road(Highway h) noexcept {
    return h <= Highway::living_street || h == Highway::service || h == Highway::road;
}

/// What a point of interest is: trip destinations for the missing-link ranking, transit for
/// Vélib' station siting. Which OSM tags give which kind: the table in importers/src/places.cpp
/// (docs/graph-file.md). Stored as uint8 in graph files: append new kinds before count_ only.
enum class PoiKind : std::uint8_t {
    school = 0,       // amenity=school|kindergarten|college
    university,       // amenity=university
    rail_station,     // railway=station|halt, public_transport=station for train/subway/tram/light_rail, station=subway
    subway_entrance,  // railway=subway_entrance|train_station_entrance
    tram_stop,        // railway=tram_stop
    bus_stop,         // highway=bus_stop, public_transport=platform|stop_position with bus=yes
    shop,             // shop=*
    healthcare,       // amenity=hospital|clinic|doctors|pharmacy
    sport_leisure,    // leisure=sports_centre|stadium|swimming_pool|park
    public_service,   // amenity=townhall|library|post_office|community_centre
    workplace,        // office=*
    bicycle_rental,   // amenity=bicycle_rental (Vélib' stations as mapped)
    other,            // reserved: the OSM importer produces none (POIs from other sources)
    count_
};
constexpr int poi_kind_count = static_cast<int>(PoiKind::count_);

/// Short stable key, e.g. "rail_station".
std::string_view key(PoiKind k) noexcept;
std::optional<PoiKind> poi_kind_from_key(std::string_view k) noexcept;

}  // namespace maillon
