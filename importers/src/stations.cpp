#include "text.hpp"
#include "maillon/importers/stations.hpp"
#include "maillon/importers/json_input.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "maillon/errors.hpp"

namespace maillon {

namespace {

using json = nlohmann::ordered_json;  // keeps property order: fields are listed as the file has them

// --- small text helpers -----------------------------------------------------------------------------------

using text::lower;

using text::trim;

using text::join;

std::string squoted(const std::string& s) { return "'" + s + "'"; }

std::string number(double v) {
    std::ostringstream os;
    os << std::setprecision(10) << v;
    return os.str();
}

std::string plural(std::size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

// A JSON scalar as text: strings trimmed, integral numbers without ".0", null "".
std::string text_of(const json& v) {
    if (v.is_string()) return trim(v.get<std::string>());
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    if (v.is_number_unsigned()) return std::to_string(v.get<unsigned long long>());
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
        return v.dump();
    }
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_null()) return "";
    return v.dump();
}

// A decimal number written by a person or a spreadsheet: "48.85", "48,85" (decimal comma), " 2.35 ".
std::optional<double> parse_decimal(const std::string& raw) {
    std::string t = trim(raw);
    if (t.empty()) return std::nullopt;
    if (std::count(t.begin(), t.end(), ',') == 1 && t.find('.') == std::string::npos) std::replace(t.begin(), t.end(), ',', '.');
    char* end = nullptr;
    errno = 0;
    const double d = std::strtod(t.c_str(), &end);
    if (end != t.c_str() + t.size() || errno == ERANGE || !std::isfinite(d)) return std::nullopt;
    return d;
}

// A JSON value as a number: a number, or a numeric string.
std::optional<double> number_of(const json& v) {
    if (v.is_number()) {
        const double d = v.get<double>();
        return std::isfinite(d) ? std::optional<double>(d) : std::nullopt;
    }
    if (v.is_string()) return parse_decimal(v.get<std::string>());
    return std::nullopt;
}

// A capacity: a whole number >= 0 (20, 20.0, "20"); `problem` set when present but unusable.
std::optional<int> capacity_of(const std::optional<double>& d, bool present, const std::string& raw, std::string& problem) {
    if (!present) return std::nullopt;
    if (!d || *d < 0 || *d != std::floor(*d) || *d > 1e6) {
        problem = raw;
        return std::nullopt;
    }
    return static_cast<int>(*d);
}

// --- files ----------------------------------------------------------------------------------------------------

enum class Kind { information, status, planned };

std::string label(Kind k, const std::string& path) {
    switch (k) {
        case Kind::information: return "GBFS station_information file " + squoted(path);
        case Kind::status: return "GBFS station_status file " + squoted(path);
        case Kind::planned: break;
    }
    return "planned-stations file " + squoted(path);
}

std::string read_file(Kind k, const std::string& path) {
    namespace fs = std::filesystem;
    const std::string what = label(k, path);
    if (path.empty()) throw input_error(std::string(k == Kind::planned ? "planned-stations" : "GBFS") + " file: no path given");
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) {
        const std::string fix =
            k == Kind::planned ? "check the path; docs/stations-input.md shows the GeoJSON and CSV formats accepted"
                               : "check the path; data-scripts/fetch-velib.sh downloads station_information.json and "
                                 "station_status.json to data/velib/";
        throw input_error(what + " not found (" + fix + ")");
    }
    if (fs::is_directory(st)) throw input_error(what + " is a directory, not a file (give the file in it)");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw input_error("cannot read the " + what + " (check its permissions)");
    std::ostringstream os;
    os << in.rdbuf();
    if (in.bad()) throw input_error("cannot read the " + what + " (I/O error)");
    std::string text = os.str();
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);  // UTF-8 byte-order mark (Excel, Notepad)
    return text;
}

