// Classify (docs/gaps.md, "Classify"): what the study's experts decided by hand — a true missing
// link or a data issue — and the physical class and suggested treatment of the link.

#include "maillon/gaps.hpp"
#include "maillon/stress.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace maillon {
namespace {

struct RouteShares {
    double total = 0, bridge = 0, tunnel = 0, roundabout = 0, oneway_street = 0, car_free = 0, unknown_facility = 0;
    std::array<double, highway_count> by_highway{};
};

RouteShares shares(const Graph& g, const Gap& gap) {
    RouteShares s;
    const auto& d = g.data();
    for (const ArcId a : gap.arcs) {
        const EdgeId e = edge_of(a);
        const double len = g.length_m(e);
        s.total += len;
        s.bridge += (d.edge_flags[e] & edge_bridge) ? len : 0;
        s.tunnel += (d.edge_flags[e] & edge_tunnel) ? len : 0;
        s.roundabout += (d.edge_flags[e] & edge_roundabout) ? len : 0;
        // A street bikes may ride one way only: whichever way the route was found, opening it
        // both ways (double sens cyclable) is the treatment.
        const bool oneway_for_bikes = g.allows(a, Mode::bike) != g.allows(a ^ 1U, Mode::bike);
        s.oneway_street += oneway_for_bikes && is_motor_road(d.edge_highway[e]) ? len : 0;
        s.car_free += !is_motor_road(d.edge_highway[e]) && d.edge_highway[e] != Highway::busway ? len : 0;
        const bool unknown = d.arc_side_facility[arc_of(e, false)] == Facility::autre ||
                             d.arc_side_facility[arc_of(e, true)] == Facility::autre;
        s.unknown_facility += unknown ? len : 0;
        s.by_highway[static_cast<std::size_t>(d.edge_highway[e])] += len;
    }
    return s;
}

/// The stress a cyclist meets on an edge today in mixed traffic (the gap has no facility).
std::uint8_t mixed_traffic_lts(const Graph& g, EdgeId e) {
    return segment_lts(mixed_traffic_input(g.data(), e));
}

/// Highest stress of riding the route in mixed traffic, and of crossing busy roads on the way
/// (node crossing stress of docs/traffic-stress.md, ends included).
std::pair<std::uint8_t, std::uint8_t> route_stress(const Graph& g, const Gap& gap) {
    const auto& crossing = g.data().node_crossing_lts;
    std::uint8_t ride = 0, cross = std::max(crossing[gap.from], crossing[gap.to]);
    for (const ArcId a : gap.arcs) {
        ride = std::max(ride, mixed_traffic_lts(g, edge_of(a)));
        cross = std::max(cross, crossing[g.arc_head(a)]);
    }
    return {ride, cross};
}

/// Direction of a polyline's first segment leaving `from` (radians, local plane).
double heading(Coord from, Coord to) {
    const double kx = std::cos(from.lat() * M_PI / 180.0);
    return std::atan2(to.lat() - from.lat(), (to.lon() - from.lon()) * kx);
}

/// The second point of an edge's shape leaving node n along arc a.
Coord first_step(const Graph& g, ArcId a) {
    const std::vector<Coord> shape = g.shape(edge_of(a));
    return is_backward(a) ? shape[shape.size() - 2] : shape[1];
}

/// True when the network continues the route at `end` in a straight line: a network edge at the
/// node leaves opposite the route's own first step (within max_angle).
bool continued_in_line(const CycleNetwork& net, NodeId end, ArcId route_arc_leaving_end, double max_angle_rad) {
    const Graph& g = net.graph();
    const Coord at = g.data().node_coord[end];
    const double route = heading(at, first_step(g, route_arc_leaving_end));
    bool in_line = false;
    g.for_each_out_arc(end, [&](ArcId a) {
        if (!net.contains_edge(edge_of(a))) return;
        double turn = std::fabs(heading(at, first_step(g, a)) - route);
        if (turn > M_PI) turn = 2 * M_PI - turn;
        in_line = in_line || M_PI - turn <= max_angle_rad;
    });
    return in_line;
}

/// A car-free way open to bikes, off the network, that carries the network straight on at both of
/// its ends: the shape of a cycle track whose facility tags are missing (the study's most common
/// "data issue": "bikepath not tagged in OSM"). A footway closed to bikes is not: opening it is a
/// real project (treatment open_path).
bool looks_like_untagged_track(const CycleNetwork& net, const Gap& gap, const RouteShares& s, const GapParams& p) {
    if (gap.arcs.empty() || s.car_free < s.total - 1e-6) return false;
    const Graph& g = net.graph();
    const bool cyclable = std::all_of(gap.arcs.begin(), gap.arcs.end(), [&](ArcId a) {
        return g.allows(a, Mode::bike) || g.allows(a ^ 1U, Mode::bike);
    });
    if (!cyclable) return false;
    const double max_angle = p.untagged_track_angle_deg * M_PI / 180.0;
    return continued_in_line(net, gap.from, gap.arcs.front(), max_angle) &&
           continued_in_line(net, gap.to, gap.arcs.back() ^ 1U, max_angle);
}

Treatment street_treatment(const Gap& gap, int speed) {
    const Highway h = gap.highway;
    if (h == Highway::footway || h == Highway::pedestrian || h == Highway::path || h == Highway::track) {
        return Treatment::open_path;
    }
    if (h == Highway::living_street) return Treatment::meeting_zone;
    if (speed > 50 || h == Highway::trunk || h == Highway::primary || gap.lanes >= 4) return Treatment::separated_track;
    if (speed > 30) return Treatment::track_or_lane;
    return Treatment::calm_street;
}

}  // namespace

