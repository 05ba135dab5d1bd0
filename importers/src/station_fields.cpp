#include "station_fields.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "text.hpp"

namespace maillon::stations {

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
const std::vector<std::string>& latlon_candidates() {
    static const std::vector<std::string> v{"geo_point_2d", "coordonnees_geo", "coordonnées géographiques",
                                            "coordonnees geographiques"};
    return v;
}

long find_field(const std::vector<std::string>& names, const std::vector<std::string>& candidates) {
    for (const std::string& c : candidates)
        for (std::size_t i = 0; i < names.size(); ++i)
            if (text::lower(text::trim(names[i])) == c) return static_cast<long>(i);
    return -1;
}

const char* const planned_example = "a header such as id,name,lat,lon,capacity (see docs/stations-input.md)";

std::optional<double> parse_decimal(const std::string& raw) {
    std::string t = text::trim(raw);
    if (t.empty()) return std::nullopt;
    if (std::count(t.begin(), t.end(), ',') == 1 && t.find('.') == std::string::npos) std::replace(t.begin(), t.end(), ',', '.');
    char* end = nullptr;
    errno = 0;
    const double d = std::strtod(t.c_str(), &end);
    if (end != t.c_str() + t.size() || errno == ERANGE || !std::isfinite(d)) return std::nullopt;
    return d;
}

std::optional<int> capacity_of(const std::optional<double>& d, const std::string& raw, std::string& problem) {
    if (!d || *d < 0 || *d != std::floor(*d) || *d > 1e6) {
        problem = raw;
        return std::nullopt;
    }
    return static_cast<int>(*d);
}

std::optional<double> number_of(const json& v) {
    if (v.is_number()) {
        const double d = v.get<double>();
        return std::isfinite(d) ? std::optional<double>(d) : std::nullopt;
    }
    if (v.is_string()) return parse_decimal(v.get<std::string>());
    return std::nullopt;
}

}  // namespace maillon::stations