// What a file that is neither JSON nor CSV probably is, from its first bytes ("" if nothing recognisable).
std::string binary_kind(const std::string& text) {
    if (text.compare(0, 2, "\xFF\xFE") == 0 || text.compare(0, 2, "\xFE\xFF") == 0)
        return "it is UTF-16 text (Excel's \"Unicode text\"): save it as \"CSV UTF-8\" instead";
    if (text.compare(0, 4, "PK\x03\x04") == 0)
        return "it looks like a zip archive or an Excel/LibreOffice workbook (.xlsx, .ods): save the sheet as CSV "
               "(File > Save as > CSV UTF-8) or unzip the archive";
    if (text.compare(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") == 0)
        return "it looks like an old Excel workbook (.xls): save the sheet as CSV (File > Save as > CSV UTF-8)";
    if (text.compare(0, 15, "SQLite format 3") == 0)
        return "it looks like a GeoPackage: convert it with ogr2ogr -f GeoJSON -t_srs EPSG:4326 OUT.geojson IN.gpkg";
    if (text.size() >= 4 && static_cast<unsigned char>(text[0]) == 0x00 && static_cast<unsigned char>(text[1]) == 0x00 &&
        static_cast<unsigned char>(text[2]) == 0x27 && static_cast<unsigned char>(text[3]) == 0x0A)
        return "it looks like an ESRI shapefile: convert it with ogr2ogr -f GeoJSON -t_srs EPSG:4326 OUT.geojson IN.shp";
    if (text.find('\0') != std::string::npos) return "it is binary data, not text";
    return "";
}

bool looks_like_html(const std::string& text) {
    const std::string head = lower(trim(text.substr(0, 200)));
    return head.compare(0, 9, "<!doctype") == 0 || head.compare(0, 5, "<html") == 0;
}

json parse_json(Kind k, const std::string& path, const std::string& text, const char* expected) {
    const std::string what = label(k, path);
    if (trim(text).empty()) throw input_error(what + " is empty (expected " + expected + ")");
    try {
        return importers::parse_json_bounded(text, what);
    } catch (const json::parse_error& e) {
        const std::size_t upto = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
        std::size_t line = 1, col = 1;
        for (std::size_t i = 0; i < upto; ++i) {
            if (text[i] == '\n') ++line, col = 1;
            else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
        }
        std::string msg = e.what();
        const auto colon = msg.find(": ");
        if (colon != std::string::npos) msg = msg.substr(colon + 2);
        std::string hint;
        const std::string bin = binary_kind(text);
        if (!bin.empty()) hint = "; " + bin;
        else if (looks_like_html(text))
            hint = "; it is an HTML page (the download returned an error page?): download the file again";
        else if (k == Kind::planned && text.find('\n') != std::string::npos &&
                 (text.substr(0, text.find('\n')).find(',') != std::string::npos ||
                  text.substr(0, text.find('\n')).find(';') != std::string::npos))
            hint = "; it looks like CSV text: give it a .csv extension";
        else hint = std::string("; expected ") + expected;
        throw input_error(what + " is not valid JSON: line " + std::to_string(line) + ", column " + std::to_string(col) +
                          ": " + msg + hint);
    }
}

// --- coordinates ----------------------------------------------------------------------------------------------

// One station's coordinates as read, with where it is in the file for messages.
struct Located {
    double lat = 0, lon = 0;
    std::string where;  // "line 4", "feature 3", "station 17 of data.stations"
    std::string id;
};

std::string station_ref(const Located& l) { return l.id.empty() ? l.where : "station " + squoted(l.id) + " (" + l.where + ")"; }

// Paris and its region as they should be, and as they are when the two values are swapped.
bool in_paris_box(double lat, double lon) { return lat >= 47 && lat <= 50 && lon >= 1 && lon <= 4; }
bool in_swapped_paris_box(double lat, double lon) { return lat >= 1 && lat <= 4 && lon >= 47 && lon <= 50; }

const char* swap_fix(Kind k, bool one_station = false) {
    if (k != Kind::planned) return "the feed is corrupt: download it again with data-scripts/fetch-velib.sh";
    if (one_station) return "swap this station's two values (GeoJSON positions are [longitude, latitude], in that order)";
    return "swap the two values (CSV: exchange the lat and lon column names; GeoJSON: positions are [longitude, "
           "latitude], in that order)";
}

// Range of one station: [-90, 90] × [-180, 180], with a hint when the values are swapped or projected metres.
void check_range(Kind k, const std::string& path, const Located& l) {
    const bool lat_ok = l.lat >= -90 && l.lat <= 90, lon_ok = l.lon >= -180 && l.lon <= 180;
    if (lat_ok && lon_ok) return;
    std::string problem = "has lat " + number(l.lat) + " and lon " + number(l.lon) + ": ";
    problem += !lat_ok ? "lat is outside [-90, 90]" : "lon is outside [-180, 180]";
    std::string fix;
    if (!lat_ok && std::fabs(l.lat) <= 180 && std::fabs(l.lon) <= 90) {
        fix = "lat and lon look swapped: " + std::string(swap_fix(k));
    } else if (std::fabs(l.lat) > 1000 || std::fabs(l.lon) > 1000) {
        fix = "these look like metres of a projected CRS, not degrees (Lambert-93, EPSG:2154, puts Paris at x ≈ 652 000, "
              "y ≈ 6 862 000): convert to WGS84 longitude/latitude first (GeoJSON: ogr2ogr -f GeoJSON -t_srs EPSG:4326 "
              "OUT.geojson IN; CSV: ogr2ogr -f GeoJSON -s_srs EPSG:2154 -t_srs EPSG:4326 -oo X_POSSIBLE_NAMES=x "
              "-oo Y_POSSIBLE_NAMES=y OUT.geojson IN.csv)";
    } else {
        fix = "coordinates must be WGS84 latitude and longitude in decimal degrees (Paris: lat 48.86, lon 2.35)";
    }
    throw input_error(label(k, path) + ": " + station_ref(l) + " " + problem + "; " + fix);
}

// The swap heuristic (documented in docs/stations-input.md):
//  - the whole set: every station has |lat| < |lon| and the median station lies in the swapped Paris box (lat in
//    [1, 4], lon in [47, 50]) -> "lat and lon look swapped" (Paris is at lat 48.86, lon 2.35);
//  - one station: at least half of the stations lie in the Paris box (lat in [47, 50], lon in [1, 4]) and this one
//    lies in the swapped box -> the same error naming that station.
void check_swapped(Kind k, const std::string& path, const std::vector<Located>& all) {
    if (all.empty()) return;
    const bool all_lat_smaller =
        std::all_of(all.begin(), all.end(), [](const Located& l) { return std::fabs(l.lat) < std::fabs(l.lon); });
    std::vector<double> lats, lons;
    for (const Located& l : all) lats.push_back(l.lat), lons.push_back(l.lon);
    const std::size_t mid = lats.size() / 2;
    std::nth_element(lats.begin(), lats.begin() + mid, lats.end());
    std::nth_element(lons.begin(), lons.begin() + mid, lons.end());
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

// Duplicate ids: an error naming the id and both places.
struct IdIndex {
    std::unordered_map<std::string, std::string> where;  // id -> first place
    void add(Kind k, const std::string& path, const std::string& id, const std::string& place, const char* id_name) {
        const auto [it, fresh] = where.emplace(id, place);
        if (!fresh)
            throw input_error(label(k, path) + ": duplicate " + id_name + " " + squoted(id) + " at " + it->second + " and " +
                              place + (k == Kind::planned ? "; station ids must be unique (remove the duplicate or give it another id)"
                                                          : "; the feed is corrupt: download it again with data-scripts/fetch-velib.sh"));
    }
};

// At most `max` items, then "…".
std::string sample(const std::vector<std::string>& items, std::size_t max = 5) {
    std::vector<std::string> v(items.begin(), items.begin() + static_cast<std::ptrdiff_t>(std::min(max, items.size())));
    std::string s = join(v);
    if (items.size() > max) s += ", …";
    return s;
}

// --- GBFS ---------------------------------------------------------------------------------------------------

// Which GBFS file (or other JSON) a document is.
struct Shape {
    enum Type { information, status, stations_empty, feed_index, other_gbfs, geojson, other } type = other;
    std::string name;  // for other_gbfs: the file's name; for other: a description
    std::string information_url, status_url;  // for feed_index, when listed
};

void collect_feed_urls(const json& feeds, Shape& s) {
    if (!feeds.is_array()) return;
    for (const json& f : feeds) {
        if (!f.is_object() || !f.contains("name") || !f.contains("url")) continue;
        const std::string name = text_of(f["name"]), url = text_of(f["url"]);
        if (name == "station_information" && s.information_url.empty()) s.information_url = url;
        if (name == "station_status" && s.status_url.empty()) s.status_url = url;
    }
}

Shape shape_of(const json& root) {
    Shape s;
    if (!root.is_object()) {
        s.name = std::string("a JSON ") + root.type_name() + " (GBFS files are objects with a \"data\" member)";
        return s;
    }
    if (root.contains("type") && root["type"].is_string() &&
        (root["type"] == "FeatureCollection" || root["type"] == "Feature")) {
        s.type = Shape::geojson;
        return s;
    }
    if (!root.contains("data") || !root["data"].is_object()) {
        if (root.contains("versions")) {
            s.type = Shape::other_gbfs;
            s.name = "gbfs_versions.json";
            return s;
        }
        s.name = "a JSON object without a \"data\" object (not a GBFS file)";
        return s;
    }
    const json& data = root["data"];
    if (data.contains("stations") && data["stations"].is_array()) {
        std::size_t located = 0, with_status = 0;
        for (const json& st : data["stations"]) {
            if (!st.is_object()) continue;
            if (st.contains("lat") || st.contains("lon")) ++located;
            if (st.contains("is_installed") || st.contains("num_bikes_available") || st.contains("num_docks_available") ||
                st.contains("num_vehicles_available") || st.contains("is_renting"))
                ++with_status;
        }
        if (data["stations"].empty()) s.type = Shape::stations_empty;
        else if (located > 0 && located >= with_status) s.type = Shape::information;
        else if (with_status > 0) s.type = Shape::status;
        else s.type = Shape::information;  // stations with neither: the per-station checks say what is missing
        return s;
    }
    // GBFS 3: data.feeds; GBFS 1.x/2.x: data.<language>.feeds.
    if (data.contains("feeds")) {
        s.type = Shape::feed_index;
        collect_feed_urls(data["feeds"], s);
        return s;
    }
    for (const auto& [lang, v] : data.items()) {
        if (v.is_object() && v.contains("feeds")) {
            s.type = Shape::feed_index;
            collect_feed_urls(v["feeds"], s);
            if (!s.information_url.empty()) return s;
        }
    }
    if (s.type == Shape::feed_index) return s;
    static const std::pair<const char*, const char*> others[] = {
        {"bikes", "free_bike_status.json"},     {"vehicles", "vehicle_status.json"},
        {"system_id", "system_information.json"}, {"regions", "system_regions.json"},
        {"plans", "system_pricing_plans.json"}, {"alerts", "system_alerts.json"},
        {"geofencing_zones", "geofencing_zones.json"}, {"vehicle_types", "vehicle_types.json"},
        {"rental_hours", "system_hours.json"},  {"calendars", "system_calendar.json"},
        {"versions", "gbfs_versions.json"}};
    for (const auto& [member, file] : others) {
        if (data.contains(member)) {
            s.type = Shape::other_gbfs;
            s.name = file;
            return s;
        }
    }
    std::vector<std::string> members;
    for (const auto& [key, v] : data.items()) members.push_back(key);
    s.name = "a JSON object whose \"data\" has no \"stations\" list (members: " +
             (members.empty() ? std::string("none") : sample(members, 8)) + ")";
    return s;
}

// The error for a document that is not the GBFS file expected.
[[noreturn]] void wrong_gbfs_file(Kind k, const std::string& path, const Shape& s) {
    const std::string what = label(k, path);
    const std::string wanted = k == Kind::information ? "station_information.json" : "station_status.json";
    switch (s.type) {
        case Shape::feed_index: {
            const std::string& url = k == Kind::information ? s.information_url : s.status_url;
            throw input_error(what + " looks like the GBFS feed index gbfs.json (it lists the feeds' URLs, no station); give " +
                              wanted + (url.empty() ? std::string("") : " (listed in it: " + url + ")") +
                              " instead (data-scripts/fetch-velib.sh downloads both station files)");
        }
        case Shape::status:
            throw input_error(what + " looks like station_status.json (its stations have is_installed / "
                              "num_bikes_available and no lat/lon); give station_information.json as the information "
                              "file (--stations), and this one as the status file (--station-status)");
        case Shape::information:
            throw input_error(what + " looks like station_information.json (its stations have lat/lon and no "
                              "is_installed); give station_status.json as the status file (--station-status), and this "
                              "one as the information file (--stations)");
        case Shape::other_gbfs:
            throw input_error(what + " looks like the GBFS file " + s.name + ", not " + wanted + "; give " + wanted +
                              " (data-scripts/fetch-velib.sh downloads it)");
        case Shape::geojson:
            throw input_error(what + " is GeoJSON, not a GBFS " + wanted +
                              (k == Kind::information ? std::string("; if it holds planned stations give it as such "
                                                                    "(--planned, load_planned_stations); existing Vélib' "
                                                                    "stations come from the GBFS feed "
                                                                    "(data-scripts/fetch-velib.sh)")
                                                      : std::string("; give the feed's station_status.json")));
        case Shape::stations_empty:
            throw input_error(what + " has no station (its data.stations list is empty); download the feed again with "
                              "data-scripts/fetch-velib.sh");
        case Shape::other: break;
    }
    throw input_error(what + " is " + s.name + ", not a GBFS " + wanted +
                      " ({\"data\": {\"stations\": [...]}}); give the feed's " + wanted +
                      " (data-scripts/fetch-velib.sh downloads it)");
}

// GBFS 3.0 localised strings: [{"text": "…", "language": "fr"}, …]. French first, else the first one.
std::string localised_text(const json& v) {
    if (!v.is_array()) return text_of(v);
    std::string first;
    for (const json& e : v) {
        if (!e.is_object() || !e.contains("text")) continue;
        const std::string t = text_of(e["text"]);
        if (e.contains("language") && lower(text_of(e["language"])).compare(0, 2, "fr") == 0) return t;
        if (first.empty()) first = t;
    }
    return first;
}

std::optional<long long> timestamp_of(const json& root) {
    for (const char* key : {"last_updated", "lastUpdatedOther"}) {
        if (!root.contains(key)) continue;
        const json& v = root[key];
        if (v.is_number()) return static_cast<long long>(v.get<double>());
        // GBFS 3.0: an RFC 3339 date-time; not compared.
    }
    return std::nullopt;
}

void apply_status(StationSet& set, const json& info_root, const std::string& status_path) {
    const std::string text = read_file(Kind::status, status_path);
    const json root = parse_json(Kind::status, status_path, text, "the GBFS station_status.json");
    const Shape s = shape_of(root);
    if (s.type != Shape::status) wrong_gbfs_file(Kind::status, status_path, s);
    const std::string what = label(Kind::status, status_path);

    std::unordered_map<std::string, std::size_t> index;
    for (std::size_t i = 0; i < set.stations.size(); ++i) index.emplace(set.stations[i].id, i);

    std::vector<char> seen(set.stations.size(), 0);
    std::size_t matched = 0, entries = 0;
    std::vector<std::string> unknown, no_flag, bad_flag, not_installed;
    const json& stations = root["data"]["stations"];
    for (std::size_t n = 0; n < stations.size(); ++n) {
        const json& st = stations[n];
        if (!st.is_object() || !st.contains("station_id")) continue;
        ++entries;
        const std::string id = text_of(st["station_id"]);
        const auto it = index.find(id);
        if (it == index.end()) {
            unknown.push_back(id);
            continue;
        }
        ++matched;
        seen[it->second] = 1;
        StationRecord& rec = set.stations[it->second];
        if (!st.contains("is_installed") || st["is_installed"].is_null()) {
            no_flag.push_back(id);
            continue;
        }
        const json& f = st["is_installed"];
        std::optional<bool> installed;
        if (f.is_boolean()) installed = f.get<bool>();
        else if (f.is_number()) installed = f.get<double>() != 0;
        else if (f.is_string()) {
            const std::string t = lower(trim(f.get<std::string>()));
            if (t == "1" || t == "true") installed = true;
            if (t == "0" || t == "false") installed = false;
        }
        if (!installed) {
            bad_flag.push_back(id + " (" + f.dump() + ")");
            continue;
        }
        rec.installed = *installed;
        if (!rec.installed) not_installed.push_back(id + " " + rec.name);
    }
    if (matched == 0)
        throw input_error(what + " has no station_id in common with the " + label(Kind::information, set.path) + " (" +
                          plural(entries, "status entry", "status entries") + ", " +
                          plural(set.stations.size(), "station", "stations") +
                          "): the two files come from different feeds; give the station_status.json of the same feed, "
                          "downloaded at the same time (data-scripts/fetch-velib.sh)");

    if (!not_installed.empty())
        set.warnings.push_back(plural(not_installed.size(), "station", "stations") + " of " +
                               std::to_string(set.stations.size()) + " " + (not_installed.size() == 1 ? "is" : "are") +
                               " not installed (is_installed = 0 in " + squoted(status_path) +
                               "); kept with installed = false: " + sample(not_installed));
    std::vector<std::string> absent;
    for (std::size_t i = 0; i < seen.size(); ++i)
        if (!seen[i]) absent.push_back(set.stations[i].id);
    if (!absent.empty())
        set.warnings.push_back(plural(absent.size(), "station", "stations") + " of the information file " +
                               (absent.size() == 1 ? "is" : "are") + " absent from " + squoted(status_path) +
                               "; taken as installed: " + sample(absent));
    if (!unknown.empty())
        set.warnings.push_back(plural(unknown.size(), "entry", "entries") + " of " + squoted(status_path) +
                               " name a station_id the information file does not have; ignored: " + sample(unknown));
    if (!no_flag.empty())
        set.warnings.push_back(plural(no_flag.size(), "entry", "entries") + " of " + squoted(status_path) +
                               " have no is_installed; taken as installed: " + sample(no_flag));
    if (!bad_flag.empty())
        set.warnings.push_back(plural(bad_flag.size(), "entry", "entries") + " of " + squoted(status_path) +
                               " have an is_installed that is neither 0/1 nor false/true; taken as installed: " +
                               sample(bad_flag));
    const auto t_info = timestamp_of(info_root), t_status = timestamp_of(root);
    if (t_info && t_status && std::llabs(*t_info - *t_status) > 86400)
        set.warnings.push_back("the information and status files were published " +
                               std::to_string(std::llabs(*t_info - *t_status) / 3600) +
                               " hours apart; download both again with data-scripts/fetch-velib.sh for a consistent "
                               "snapshot");
}

}  // namespace

StationSet load_gbfs_stations(const std::string& information_path, const std::string& status_path) {
    const Kind k = Kind::information;
    const std::string text = read_file(k, information_path);
    const json root = parse_json(k, information_path, text, "the GBFS station_information.json");
    const Shape s = shape_of(root);
    if (s.type != Shape::information) wrong_gbfs_file(k, information_path, s);
    const std::string what = label(k, information_path);

    StationSet set;
    set.path = information_path;
    const json& stations = root["data"]["stations"];
    set.stations.reserve(stations.size());
    std::vector<Located> located;
    located.reserve(stations.size());
    IdIndex ids;
    std::vector<std::string> unnamed, bad_capacity;
    for (std::size_t n = 0; n < stations.size(); ++n) {
        const json& st = stations[n];
        const std::string where = "station " + std::to_string(n + 1) + " of data.stations";
        if (!st.is_object()) throw input_error(what + ": " + where + " is not a JSON object; download the feed again");
        StationRecord rec;
        rec.id = st.contains("station_id") ? text_of(st["station_id"]) : "";
        if (rec.id.empty())
            throw input_error(what + ": " + where + " has no station_id (" + st.dump().substr(0, 160) +
                              "); the feed is not valid GBFS, download it again");
        ids.add(k, information_path, rec.id, where, "station_id");
        rec.name = st.contains("name") ? localised_text(st["name"]) : "";
        if (rec.name.empty()) {
            rec.name = rec.id;
            unnamed.push_back(rec.id);
        }
        if (st.contains("stationCode")) rec.code = text_of(st["stationCode"]);
        Located l;
        l.where = where;
        l.id = rec.id;
        const std::optional<double> lat = st.contains("lat") ? number_of(st["lat"]) : std::nullopt;
        const std::optional<double> lon = st.contains("lon") ? number_of(st["lon"]) : std::nullopt;
        if (!lat || !lon) {
            const bool absent = !st.contains("lat") || !st.contains("lon") || st["lat"].is_null() || st["lon"].is_null();
            throw input_error(what + ": " + station_ref(l) + (absent ? " has no lat/lon" : " has a lat/lon that is not a number") +
                              " (lat " + (st.contains("lat") ? st["lat"].dump() : "absent") + ", lon " +
                              (st.contains("lon") ? st["lon"].dump() : "absent") +
                              "); the feed is not valid GBFS, download it again with data-scripts/fetch-velib.sh");
        }
        l.lat = *lat, l.lon = *lon;
        check_range(k, information_path, l);
        rec.coord = Coord::from_degrees(l.lon, l.lat);
        if (st.contains("capacity") && !st["capacity"].is_null()) {
            std::string problem;
            rec.capacity = capacity_of(number_of(st["capacity"]), true, st["capacity"].dump(), problem);
            if (!problem.empty()) bad_capacity.push_back(rec.id + " (" + problem + ")");
        }
        located.push_back(std::move(l));
        set.stations.push_back(std::move(rec));
    }
    check_swapped(k, information_path, located);
    if (!unnamed.empty())
        set.warnings.push_back(plural(unnamed.size(), "station", "stations") + " of " + squoted(information_path) +
                               " have no name; named by their station_id: " + sample(unnamed));
    if (!bad_capacity.empty())
        set.warnings.push_back(plural(bad_capacity.size(), "station", "stations") + " of " + squoted(information_path) +
                               " have a capacity that is not a whole number >= 0; capacity unknown: " + sample(bad_capacity));
    if (!status_path.empty()) apply_status(set, root, status_path);
    return set;
}

// --- planned stations -------------------------------------------------------------------------------------------

namespace {

const std::vector<std::string>& id_candidates() {
    static const std::vector<std::string> v{"id", "station_id", "code", "identifiant"};
    return v;
}
const std::vector<std::string>& name_candidates() {
    static const std::vector<std::string> v{"name", "nom", "libelle", "libellé"};
    return v;
}
const std::vector<std::string>& capacity_candidates() {
    static const std::vector<std::string> v{"capacity", "capacite", "capacité"};
    return v;
}
const std::vector<std::string>& lat_candidates() {
    static const std::vector<std::string> v{"lat", "latitude", "y"};
    return v;
}
const std::vector<std::string>& lon_candidates() {
    static const std::vector<std::string> v{"lon", "longitude", "lng", "long", "x"};
    return v;
}
// Opendatasoft exports (opendata.paris.fr): one column "lat, lon".
const std::vector<std::string>& latlon_candidates() {
    static const std::vector<std::string> v{"geo_point_2d", "coordonnees_geo", "coordonnées géographiques",
                                            "coordonnees geographiques"};
    return v;
}

// Index in `names` of the first candidate present (case-insensitively), or -1.
long find_field(const std::vector<std::string>& names, const std::vector<std::string>& candidates) {
    for (const std::string& c : candidates)
        for (std::size_t i = 0; i < names.size(); ++i)
            if (lower(trim(names[i])) == c) return static_cast<long>(i);
    return -1;
}

const char* const planned_example =
    "a header such as id,name,lat,lon,capacity (see docs/stations-input.md)";

StationSet load_planned_geojson(const std::string& path, const std::string& text) {
    const Kind k = Kind::planned;
    const std::string what = label(k, path);
    const json root = parse_json(k, path, text, "a GeoJSON FeatureCollection of Points or a CSV file");
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
    if (root.contains("crs") && root["crs"].is_object()) {
        const json& crs = root["crs"];
        std::string declared;
        if (crs.contains("properties") && crs["properties"].is_object() && crs["properties"].contains("name"))
            declared = text_of(crs["properties"]["name"]);
        std::string u;
        for (char c : declared) u += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        const bool wgs84 = u.empty() || u.find("CRS84") != std::string::npos ||
                           (u.size() >= 4 && u.compare(u.size() - 4, 4, "4326") == 0) || u == "WGS84";
        if (!wgs84)
            throw input_error(what + " declares the coordinate reference system " + squoted(declared) +
                              " in its 'crs' member, not WGS84 longitude/latitude; convert it with "
                              "ogr2ogr -f GeoJSON -t_srs EPSG:4326 OUT.geojson IN");
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
    // Fields, in order of first appearance.
    std::vector<std::string> fields;
    for (const json& f : features) {
        if (!f.is_object() || !f.contains("properties") || !f["properties"].is_object()) continue;
        for (const auto& [key, v] : f["properties"].items())
            if (std::find(fields.begin(), fields.end(), key) == fields.end()) fields.push_back(key);
    }
    const long id_i = find_field(fields, id_candidates());
    const long name_i = find_field(fields, name_candidates());
    const long cap_i = find_field(fields, capacity_candidates());
    const std::string id_field = id_i >= 0 ? fields[id_i] : "";
    const std::string name_field = name_i >= 0 ? fields[name_i] : "";
    const std::string cap_field = cap_i >= 0 ? fields[cap_i] : "";
    const bool any_feature_id = std::any_of(features.begin(), features.end(), [](const json& f) {
        return f.is_object() && f.contains("id") && !text_of(f["id"]).empty();
    });
    if (id_field.empty() && !any_feature_id)
        throw input_error(what + " has no id field: none of the properties " + join(id_candidates(), "|") +
                          " (matched case-insensitively) and no feature \"id\"; properties found: " +
                          (fields.empty() ? std::string("none") : join(fields)) +
                          "; add an \"id\" property to each feature (or rename the field that identifies the stations)");

    StationSet set;
    set.path = path;
    std::vector<Located> located;
    IdIndex ids;
    std::vector<std::string> bad_capacity;
    std::size_t unnamed = 0;
    for (std::size_t n = 0; n < features.size(); ++n) {
        const json& f = features[n];
        const std::string where = "feature " + std::to_string(n + 1);
        const json empty = json::object();
        const json& props = f.contains("properties") && f["properties"].is_object() ? f["properties"] : empty;
        StationRecord rec;
        if (!id_field.empty() && props.contains(id_field)) rec.id = text_of(props[id_field]);
        if (rec.id.empty() && f.contains("id")) rec.id = text_of(f["id"]);
        if (rec.id.empty())
            throw input_error(what + ": " + where + " has no id (" +
                              (id_field.empty() ? std::string("no feature \"id\"") : "property " + squoted(id_field) + " empty or absent") +
                              "); give every planned station an id");
        ids.add(k, path, rec.id, where, "id");
        if (!name_field.empty() && props.contains(name_field)) rec.name = text_of(props[name_field]);
        if (rec.name.empty()) {
            rec.name = rec.id;
            if (!name_field.empty()) ++unnamed;
        }
        if (!cap_field.empty() && props.contains(cap_field) && !props[cap_field].is_null() && text_of(props[cap_field]) != "") {
            std::string problem;
            rec.capacity = capacity_of(number_of(props[cap_field]), true, props[cap_field].dump(), problem);
            if (!problem.empty()) bad_capacity.push_back(rec.id + " (" + problem + ")");
        }
        Located l;
        l.where = where;
        l.id = rec.id;
        const json* g = f.contains("geometry") && !f["geometry"].is_null() ? &f["geometry"] : nullptr;
        if (!g)
            throw input_error(what + ": " + station_ref(l) + " has no geometry, so no lat/lon; give it a Point geometry "
                              "with [longitude, latitude]");
        const std::string gtype = g->is_object() && g->contains("type") ? text_of((*g)["type"]) : "";
        const json* pos = nullptr;
        if (gtype == "Point" && g->contains("coordinates")) pos = &(*g)["coordinates"];
        else if (gtype == "MultiPoint" && g->contains("coordinates") && (*g)["coordinates"].is_array() &&
                 (*g)["coordinates"].size() == 1)
            pos = &(*g)["coordinates"][0];
        else if (gtype != "Point")
            throw input_error(what + ": " + station_ref(l) + " is a " + (gtype.empty() ? std::string("geometry without type") : gtype) +
                              ", not a Point; planned stations are points (for areas, take their centroid, e.g. "
                              "ogr2ogr -f GeoJSON OUT.geojson IN -dialect sqlite -sql \"SELECT *, ST_Centroid(geometry) "
                              "AS geometry FROM layer\")");
        if (!pos || !pos->is_array() || pos->size() < 2 || !(*pos)[0].is_number() || !(*pos)[1].is_number())
            throw input_error(what + ": " + station_ref(l) + " has no lat/lon: its Point coordinates are " +
                              (pos ? pos->dump() : std::string("absent")) + ", expected [longitude, latitude] numbers");
        l.lon = (*pos)[0].get<double>(), l.lat = (*pos)[1].get<double>();
        check_range(k, path, l);
        rec.coord = Coord::from_degrees(l.lon, l.lat);
        located.push_back(std::move(l));
        set.stations.push_back(std::move(rec));
    }
    check_swapped(k, path, located);
    if (name_field.empty())
        set.warnings.push_back(squoted(path) + " has no name field (" + join(name_candidates(), "|") +
                               "); stations are named by their id");
    else if (unnamed > 0)
        set.warnings.push_back(plural(unnamed, "station", "stations") + " of " + squoted(path) + " have an empty " +
                               squoted(name_field) + "; named by their id");
    if (!bad_capacity.empty())
        set.warnings.push_back(plural(bad_capacity.size(), "station", "stations") + " of " + squoted(path) +
                               " have a capacity that is not a whole number >= 0; capacity unknown: " + sample(bad_capacity));
    return set;
}

// --- CSV --------------------------------------------------------------------------------------------------------

bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        if (c < 0x80) n = 0;
        else if (c >= 0xC2 && c <= 0xDF) n = 1;
        else if (c >= 0xE0 && c <= 0xEF) n = 2;
        else if (c >= 0xF0 && c <= 0xF4) n = 3;
        else return false;
        if (i + n >= s.size()) return false;
        for (std::size_t j = 1; j <= n; ++j)
            if ((static_cast<unsigned char>(s[i + j]) & 0xC0) != 0x80) return false;
        i += n + 1;
    }
    return true;
}

void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Windows-1252 (what Excel writes for "CSV (séparateur : point-virgule)" on a French Windows) to UTF-8.
std::string cp1252_to_utf8(const std::string& s) {
    static const std::uint16_t high[32] = {0x20AC, 0x81,   0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                           0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,   0x017D, 0x8F,
                                           0x90,   0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                           0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,   0x017E, 0x0178};
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (char ch : s) {
        const unsigned char c = static_cast<unsigned char>(ch);
        append_utf8(out, c >= 0x80 && c < 0xA0 ? high[c - 0x80] : c);
    }
    return out;
}

struct Record {
    std::size_t line = 0;  // 1-based line where the record starts
    std::vector<std::string> fields;
};

char detect_delimiter(const std::string& text) {
    std::size_t comma = 0, semi = 0, tab = 0;
    bool in_quotes = false;
    for (char c : text) {
        if (c == '"') in_quotes = !in_quotes;
        else if (!in_quotes && (c == '\n' || c == '\r')) break;
        else if (!in_quotes && c == ',') ++comma;
        else if (!in_quotes && c == ';') ++semi;
        else if (!in_quotes && c == '\t') ++tab;
    }
    if (semi > 0 && semi >= comma && semi >= tab) return ';';
    if (tab > 0 && tab >= comma) return '\t';
    if (comma > 0) return ',';
    return '\0';
}

// RFC 4180 records: quoted fields may hold the delimiter, "" for a quote, and line breaks; CRLF, LF or CR lines.
std::vector<Record> parse_csv(const std::string& path, const std::string& text, char delim) {
    std::vector<Record> out;
    Record rec;
    std::string field;
    std::size_t line = 1;
    rec.line = 1;
    bool in_quotes = false, was_quoted = false;
    std::size_t quote_line = 0;
    auto end_field = [&] {
        rec.fields.push_back(was_quoted ? field : trim(field));
        field.clear();
        was_quoted = false;
    };
    auto end_record = [&] {
        end_field();
        const bool blank = std::all_of(rec.fields.begin(), rec.fields.end(), [](const std::string& f) { return f.empty(); });
        if (!blank) out.push_back(std::move(rec));
        rec = Record{};
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
                else in_quotes = false;
            } else {
                if (c == '\n' || (c == '\r' && !(i + 1 < text.size() && text[i + 1] == '\n'))) ++line;
                field += c;
            }
            continue;
        }
        if (c == '"' && trim(field).empty()) {
            in_quotes = true, was_quoted = true, quote_line = line;
            field.clear();
        } else if (c == delim) {
            end_field();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            end_record();
            rec.line = ++line;
        } else {
            field += c;  // after a closing quote too (lenient: `"a"b` reads as ab)
        }
    }
    if (in_quotes)
        throw input_error(label(Kind::planned, path) + ": line " + std::to_string(quote_line) +
                          ": a quoted field is never closed (a '\"' is missing); fix the quotes or export the CSV again");
    end_record();
    return out;
}

