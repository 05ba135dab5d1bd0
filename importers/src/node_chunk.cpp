#include "node_chunk.hpp"

#include "node_flags.hpp"
#include "place_rules.hpp"
#include "tag_view.hpp"

#include <osmium/osm/node.hpp>

namespace maillon::importers {

NodeChunk read_node_chunk(std::vector<osmium::memory::Buffer> buffers) {
    NodeChunk chunk;
    for (osmium::memory::Buffer& buffer : buffers) {
        if (!chunk.with_ways.empty()) {
            chunk.with_ways.push_back(std::move(buffer));
            continue;
        }
        for (const osmium::memory::Item& item : buffer) {
            if (item.type() == osmium::item_type::way) {
                chunk.with_ways.push_back(std::move(buffer));
                break;
            }
            if (item.type() != osmium::item_type::node) continue;
            const auto& node = static_cast<const osmium::Node&>(item);
            ++chunk.nodes_read;
            if (node.timestamp() > chunk.newest) chunk.newest = node.timestamp();
            const osmium::Location location = node.location();
            if (location.valid()) {
                chunk.ascending = chunk.ascending && (chunk.ids.empty() || chunk.ids.back() < node.id());
                chunk.ids.push_back(node.id());
                chunk.locations.push_back(location);
            }
            if (node.tags().empty()) continue;
            const tags::TagView tags{node.tags()};
            if (const auto flags = node_flags_of(tags)) chunk.flags.emplace_back(node.id(), flags);
            if (const auto kind = poi_kind(tags); kind && location.valid()) {
                const char* name = tags.c_str(tags::Key::name);
                chunk.pois.push_back({Coord{location.x(), location.y()}, *kind, name ? name : "", node.id()});
            }
        }
    }
    return chunk;
}

}  // namespace maillon::importers
