#include "maillon/analysis/labels_fr.hpp"

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

}  // namespace maillon::analysis
