#include "read_ways.hpp"

#include "maillon/errors.hpp"
#include "node_chunk.hpp"
#include "way_chunk.hpp"

#include <osmium/io/any_input.hpp>
#include <osmium/thread/pool.hpp>
#include <osmium/util/progress_bar.hpp>
#include <protozero/exception.hpp>

#include <algorithm>
#include <deque>
#include <filesystem>
#include <future>
#include <iterator>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>

namespace maillon::importers {
namespace {

/// A way segment no real coordinates give (WayChunk::damaged); read_ways names the file.
struct DamagedCoordinates : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The reading pass. libosmium's Reader decodes the file's blocks on the threads of a pool sized to the machine
/// (libosmium's default pool leaves two cores out, which on a small machine leaves one thread decoding); the main
/// thread takes the decoded buffers in file order and gives each back to the pool as a task: a buffer of nodes to
/// read_node_chunk (ids, locations, flags, POIs), a buffer of ways to read_way_chunk (tag rules, node lookups,
/// footprints). So the objects are read while the next blocks are decoded, by the threads whose caches hold them;
/// the main thread appends the finished chunks in file order, and the graph does not depend on which thread did
/// what. The way tasks start once every node is stored (nodes come first in OSM files). Unlike osmium's
/// NodeLocationsForWays, locations are looked up only for kept, building, POI and relation member ways: two
/// thirds of the ways of a city (buildings, landuse) are not kept.
class Pass {
public:
    Pass(RawWays& out, ImportReport& report, osmium::thread::Pool& pool, std::future<PlaceRelations> relations)
        : m_out(out), m_report(report), m_pool(pool), m_relations(std::move(relations)) {}

    void take(osmium::memory::Buffer buffer) {
        const auto first = buffer.begin();
        if (first == buffer.end()) return;
        if (first->type() == osmium::item_type::node) {
            if (m_ways_started) {
                // Nodes after ways: not in an OSM file (nodes come first); kept in file order, without the pool.
                submit_ways();
                drain_ways(0);
                std::vector<osmium::memory::Buffer> one;
                one.push_back(std::move(buffer));
                append(read_node_chunk(std::move(one)));
                return;
            }
            m_nodes.push_back(std::move(buffer));
            if (m_nodes.size() >= batch) submit_nodes();
            return;
        }
        start_ways();
        m_ways.push_back(std::move(buffer));
        if (m_ways.size() >= batch) submit_ways();
    }

    /// After the last buffer.
    void finish() {
        start_ways();
        submit_ways();
        drain_ways(0);
    }

    osmium::Timestamp newest() const noexcept { return m_newest; }

private:
    /// Buffers a task reads: a few, so that handing them over between threads costs little beside reading them.
    static constexpr std::size_t batch = 4;

    /// Enough tasks in flight to keep the pool busy; more would only hold buffers in memory.
    std::size_t in_flight() const noexcept { return static_cast<std::size_t>(m_pool.num_threads() + 1); }

    /// Before the first way: every node stored and sorted, the relations' member ways known.
    void start_ways() {
        if (m_ways_started) return;
        submit_nodes();
        drain_nodes(0);
        m_out.locations.seal();
        if (m_relations.valid()) m_out.places.relations = m_relations.get();
        m_ways_started = true;
        // Buffers whose nodes were read and whose ways come now go first, in file order.
        m_mixed.insert(m_mixed.end(), std::make_move_iterator(m_ways.begin()), std::make_move_iterator(m_ways.end()));
        m_ways = std::move(m_mixed);
        m_mixed.clear();
    }

    void submit_nodes() {
        if (m_nodes.empty()) return;
        m_node_chunks.push_back(m_pool.submit([b = std::move(m_nodes)]() mutable { return read_node_chunk(std::move(b)); }));
        m_nodes.clear();
        drain_nodes(in_flight());
    }

    void submit_ways() {
        if (m_ways.empty()) return;
        // The task holds references to what outlives the pool (the RawWays), not to this Pass: should the pass
        // end with an exception, the pool still runs the tasks queued before it is destroyed.
        const NodeLocations& locations = m_out.locations;
        const PlaceRelations& relations = m_out.places.relations;
        m_way_chunks.push_back(m_pool.submit([&locations, &relations, b = std::move(m_ways)]() mutable {
            return read_way_chunk(std::move(b), locations, relations);
        }));
        m_ways.clear();
        drain_ways(in_flight());
    }

    /// Appends finished chunks in file order until at most `keep` are in flight.
    template <typename Chunk>
    void drain(std::deque<std::future<Chunk>>& chunks, std::size_t keep) {
        while (chunks.size() > keep) {
            append(chunks.front().get());
            chunks.pop_front();
        }
    }
    void drain_nodes(std::size_t keep) { drain(m_node_chunks, keep); }
    void drain_ways(std::size_t keep) { drain(m_way_chunks, keep); }

    void append(NodeChunk chunk) {
        m_report.nodes_read += chunk.nodes_read;
        if (chunk.newest > m_newest) m_newest = chunk.newest;
        m_out.locations.append(chunk.ids, chunk.locations, chunk.ascending);
        m_out.node_flags.insert(m_out.node_flags.end(), chunk.flags.begin(), chunk.flags.end());
        for (const NodeChunk::Poi& poi : chunk.pois)
            m_out.places.add_poi(poi.coord, poi.kind, m_out.intern_name(poi.name.c_str()), poi.id, OsmType::node);
        for (osmium::memory::Buffer& b : chunk.with_ways) m_mixed.push_back(std::move(b));
    }

