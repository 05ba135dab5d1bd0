#pragma once
// Which GBFS file (or other JSON document) a parsed file is: the GBFS reader refuses the wrong file with a message
// naming the right one, and the planned-station reader recognises a GBFS feed given in its place.

#include <string>

#include "station_fields.hpp"

namespace maillon::stations {

struct Shape {
    enum Type { information, status, stations_empty, feed_index, other_gbfs, geojson, other } type = other;
    std::string name;                         ///< other_gbfs: the file's name; other: a description
    std::string information_url, status_url;  ///< feed_index: the URLs it lists, when it does
};

Shape shape_of(const json& root);

}  // namespace maillon::stations
