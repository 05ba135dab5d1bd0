#include "read_ways.hpp"

#include "maillon/errors.hpp"
#include "node_flags.hpp"
#include "place_rules.hpp"
#include "tag_view.hpp"
#include "way_rules.hpp"
#include "area_moments.hpp"

#include <osmium/handler.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>
#include <osmium/util/progress_bar.hpp>
#include <osmium/visitor.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <future>
#include <system_error>

namespace maillon::importers {
namespace {


/// Stores node locations and tagged node flags, runs the tag rules on every way and keeps the
/// usable ones with their node locations; gathers buildings, POIs and relation member ways. Unlike osmium's NodeLocationsForWays it looks up
/// locations only for kept ways: two thirds of the ways of a city (buildings, landuse) are not.
class WayCollector : public osmium::handler::Handler {
public:
    WayCollector(RawWays& out, ImportReport& report, std::future<PlaceRelations> relations)
        : m_out(out), m_report(report), m_relations(std::move(relations)) {}

    /// Waits for the relation pre-pass (running since before the first node) and takes its result.
    void join_relations() {
        if (m_relations.valid()) m_out.places.relations = m_relations.get();
    }

    void node(const osmium::Node& node) {
        ++m_report.nodes_read;
        note_timestamp(node);
        if (node.location().valid()) {
            m_out.locations.add(node.id(), node.location());
        }
        if (!node.tags().empty()) {
            const tags::TagView tags{node.tags()};
            if (const auto flags = node_flags_of(tags)) {
                m_out.node_flags[node.id()] = flags;
            }
            place_node(node, tags);
        }
    }

    void way(osmium::Way& way) {
        ++m_report.ways_read;
        note_timestamp(way);
        if (!m_sorted) {
            m_out.locations.seal();  // all nodes come before the first way in OSM files
            m_sorted = true;
            join_relations();  // member ways are recognised from the first way on
        }
        // Places first (places.hpp): member ways of relations to assemble, and closed ways that
        // are buildings or POIs. Both look up node locations for those ways only.
        const tags::TagView tags{way.tags()};
        if (is_relation_member(way.id())) {
            keep_member_way(way);
        }
        const osmium::WayNodeList& nodes = way.nodes();
        if (nodes.size() >= 4 && nodes.front().ref() == nodes.back().ref()) {
            closed_way(way, tags);
        }
        const WayProfile profile = evaluate_way(tags);
        if (!profile.keep) {
            return;
        }
        ++m_report.ways_kept;
        const std::uint32_t name = m_out.intern_name(tags.has(tags::Key::name) ? tags.c_str(tags::Key::name) : tags.c_str(tags::Key::ref));
        // Split at references whose node is missing from the extract (clipped or filtered files):
        // each run of at least two located nodes becomes a piece of its own.
        bool incomplete = false;
        RawWay piece{way.id(), static_cast<std::uint32_t>(m_out.refs.size()), 0, name, profile};
        for (const auto& ref : way.nodes()) {
            const std::uint32_t pos = m_out.locations.find(ref.ref());
            if (pos == NodeLocations::npos) {
                incomplete = true;
                ++m_report.refs_missing;
                close_piece(piece);
                continue;
            }
            // Consecutive duplicates of the same node add nothing (and would create zero-length edges).
            if (piece.ref_count > 0 && m_out.refs.back() == pos) {
                continue;
            }
            m_out.refs.push_back(pos);
            ++piece.ref_count;
        }
        close_piece(piece);
        m_report.ways_incomplete += incomplete ? 1 : 0;
    }

    osmium::Timestamp max_timestamp() const noexcept { return m_max_timestamp; }

private:
    void place_node(const osmium::Node& node, const tags::TagView& tags) {
        if (const auto kind = poi_kind(tags); kind && node.location().valid()) {
            const osmium::Location l = node.location();
            m_out.places.add_poi(Coord{l.x(), l.y()}, *kind, m_out.intern_name(tags.c_str(tags::Key::name)), node.id(), OsmType::node);
        }
    }

    /// Buildings and POIs of a closed way: footprint area and centroid.
    void closed_way(const osmium::Way& way, const tags::TagView& tags) {
        const BuildingClass building = building_class(tags);
        if (building.state == BuildingClass::dropped) ++m_report.buildings_lifecycle;
        const std::optional<PoiKind> kind = poi_kind(tags);
        if (building.state != BuildingClass::kept && !kind) return;
        m_ring.clear();
        const osmium::WayNodeList& nodes = way.nodes();
        for (std::size_t i = 0; i + 1 < nodes.size(); ++i) {  // the last node is the first one again
            const std::uint32_t pos = find_near(m_out.locations, nodes[i].ref(), m_hint);
            if (pos == NodeLocations::npos) {
                m_report.buildings_incomplete += building.state == BuildingClass::kept ? 1 : 0;
                return;
            }
            m_hint = pos;
            m_ring.push_back(m_out.locations.location(pos));
        }
        m_ring.push_back(m_ring.front());
        AreaMoments moments;
        moments.add_ring(m_ring.size(), [&](std::size_t i) { return m_ring[i]; }, false);
        const Coord centroid = moments.centroid();
        if (building.state == BuildingClass::kept) {
            if (moments.area_m2() < tags::min_building_m2) {
                ++m_report.buildings_small;
            } else {
                m_out.places.add_building(centroid, moments.area_m2(), building);
            }
        }
        if (kind) {
            m_out.places.add_poi(centroid, *kind, m_out.intern_name(tags.c_str(tags::Key::name)), way.id(), OsmType::way);
        }
    }

