#include "place_relations.hpp"

#include "area_moments.hpp"
#include "raw_ways.hpp"

#include <osmium/handler.hpp>
#include <osmium/io/pbf_input.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/osm/area.hpp>
#include <osmium/osm/relation.hpp>
#include <osmium/tags/tags_filter.hpp>
#include <osmium/visitor.hpp>
#include <protozero/exception.hpp>
#include <protozero/pbf_reader.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <functional>
#include <cstdlib>
#include <string_view>
#include <system_error>
#include <utility>

namespace maillon::importers {
namespace {

using tags::Key;

// ---- the relations kept --------------------------------------------------------------------------------------------

/// The manager's filter: relations (and closed ways, which it is never given) with a tag of the place tables. It
/// only narrows what the manager stores and assembles: relation_use() decides what a relation is used for.
osmium::TagsFilter place_filter() {
    osmium::TagsFilter filter{false};
    filter.add_rule(false, osmium::TagMatcher{"building", "no"});
    filter.add_rule(true, osmium::TagMatcher{"building"});
    for (const std::string_view level : tags::commune_admin_levels)
        filter.add_rule(true, osmium::TagMatcher{"admin_level", std::string{level}});
    for (const tags::PoiRule& rule : tags::poi_rules) {
        const std::string key{tags::key_names[static_cast<std::size_t>(rule.key)]};
        if (rule.value.empty()) {
            filter.add_rule(false, osmium::TagMatcher{key, "no"});
            filter.add_rule(false, osmium::TagMatcher{key, "vacant"});
            filter.add_rule(true, osmium::TagMatcher{key});
        } else {
            filter.add_rule(true, osmium::TagMatcher{key, std::string{rule.value}});
        }
    }
    return filter;
}

/// Beside the manager in the first pass: what each relation used for places is, and the counts of the report.
class RelationNotes : public osmium::handler::Handler {
public:
    explicit RelationNotes(PlaceRelations& out) : m_out(out) {}

