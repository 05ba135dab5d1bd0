#pragma once
// Planned stations as the readers hand them over, whatever the file format: named columns (CSV header,
// spreadsheet first row, GeoJSON properties, GeoPackage/shapefile fields) and one row per station with its cells
// as text, its geometry when the format has one, and where it is in the file for messages. One builder
// (planned_stations_reader.cpp) then detects the fields, reads the values, reprojects and validates, so that a
// station is read the same way from a CSV file, a spreadsheet, a GeoJSON file or a GeoPackage.

#include <cstddef>
#include <string>
#include <vector>

namespace maillon::stations {

struct PlannedRow {
    std::string where;               ///< "line 4" (CSV), "row 5" (spreadsheet), "feature 3" (GeoJSON, GIS layers)
    std::vector<std::string> cells;  ///< by column, trimmed; "" for an empty or null value
    std::string feature_id;          ///< GeoJSON: the feature's own "id" member, used when no id property is found
    enum class Geometry { none, point, bad_point, other } geometry = Geometry::none;
    double x = 0, y = 0;             ///< a point in the file's CRS: longitude/easting, latitude/northing
    std::string geometry_text;       ///< other: its type ("Polygon"); bad_point: its coordinates as written
    std::size_t fields = 0;          ///< CSV: fields on the line (0 elsewhere), to catch unquoted decimal commas
    bool extra_fields = false;       ///< CSV: more non-empty fields than the header names
};

struct PlannedTable {
    enum class Source { csv, spreadsheet, geojson, gis } source = Source::csv;
    std::string path;
    std::vector<std::string> columns;
    std::vector<PlannedRow> rows;    ///< blank rows already dropped
    bool has_geometry = false;       ///< GeoJSON and GIS layers: coordinates come from the geometry
    char delimiter = ',';            ///< CSV
    std::string sheet;               ///< spreadsheets and GIS files: the layer read
    /// The coordinate reference system the file declares (WKT, or a name PROJ knows such as
    /// "urn:ogc:def:crs:EPSG::2154"), "" when it declares none or WGS84 longitude/latitude.
    std::string crs;
    std::string crs_source;          ///< where the CRS was declared: "its 'crs' member", "its .prj file", "its layer"
    std::vector<std::string> warnings;
};

/// A GeoJSON FeatureCollection of Points (nlohmann_json: messages give the line and column of a syntax error).
PlannedTable read_planned_geojson(const std::string& path, const std::string& text);

/// Any other format GDAL/OGR reads: CSV (OGR's CSV driver), XLSX, XLS, ODS, GeoPackage, shapefile (also zipped),
/// KML, … `text` is the file's content, for the checks that come before OGR (empty file, not CSV, UTF-16).
PlannedTable read_planned_ogr(const std::string& path, const std::string& text);

}  // namespace maillon::stations