    /// Whether the way is a member of a relation kept by the first pass. Ways come in ascending id
    /// order in sorted files: a cursor walks the sorted member list (a search when ids go back).
    bool is_relation_member(osmium::object_id_type id) {
        const auto& members = m_out.places.relations.member_ways;
        if (members.empty()) return false;
        if (id < m_last_way_id) {
            m_member_cursor = static_cast<std::size_t>(std::lower_bound(members.begin(), members.end(), id) - members.begin());
        }
        m_last_way_id = id;
        while (m_member_cursor < members.size() && members[m_member_cursor] < id) ++m_member_cursor;
        return m_member_cursor < members.size() && members[m_member_cursor] == id;
    }

    /// A member way for the MultipolygonManager, with its node locations; left out when a node is missing from
    /// the extract (its relations stay incomplete).
    void keep_member_way(osmium::Way& way) {
        for (osmium::NodeRef& ref : way.nodes()) {
            const std::uint32_t pos = find_near(m_out.locations, ref.ref(), m_hint);
            if (pos == NodeLocations::npos) return;
            m_hint = pos;
            ref.set_location(m_out.locations.location(pos));
        }
        m_out.places.member_way_buffer.add_item(way);
        m_out.places.member_way_buffer.commit();
    }

    void close_piece(RawWay& piece) {
        if (piece.ref_count >= 2) {
            m_out.ways.push_back(piece);
        } else {
            // Drop a lone node: roll back its reference.
            m_out.refs.resize(piece.first_ref);
        }
        piece.first_ref = static_cast<std::uint32_t>(m_out.refs.size());
        piece.ref_count = 0;
    }

    void note_timestamp(const osmium::OSMObject& object) {
        if (object.timestamp() > m_max_timestamp) m_max_timestamp = object.timestamp();
    }

    RawWays& m_out;
    ImportReport& m_report;
    bool m_sorted = false;
    std::future<PlaceRelations> m_relations;
    osmium::Timestamp m_max_timestamp;
    std::uint32_t m_hint = 0;  // last node position found for places: the next one is usually close
    std::vector<osmium::Location> m_ring;
    std::size_t m_member_cursor = 0;
    osmium::object_id_type m_last_way_id = 0;
};

osmium::io::File open_file(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        throw input_error{"input file '" + path + "' does not exist"};
    }
    if (std::filesystem::is_directory(path, ec)) {
        throw input_error{"input '" + path + "' is a directory, not an OSM file"};
    }
    osmium::io::File file{path};
    if (file.format() == osmium::io::file_format::unknown) {
        throw argument_error{"cannot tell the format of '" + path +
                             "' from its name: use a file ending in .osm.pbf, .osm, .osm.bz2 or .osm.gz"};
    }
    return file;
}

}  // namespace

RawWays read_ways(const std::string& path, const ImportOptions& options, ImportReport& report) {
    osmium::io::File file = open_file(path);
    RawWays out;
    try {
        // Geofabrik extracts carry their replication timestamp in the header: then object metadata
        // (versions, users, timestamps) need not be decoded at all, which saves a good part of the
        // decoding time. Without it the newest object timestamp dates the data.
        std::string header_timestamp;
        bool sorted = false;
        {
            osmium::io::Reader probe{file, osmium::osm_entity_bits::nothing};
            const osmium::io::Header header = probe.header();
            header_timestamp = header.get("osmosis_replication_timestamp", header.get("timestamp", ""));
            sorted = header.get("sorting") == "Type_then_ID";
            probe.close();
        }
        // Relations to assemble come last in the file, after the ways they need: list them first,
        // on a thread of their own while the main pass reads the nodes.
        std::future<PlaceRelations> relations =
            std::async(std::launch::async, [file, sorted] { return read_place_relations(file, sorted); });
        const auto meta = header_timestamp.empty() ? osmium::io::read_meta::yes : osmium::io::read_meta::no;
        osmium::io::Reader reader{file, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way, meta};
        // PBF stores a node in 6 to 10 bytes (dense nodes, delta coding), OSM XML in ~100.
        const bool pbf = file.format() == osmium::io::file_format::pbf;
        out.locations.reserve(reader.file_size() / (pbf ? 6 : 100) + 1024);
        WayCollector collector{out, report, std::move(relations)};
        osmium::ProgressBar progress{reader.file_size(), options.show_progress};
        while (osmium::memory::Buffer buffer = reader.read()) {
            progress.update(reader.offset());
            osmium::apply(buffer, collector);
        }
        progress.done();
        reader.close();
        collector.join_relations();  // a file without ways

        out.timestamp = header_timestamp;
        const osmium::Timestamp newest = collector.max_timestamp();
        if (out.timestamp.empty() && newest.valid() && newest.seconds_since_epoch() > 1104537600) {  // after 2005
            out.timestamp = newest.to_iso();
        }
    } catch (const osmium::pbf_error& e) {
        throw input_error{"'" + path + "' is not a valid PBF file (" + e.what() +
                          "): the file may be truncated or damaged, download it again"};
    } catch (const osmium::xml_error& e) {
        throw input_error{"'" + path + "' is not a valid OSM XML file: " + e.what()};
    } catch (const osmium::format_version_error& e) {
        throw input_error{"'" + path + "' is not an OSM file of a supported version: " + e.what()};
    } catch (const osmium::gzip_error& e) {
        throw input_error{"'" + path + "' is not a valid gzip file: " + e.what()};
    } catch (const osmium::bzip2_error& e) {
        throw input_error{"'" + path + "' is not a valid bzip2 file: " + e.what()};
    } catch (const osmium::io_error& e) {
        throw input_error{"cannot read '" + path + "': " + e.what()};
    } catch (const std::system_error& e) {
        throw input_error{"cannot read '" + path + "': " + e.what()};
    } catch (const std::range_error& e) {
        throw input_error{"'" + path + "' holds an invalid value (" + e.what() + ")"};
    }
    return out;
}

}  // namespace maillon::importers
