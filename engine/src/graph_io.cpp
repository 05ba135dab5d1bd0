#include "maillon/graph_io.hpp"

#include "maillon/atomic_file.hpp"
#include "maillon/errors.hpp"

#include <zlib.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <limits>
#include <type_traits>

namespace maillon {
namespace {

constexpr std::array<char, 8> magic{'M', 'A', 'I', 'L', 'L', 'O', 'N', 'G'};
constexpr std::uint32_t byte_order_mark = 0x01020304;

struct Header {
    std::array<char, 8> magic;
    std::uint32_t version;
    std::uint32_t byte_order;
    std::uint64_t payload_size;
    std::uint32_t payload_crc;
    std::uint32_t reserved;
};
static_assert(sizeof(Header) == 32);

/// Length of the OSM extension that ends path (".osm.pbf", ...), 0 when none.
std::size_t extract_suffix(const std::string& path) {
    for (const std::string_view ext : {".osm.pbf", ".osm.bz2", ".osm.gz", ".osm", ".pbf"}) {
        if (path.size() > ext.size() && std::string_view{path}.substr(path.size() - ext.size()) == ext) return ext.size();
    }
    return 0;
}

/// Where the message suggests writing the graph of an extract: beside it, its OSM extension
/// replaced by .maillon (never the extract itself, which the import would overwrite).
std::string suggested_graph_name(const std::string& extract) {
    return extract.substr(0, extract.size() - extract_suffix(extract)) + ".maillon";
}

/// Streams the payload out while computing its size and CRC.
class PayloadWriter {
public:
    explicit PayloadWriter(std::ofstream& out) : m_out(out) {}

    void bytes(const void* p, std::size_t n) {
        m_out.write(static_cast<const char*>(p), static_cast<std::streamsize>(n));
        // zlib's crc32 takes uInt lengths: feed large arrays in chunks.
        const auto* c = static_cast<const Bytef*>(p);
        while (n > 0) {
            const auto chunk = static_cast<uInt>(std::min<std::size_t>(n, 1U << 30));
            m_crc = crc32(m_crc, c, chunk);
            c += chunk;
            n -= chunk;
            m_size += chunk;
        }
    }
    template <typename T>
    void array(const std::vector<T>& v) {
        static_assert(std::is_trivially_copyable_v<T>);
        const std::uint64_t count = v.size();
        bytes(&count, sizeof count);
        bytes(v.data(), v.size() * sizeof(T));
    }
    void strings(const std::vector<std::string>& v) {
        std::vector<std::uint64_t> offsets;
        offsets.reserve(v.size() + 1);
        std::string blob;
        offsets.push_back(0);
        for (const auto& s : v) {
            blob += s;
            offsets.push_back(blob.size());
        }
        array(offsets);
        array(std::vector<char>(blob.begin(), blob.end()));
    }
    void string(const std::string& s) { array(std::vector<char>(s.begin(), s.end())); }

    std::uint64_t size() const noexcept { return m_size; }
    std::uint32_t crc() const noexcept { return static_cast<std::uint32_t>(m_crc); }

private:
    std::ofstream& m_out;
    uLong m_crc = crc32(0L, Z_NULL, 0);
    std::uint64_t m_size = 0;
};

/// Reads the payload back, refusing counts larger than what is left in the file.
class PayloadReader {
public:
    PayloadReader(std::ifstream& in, std::string path, std::uint64_t size)
        : m_in(in), m_path(std::move(path)), m_left(size) {}

    void bytes(void* p, std::size_t n) {
        if (n > m_left) {
            truncated();
        }
        m_in.read(static_cast<char*>(p), static_cast<std::streamsize>(n));
        if (!m_in) {
            truncated();
        }
        auto* c = static_cast<Bytef*>(p);
        std::size_t k = n;
        while (k > 0) {
            const auto chunk = static_cast<uInt>(std::min<std::size_t>(k, 1U << 30));
            m_crc = crc32(m_crc, c, chunk);
            c += chunk;
            k -= chunk;
        }
        m_left -= n;
    }
    template <typename T>
    void array(std::vector<T>& v) {
        std::uint64_t count = 0;
        bytes(&count, sizeof count);
        if (count > m_left / sizeof(T)) {
            truncated();
        }
        v.resize(count);
        bytes(v.data(), count * sizeof(T));
    }
    void strings(std::vector<std::string>& v) {
        std::vector<std::uint64_t> offsets;
        std::vector<char> blob;
        array(offsets);
        array(blob);
        v.clear();
        v.reserve(offsets.empty() ? 0 : offsets.size() - 1);
        for (std::size_t i = 0; i + 1 < offsets.size(); ++i) {
            if (offsets[i] > offsets[i + 1] || offsets[i + 1] > blob.size()) {
                damaged();
            }
            v.emplace_back(blob.data() + offsets[i], offsets[i + 1] - offsets[i]);
        }
    }
    void string(std::string& s) {
        std::vector<char> chars;
        array(chars);
        s.assign(chars.begin(), chars.end());
    }
    std::uint64_t left() const noexcept { return m_left; }
    std::uint32_t crc() const noexcept { return static_cast<std::uint32_t>(m_crc); }