    void relation(const osmium::Relation& relation) {
        const tags::TagView t{relation.tags()};
        if (t.is(Key::type, "multipolygon") && building_class(t).state == BuildingClass::dropped) ++m_out.buildings_lifecycle;
        const std::uint8_t use = relation_use(t);
        if (!use) return;
        const bool has_way = std::any_of(relation.members().begin(), relation.members().end(),
                                         [](const osmium::RelationMember& m) { return m.type() == osmium::item_type::way; });
        if (!has_way) {  // the manager does not keep it: incomplete
            if (use & use_commune) ++m_out.communes_without_ways;
            if (use & (use_building | use_poi)) ++m_out.multipolygons_without_ways;
            return;
        }
        PlaceRelation r;
        r.id = relation.id();
        r.use = use;
        r.name = t.has(Key::name) ? std::string{t[Key::name]} : "";
        r.insee = std::string{t.has(Key::ref_insee) ? t[Key::ref_insee] : t[Key::ref]};
        r.admin_level = static_cast<std::uint8_t>(std::atoi(std::string{t[Key::admin_level]}.c_str()));
        r.building = building_class(t);
        r.poi = poi_kind(t);
        m_out.relations.push_back(std::move(r));
        for (const osmium::RelationMember& m : relation.members())
            if (m.type() == osmium::item_type::way) m_out.member_ways.push_back(m.ref());
    }

private:
    PlaceRelations& m_out;
};

// ---- the tail of a sorted PBF file ----------------------------------------------------------------------------------

// Limits of the PBF format (OSM wiki, PBF Format): a BlobHeader under 64 KiB, a Blob under 32 MiB.
constexpr std::uint32_t max_blob_header_size = 64U * 1024U;
constexpr std::uint64_t max_blob_size = 32U * 1024U * 1024U;

class Fd {
public:
    explicit Fd(const std::string& path) : m_fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
        if (m_fd < 0) throw std::system_error{errno, std::system_category(), "open"};
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { ::close(m_fd); }
    int get() const noexcept { return m_fd; }

private:
    int m_fd;
};

/// Reads up to n bytes at offset (fewer only at the end of the file).
std::size_t read_at(int fd, char* out, std::size_t n, std::uint64_t offset) {
    std::size_t done = 0;
    while (done < n) {
        const ssize_t got = ::pread(fd, out + done, n - done, static_cast<off_t>(offset + done));
        if (got < 0) {
            if (errno == EINTR) continue;
            throw std::system_error{errno, std::system_category(), "pread"};
        }
        if (got == 0) break;
        done += static_cast<std::size_t>(got);
    }
    return done;
}

/// A block of the file with its framing (size, BlobHeader, Blob): what a PBF reader reads.
struct BlockSpan {
    std::uint64_t offset;
    std::uint64_t size;
    bool data;  // OSMData, else OSMHeader
};

/// The blocks of a PBF file, from their headers alone (one small read per block).
std::vector<BlockSpan> blocks_of(int fd, std::uint64_t file_size) {
    std::vector<BlockSpan> blocks;
    std::array<char, 64> head{};
    std::string long_header;
    std::uint64_t offset = 0;
    while (offset < file_size) {
        const std::size_t got = read_at(fd, head.data(), static_cast<std::size_t>(std::min<std::uint64_t>(head.size(), file_size - offset)), offset);
        if (got < 4) throw osmium::pbf_error{"truncated blob header"};
        const auto* b = reinterpret_cast<const unsigned char*>(head.data());
        const std::uint32_t header_size = (std::uint32_t{b[0]} << 24U) | (std::uint32_t{b[1]} << 16U) |
                                          (std::uint32_t{b[2]} << 8U) | std::uint32_t{b[3]};
        if (header_size > max_blob_header_size || 4 + std::uint64_t{header_size} > file_size - offset) {
            throw osmium::pbf_error{"invalid blob header size"};
        }
        const char* header = head.data() + 4;
        if (4 + header_size > got) {
            long_header.resize(header_size);
            if (read_at(fd, long_header.data(), header_size, offset + 4) != header_size) {
                throw osmium::pbf_error{"truncated blob header"};
            }
            header = long_header.data();
        }
        std::string_view type;
        std::int32_t data_size = 0;
        try {
            protozero::pbf_reader reader{header, header_size};
            while (reader.next()) {
                if (reader.tag() == 1 && reader.wire_type() == protozero::pbf_wire_type::length_delimited) {
                    const auto view = reader.get_view();
                    type = std::string_view{view.data(), view.size()};
                } else if (reader.tag() == 3 && reader.wire_type() == protozero::pbf_wire_type::varint) {
                    data_size = reader.get_int32();
                } else {
                    reader.skip();
                }
            }
        } catch (const protozero::exception& e) {
            throw osmium::pbf_error{std::string{"invalid blob header: "} + e.what()};
        }
        if (type.empty()) throw osmium::pbf_error{"blob header without type"};
        if (data_size <= 0 || static_cast<std::uint64_t>(data_size) > max_blob_size ||
            4 + std::uint64_t{header_size} + static_cast<std::uint64_t>(data_size) > file_size - offset) {
            throw osmium::pbf_error{"invalid blob size"};
        }
        const std::uint64_t size = 4 + std::uint64_t{header_size} + static_cast<std::uint64_t>(data_size);
        blocks.push_back({offset, size, type == "OSMData"});
        offset += size;
    }
    return blocks;
}

/// The relations of a PBF file sorted by type then id, from its last blocks: each block is read alone by
/// libosmium's Reader (the header block and that block, as a file in memory), from the end backwards until one
/// holds no relation. The buffers, in file order.
std::vector<osmium::memory::Buffer> tail_relations(const std::string& path) {
    const Fd fd{path};
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) throw std::system_error{errno, std::system_category(), "fstat"};
    const std::vector<BlockSpan> blocks = blocks_of(fd.get(), static_cast<std::uint64_t>(st.st_size));
    if (blocks.empty() || blocks.front().data) throw osmium::pbf_error{"the file does not start with an OSMHeader block"};
    std::string header(blocks.front().size, '\0');
    if (read_at(fd.get(), header.data(), header.size(), blocks.front().offset) != header.size()) throw osmium::pbf_error{"truncated header"};
    std::vector<std::vector<osmium::memory::Buffer>> found;  // per block, from the last one
    for (auto it = blocks.rbegin(); it != blocks.rend() && it->data; ++it) {
        std::string bytes = header;
        bytes.resize(header.size() + it->size);
        if (read_at(fd.get(), bytes.data() + header.size(), it->size, it->offset) != it->size) throw osmium::pbf_error{"truncated blob"};
        const osmium::io::File block{bytes.data(), bytes.size(), "pbf"};
        osmium::io::Reader reader{block, osmium::osm_entity_bits::relation, osmium::io::read_meta::no};
        std::vector<osmium::memory::Buffer> buffers;
        while (osmium::memory::Buffer buffer = reader.read()) buffers.push_back(std::move(buffer));
        reader.close();
        if (buffers.empty()) break;
        found.push_back(std::move(buffers));
    }
    std::vector<osmium::memory::Buffer> out;
    for (auto it = found.rbegin(); it != found.rend(); ++it)
        for (auto& buffer : *it) out.push_back(std::move(buffer));
    return out;
}

// ---- assembling -----------------------------------------------------------------------------------------------------

AreaMoments moments_of(const osmium::Area& area) {
    AreaMoments m;
    const auto add = [&](const osmium::NodeRefList& ring, bool hole) {
        m.add_ring(ring.size(), [&](std::size_t i) { return ring[i].location(); }, hole);
    };
    for (const osmium::OuterRing& outer : area.outer_rings()) {
        add(outer, false);
        for (const osmium::InnerRing& inner : area.inner_rings(outer)) add(inner, true);
    }
    return m;
}

/// The manager's output callback: what the places need of each area assembled from a relation.
std::function<void(osmium::memory::Buffer&&)> area_collector(PlaceRelations& rel) {
    return [&rel](osmium::memory::Buffer&& buffer) {
        for (const osmium::Area& area : buffer.select<osmium::Area>()) {
            if (area.from_way() || area.num_rings().first == 0) continue;  // closed ways: the reading pass measures them
            AssembledArea a{area.orig_id(), {}, moments_of(area)};
            const auto coords = [](const osmium::NodeRefList& ring) {
                std::vector<Coord> c;
                for (const osmium::NodeRef& n : ring) c.push_back(Coord{n.location().x(), n.location().y()});
                return c;
            };
            for (const osmium::OuterRing& outer : area.outer_rings()) {
                a.rings.emplace_back(true, coords(outer));
                for (const osmium::InnerRing& inner : area.inner_rings(outer)) a.rings.emplace_back(false, coords(inner));
            }
            rel.assembled.push_back(std::move(a));
        }
    };
}

}  // namespace

