#include "places.hpp"

#include "raw_ways.hpp"

// GCC 12+ warns inside libosmium's AreaBuilder::initialize_from_object (strlen of the user name of
// an object without metadata): a false positive of its inlined code, not ours.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11
#pragma GCC diagnostic ignored "-Wstringop-overread"
#endif
#include <osmium/area/assembler.hpp>
#include <osmium/builder/osm_object_builder.hpp>
#include <osmium/io/detail/pbf.hpp>
#include <osmium/io/detail/pbf_decoder.hpp>
#include <osmium/io/pbf_input.hpp>
#include <osmium/io/reader.hpp>
#include <osmium/osm/area.hpp>
#include <osmium/osm/relation.hpp>
#include <osmium/osm/way.hpp>
#include <protozero/exception.hpp>
#include <protozero/pbf_reader.hpp>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>

namespace maillon::importers {
namespace {

bool is(const char* value, const char* expected) noexcept { return value && !std::strcmp(value, expected); }
/// A tag present with a value other than "no".
bool present(const char* value) noexcept { return value && std::strcmp(value, "no") != 0; }

// ---- building table -------------------------------------------------------------------------
// Default levels when building:levels is absent or unreadable, and the residential share of the
// floor area, by building=* value. "yes" (use unknown) is 60 % residential: in French cities most
// untyped buildings are housing (the cadastre import tags every building "yes"). Values not in the
// table (bunker, tower, typos...) count as other_building: one level, no housing.

struct BuildingType {
    std::string_view value;
    float levels;
    std::uint8_t residential_pct;
};

constexpr std::array building_types{
    BuildingType{"yes", 3, 60},  // first: nine buildings out of ten
    // housing
    BuildingType{"house", 2, 100},
    BuildingType{"detached", 2, 100},
    BuildingType{"semidetached_house", 2, 100},
    BuildingType{"terrace", 2, 100},
    BuildingType{"apartments", 5, 100},
    BuildingType{"residential", 5, 100},
    BuildingType{"dormitory", 5, 100},
    BuildingType{"bungalow", 1, 100},
    BuildingType{"farm", 2, 100},  // the farmhouse
    BuildingType{"cabin", 1, 100},
    BuildingType{"houseboat", 1, 100},
    BuildingType{"static_caravan", 1, 100},
    // no housing
    BuildingType{"commercial", 4, 0},
    BuildingType{"office", 5, 0},
    BuildingType{"retail", 1, 0},
    BuildingType{"supermarket", 1, 0},
    BuildingType{"kiosk", 1, 0},
    BuildingType{"hotel", 5, 0},
    BuildingType{"industrial", 1, 0},
    BuildingType{"warehouse", 1, 0},
    BuildingType{"manufacture", 1, 0},
    BuildingType{"school", 2, 0},
    BuildingType{"kindergarten", 1, 0},
    BuildingType{"college", 3, 0},
    BuildingType{"university", 3, 0},
    BuildingType{"hospital", 4, 0},
    BuildingType{"public", 3, 0},
    BuildingType{"civic", 2, 0},
    BuildingType{"government", 3, 0},
    BuildingType{"townhall", 2, 0},
    BuildingType{"fire_station", 2, 0},
    BuildingType{"church", 1, 0},
    BuildingType{"chapel", 1, 0},
    BuildingType{"cathedral", 1, 0},
    BuildingType{"mosque", 1, 0},
    BuildingType{"synagogue", 1, 0},
    BuildingType{"temple", 1, 0},
    BuildingType{"religious", 1, 0},
    BuildingType{"train_station", 1, 0},
    BuildingType{"transportation", 1, 0},
    BuildingType{"parking", 3, 0},
    BuildingType{"garage", 1, 0},
    BuildingType{"garages", 1, 0},
    BuildingType{"carport", 1, 0},
    BuildingType{"shed", 1, 0},
    BuildingType{"hut", 1, 0},
    BuildingType{"roof", 1, 0},
    BuildingType{"service", 1, 0},
    BuildingType{"greenhouse", 1, 0},
    BuildingType{"barn", 1, 0},
    BuildingType{"farm_auxiliary", 1, 0},
    BuildingType{"stable", 1, 0},
    BuildingType{"sports_centre", 1, 0},
    BuildingType{"sports_hall", 1, 0},
    BuildingType{"stadium", 1, 0},
    BuildingType{"toilets", 1, 0},
};
constexpr BuildingType other_building{"", 1, 0};

/// building=* values of buildings that are not (or no longer, or not yet) there: dropped.
constexpr std::array<std::string_view, 8> lifecycle_values{"construction", "proposed", "abandoned", "ruins",
                                                           "collapsed",    "destroyed", "demolished", "razed"};

// ---- POI kind table -------------------------------------------------------------------------
// First matching rule wins (an object gives at most one POI). An empty value matches any value
// but "no" and "vacant". Objects with access=private or access=no are no POI.

enum class Needs : std::uint8_t {
    nothing,
    rail_mode,  // train, subway, tram or light_rail = yes
    bus,        // bus = yes
};

struct PoiRule {
    const char* PlaceTags::*key;
    const char* value;  // "": any value but no, vacant
    Needs needs;
    PoiKind kind;
};

constexpr std::array poi_rules{
    PoiRule{&PlaceTags::amenity, "bicycle_rental", Needs::nothing, PoiKind::bicycle_rental},
    PoiRule{&PlaceTags::railway, "station", Needs::nothing, PoiKind::rail_station},
    PoiRule{&PlaceTags::railway, "halt", Needs::nothing, PoiKind::rail_station},
    PoiRule{&PlaceTags::public_transport, "station", Needs::rail_mode, PoiKind::rail_station},
    PoiRule{&PlaceTags::station, "subway", Needs::nothing, PoiKind::rail_station},
    PoiRule{&PlaceTags::railway, "subway_entrance", Needs::nothing, PoiKind::subway_entrance},
    PoiRule{&PlaceTags::railway, "train_station_entrance", Needs::nothing, PoiKind::subway_entrance},
    PoiRule{&PlaceTags::railway, "tram_stop", Needs::nothing, PoiKind::tram_stop},
    PoiRule{&PlaceTags::highway, "bus_stop", Needs::nothing, PoiKind::bus_stop},
    PoiRule{&PlaceTags::public_transport, "platform", Needs::bus, PoiKind::bus_stop},
    PoiRule{&PlaceTags::public_transport, "stop_position", Needs::bus, PoiKind::bus_stop},
    PoiRule{&PlaceTags::amenity, "school", Needs::nothing, PoiKind::school},
    PoiRule{&PlaceTags::amenity, "kindergarten", Needs::nothing, PoiKind::school},
    PoiRule{&PlaceTags::amenity, "college", Needs::nothing, PoiKind::school},
    PoiRule{&PlaceTags::amenity, "university", Needs::nothing, PoiKind::university},
    PoiRule{&PlaceTags::amenity, "hospital", Needs::nothing, PoiKind::healthcare},
    PoiRule{&PlaceTags::amenity, "clinic", Needs::nothing, PoiKind::healthcare},
    PoiRule{&PlaceTags::amenity, "doctors", Needs::nothing, PoiKind::healthcare},
    PoiRule{&PlaceTags::amenity, "pharmacy", Needs::nothing, PoiKind::healthcare},
    PoiRule{&PlaceTags::amenity, "townhall", Needs::nothing, PoiKind::public_service},
    PoiRule{&PlaceTags::amenity, "library", Needs::nothing, PoiKind::public_service},
    PoiRule{&PlaceTags::amenity, "post_office", Needs::nothing, PoiKind::public_service},
    PoiRule{&PlaceTags::amenity, "community_centre", Needs::nothing, PoiKind::public_service},
    PoiRule{&PlaceTags::leisure, "sports_centre", Needs::nothing, PoiKind::sport_leisure},
    PoiRule{&PlaceTags::leisure, "stadium", Needs::nothing, PoiKind::sport_leisure},
    PoiRule{&PlaceTags::leisure, "swimming_pool", Needs::nothing, PoiKind::sport_leisure},
    PoiRule{&PlaceTags::leisure, "park", Needs::nothing, PoiKind::sport_leisure},
    PoiRule{&PlaceTags::shop, "", Needs::nothing, PoiKind::shop},
    PoiRule{&PlaceTags::office, "", Needs::nothing, PoiKind::workplace},
};

bool needs_met(const PlaceTags& t, Needs needs) noexcept {
    switch (needs) {
        case Needs::nothing: return true;
        case Needs::rail_mode:
            return is(t.train, "yes") || is(t.subway, "yes") || is(t.tram, "yes") || is(t.light_rail, "yes");
        case Needs::bus: return is(t.bus, "yes");
    }
    return false;
}

// ---- relations ------------------------------------------------------------------------------

enum RelationUse : std::uint8_t { use_commune = 1, use_building = 2, use_poi = 4 };

/// Communes: boundary=administrative, admin_level 8 (communes) or 9 (Paris, Lyon, Marseille
/// arrondissements), type=boundary or multipolygon. Buildings and POIs: type=multipolygon.
std::uint8_t relation_use(const PlaceTags& t) noexcept {
    const bool multipolygon = is(t.type, "multipolygon");
    if (!multipolygon && !is(t.type, "boundary")) return 0;
    std::uint8_t use = 0;
    if (is(t.boundary, "administrative") && (is(t.admin_level, "8") || is(t.admin_level, "9"))) use |= use_commune;
    if (multipolygon && building_class(t).state == BuildingClass::kept) use |= use_building;
    if (multipolygon && poi_kind(t)) use |= use_poi;
    return use;
}

void keep_relation(const osmium::Relation& relation, PlaceRelations& kept) {
    const PlaceTags tags{relation.tags()};
    if (is(tags.type, "multipolygon") && building_class(tags).state == BuildingClass::dropped) {
        ++kept.buildings_lifecycle;
    }
    if (!relation_use(tags)) return;
    kept.buffer.add_item(relation);
    kept.buffer.commit();
    for (const osmium::RelationMember& member : relation.members()) {
        if (member.type() == osmium::item_type::way) kept.member_ways.push_back(member.ref());
    }
}

/// Relations of a whole file, decoding only relations.
void read_all_relations(const osmium::io::File& file, PlaceRelations& kept) {
    osmium::io::Reader reader{file, osmium::osm_entity_bits::relation, osmium::io::read_meta::no};
    while (osmium::memory::Buffer buffer = reader.read()) {
        for (const osmium::Relation& relation : buffer.select<osmium::Relation>()) keep_relation(relation, kept);
    }
    reader.close();
}

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

struct BlobSpan {
    std::uint64_t offset;  // of the Blob message
    std::uint32_t size;
};

/// The OSMData blobs of a PBF file, from their headers alone (one small read per blob).
std::vector<BlobSpan> data_blobs(int fd, std::uint64_t file_size) {
    std::vector<BlobSpan> blobs;
    std::array<char, 64> head{};
    std::string long_header;
    std::uint64_t offset = 0;
    while (offset < file_size) {
        const std::size_t got = read_at(fd, head.data(), static_cast<std::size_t>(std::min<std::uint64_t>(head.size(), file_size - offset)), offset);
        if (got < 4) throw osmium::pbf_error{"truncated blob header"};
        const auto* b = reinterpret_cast<const unsigned char*>(head.data());
        const std::uint32_t header_size = (std::uint32_t{b[0]} << 24U) | (std::uint32_t{b[1]} << 16U) |
                                          (std::uint32_t{b[2]} << 8U) | std::uint32_t{b[3]};
        if (header_size > static_cast<std::uint32_t>(osmium::io::detail::max_blob_header_size) ||
            4 + std::uint64_t{header_size} > file_size - offset) {
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
            if (type.empty()) throw osmium::pbf_error{"blob header without type"};
            if (data_size <= 0 || static_cast<std::uint64_t>(data_size) > osmium::io::detail::max_uncompressed_blob_size ||
                4 + std::uint64_t{header_size} + static_cast<std::uint64_t>(data_size) > file_size - offset) {
                throw osmium::pbf_error{"invalid blob size"};
            }
            offset += 4 + header_size;
            if (type == "OSMData") blobs.push_back({offset, static_cast<std::uint32_t>(data_size)});
        } catch (const protozero::exception& e) {
            throw osmium::pbf_error{std::string{"invalid blob header: "} + e.what()};
        }
        offset += static_cast<std::uint64_t>(data_size);
    }
    return blobs;
}

/// Relations of a PBF file sorted by type then id: they fill its last blobs. Decodes blobs from
/// the end backwards until one holds no relation (a blob of ways, or nodes).
void read_tail_relations(const std::string& path, PlaceRelations& kept) {
    const Fd fd{path};
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) throw std::system_error{errno, std::system_category(), "fstat"};
    const std::vector<BlobSpan> blobs = data_blobs(fd.get(), static_cast<std::uint64_t>(st.st_size));
    for (auto it = blobs.rbegin(); it != blobs.rend(); ++it) {
        std::string blob(it->size, '\0');
        if (read_at(fd.get(), blob.data(), it->size, it->offset) != it->size) throw osmium::pbf_error{"truncated blob"};
        // libosmium's own blob decoder (an implementation detail of libosmium 2.19's PBF reader).
        osmium::memory::Buffer buffer = osmium::io::detail::PBFDataBlobDecoder{
            std::move(blob), osmium::osm_entity_bits::relation, osmium::io::read_meta::no}();
        // A block whose objects outgrow the decoder's buffer comes as a chain of buffers.
        bool any = false;
        const auto keep_all = [&](const osmium::memory::Buffer& b) {
            for (const osmium::Relation& relation : b.select<osmium::Relation>()) {
                any = true;
                keep_relation(relation, kept);
            }
        };
        while (buffer.has_nested_buffers()) keep_all(*buffer.get_last_nested());
        keep_all(buffer);
        if (!any) break;
    }
}

void push_ring(const osmium::NodeRefList& ring, bool outer, RawPlaces& p) {
    for (const osmium::NodeRef& n : ring) p.commune_ring_coords.push_back(Coord{n.location().x(), n.location().y()});
    p.commune_ring_outer.push_back(outer ? 1 : 0);
    p.commune_ring_begin.push_back(static_cast<std::uint32_t>(p.commune_ring_coords.size()));
}

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

}  // namespace

