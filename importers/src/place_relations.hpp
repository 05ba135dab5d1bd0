#pragma once
// Communes, building and POI multipolygons from relations, with libosmium's MultipolygonManager, as libosmium's
// examples do (osmium_area_test.cpp): a first pass gives the manager the relations (manager.relation(), then
// prepare_for_lookup()), the reading pass gives it their member ways with node locations (manager.handler()), and
// the manager assembles each relation once its last member way has come (libosmium's area Assembler).
//
// The first pass reads only the file's relations. In a PBF file sorted by type then id they fill its last blocks:
// each of those is read alone (the file's header block and that block, given to libosmium's Reader as a file in
// memory), from the end backwards until one holds no relation — for Île-de-France a fraction of a second, where
// reading all the blocks for their relations takes seconds. Other files are read whole for their relations. The
// pass runs on a thread of its own while the reading pass reads the nodes (read_ways.cpp). Internal to the importer.

#include "maillon/importers/osm_import.hpp"
#include "area_moments.hpp"
#include "place_rules.hpp"

// GCC 12+ warns inside libosmium's AreaBuilder::initialize_from_object (strlen of the user name of an object
// without metadata): a false positive of its inlined code, not ours.
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-overread"
#endif
#include <osmium/area/assembler.hpp>
#include <osmium/area/multipolygon_manager.hpp>
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11
#pragma GCC diagnostic pop
#endif
#include <osmium/io/file.hpp>
#include <osmium/osm/way.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <type_traits>
#include <string>
#include <utility>
#include <vector>

namespace maillon::importers {

struct RawWays;

using AreaManager = osmium::area::MultipolygonManager<osmium::area::Assembler>;
using AreaHandler = std::remove_reference_t<decltype(std::declval<AreaManager&>().handler())>;

/// What the places need of a relation the manager assembles: taken in the first pass, as an Area does not keep
/// every tag of its relation (libosmium leaves out type=*).
struct PlaceRelation {
    osmium::object_id_type id = 0;
    std::uint8_t use = 0;  // RelationUse bits
    std::string name, insee;
    std::uint8_t admin_level = 0;
    BuildingClass building;
    std::optional<PoiKind> poi;
};

/// An area the manager assembled from a relation: what the places keep of it.
struct AssembledArea {
    osmium::object_id_type id;
    std::vector<std::pair<bool, std::vector<Coord>>> rings;  // (outer, coordinates), each outer ring before its holes
    AreaMoments moments;
};

/// The relations to assemble (communes, building and POI multipolygons), from the first pass.
struct PlaceRelations {
    std::unique_ptr<AreaManager> manager;
    std::vector<PlaceRelation> relations;             // with use != 0, sorted by id
    std::vector<osmium::object_id_type> member_ways;  // the way members the manager waits for, sorted, unique
    std::uint64_t buildings_lifecycle = 0;            // building multipolygons dropped (ImportReport)
    std::uint64_t communes_without_ways = 0;          // relations used but without a way member: incomplete
    std::uint64_t multipolygons_without_ways = 0;
    double seconds = 0;
    /// Whether the member ways are given to the manager as they come (a file sorted by id gives them in id order, as
    /// it wants them): each relation is then assembled while the file is still being decoded.
    bool in_id_order = false;
    osmium::object_id_type last_way_given = 0;
    AreaHandler* handler = nullptr;  // the manager's, once it is given ways
    std::vector<AssembledArea> assembled;  // what the manager gave so far, in the order it completed them
};

/// The first pass. `sorted_by_type_then_id`: the header says so; then a seekable PBF file is read from its tail.
/// @throws what osmium throws for a damaged file.
PlaceRelations read_place_relations(const osmium::io::File& file, bool sorted_by_type_then_id);

/// Whether the way is one the manager waits for (binary search in member_ways).
bool is_member_way(const PlaceRelations& relations, osmium::object_id_type id) noexcept;

/// During the reading pass, in file order: a member way with its node locations. Given to the manager at once
/// while ways come in id order; else copied into `kept`, given sorted by assemble_place_relations.
void add_member_way(PlaceRelations& relations, osmium::memory::Buffer& kept, const osmium::Way& way);

/// After the reading pass: gives the manager the member ways kept (with their node locations; ways with a
/// node missing from the extract are left out, so their relations stay incomplete), appends communes, and buildings
/// and POIs of multipolygons, in relation id order. Relations left incomplete (clipped boundaries) or that do not
/// close are skipped and counted. Names go to raw.names. Frees the relation data.
void assemble_place_relations(RawWays& raw, ImportReport& report);

}  // namespace maillon::importers
