#pragma once
// The search box of the map, offline: the graph's street names (one entry per name and commune)
// and its OSM communes, matched accent- and case-insensitively (text_fold.hpp).

#include "maillon/graph.hpp"

#include <string>
#include <vector>

namespace maillon::server {

struct Place {
    enum class Kind : std::uint8_t { commune, street };
    Kind kind = Kind::street;
    std::string name;     // as in OSM
    std::string commune;  // streets: the commune of most of their length ("" without boundaries); communes: ""
    std::string insee;    // communes: ref:INSEE ("" when none)
    BBox box;
    Coord center;         // a point on the street (middle of its longest way), the middle of a commune's box
    double length_m = 0;  // streets: total length of their ways
    std::string folded;   // fold_for_search(name)
};

struct PlaceMatch {
    const Place* place;
    int quality;  // 0 the whole name, 1 the name's start, 2 every query word starts a word, 3 anywhere
};

class PlaceSearch {
public:
    explicit PlaceSearch(const Graph& g);
    /// Matches of the folded query, best first (quality, communes before streets, longer streets,
    /// then by name). `kinds` empty: both kinds.
    std::vector<PlaceMatch> find(const std::string& folded_query, const std::vector<Place::Kind>& kinds) const;
    std::size_t size() const noexcept { return m_places.size(); }

private:
    std::vector<Place> m_places;
};

std::string_view key(Place::Kind k) noexcept;

}  // namespace maillon::server
