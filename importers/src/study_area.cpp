#include "maillon/importers/study_area.hpp"

#include "maillon/errors.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cctype>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace maillon {
namespace {

using json = nlohmann::json;

constexpr int max_depth = 64;  // a (Multi)Polygon needs 5 levels inside a FeatureCollection

[[noreturn]] void bad(const std::string& path, const std::string& what) {
    throw input_error{"study area '" + path + "': " + what};
}

json read_json(const std::string& path) {
    std::ifstream in{path, std::ios::binary};
    if (!in) bad(path, "cannot be read (" + std::string{std::strerror(errno)} + "); give a GeoJSON file of the area");
    std::ostringstream text;
    text << in.rdbuf();
    // A depth bound on the way in: a hostile file nesting arrays 100,000 deep must not overflow the stack.
    const json::parser_callback_t depth_check = [&](int depth, json::parse_event_t, json&) {
        if (depth > max_depth) bad(path, "nests more than " + std::to_string(max_depth) + " levels: not a GeoJSON area");
        return true;
    };
    try {
        return json::parse(text.str(), depth_check);
    } catch (const json::parse_error& e) {
        bad(path, std::string{"is not valid JSON ("} + e.what() + "); give a GeoJSON file of the area");
    } catch (const json::out_of_range& e) {
        // A number beyond a double ("1e999") is out_of_range.406, not a parse_error (json_input.hpp).
        bad(path, std::string{"is not valid JSON ("} + e.what() + ": numbers must lie within ±1.8e308); give a GeoJSON file of the area");
    }
}

/// One ring of positions, checked to be degrees.
Ring ring_of(const std::string& path, const json& positions) {
    if (!positions.is_array()) bad(path, "a ring is not an array of positions");
    Ring ring;
    for (const json& p : positions) {
        if (!p.is_array() || p.size() < 2 || !p[0].is_number() || !p[1].is_number()) {
            bad(path, "a position is not [longitude, latitude]");
        }
        const double lon = p[0].get<double>(), lat = p[1].get<double>();
        if (!std::isfinite(lon) || !std::isfinite(lat) || std::fabs(lon) > 180 || std::fabs(lat) > 90) {
            bad(path, "coordinates are not longitude/latitude degrees (e.g. " + p.dump() +
                          "): a projected file, Lambert-93 most likely; convert it with "
                          "'ogr2ogr -t_srs EPSG:4326 area.geojson " + path + "'");
        }
        ring.push_back({lon, lat});
    }
    if (ring.size() >= 2 && (ring.front().lon != ring.back().lon || ring.front().lat != ring.back().lat)) {
        ring.push_back(ring.front());
    }
    if (ring.size() < 4) bad(path, "a ring has fewer than 4 positions");
    return ring;
}

void add_geometry(const std::string& path, const json& geometry, std::vector<PolygonRings>& polygons) {
    if (!geometry.is_object()) return;
    const std::string type = geometry.value("type", "");
    const json& coordinates = geometry.contains("coordinates") ? geometry["coordinates"] : json{};
    const auto polygon = [&](const json& rings) {
        if (!rings.is_array() || rings.empty()) bad(path, "a Polygon has no ring");
        PolygonRings out;
        for (const json& r : rings) out.push_back(ring_of(path, r));
        polygons.push_back(std::move(out));
    };
    if (type == "Polygon") {
        polygon(coordinates);
    } else if (type == "MultiPolygon") {
        if (!coordinates.is_array()) bad(path, "a MultiPolygon has no coordinates array");
        for (const json& p : coordinates) polygon(p);
    } else if (type == "GeometryCollection" && geometry.contains("geometries") && geometry["geometries"].is_array()) {
        for (const json& g : geometry["geometries"]) add_geometry(path, g, polygons);
    }
}

std::string name_of(const json& properties) {
    if (!properties.is_object()) return "";
    for (const char* key : {"nom", "name", "libelle", "lib_com", "nom_com", "lib_epci", "nom_epci", "lib_dep", "nom_dep"}) {
        for (const auto& [k, v] : properties.items()) {
            std::string lower = k;
            for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            if (lower == key && v.is_string() && !v.get<std::string>().empty()) return v.get<std::string>();
        }
    }
    return "";
}

}  // namespace

StudyArea::StudyArea() = default;
StudyArea::~StudyArea() = default;
StudyArea::StudyArea(StudyArea&&) noexcept = default;
StudyArea& StudyArea::operator=(StudyArea&&) noexcept = default;

bool StudyArea::contains(Coord c) const {
    return m_prepared && contains_point(*m_ctx, m_prepared.get(), c.lon(), c.lat());
}

StudyArea load_study_area(const std::string& path) {
    const json root = read_json(path);
    std::vector<PolygonRings> polygons;
    std::string name;
    const std::string type = root.is_object() ? root.value("type", "") : "";
    if (type == "FeatureCollection" && root.contains("features") && root["features"].is_array()) {
        for (const json& f : root["features"]) {
            if (!f.is_object()) continue;
            if (name.empty() && f.contains("properties")) name = name_of(f["properties"]);
            if (f.contains("geometry")) add_geometry(path, f["geometry"], polygons);
        }
    } else if (type == "Feature") {
        if (root.contains("properties")) name = name_of(root["properties"]);
        if (root.contains("geometry")) add_geometry(path, root["geometry"], polygons);
    } else {
        add_geometry(path, root, polygons);
    }
    if (polygons.empty()) {
        bad(path, "holds no Polygon or MultiPolygon: give the outline of a commune, EPT or département "
                  "(data-scripts/cut-area.sh cuts one from a commune layer)");
    }
    StudyArea area;
    area.path = path;
    area.name = name.empty() ? std::filesystem::path{path}.stem().string() : name;
    area.m_ctx = std::make_unique<GeosContext>();
    const GeosContext& ctx = *area.m_ctx;
    GeomPtr all = make_multipolygon(ctx, polygons);
    if (!is_valid(ctx, all.get())) all = polygonal_part(ctx, make_valid(ctx, all.get()).get());
    area.m_geometry = unary_union(ctx, all.get());
    if (is_empty(ctx, area.m_geometry.get())) bad(path, "its polygons have no area");
    area.m_prepared = prepare(ctx, area.m_geometry.get());
    area.bbox = envelope(ctx, area.m_geometry.get());
    area.area_m2 = area_m2(ctx, area.m_geometry.get());
    return area;
}

}  // namespace maillon
