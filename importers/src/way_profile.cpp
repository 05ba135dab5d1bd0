#include "maillon/importers/way_profile.hpp"

#include "maillon/importers/maxspeed.hpp"
#include "maillon/stress.hpp"
#include "tag_tables.hpp"
#include "tag_view.hpp"
#include "way_rules.hpp"

#include <algorithm>
#include <cstdlib>
#include <initializer_list>

namespace maillon::importers {
namespace {

using tags::Key;
using tags::one_of;
using tags::sv;
using WayContext = tags::TagView;

bool is_yes(sv v) noexcept { return one_of(v, tags::yes_values); }
/// Values of access keys that let the mode through.
bool allows(sv v) noexcept { return one_of(v, tags::allowing_values); }
/// Values of access keys that keep the mode out.
bool forbids(sv v) noexcept { return one_of(v, tags::forbidding_values); }

int preference_rank(Facility f) noexcept {
    const auto* it = std::find(tags::ride_preference.begin(), tags::ride_preference.end(), f);
    return static_cast<int>(it - tags::ride_preference.begin());
}

bool is_opposite(sv v) noexcept { return v.substr(0, 8) == "opposite"; }

bool has_bicycle_ramp(const WayContext& w) noexcept { return one_of(w[Key::ramp_bicycle], tags::bicycle_ramp_values); }

Key side_key(Side s) noexcept { return s == right ? Key::cycleway_right : Key::cycleway_left; }
Key side_oneway_key(Side s) noexcept { return s == right ? Key::cycleway_right_oneway : Key::cycleway_left_oneway; }

// ---- the rules ---------------------------------------------------------------------------

// 1. Which class of way this is; areas and ways that are not (yet) roads are dropped.
void rule_class_defaults(const WayContext& w, WayProfile& p) {
    const sv hw = w[Key::highway];
    const auto* def = std::find_if(tags::highway_classes.begin(), tags::highway_classes.end(),
                                   [&](const tags::HighwayClass& c) { return c.osm == hw; });
    if (def == tags::highway_classes.end()) {
        p.drop_reason = hw.empty() ? "no highway tag" : "highway value not routable";
        return;
    }
    if (is_yes(w[Key::area])) {
        p.drop_reason = "area";  // outline of a square or a platform: not a line one travels along
        return;
    }
    p.highway = def->highway;
    p.bike = {def->bike, def->bike};
    p.foot = def->foot;
    if (is_yes(w[Key::motorroad])) {  // route pour automobiles: no bikes, no pedestrians
        p.bike = {false, false};
        p.foot = false;
    }
    p.keep = true;
}

// 2. Access tags from general to specific (access < vehicle < bicycle; access < foot), as the
//    OSM access hierarchy says; checked early because they commonly forbid the way.
void rule_access(const WayContext& w, WayProfile& p) {
    bool bike = p.bike[forward];
    bool foot = p.foot;
    if (const sv access = w[Key::access]; forbids(access)) {
        bike = false;
        foot = false;
    }
    if (const sv vehicle = w[Key::vehicle]; allows(vehicle)) {
        bike = true;  // vehicle=yes lifts access=no for every vehicle, bikes included
    } else if (forbids(vehicle)) {
        bike = false;
    }
    if (const sv bicycle = w[Key::bicycle]; allows(bicycle)) {
        bike = true;
    } else if (forbids(bicycle)) {
        bike = false;
    }
    if (const sv f = w[Key::foot]; allows(f)) {
        foot = true;
    } else if (forbids(f)) {
        foot = false;
    }
    // A wheeling ramp on steps lets a cyclist push the bike up (a "goulotte"), unless bikes are
    // explicitly banned there.
    if (p.highway == Highway::steps && has_bicycle_ramp(w) && !forbids(w[Key::bicycle])) {
        bike = true;
    }
    // Bikes on a busway only where bicycle=* says so (French couloirs are tagged that way).
    if (p.highway == Highway::busway && !allows(w[Key::bicycle])) {
        bike = false;
    }
    p.bike = {bike, bike};
    p.foot = foot;
    if (!bike && !foot) {
        p.keep = false;
        p.drop_reason = "no access for bikes or pedestrians";
    }
}

// 3. One-way rules. Motor one-way from oneway/junction; bikes follow it unless
//    oneway:bicycle or a contraflow facility (cycleway*=opposite*, cycleway:SIDE:oneway) opens
//    the other direction: contraflow only where tagged.
void rule_oneway(const WayContext& w, WayProfile& p) {
    const sv oneway = w[Key::oneway];
    const sv junction = w[Key::junction];
    p.roundabout = junction == "roundabout" || junction == "circular";
    bool one = is_yes(oneway) || (p.roundabout && oneway != "no") || p.highway == Highway::motorway;
    const bool reversed = oneway == "-1" || oneway == "reverse";
    one = one || reversed;
    const bool motor_road = is_motor_road(p.highway) || p.highway == Highway::busway;
    p.oneway_motor = one && motor_road;
    p.oneway_reversed = one && reversed;

    bool bike_oneway = one;
    bool bike_reversed = reversed;
    const sv ob = w[Key::oneway_bicycle];
    if (ob == "no") {
        bike_oneway = false;
    } else if (is_yes(ob)) {
        bike_oneway = true;
        bike_reversed = false;
    } else if (ob == "-1") {
        bike_oneway = true;
        bike_reversed = true;
    }
    if (one && ob.empty()) {
        const bool opposite_tag = is_opposite(w[Key::cycleway]) || is_opposite(w[Key::cycleway_left]) ||
                                  is_opposite(w[Key::cycleway_right]) || is_opposite(w[Key::cycleway_both]);
        // A side facility whose own oneway runs against (or both ways of) the street.
        const sv against = reversed ? "yes" : "-1";
        bool side_contraflow = false;
        for (const Key k : {Key::cycleway_left_oneway, Key::cycleway_right_oneway, Key::cycleway_both_oneway}) {
            const sv v = w[k];
            side_contraflow = side_contraflow || v == "no" || v == against;
        }
        if (opposite_tag || side_contraflow) {
            bike_oneway = false;
        }
    }
    if (bike_oneway) {
        p.bike[bike_reversed ? forward : backward] = false;
    }
    p.contraflow = p.oneway_motor && p.bike[forward] && p.bike[backward];
}

// 4. Zone regimes: the schema's ZONE 30, ZONE DE RENCONTRE and AIRE PIETONNE.
void rule_regime(const WayContext& w, WayProfile& p) {
    if (p.highway == Highway::living_street) {
        p.regime = Regime::zone_rencontre;
    } else if (p.highway == Highway::pedestrian) {
        p.regime = Regime::aire_pietonne;
    }
    for (const Key k : tags::regime_keys) {
        const sv v = w[k];
        if (v.find("zone30") != sv::npos || v == "FR:30" || v == "FR:urban_zone30") {
            p.regime = p.regime == Regime::none ? Regime::zone30 : p.regime;
        } else if (v.find("zone20") != sv::npos || v == "FR:20" || v.find("living_street") != sv::npos ||
                   v.find("zone_rencontre") != sv::npos) {
            p.regime = p.regime == Regime::none ? Regime::zone_rencontre : p.regime;
        }
    }
}

// 5. Speed limit: maxspeed, else the larger of the directional limits, else the implicit
//    limit named by zone:maxspeed / source:maxspeed / maxspeed:type. Unknown stays 0 and the
//    stress rule falls back on the class default (docs/traffic-stress.md).
void rule_maxspeed(const WayContext& w, WayProfile& p) {
    if (const auto v = parse_maxspeed(w[Key::maxspeed])) {
        p.maxspeed_kmh = *v;
        return;
    }
    const auto fw = parse_maxspeed(w[Key::maxspeed_forward]);
    const auto bw = parse_maxspeed(w[Key::maxspeed_backward]);
    if (fw || bw) {
        p.maxspeed_kmh = std::max(fw.value_or(0), bw.value_or(0));
        return;
    }
    for (const Key k : tags::implicit_maxspeed_keys) {
        if (const auto v = parse_maxspeed(w[k])) {
            p.maxspeed_kmh = *v;
            return;
        }
    }
}

/// Motor traffic kept out (access or vehicle no), buses let in (psv or bus), bikes allowed.
bool is_bus_and_bike_lane(const WayContext& w, const WayProfile& p) {
    const auto no = [](sv v) { return v == "no" || v == "private"; };
    const auto yes = [](sv v) { return v == "yes" || v == "designated" || v == "permissive"; };
    const bool motors_out = no(w[Key::access]) || no(w[Key::vehicle]);
    const bool buses_in = yes(w[Key::psv]) || yes(w[Key::bus]);
    return is_motor_road(p.highway) && motors_out && buses_in && (p.bike[forward] || p.bike[backward]);
}

// 6a. Facility of a way that is itself the cycle facility (cycleway, shared path, steps ramp,
//     busway). It sits on the way's line: recorded on the droite side, ridden as the way allows.
bool standalone_facility(const WayContext& w, WayProfile& p) {
    const sv bicycle = w[Key::bicycle];
    const sv foot = w[Key::foot];
    Facility f = Facility::aucun;
    switch (p.highway) {
        case Highway::cycleway:
            f = (foot == "designated" && w[Key::segregated] != "yes") ? Facility::voie_verte : Facility::piste;
            break;
        case Highway::path:
        case Highway::track:
        case Highway::bridleway:
            if (bicycle == "designated") {
                f = (foot == "designated" && w[Key::segregated] != "yes") || p.highway == Highway::track
                        ? Facility::voie_verte
                        : Facility::piste;
            } else if (bicycle == "yes" && foot == "designated") {
                f = Facility::mixte_pieton_velo;
            }
            break;
        case Highway::footway:
        case Highway::corridor:
            if (bicycle == "designated" && w[Key::segregated] == "yes") {
                f = Facility::piste;
            } else if (allows(bicycle) && bicycle != "dismount") {
                f = Facility::mixte_pieton_velo;  // trottoir partagé
            }
            break;
        case Highway::pedestrian:
            if (bicycle == "designated") {
                f = Facility::mixte_pieton_velo;
            }
            break;
        case Highway::steps:
            // Steps one may carry a bike on are not a facility; the ramp (goulotte) is.
            f = (p.bike[forward] || p.bike[backward]) && has_bicycle_ramp(w) ? Facility::goulotte : Facility::aucun;
            break;
        case Highway::busway:
            f = p.bike[forward] || p.bike[backward] ? Facility::couloir_bus_velo : Facility::aucun;
            break;
        default:
            // A road closed to general traffic but open to buses and bikes is a separate bus lane
            // (Paris maps many as highway=service + access=no + psv=yes + bicycle=yes, without
            // cycleway=share_busway): a couloir bus+vélo, not a plain service road.
            if (!is_bus_and_bike_lane(w, p)) return false;
            f = Facility::couloir_bus_velo;
            break;
    }
    p.side_facility = {f, Facility::aucun};
    p.side_flow = {SideFlow::both, SideFlow::with_side};
    if (p.bike[forward] != p.bike[backward]) {
        p.side_flow[right] = p.bike[forward] ? SideFlow::forward_only : SideFlow::backward_only;
    }
    return true;
}

// 6b. Facilities on each side of a road, from cycleway:SIDE, cycleway:both, then cycleway
//     (whose opposite* values name the contraflow side only), plus vélorue and unmarked contraflow.
void road_facilities(const WayContext& w, WayProfile& p) {
    const sv generic = w[Key::cycleway];
    const sv both = w[Key::cycleway_both];
    // With-traffic and contraflow sides of a one-way street (right-hand traffic).
    const Side with_traffic = p.oneway_reversed ? left : right;
    const Side contra_side = p.oneway_reversed ? right : left;
    std::array<sv, 2> value{};
    for (const Side s : {right, left}) {
        sv v = w[side_key(s)];
        if (v.empty()) v = both;
        if (v.empty() && !generic.empty()) {
            if (is_opposite(generic)) {
                v = s == contra_side ? generic : sv{};
            } else if (p.oneway_motor) {
                v = s == with_traffic ? generic : sv{};
            } else {
                v = generic;
            }
        }
        value[s] = v;
    }
    // In France advisory (non-exclusive) lanes are the side strips of a chaussée à voie centrale
    // banalisée (FR wiki Key:cycleway:lane): the qualifier may be on :both, on each side, or on the
    // generic cycleway:lane when cycleway=lane puts lanes on both sides.
    const bool advisory_both = w[Key::cycleway_both_lane] == "advisory" ||
                               (w[Key::cycleway_left_lane] == "advisory" && w[Key::cycleway_right_lane] == "advisory") ||
                               (w[Key::cycleway_lane] == "advisory" && generic == "lane");
    for (const Side s : {right, left}) {
        const sv v = value[s];
        Facility f = Facility::aucun;
        if (!v.empty()) {
            const auto lookup = [&](const auto& table) {
                return std::find_if(table.begin(), table.end(), [&](const tags::SideValue& x) { return x.osm == v; });
            };
            const auto* sv_it = lookup(tags::side_values);
            f = sv_it != tags::side_values.end() ? sv_it->facility : Facility::autre;
            if (is_opposite(v) && !p.oneway_motor) {
                const auto* two_way = lookup(tags::opposite_on_two_way);
                f = two_way != tags::opposite_on_two_way.end() ? two_way->facility : f;
            }
        }
        if (f == Facility::bande && advisory_both && value[right] == "lane" && value[left] == "lane") {
            f = Facility::cvcb;  // chaussée à voie centrale banalisée: advisory lanes on both sides
        }
        // Direction the side is ridden in.
        sv so = w[side_oneway_key(s)];
        if (so.empty()) so = w[Key::cycleway_both_oneway];
        SideFlow flow = SideFlow::with_side;
        if (so == "no") {
            flow = SideFlow::both;
        } else if (is_yes(so)) {
            flow = SideFlow::forward_only;
        } else if (so == "-1") {
            flow = SideFlow::backward_only;
        } else if (p.oneway_motor) {
            // On a one-way street a side runs with the traffic, except the contraflow side of a
            // street open to bikes both ways.
            const bool runs_contra = p.contraflow && s == contra_side;
            const bool fwd = runs_contra == p.oneway_reversed;
            flow = fwd ? SideFlow::forward_only : SideFlow::backward_only;
        }
        // A piste or bande that runs against the motor traffic is a double sens cyclable.
        const bool against = p.oneway_motor && (p.oneway_reversed ? flow == SideFlow::forward_only
                                                                  : flow == SideFlow::backward_only);
        if (against && f == Facility::piste) f = Facility::dsc_piste;
        if (against && f == Facility::bande) f = Facility::dsc_bande;
        p.side_facility[s] = f;
        p.side_flow[s] = flow;
    }
    // Contraflow allowed but nothing built for it: DOUBLE SENS CYCLABLE NON MATERIALISE.
    if (p.contraflow && p.side_facility[contra_side] == Facility::aucun) {
        bool contra_served = false;
        for (const Side s : {right, left}) {
            const SideFlow f = p.side_flow[s];
            const bool serves_contra = f == SideFlow::both ||
                                       f == (p.oneway_reversed ? SideFlow::forward_only : SideFlow::backward_only);
            contra_served = contra_served || (serves_contra && is_cycle_facility(p.side_facility[s]));
        }
        if (!contra_served) {
            p.side_facility[contra_side] = Facility::dsc_non_materialise;
            p.side_flow[contra_side] = p.oneway_reversed ? SideFlow::forward_only : SideFlow::backward_only;
        }
    }
    // Vélorue (cyclestreet / bicycle_road): the whole street is the facility.
    if (is_yes(w[Key::cyclestreet]) || is_yes(w[Key::bicycle_road])) {
        for (const Side s : {right, left}) {
            if (p.side_facility[s] == Facility::aucun) p.side_facility[s] = Facility::velo_rue;
        }
    }
}

bool side_serves(SideFlow flow, Side s, Direction d) noexcept {
    switch (flow) {
        case SideFlow::both: return true;
        case SideFlow::forward_only: return d == forward;
        case SideFlow::backward_only: return d == backward;
        case SideFlow::with_side: return (s == right) == (d == forward);
    }
    return false;
}

// 6. Facilities per side, then the facility a cyclist uses in each direction.
void rule_facilities(const WayContext& w, WayProfile& p) {
    if (!standalone_facility(w, p)) {
        road_facilities(w, p);
    }
    for (const Direction d : {forward, backward}) {
        Facility best = Facility::aucun;
        if (p.bike[d]) {
            for (const Side s : {right, left}) {
                const Facility f = p.side_facility[s];
                if (side_serves(p.side_flow[s], s, d) && preference_rank(f) < preference_rank(best)) {
                    best = f;
                }
            }
        }
        p.ride_facility[d] = best;
    }
}

// 7. Physical attributes used by stress, classification of gaps and outputs.
void rule_attributes(const WayContext& w, WayProfile& p) {
    const sv lanes = w[Key::lanes];
    if (!lanes.empty()) {
        const long n = std::strtol(w.c_str(Key::lanes), nullptr, 10);  // "2;3": the first value
        p.lanes = static_cast<std::uint8_t>(std::clamp(n, 0L, 20L));
    }
    const sv bridge = w[Key::bridge];
    p.bridge = !bridge.empty() && bridge != "no";
    const sv tunnel = w[Key::tunnel];
    p.tunnel = !tunnel.empty() && tunnel != "no";
    p.lit = one_of(w[Key::lit], tags::lit_values);
    const sv surface = w[Key::surface];
    const auto* known = std::find_if(tags::surface_values.begin(), tags::surface_values.end(),
                                     [&](const tags::SurfaceValue& x) { return x.osm == surface; });
    if (!surface.empty() && known != tags::surface_values.end()) p.surface = known->surface;
}

// 8. Level of traffic stress per direction (docs/traffic-stress.md).
void rule_stress(const WayContext&, WayProfile& p) {
    for (const Direction d : {forward, backward}) {
        if (!p.bike[d]) {
            p.lts[d] = 0;
            continue;
        }
        StressInput in;
        in.highway = p.highway;
        in.facility = p.ride_facility[d];
        in.regime = p.regime;
        in.maxspeed_kmh = p.maxspeed_kmh;
        in.lanes_total = p.lanes;
        in.oneway_motor = p.oneway_motor;
        p.lts[d] = segment_lts(in);
    }
}

using Rule = void (*)(const WayContext&, WayProfile&);
// The order matters: class and access may drop the way; oneway decides contraflow before the
// facilities are named; stress reads everything before it.
constexpr Rule rules[] = {rule_class_defaults, rule_access,     rule_oneway,    rule_regime,
                          rule_maxspeed,       rule_facilities, rule_attributes, rule_stress};

}  // namespace

WayProfile evaluate_way(const tags::TagView& ctx) {
    WayProfile p;
    for (const Rule rule : rules) {
        rule(ctx, p);
        if (!p.keep) {
            break;
        }
    }
    return p;
}

WayProfile evaluate_way(const osmium::TagList& tags) { return evaluate_way(tags::TagView{tags}); }

}  // namespace maillon::importers