    [[noreturn]] void truncated() const {
        throw input_error{"graph file '" + m_path + "' is truncated: run 'maillon import' again to rebuild it"};
    }
    [[noreturn]] void damaged() const {
        throw input_error{"graph file '" + m_path +
                          "' is damaged (checksum mismatch): run 'maillon import' again to rebuild it"};
    }

private:
    std::ifstream& m_in;
    std::string m_path;
    std::uint64_t m_left;
    uLong m_crc = crc32(0L, Z_NULL, 0);
};

/// The one list of arrays, in file order, shared by save and load so they cannot diverge.
template <typename Io, typename Data>
void visit_payload(Io& io, Data& d) {
    io.array(d.node_coord);
    io.array(d.node_osm_id);
    io.array(d.node_flags);
    io.array(d.node_crossing_lts);
    io.array(d.edge_source);
    io.array(d.edge_target);
    io.array(d.edge_length_m);
    io.array(d.edge_shape_begin);
    io.array(d.edge_way_id);
    io.array(d.edge_name);
    io.array(d.edge_highway);
    io.array(d.edge_maxspeed_kmh);
    io.array(d.edge_lanes);
    io.array(d.edge_flags);
    io.array(d.edge_surface);
    io.array(d.edge_regime);
    io.array(d.arc_access);
    io.array(d.arc_side_facility);
    io.array(d.arc_facility);
    io.array(d.arc_lts);
    io.array(d.shape);
    io.strings(d.names);
    io.string(d.osm_timestamp);
    io.string(d.source_name);
    // places (format version 2)
    io.array(d.poi_coord);
    io.array(d.poi_kind);
    io.array(d.poi_name);
    io.array(d.poi_osm_id);
    io.array(d.poi_osm_type);
    io.array(d.building_coord);
    io.array(d.building_floor_m2);
    io.array(d.building_residential_pct);
    io.array(d.commune_name);
    io.array(d.commune_insee);
    io.array(d.commune_level);
    io.array(d.commune_osm_id);
    io.array(d.commune_first_ring);
    io.array(d.commune_ring_outer);
    io.array(d.commune_ring_begin);
    io.array(d.commune_ring_coords);
}

}  // namespace

void save_graph(const Graph& graph, const std::string& path) {
    AtomicFile file{path};
    auto& out = file.stream();
    Header header{magic, graph_format_version, byte_order_mark, 0, 0, 0};
    out.write(reinterpret_cast<const char*>(&header), sizeof header);
    PayloadWriter writer{out};
    visit_payload(writer, graph.data());
    header.payload_size = writer.size();
    header.payload_crc = writer.crc();
    out.seekp(0);
    out.write(reinterpret_cast<const char*>(&header), sizeof header);
    file.commit();
}

bool is_graph_file(const std::string& path) {
    std::ifstream in{path, std::ios::binary};
    std::array<char, 8> head{};
    return in.read(head.data(), head.size()) && head == magic;
}

Graph load_graph(const std::string& path) {
    std::ifstream in{path, std::ios::binary | std::ios::ate};
    if (!in) {
        throw input_error{"cannot open graph file '" + path + "': " + std::strerror(errno)};
    }
    const auto file_size = static_cast<std::uint64_t>(in.tellg());
    in.seekg(0);
    Header header{};
    if (file_size < sizeof header || !in.read(reinterpret_cast<char*>(&header), sizeof header) ||
        header.magic != magic) {
        if (extract_suffix(path) > 0) {
            throw input_error{"'" + path + "' is an OSM extract, not a maillon graph file: import it first with 'maillon import " +
                              path + " -o " + suggested_graph_name(path) + "'"};
        }
        throw input_error{"'" + path + "' is not a maillon graph file (create one with 'maillon import EXTRACT -o " +
                          path + "')"};
    }
    if (header.byte_order != byte_order_mark) {
        throw input_error{"graph file '" + path + "' was written on a machine of another byte order: import it again here"};
    }
    if (header.version != graph_format_version) {
        throw input_error{"graph file '" + path + "' has format version " + std::to_string(header.version) +
                          ", this maillon reads version " + std::to_string(graph_format_version) +
                          ": run 'maillon import' again to rebuild it"};
    }
    PayloadReader reader{in, path, file_size - sizeof header};
    if (header.payload_size != file_size - sizeof header) {
        reader.truncated();
    }
    GraphData data;
    visit_payload(reader, data);
    if (reader.left() != 0 || reader.crc() != header.payload_crc) {
        reader.damaged();
    }
    try {
        return Graph{std::move(data)};
    } catch (const std::invalid_argument& e) {
        throw input_error{"graph file '" + path + "' is inconsistent (" + e.what() + "): run 'maillon import' again"};
    }
}

}  // namespace maillon
