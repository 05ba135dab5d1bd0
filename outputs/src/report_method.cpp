// The method in plain French, with every parameter of the run (run.json `parameters`).

#include "report_pages.hpp"

#include <cmath>
#include <map>

namespace maillon::outputs {
namespace {

struct ParamText {
    const char* label;
    const char* unit;  // "m", "%" (a share 0–1 shown as a percentage), "" …
};

/// French names of the profile's parameters (docs/ranking.md, "Profile"); a key missing here (a
/// newer parameter) is shown as it is spelled in run.json.
const std::map<std::string, ParamText>& param_texts() {
    static const std::map<std::string, ParamText> t{
        {"network.facilities", {"Aménagements qui forment le réseau cyclable", ""}},
        {"network.low_stress_streets_max_lts", {"Rues apaisées comptées dans le réseau (stress maximal ; 0 : aucune)", ""}},
        {"gaps.max_gap_m", {"Longueur maximale d’un maillon", "m"}},
        {"gaps.detour_factor", {"Détour par le réseau à partir duquel une liaison manque (× sa longueur)", "×"}},
        {"gaps.min_detour_m", {"Détour minimal absolu", "m"}},
        {"gaps.close_far_straight_m", {"Liaison directe : écart maximal à vol d’oiseau", "m"}},
        {"gaps.close_far_network_m", {"Liaison directe : distance minimale par le réseau", "m"}},
        {"gaps.min_benefit_share", {"Seuil d’usage : part la plus fréquentée du réseau potentiel", "%"}},
        {"gaps.min_benefit", {"Seuil d’usage absolu (0 : la part ci-dessus)", ""}},
        {"gaps.decluster_m", {"Deux maillons aux extrémités plus proches sont un seul projet", "m"}},
        {"gaps.data_error_m", {"Interruption en deçà de laquelle c’est une erreur de données", "m"}},
        {"gaps.untagged_track_angle_deg", {"Piste non renseignée : angle maximal avec le réseau", "°"}},
        {"gaps.junction_m", {"Jonction simple (couche secondaire) : longueur maximale", "m"}},
        {"coverage.walk_m", {"Distance de desserte à pied", "m"}},
        {"coverage.point_spacing_m", {"Espacement des points de population", "m"}},
        {"coverage.snap_max_m", {"Distance maximale d’un point de population à une voie", "m"}},
        {"coverage.spread_step_m", {"Pas de répartition des habitants le long des voies", "m"}},
        {"coverage.max_points", {"Nombre maximal de points de population", ""}},
        {"coverage.max_beyond_reach_share", {"Part de population hors de portée qui déclenche une alerte", "%"}},
        {"benefit.trip_radius_m", {"Longueur maximale des itinéraires comptés dans l’usage", "m"}},
        {"benefit.betweenness_budget_mnodes", {"Budget du calcul exact de l’usage (millions de nœuds)", ""}},
        {"benefit.origins", {"Origines de trajets tirées au sort", ""}},
        {"benefit.seed", {"Graine du tirage au sort", ""}},
        {"ranking.w_qpv", {"Poids Q : habitants des QPV desservis", ""}},
        {"ranking.w_benefit", {"Poids U : usage", ""}},
        {"ranking.w_trips", {"Poids T : trajets vers les lieux du quotidien", ""}},
        {"ranking.w_detour", {"Poids D : détour évité", ""}},
        {"ranking.w_network", {"Poids R : réseau raccordé", ""}},
        {"ranking.cost_length_ref_m", {"Longueur de référence du coût", "m"}},
        {"ranking.cost_exponent", {"Exposant du coût (0 : le coût ne divise pas le score)", ""}},
        {"ranking.factor_street", {"Facteur de coût : rue", ""}},
        {"ranking.factor_crossing", {"Facteur de coût : traversée", ""}},
        {"ranking.factor_contraflow", {"Facteur de coût : double sens cyclable", ""}},
        {"ranking.factor_roundabout", {"Facteur de coût : giratoire", ""}},
        {"ranking.factor_bridge", {"Facteur de coût : pont ou passage souterrain", ""}},
    };
    return t;
}

std::string plain_number(double v) {
    // As few decimals as the value needs, up to three.
    for (int d = 0; d <= 3; ++d) {
        if (std::fabs(v * std::pow(10, d) - std::round(v * std::pow(10, d))) < 1e-9) return fr_number(v, d);
    }
    return fr_number(v, 3);
}

std::string value_text(const json& v, const char* unit) {
    if (v.is_array()) {
        std::string s;
        for (const auto& x : v) {
            const std::string k = x.is_string() ? x.get<std::string>() : x.dump();
            s += (s.empty() ? "" : ", ") + std::string{facility_style(k).key.empty() ? k : facility_style(k).label};
        }
        return s.empty() ? "aucun" : s;
    }
    if (v.is_boolean()) return v.get<bool>() ? "oui" : "non";
    if (!v.is_number()) return v.is_string() ? v.get<std::string>() : v.dump();
    const std::string u = unit;
    if (u == "%") return plain_number(100 * v.get<double>()) + " %";
    return plain_number(v.get<double>()) + (u.empty() ? "" : u == "×" ? " ×" : u == "°" ? "°" : " " + u);
}

std::string param(const json& p, const char* section, const char* key) {
    const json& s = p.value(section, json::object());
    const auto it = param_texts().find(std::string{section} + "." + key);
    return s.contains(key) ? value_text(s[key], it == param_texts().end() ? "" : it->second.unit) : "—";
}

}  // namespace

std::vector<Page> method_pages(const ReportModel& m) {
    const json& run = m.files->run;
    const json& p = run["parameters"];
    const json& counts = run.value("counts", json::object());
    const json& benefit = run.value("benefit", json::object());
    Page page;
    page.section = "Méthode";
    page.toc = {"Méthode"};
    std::string& b = page.body;
    b += "<div class=\"method\"><h2>Méthode</h2>";
    b += "<h3>Le réseau cyclable</h3><p>Le réseau est lu dans OpenStreetMap et décrit selon le schéma national des aménagements "
         "cyclables : une voie en fait partie quand un cycliste peut l’emprunter, dans un sens au moins, sur l’un de ces "
         "aménagements : " + html_escape(param(p, "network", "facilities")) + ". Il compte ici " +
         fr_km(number_or_nan(counts.value("network_km", json()))) + " en " + fr_number(counts.value("network_components", json())) +
         " morceaux qui ne se touchent pas.</p>";
    b += "<h3>Repérer les maillons manquants</h3><p>La méthode est celle de Vybornova, Cunha, Gühnemann et Szell (<i>Automated "
         "detection of missing links in bicycle networks</i>, Geographical Analysis, 2022). Depuis chaque point où une rue touche le "
         "réseau, maillon cherche le plus court chemin par les rues, les chemins et les rues à sens unique (à ouvrir en double sens) "
         "vers un autre point du réseau, sans emprunter le réseau. Ce chemin est un maillon manquant quand le réseau impose un détour "
         "d’au moins " + param(p, "gaps", "detour_factor") + " sa longueur, ou ne relie pas les deux points ; un maillon mesure au plus " +
         param(p, "gaps", "max_gap_m") + ". S’y ajoutent les liaisons directes à créer (passerelle, percée) entre deux points du "
         "réseau distants de moins de " + param(p, "gaps", "close_far_straight_m") + " à vol d’oiseau mais de plus de " +
         param(p, "gaps", "close_far_network_m") + " par le réseau, là où aucune voie ne les relie. " +
         fr_number(counts.value("candidates", json())) + " candidats ont été trouvés.</p>";
    b += "<h3>Garder les maillons utiles</h3><p>L’usage d’un maillon est le nombre de couples de carrefours dont l’itinéraire le plus "
         "court, de " + param(p, "benefit", "trip_radius_m") + " au plus, l’emprunterait sur le réseau complété. Ne sont retenus que les "
         "maillons dont l’usage atteint celui des " + param(p, "gaps", "min_benefit_share") + " les plus fréquentés du réseau " +
         "potentiel (seuil : " + fr_number(benefit.value("cut", json())) + " couples" +
         (benefit.value("exact", true) ? "" : ", estimé sur un échantillon d’origines") + "). Les candidats qui décrivent le même "
         "projet sont regroupés ; les autres (" + fr_number(counts.value("secondary", json())) + ") restent dans la couche secondaire "
         "candidates.geojson. Chaque maillon reçoit une classe (rue, traversée, pont, giratoire, double sens cyclable…) et un "
         "aménagement suggéré selon la vitesse, le trafic et le niveau de stress de la voie.</p>";
    b += "<h3>Classer</h3><p>Chaque maillon reçoit un score, somme pondérée de cinq termes ramenés entre 0 et 1 (1 pour le plus fort "
         "du territoire) : Q, les " + html_escape(m.residents ? "habitants" : "surfaces") + " des QPV à moins de " +
         param(p, "coverage", "walk_m") + " à pied du maillon ; U, son usage ; T, les trajets tirés au sort (" +
         param(p, "benefit", "origins") + " origines, vers les écoles, gares, commerces et services) qui l’empruntent ; D, le détour "
         "qu’il évite ; R, le réseau qu’il raccorde.</p><div class=\"formula\">score = " +
         param(p, "ranking", "w_qpv") + " × Q + " + param(p, "ranking", "w_benefit") + " × U + " + param(p, "ranking", "w_trips") +
         " × T + " + param(p, "ranking", "w_detour") + " × D + " + param(p, "ranking", "w_network") + " × R</div>";
    b += "<h3>Population et quartiers prioritaires</h3><p>" + html_escape(m.files->indicators.value("note", "")) +
         " La desserte se mesure à pied, le long des voies, jusqu’à " + param(p, "coverage", "walk_m") +
         " ; les indicateurs comparent la part de la population des QPV ainsi desservie à celle du territoire entier.</p>";
    b += "<h3>Limites</h3><p>Le résultat vaut ce que vaut la carte OpenStreetMap : un aménagement absent de la carte crée un faux "
         "maillon (les erreurs de données probables sont listées à part), un aménagement mal décrit peut en masquer un vrai. Les "
         "aménagements suggérés sont une première orientation, à confirmer par une étude sur place (emprise, stationnement, "
         "transports en commun). Toutes les valeurs de ce rapport sont dans les fichiers de l’analyse (gaps.geojson, gaps.csv, "
         "indicators.json, run.json, results.gpkg), qui permettent de refaire le classement avec d’autres poids.</p></div>";

    // Every parameter, in run.json's order.
    std::vector<std::string> rows;
    for (const auto& [section, values] : p.items()) {
        if (!values.is_object()) continue;
        for (const auto& [key, v] : values.items()) {
            const auto it = param_texts().find(section + "." + key);
            // A long list (the network's facilities) is spelled out in the method above.
            const std::string value = v.is_array() && v.size() > 3 ? std::to_string(v.size()) + " aménagements, cités ci-dessus"
                                                                   : value_text(v, it == param_texts().end() ? "" : it->second.unit);
            rows.push_back("<tr>" + clamp_cell(html_escape(it == param_texts().end() ? section + "." + key : it->second.label)) +
                           clamp_cell("<code>" + html_escape(section + "." + key) + "</code>") + clamp_cell(html_escape(value)) + "</tr>");
        }
    }
    std::vector<Page> pages{page};
    auto params = table_pages("Méthode", "Paramètres de l’analyse",
                              "<p>Valeurs utilisées par cette analyse (run.json, « parameters ») ; un profil JSON "
                              "(<code>maillon analyze --profile</code>) les modifie.</p>",
                              "<colgroup><col style=\"width:50%\"><col style=\"width:36%\"><col style=\"width:14%\"></colgroup>"
                              "<thead><tr><th>Paramètre</th><th>Clé</th><th>Valeur</th></tr></thead>",
                              rows, RowSize::compact);
    for (auto& pp : params) {
        pp.toc.clear();
        pages.push_back(std::move(pp));
    }
    return pages;
}

}  // namespace maillon::outputs
