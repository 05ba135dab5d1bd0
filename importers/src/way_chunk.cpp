#include "way_chunk.hpp"

#include "area_moments.hpp"
#include "tag_view.hpp"
#include "way_rules.hpp"

#include <osmium/osm/item_type.hpp>

namespace maillon::importers {
namespace {

class ChunkReader {
public:
    ChunkReader(WayChunk& out, const NodeLocations& locations, const PlaceRelations& relations)
        : m_out(out), m_locations(locations), m_relations(relations) {}

    void way(osmium::Way& way) {
        ++m_out.ways_read;
        if (way.timestamp() > m_out.newest) m_out.newest = way.timestamp();
        const tags::TagView tags{way.tags()};
        // Places first (places.hpp): member ways of relations to assemble, and closed ways that are buildings or
        // POIs. Both look up node locations for those ways only.
        if (is_member_way(m_relations, way.id())) keep_member_way(way);
        const osmium::WayNodeList& nodes = way.nodes();
        if (nodes.size() >= 4 && nodes.front().ref() == nodes.back().ref()) closed_way(way, tags);
        const WayProfile profile = evaluate_way(tags);
        if (!profile.keep) return;
        const char* name = tags.has(tags::Key::name) ? tags.c_str(tags::Key::name) : tags.c_str(tags::Key::ref);
        WayChunk::KeptWay kept{way.id(), name, profile, static_cast<std::uint32_t>(m_out.pieces.size()), 0};
        // Split at references whose node is missing from the extract (clipped or filtered files): each run of at
        // least two located nodes becomes a piece of its own.
        bool incomplete = false;
        WayChunk::Piece piece{static_cast<std::uint32_t>(m_out.refs.size()), 0};
        const auto close_piece = [&] {
            if (piece.ref_count >= 2) {
                m_out.pieces.push_back(piece);
                ++kept.piece_count;
            } else {
                // Drop a lone node: roll back its reference.
                m_out.refs.resize(piece.first_ref);
                m_out.ref_coords.resize(piece.first_ref);
                m_out.ref_segment_m.resize(piece.first_ref);
            }
            piece = {static_cast<std::uint32_t>(m_out.refs.size()), 0};
        };
        for (const osmium::NodeRef& ref : way.nodes()) {
            const std::uint32_t pos = find_near(m_locations, ref.ref(), m_hint);
            if (pos == NodeLocations::npos) {
                incomplete = true;
                ++m_out.refs_missing;
                close_piece();
                continue;
            }
            m_hint = pos;
            // Consecutive duplicates of the same node add nothing (and would create zero-length edges).
            if (piece.ref_count > 0 && m_out.refs.back() == pos) continue;
            const osmium::Location l = m_locations.location(pos);
            const Coord c{l.x(), l.y()};
            const double segment = piece.ref_count > 0 ? segment_length_m(m_out.ref_coords.back(), c) : 0.0;
            if (segment > max_segment_m && m_out.damaged.way_id == 0) m_out.damaged = {way.id(), ref.ref(), segment};
            m_out.ref_segment_m.push_back(segment);
            m_out.refs.push_back(pos);
            m_out.ref_coords.push_back(c);
            ++piece.ref_count;
        }
        close_piece();
        m_out.ways_incomplete += incomplete ? 1 : 0;
        m_out.ways.push_back(kept);
    }

private:
    /// Buildings and POIs of a closed way: footprint area and centroid.
    void closed_way(const osmium::Way& way, const tags::TagView& tags) {
        const BuildingClass building = building_class(tags);
        if (building.state == BuildingClass::dropped) ++m_out.buildings_lifecycle;
        const std::optional<PoiKind> kind = poi_kind(tags);
        if (building.state != BuildingClass::kept && !kind) return;
        m_ring.clear();
        const osmium::WayNodeList& nodes = way.nodes();
        for (std::size_t i = 0; i + 1 < nodes.size(); ++i) {  // the last node is the first one again
            const std::uint32_t pos = find_near(m_locations, nodes[i].ref(), m_hint);
            if (pos == NodeLocations::npos) {
                m_out.buildings_incomplete += building.state == BuildingClass::kept ? 1 : 0;
                return;
            }
            m_hint = pos;
            m_ring.push_back(m_locations.location(pos));
        }
        m_ring.push_back(m_ring.front());
        AreaMoments moments;
        moments.add_ring(m_ring.size(), [&](std::size_t i) { return m_ring[i]; }, false);
        const Coord centroid = moments.centroid();
        if (building.state == BuildingClass::kept) {
            if (moments.area_m2() < tags::min_building_m2) {
                ++m_out.buildings_small;
            } else {
                m_out.buildings.push_back({centroid, moments.area_m2(), building});
            }
        }
        if (kind) {
            m_out.pois.push_back({centroid, *kind, tags.c_str(tags::Key::name), way.id(),
                                  static_cast<std::uint32_t>(m_out.ways.size())});
        }
    }

    /// A member way for the MultipolygonManager, with its node locations; left out when a node is missing from
    /// the extract (its relations then stay incomplete).
    void keep_member_way(osmium::Way& way) {
        for (osmium::NodeRef& ref : way.nodes()) {
            const std::uint32_t pos = find_near(m_locations, ref.ref(), m_hint);
            if (pos == NodeLocations::npos) return;
            m_hint = pos;
            ref.set_location(m_locations.location(pos));
        }
        m_out.member_ways.push_back(&way);
    }

    WayChunk& m_out;
    const NodeLocations& m_locations;
    const PlaceRelations& m_relations;
    std::uint32_t m_hint = 0;  // last node position found: the next one is usually close
    std::vector<osmium::Location> m_ring;
};

}  // namespace

WayChunk read_way_chunk(std::vector<osmium::memory::Buffer> buffers, const NodeLocations& locations,
                        const PlaceRelations& relations) {
    WayChunk chunk;
    chunk.buffers = std::move(buffers);
    ChunkReader reader{chunk, locations, relations};
    for (osmium::memory::Buffer& buffer : chunk.buffers)
        for (osmium::Way& way : buffer.select<osmium::Way>()) reader.way(way);
    return chunk;
}

}  // namespace maillon::importers
