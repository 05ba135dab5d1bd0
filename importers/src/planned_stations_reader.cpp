// Planned stations (docs/stations-input.md, "Planned stations"): the format is chosen from the extension and the
// content, a reader turns the file into a PlannedTable (planned_table.hpp), and this file builds the stations from
// it: field detection (station_fields.hpp), values, reprojection to WGS84, validation (station_checks.hpp).

#include "gdal_support.hpp"
#include "maillon/errors.hpp"
#include "maillon/importers/stations.hpp"
#include "planned_table.hpp"
#include "station_checks.hpp"
#include "station_fields.hpp"
#include "station_files.hpp"
#include "text.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>

namespace maillon {

namespace {

using namespace stations;  // NOLINT(google-build-using-namespace): the readers' own helpers
using text::join;
using text::lower;
using text::trim;

/// Lambert-93 (EPSG:2154, the legal CRS of mainland France) covers x in [99 217, 1 242 417] and y in
/// [6 049 646, 7 110 480] metres: no longitude/latitude comes near, so a file without a CRS whose every station
/// lies there (with a margin) is in Lambert-93.
bool in_lambert93_range(double x, double y) { return x >= 90000 && x <= 1300000 && y >= 6000000 && y <= 7200000; }

/// The words a message uses for the table's columns.
std::string columns_found(const PlannedTable& t) {
    std::vector<std::string> found;
    for (const std::string& c : t.columns) found.push_back(squoted(c));
    std::string where;
    switch (t.source) {
        case PlannedTable::Source::csv:
            where = t.delimiter == ';' ? "';'" : t.delimiter == ',' ? "','" : t.delimiter == '\t' ? "tab" : squoted(std::string(1, t.delimiter));
            where += "-separated";
            break;
        case PlannedTable::Source::spreadsheet: where = "sheet " + squoted(t.sheet); break;
        case PlannedTable::Source::gis: where = "layer " + squoted(t.sheet); break;
        case PlannedTable::Source::geojson: where = "properties"; break;
    }
    return "columns found (" + where + "): " + (found.empty() ? std::string("none") : join(found));
}

struct Columns {
    long id = -1, name = -1, capacity = -1, lat = -1, lon = -1, latlon = -1;
    bool geometry = false;  // coordinates from the rows' geometry
};

Columns detect_columns(const PlannedTable& t) {
    const std::string what = label(Kind::planned, t.path);
    Columns c;
    c.id = find_field(t.columns, id_candidates());
    c.name = find_field(t.columns, name_candidates());
    c.capacity = find_field(t.columns, capacity_candidates());
    c.lat = find_field(t.columns, lat_candidates());
    c.lon = find_field(t.columns, lon_candidates());
    c.latlon = (c.lat < 0 && c.lon < 0) ? find_field(t.columns, latlon_candidates()) : -1;
    const bool located_by_columns = (c.lat >= 0 && c.lon >= 0) || c.latlon >= 0;
    c.geometry = t.has_geometry && (t.source == PlannedTable::Source::geojson || t.source == PlannedTable::Source::gis ||
                                    !located_by_columns);
    if (t.source == PlannedTable::Source::geojson) {
        const bool any_feature_id = std::any_of(t.rows.begin(), t.rows.end(), [](const PlannedRow& r) { return !r.feature_id.empty(); });
        if (c.id < 0 && !any_feature_id)
            throw input_error(what + " has no id field: none of the properties " + join(id_candidates(), "|") +
                              " (matched case-insensitively) and no feature \"id\"; properties found: " +
                              (t.columns.empty() ? std::string("none") : join(t.columns)) +
                              "; add an \"id\" property to each feature (or rename the field that identifies the stations)");
        return c;
    }
    std::vector<std::string> missing;
    if (c.id < 0) missing.push_back("id (" + join(id_candidates(), "|") + ")");
    if (!c.geometry && c.latlon < 0) {
        if (c.lat < 0) missing.push_back("lat (" + join(lat_candidates(), "|") + ")");
        if (c.lon < 0) missing.push_back("lon (" + join(lon_candidates(), "|") + ")");
    }
    if (!missing.empty())
        throw input_error(what + " has no " + join(missing, ", no ") + " column (names matched case-insensitively); " +
                          columns_found(t) + "; expected " + planned_example);
    return c;
}

/// One station before reprojection: x/y in the file's CRS (longitude/easting, latitude/northing).
struct RawStation {
    StationRecord record;
    Located place;  // lat/lon filled after reprojection
    double x = 0, y = 0;
};

/// The coordinates of a row, in the file's CRS; throws input_error naming the station.
void read_coordinates(const PlannedTable& t, const Columns& c, const PlannedRow& row, RawStation& s) {
    const std::string what = label(Kind::planned, t.path);
    const Located& l = s.place;
    if (c.geometry) {
        switch (row.geometry) {
            case PlannedRow::Geometry::none:
                throw input_error(what + ": " + station_ref(l) + " has no geometry, so no lat/lon; give it a Point "
                                  "geometry with [longitude, latitude]");
            case PlannedRow::Geometry::bad_point:
                throw input_error(what + ": " + station_ref(l) + " has no lat/lon: its Point coordinates are " +
                                  row.geometry_text + ", expected [longitude, latitude] numbers");
            case PlannedRow::Geometry::other:
                throw input_error(what + ": " + station_ref(l) + " is a " + row.geometry_text +
                                  ", not a Point; planned stations are points (for areas, take their centroid, e.g. "
                                  "ogr2ogr -f GeoJSON OUT.geojson IN -dialect sqlite -sql \"SELECT *, ST_Centroid(geometry) "
                                  "AS geometry FROM layer\")");
            case PlannedRow::Geometry::point: break;
        }
        s.x = row.x;
        s.y = row.y;
        return;
    }
    const auto cell = [&](long i) { return i >= 0 && static_cast<std::size_t>(i) < row.cells.size() ? row.cells[i] : std::string(); };
    std::string lat_s, lon_s;
    if (c.latlon >= 0) {
        const std::string both = trim(cell(c.latlon));
        // "48.85, 2.35": the separator is ", " or ',' between two '.' decimals.
        const auto sep = both.find(',');
        if (!both.empty() && sep != std::string::npos) {
            lat_s = both.substr(0, sep);
            lon_s = both.substr(sep + 1);
        } else if (!both.empty()) {
            throw input_error(what + ": " + station_ref(l) + ": column " + squoted(t.columns[c.latlon]) + " is " +
                              squoted(both) + ", expected \"lat, lon\" (e.g. \"48.8566, 2.3522\")");
        }
    } else {
        lat_s = cell(c.lat);
        lon_s = cell(c.lon);
    }
    if (trim(lat_s).empty() || trim(lon_s).empty())
        throw input_error(what + ": " + station_ref(l) + " has no lat/lon (lat " + squoted(trim(lat_s)) + ", lon " +
                          squoted(trim(lon_s)) + "); give every planned station its coordinates in decimal degrees");
    const auto lat = parse_decimal(lat_s), lon = parse_decimal(lon_s);
    if (!lat || !lon)
        throw input_error(what + ": " + station_ref(l) + ": " + (!lat ? "lat " + squoted(trim(lat_s)) : "lon " + squoted(trim(lon_s))) +
                          " is not a number; coordinates are decimal degrees such as 48.8566 or 48,8566 (not "
                          "degrees-minutes-seconds)");
    s.x = *lon;
    s.y = *lat;
}

/// Every station to WGS84: through the CRS the file declares, else through Lambert-93 when every station lies
/// in its range (with a warning), else as they are (longitude/latitude).
void reproject(const PlannedTable& t, std::vector<RawStation>& stations, std::vector<std::string>& warnings) {
    const std::string what = label(Kind::planned, t.path);
    std::optional<gdal::ToWgs84> to_wgs84;
    std::string error;
    if (!t.crs.empty()) {
        to_wgs84 = gdal::ToWgs84::from_definition(t.crs, error);
        const std::string declared = t.source == PlannedTable::Source::geojson ? squoted(t.crs) : "";
        if (!to_wgs84)
            throw input_error(what + " declares a coordinate reference system " + declared + " in " + t.crs_source +
                              " that PROJ cannot read (" + error + "); convert the file to WGS84 longitude/latitude: "
                              "ogr2ogr -f GeoJSON -t_srs EPSG:4326 OUT.geojson IN");
        const bool all_degrees = std::all_of(stations.begin(), stations.end(), [](const RawStation& s) {
            return std::fabs(s.x) <= 180 && std::fabs(s.y) <= 90;
        });
        if (to_wgs84->projected() && all_degrees && !stations.empty()) {
            const RawStation& first = stations.front();
            throw input_error(what + " declares the projected coordinate reference system " +
                              (declared.empty() ? squoted(to_wgs84->name()) : declared + " (" + to_wgs84->name() + ")") +
                              " in " + t.crs_source + ", but its coordinates look like degrees, not metres: " +
                              station_ref(first.place) + " is at " + number(first.x) + ", " + number(first.y) +
                              "; if they are WGS84 longitude/latitude remove the declaration, else fix the coordinates");
        }
    } else if (!stations.empty() && std::all_of(stations.begin(), stations.end(), [](const RawStation& s) {
                   return in_lambert93_range(s.x, s.y);
               })) {
        to_wgs84 = gdal::ToWgs84::from_definition("EPSG:2154", error);
        if (!to_wgs84) throw input_error(what + ": cannot set up the Lambert-93 transformation (" + error + "): is PROJ installed?");
        warnings.push_back(squoted(t.path) + " declares no coordinate reference system and its coordinates are metres "
                           "within Lambert-93's range: read as Lambert-93 (EPSG:2154); if they are in another CRS, "
                           "put a .prj file of the same name beside it (e.g. gdalsrsinfo -o wkt1 EPSG:3949 > NAME.prj)");
    }
    for (RawStation& s : stations) {
        if (!to_wgs84) {
            s.place.lon = s.x;
            s.place.lat = s.y;
            continue;
        }
        if (!to_wgs84->transform(s.x, s.y, s.place.lon, s.place.lat))
            throw input_error(what + ": " + station_ref(s.place) + " at " + number(s.x) + ", " + number(s.y) +
                              " cannot be transformed from " + to_wgs84->name() +
                              " to WGS84 (outside the CRS's area of use?); check its coordinates");
    }
}

StationSet stations_from_table(PlannedTable& t) {
    const Kind k = Kind::planned;
    const std::string what = label(k, t.path);
    const bool geojson = t.source == PlannedTable::Source::geojson;
    const Columns c = detect_columns(t);
    if (t.rows.empty()) {
        switch (t.source) {
            case PlannedTable::Source::csv:
                throw input_error(what + " has no station: only the header line; add one line per planned station");
            case PlannedTable::Source::spreadsheet:
                throw input_error(what + " has no station: sheet " + squoted(t.sheet) +
                                  " has only its header row; add one row per planned station");
            case PlannedTable::Source::gis:
                throw input_error(what + " has no station: layer " + squoted(t.sheet) + " has no feature");
            case PlannedTable::Source::geojson: break;
        }
        throw input_error(what + " has no station");
    }

    StationSet set;
    set.path = t.path;
    set.warnings = t.warnings;
    IdIndex ids;
    std::vector<std::string> bad_capacity;
    std::size_t unnamed = 0;
    std::vector<RawStation> stations;
    for (const PlannedRow& row : t.rows) {
        if (row.extra_fields)
            throw input_error(what + ": " + row.where + " has " + std::to_string(row.fields) + " fields but the header has " +
                              std::to_string(t.columns.size()) +
                              (t.delimiter == ',' ? std::string(" (a decimal comma such as 48,85 in a comma-separated file? "
                                                                "use '.' decimals, quote the value or separate with ';')")
                                                  : std::string(" (a name containing the separator? quote it)")));
        const auto cell = [&](long i) { return i >= 0 && static_cast<std::size_t>(i) < row.cells.size() ? row.cells[i] : std::string(); };
        RawStation s;
        StationRecord& rec = s.record;
        rec.id = cell(c.id);
        if (rec.id.empty() && geojson) rec.id = row.feature_id;
        if (rec.id.empty()) {
            if (geojson)
                throw input_error(what + ": " + row.where + " has no id (" +
                                  (c.id < 0 ? std::string("no feature \"id\"") : "property " + squoted(t.columns[c.id]) + " empty or absent") +
                                  "); give every planned station an id");
            throw input_error(what + ": " + row.where + " has no id (" + (t.source == PlannedTable::Source::gis ? "field " : "column ") +
                              squoted(t.columns[c.id]) + " is empty); give every planned station an id");
        }
        ids.add(k, t.path, rec.id, row.where, "id");
        rec.name = cell(c.name);
        if (rec.name.empty()) {
            rec.name = rec.id;
            if (c.name >= 0) ++unnamed;
        }
        if (const std::string cap = cell(c.capacity); !cap.empty()) {
            std::string problem;
            rec.capacity = capacity_of(parse_decimal(cap), squoted(cap), problem);
            if (!problem.empty()) bad_capacity.push_back(rec.id + " (" + problem + ")");
        }
        s.place.where = row.where;
        s.place.id = rec.id;
        read_coordinates(t, c, row, s);
        stations.push_back(std::move(s));
    }
    reproject(t, stations, set.warnings);
    std::vector<Located> located;
    for (RawStation& s : stations) {
        check_range(k, t.path, s.place);
        s.record.coord = Coord::from_degrees(s.place.lon, s.place.lat);
        located.push_back(s.place);
        set.stations.push_back(std::move(s.record));
    }
    check_swapped(k, t.path, located);
    const std::string column_word = geojson || t.source == PlannedTable::Source::gis ? "field" : "column";
    if (c.name < 0)
        set.warnings.push_back(squoted(t.path) + " has no name " + column_word + " (" + join(name_candidates(), "|") +
                               "); stations are named by their id");
    else if (unnamed > 0)
        set.warnings.push_back(plural(unnamed, "station", "stations") + " of " + squoted(t.path) + " have an empty " +
                               squoted(t.columns[c.name]) + "; named by their id");
    if (!bad_capacity.empty())
        set.warnings.push_back(plural(bad_capacity.size(), "station", "stations") + " of " + squoted(t.path) +
                               " have a capacity that is not a whole number >= 0; capacity unknown: " + sample(bad_capacity));
    return set;
}

/// Whether the file is read as GeoJSON: by its extension, else by its first character.
bool read_as_geojson(const std::string& path, const std::string& text) {
    const std::string ext = lower(std::filesystem::path(path).extension().string());
    if (ext == ".geojson" || ext == ".json") return true;
    const std::string t = trim(text.substr(0, 64));
    return !t.empty() && (t[0] == '{' || t[0] == '[');
}

}  // namespace

StationSet load_planned_stations(const std::string& path) {
    const std::string text = read_station_file(Kind::planned, path);
    if (trim(text).empty())
        throw input_error(label(Kind::planned, path) + " is empty (expected a GeoJSON FeatureCollection of Points, a "
                          "spreadsheet or a CSV file with " + planned_example + ")");
    PlannedTable table = read_as_geojson(path, text) ? read_planned_geojson(path, text) : read_planned_ogr(path, text);
    return stations_from_table(table);
}

}  // namespace maillon
