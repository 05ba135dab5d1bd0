#pragma once
// Which commune a point lies in, from the OSM admin boundaries in the graph (admin_level 8, and 9
// for the arrondissements of Paris, Lyon and Marseille: the deepest level wins).

#include "maillon/graph.hpp"

#include <cstdint>
#include <vector>

namespace maillon {

class CommuneLocator {
public:
    explicit CommuneLocator(const Graph& g);
    /// Index of the commune containing c (graph's commune arrays), -1 when none (the extract has no
    /// boundaries there, or the point is outside every one).
    std::int32_t at(Coord c) const;
    bool empty() const noexcept { return m_boxes.empty(); }

private:
    bool contains(std::size_t commune, Coord c) const;
    const GraphData* m_data;
    std::vector<BBox> m_boxes;  // per commune
};

}  // namespace maillon
