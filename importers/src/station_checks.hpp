#pragma once
// Validation of station lists, shared by the GBFS and the planned-station readers: how a file is named in
// messages, the range and swap checks of coordinates, duplicate ids, and the small wording helpers the messages
// use. The rules are documented in docs/stations-input.md ("Coordinates: range and swaps", "Errors").

#include <string>
#include <unordered_map>
#include <vector>

namespace maillon::stations {

/// Which file a message is about.
enum class Kind { information, status, planned };

/// "GBFS station_information file 'x'", "GBFS station_status file 'x'", "planned-stations file 'x'".
std::string label(Kind k, const std::string& path);

std::string squoted(const std::string& s);
/// A number as a person writes it: up to 10 significant digits, no trailing zeros.
std::string number(double v);
/// "1 station", "3 stations".
std::string plural(std::size_t n, const char* one, const char* many);
/// At most `max` items joined by ", ", then "…".
std::string sample(const std::vector<std::string>& items, std::size_t max = 5);

/// One station's coordinates as read (WGS84 degrees), with where it is in the file for messages.
struct Located {
    double lat = 0, lon = 0;
    std::string where;  ///< "line 4", "feature 3", "row 5", "station 17 of data.stations"
    std::string id;
};

/// "station 'P2' (line 3)", or the place alone when the station has no id yet.
std::string station_ref(const Located& l);

/// Latitude in [-90, 90] and longitude in [-180, 180], else an input_error naming the station, with a hint when
/// the values look swapped or look like metres of a projected CRS.
void check_range(Kind k, const std::string& path, const Located& l);

/// The swap heuristic (docs/stations-input.md): the whole set looks like Paris with lat and lon exchanged, or one
/// station does while most lie around Paris. Throws input_error naming the station(s).
void check_swapped(Kind k, const std::string& path, const std::vector<Located>& all);

/// Duplicate ids: an input_error naming the id and both places.
class IdIndex {
public:
    void add(Kind k, const std::string& path, const std::string& id, const std::string& place, const char* id_name);

private:
    std::unordered_map<std::string, std::string> m_where;  // id -> first place
};

}  // namespace maillon::stations
