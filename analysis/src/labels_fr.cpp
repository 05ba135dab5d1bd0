#include "maillon/analysis/labels_fr.hpp"

#include <cmath>
#include <cctype>
#include <cstdio>

namespace maillon::analysis {

std::string_view label_fr(GapClass c) noexcept {
    switch (c) {
        case GapClass::street: return "Rue";
        case GapClass::crossing: return "Traversée";
        case GapClass::bridge: return "Pont ou franchissement";
        case GapClass::tunnel: return "Passage souterrain";
        case GapClass::roundabout: return "Giratoire";
        case GapClass::contraflow: return "Double sens cyclable";
        case GapClass::data: return "Erreur de données probable";
        case GapClass::count_: break;
    }
    return "";
}

std::string_view label_fr(Treatment t) noexcept {
    switch (t) {
        case Treatment::fix_data: return "Vérifier les données OSM (réseau non raccordé ou aménagement non renseigné)";
        case Treatment::barrier_crossing: return "Franchissement à créer (passerelle, passage ou percée)";
        case Treatment::bridge_facility: return "Pont : aménagement cyclable sur l'ouvrage ou passerelle";
        case Treatment::tunnel_facility: return "Passage souterrain : aménagement cyclable à créer";
        case Treatment::ring_track: return "Giratoire : piste cyclable annulaire séparée";
        case Treatment::contraflow: return "Double sens cyclable dans la rue à sens unique";
        case Treatment::safe_crossing: return "Traversée cyclable sécurisée (plateau, îlot ou feux)";
        case Treatment::crossing_marking: return "Traversée cyclable (marquage de continuité)";
        case Treatment::open_path: return "Ouvrir aux vélos : voie verte ou aménagement mixte piéton-vélo";
        case Treatment::meeting_zone: return "Zone de rencontre : jalonner la continuité cyclable";
        case Treatment::separated_track: return "Piste cyclable séparée (vitesse > 50 km/h ou axe principal)";
        case Treatment::track_or_lane: return "Piste cyclable ou bande cyclable (50 km/h)";
        case Treatment::calm_street: return "Circulation apaisée : zone 30, vélorue ou marquage de continuité";
        case Treatment::count_: break;
    }
    return "";
}

std::string_view label_fr(DataIssue d) noexcept {
    switch (d) {
        case DataIssue::undershoot: return "une voie cyclable s'arrête à quelques mètres d'une autre voie sans y être raccordée";
        case DataIssue::pieces_apart: return "deux tronçons du réseau cyclable sont à quelques mètres l'un de l'autre sans être reliés";
        case DataIssue::untagged_track: return "un chemin ouvert aux vélos prolonge le réseau en ligne droite : piste cyclable non renseignée ?";
        case DataIssue::unknown_facility: return "un aménagement cyclable est renseigné avec une valeur illisible";
        case DataIssue::none: break;
    }
    return "";
}

std::string count_fr(double n) {
    std::string digits = std::to_string(static_cast<long long>(std::llround(n)));
    const bool negative = !digits.empty() && digits[0] == '-';
    if (negative) digits.erase(0, 1);
    for (auto i = static_cast<long>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), "\u00A0");
    return (negative ? "-" : "") + digits;
}

std::string count_noun_fr(double n, std::string_view singular, std::string_view plural) {
    return count_fr(n) + "\u00A0" + std::string{std::llround(n) < 2 ? singular : plural};
}

std::string distance_fr(double metres) {
    if (metres >= 1000) {
        char s[32];
        std::snprintf(s, sizeof s, "%.1f", metres / 1000.0);
        std::string out = s;
        for (char& c : out) c = c == '.' ? ',' : c;
        if (out.size() > 2 && out.compare(out.size() - 2, 2, ",0") == 0) out.resize(out.size() - 2);
        return out + "\u00A0km";
    }
    const double rounded = metres >= 100 ? std::round(metres / 10) * 10 : std::round(metres);
    return count_fr(rounded) + "\u00A0m";
}

std::string reason_fr(const Gap& gap, const std::vector<std::string>& qpv_names, bool residents_known) {
    if (gap.gap_class == GapClass::data) {
        std::string what{label_fr(gap.data_issue)};
        if (!what.empty()) what[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(what[0])));
        return "Erreur de données probable : " + what + " (" + distance_fr(gap.length_m) + ").";
    }
    std::string out = gap.joins_components ? "Relie deux tronçons séparés de " + distance_fr(gap.length_m)
                                           : "Comble une coupure de " + distance_fr(gap.length_m) + " du réseau";
    std::string where;
    for (std::size_t i = 0; i < qpv_names.size(); ++i) {
        where += (i == 0 ? "" : i + 1 == qpv_names.size() ? " et " : ", ") + qpv_names[i];
    }
    if (!qpv_names.empty()) {
        if (residents_known && std::isfinite(gap.qpv_residents) && gap.qpv_residents >= 1) {
            out += ", dessert " + count_fr(gap.qpv_residents) + "\u00A0habitants de " + where;
        } else {
            out += std::string{", dessert le"} + (qpv_names.size() > 1 ? "s QPV " : " QPV ") + where;
        }
    }
    if (gap.joins_components) {
        // Separate pieces: no route along the network by definition.
    } else if (!std::isfinite(gap.network_distance_m)) {
        out += ", là où le réseau n'offre aucun itinéraire proche";
    } else if (gap.detour_removed_m >= 100) {
        out += ", évite un détour de " + distance_fr(gap.detour_removed_m);
    }
    return out + ".";
}

}  // namespace maillon::analysis