PlaceTags::PlaceTags(const osmium::TagList& tags) noexcept {
    for (const osmium::Tag& tag : tags) {
        const char* k = tag.key();
        const char* v = tag.value();
        switch (k[0]) {
            case 'a':
                if (!std::strcmp(k, "amenity")) amenity = v;
                else if (!std::strcmp(k, "access")) access = v;
                else if (!std::strcmp(k, "abandoned")) abandoned = v;
                else if (!std::strcmp(k, "admin_level")) admin_level = v;
                break;
            case 'b':
                if (!std::strcmp(k, "building")) building = v;
                else if (!std::strcmp(k, "building:levels")) building_levels = v;
                else if (!std::strcmp(k, "boundary")) boundary = v;
                else if (!std::strcmp(k, "bus")) bus = v;
                break;
            case 'c':
                if (!std::strcmp(k, "construction")) construction = v;
                break;
            case 'h':
                if (!std::strcmp(k, "highway")) highway = v;
                break;
            case 'l':
                if (!std::strcmp(k, "leisure")) leisure = v;
                else if (!std::strcmp(k, "light_rail")) light_rail = v;
                break;
            case 'n':
                if (!std::strcmp(k, "name")) name = v;
                break;
            case 'o':
                if (!std::strcmp(k, "office")) office = v;
                break;
            case 'p':
                if (!std::strcmp(k, "public_transport")) public_transport = v;
                break;
            case 'r':
                if (!std::strcmp(k, "railway")) railway = v;
                else if (!std::strcmp(k, "ruins")) ruins = v;
                else if (!std::strcmp(k, "ref")) ref = v;
                else if (!std::strcmp(k, "ref:INSEE")) ref_insee = v;
                break;
            case 's':
                if (!std::strcmp(k, "shop")) shop = v;
                else if (!std::strcmp(k, "station")) station = v;
                else if (!std::strcmp(k, "subway")) subway = v;
                break;
            case 't':
                if (!std::strcmp(k, "type")) type = v;
                else if (!std::strcmp(k, "train")) train = v;
                else if (!std::strcmp(k, "tram")) tram = v;
                break;
            default: break;
        }
    }
}