StationSet load_planned_csv(const std::string& path, const std::string& raw) {
    const Kind k = Kind::planned;
    const std::string what = label(k, path);
    if (trim(raw).empty())
        throw input_error(what + " is empty (expected a CSV file with " + planned_example + ", or a GeoJSON FeatureCollection)");
    const std::string bin = binary_kind(raw);
    if (!bin.empty()) throw input_error(what + " is not a CSV or GeoJSON file: " + bin);
    if (looks_like_html(raw))
        throw input_error(what + " is an HTML page, not a CSV file (the download returned an error page?); download "
                          "the file again");
    StationSet set;
    set.path = path;
    std::string text = raw;
    if (!valid_utf8(text)) {
        text = cp1252_to_utf8(text);
        set.warnings.push_back(squoted(path) + " is not UTF-8; read as Windows-1252 (Excel's \"CSV\" on Windows); save "
                               "it as \"CSV UTF-8\" to be sure of the accents");
    }
    const std::size_t start = std::min(text.find_first_not_of("\r\n"), text.size());  // leading blank lines
    const char delim = detect_delimiter(text.substr(start));
    const std::string first_line = trim(text.substr(start, text.find_first_of("\r\n", start) - start));
    if (delim == '\0')
        throw input_error(what + " is not a CSV file: its first line " + squoted(first_line.substr(0, 80)) +
                          " has no ',' ';' or tab separator; expected " + planned_example);
    const std::vector<Record> records = parse_csv(path, text, delim);
    if (records.empty())
        throw input_error(what + " has no header and no station (only separators and blank lines); expected " +
                          planned_example);
    const std::vector<std::string>& header = records.front().fields;
    const std::string delim_name = delim == ';' ? "';'" : delim == ',' ? "','" : "tab";

    const long id_c = find_field(header, id_candidates());
    const long name_c = find_field(header, name_candidates());
    long lat_c = find_field(header, lat_candidates());
    long lon_c = find_field(header, lon_candidates());
    const long cap_c = find_field(header, capacity_candidates());
    const long latlon_c = (lat_c < 0 && lon_c < 0) ? find_field(header, latlon_candidates()) : -1;
    std::vector<std::string> missing;
    if (id_c < 0) missing.push_back("id (" + join(id_candidates(), "|") + ")");
    if (latlon_c < 0) {
        if (lat_c < 0) missing.push_back("lat (" + join(lat_candidates(), "|") + ")");
        if (lon_c < 0) missing.push_back("lon (" + join(lon_candidates(), "|") + ")");
    }
    if (!missing.empty()) {
        std::vector<std::string> found;
        for (const std::string& h : header) found.push_back(squoted(h));
        throw input_error(what + " has no " + join(missing, ", no ") + " column (names matched case-insensitively); " +
                          "columns found (" + delim_name + "-separated): " + join(found) + "; expected " + planned_example);
    }
    if (records.size() < 2)
        throw input_error(what + " has no station: only the header line; add one line per planned station");

    std::vector<Located> located;
    IdIndex ids;
    std::vector<std::string> bad_capacity;
    std::size_t unnamed = 0;
    for (std::size_t r = 1; r < records.size(); ++r) {
        const Record& row = records[r];
        const std::string where = "line " + std::to_string(row.line);
        if (row.fields.size() > header.size()) {
            const bool extra_empty = std::all_of(row.fields.begin() + static_cast<std::ptrdiff_t>(header.size()),
                                                 row.fields.end(), [](const std::string& f) { return f.empty(); });
            if (!extra_empty)
                throw input_error(what + ": " + where + " has " + std::to_string(row.fields.size()) + " fields but the header has " +
                                  std::to_string(header.size()) +
                                  (delim == ',' ? std::string(" (a decimal comma such as 48,85 in a comma-separated file? "
                                                              "use '.' decimals, quote the value or separate with ';')")
                                                : std::string(" (a name containing the separator? quote it)")));
        }
        auto cell = [&](long c) { return c >= 0 && static_cast<std::size_t>(c) < row.fields.size() ? row.fields[c] : std::string(); };
        StationRecord rec;
        rec.id = trim(cell(id_c));
        if (rec.id.empty())
            throw input_error(what + ": " + where + " has no id (column " + squoted(header[id_c]) +
                              " is empty); give every planned station an id");
        ids.add(k, path, rec.id, where, "id");
        rec.name = trim(cell(name_c));
        if (rec.name.empty()) {
            rec.name = rec.id;
            if (name_c >= 0) ++unnamed;
        }
        Located l;
        l.where = where;
        l.id = rec.id;
        std::string lat_s, lon_s;
        if (latlon_c >= 0) {
            const std::string both = trim(cell(latlon_c));
            // "48.85, 2.35": the separator is ", " or ',' between two '.' decimals.
            const auto sep = both.find(',');
            if (!both.empty() && sep != std::string::npos) lat_s = both.substr(0, sep), lon_s = both.substr(sep + 1);
            else if (!both.empty())
                throw input_error(what + ": " + station_ref(l) + ": column " + squoted(header[latlon_c]) + " is " +
                                  squoted(both) + ", expected \"lat, lon\" (e.g. \"48.8566, 2.3522\")");
        } else {
            lat_s = cell(lat_c), lon_s = cell(lon_c);
        }
        if (trim(lat_s).empty() || trim(lon_s).empty())
            throw input_error(what + ": " + station_ref(l) + " has no lat/lon (lat " + squoted(trim(lat_s)) + ", lon " +
                              squoted(trim(lon_s)) + "); give every planned station its coordinates in decimal degrees");
        const auto lat = parse_decimal(lat_s), lon = parse_decimal(lon_s);
        if (!lat || !lon)
            throw input_error(what + ": " + station_ref(l) + ": " + (!lat ? "lat " + squoted(trim(lat_s)) : "lon " + squoted(trim(lon_s))) +
                              " is not a number; coordinates are decimal degrees such as 48.8566 or 48,8566 (not "
                              "degrees-minutes-seconds)");
        l.lat = *lat, l.lon = *lon;
        check_range(k, path, l);
        rec.coord = Coord::from_degrees(l.lon, l.lat);
        const std::string cap = trim(cell(cap_c));
        if (!cap.empty()) {
            std::string problem;
            rec.capacity = capacity_of(parse_decimal(cap), true, squoted(cap), problem);
            if (!problem.empty()) bad_capacity.push_back(rec.id + " (" + problem + ")");
        }
        located.push_back(std::move(l));
        set.stations.push_back(std::move(rec));
    }
    check_swapped(k, path, located);
    if (name_c < 0)
        set.warnings.push_back(squoted(path) + " has no name column (" + join(name_candidates(), "|") +
                               "); stations are named by their id");
    else if (unnamed > 0)
        set.warnings.push_back(plural(unnamed, "station", "stations") + " of " + squoted(path) + " have an empty " +
                               squoted(header[name_c]) + "; named by their id");
    if (!bad_capacity.empty())
        set.warnings.push_back(plural(bad_capacity.size(), "station", "stations") + " of " + squoted(path) +
                               " have a capacity that is not a whole number >= 0; capacity unknown: " + sample(bad_capacity));
    return set;
}

}  // namespace

StationSet load_planned_stations(const std::string& path) {
    const std::string text = read_file(Kind::planned, path);
    const std::string ext = lower(std::filesystem::path(path).extension().string());
    const std::string t = trim(text.substr(0, 64));
    const bool json_content = !t.empty() && (t[0] == '{' || t[0] == '[');
    bool as_json;
    if (ext == ".geojson" || ext == ".json") as_json = true;
    else if (ext == ".csv" || ext == ".tsv" || ext == ".txt") as_json = json_content;
    else as_json = json_content;
    if (trim(text).empty())
        throw input_error(label(Kind::planned, path) + " is empty (expected a GeoJSON FeatureCollection of Points, or a "
                          "CSV file with " + planned_example + ")");
    return as_json ? load_planned_geojson(path, text) : load_planned_csv(path, text);
}

}  // namespace maillon
