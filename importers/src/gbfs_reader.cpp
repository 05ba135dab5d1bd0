// The existing Vélib' stations: GBFS station_information.json, and station_status.json for the stations that are
// not installed (docs/stations-input.md, "Existing stations: the GBFS feed").

#include "gbfs_shape.hpp"
#include "maillon/errors.hpp"
#include "maillon/importers/stations.hpp"
#include "station_checks.hpp"
#include "station_fields.hpp"
#include "station_files.hpp"
#include "text.hpp"

#include <cstdlib>
#include <optional>
#include <unordered_map>
#include <utility>

namespace maillon {
namespace stations {

using text::lower;
using text::trim;

namespace {

void collect_feed_urls(const json& feeds, Shape& s) {
    if (!feeds.is_array()) return;
    for (const json& f : feeds) {
        if (!f.is_object() || !f.contains("name") || !f.contains("url")) continue;
        const std::string name = text_of(f["name"]), url = text_of(f["url"]);
        if (name == "station_information" && s.information_url.empty()) s.information_url = url;
        if (name == "station_status" && s.status_url.empty()) s.status_url = url;
    }
}

}  // namespace

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


}  // namespace stations

namespace {

using namespace stations;  // NOLINT(google-build-using-namespace): the readers' own helpers
using text::lower;
using text::trim;

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
    const std::string text = read_station_file(Kind::status, status_path);
    const json root = parse_station_json(Kind::status, status_path, text, "the GBFS station_status.json");
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
    const std::string text = read_station_file(k, information_path);
    const json root = parse_station_json(k, information_path, text, "the GBFS station_information.json");
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
            rec.capacity = capacity_of(number_of(st["capacity"]), st["capacity"].dump(), problem);
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

}  // namespace maillon