BuildingClass building_class(const PlaceTags& t) noexcept {
    BuildingClass b;
    if (!present(t.building)) return b;
    const std::string_view value{t.building};
    if (std::find(lifecycle_values.begin(), lifecycle_values.end(), value) != lifecycle_values.end() ||
        present(t.abandoned) || present(t.ruins) || present(t.construction)) {
        b.state = BuildingClass::dropped;
        return b;
    }
    b.state = BuildingClass::kept;
    const auto type = std::find_if(building_types.begin(), building_types.end(),
                                   [&](const BuildingType& bt) { return bt.value == value; });
    const BuildingType& bt = type == building_types.end() ? other_building : *type;
    b.levels = bt.levels;
    b.residential_pct = bt.residential_pct;
    if (t.building_levels) {
        char* end = nullptr;
        const double levels = std::strtod(t.building_levels, &end);
        if (end != t.building_levels && std::isfinite(levels)) {
            b.levels = static_cast<float>(std::clamp(levels, 1.0, 100.0));  // 0 (roofs, canopies) counts as 1
        }
    }
    return b;
}

std::optional<PoiKind> poi_kind(const PlaceTags& t) noexcept {
    // Private places (garden swimming pools, company car parks...) are nobody's destination.
    if (is(t.access, "private") || is(t.access, "no")) return std::nullopt;
    for (const PoiRule& rule : poi_rules) {
        const char* value = t.*rule.key;
        if (!value) continue;
        const bool match =
            *rule.value ? !std::strcmp(value, rule.value) : present(value) && std::strcmp(value, "vacant") != 0;
        if (match && needs_met(t, rule.needs)) return rule.kind;
    }
    return std::nullopt;
}

