// Planned stations from a GeoJSON FeatureCollection of Points (docs/stations-input.md, "GeoJSON"). Read with
// nlohmann_json rather than OGR: a syntax error is reported with its line and column, and a GBFS feed or a lone
// Feature given by mistake is recognised and named. The stations are built by planned_stations_reader.cpp.

#include "gbfs_shape.hpp"
#include "maillon/errors.hpp"
#include "planned_table.hpp"
#include "station_fields.hpp"
#include "station_files.hpp"
#include "text.hpp"

#include <algorithm>

namespace maillon::stations {

namespace {

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

/// The CRS named by an old-style GeoJSON `crs` member ({"type": "name", "properties": {"name": …}}), "" for WGS84
/// longitude/latitude (RFC 7946's only CRS) or when there is none.
std::string declared_crs(const json& root) {
    if (!root.contains("crs") || !root["crs"].is_object()) return "";
    const json& crs = root["crs"];
    std::string declared;
    if (crs.contains("properties") && crs["properties"].is_object() && crs["properties"].contains("name"))
        declared = text_of(crs["properties"]["name"]);
    const std::string u = upper(declared);
    const bool wgs84 = u.empty() || u.find("CRS84") != std::string::npos ||
                       (u.size() >= 4 && u.compare(u.size() - 4, 4, "4326") == 0) || u == "WGS84";
    return wgs84 ? "" : declared;
}

PlannedRow row_of(const json& f, std::size_t n, const std::vector<std::string>& fields) {
    PlannedRow row;
    row.where = "feature " + std::to_string(n + 1);
    static const json no_properties = json::object();
    const json& props = f.contains("properties") && f["properties"].is_object() ? f["properties"] : no_properties;
    for (const std::string& field : fields) row.cells.push_back(props.contains(field) ? text_of(props[field]) : "");
    if (f.contains("id")) row.feature_id = text_of(f["id"]);
    const json* g = f.contains("geometry") && !f["geometry"].is_null() ? &f["geometry"] : nullptr;
    if (!g) return row;
    const std::string gtype = g->is_object() && g->contains("type") ? text_of((*g)["type"]) : "";
    const json* pos = nullptr;
    if (gtype == "Point" && g->contains("coordinates")) {
        pos = &(*g)["coordinates"];
    } else if (gtype == "MultiPoint" && g->contains("coordinates") && (*g)["coordinates"].is_array() &&
               (*g)["coordinates"].size() == 1) {
        pos = &(*g)["coordinates"][0];
    } else if (gtype != "Point") {
        row.geometry = PlannedRow::Geometry::other;
        row.geometry_text = gtype.empty() ? std::string("geometry without type") : gtype;
        return row;
    }
    if (!pos || !pos->is_array() || pos->size() < 2 || !(*pos)[0].is_number() || !(*pos)[1].is_number()) {
        row.geometry = PlannedRow::Geometry::bad_point;
        row.geometry_text = pos ? pos->dump() : std::string("absent");
        return row;
    }
    row.geometry = PlannedRow::Geometry::point;
    row.x = (*pos)[0].get<double>();
    row.y = (*pos)[1].get<double>();
    return row;
}

}  // namespace

PlannedTable read_planned_geojson(const std::string& path, const std::string& text) {
    const std::string what = label(Kind::planned, path);
    const json root = parse_station_json(Kind::planned, path, text, "a GeoJSON FeatureCollection of Points or a CSV file");
    const std::string type = root.is_object() && root.contains("type") && root["type"].is_string() ? root["type"].get<std::string>() : "";
    if (type != "FeatureCollection") {
        std::string found;
        const Shape s = shape_of(root);
        if (s.type == Shape::information || s.type == Shape::status || s.type == Shape::feed_index)
            found = "a GBFS file (existing stations: give it as the Vélib' feed, --stations, read by load_gbfs_stations)";
        else if (!root.is_object()) found = std::string("a JSON ") + root.type_name();
        else if (type.empty()) found = "a JSON object without a GeoJSON \"type\"";
        else found = "a GeoJSON " + type;
        throw input_error(what + " is " + found +
                          ", not a GeoJSON FeatureCollection of Points; export the planned stations as a GeoJSON "
                          "FeatureCollection (ogr2ogr -f GeoJSON -t_srs EPSG:4326 OUT.geojson IN) or as CSV with " +
                          planned_example);
    }
    if (!root.contains("features") || !root["features"].is_array())
        throw input_error(what + " is a FeatureCollection without a \"features\" array (the file is truncated or not "
                          "GeoJSON; export it again)");
    const json& features = root["features"];
    if (features.empty())
        throw input_error(what + " has no station (its FeatureCollection has no feature); add one Point feature per "
                          "planned station");
    for (std::size_t n = 0; n < features.size(); ++n)
        if (!features[n].is_object() || !features[n].contains("type") || features[n]["type"] != "Feature")
            throw input_error(what + ": feature " + std::to_string(n + 1) +
                              " is not a GeoJSON Feature object; export the file again");

    PlannedTable table;
    table.source = PlannedTable::Source::geojson;
    table.path = path;
    table.has_geometry = true;
    table.crs = declared_crs(root);
    table.crs_source = "its 'crs' member";
    // Fields, in order of first appearance.
    for (const json& f : features) {
        if (!f.contains("properties") || !f["properties"].is_object()) continue;
        for (const auto& [key, v] : f["properties"].items())
            if (std::find(table.columns.begin(), table.columns.end(), key) == table.columns.end()) table.columns.push_back(key);
    }
    for (std::size_t n = 0; n < features.size(); ++n) table.rows.push_back(row_of(features[n], n, table.columns));
    return table;
}

}  // namespace maillon::stations
