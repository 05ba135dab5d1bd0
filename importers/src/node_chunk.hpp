#pragma once
// The work of the reading pass on a few buffers of nodes, done by a thread of libosmium's pool (read_ways.cpp): the
// nodes' ids and locations as arrays, the flags of tagged nodes (node_flags.hpp) and their POIs (place_rules.hpp).
// The main thread appends the chunks in file order. A buffer whose nodes are followed by ways (an XML file's
// buffers mix them) comes back whole with the ones after it, for the way pass. Internal to the importer.

#include "maillon/attributes.hpp"
#include "maillon/geo.hpp"

#include <osmium/memory/buffer.hpp>
#include <osmium/osm/location.hpp>
#include <osmium/osm/timestamp.hpp>
#include <osmium/osm/types.hpp>

#include <cstdint>
#include <utility>
#include <vector>

namespace maillon::importers {

struct NodeChunk {
    std::uint64_t nodes_read = 0;
    std::vector<osmium::object_id_type> ids;  // nodes with a valid location
    std::vector<osmium::Location> locations;
    bool ascending = true;                    // ids in ascending order
    std::vector<std::pair<std::int64_t, std::uint8_t>> flags;  // (id, NodeFlag bits) of flagged nodes
    struct Poi {
        Coord coord;
        PoiKind kind;
        std::string name;  // copied: the buffer is gone when the chunk is appended
        std::int64_t id;
    };
    std::vector<Poi> pois;
    osmium::Timestamp newest;
    /// From the first buffer where ways follow the nodes on: those buffers, for the way pass.
    std::vector<osmium::memory::Buffer> with_ways;
};

/// Reads the nodes of `buffers`, in order, up to the first way.
NodeChunk read_node_chunk(std::vector<osmium::memory::Buffer> buffers);

}  // namespace maillon::importers