Coord AreaMoments::centroid() const noexcept {
    if (!m_origin || m_vertices == 0) return {};
    double cx = m_sum_x / static_cast<double>(m_vertices);
    double cy = m_sum_y / static_cast<double>(m_vertices);
    if (std::fabs(m_a2) > 1e-6) {
        cx = m_mx / (3.0 * m_a2);
        cy = m_my / (3.0 * m_a2);
    }
    return Coord{static_cast<std::int32_t>(std::lround(m_origin->x() + cx / m_kx)),
                 static_cast<std::int32_t>(std::lround(m_origin->y() + cy / m_ky))};
}

std::uint32_t find_near(const NodeLocations& locations, osmium::object_id_type id, std::uint32_t hint) noexcept {
    // Gallop at most this far from the hint: farther, a plain binary search is faster, as the
    // first levels of its search tree stay in cache where galloping strides miss at every step.
    constexpr std::size_t max_gallop = 256;
    const std::size_t n = locations.size();
    if (n == 0) return NodeLocations::npos;
    const std::size_t h = std::min<std::size_t>(hint, n - 1);
    const auto id_at = [&](std::size_t pos) { return locations.id(static_cast<std::uint32_t>(pos)); };
    const osmium::object_id_type at = id_at(h);
    if (at == id) return static_cast<std::uint32_t>(h);
    // Bracket [lo, hi) by steps doubling away from the hint, then bisect.
    std::size_t lo = 0;
    std::size_t hi = 0;
    bool bracketed = false;
    if (at < id) {
        lo = h + 1;
        for (std::size_t step = 1; step <= max_gallop; step *= 2) {
            const std::size_t probe = h + step;
            if (probe >= n) {
                hi = n;
                bracketed = true;
                break;
            }
            if (id_at(probe) >= id) {
                hi = probe + 1;
                bracketed = true;
                break;
            }
            lo = probe + 1;
        }
    } else {
        hi = h;
        for (std::size_t step = 1; step <= max_gallop; step *= 2) {
            if (step > h) {
                lo = 0;
                bracketed = true;
                break;
            }
            const std::size_t probe = h - step;
            if (id_at(probe) <= id) {
                lo = probe;
                bracketed = true;
                break;
            }
            hi = probe;
        }
    }
    if (!bracketed) return locations.find(id);
    while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (id_at(mid) < id) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < n && id_at(lo) == id ? static_cast<std::uint32_t>(lo) : NodeLocations::npos;
}

