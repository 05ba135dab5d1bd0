#pragma once
// The QGIS styles stored in results.gpkg (`layer_styles`, used by QGIS as each layer's default):
// QML documents drawing the gaps by rank bucket and the network by facility in the web map's
// colours (map_style.hpp), the QPV as on the map, the stations by status.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace maillon::outputs {

/// The QML of a layer ("gaps", "candidates", "network", "stations", "qpv"); `fields` are the
/// layer's field names with their aliases, in order (written in the style too, for QGIS versions
/// that do not read GeoPackage aliases). "" for an unknown layer.
std::string qml_style(std::string_view layer, const std::vector<std::pair<std::string, std::string>>& fields);

/// "#1b7837" → "27,120,55,255" (QGIS colours).
std::string qgis_color(std::string_view hex, int alpha = 255);

}  // namespace maillon::outputs
