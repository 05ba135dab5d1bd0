#include "maillon/server/query.hpp"

#include "maillon/server/api_error.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <sstream>

namespace maillon::server {
namespace {

std::optional<double> parse_double(const std::string& s) {
    if (s.empty() || s.size() > 64) return std::nullopt;
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(s.c_str(), &end);
    if (errno != 0 || end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

/// Whether the text is valid UTF-8: nlohmann's serializer checks it (and throws otherwise).
bool valid_utf8(const std::string& s) {
    try {
        (void)nlohmann::json(s).dump();
        return true;
    } catch (const nlohmann::json::type_error&) {
        return false;
    }
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    std::string part;
    std::istringstream in{s};
    while (std::getline(in, part, sep)) out.push_back(part);
    if (!s.empty() && s.back() == sep) out.emplace_back();
    return out;
}

}  // namespace

Query::Query(const std::multimap<std::string, std::string>& params, const std::set<std::string>& allowed) {
    for (const auto& [k, v] : params) {
        // Parameters are text in UTF-8 (percent-encoded in the URL); anything else cannot be a
        // bbox, a number, a commune or a QPV code, and must not reach a JSON message unchecked.
        if (!valid_utf8(k)) throw ApiError{ErrorCode::invalid_value, "a parameter name is not valid UTF-8 text (percent-encode UTF-8)"};
        if (!valid_utf8(v)) {
            throw ApiError{ErrorCode::invalid_value, "parameter '" + k + "' is not valid UTF-8 text (percent-encode UTF-8)"};
        }
        if (!allowed.count(k)) {
            std::string list;
            for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
            throw ApiError{ErrorCode::unknown_parameter,
                           "unknown parameter '" + k + "'" + (list.empty() ? " (this endpoint takes none)" : " (expected: " + list + ")")};
        }
        if (m_params.count(k)) throw ApiError{ErrorCode::invalid_value, "parameter '" + k + "' is given twice"};
        m_params[k] = v;
    }
}

std::optional<std::string> Query::text(const std::string& name) const {
    const auto it = m_params.find(name);
    if (it == m_params.end()) return std::nullopt;
    return it->second;
}

std::optional<double> Query::number(const std::string& name, double min, double max) const {
    const auto t = text(name);
    if (!t) return std::nullopt;
    const auto v = parse_double(*t);
    if (!v || *v < min || *v > max) {
        std::ostringstream msg;
        msg << "parameter '" << name << "' must be a number from " << min << " to " << max << ", not '" << *t << "'";
        throw ApiError{ErrorCode::invalid_value, msg.str()};
    }
    return v;
}

std::optional<long> Query::integer(const std::string& name, long min, long max) const {
    const auto v = number(name, static_cast<double>(min), static_cast<double>(max));
    if (!v) return std::nullopt;
    if (*v != std::floor(*v)) throw ApiError{ErrorCode::invalid_value, "parameter '" + name + "' must be a whole number"};
    return static_cast<long>(*v);
}

std::optional<BBox> Query::bbox(const std::string& name) const {
    const auto t = text(name);
    if (!t) return std::nullopt;
    const auto parts = split(*t, ',');
    std::vector<double> v;
    for (const auto& p : parts) {
        const auto d = parse_double(p);
        if (!d) break;
        v.push_back(*d);
    }
    if (parts.size() != 4 || v.size() != 4) {
        throw ApiError{ErrorCode::invalid_bbox, "bbox must be minlon,minlat,maxlon,maxlat (4 numbers), not '" + *t + "'"};
    }
    if (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90) {
        throw ApiError{ErrorCode::invalid_bbox, "bbox '" + *t + "' is out of range: longitudes within -180..180, latitudes within -90..90"};
    }
    if (v[0] > v[2] || v[1] > v[3]) {
        throw ApiError{ErrorCode::invalid_bbox, "bbox '" + *t + "' has min > max: the order is minlon,minlat,maxlon,maxlat"};
    }
    return BBox{v[0], v[1], v[2], v[3]};
}

std::optional<Coord> Query::lon_lat(const std::string& name) const {
    const auto t = text(name);
    if (!t) return std::nullopt;
    const auto parts = split(*t, ',');
    const auto lon = parts.size() == 2 ? parse_double(parts[0]) : std::nullopt;
    const auto lat = parts.size() == 2 ? parse_double(parts[1]) : std::nullopt;
    if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) {
        throw ApiError{ErrorCode::invalid_value,
                       "parameter '" + name + "' must be lon,lat in degrees like bbox and GeoJSON (e.g. 2.3636,48.8674), not '" + *t + "'"};
    }
    return Coord::from_degrees(*lon, *lat);
}

std::vector<std::string> Query::list(const std::string& name, const std::set<std::string>& allowed_values) const {
    const auto t = text(name);
    if (!t) return {};
    std::vector<std::string> out = split(*t, ',');
    for (const auto& v : out) {
        if (!allowed_values.empty() && !allowed_values.count(v)) {
            std::string list;
            for (const auto& a : allowed_values) list += (list.empty() ? "" : ", ") + a;
            throw ApiError{ErrorCode::invalid_value, "parameter '" + name + "': unknown value '" + v + "' (expected: " + list + ")"};
        }
    }
    return out;
}

}  // namespace maillon::server