void add_member_way(PlaceRelations& relations, osmium::memory::Buffer& kept, const osmium::Way& way) {
    if (relations.manager && relations.in_id_order) {
        if (way.id() > relations.last_way_given) {
            if (!relations.handler) relations.handler = &relations.manager->handler(area_collector(relations));
            relations.last_way_given = way.id();
            relations.handler->way(way);
            return;
        }
        // Ids going back: the file is not sorted as its header says; the rest waits for the end, sorted.
        relations.in_id_order = false;
    }
    kept.add_item(way);
    kept.commit();
}

PlaceRelations read_place_relations(const osmium::io::File& file, bool sorted_by_type_then_id) {
    const auto start = std::chrono::steady_clock::now();
    PlaceRelations kept;
    osmium::area::AssemblerConfig config;
    config.create_empty_areas = false;  // a relation whose rings do not close gives no area
    kept.manager = std::make_unique<AreaManager>(config, place_filter());
    RelationNotes notes{kept};
    const bool seekable_pbf = file.format() == osmium::io::file_format::pbf &&
                              file.compression() == osmium::io::file_compression::none && !file.buffer() &&
                              !file.filename().empty() && file.filename() != "-";
    if (sorted_by_type_then_id && seekable_pbf) {
        for (osmium::memory::Buffer& buffer : tail_relations(file.filename())) osmium::apply(buffer, *kept.manager, notes);
    } else {
        osmium::io::Reader reader{file, osmium::osm_entity_bits::relation, osmium::io::read_meta::no};
        osmium::apply(reader, *kept.manager, notes);
        reader.close();
    }
    kept.manager->prepare_for_lookup();
    kept.in_id_order = sorted_by_type_then_id;
    std::sort(kept.relations.begin(), kept.relations.end(), [](const PlaceRelation& a, const PlaceRelation& b) { return a.id < b.id; });
    std::sort(kept.member_ways.begin(), kept.member_ways.end());
    kept.member_ways.erase(std::unique(kept.member_ways.begin(), kept.member_ways.end()), kept.member_ways.end());
    kept.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return kept;
}

