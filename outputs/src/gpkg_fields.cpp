#include "gpkg_fields.hpp"

#include <array>
#include <utility>

namespace maillon::outputs {
namespace {

using Alias = std::pair<std::string_view, std::string_view>;

// Shared by every layer that has the field; labels as on the web map (web-static/js/labels.js).
constexpr std::array<Alias, 44> common{{
    {"rank", "Rang"}, {"score", "Score"}, {"class", "Type de maillon"}, {"kind", "Détection"}, {"id", "Identifiant"},
    {"data_issue", "Erreur de données"}, {"length_m", "Longueur (m)"}, {"benefit", "Usage (couples de carrefours)"},
    {"qpv_pop", "Habitants QPV à 300 m"}, {"qpv_weight", "Poids QPV à 300 m"}, {"weight_unit", "Unité de population"},
    {"qpv_codes", "Codes QPV"}, {"qpv_names", "QPV desservis"}, {"all_weight", "Poids total à 300 m"},
    {"all_pop", "Habitants à 300 m (QPV ou non)"}, {"trips", "Trajets échantillonnés"}, {"detour_removed_m", "Détour évité (m)"},
    {"network_distance_m", "Distance actuelle par le réseau (m)"}, {"network_km_joined", "Réseau cyclable raccordé (km)"},
    {"joins_components", "Relie deux morceaux du réseau"}, {"street_names", "Rues"}, {"commune", "Commune"},
    {"highway", "Type de voie (OSM)"}, {"maxspeed_kmh", "Vitesse max (km/h)"}, {"lanes", "Voies de circulation"},
    {"max_lts", "Niveau de stress (LTS)"}, {"crossing_lts", "Stress de la traversée (LTS)"},
    {"treatment_key", "Aménagement suggéré (clé)"}, {"treatment", "Aménagement suggéré"}, {"qpv_term", "Score : terme QPV"},
    {"benefit_term", "Score : terme usage"}, {"trips_term", "Score : terme trajets"}, {"detour_term", "Score : terme détour"},
    {"network_term", "Score : terme réseau"}, {"cost", "Score : coût relatif"}, {"merged_candidates", "Candidats regroupés"},
    {"from_osm_node", "Nœud OSM de départ"}, {"to_osm_node", "Nœud OSM d’arrivée"}, {"status", "Statut"},
    {"reason_fr", "Pourquoi ce maillon"}, {"name", "Nom"}, {"code", "Code"}, {"facility", "Aménagement (schéma national)"},
    {"facility_key", "Aménagement (clé)"},
}};

constexpr std::array<Alias, 5> network{{
    {"lts", "Niveau de stress (LTS)"}, {"name", "Nom de la voie"}, {"highway", "Type de voie (OSM)"},
    {"length_m", "Longueur (m)"}, {"way_id", "Voie OSM"},
}};

constexpr std::array<Alias, 20> stations{{
    {"station_id", "Identifiant de la station"}, {"name", "Nom de la station"}, {"capacity", "Capacité (bornettes)"},
    {"installed", "Installée"}, {"in_area", "Dans le territoire"}, {"marginal_qpv_pop", "Habitants QPV gagnés"},
    {"marginal_qpv_weight", "Poids QPV gagné"}, {"standalone_qpv_pop", "Habitants QPV à 300 m"},
    {"standalone_qpv_weight", "Poids QPV à 300 m"}, {"standalone_all_weight", "Poids total à 300 m"},
    {"marginal_all_weight", "Poids total gagné"}, {"nearest_existing_station_m", "Station existante la plus proche (m)"},
    {"nearest_transit_m", "Transport en commun le plus proche (m)"}, {"on_main_axis", "Sur un axe principal"},
    {"distance_to_cycle_network_m", "Distance au réseau cyclable (m)"}, {"snap_m", "Distance à la voie (m)"},
    {"rank", "Rang"}, {"status", "Statut"}, {"qpv_codes", "Codes QPV"}, {"qpv_names", "QPV à 300 m"},
}};

constexpr std::array<Alias, 31> qpv{{
    {"code", "Code QPV"}, {"name", "Nom du QPV"}, {"commune", "Commune"}, {"scope", "Portée"},
    {"residents", "Habitants à portée de marche"}, {"residents_near_network", "Habitants à 300 m du réseau cyclable"},
    {"residents_near_low_stress", "Habitants à 300 m d’un aménagement apaisé"}, {"residents_near_station", "Habitants à 300 m d’une station"},
    {"residents_beyond_reach", "Habitants hors de portée"}, {"residents_declared", "Population déclarée"},
    {"qpv_covered_share", "Part du QPV dans le territoire"}, {"share_of", "Parts calculées sur"}, {"weight", "Poids"},
    {"area_ha", "Surface (ha)"}, {"share_near_network", "Part à 300 m du réseau cyclable"},
    {"share_near_network_territory", "Part à 300 m du réseau (territoire)"}, {"diff_points_near_network", "Écart réseau (points)"},
    {"share_near_low_stress", "Part à 300 m d’un aménagement apaisé"},
    {"share_near_low_stress_territory", "Part aménagement apaisé (territoire)"},
    {"diff_points_near_low_stress", "Écart aménagement apaisé (points)"}, {"share_near_station", "Part à 300 m d’une station"},
    {"share_near_station_territory", "Part station (territoire)"}, {"diff_points_near_station", "Écart station (points)"},
    {"km_network_inside", "Réseau cyclable dans le QPV (km)"}, {"km_network_within", "Réseau cyclable à 300 m (km)"},
    {"top_gaps", "Meilleurs maillons (rangs)"}, {"partial", "QPV en partie hors du territoire"},
    {"residents_outside_area", "Habitants hors du territoire"}, {"note", "Remarque"}, {"qpv_pop", "Habitants QPV"},
    {"weight_unit", "Unité de population"},
}};

// Numbers that are null in some runs (docs/data-dictionary.md: "a number or null"): a layer where
// every value is null must still type them as numbers, so that a field has one type in every file.
constexpr std::array<std::string_view, 17> nullable_numbers{{
    "qpv_pop", "all_pop", "maxspeed_kmh", "lanes", "crossing_lts", "residents_declared", "residents_outside_area",
    "residents_beyond_reach", "qpv_covered_share", "qpv_reached_share", "diff_points_near_network",
    "diff_points_near_low_stress", "diff_points_near_station", "nearest_existing_station_m", "nearest_transit_m",
    "distance_to_cycle_network_m", "share_near_station",
}};

template <std::size_t N>
std::string_view find(const std::array<Alias, N>& table, std::string_view field) noexcept {
    for (const auto& [k, v] : table) {
        if (k == field) return v;
    }
    return "";
}

}  // namespace

std::string_view field_alias(std::string_view layer, std::string_view field) noexcept {
    std::string_view specific;
    if (layer == "network") specific = find(network, field);
    else if (layer == "stations") specific = find(stations, field);
    else if (layer == "qpv") specific = find(qpv, field);
    return specific.empty() ? find(common, field) : specific;
}

bool nullable_number(std::string_view field) noexcept {
    for (const std::string_view f : nullable_numbers) {
        if (f == field) return true;
    }
    return false;
}

}  // namespace maillon::outputs
