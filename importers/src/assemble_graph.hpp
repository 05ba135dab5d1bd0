#pragma once
#include "maillon/graph.hpp"
#include "raw_ways.hpp"

namespace maillon::importers {

/// Graph nodes, in ascending OSM id order: ends of every kept way piece and nodes referenced
/// twice or more. Returns for each reference its NodeId, or no_node for a mere shape point.
constexpr NodeId no_node = 0xFFFFFFFFU;
std::vector<NodeId> number_nodes(const RawWays& raw, GraphData& data);

/// Splits every way piece at graph nodes into edges with their attributes.
void assemble_edges(const RawWays& raw, const std::vector<NodeId>& node_of_ref, GraphData& data);

}  // namespace maillon::importers
