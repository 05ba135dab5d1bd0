#pragma once
// The .maillon graph file: a fixed header (magic, format version, byte-order mark,
// payload size, CRC-32 of the payload) followed by the GraphData arrays, each as a
// 64-bit element count and its raw little-endian bytes. Loading is a handful of large
// reads plus a linear rebuild of the CSR adjacency.

#include "maillon/graph.hpp"

#include <cstdint>
#include <string>

namespace maillon {

/// Bumped whenever the payload layout changes; older files are refused with a hint to re-import.
constexpr std::uint32_t graph_format_version = 2;  // 2: places (POIs, buildings, communes)

/// Writes the graph atomically (temporary file + rename).
/// @throws input_error when the path cannot be written.
void save_graph(const Graph& graph, const std::string& path);

/// @throws input_error naming the file when it is missing, not a maillon graph, of another
///         format version, truncated or damaged (checksum mismatch).
Graph load_graph(const std::string& path);

/// True when the file starts with the graph file magic (cheap check to tell a graph from an OSM extract).
bool is_graph_file(const std::string& path);

}  // namespace maillon