bool is_member_way(const PlaceRelations& relations, osmium::object_id_type id) noexcept {
    return std::binary_search(relations.member_ways.begin(), relations.member_ways.end(), id);
}

void assemble_place_relations(RawWays& raw, ImportReport& report) {
    RawPlaces& p = raw.places;
    PlaceRelations& rel = p.relations;
    report.buildings_lifecycle += rel.buildings_lifecycle;
    report.seconds_relations = rel.seconds;
    if (rel.manager) {
        // The member ways kept for the end (a file not sorted by id gives them in any order): by id, as the manager
        // wants them.
        std::vector<const osmium::Way*> ways;
        for (const osmium::Way& w : p.member_way_buffer.select<osmium::Way>()) ways.push_back(&w);
        std::sort(ways.begin(), ways.end(), [](const osmium::Way* a, const osmium::Way* b) { return a->id() < b->id(); });
        ways.erase(std::unique(ways.begin(), ways.end(), [](const osmium::Way* a, const osmium::Way* b) { return a->id() == b->id(); }),
                   ways.end());
        auto& handler = rel.manager->handler(area_collector(rel));  // `rel` may have moved since the reading pass
        for (const osmium::Way* w : ways) {
            // The manager takes ways in ascending id order only: in a file whose ids went back, a way below the
            // last one given during the reading pass can no longer be given (its relations stay incomplete).
            if (w->id() > rel.last_way_given) handler.way(*w);
        }
        handler.flush();
        std::vector<AssembledArea>& assembled = rel.assembled;
        std::vector<osmium::object_id_type> incomplete;
        rel.manager->for_each_incomplete_relation([&](const osmium::relations::RelationHandle& h) { incomplete.push_back(h->id()); });
        std::sort(incomplete.begin(), incomplete.end());
        std::sort(assembled.begin(), assembled.end(), [](const AssembledArea& a, const AssembledArea& b) { return a.id < b.id; });

        auto next = assembled.begin();
        for (const PlaceRelation& r : rel.relations) {
            while (next != assembled.end() && next->id < r.id) ++next;
            if (next == assembled.end() || next->id != r.id) {
                const bool is_incomplete = std::binary_search(incomplete.begin(), incomplete.end(), r.id);
                if (r.use & use_commune) ++(is_incomplete ? report.communes_incomplete : report.communes_invalid);
                if (r.use & (use_building | use_poi)) ++report.multipolygons_skipped;
                continue;
            }
            const AssembledArea& a = *next;
            if (r.use & use_commune) {
                p.commune_name.push_back(raw.intern_name(r.name.c_str()));
                p.commune_insee.push_back(raw.intern_name(r.insee.c_str()));
                p.commune_level.push_back(r.admin_level);
                p.commune_osm_id.push_back(r.id);
                for (const auto& [outer, coords] : a.rings) {
                    p.commune_ring_coords.insert(p.commune_ring_coords.end(), coords.begin(), coords.end());
                    p.commune_ring_outer.push_back(outer ? 1 : 0);
                    p.commune_ring_begin.push_back(static_cast<std::uint32_t>(p.commune_ring_coords.size()));
                }
                p.commune_first_ring.push_back(static_cast<std::uint32_t>(p.commune_ring_outer.size()));
            }
            if (r.use & use_building) {
                if (a.moments.area_m2() < tags::min_building_m2) {
                    ++report.buildings_small;
                } else {
                    p.add_building(a.moments.centroid(), a.moments.area_m2(), r.building);
                }
            }
            if (r.use & use_poi) p.add_poi(a.moments.centroid(), *r.poi, raw.intern_name(r.name.c_str()), r.id, OsmType::relation);
        }
    }
    report.communes_incomplete += rel.communes_without_ways;
    report.multipolygons_skipped += rel.multipolygons_without_ways;
    p.relations = PlaceRelations{};
    p.member_way_buffer = osmium::memory::Buffer{};
    report.buildings = p.building_coord.size();
    report.pois = p.poi_coord.size();
    report.communes = p.commune_name.size();
}

}  // namespace maillon::importers
