#pragma once
// Lines of the graph as served GeoJSON: boxes, rounded coordinates, simplification per zoom band,
// and chains of edges that look alike (at small zooms a boulevard is one feature, not fifty).
// Shared by the cycle-network layer (served_state.cpp) and the street layer (street_layer.cpp).

#include "maillon/graph.hpp"
#include "maillon/search.hpp"
#include "maillon/spatial_index.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <vector>

namespace maillon::server {

BBox box_of(const std::vector<Coord>& line);

/// [[lon, lat], …] rounded to 1e-6 degree (about 10 cm).
nlohmann::ordered_json coords_json(const std::vector<Coord>& line);

/// Douglas–Peucker in the local metric plane (Boost.Geometry's simplify); tolerance 0 keeps the line.
std::vector<Coord> simplify(const std::vector<Coord>& line, const LocalProjection& proj, double tolerance_m);

/// Chains of the edges `include` accepts, joined at nodes where exactly two such edges meet and
/// both have the style of the chain; every included edge is in exactly one chain.
std::vector<std::vector<EdgeId>> edge_chains(const Graph& g, const std::function<bool(EdgeId)>& include,
                                             const std::vector<std::uint64_t>& style);

/// The chain's polyline, edges oriented end to end.
std::vector<Coord> chain_line(const Graph& g, const std::vector<EdgeId>& chain);

}  // namespace maillon::server
