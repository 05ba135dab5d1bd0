// The report's tables and map cards: the ranked gaps, one map per top gap, the QPV indicators,
// the stations, the per-commune and per-QPV summaries and the data issues.

#include "report_maps.hpp"
#include "report_pages.hpp"
#include "report_summary.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

namespace maillon::outputs {
namespace {

constexpr std::size_t cards_per_page = 6;

std::string rank_badge(unsigned rank) {
    return "<span class=\"rank\" style=\"background:" + std::string{gap_bucket(rank).color} + "\">" +
           (rank ? std::to_string(rank) : "—") + "</span>";
}

std::string td(const std::string& html, const char* css = "") {
    return std::string{"<td"} + (*css ? std::string{" class=\""} + css + "\"" : "") + ">" + html + "</td>";
}

std::string head(const std::vector<std::pair<std::string, double>>& cols) {
    std::string cg = "<colgroup>", th = "<thead><tr>";
    for (const auto& [label, width] : cols) {
        char w[32];
        std::snprintf(w, sizeof w, "%.1f%%", width);
        cg += std::string{"<col style=\"width:"} + w + "\">";
        const bool num = !label.empty() && label[0] == '#';
        th += std::string{"<th"} + (num ? " class=\"num\"" : "") + ">" + (num ? label.substr(1) : label) + "</th>";
    }
    return cg + "</colgroup>" + th + "</tr></thead>";
}

std::string ranks_text(const std::vector<unsigned>& ranks, std::size_t most = 5) {
    std::string s;
    for (std::size_t i = 0; i < ranks.size() && i < most; ++i) s += (i ? ", " : "") + std::to_string(ranks[i]);
    if (ranks.size() > most) s += "…";
    return s.empty() ? "—" : s;
}

/// French for gaps.geojson `data_issue` (docs/gaps.md, "Classify").
std::string data_issue_label(const std::string& k) {
    if (k == "undershoot") return "Voie cyclable arrêtée à quelques mètres d’une autre, sans jonction";
    if (k == "pieces_apart") return "Deux morceaux du réseau à quelques mètres, non reliés";
    if (k == "untagged_track") return "Piste probablement non renseignée (chemin dans le prolongement du réseau)";
    if (k == "unknown_facility") return "Aménagement décrit par une étiquette illisible";
    return k.empty() ? "—" : k;
}

std::string weights_text(const ReportModel& m) {
    const json& w = m.files->run["parameters"].value("ranking", json::object());
    return fr_number(w.value("w_qpv", json()), 1) + " × Q + " + fr_number(w.value("w_benefit", json()), 1) + " × U + " +
           fr_number(w.value("w_trips", json()), 1) + " × T + " + fr_number(w.value("w_detour", json()), 1) + " × D + " +
           fr_number(w.value("w_network", json()), 1) + " × R";
}

}  // namespace

std::vector<Page> gap_table_pages(const ReportModel& m) {
    const std::string qpv_head = m.residents ? "#Hab. QPV à 300 m" : m.weight_unit == "m2_floor" ? "#m² plancher QPV" : "#ha de QPV à 300 m";
    const std::string cols = head({{"N°", 5.5}, {"Type", 9.5}, {"Rue(s)", 20}, {"Commune", 11}, {"#Longueur", 7.5},
                                   {qpv_head, 8.5}, {"Aménagement suggéré", 21}, {"Score et termes", 17}});
    std::vector<std::string> rows;
    for (std::size_t i = 0; i < m.top(); ++i) {
        const ReportGap& g = m.gaps[i];
        const std::string qpv_value = m.residents ? fr_number(g.qpv_pop) : fr_number(g.qpv_weight, m.weight_unit == "ha" ? 1 : 0);
        char terms[160];
        std::snprintf(terms, sizeof terms, "Q %s · U %s · T %s · D %s · R %s", fr_number(g.qpv_term, 2).c_str(),
                      fr_number(g.benefit_term, 2).c_str(), fr_number(g.trips_term, 2).c_str(), fr_number(g.detour_term, 2).c_str(),
                      fr_number(g.network_term, 2).c_str());
        rows.push_back("<tr data-rank=\"" + std::to_string(g.rank) + "\">" + td(rank_badge(g.rank)) + clamp_cell(html_escape(g.class_label)) +
                       clamp_cell(html_escape(streets_text(g.streets, 3))) + clamp_cell(html_escape(g.commune.empty() ? "—" : g.commune)) +
                       td(fr_length(g.length_m), "num") + td(qpv_value, "num") + clamp_cell(html_escape(g.treatment)) +
                       clamp_cell("<b>" + fr_number(g.score, 2) + "</b><br><span class=\"terms\">" + terms + "</span>"));
    }
    const std::string intro =
        "<p>Les " + std::to_string(m.top()) + " maillons manquants les mieux classés sur " + fr_number(static_cast<double>(m.ranked)) +
        ", par ordre de priorité. " + html_escape(m.qpv_figure_label()) + " : à pied, le long des voies, depuis un point du maillon. "
        "Termes du score, de 0 à 1 (1 = le plus fort du territoire) : Q habitants des QPV desservis, U usage (itinéraires de moins "
        "de 2,5 km qui l’emprunteraient), T trajets vers les lieux du quotidien, D détour évité, R réseau raccordé ; score = " +
        weights_text(m) + ".</p>";
    if (m.top() == 0) {
        return {Page{"Maillons prioritaires", {"Maillons prioritaires"},
                     "<h2>Maillons prioritaires</h2><p>Aucun maillon manquant n’a été retenu sur ce territoire.</p>", 30}};
    }
    return table_pages("Maillons prioritaires", "Maillons prioritaires", intro, cols, rows, RowSize::tall);
}

std::vector<Page> gap_map_pages(const ReportModel& m) {
    std::vector<Page> pages;
    for (std::size_t first = 0; first < m.top(); first += cards_per_page) {
        const std::size_t last = std::min(m.top(), first + cards_per_page);
        Page p;
        p.section = "Fiches des maillons";
        if (first == 0) p.toc.push_back("Fiches des maillons");
        p.body = "<h2>Fiches des maillons " + std::to_string(first + 1) + " à " + std::to_string(last) +
                 "</h2><p class=\"small card-legend\">Le maillon de la fiche en trait épais, les maillons voisins en trait fin, le "
                 "réseau cyclable et les QPV comme sur la carte du territoire (légende page 2) ; un cercle signale un maillon trop "
                 "court pour l’échelle.</p><div class=\"cards\">";
        for (std::size_t i = first; i < last; ++i) {
            const ReportGap& g = m.gaps[i];
            const MapResult r = gap_map(m, i, 88, 58);
            std::string qpv;
            for (std::size_t k = 0; k < g.qpv_names.size(); ++k) qpv += (k ? ", " : "") + g.qpv_names[k];
            p.body += "<div class=\"card\" data-rank=\"" + std::to_string(g.rank) + "\"><figure class=\"map-box\">" + r.svg +
                      "</figure><div class=\"caption\">" + rank_badge(g.rank) + " <b>" + html_escape(streets_text(g.streets, 3)) + "</b>" +
                      (g.commune.empty() ? "" : " — " + html_escape(g.commune)) + "<br>" + html_escape(g.class_label) + " · " +
                      fr_length(g.length_m) + " · " + html_escape(m.qpv_figure(g)) + (m.residents ? " de QPV" : "") + " à 300 m" +
                      (qpv.empty() ? "" : " (" + html_escape(qpv) + ")") + "<br>Aménagement suggéré : " + html_escape(g.treatment) +
                      (g.reason.empty() ? "" : "<br><span class=\"reason\">" + html_escape(g.reason) + "</span>") + "</div></div>";
        }
        p.body += "</div>";
        pages.push_back(std::move(p));
    }
    return pages;
}

std::vector<Page> indicator_pages(const ReportModel& m) {
    const bool stations = m.stations;
    std::vector<std::pair<std::string, double>> c{{"Zone", 26}, {"Commune", 14}, {m.residents ? "#Habitants" : "#Surface (ha)", 10},
                                                  {"À 300 m du réseau cyclable", 14}, {"À 300 m d’un aménagement apaisé", 14}};
    if (stations) c.push_back({"À 300 m d’une station", 12});
    c.push_back({"#Réseau dans le QPV", 9});
    c.push_back({"Meilleurs maillons", 10});
    if (!stations) c[0].second += 12;
    const auto share = [](const json& row, const char* key) {
        const std::string diff = std::string{"diff_points_"} + (key + 6);
        const json& d = row.value(diff, json());
        return fr_share(row.value(key, json())) + (row.value("scope", "") == "territory" || !d.is_number()
                                                        ? ""
                                                        : "<br><span class=\"terms\">écart " + fr_points(d) + "</span>");
    };
    // The territory and all QPV first, then the QPV by commune and name (the file's order is the layer's).
    std::vector<const json*> ordered;
    for (const auto& row : m.files->indicators["rows"]) ordered.push_back(&row);
    std::stable_sort(ordered.begin(), ordered.end(), [](const json* a, const json* b) {
        const auto key = [](const json* r) {
            const std::string scope = r->value("scope", "");
            return std::make_tuple(scope == "territory" ? 0 : scope == "all_qpv" ? 1 : 2, r->value("commune", ""), r->value("name", ""));
        };
        return key(a) < key(b);
    });
    std::vector<std::string> rows;
    for (const json* row_ptr : ordered) {
        const json& row = *row_ptr;
        const std::string scope = row.value("scope", "");
        const std::string zone = scope == "territory" ? "<b>Territoire entier</b>"
                                 : scope == "all_qpv" ? "<b>Ensemble des QPV</b>"
                                                      : html_escape(row.value("name", "")) + " <span class=\"terms\">" +
                                                            html_escape(row.value("code", "")) + "</span>";
        std::string top;
        for (const auto& r : row.value("top_gaps", json::array())) top += (top.empty() ? "" : ", ") + r.dump();
        std::string tr = std::string{"<tr"} + (scope == "qpv" ? "" : " class=\"total\"") + ">" + clamp_cell(zone) +
                         clamp_cell(html_escape(row.value("commune", ""))) +
                         td(m.residents ? fr_number(row.value("residents", json())) : fr_number(row.value("area_ha", json()), 1), "num") +
                         td(share(row, "share_near_network")) + td(share(row, "share_near_low_stress"));
        if (stations) tr += td(share(row, "share_near_station"));
        tr += td(scope == "territory" ? "—" : fr_km(number_or_nan(row.value("km_network_inside", json())), 2), "num") +
              clamp_cell(top.empty() ? "—" : top) + "</tr>";
        rows.push_back(tr);
    }
    const std::string intro = "<p>Part de la population à moins de 300 m à pied du réseau cyclable, d’un aménagement apaisé (niveau de "
                              "stress LTS 1 ou 2)" +
                              std::string{stations ? " et d’une station de vélos en libre-service" : ""} +
                              ", dans chaque quartier prioritaire et sur tout le territoire ; l’écart est en points de pourcentage "
                              "(QPV − territoire), comme dans les observatoires des QPV. " +
                              html_escape(m.files->indicators.value("note", "")) + "</p>";
    return table_pages("Indicateurs", "Indicateurs : QPV et territoire", intro, head(c), rows, RowSize::normal);
}

std::vector<Page> station_pages(const ReportModel& m) {
    std::vector<std::pair<std::string, double>> c{{"Rang", 6}, {"Station", 26}, {"Statut", 9}, {"Commune", 11},
                                                  {"#Hab. QPV gagnés", 10}, {"#Hab. QPV à 300 m", 10}, {"#Habitants gagnés", 10},
                                                  {"#Station la plus proche", 9}, {"#Réseau cyclable à", 9}};
    std::vector<std::string> rows;
    std::size_t existing = 0;
    for (const auto& f : m.files->stations->at("features")) existing += f["properties"].value("status", "") == "existing" ? 1 : 0;
    for (const char* status : {"planned", "suggested"}) {
        for (const auto& f : m.files->stations->at("features")) {
            const json& p = f["properties"];
            if (p.value("status", "") != status) continue;
            const bool residents = m.residents;
            rows.push_back("<tr>" + td(p.value("rank", json()).is_number() ? p["rank"].dump() : "—") +
                           clamp_cell(html_escape(p.value("name", json()).is_string() ? p["name"].get<std::string>() : "")) +
                           td(std::string{status} == "planned" ? "prévue" : "suggérée") +
                           clamp_cell(html_escape(p.value("commune", json()).is_string() && !p["commune"].get<std::string>().empty()
                                                      ? p["commune"].get<std::string>() : "—")) +
                           td(fr_number(p.value(residents ? "marginal_qpv_pop" : "marginal_qpv_weight", json()), residents ? 0 : 1), "num") +
                           td(fr_number(p.value(residents ? "standalone_qpv_pop" : "standalone_qpv_weight", json()), residents ? 0 : 1), "num") +
                           td(fr_number(p.value("marginal_all_weight", json())), "num") +
                           td(fr_number(p.value("nearest_existing_station_m", json())) + " m", "num") +
                           td(fr_number(p.value("distance_to_cycle_network_m", json())) + " m", "num") + "</tr>");
        }
    }
    if (rows.empty()) {
        return {Page{"Stations", {"Stations de vélos en libre-service"},
                     "<h2>Stations de vélos en libre-service</h2><p>" + std::to_string(existing) +
                         " stations existantes analysées ; aucune station prévue ou suggérée à classer.</p>", 20}};
    }
    const std::string intro = "<p>Stations prévues, classées par les habitants des QPV qu’elles ajoutent à la couverture des stations "
                              "existantes (à 300 m à pied), puis stations suggérées. « Gagnés » : habitants qui n’avaient pas de "
                              "station à 300 m. Distances à pied le long des voies, à vol d’oiseau pour le réseau cyclable.</p>";
    return table_pages("Stations", "Stations de vélos en libre-service", intro, head(c), rows, RowSize::normal);
}

std::vector<std::vector<Page>> summary_sections(const ReportModel& m) {
    std::vector<std::vector<Page>> sections;
    // Classes present among the ranked gaps, in the engine's order.
    std::set<std::string> present;
    for (std::size_t i = 0; i < m.ranked; ++i) present.insert(m.gaps[i].class_key);
    std::vector<std::string> classes;
    for (const auto& k : project_class_keys()) {
        if (present.count(k)) classes.push_back(k);
    }
    const double class_width = classes.empty() ? 0 : std::min(9.0, 40.0 / static_cast<double>(classes.size()));
    const auto km_cells = [&](const SummaryRow& r) {
        std::string s;
        for (const auto& k : classes) {
            const auto it = r.km_by_class.find(k);
            s += td(it == r.km_by_class.end() || it->second == 0 ? "—" : fr_number(it->second, 2), "num");
        }
        return s;
    };

    const Summary communes = commune_summary(m);
    // From the run: the residents within 300 m of the commune's gaps, each once; computed here:
    // those of the QPV the gaps reach, each QPV whole.
    const bool people = m.residents;
    const int digits = people || m.weight_unit != "ha" ? 0 : 1;
    std::vector<std::pair<std::string, double>> c{{"Commune", 20}, {"#Maillons", 7}};
    for (const auto& k : classes) c.push_back({"#" + class_label(k) + " (km)", class_width});
    c.push_back({"#Total (km)", 7});
    c.push_back({"#QPV desservis", 7});
    if (communes.from_run) {
        c.push_back({people ? "#Hab. QPV à 300 m" : "#QPV à 300 m (" + m.weight_unit + ")", 9});
        c.push_back({people ? "#Habitants à 300 m" : "#Poids à 300 m (" + m.weight_unit + ")", 9});
    } else {
        c.push_back({people ? "#Habitants de ces QPV" : "#Surface de ces QPV (ha)", 10});
    }
    c.push_back({"Meilleurs rangs", 12});
    std::vector<std::string> rows;
    for (const SummaryRow& r : communes.rows) {
        rows.push_back("<tr>" + clamp_cell(html_escape(r.name)) + td(std::to_string(r.gaps), "num") + km_cells(r) +
                       td(fr_number(r.km, 2), "num") + td(std::to_string(r.qpv_served), "num") + td(fr_number(r.residents, digits), "num") +
                       (communes.from_run ? td(fr_number(r.residents_all, digits), "num") : "") + clamp_cell(ranks_text(r.ranks)) + "</tr>");
    }
    const std::string intro_c =
        "<p>Tous les maillons classés (" + fr_number(static_cast<double>(m.ranked)) + "), par commune : longueur à aménager par "
        "type, quartiers prioritaires à 300 m à pied d’au moins un maillon, " +
        (communes.from_run ? std::string{people ? "habitants des QPV et habitants en tout à 300 m d’au moins un maillon (chacun compté une fois)"
                                                : "surface des QPV et surface urbaine à 300 m d’au moins un maillon"}
                           : std::string{people ? "et les habitants de ces QPV (chaque QPV compté en entier, une fois)"
                                                : "et la surface de ces QPV"}) +
        ". La commune d’un maillon est celle des limites administratives d’OpenStreetMap ; « Commune non renseignée » quand "
        "l’extrait n’en a pas.</p>";
    sections.push_back(table_pages("Synthèses", "Synthèse par commune", intro_c, head(c), rows, RowSize::normal));

    const Summary qpv = qpv_summary(m);
    std::vector<std::pair<std::string, double>> q{
        {"QPV", 24}, {"Commune", 14},
        {qpv.from_run ? (people ? "#Habitants desservis" : "#Surface desservie (ha)") : (people ? "#Habitants" : "#Surface (ha)"), 9},
        {"#Part à 300 m du réseau", 9}, {"#Maillons", 8}};
    for (const auto& k : classes) q.push_back({"#" + class_label(k) + " (km)", class_width});
    q.push_back({"#Total (km)", 8});
    q.push_back({"Meilleurs rangs", 12});
    rows.clear();
    for (const SummaryRow& r : qpv.rows) {
        rows.push_back("<tr>" + clamp_cell(html_escape(r.name) + (r.code.empty() ? "" : " <span class=\"terms\">" + html_escape(r.code) + "</span>")) +
                       clamp_cell(html_escape(r.commune)) + td(fr_number(r.residents, digits), "num") + td(fr_share(r.share_near_network), "num") +
                       td(std::to_string(r.gaps), "num") + km_cells(r) + td(fr_number(r.km, 2), "num") + clamp_cell(ranks_text(r.ranks)) + "</tr>");
    }
    const std::string intro_q = "<p>Pour chaque quartier prioritaire desservi : les maillons classés à 300 m à pied, " +
                                std::string{qpv.from_run ? (people ? "ses habitants à 300 m d’au moins un de ces maillons, " : "sa surface à 300 m de ces maillons, ")
                                                         : (people ? "ses habitants, " : "sa surface, ")} +
                                "la part de sa population à 300 m du réseau aujourd’hui, la longueur à aménager et les meilleurs rangs.</p>";
    sections.push_back(table_pages("Synthèses", "Synthèse par quartier prioritaire", intro_q, head(q), rows, RowSize::normal));

    // The data issues: not projects, but what to check in OpenStreetMap first.
    rows.clear();
    std::size_t shown = 0;
    for (std::size_t i = m.ranked; i < m.gaps.size() && shown < std::max<std::size_t>(m.options.top, 1); ++i, ++shown) {
        const ReportGap& g = m.gaps[i];
        rows.push_back("<tr>" + clamp_cell(html_escape(data_issue_label(g.data_issue))) +
                       clamp_cell(html_escape(streets_text(g.streets, 3))) + clamp_cell(html_escape(g.commune.empty() ? "—" : g.commune)) +
                       td(fr_length(g.length_m), "num") + clamp_cell(html_escape(g.osm_nodes)) + "</tr>");
    }
    if (!rows.empty()) {
        const std::size_t more = m.gaps.size() - m.ranked - shown;
        const std::string intro_d = "<p>Interruptions du réseau qui sont probablement des erreurs ou des oublis de la carte "
                                    "OpenStreetMap (réseau non raccordé de quelques mètres, piste non renseignée…) : à vérifier sur "
                                    "place et à corriger dans OSM avant toute étude. Les nœuds OSM des extrémités se retrouvent "
                                    "sur openstreetmap.org/node/numéro.</p>";
        const std::string after = more ? "<p class=\"note\">… et " + fr_number(static_cast<double>(more)) +
                                             " autres, dans gaps.geojson (rang vide, classe « data »).</p>"
                                       : "";
        sections.push_back(table_pages("Données à vérifier", "Erreurs de données à vérifier", intro_d,
                                       head({{"Nature", 34}, {"Rue(s)", 22}, {"Commune", 12}, {"#Longueur", 8}, {"Nœuds OSM (extrémités)", 24}}), rows,
                                       RowSize::normal, after));
    }
    return sections;
}

}  // namespace maillon::outputs
