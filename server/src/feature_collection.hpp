#pragma once
// A GeoJSON FeatureCollection from pre-serialised features: a request only concatenates.

#include "maillon/server/served_state.hpp"

#include <string>
#include <vector>

namespace maillon::server {

inline constexpr const char* geojson_type = "application/geo+json; charset=utf-8";
inline constexpr const char* json_type = "application/json; charset=utf-8";

/// The band of served_state.hpp's zoom_bands that serves a zoom level (0–22).
inline std::size_t zoom_band(long zoom) {
    std::size_t band = 0;
    while (band + 1 < zoom_bands.size() && zoom < zoom_bands[band].min_zoom) ++band;
    return band;
}

/// `extra_members` is inserted after "type" as is: ",\"total\":3".
inline std::string feature_collection(const std::vector<const ServedFeature*>& features, const std::string& extra_members) {
    std::string body = "{\"type\":\"FeatureCollection\"" + extra_members + ",\"features\":[";
    std::size_t size = body.size() + 2;
    for (const auto* f : features) size += f->json.size() + 1;
    body.reserve(size);
    for (std::size_t i = 0; i < features.size(); ++i) {
        if (i) body += ',';
        body += features[i]->json;
    }
    body += "]}";
    return body;
}

}  // namespace maillon::server
