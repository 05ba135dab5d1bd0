#include "station_checks.hpp"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>

#include "maillon/errors.hpp"
#include "text.hpp"

namespace maillon::stations {

std::string label(Kind k, const std::string& path) {
    switch (k) {
        case Kind::information: return "GBFS station_information file " + squoted(path);
        case Kind::status: return "GBFS station_status file " + squoted(path);
        case Kind::planned: break;
    }
    return "planned-stations file " + squoted(path);
}

std::string squoted(const std::string& s) { return "'" + s + "'"; }

std::string number(double v) {
    std::ostringstream os;
    os << std::setprecision(10) << v;
    return os.str();
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string sample(const std::vector<std::string>& items, std::size_t max) {
    std::vector<std::string> v(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(std::min(max, items.size())));
    std::string s = text::join(v);
    if (items.size() > max) s += ", …";
    return s;
}

std::string station_ref(const Located& l) { return l.id.empty() ? l.where : "station " + squoted(l.id) + " (" + l.where + ")"; }

namespace {

// Paris and its region as they should be, and as they are when the two values are swapped.
bool in_paris_box(double lat, double lon) { return lat >= 47 && lat <= 50 && lon >= 1 && lon <= 4; }
bool in_swapped_paris_box(double lat, double lon) { return lat >= 1 && lat <= 4 && lon >= 47 && lon <= 50; }

const char* swap_fix(Kind k, bool one_station = false) {
    if (k != Kind::planned) return "the feed is corrupt: download it again with data-scripts/fetch-velib.sh";
    if (one_station) return "swap this station's two values (GeoJSON positions are [longitude, latitude], in that order)";
    return "swap the two values (CSV: exchange the lat and lon column names; GeoJSON: positions are [longitude, "
           "latitude], in that order)";
}

}  // namespace

void check_range(Kind k, const std::string& path, const Located& l) {
    const bool lat_ok = l.lat >= -90 && l.lat <= 90, lon_ok = l.lon >= -180 && l.lon <= 180;
    if (lat_ok && lon_ok) return;
    std::string problem = "has lat " + number(l.lat) + " and lon " + number(l.lon) + ": ";
    problem += !lat_ok ? "lat is outside [-90, 90]" : "lon is outside [-180, 180]";
    std::string fix;
    if (!lat_ok && std::fabs(l.lat) <= 180 && std::fabs(l.lon) <= 90) {
        fix = "lat and lon look swapped: " + std::string(swap_fix(k));
    } else if ((std::fabs(l.lat) > 1000 || std::fabs(l.lon) > 1000) && k != Kind::planned) {
        fix = "these look like metres of a projected CRS, not degrees: the feed is corrupt, download it again with "
              "data-scripts/fetch-velib.sh";
    } else if (std::fabs(l.lat) > 1000 || std::fabs(l.lon) > 1000) {
        // Lambert-93 itself is recognised and reprojected by the planned-station reader (docs/stations-input.md):
        // these are metres of another projected CRS, or not every station is in Lambert-93's range.
        fix = "these look like metres of a projected CRS, not degrees, and not every station fits Lambert-93 "
              "(EPSG:2154, read as such when all stations are in its range; it puts Paris at x ≈ 652 000, "
              "y ≈ 6 862 000): declare the file's CRS (a GeoPackage or a shapefile carries it; beside a CSV or a "
              "spreadsheet put a .prj file of the same name, e.g. gdalsrsinfo -o wkt1 EPSG:3949 > stations.prj for "
              "stations.csv), or convert it to WGS84 longitude/latitude: ogr2ogr -f GeoJSON -t_srs EPSG:4326 OUT.geojson IN";
    } else {
        fix = "coordinates must be WGS84 latitude and longitude in decimal degrees (Paris: lat 48.86, lon 2.35)";
    }
    throw input_error(label(k, path) + ": " + station_ref(l) + " " + problem + "; " + fix);
}

void check_swapped(Kind k, const std::string& path, const std::vector<Located>& all) {
    if (all.empty()) return;
    const bool all_lat_smaller =
        std::all_of(all.begin(), all.end(), [](const Located& l) { return std::fabs(l.lat) < std::fabs(l.lon); });
    std::vector<double> lats, lons;
    for (const Located& l : all) lats.push_back(l.lat), lons.push_back(l.lon);
    const std::size_t mid = lats.size() / 2;
    std::nth_element(lats.begin(), lats.begin() + static_cast<std::ptrdiff_t>(mid), lats.end());
    std::nth_element(lons.begin(), lons.begin() + static_cast<std::ptrdiff_t>(mid), lons.end());
    if (all_lat_smaller && in_swapped_paris_box(lats[mid], lons[mid])) {
        const Located& first = all.front();
        throw input_error(label(k, path) + ": lat and lon look swapped: every station has |lat| < |lon| and they lie "
                          "around lat " + number(lats[mid]) + ", lon " + number(lons[mid]) + " (in the Indian Ocean off Somalia; "
                          "Paris is at lat 48.86, lon 2.35), e.g. " + station_ref(first) + " has lat " + number(first.lat) +
                          ", lon " + number(first.lon) + "; " + swap_fix(k));
    }
    const std::size_t in_paris = static_cast<std::size_t>(
        std::count_if(all.begin(), all.end(), [](const Located& l) { return in_paris_box(l.lat, l.lon); }));
    if (in_paris * 2 < all.size()) return;
    for (const Located& l : all)
        if (in_swapped_paris_box(l.lat, l.lon))
            throw input_error(label(k, path) + ": " + station_ref(l) + " has lat " + number(l.lat) + ", lon " +
                              number(l.lon) + ": lat and lon look swapped (the other stations are around lat 48.8, "
                              "lon 2.3); " + swap_fix(k, true));
}

void IdIndex::add(Kind k, const std::string& path, const std::string& id, const std::string& place, const char* id_name) {
    const auto [it, fresh] = m_where.emplace(id, place);
    if (!fresh)
        throw input_error(label(k, path) + ": duplicate " + id_name + " " + squoted(id) + " at " + it->second + " and " +
                          place + (k == Kind::planned ? "; station ids must be unique (remove the duplicate or give it another id)"
                                                      : "; the feed is corrupt: download it again with data-scripts/fetch-velib.sh"));
}

}  // namespace maillon::stations
