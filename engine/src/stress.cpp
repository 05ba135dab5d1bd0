#include "maillon/stress.hpp"

#include <algorithm>

namespace maillon {

std::uint8_t default_speed_kmh(Highway h, Regime r) noexcept {
    switch (r) {
        case Regime::aire_pietonne: return 6;     // walking pace
        case Regime::zone_rencontre: return 20;
        case Regime::zone30: return 30;
        case Regime::none: break;
        case Regime::count_: break;
    }
    switch (h) {
        case Highway::motorway: return 130;
        case Highway::trunk: return 90;
        case Highway::living_street: return 20;
        case Highway::service: return 30;
        case Highway::pedestrian: return 6;
        case Highway::busway: return 50;
        default: return is_motor_road(h) ? 50 : 20;  // urban default; car-free ways: no motor traffic
    }
}

std::uint8_t lanes_per_direction(const StressInput& in) noexcept {
    if (in.lanes_total > 0) {
        return in.oneway_motor ? in.lanes_total : static_cast<std::uint8_t>(std::max(1, in.lanes_total / 2));
    }
    // Without a lanes tag: arterials are assumed to have two lanes per direction only when one-way
    // (a typical Parisian boulevard leg), one otherwise.
    switch (in.highway) {
        case Highway::motorway:
        case Highway::trunk: return 2;
        case Highway::primary: return in.oneway_motor ? 2 : 1;
        default: return 1;
    }
}

std::uint8_t segment_lts(const StressInput& in) noexcept {
    // Car-free ways and separated facilities: no motor traffic next to the cyclist.
    if (!is_motor_road(in.highway) && in.highway != Highway::busway) {
        return 1;
    }
    switch (in.facility) {
        case Facility::piste:
        case Facility::dsc_piste:
        case Facility::voie_verte:
        case Facility::mixte_pieton_velo:
        case Facility::rampe:
        case Facility::goulotte:
        case Facility::velo_rue: return 1;
        default: break;
    }
    if (in.regime == Regime::aire_pietonne || in.regime == Regime::zone_rencontre ||
        in.highway == Highway::living_street) {
        return 1;
    }
    if (in.highway == Highway::motorway) {
        return 4;
    }
    const int speed = in.maxspeed_kmh > 0 ? in.maxspeed_kmh : default_speed_kmh(in.highway, in.regime);
    const int lanes = lanes_per_direction(in);
    const bool local = in.highway == Highway::residential || in.highway == Highway::unclassified ||
                       in.highway == Highway::service || in.highway == Highway::road;

    if (in.facility == Facility::couloir_bus_velo || in.highway == Highway::busway) {
        // Shared with buses only: stress comes from the buses' speed.
        return speed <= 50 ? 2 : 3;
    }
    if (in.facility == Facility::bande || in.facility == Facility::dsc_bande || in.facility == Facility::cvcb ||
        in.facility == Facility::accotement || in.facility == Facility::autre) {
        // Painted lane next to traffic. Two or more motor lanes per direction add stress even
        // at 30 km/h (Mekuria/Furth/Nixon 2012, bike lane tables: LTS >= 2).
        if (speed <= 30) return lanes <= 1 ? 1 : 2;
        if (speed <= 50) return lanes <= 1 ? 2 : 3;
        if (speed <= 70) return 3;
        return 4;
    }
    // Mixed traffic (AUCUN, or an unmarked contraflow: DOUBLE SENS CYCLABLE NON MATERIALISE).
    if (speed <= 20) return 1;
    // Two lanes per direction are a multi-lane road even at 30 km/h (Furth table 3: 4-5 lanes at
    // <= 25 mph is LTS 3; BNA: 2 lanes per direction in mixed traffic is at least LTS 3).
    if (speed <= 30) {
        if (lanes >= 2) return 3;
        return local ? 1 : 2;
    }
    if (speed <= 50) {
        if (lanes >= 2) return 4;
        return local ? 2 : 3;
    }
    return 4;
}

StressInput mixed_traffic_input(const GraphData& d, EdgeId e) noexcept {
    StressInput in;
    in.highway = d.edge_highway[e];
    in.regime = d.edge_regime[e];
    in.maxspeed_kmh = d.edge_maxspeed_kmh[e];
    in.lanes_total = d.edge_lanes[e];
    in.oneway_motor = (d.edge_flags[e] & edge_oneway_motor) != 0;
    return in;
}

void compute_crossing_stress(GraphData& d) {
    const std::size_t n = d.node_coord.size();
    const std::size_t e_count = d.edge_source.size();
    // Per node: highest stress among motor roads through it and how many such road edges meet
    // there; whether a low-stress way that is not such a road arrives; whether a busy road with a
    // low-stress facility along it (a track beside a boulevard) arrives; whether the busy road
    // allows a marked-crossing discount.
    std::vector<std::uint8_t> busy_lts(n, 0);
    std::vector<std::uint8_t> busy_edges(n, 0);
    std::vector<std::uint8_t> low_stress(n, 0);
    std::vector<std::uint8_t> busy_with_facility(n, 0);
    std::vector<std::uint8_t> busy_wide_or_fast(n, 0);
    for (EdgeId e = 0; e < e_count; ++e) {
        // How stressful it is to cross this road: its mixed-traffic stress, whatever
        // facility runs along it (a track along a boulevard does not make it easier to cross).
        const StressInput road = mixed_traffic_input(d, e);
        const bool busy = is_motor_road(road.highway) && segment_lts(road) >= 3;
        std::uint8_t ride_lts = 0;  // lowest stress of a cyclable direction
        for (int dir = 0; dir < 2; ++dir) {
            const auto l = d.arc_lts[2 * e + dir];
            if (l > 0 && (ride_lts == 0 || l < ride_lts)) ride_lts = l;
        }
        const bool low_ride = ride_lts > 0 && ride_lts <= 2;
        for (const NodeId node : {d.edge_source[e], d.edge_target[e]}) {
            if (busy) {
                busy_lts[node] = std::max(busy_lts[node], segment_lts(road));
                busy_edges[node] = static_cast<std::uint8_t>(std::min(busy_edges[node] + 1, 255));
                const int speed = road.maxspeed_kmh > 0 ? road.maxspeed_kmh : default_speed_kmh(road.highway, road.regime);
                if (speed > 50 || lanes_per_direction(road) > 1) busy_wide_or_fast[node] = 1;
                if (low_ride) busy_with_facility[node] = 1;
            } else if (low_ride) {
                low_stress[node] = 1;
            }
        }
    }
    d.node_crossing_lts.assign(n, 0);
    for (NodeId node = 0; node < n; ++node) {
        // A crossing: a busy road continues through the node (two busy edges) and a low-stress way
        // arrives there. A cyclist on a track beside a busy road arrives low-stress too: the
        // crossing is then of another busy road, so that road's two edges come on top of the
        // track's own (three busy edges at least; two are the same avenue the track follows).
        const bool from_quiet_way = low_stress[node] && busy_edges[node] >= 2;
        const bool from_track = busy_with_facility[node] && busy_edges[node] >= 3;
        if (!from_quiet_way && !from_track) continue;
        if (d.node_flags[node] & node_traffic_signals) {
            d.node_crossing_lts[node] = 1;
        } else if ((d.node_flags[node] & node_crossing) && !busy_wide_or_fast[node]) {
            d.node_crossing_lts[node] = 2;
        } else {
            d.node_crossing_lts[node] = busy_lts[node];
        }
    }
}

}  // namespace maillon
