#include "maillon/analysis/results_json.hpp"

#include "maillon/analysis/labels_fr.hpp"
#include "summaries.hpp"

#include <cmath>

namespace maillon::analysis {
namespace {

/// Rounded to a unit of 10^-k (or 1, 10…): divides by an integer power of ten so that the result
/// is the double nearest to the decimal value and prints as such.
double round_to(double v, double unit) {
    if (unit >= 1) return std::round(v / unit) * unit;
    const double scale = std::round(1.0 / unit);
    return std::round(v * scale) / scale;
}

json number_or_null(double v, double unit) { return std::isfinite(v) ? json(round_to(v, unit)) : json(nullptr); }

/// The sources to credit: OSM, the QPV layer, and INSEE when its grid gave the residents.
std::string attribution(const AnalysisResult& r) {
    std::string a = "© OpenStreetMap contributors (ODbL); QPV: ANCT (Licence Ouverte 2.0)";
    if (r.population.source == "grid") a += "; population: Insee, Filosofi (Licence Ouverte 2.0)";
    return a;
}

json coordinates(const std::vector<Coord>& line) {
    json c = json::array();
    for (const Coord p : line) c.push_back({round_to(p.lon(), 1e-7), round_to(p.lat(), 1e-7)});
    return c;
}

}  // namespace

json gap_properties(const Graph& g, const QpvLayer& qpv, const AnalysisResult& r, const Gap& gap) {
    json p;
    p["rank"] = gap.rank == 0 ? json(nullptr) : json(gap.rank);
    p["score"] = round_to(gap.score, 1e-4);
    p["class"] = key(gap.gap_class);
    p["kind"] = key(gap.kind);
    p["id"] = gap.id;
    p["data_issue"] = gap.data_issue == DataIssue::none ? json(nullptr) : json(key(gap.data_issue));
    p["length_m"] = round_to(gap.length_m, 0.1);
    p["benefit"] = round_to(gap.benefit, 1);
    // Residents only when every QPV of the area has a population; never a proxy figure.
    p["qpv_pop"] = r.qpv_residents_known ? number_or_null(gap.qpv_residents, 1) : json(nullptr);
    p["qpv_weight"] = round_to(gap.qpv_weight, 1e-3);
    p["weight_unit"] = weight_unit(r.model);
    json codes = json::array(), names = json::array();
    for (const std::int32_t q : gap.qpvs) {
        codes.push_back(qpv[static_cast<std::size_t>(q)].code);
        names.push_back(qpv[static_cast<std::size_t>(q)].name);
    }
    const GapCommune commune = gap_commune(g, qpv, gap);
    p["qpv_codes"] = codes;
    p["qpv_names"] = names;
    p["reason_fr"] = reason_fr(gap, names.get<std::vector<std::string>>(), r.qpv_residents_known);
    p["all_weight"] = round_to(gap.all_weight, 1e-3);
    // With the grid every point carries residents and weighs them: all residents within 300 m.
    p["all_pop"] = r.model == PopulationModel::grid ? json(round_to(gap.all_weight, 1)) : json(nullptr);
    p["trips"] = round_to(gap.trips, 1);
    p["detour_removed_m"] = round_to(gap.detour_removed_m, 1);
    p["network_distance_m"] = number_or_null(gap.network_distance_m, 1);
    p["network_km_joined"] = round_to(gap.network_km_joined, 1e-3);
    p["joins_components"] = gap.joins_components;
    json streets = json::array();
    for (const std::uint32_t n : gap.names) streets.push_back(g.data().names[n]);
    p["street_names"] = streets;
    p["commune"] = commune.name;
    p["commune_insee"] = commune.insee;
    p["commune_source"] = commune.source;
    p["highway"] = gap.arcs.empty() ? json(nullptr) : json(key(gap.highway));
    p["maxspeed_kmh"] = gap.maxspeed_kmh ? json(gap.maxspeed_kmh) : json(nullptr);
    p["lanes"] = gap.lanes ? json(gap.lanes) : json(nullptr);
    p["max_lts"] = gap.max_lts ? json(gap.max_lts) : json(nullptr);
    p["crossing_lts"] = gap.crossing_lts ? json(gap.crossing_lts) : json(nullptr);
    p["treatment_key"] = key(gap.treatment);
    p["treatment"] = label_fr(gap.treatment);
    p["qpv_term"] = round_to(gap.qpv_term, 1e-4);
    p["benefit_term"] = round_to(gap.benefit_term, 1e-4);
    p["trips_term"] = round_to(gap.trips_term, 1e-4);
    p["detour_term"] = round_to(gap.detour_term, 1e-4);
    p["network_term"] = round_to(gap.network_term, 1e-4);
    p["cost"] = round_to(gap.cost, 1e-4);
    p["merged_candidates"] = gap.merged;
    p["from_osm_node"] = g.data().node_osm_id[gap.from];
    p["to_osm_node"] = g.data().node_osm_id[gap.to];
    return p;
}

json gaps_geojson(const Graph& g, const QpvLayer& qpv, const AnalysisResult& r) {
    json fc;
    fc["type"] = "FeatureCollection";
    fc["attribution"] = attribution(r);
    fc["population_model"] = key(r.model);
    json features = json::array();
    for (const Gap& gap : r.gaps) {
        json f;
        f["type"] = "Feature";
        f["geometry"] = {{"type", "LineString"}, {"coordinates", coordinates(gap.geometry(g))}};
        f["properties"] = gap_properties(g, qpv, r, gap);
        features.push_back(std::move(f));
    }
    fc["features"] = std::move(features);
    return fc;
}

json candidates_geojson(const Graph& g, const AnalysisResult& r) {
    json fc;
    fc["type"] = "FeatureCollection";
    fc["attribution"] = "© OpenStreetMap contributors (ODbL)";
    json features = json::array();
    for (const Gap& gap : r.candidates) {
        json p;
        p["id"] = gap.id == 0 ? json(nullptr) : json(gap.id);
        p["status"] = key(gap.status);
        p["class"] = key(gap.gap_class);
        p["kind"] = key(gap.kind);
        p["data_issue"] = gap.data_issue == DataIssue::none ? json(nullptr) : json(key(gap.data_issue));
        p["length_m"] = round_to(gap.length_m, 0.1);
        p["benefit"] = round_to(gap.benefit, 1);
        p["merged_candidates"] = gap.merged;
        json streets = json::array();
        for (const std::uint32_t n : gap.names) streets.push_back(g.data().names[n]);
        p["street_names"] = streets;
        p["commune"] = gap_commune(g, QpvLayer{}, gap).name;
        p["max_lts"] = gap.max_lts ? json(gap.max_lts) : json(nullptr);
        p["crossing_lts"] = gap.crossing_lts ? json(gap.crossing_lts) : json(nullptr);
        p["treatment_key"] = key(gap.treatment);
        p["treatment"] = label_fr(gap.treatment);
        p["from_osm_node"] = g.data().node_osm_id[gap.from];
        p["to_osm_node"] = g.data().node_osm_id[gap.to];
        json f;
        f["type"] = "Feature";
        f["geometry"] = {{"type", "LineString"}, {"coordinates", coordinates(gap.geometry(g))}};
        f["properties"] = std::move(p);
        features.push_back(std::move(f));
    }
    fc["features"] = std::move(features);
    return fc;
}

std::string gaps_csv(const Graph& g, const QpvLayer& qpv, const AnalysisResult& r, CsvStyle style) {
    // The header comes from the properties of a blank gap: an empty list still has its columns.
    CsvWriter out{style};
    {
        Gap blank;
        blank.from = blank.to = 0;
        const json columns = gap_properties(g, qpv, r, blank);  // kept alive: items() refers to it
        for (const auto& [k, v] : columns.items()) out.field(k);
        out.field("lon"), out.field("lat"), out.end_row();
    }
    for (const Gap& gap : r.gaps) {
        const json p = gap_properties(g, qpv, r, gap);
        for (const auto& [k, v] : p.items()) out.field(v);
        const auto line = gap.geometry(g);
        const Coord mid = line[line.size() / 2];
        out.number(round_to(mid.lon(), 1e-7)), out.number(round_to(mid.lat(), 1e-7)), out.end_row();
    }
    return out.text();
}

json station_properties(const QpvLayer& qpv, const AnalysisResult& r, const StationResult& s) {
    const bool known = r.qpv_residents_known;
    json p;
    p["status"] = key(s.site.status);
    p["rank"] = s.rank ? json(s.rank) : json(nullptr);
    p["station_id"] = s.site.id;
    // Suggested sites are numbered in their greedy order ("suggestion-3" is the third).
    p["name"] = s.site.name.empty() && s.site.status == StationStatus::suggested
                    ? "Site suggéré " + s.site.id.substr(s.site.id.rfind('-') + 1)
                    : s.site.name;
    p["capacity"] = s.site.capacity >= 0 ? json(s.site.capacity) : json(nullptr);
    p["installed"] = s.site.installed;
    p["in_area"] = s.snapped;
    p["marginal_qpv_pop"] = known && s.rank ? number_or_null(s.marginal_qpv_residents, 1) : json(nullptr);
    p["marginal_qpv_weight"] = s.rank ? json(round_to(s.marginal_qpv, 1e-3)) : json(nullptr);
    p["standalone_qpv_pop"] = known && s.snapped ? number_or_null(s.standalone_qpv_residents, 1) : json(nullptr);
    p["standalone_qpv_weight"] = round_to(s.standalone_qpv, 1e-3);
    p["standalone_all_weight"] = round_to(s.standalone_all, 1e-3);
    p["marginal_all_weight"] = s.rank ? json(round_to(s.marginal_all, 1e-3)) : json(nullptr);
    p["weight_unit"] = weight_unit(r.model);
    p["nearest_existing_station_m"] = number_or_null(s.nearest_station_m, 1);
    p["nearest_transit_m"] = number_or_null(s.nearest_transit_m, 1);
    p["on_main_axis"] = s.on_main_axis;
    p["distance_to_cycle_network_m"] = number_or_null(s.distance_to_network_m, 1);
    json codes = json::array(), names = json::array();
    std::string commune;
    for (const std::int32_t q : s.qpvs) {
        codes.push_back(qpv[static_cast<std::size_t>(q)].code);
        names.push_back(qpv[static_cast<std::size_t>(q)].name);
        if (commune.empty()) commune = qpv[static_cast<std::size_t>(q)].commune;
    }
    p["qpv_codes"] = codes;
    p["qpv_names"] = names;
    p["commune"] = commune;
    p["snap_m"] = s.snapped ? json(round_to(s.snap_m, 0.1)) : json(nullptr);
    return p;
}

json stations_geojson(const QpvLayer& qpv, const AnalysisResult& r) {
    json fc;
    fc["type"] = "FeatureCollection";
    fc["attribution"] = "© OpenStreetMap contributors (ODbL); Vélib' Métropole (ODbL); QPV: ANCT (Licence Ouverte 2.0)";
    fc["population_model"] = key(r.model);
    json features = json::array();
    for (const StationResult& s : r.stations.stations) {
        // Existing stations beyond the extract are counted in run.json, not drawn.
        if (!s.snapped && s.site.status == StationStatus::existing) continue;
        features.push_back({{"type", "Feature"},
                            {"geometry", {{"type", "Point"}, {"coordinates", {round_to(s.site.coord.lon(), 1e-7), round_to(s.site.coord.lat(), 1e-7)}}}},
                            {"properties", station_properties(qpv, r, s)}});
    }
    fc["features"] = std::move(features);
    return fc;
}

namespace {

json indicator_row(const IndicatorRow& row, const IndicatorRow& territory, bool stations, PopulationModel model,
                   std::size_t qpv_rows) {
    const bool people = row.counts_residents();
    const auto residents = [&](double v) { return people ? json(round_to(v, 1)) : json(nullptr); };
    // A share is reported only where it means something: not for the QPV row when no QPV lies in
    // the area (no "0 %"), and a partial QPV's share is not compared with the territory's (the
    // extract or the area cuts it: no "-51 points").
    const bool empty_qpv_set = row.scope == "all_qpv" && qpv_rows == 0;
    const bool comparable = !empty_qpv_set && !row.partial && row.scope != "territory";
    // No share of nothing: a row whose population the extract's ways do not reach has no shares.
    const bool no_denominator = people ? !(row.residents > 0) : !(row.weight > 0);
    const auto share = [&](double v) { return empty_qpv_set || no_denominator ? json(nullptr) : json(round_to(v, 1e-4)); };
    const auto diff = [&](double mine, double theirs) {
        return comparable ? json(round_to(100 * (mine - theirs), 0.1)) : json(nullptr);
    };
    json j;
    j["scope"] = row.scope;
    j["code"] = row.code;
    j["name"] = row.name;
    j["commune"] = row.commune;
    j["residents"] = empty_qpv_set ? json(nullptr) : number_or_null(row.residents, 1);
    j["residents_near_network"] = residents(row.residents_near_network);
    j["residents_near_low_stress"] = residents(row.residents_near_low_stress);
    if (stations) j["residents_near_station"] = residents(row.residents_near_station);
    j["residents_beyond_reach"] = residents(row.residents_beyond_reach);
    j["residents_outside_area"] = row.scope == "territory" ? json(nullptr) : residents(row.residents_outside_area);
    j["residents_declared"] = number_or_null(row.residents_declared, 1);
    const bool qpv_scope = row.scope != "territory" && !empty_qpv_set;
    j["qpv_covered_share"] = qpv_scope ? json(round_to(row.covered_share, 1e-4)) : json(nullptr);
    j["partial"] = qpv_scope ? json(row.partial) : json(nullptr);
    j["qpv_reached_share"] = qpv_scope ? json(round_to(row.reached_share(), 1e-4)) : json(nullptr);
    j["share_of"] = people ? std::string{"residents"} : std::string{weight_unit(model)};
    j["weight"] = round_to(row.weight, 1e-3);
    j["area_ha"] = round_to(row.area_ha, 0.01);
    j["share_near_network"] = share(row.share_near_network());
    j["share_near_network_territory"] = round_to(territory.share_near_network(), 1e-4);
    j["diff_points_near_network"] = diff(row.share_near_network(), territory.share_near_network());
    j["share_near_low_stress"] = share(row.share_near_low_stress());
    j["share_near_low_stress_territory"] = round_to(territory.share_near_low_stress(), 1e-4);
    j["diff_points_near_low_stress"] = diff(row.share_near_low_stress(), territory.share_near_low_stress());
    if (stations) {
        j["share_near_station"] = share(row.share_near_station());
        j["share_near_station_territory"] = round_to(territory.share_near_station(), 1e-4);
        j["diff_points_near_station"] = diff(row.share_near_station(), territory.share_near_station());
    }
    j["km_network_inside"] = round_to(row.km_network_inside, 1e-3);
    j["km_network_within"] = round_to(row.km_network_within, 1e-3);
    j["top_gaps"] = row.top_gaps;
    if (empty_qpv_set) j["note"] = "Aucun QPV dans la zone étudiée";
    else if (row.partial && row.covered_share < 0.5 && row.reached_share() < 0.5) j["note"] = "QPV hors de l'extrait : parts non comparées au territoire";
    else if (row.partial && row.reached_share() < 0.5) j["note"] = "QPV peu desservi par les voies de l'extrait : parts non comparées au territoire";
    else if (row.partial) j["note"] = "QPV en partie hors de la zone étudiée : parts non comparées au territoire";
    else j["note"] = nullptr;
    return j;
}

}  // namespace

json summaries_json(const std::vector<GapSummary>& rows, const AnalysisResult& r) {
    json out = json::array();
    for (const GapSummary& s : rows) {
        json j;
        j["scope"] = s.scope;
        j["code"] = s.code;
        j["name"] = s.name;
        j["gaps"] = s.gaps;
        j["metres"] = round_to(s.metres, 1);
        for (const GapClassInfo& c : gap_class_table) {
            if (c.gap_class == GapClass::data) continue;
            j[std::string{"metres_"} + std::string{c.key}] = round_to(s.metres_by_class[static_cast<std::size_t>(c.gap_class)], 1);
        }
        j["residents_served"] = number_or_null(s.residents_served, 1);
        j["qpv_residents_served"] = number_or_null(s.qpv_residents_served, 1);
        j["weight_served"] = round_to(s.weight_served, 1e-3);
        j["qpv_weight_served"] = round_to(s.qpv_weight_served, 1e-3);
        j["weight_unit"] = weight_unit(r.model);
        j["top_ranks"] = s.top_ranks;
        out.push_back(std::move(j));
    }
    return out;
}

std::string table_csv(const json& rows, CsvStyle style) {
    CsvWriter out{style};
    bool header = false;
    for (const json& j : rows) {
        if (!header) {
            for (const auto& [k, v] : j.items()) out.field(k);
            out.end_row();
            header = true;
        }
        for (const auto& [k, v] : j.items()) out.field(v);
        out.end_row();
    }
    return out.text();
}

std::string population_note(PopulationModel m) {
    switch (m) {
        case PopulationModel::grid:
            return "Parts d'habitants : population carroyée de l'Insee (Filosofi, carreaux de 200 m) répartie sur la "
                   "surface de plancher résidentielle des bâtiments OpenStreetMap, ou le long des voies sans bâtiment.";
        case PopulationModel::qpv_population:
            return "Habitants des QPV (population par QPV répartie sur leurs bâtiments résidentiels) ; hors QPV, faute de "
                   "population, les parts du territoire sont des parts de surface urbaine (hectares), pas d'habitants.";
        case PopulationModel::floor_area:
            return "Parts de la surface de plancher résidentielle cartographiée dans OpenStreetMap, indicateur indirect "
                   "du nombre d'habitants.";
        case PopulationModel::area: break;
    }
    return "Aucune source de population : les parts sont des parts de surface urbaine (hectares proches d'une voie), pas "
           "d'habitants.";
}

json indicators_json(const AnalysisResult& r, const AnalysisProfile& p) {
    json j;
    j["population_model"] = key(r.model);
    j["weight_unit"] = weight_unit(r.model);
    j["qpv_residents_known"] = r.qpv_residents_known;
    j["walk_m"] = p.coverage.walk_m;
    j["population_source"] = r.population.source;
    j["note"] = population_note(r.model);
    json rows = json::array();
    const std::size_t qpv_rows = r.indicators.size() > 2 ? r.indicators.size() - 2 : 0;
    for (const IndicatorRow& row : r.indicators) {
        rows.push_back(indicator_row(row, r.indicators.front(), r.has_stations, r.model, qpv_rows));
    }
    j["rows"] = rows;
    j["communes"] = summaries_json(r.commune_summary, r);
    j["qpv_summary"] = summaries_json(r.qpv_summary, r);
    return j;
}

std::string summaries_csv(const std::vector<GapSummary>& rows, const AnalysisResult& r, CsvStyle style) {
    if (rows.empty()) {
        // No project: the header alone, from a blank row.
        const std::string one = table_csv(summaries_json({GapSummary{}}, r), style);
        return one.substr(0, one.find('\n') + 1);
    }
    return table_csv(summaries_json(rows, r), style);
}

std::string indicators_csv(const AnalysisResult& r, CsvStyle style) {
    CsvWriter out{style};
    bool header = false;
    for (const IndicatorRow& row : r.indicators) {
        const json j = indicator_row(row, r.indicators.front(), r.has_stations, r.model,
                                     r.indicators.size() > 2 ? r.indicators.size() - 2 : 0);
        if (!header) {
            for (const auto& [k, v] : j.items()) out.field(k);
            out.end_row();
            header = true;
        }
        for (const auto& [k, v] : j.items()) out.field(v);
        out.end_row();
    }
    return out.text();
}

}  // namespace maillon::analysis
