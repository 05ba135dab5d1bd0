#pragma once
// Bike-share stations: the existing Vélib' Métropole stations from the GBFS feed (station_information.json, with
// station_status.json to know which are not installed) and the *planned* stations a planner wants ranked, from a
// GeoJSON FeatureCollection of Points, a CSV file, a spreadsheet or a GIS file (through GDAL/OGR). See
// docs/stations-input.md for the accepted formats, the field detection, the coordinate systems and the errors.
// Implementation: importers/src/gbfs_reader.cpp, planned_stations_reader.cpp and the files they name.
//
// Both loaders throw input_error (naming the file, the problem and the fix) on unusable data; recoverable oddities
// (a capacity that is not a number, status entries for unknown stations, …) go to StationSet::warnings. Whether a
// station lies inside the OSM extract is not checked here: the engine reports stations outside it.

#include <optional>
#include <string>
#include <vector>

#include "maillon/geo.hpp"

namespace maillon {

struct StationRecord {
    std::string id;                 ///< GBFS station_id (as text: Vélib' ids are integers), or the planned station's id
    std::string name;               ///< station name; the id when the planned-stations file has no name field
    Coord coord;                    ///< WGS84 longitude/latitude
    std::optional<int> capacity;    ///< docks, when given
    std::string code;               ///< Vélib' stationCode (e.g. "16107"), or ""
    bool installed = true;          ///< false when station_status.json says is_installed = 0/false
};

struct StationSet {
    std::string path;                    ///< the file the stations were read from
    std::vector<StationRecord> stations; ///< in file order
    std::vector<std::string> warnings;   ///< one sentence each
};

/// GBFS station_information.json (GBFS 1.x/2.x, and 3.0's localised names: {"data": {"stations": [...]}, ...}).
/// `status_path`, when not empty, is the matching station_status.json: stations with is_installed = 0/false are
/// kept with installed = false and counted in a warning. Throws input_error when a file is missing, is not JSON, is
/// another GBFS file (gbfs.json, station_status.json given as information or the reverse, free_bike_status.json, …:
/// the message says which file it looks like and which one to give), has no station, a station without station_id,
/// lat or lon, coordinates out of range or that look swapped, or duplicate station ids.
StationSet load_gbfs_stations(const std::string& information_path, const std::string& status_path = "");

/// Planned stations: a GeoJSON FeatureCollection of Point features (properties id|station_id|code|identifiant,
/// name|nom|libelle, capacity|capacite, matched case-insensitively), or a table GDAL/OGR reads — a CSV file through
/// its CSV driver (',' ';' or tab separated, quoted fields, decimal commas "48,85"; UTF-8, or Windows-1252 as Excel
/// writes it), a spreadsheet (XLSX, XLS, ODS), a GeoPackage, a shapefile… — with a header naming id, name,
/// lat|latitude|y, lon|longitude|lng|x and optionally capacity, or point geometries. The format comes from the
/// extension (.geojson/.json: GeoJSON, else GDAL), else from the content. Coordinates are reprojected to WGS84 by
/// PROJ from the CRS the file declares (layer, 'crs' member, a .prj file beside a CSV), else from Lambert-93 when
/// every station is in its range (with a warning). Throws input_error on a missing, empty or unreadable file, a
/// missing column or field (the columns/fields found are listed), a station without coordinates, coordinates out of
/// range or that look swapped, duplicate ids (both lines/rows/features named).
StationSet load_planned_stations(const std::string& path);

}  // namespace maillon
