#include "read_ways.hpp"

#include "maillon/errors.hpp"

#include <osmium/handler.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/osm/node.hpp>
#include <osmium/osm/way.hpp>
#include <osmium/util/progress_bar.hpp>
#include <osmium/visitor.hpp>

#include <cstring>
#include <filesystem>
#include <system_error>

namespace maillon::importers {
namespace {


std::uint8_t node_flags_of(const osmium::TagList& tags) {
    std::uint8_t flags = 0;
    const char* highway = tags.get_value_by_key("highway", "");
    const char* crossing = tags.get_value_by_key("crossing", "");
    if (!std::strcmp(highway, "traffic_signals") || !std::strcmp(crossing, "traffic_signals")) {
        flags |= node_traffic_signals;
    }
    // Only a marked crossing earns the crossing-stress discount (docs/traffic-stress.md).
    const char* markings = tags.get_value_by_key("crossing:markings", "");
    const bool marked = !std::strcmp(crossing, "marked") || !std::strcmp(crossing, "zebra") ||
                        !std::strcmp(crossing, "uncontrolled") || !std::strcmp(crossing, "traffic_signals") ||
                        (*markings && std::strcmp(markings, "no") != 0);
    if (marked) {
        flags |= node_crossing;
    }
    if (!std::strcmp(highway, "stop") || !std::strcmp(highway, "give_way")) {
        flags |= node_stop;
    }
    if (tags.has_key("barrier")) {
        flags |= node_barrier;
    }
    return flags;
}

/// Stores node locations and tagged node flags, runs the tag rules on every way and keeps the
/// usable ones with their node locations. Unlike osmium's NodeLocationsForWays it looks up
/// locations only for kept ways: two thirds of the ways of a city (buildings, landuse) are not.
class WayCollector : public osmium::handler::Handler {
public:
    WayCollector(RawWays& out, ImportReport& report) : m_out(out), m_report(report) {}

    void node(const osmium::Node& node) {
        ++m_report.nodes_read;
        note_timestamp(node);
        if (node.location().valid()) {
            m_out.locations.add(node.id(), node.location());
        }
        if (!node.tags().empty()) {
            if (const auto flags = node_flags_of(node.tags())) {
                m_out.node_flags[node.id()] = flags;
            }
        }
    }

    void way(const osmium::Way& way) {
        ++m_report.ways_read;
        note_timestamp(way);
        if (!m_sorted) {
            m_out.locations.seal();  // all nodes come before the first way in OSM files
            m_sorted = true;
        }
        const WayProfile profile = evaluate_way(way.tags());
        if (!profile.keep) {
            return;
        }
        ++m_report.ways_kept;
        const std::uint32_t name = name_index(way.tags());
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

    std::uint32_t name_index(const osmium::TagList& tags) {
        const char* name = tags.get_value_by_key("name");
        if (!name) name = tags.get_value_by_key("ref");
        if (!name || !*name) return 0;
        const auto [it, inserted] = m_names.try_emplace(name, static_cast<std::uint32_t>(m_out.names.size()));
        if (inserted) m_out.names.emplace_back(name);
        return it->second;
    }

    void note_timestamp(const osmium::OSMObject& object) {
        if (object.timestamp() > m_max_timestamp) m_max_timestamp = object.timestamp();
    }

    RawWays& m_out;
    ImportReport& m_report;
    bool m_sorted = false;
    std::unordered_map<std::string, std::uint32_t> m_names;
    osmium::Timestamp m_max_timestamp;
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
        {
            osmium::io::Reader probe{file, osmium::osm_entity_bits::nothing};
            const osmium::io::Header header = probe.header();
            header_timestamp = header.get("osmosis_replication_timestamp", header.get("timestamp", ""));
            probe.close();
        }
        const auto meta = header_timestamp.empty() ? osmium::io::read_meta::yes : osmium::io::read_meta::no;
        osmium::io::Reader reader{file, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way, meta};
        // PBF stores a node in 6 to 10 bytes (dense nodes, delta coding), OSM XML in ~100.
        const bool pbf = file.format() == osmium::io::file_format::pbf;
        out.locations.reserve(reader.file_size() / (pbf ? 6 : 100) + 1024);
        WayCollector collector{out, report};
        osmium::ProgressBar progress{reader.file_size(), options.show_progress};
        while (osmium::memory::Buffer buffer = reader.read()) {
            progress.update(reader.offset());
            osmium::apply(buffer, collector);
        }
        progress.done();
        reader.close();

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
