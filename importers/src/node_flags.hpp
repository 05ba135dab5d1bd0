#pragma once
// Flags of a tagged node (traffic signals, marked crossing, stop, barrier: NodeFlag in maillon/graph.hpp) from its
// tags, by the node tables of tag_tables.hpp.

#include "tag_view.hpp"

#include <cstdint>

namespace maillon::importers {

std::uint8_t node_flags_of(const tags::TagView& tags) noexcept;

}  // namespace maillon::importers