std::string_view key(Treatment t) noexcept {
    switch (t) {
        case Treatment::fix_data: return "fix_data";
        case Treatment::barrier_crossing: return "barrier_crossing";
        case Treatment::bridge_facility: return "bridge_facility";
        case Treatment::tunnel_facility: return "tunnel_facility";
        case Treatment::ring_track: return "ring_track";
        case Treatment::contraflow: return "contraflow";
        case Treatment::safe_crossing: return "safe_crossing";
        case Treatment::crossing_marking: return "crossing_marking";
        case Treatment::open_path: return "open_path";
        case Treatment::meeting_zone: return "meeting_zone";
        case Treatment::separated_track: return "separated_track";
        case Treatment::track_or_lane: return "track_or_lane";
        case Treatment::calm_street: return "calm_street";
        case Treatment::count_: break;
    }
    return "calm_street";
}

bool is_easy_junction(const CycleNetwork& net, const Gap& gap, const GapParams& p) {
    if (gap.kind != GapKind::detour || gap.length_m > p.junction_m) return false;
    const auto [ride, cross] = route_stress(net.graph(), gap);
    return ride < 3 && cross < 3;
}

std::vector<Gap> take_easy_junctions(const CycleNetwork& net, std::vector<Gap>& candidates, const GapParams& p) {
    // The others close up in place (a second vector of a million Gaps cost a second in fresh pages).
    std::vector<Gap> easy;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        Gap& gap = candidates[i];
        if (is_easy_junction(net, gap, p)) {
            gap.status = GapStatus::easy_junction;
            easy.push_back(std::move(gap));
        } else {
            if (kept != i) candidates[kept] = std::move(gap);
            ++kept;
        }
    }
    candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(kept), candidates.end());
    return easy;
}

void classify_gaps(const CycleNetwork& net, std::vector<Gap>& gaps, const GapParams& p) {
    const Graph& g = net.graph();
    const auto& d = g.data();
    for (Gap& gap : gaps) {
        const RouteShares s = shares(g, gap);
        // Describe the route: dominant class, the fastest and widest road, stresses, names.
        if (!gap.arcs.empty()) {
            const auto main = std::max_element(s.by_highway.begin(), s.by_highway.end());
            gap.highway = static_cast<Highway>(main - s.by_highway.begin());
        }
        gap.names.clear();
        for (const ArcId a : gap.arcs) {
            const EdgeId e = edge_of(a);
            gap.maxspeed_kmh = std::max(gap.maxspeed_kmh, d.edge_maxspeed_kmh[e]);
            gap.lanes = std::max(gap.lanes, d.edge_lanes[e]);
            const std::uint32_t name = d.edge_name[e];
            if (name != 0 && std::find(gap.names.begin(), gap.names.end(), name) == gap.names.end()) {
                gap.names.push_back(name);
            }
        }
        std::tie(gap.max_lts, gap.crossing_lts) = route_stress(g, gap);
        int speed = gap.maxspeed_kmh;
        if (speed == 0 && !gap.arcs.empty()) speed = default_speed_kmh(gap.highway, Regime::none);

        // Data issues first (what the study's experts left out), then classes, most specific first.
        const double total = std::max(s.total, 1e-9);
        if (gap.data_issue == DataIssue::undershoot) {
            // Found by find_undershoots: stays one.
        } else if (gap.kind == GapKind::close_far && gap.length_m < p.data_error_m) {
            // Network ends a few metres apart with no way between them (BikeDNA).
            gap.data_issue = DataIssue::pieces_apart;
        } else if (looks_like_untagged_track(net, gap, s, p)) {
            gap.data_issue = DataIssue::untagged_track;
        } else if (!gap.arcs.empty() && s.unknown_facility >= 0.5 * total) {
            // A facility is tagged there but with a value the rules cannot read (e.g. the malformed
            // cycleway=left=opposite_lane): the network is cut in the data, check the tag.
            gap.data_issue = DataIssue::unknown_facility;
        } else {
            gap.data_issue = DataIssue::none;
        }
        if (gap.data_issue != DataIssue::none) {
            gap.gap_class = GapClass::data;
            gap.treatment = Treatment::fix_data;
        } else if (gap.kind == GapKind::close_far) {
            // Close in a straight line, no way between: a crossing of a barrier to build.
            gap.gap_class = gap.length_m > 30.0 ? GapClass::bridge : GapClass::crossing;
            gap.treatment = Treatment::barrier_crossing;
        } else if (s.bridge / total >= 0.3) {
            gap.gap_class = GapClass::bridge;
            gap.treatment = Treatment::bridge_facility;
        } else if (s.tunnel / total >= 0.3) {
            gap.gap_class = GapClass::tunnel;
            gap.treatment = Treatment::tunnel_facility;
        } else if (s.roundabout / total >= 0.3) {
            gap.gap_class = GapClass::roundabout;
            gap.treatment = Treatment::ring_track;
        } else if (s.oneway_street / total >= 0.5) {
            gap.gap_class = GapClass::contraflow;
            gap.treatment = Treatment::contraflow;
        } else if (gap.length_m <= 60.0) {
            gap.gap_class = GapClass::crossing;
            gap.treatment = std::max(gap.max_lts, gap.crossing_lts) >= 3 ? Treatment::safe_crossing
                                                                          : Treatment::crossing_marking;
        } else {
            gap.gap_class = GapClass::street;
            gap.treatment = street_treatment(gap, speed);
        }
    }
}

}  // namespace maillon
