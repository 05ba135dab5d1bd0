// First pages: the cover (territory and data, key figures, sources, contents) and the map of the
// whole territory with its legend.

#include "report_maps.hpp"
#include "report_pages.hpp"

#include "maillon/version.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>

namespace maillon::outputs {
namespace {

std::string file_name(const std::string& path) { return path.empty() ? "" : std::filesystem::path{path}.filename().string(); }

std::string figure(const std::string& value, const std::string& what, const std::string& more) {
    return "<div class=\"figure\"><div class=\"value\">" + value + "</div><div class=\"what\">" + what + "</div><div class=\"more\">" +
           more + "</div></div>";
}

std::string fact(const std::string& label, const std::string& html) {
    return "<tr><th>" + html_escape(label) + "</th><td>" + html + "</td></tr>";
}

const json& row_of(const ReportModel& m, const char* scope) {
    static const json none = json::object();
    for (const auto& r : m.files->indicators["rows"]) {
        if (r.value("scope", "") == scope) return r;
    }
    return none;
}

std::string population_fact(const ReportModel& m) {
    const json& run = m.files->run;
    const json& pop = run.value("population", json::object());
    const std::string source = pop.value("source", "none");
    if (source == "grid") {
        return "Carroyage de l’Insee à 200 m (Filosofi), fichier " + html_escape(file_name(run_input(run, "population"))) + " : " +
               fr_number(pop.value("residents_in_extract", json())) + " habitants dans le territoire, dont " +
               fr_number(pop.value("residents_in_qpv", json())) + " dans les QPV.";
    }
    if (source == "qpv_table") {
        return "Population des QPV (tableau " + html_escape(file_name(run_input(run, "qpv_population"))) +
               ") ; hors QPV, le territoire est compté en surface urbaine.";
    }
    if (source == "qpv_layer") return "Population des QPV lue dans la couche QPV ; hors QPV, le territoire est compté en surface urbaine.";
    return "Aucune source de population : les QPV sont comptés en surface (hectares à 300 m), pas en habitants.";
}

}  // namespace

Page cover_page(const ReportModel& m, const std::vector<std::pair<std::string, std::size_t>>& contents) {
    const json& run = m.files->run;
    const json& counts = run.value("counts", json::object());
    const json& qpv = run.value("qpv", json::object());
    Page p;
    p.section = "Présentation";
    std::string& b = p.body;
    b += "<h1>" + html_escape(m.options.title) + "</h1>";
    b += "<p class=\"subtitle\">" + html_escape(m.options.territory) + "</p>";
    b += "<p class=\"small\">Rapport du " + fr_date(m.options.created_at) + ", établi par maillon " + version_string +
         " à partir de l’analyse du " + fr_date(run.value("created_at", "")) + ".</p>";
    b += "<p class=\"lead\">Ce rapport recense les <b>maillons manquants</b> du réseau cyclable : les tronçons, souvent courts, où "
         "un itinéraire cyclable s’interrompt et impose un détour ou un passage dans la circulation. Ils sont classés par "
         "priorité, d’abord selon les habitants des quartiers prioritaires de la politique de la ville (QPV) qu’ils desservent, "
         "puis selon l’usage qu’ils permettraient. Chaque maillon a sa fiche (carte, rues, aménagement suggéré) ; suivent les "
         "indicateurs des QPV, les synthèses par commune et par quartier, et la méthode avec tous ses paramètres. Les fichiers "
         "de l’analyse (GeoJSON, CSV, GeoPackage pour QGIS) contiennent toutes les valeurs.</p>";

    // Key figures.
    double km_all = 0, km_top = 0;
    for (std::size_t i = 0; i < m.ranked; ++i) {
        const double l = std::isfinite(m.gaps[i].length_m) ? m.gaps[i].length_m / 1000 : 0;
        km_all += l;
        if (i < m.top()) km_top += l;
    }
    const std::size_t data = m.gaps.size() - m.ranked;
    const json& all_qpv = row_of(m, "all_qpv");
    const json& territory = row_of(m, "territory");
    b += "<div class=\"figures\">";
    b += figure(fr_km(number_or_nan(counts.value("network_km", json()))), "de réseau cyclable",
                "en " + fr_number(counts.value("network_components", json())) + " morceaux non reliés entre eux");
    b += figure(fr_number(static_cast<double>(m.ranked)), "maillons manquants à réaliser",
                "repérés parmi " + fr_number(counts.value("candidates", json())) + " candidats ; " +
                    fr_number(static_cast<double>(data)) + " erreurs de données probables à vérifier");
    b += figure(fr_km(km_all), "à aménager en tout",
                "dont " + fr_km(km_top) + " pour les " + std::to_string(m.top()) + " premiers maillons");
    const double in_area = number_or_nan(qpv.value("in_area", json()));
    b += figure(fr_number(in_area), in_area == 1 ? "quartier prioritaire (QPV)" : "quartiers prioritaires (QPV)",
                m.residents ? fr_number(all_qpv.value("residents", json())) + " habitants à portée de marche"
                            : fr_number(all_qpv.value("area_ha", json()), 1) + " ha");
    b += figure(fr_share(all_qpv.value("share_near_network", json())),
                m.residents ? "des habitants des QPV à 300 m du réseau" : "de la surface des QPV à 300 m du réseau",
                "territoire entier : " + fr_share(territory.value("share_near_network", json())) + " (écart " +
                    fr_points(all_qpv.value("diff_points_near_network", json())) + ")");
    if (m.ranked) {
        const ReportGap& g = m.gaps[0];
        b += figure("n° 1", html_escape(streets_text(g.streets, 2)),
                    html_escape(g.class_label) + " · " + fr_length(g.length_m) + " · " + html_escape(m.qpv_figure(g)) + " de QPV à 300 m");
    } else {
        b += figure("0", "maillon classé", "aucun maillon manquant n’a été retenu");
    }
    b += "</div>";

    // Territory and data.
    const json& osm = run.value("osm", json::object());
    const std::string timestamp = osm.value("timestamp", json()).is_string() ? osm["timestamp"].get<std::string>() : "";
    b += "<h3>Territoire et données</h3><table class=\"facts\">";
    b += fact("Données OpenStreetMap", html_escape(osm.value("source", "")) + " — " +
                                           (timestamp.empty() ? "date des données non indiquée dans l’extrait"
                                                              : "données du " + fr_date(timestamp)));
    const PlaneBox& e = m.map->extent();
    const BBox box = m.map->graph().bbox();
    b += fact("Emprise", fr_number(e.width() / 1000, 1) + " km × " + fr_number(e.height() / 1000, 1) + " km (longitudes " +
                             fr_number(box.min_lon, 4) + " à " + fr_number(box.max_lon, 4) + ", latitudes " + fr_number(box.min_lat, 4) +
                             " à " + fr_number(box.max_lat, 4) + ")");
    b += fact("Quartiers prioritaires", "Couche " + html_escape(file_name(run_input(run, "qpv"))) + " : " +
                                            fr_number(qpv.value("count", json())) + " QPV, dont " +
                                            fr_number(qpv.value("in_area", json())) + " dans le territoire.");
    b += fact("Population", population_fact(m));
    if (m.stations) {
        std::map<std::string, int> by_status;
        for (const auto& f : m.files->stations->at("features")) ++by_status[f["properties"].value("status", "")];
        b += fact("Stations vélo", "Vélos en libre-service (" + html_escape(file_name(run_input(run, "stations"))) + ") : " +
                                       std::to_string(by_status["existing"]) + " stations existantes, " +
                                       std::to_string(by_status["planned"]) + " prévues, " + std::to_string(by_status["suggested"]) +
                                       " suggérées.");
    }
    const std::string profile = file_name(run_input(run, "profile"));
    b += fact("Paramètres", profile.empty() ? "Paramètres par défaut de maillon (détail en fin de rapport)."
                                            : "Profil " + html_escape(profile) + " (détail en fin de rapport).");
    b += "</table>";

    std::string credits = "<b>Sources.</b> Fond de carte et réseau : © OpenStreetMap contributors, Open Database License "
                          "(ODbL 1.0). Quartiers prioritaires de la politique de la ville : ANCT, Licence Ouverte 2.0.";
    if (run.value("population", json::object()).value("source", "") == "grid") {
        credits += " Population : « Source : Insee, Filosofi », carroyage à 200 m, Licence Ouverte 2.0.";
    }
    if (m.stations) credits += " Stations : Vélib’ Métropole, ODbL.";
    b += "<div class=\"attribution\">" + credits + "</div>";

    b += "<h3>Sommaire</h3><div class=\"toc\"><ul>";
    for (const auto& [title, page] : contents) {
        b += "<li><span>" + html_escape(title) + "</span><span>" + std::to_string(page) + "</span></li>";
    }
    b += "</ul></div>";
    return p;
}

namespace {

std::string line_swatch(const std::string& color, double width_mm, const std::string& dash, bool casing = false) {
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "<svg width=\"9mm\" height=\"3mm\" viewBox=\"0 0 90 30\">%s<line x1=\"6\" y1=\"15\" x2=\"84\" y2=\"15\" stroke=\"%s\" "
                  "stroke-width=\"%.0f\"%s%s/></svg>",
                  casing ? "<line x1=\"6\" y1=\"15\" x2=\"84\" y2=\"15\" stroke=\"#111\" stroke-width=\"15\" stroke-linecap=\"round\"/>" : "",
                  color.c_str(), width_mm * 10, dash.empty() ? "" : (" stroke-dasharray=\"" + dash + "\"").c_str(),
                  casing ? " stroke-linecap=\"round\"" : "");
    return buf;
}

std::string map_legend(const MapResult& r, const ReportModel& m, bool numbered_top) {
    // Length of each facility over the territory (edges, a two-way street counted once).
    std::vector<double> km(facility_count, 0);
    for (const Chain& c : m.map->chains()) {
        if (c.layer == ChainLayer::network) km[c.style] += c.length_m / 1000;
    }
    std::string network;
    for (const Facility f : r.facilities) {
        const FacilityStyle& s = facility_style(f);
        std::string dash;
        for (const char c : s.dash) dash += c;
        if (!dash.empty()) {  // the web map's pixels, at this swatch's scale
            std::string scaled;
            std::size_t i = 0;
            while (i < dash.size()) {
                const std::size_t j = dash.find(' ', i);
                scaled += (scaled.empty() ? "" : " ") + std::to_string(static_cast<int>(std::stod(dash.substr(i, j - i)) * 2.2));
                if (j == std::string::npos) break;
                i = j + 1;
            }
            dash = scaled;
        }
        network += "<li>" + line_swatch(std::string{s.color}, 0.6, dash) + html_escape(std::string{s.label}) +
                   (numbered_top ? " <span class=\"terms\">" + fr_km(km[static_cast<std::size_t>(f)]) + "</span>" : "") + "</li>";
    }
    std::string gaps;
    for (std::size_t k = 0; k < gap_buckets().size(); ++k) {
        const GapBucket& bk = gap_buckets()[k];
        bool used = bk.id == "data" && r.has_data_issues;
        for (std::size_t i = 0; i < m.top() && !used; ++i) used = gap_bucket(m.gaps[i].rank).id == bk.id;
        if (!used) continue;
        gaps += "<li>" + line_swatch(std::string{bk.color}, 0.9, bk.id == "data" ? "3 9" : "", bk.id != "data") +
                (bk.id == "data" ? "Erreur de données OSM probable" : "Maillon, " + html_escape(std::string{bk.label})) + "</li>";
    }
    std::string other = "<li><svg width=\"9mm\" height=\"3mm\" viewBox=\"0 0 90 30\"><rect x=\"6\" y=\"3\" width=\"78\" height=\"24\" fill=\"" +
                        std::string{qpv_fill} + "\" fill-opacity=\"0.4\" stroke=\"" + std::string{qpv_stroke} +
                        "\" stroke-width=\"3\" stroke-dasharray=\"12 8\"/></svg>Quartier prioritaire (QPV)</li>";
    other += "<li>" + line_swatch("#bbbbbb", 0.5, "") + "Rues et chemins (fond)</li>";
    if (numbered_top) {
        other += "<li><svg width=\"9mm\" height=\"3mm\" viewBox=\"0 0 90 30\"><circle cx=\"45\" cy=\"15\" r=\"13\" fill=\"#d7191c\"/>"
                 "<text x=\"45\" y=\"21\" font-size=\"17\" text-anchor=\"middle\" fill=\"#fff\" font-weight=\"bold\">1</text></svg>"
                 "Rang de priorité</li>";
    }
    if (!m.map->graph().data().commune_name.empty()) other += "<li>" + line_swatch("#8a8a8a", 0.3, "14 5 3 5") + "Limite de commune</li>";
    return "<div class=\"legend\"><div><h4>Réseau cyclable existant</h4><ul>" + network + "</ul></div><div><h4>Maillons manquants</h4><ul>" +
           gaps + "</ul></div><div><h4>Repères</h4><ul>" + other + "</ul></div></div>";
}

}  // namespace

Page overview_page(const ReportModel& m) {
    Page p;
    p.section = "Carte du territoire";
    p.toc = {"Carte du territoire"};
    // As tall as the territory's shape asks, within the page: a wide territory leaves room below.
    const PlaneBox& e = m.map->extent();
    const double height = std::clamp(182 * e.height() / std::max(1.0, e.width()) + 8, 110.0, 200.0);
    const MapResult r = overview_map(m, 182, height);
    p.body = "<h2>Carte du territoire</h2><figure class=\"map-box\">" + r.svg + "</figure>" + map_legend(r, m, true);
    p.body += "<p class=\"note\">Les " + std::to_string(m.top()) + " premiers maillons sont numérotés par rang de priorité" +
              (m.ranked > m.top() ? " (les " + fr_number(static_cast<double>(m.ranked - m.top())) + " suivants ne sont pas dessinés ici)" : "") +
              ". Réseau cyclable selon le schéma national des aménagements cyclables ; rues et chemins d’après OpenStreetMap. "
              "Échelle : 1 mm pour " + fr_number(r.m_per_mm) + " m environ.</p>";
    return p;
}

}  // namespace maillon::outputs
