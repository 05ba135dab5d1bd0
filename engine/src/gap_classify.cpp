// Classification and description of gaps (docs/gaps.md, "Classes" and "Suggested treatment").

#include "maillon/gaps.hpp"
#include "maillon/stress.hpp"

#include <algorithm>
#include <array>

namespace maillon {
namespace {

struct RouteShares {
    double total = 0, bridge = 0, tunnel = 0, roundabout = 0, against_oneway = 0, foot_only = 0;
    std::array<double, highway_count> by_highway{};
};

RouteShares shares(const Graph& g, const Gap& gap) {
    RouteShares s;
    const auto& d = g.data();
    for (std::size_t i = 0; i < gap.arcs.size(); ++i) {
        const ArcId a = gap.arcs[i];
        const EdgeId e = edge_of(a);
        const double len = g.length_m(e);
        s.total += len;
        s.bridge += (d.edge_flags[e] & edge_bridge) ? len : 0;
        s.tunnel += (d.edge_flags[e] & edge_tunnel) ? len : 0;
        s.roundabout += (d.edge_flags[e] & edge_roundabout) ? len : 0;
        s.against_oneway += gap.against_oneway[i] && g.allows(a ^ 1U, Mode::bike) ? len : 0;
        s.foot_only += !g.allows(a, Mode::bike) && !g.allows(a ^ 1U, Mode::bike) ? len : 0;
        s.by_highway[static_cast<std::size_t>(d.edge_highway[e])] += len;
    }
    return s;
}

/// The stress a cyclist meets on an edge today in mixed traffic (the gap has no facility).
std::uint8_t mixed_traffic_lts(const Graph& g, EdgeId e) {
    const auto& d = g.data();
    StressInput in;
    in.highway = d.edge_highway[e];
    in.regime = d.edge_regime[e];
    in.maxspeed_kmh = d.edge_maxspeed_kmh[e];
    in.lanes_total = d.edge_lanes[e];
    in.oneway_motor = (d.edge_flags[e] & edge_oneway_motor) != 0;
    return segment_lts(in);
}

std::string street_treatment(const Gap& gap, int speed) {
    const Highway h = gap.highway;
    if (h == Highway::footway || h == Highway::pedestrian || h == Highway::path || h == Highway::track) {
        return "Ouvrir aux vélos : voie verte ou aménagement mixte piéton-vélo";
    }
    if (h == Highway::living_street) return "Zone de rencontre : jalonner la continuité cyclable";
    if (speed > 50 || h == Highway::trunk || h == Highway::primary || gap.lanes >= 4) {
        return "Piste cyclable séparée (vitesse > 50 km/h ou axe principal)";
    }
    if (speed > 30) return "Piste cyclable ou bande cyclable (50 km/h)";
    return "Circulation apaisée : zone 30, vélorue ou marquage de continuité";
}

}  // namespace

void classify_gaps(const Graph& g, std::vector<Gap>& gaps, const GapParams& p) {
    const auto& d = g.data();
    for (Gap& gap : gaps) {
        const RouteShares s = shares(g, gap);
        // Describe the route: dominant class, the fastest and widest road, highest stress, names.
        if (!gap.arcs.empty()) {
            const auto main = std::max_element(s.by_highway.begin(), s.by_highway.end());
            gap.highway = static_cast<Highway>(main - s.by_highway.begin());
        }
        for (const ArcId a : gap.arcs) {
            const EdgeId e = edge_of(a);
            gap.maxspeed_kmh = std::max(gap.maxspeed_kmh, d.edge_maxspeed_kmh[e]);
            gap.lanes = std::max(gap.lanes, d.edge_lanes[e]);
            gap.max_lts = std::max(gap.max_lts, mixed_traffic_lts(g, e));
            const std::uint32_t name = d.edge_name[e];
            if (name != 0 && std::find(gap.names.begin(), gap.names.end(), name) == gap.names.end()) {
                gap.names.push_back(name);
            }
        }
        // The stress of crossing busy roads on the way (node rule of docs/traffic-stress.md).
        std::uint8_t crossing_lts = d.node_crossing_lts[gap.from];
        for (const ArcId a : gap.arcs) crossing_lts = std::max(crossing_lts, d.node_crossing_lts[g.arc_head(a)]);
        int speed = gap.maxspeed_kmh;
        if (speed == 0 && !gap.arcs.empty()) speed = default_speed_kmh(gap.highway, Regime::none);

        // Classes, most specific first.
        const double total = std::max(s.total, 1e-9);
        if (gap.kind == GapKind::close_far && gap.length_m < p.data_error_m) {
            // Network ends a few metres apart with no way between them: an undershoot (BikeDNA).
            gap.gap_class = GapClass::data;
            gap.treatment = "Vérifier les données OSM : extrémités du réseau cyclable non raccordées";
        } else if (gap.kind == GapKind::close_far) {
            // Close in a straight line, no street between: a crossing of a barrier to build.
            gap.gap_class = gap.length_m > 30.0 ? GapClass::bridge : GapClass::crossing;
            gap.treatment = "Franchissement à créer (passerelle, passage ou percée)";
        } else if (s.bridge / total >= 0.3) {
            gap.gap_class = GapClass::bridge;
            gap.treatment = "Pont : aménagement cyclable sur l'ouvrage ou passerelle";
        } else if (s.tunnel / total >= 0.3) {
            gap.gap_class = GapClass::tunnel;
            gap.treatment = "Passage souterrain : aménagement cyclable à créer";
        } else if (s.roundabout / total >= 0.3) {
            gap.gap_class = GapClass::roundabout;
            gap.treatment = "Giratoire : piste cyclable annulaire séparée";
        } else if (s.against_oneway / total >= 0.5) {
            gap.gap_class = GapClass::contraflow;
            gap.treatment = "Double sens cyclable dans la rue à sens unique";
        } else if (gap.length_m <= 60.0) {
            gap.gap_class = GapClass::crossing;
            gap.treatment = std::max(gap.max_lts, crossing_lts) >= 3 ? "Traversée cyclable sécurisée (plateau, îlot ou feux)"
                                             : "Traversée cyclable (marquage de continuité)";
        } else {
            gap.gap_class = GapClass::street;
            gap.treatment = street_treatment(gap, speed);
        }
    }
}

}  // namespace maillon
