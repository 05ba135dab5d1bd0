#include "maillon/attributes.hpp"

#include <array>

namespace maillon {
namespace {

struct FacilityNames {
    std::string_view schema;
    std::string_view key;
};

// Order follows enum Facility.
constexpr std::array<FacilityNames, facility_count> facility_names{{
    {"AUCUN", "aucun"},
    {"PISTE CYCLABLE", "piste"},
    {"BANDE CYCLABLE", "bande"},
    {"DOUBLE SENS CYCLABLE PISTE", "dsc_piste"},
    {"DOUBLE SENS CYCLABLE BANDE", "dsc_bande"},
    {"DOUBLE SENS CYCLABLE NON MATERIALISE", "dsc_non_materialise"},
    {"VOIE VERTE", "voie_verte"},
    {"VELO RUE", "velo_rue"},
    {"COULOIR BUS+VELO", "couloir_bus_velo"},
    {"RAMPE", "rampe"},
    {"GOULOTTE", "goulotte"},
    {"AMENAGEMENT MIXTE PIETON VELO HORS VOIE VERTE", "mixte_pieton_velo"},
    {"CHAUSSEE A VOIE CENTRALE BANALISEE", "cvcb"},
    {"ACCOTEMENT REVETU HORS CVCB", "accotement"},
    {"AUTRE", "autre"},
}};

constexpr std::array<FacilityNames, regime_count> regime_names{{
    {"", "none"},
    {"ZONE 30", "zone30"},
    {"ZONE DE RENCONTRE", "zone_rencontre"},
    {"AIRE PIETONNE", "aire_pietonne"},
}};

constexpr std::array<std::string_view, highway_count> highway_keys{
    "motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "residential",
    "living_street", "service", "pedestrian", "track", "road", "busway", "cycleway", "footway",
    "path", "steps", "bridleway", "corridor"};

constexpr std::array<std::string_view, 4> surface_keys{"unknown", "lisse", "rugueux", "meuble"};

// Order follows enum PoiKind.
constexpr std::array<std::string_view, poi_kind_count> poi_kind_keys{
    "school", "university", "rail_station", "subway_entrance", "tram_stop", "bus_stop", "shop",
    "healthcare", "sport_leisure", "public_service", "workplace", "bicycle_rental", "other"};

}  // namespace

std::string_view schema_name(Facility f) noexcept { return facility_names.at(static_cast<std::size_t>(f)).schema; }
std::string_view key(Facility f) noexcept { return facility_names.at(static_cast<std::size_t>(f)).key; }
std::string_view schema_name(Regime r) noexcept { return regime_names.at(static_cast<std::size_t>(r)).schema; }
std::string_view key(Regime r) noexcept { return regime_names.at(static_cast<std::size_t>(r)).key; }
std::string_view key(Highway h) noexcept { return highway_keys.at(static_cast<std::size_t>(h)); }
std::string_view key(Surface s) noexcept { return surface_keys.at(static_cast<std::size_t>(s)); }

std::optional<Highway> highway_from_osm(std::string_view value) noexcept {
    for (std::size_t i = 0; i < highway_keys.size(); ++i) {
        if (highway_keys[i] == value) {
            return static_cast<Highway>(i);
        }
    }
    return std::nullopt;
}

std::optional<Facility> facility_from_key(std::string_view k) noexcept {
    for (std::size_t i = 0; i < facility_names.size(); ++i) {
        if (facility_names[i].key == k) {
            return static_cast<Facility>(i);
        }
    }
    return std::nullopt;
}

std::string_view key(PoiKind k) noexcept { return poi_kind_keys.at(static_cast<std::size_t>(k)); }

std::optional<PoiKind> poi_kind_from_key(std::string_view k) noexcept {
    for (std::size_t i = 0; i < poi_kind_keys.size(); ++i) {
        if (poi_kind_keys[i] == k) {
            return static_cast<PoiKind>(i);
        }
    }
    return std::nullopt;
}

}  // namespace maillon