    void append(WayChunk chunk) {
        if (chunk.damaged.way_id != 0) {
            const auto km = static_cast<long long>(chunk.damaged.length_m / 1000);
            throw DamagedCoordinates{"way " + std::to_string(chunk.damaged.way_id) + " has a segment of " + std::to_string(km) +
                                     " km ending at node " + std::to_string(chunk.damaged.node_id) +
                                     ": a coordinate of that node is damaged (e.g. an OSM XML lat or lon written with an"
                                     " exponent, such as 48.854e7748)"};
        }
        m_report.ways_read += chunk.ways_read;
        m_report.ways_kept += chunk.ways.size();
        m_report.ways_incomplete += chunk.ways_incomplete;
        m_report.refs_missing += chunk.refs_missing;
        m_report.buildings_small += chunk.buildings_small;
        m_report.buildings_lifecycle += chunk.buildings_lifecycle;
        m_report.buildings_incomplete += chunk.buildings_incomplete;
        if (chunk.newest > m_newest) m_newest = chunk.newest;
        RawPlaces& places = m_out.places;
        for (const WayChunk::Building& b : chunk.buildings) places.add_building(b.coord, b.footprint_m2, b.type);
        for (const osmium::Way* w : chunk.member_ways) add_member_way(places.relations, places.member_way_buffer, *w);
        // Names are interned in file order: a closed way's POI name, then its name as a street.
        const auto ref_base = static_cast<std::uint32_t>(m_out.refs.size());
        m_out.refs.insert(m_out.refs.end(), chunk.refs.begin(), chunk.refs.end());
        m_out.ref_coords.insert(m_out.ref_coords.end(), chunk.ref_coords.begin(), chunk.ref_coords.end());
        m_out.ref_segment_m.insert(m_out.ref_segment_m.end(), chunk.ref_segment_m.begin(), chunk.ref_segment_m.end());
        auto poi = chunk.pois.begin();
        const auto pois_before = [&](std::uint32_t way) {
            for (; poi != chunk.pois.end() && poi->before_way <= way; ++poi) {
                places.add_poi(poi->coord, poi->kind, m_out.intern_name(poi->name), poi->way_id, OsmType::way);
            }
        };
        for (std::uint32_t w = 0; w < chunk.ways.size(); ++w) {
            pois_before(w);
            const WayChunk::KeptWay& kept = chunk.ways[w];
            const std::uint32_t name = m_out.intern_name(kept.name);
            for (std::uint32_t p = kept.first_piece; p < kept.first_piece + kept.piece_count; ++p) {
                const WayChunk::Piece& piece = chunk.pieces[p];
                m_out.add_piece(RawWay{kept.id, ref_base + piece.first_ref, piece.ref_count, name, kept.profile});
            }
        }
        pois_before(static_cast<std::uint32_t>(chunk.ways.size()));
    }

    RawWays& m_out;
    ImportReport& m_report;
    osmium::thread::Pool& m_pool;
    std::future<PlaceRelations> m_relations;
    std::deque<std::future<NodeChunk>> m_node_chunks;
    std::deque<std::future<WayChunk>> m_way_chunks;
    std::vector<osmium::memory::Buffer> m_nodes;  // buffers of nodes for the next task
    std::vector<osmium::memory::Buffer> m_ways;   // buffers of ways for the next task
    std::vector<osmium::memory::Buffer> m_mixed;  // buffers whose nodes are stored, with ways still to read
    bool m_ways_started = false;
    osmium::Timestamp m_newest;
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
        // Every core decodes: the pool's tasks (decoding, way chunks) do not wait on each other, so a small pool
        // cannot deadlock, it is only slower.
        osmium::thread::Pool pool{static_cast<int>(std::max(2U, std::thread::hardware_concurrency()))};
        osmium::io::Reader reader{file, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way, meta, pool};
        // PBF stores a node in 6 to 10 bytes (dense nodes, delta coding), OSM XML in ~100.
        const bool pbf = file.format() == osmium::io::file_format::pbf;
        out.locations.reserve(reader.file_size() / (pbf ? 6 : 100) + 1024);
        // And a reference of a kept way in about 8 bytes of PBF: growing these arrays by doubling would copy them
        // several times (reserved but untouched memory is not resident).
        const std::size_t refs = reader.file_size() / (pbf ? 8 : 100) + 1024;
        out.refs.reserve(refs);
        out.ref_coords.reserve(refs);
        out.ref_segment_m.reserve(refs);
        Pass pass{out, report, pool, std::move(relations)};
        osmium::ProgressBar progress{reader.file_size(), options.show_progress};
        while (osmium::memory::Buffer buffer = reader.read()) {
            progress.update(reader.offset());
            pass.take(std::move(buffer));
        }
        progress.done();
        reader.close();
        pass.finish();

        out.timestamp = header_timestamp;
        const osmium::Timestamp newest = pass.newest();
        if (out.timestamp.empty() && newest.valid() && newest.seconds_since_epoch() > 1104537600) {  // after 2005
            out.timestamp = newest.to_iso();
        }
    } catch (const osmium::pbf_error& e) {
        throw input_error{"'" + path + "' is not a valid PBF file (" + e.what() +
                          "): the file may be truncated or damaged, download it again"};
    } catch (const protozero::exception& e) {  // a PBF header or block cut short (found by fuzzing)
        throw input_error{"'" + path + "' is not a valid PBF file (" + e.what() +
                          "): the file may be truncated or damaged, download it again"};
    } catch (const osmium::xml_error& e) {
        throw input_error{"'" + path + "' is not a valid OSM XML file: " + e.what()};
    } catch (const DamagedCoordinates& e) {
        throw input_error{"'" + path + "' has coordinates that cannot be real: " + e.what() +
                          ". Export the extract again from its source (converting this file with osmium keeps the damage)"};
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
