#pragma once
// Query-string parsing for the API: only the parameters an endpoint declares, each parsed
// strictly (a bad number is an error, not a zero).

#include "maillon/geo.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace maillon::server {

class Query {
public:
    /// @throws ApiError(unknown_parameter) naming the first parameter not in `allowed`.
    Query(const std::multimap<std::string, std::string>& params, const std::set<std::string>& allowed);

    bool has(const std::string& name) const { return m_params.count(name) > 0; }
    std::optional<std::string> text(const std::string& name) const;
    std::optional<double> number(const std::string& name, double min, double max) const;
    std::optional<long> integer(const std::string& name, long min, long max) const;
    std::optional<BBox> bbox(const std::string& name = "bbox") const;
    /// "lon,lat" → Coord: the order of bbox and GeoJSON, everywhere in the API. @throws ApiError(invalid_value)
    std::optional<Coord> lon_lat(const std::string& name) const;
    /// Comma-separated values, each checked against `allowed_values` when not empty.
    std::vector<std::string> list(const std::string& name, const std::set<std::string>& allowed_values = {}) const;

private:
    std::map<std::string, std::string> m_params;
};

}  // namespace maillon::server