PlaceRelations read_place_relations(const osmium::io::File& file, bool sorted_by_type_then_id) {
    const auto start = std::chrono::steady_clock::now();
    PlaceRelations kept;
    const bool seekable_pbf = file.format() == osmium::io::file_format::pbf &&
                              file.compression() == osmium::io::file_compression::none &&
                              !file.filename().empty() && file.filename() != "-";
    if (sorted_by_type_then_id && seekable_pbf) {
        read_tail_relations(file.filename(), kept);
    } else {
        read_all_relations(file, kept);
    }
    std::sort(kept.member_ways.begin(), kept.member_ways.end());
    kept.member_ways.erase(std::unique(kept.member_ways.begin(), kept.member_ways.end()), kept.member_ways.end());
    kept.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return kept;
}

void assemble_place_relations(RawWays& raw, ImportReport& report) {
    RawPlaces& p = raw.places;
    report.buildings_lifecycle += p.relations.buildings_lifecycle;
    report.seconds_relations = p.relations.seconds;
    if (p.relations.buffer.committed() > 0) {
        // The member ways as osmium Ways with their node locations; incomplete ones stay out.
        osmium::memory::Buffer ways{1024 * 1024, osmium::memory::Buffer::auto_grow::yes};
        std::vector<std::pair<osmium::object_id_type, std::size_t>> way_at;  // id, offset in `ways`
        for (std::size_t w = 0; w < p.way_id.size(); ++w) {
            const auto first = p.way_refs.begin() + p.way_first_ref[w];
            const auto last = p.way_refs.begin() + p.way_first_ref[w + 1];
            if (std::find(first, last, NodeLocations::npos) != last) continue;
            {
                osmium::builder::WayBuilder builder{ways};
                builder.set_id(p.way_id[w]);
                osmium::builder::WayNodeListBuilder nodes{builder};
                for (auto r = first; r != last; ++r) {
                    nodes.add_node_ref(osmium::NodeRef{raw.locations.id(*r), raw.locations.location(*r)});
                }
            }
            way_at.emplace_back(p.way_id[w], ways.commit());
        }
        std::sort(way_at.begin(), way_at.end());

        std::vector<const osmium::Relation*> relations;
        for (const osmium::Relation& r : p.relations.buffer.select<osmium::Relation>()) relations.push_back(&r);
        std::sort(relations.begin(), relations.end(),
                  [](const osmium::Relation* a, const osmium::Relation* b) { return a->id() < b->id(); });

        osmium::area::AssemblerConfig config;
        config.create_empty_areas = false;  // a relation whose rings do not close is skipped, not kept empty
        osmium::memory::Buffer out{64 * 1024, osmium::memory::Buffer::auto_grow::yes};
        std::vector<const osmium::Way*> members;
        for (const osmium::Relation* relation : relations) {
            const PlaceTags tags{relation->tags()};
            const std::uint8_t use = relation_use(tags);
            members.clear();
            bool complete = true;
            for (const osmium::RelationMember& m : relation->members()) {
                if (m.type() != osmium::item_type::way) continue;
                const auto it = std::lower_bound(way_at.begin(), way_at.end(), std::make_pair(m.ref(), std::size_t{0}));
                if (it == way_at.end() || it->first != m.ref()) {
                    complete = false;
                    break;
                }
                members.push_back(&ways.get<osmium::Way>(it->second));
            }
            out.clear();
            bool assembled = false;
            if (complete && !members.empty()) {
                osmium::area::Assembler assembler{config};
                assembled = assembler(*relation, members, out) && out.committed() > 0 &&
                            out.get<osmium::Area>(0).num_rings().first > 0;
            }
            if (!assembled) {
                if (use & use_commune) {
                    ++(complete && !members.empty() ? report.communes_invalid : report.communes_incomplete);
                }
                if (use & (use_building | use_poi)) ++report.multipolygons_skipped;
                continue;
            }
            const osmium::Area& area = out.get<osmium::Area>(0);
            if (use & use_commune) {
                p.commune_name.push_back(raw.intern_name(tags.name));
                p.commune_insee.push_back(raw.intern_name(tags.ref_insee ? tags.ref_insee : tags.ref));
                p.commune_level.push_back(static_cast<std::uint8_t>(std::atoi(tags.admin_level)));
                p.commune_osm_id.push_back(relation->id());
                for (const osmium::OuterRing& outer : area.outer_rings()) {
                    push_ring(outer, true, p);
                    for (const osmium::InnerRing& inner : area.inner_rings(outer)) push_ring(inner, false, p);
                }
                p.commune_first_ring.push_back(static_cast<std::uint32_t>(p.commune_ring_outer.size()));
            }
            if (use & (use_building | use_poi)) {
                const AreaMoments m = moments_of(area);
                if (use & use_building) {
                    if (m.area_m2() < min_building_m2) {
                        ++report.buildings_small;
                    } else {
                        p.add_building(m.centroid(), m.area_m2(), building_class(tags));
                    }
                }
                if (use & use_poi) {
                    p.add_poi(m.centroid(), *poi_kind(tags), raw.intern_name(tags.name), relation->id(), OsmType::relation);
                }
            }
        }
    }
    p.relations = PlaceRelations{};
    p.way_id = {};
    p.way_first_ref = {};
    p.way_refs = {};
    report.buildings = p.building_coord.size();
    report.pois = p.poi_coord.size();
    report.communes = p.commune_name.size();
}

void take_places(RawPlaces& p, GraphData& d) {
    d.poi_coord = std::move(p.poi_coord);
    d.poi_kind = std::move(p.poi_kind);
    d.poi_name = std::move(p.poi_name);
    d.poi_osm_id = std::move(p.poi_osm_id);
    d.poi_osm_type = std::move(p.poi_osm_type);
    d.building_coord = std::move(p.building_coord);
    d.building_floor_m2 = std::move(p.building_floor_m2);
    d.building_residential_pct = std::move(p.building_residential_pct);
    d.commune_name = std::move(p.commune_name);
    d.commune_insee = std::move(p.commune_insee);
    d.commune_level = std::move(p.commune_level);
    d.commune_osm_id = std::move(p.commune_osm_id);
    d.commune_first_ring = std::move(p.commune_first_ring);
    d.commune_ring_outer = std::move(p.commune_ring_outer);
    d.commune_ring_begin = std::move(p.commune_ring_begin);
    d.commune_ring_coords = std::move(p.commune_ring_coords);
}

}  // namespace maillon::importers
