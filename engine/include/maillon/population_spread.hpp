#pragma once
// Known residents (a 200 m grid cell's, a QPV's) spread onto the walking network as population
// points (docs/population.md, "Spreading"). For each zone:
//   1. its residents go to the OSM buildings whose centroid lies in it, in proportion to their
//      residential floor area (footprint × levels × residential share, from the graph file);
//   2. a zone without any residential building, or whose mapped residential floor area is too
//      small for its residents to be its housing (under min_floor_m2_per_resident: buildings
//      mostly unmapped), along its walkable ways, in proportion to their length (each segment cut
//      into equal pieces of at most way_step_m, one point at the middle of each piece, the piece's
//      length as its share);
//   3. a zone with neither: one point at its fallback position (it still reaches the network if a
//      way lies within coverage.snap_max_m; otherwise its residents are beyond walking reach), or,
//      for a zone that may not fall back, no point: its residents are left unplaced (counted by
//      the caller, e.g. a cell's part beyond the extract's last ways).
// The points of a zone add up to its residents (to floating-point rounding: tested). Only the part
// of a zone inside the extract is spread: callers pass the residents of that part and a `contains`
// test that is false outside it. No projection library here: zones come in longitude/latitude.

#include "maillon/graph.hpp"
#include "maillon/population.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace maillon {

/// Boxes in longitude/latitude: overlap (edges included), inclusion, intersection.
bool boxes_overlap(const BBox& a, const BBox& b) noexcept;
bool box_within(const BBox& inner, const BBox& outer) noexcept;
BBox box_intersection(const BBox& a, const BBox& b) noexcept;

struct SpreadZone {
    BBox box;             // bounding box of the zone's part inside the extract
    double residents = 0; // residents of that part
    Coord fallback;       // a point of that part (its centroid, or a point on its surface)
    bool may_fall_back = true;  // false: without building or way, its residents stay unplaced
};

/// How a zone's residents were placed (none: it has no residents).
enum class SpreadHow : std::uint8_t { none, buildings, ways, fallback, unplaced };

struct SpreadParams {
    double way_step_m = 25;              // longest piece of way that gets one point
    // Less residential floor than this per resident (France: about 40 m² of housing per person)
    // means the zone's buildings are mostly unmapped: its residents go along its ways instead.
    double min_floor_m2_per_resident = 2;
    std::size_t max_points = 10'000'000; // coverage.max_points: more is refused (input_error)
};

struct SpreadResult {
    std::vector<PopulationPoint> points;  // residents and weight (= residents) set, qpv = -1
    std::vector<std::uint32_t> zone;      // per point: the zone it belongs to
    std::vector<SpreadHow> how;           // per zone
};

/// @param contains (zone index, position): whether the position lies in the zone's part inside the
///        extract. A position in several zones goes to the lowest index.
/// @throws input_error when more than p.max_points points would be made.
SpreadResult spread_residents(const Graph& g, const std::vector<SpreadZone>& zones,
                              const std::function<bool(std::size_t, Coord)>& contains, const SpreadParams& p);

/// A grid cell with its corners in longitude/latitude, in the order lower-left, lower-right,
/// upper-right, upper-left of the projected grid (counter-clockwise), e.g. an INSEE 200 m cell.
/// Its edges are taken as straight lines between the corners (off by far less than a centimetre
/// over 200 m for the EPSG:3035 grid).
struct PopulatedCell {
    std::array<Coord, 4> corners;
    double residents = 0;
};

/// The cells as spreading zones, clipped to a frame (the extract's box grown by a margin): a cell
/// across the frame's edge keeps the share of its residents that its area inside the frame holds
/// (uniform density within a cell); a cell wholly outside contributes nothing. A cell part may fall
/// back on its centre only if that centre lies in `core` (the extract's own box): a part beyond the
/// last ways with nothing to hold its residents is outside the extract. What is not kept is
/// counted, never dropped silently.
class CellZones {
public:
    CellZones(std::vector<PopulatedCell> cells, const BBox& frame, const BBox& core);
    ~CellZones();
    CellZones(CellZones&&) noexcept;
    CellZones& operator=(CellZones&&) noexcept;

    /// One zone per cell with a part inside the extract, in the order of the cells given.
    const std::vector<SpreadZone>& zones() const noexcept { return m_zones; }
    /// Inside the cell of that zone (its boundary included) and inside the extract.
    bool contains(std::size_t zone, Coord c) const;
    /// Index into the cells given.
    std::uint32_t cell_of(std::size_t zone) const noexcept { return m_cell[zone]; }
    /// Share of the zone's cell area inside the extract (1 for a cell wholly inside).
    double share_inside(std::size_t zone) const noexcept { return m_share[zone]; }
    const PopulatedCell& cell(std::size_t index) const noexcept { return m_cells[index]; }

    double residents_inside() const noexcept { return m_inside; }
    double residents_outside() const noexcept { return m_outside; }
    std::size_t cells_outside() const noexcept { return m_cells_outside; }  // wholly outside

    struct Impl;

private:
    std::vector<PopulatedCell> m_cells;
    BBox m_extract;
    std::vector<SpreadZone> m_zones;
    std::vector<std::uint32_t> m_cell;
    std::vector<double> m_share;
    double m_inside = 0, m_outside = 0;
    std::size_t m_cells_outside = 0;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace maillon
