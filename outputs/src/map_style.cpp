#include "map_style.hpp"

#include <array>

namespace maillon::outputs {
namespace {

// Same order, keys, labels, colours and dashes as FACILITIES in web-static/js/labels.js.
constexpr std::array<FacilityStyle, 14> facilities{{
    {"piste", "Piste cyclable", "#1b7837", ""},
    {"dsc_piste", "Double sens cyclable – piste", "#5aae61", "8 5"},
    {"bande", "Bande cyclable", "#2166ac", ""},
    {"dsc_bande", "Double sens cyclable – bande", "#5c9fd6", "8 5"},
    {"voie_verte", "Voie verte", "#01665e", ""},
    {"velo_rue", "Vélorue", "#762a83", ""},
    {"couloir_bus_velo", "Couloir bus + vélo", "#8c510a", ""},
    {"mixte_pieton_velo", "Aménagement mixte piéton-vélo", "#35978f", "3 4"},
    {"rampe", "Rampe", "#555555", ""},
    {"goulotte", "Goulotte", "#555555", "3 4"},
    {"cvcb", "Chaussée à voie centrale banalisée", "#9e6b00", "8 5"},
    {"accotement", "Accotement revêtu", "#777777", "8 5"},
    {"dsc_non_materialise", "Double sens cyclable non matérialisé", "#777777", "2 4"},
    {"autre", "Autre aménagement", "#555555", "2 4"},
}};
constexpr FacilityStyle fallback{"", "Aménagement", "#555555", ""};

constexpr std::array<GapBucket, 4> buckets{{
    {"top10", "Rangs 1 à 10", "#d7191c"},
    {"top50", "Rangs 11 à 50", "#f07800"},
    {"rest", "Rang 51 et au-delà", "#b2188f"},
    {"data", "Erreur de données OSM", "#4d4d4d"},
}};

}  // namespace

const FacilityStyle& facility_style(std::string_view k) noexcept {
    for (const FacilityStyle& s : facilities) {
        if (s.key == k) return s;
    }
    return fallback;
}

const FacilityStyle& facility_style(Facility f) noexcept { return facility_style(key(f)); }

const GapBucket& gap_bucket(unsigned rank) noexcept {
    if (rank == 0) return buckets[3];
    return rank <= 10 ? buckets[0] : rank <= 50 ? buckets[1] : buckets[2];
}

const std::array<GapBucket, 4>& gap_buckets() noexcept { return buckets; }

StreetGroup street_group(Highway h) noexcept {
    switch (h) {
        case Highway::motorway: case Highway::trunk: case Highway::primary: return StreetGroup::major;
        case Highway::secondary: case Highway::tertiary: return StreetGroup::secondary;
        case Highway::unclassified: case Highway::residential: case Highway::living_street: case Highway::road:
        case Highway::busway: case Highway::pedestrian: return StreetGroup::local;
        case Highway::service: case Highway::track: return StreetGroup::service;
        default: return StreetGroup::path;
    }
}

double street_group_max_m_per_mm(StreetGroup g) noexcept {
    switch (g) {
        case StreetGroup::major: return 1e9;
        case StreetGroup::secondary: return 250;
        case StreetGroup::local: return 40;
        case StreetGroup::service: return 12;
        case StreetGroup::path: case StreetGroup::count_: break;
    }
    return 8;
}

}  // namespace maillon::outputs
