// evaluate_way(): the ordered tag rules on tag lists built inline. The expected values come
// from OSM semantics (wiki: Key:cycleway, Key:oneway:bicycle, Key:access, FR:Key:cycleway) and
// from the national aménagements cyclables schema (ame_d / ame_g), not from the code's output.
//
// Sides: droite (right) is the right-hand side in the way's digitisation direction (forward),
// gauche (left) the other one; a side facility without its own oneway runs with the adjacent
// traffic, so the right side serves the forward direction and the left side the backward one.
#include "maillon/importers/way_profile.hpp"

#include <catch2/catch.hpp>
#include <osmium/builder/attr.hpp>
#include <osmium/memory/buffer.hpp>
#include <osmium/osm/way.hpp>

#include <string>
#include <utility>
#include <vector>

namespace Catch {
template <>
struct StringMaker<maillon::Facility> {
    static std::string convert(maillon::Facility f) { return std::string{maillon::schema_name(f)}; }
};
template <>
struct StringMaker<maillon::Regime> {
    static std::string convert(maillon::Regime r) { return std::string{maillon::key(r)}; }
};
template <>
struct StringMaker<maillon::Highway> {
    static std::string convert(maillon::Highway h) { return std::string{maillon::key(h)}; }
};
template <>
struct StringMaker<maillon::Surface> {
    static std::string convert(maillon::Surface s) { return std::string{maillon::key(s)}; }
};
}  // namespace Catch

namespace {

using maillon::Facility;
using maillon::Highway;
using maillon::Regime;
using maillon::Surface;
using maillon::importers::backward;
using maillon::importers::forward;
using maillon::importers::left;
using maillon::importers::right;
using maillon::importers::WayProfile;

using TagVector = std::vector<std::pair<std::string, std::string>>;

/// Builds a way with these tags in an osmium buffer and runs the rules on it.
WayProfile eval(const TagVector& tags) {
    osmium::memory::Buffer buffer{1024, osmium::memory::Buffer::auto_grow::yes};
    osmium::builder::add_way(buffer, osmium::builder::attr::_id(1), osmium::builder::attr::_tags(tags));
    return maillon::importers::evaluate_way(buffer.get<osmium::Way>(0).tags());
}

bool bike_both_ways(const WayProfile& p) { return p.keep && p.bike[forward] && p.bike[backward]; }

}  // namespace

// ---- 1. class defaults and 2. access ---------------------------------------------------------

TEST_CASE("a residential street is open to bikes both ways and to pedestrians", "[way_profile][access]") {
    const auto p = eval({{"highway", "residential"}});
    CHECK(p.keep);
    CHECK(p.highway == Highway::residential);
    CHECK(bike_both_ways(p));
    CHECK(p.foot);
    CHECK(p.side_facility[right] == Facility::aucun);
    CHECK(p.side_facility[left] == Facility::aucun);
    CHECK(p.ride_facility[forward] == Facility::aucun);
    CHECK(p.ride_facility[backward] == Facility::aucun);
}

TEST_CASE("a way without a highway tag is dropped", "[way_profile][access]") {
    CHECK_FALSE(eval({{"building", "yes"}}).keep);
    CHECK_FALSE(eval({{"railway", "rail"}}).keep);
}

TEST_CASE("motorway and motorway_link are closed to bikes and pedestrians", "[way_profile][access]") {
    CHECK_FALSE(eval({{"highway", "motorway"}}).keep);
    CHECK_FALSE(eval({{"highway", "motorway_link"}}).keep);
}

TEST_CASE("a trunk road is open to bikes in France unless it is a route pour automobiles (motorroad=yes)",
          "[way_profile][access]") {
    const auto trunk = eval({{"highway", "trunk"}});
    CHECK(trunk.keep);
    CHECK(bike_both_ways(trunk));
    CHECK(trunk.foot);
    CHECK(eval({{"highway", "trunk_link"}}).keep);
    CHECK_FALSE(eval({{"highway", "trunk"}, {"motorroad", "yes"}}).keep);
    CHECK_FALSE(eval({{"highway", "primary"}, {"motorroad", "yes"}}).keep);
}

TEST_CASE("bicycle=no closes a street to bikes but keeps it for walking", "[way_profile][access]") {
    const auto p = eval({{"highway", "residential"}, {"bicycle", "no"}});
    CHECK(p.keep);
    CHECK_FALSE(p.bike[forward]);
    CHECK_FALSE(p.bike[backward]);
    CHECK(p.foot);
    CHECK(p.lts[forward] == 0);
    CHECK(p.lts[backward] == 0);
    CHECK(p.ride_facility[forward] == Facility::aucun);
}

TEST_CASE("foot=no closes a street to pedestrians but keeps it for bikes", "[way_profile][access]") {
    const auto p = eval({{"highway", "secondary"}, {"foot", "no"}});
    CHECK(p.keep);
    CHECK(bike_both_ways(p));
    CHECK_FALSE(p.foot);
}

TEST_CASE("access=private drops the way unless bicycle=yes or foot=yes lets a mode through",
          "[way_profile][access]") {
    CHECK_FALSE(eval({{"highway", "service"}, {"access", "private"}}).keep);
    CHECK_FALSE(eval({{"highway", "service"}, {"access", "no"}}).keep);

    const auto bike_ok = eval({{"highway", "service"}, {"access", "private"}, {"bicycle", "yes"}});
    CHECK(bike_ok.keep);
    CHECK(bike_both_ways(bike_ok));
    CHECK_FALSE(bike_ok.foot);

    const auto foot_ok = eval({{"highway", "service"}, {"access", "private"}, {"foot", "yes"}});
    CHECK(foot_ok.keep);
    CHECK(foot_ok.foot);
    CHECK_FALSE(foot_ok.bike[forward]);
    CHECK_FALSE(foot_ok.bike[backward]);
}

TEST_CASE("access=no with bicycle=designated is a bike-only way (no pedestrians)", "[way_profile][access]") {
    const auto p = eval({{"highway", "service"}, {"access", "no"}, {"bicycle", "designated"}});
    CHECK(p.keep);
    CHECK(bike_both_ways(p));
    CHECK_FALSE(p.foot);
}

TEST_CASE("vehicle=no closes the way to bikes (a bicycle is a vehicle), not to pedestrians",
          "[way_profile][access]") {
    const auto p = eval({{"highway", "residential"}, {"vehicle", "no"}});
    CHECK(p.keep);
    CHECK_FALSE(p.bike[forward]);
    CHECK_FALSE(p.bike[backward]);
    CHECK(p.foot);
    // The more specific bicycle=* wins over vehicle=*.
    CHECK(bike_both_ways(eval({{"highway", "residential"}, {"vehicle", "no"}, {"bicycle", "yes"}})));
}

TEST_CASE("vehicle=yes lifts access=no for bikes (access < vehicle < bicycle)", "[way_profile][access]") {
    const auto p = eval({{"highway", "service"}, {"access", "no"}, {"vehicle", "yes"}});
    CHECK(p.keep);
    CHECK(bike_both_ways(p));
    CHECK_FALSE(p.foot);
}

TEST_CASE("a footway is for walking only unless bicycle=yes allows bikes", "[way_profile][access]") {
    const auto walk = eval({{"highway", "footway"}});
    CHECK(walk.keep);
    CHECK(walk.foot);
    CHECK_FALSE(walk.bike[forward]);
    CHECK_FALSE(walk.bike[backward]);
    CHECK(walk.side_facility[right] == Facility::aucun);

    const auto shared = eval({{"highway", "footway"}, {"bicycle", "yes"}});
    CHECK(bike_both_ways(shared));
    CHECK(shared.foot);
}

TEST_CASE("a pedestrian street is cyclable in France (aire piétonne, R431-9) unless bicycle=no",
          "[way_profile][access]") {
    const auto p = eval({{"highway", "pedestrian"}});
    CHECK(p.keep);
    CHECK(bike_both_ways(p));
    CHECK(p.foot);
    const auto no_bikes = eval({{"highway", "pedestrian"}, {"bicycle", "no"}});
    CHECK(no_bikes.keep);
    CHECK_FALSE(no_bikes.bike[forward]);
    CHECK_FALSE(no_bikes.bike[backward]);
    CHECK(no_bikes.foot);
}

TEST_CASE("a busway is closed to bikes unless bicycle=* allows them", "[way_profile][access]") {
    CHECK_FALSE(eval({{"highway", "busway"}}).keep);
    CHECK_FALSE(eval({{"highway", "busway"}, {"bicycle", "no"}}).keep);
    const auto p = eval({{"highway", "busway"}, {"bicycle", "designated"}});
    CHECK(p.keep);
    CHECK(bike_both_ways(p));
    CHECK_FALSE(p.foot);  // no pedestrians on a bus road
}

TEST_CASE("areas (area=yes) are dropped: an outline is not a line one travels along", "[way_profile][access]") {
    CHECK_FALSE(eval({{"highway", "pedestrian"}, {"area", "yes"}}).keep);
    CHECK_FALSE(eval({{"highway", "footway"}, {"area", "yes"}}).keep);
    CHECK(eval({{"highway", "pedestrian"}, {"area", "no"}}).keep);
}

TEST_CASE("ways under construction, proposed ways and platforms are dropped", "[way_profile][access]") {
    CHECK_FALSE(eval({{"highway", "construction"}, {"construction", "residential"}}).keep);
    CHECK_FALSE(eval({{"highway", "proposed"}, {"proposed", "cycleway"}}).keep);
    CHECK_FALSE(eval({{"highway", "platform"}}).keep);
    CHECK_FALSE(eval({{"highway", "bus_stop"}}).keep);
}

TEST_CASE("steps are walked; a bicycle ramp (ramp:bicycle=yes) makes them a GOULOTTE", "[way_profile][access]") {
    const auto steps = eval({{"highway", "steps"}});
    CHECK(steps.keep);
    CHECK(steps.foot);
    CHECK_FALSE(steps.bike[forward]);
    CHECK_FALSE(steps.bike[backward]);

    const auto ramp = eval({{"highway", "steps"}, {"ramp:bicycle", "yes"}});
    CHECK(bike_both_ways(ramp));
    CHECK(ramp.side_facility[right] == Facility::goulotte);
    CHECK(ramp.side_facility[left] == Facility::aucun);
    CHECK(ramp.ride_facility[forward] == Facility::goulotte);
    CHECK(ramp.ride_facility[backward] == Facility::goulotte);
}

TEST_CASE("steps with bicycle=yes but no ramp let a bike be carried but are not a GOULOTTE",
          "[way_profile][facility]") {
    const auto p = eval({{"highway", "steps"}, {"bicycle", "yes"}});
    CHECK(bike_both_ways(p));
    CHECK(p.side_facility[right] == Facility::aucun);
    CHECK(p.ride_facility[forward] == Facility::aucun);
}

TEST_CASE("an explicit bicycle=no on steps wins over a ramp", "[way_profile][access]") {
    const auto p = eval({{"highway", "steps"}, {"ramp:bicycle", "yes"}, {"bicycle", "no"}});
    CHECK(p.keep);
    CHECK_FALSE(p.bike[forward]);
    CHECK_FALSE(p.bike[backward]);
}

// ---- 6. facilities on a road's sides ---------------------------------------------------------

TEST_CASE("cycleway:right=track is a PISTE CYCLABLE on the droite side, ridden forward", "[way_profile][facility]") {
    const auto p = eval({{"highway", "secondary"}, {"cycleway:right", "track"}});
    CHECK(bike_both_ways(p));
    CHECK(p.side_facility[right] == Facility::piste);
    CHECK(p.side_facility[left] == Facility::aucun);
    CHECK(p.ride_facility[forward] == Facility::piste);
    CHECK(p.ride_facility[backward] == Facility::aucun);
}

TEST_CASE("cycleway:left=track is a PISTE CYCLABLE on the gauche side, ridden backward", "[way_profile][facility]") {
    const auto p = eval({{"highway", "secondary"}, {"cycleway:left", "track"}});
    CHECK(p.side_facility[right] == Facility::aucun);
    CHECK(p.side_facility[left] == Facility::piste);
    CHECK(p.ride_facility[forward] == Facility::aucun);
    CHECK(p.ride_facility[backward] == Facility::piste);
}

TEST_CASE("cycleway:both=track is a PISTE CYCLABLE on both sides", "[way_profile][facility]") {
    const auto p = eval({{"highway", "secondary"}, {"cycleway:both", "track"}});
    CHECK(p.side_facility[right] == Facility::piste);
    CHECK(p.side_facility[left] == Facility::piste);
    CHECK(p.ride_facility[forward] == Facility::piste);
    CHECK(p.ride_facility[backward] == Facility::piste);
}

TEST_CASE("cycleway=track on a two-way street is a PISTE CYCLABLE on both sides", "[way_profile][facility]") {
    const auto p = eval({{"highway", "tertiary"}, {"cycleway", "track"}});
    CHECK(p.side_facility[right] == Facility::piste);
    CHECK(p.side_facility[left] == Facility::piste);
}

TEST_CASE("cycleway=track on a one-way street is a PISTE CYCLABLE on the side running with traffic only",
          "[way_profile][facility]") {
    const auto p = eval({{"highway", "tertiary"}, {"oneway", "yes"}, {"cycleway", "track"}});
    CHECK(p.side_facility[right] == Facility::piste);
    CHECK(p.side_facility[left] == Facility::aucun);
    CHECK(p.ride_facility[forward] == Facility::piste);
    CHECK_FALSE(p.bike[backward]);
}

TEST_CASE("cycleway:SIDE=lane and cycleway=lane are BANDE CYCLABLE on that side or both", "[way_profile][facility]") {
    const auto r = eval({{"highway", "residential"}, {"cycleway:right", "lane"}});
    CHECK(r.side_facility[right] == Facility::bande);
    CHECK(r.side_facility[left] == Facility::aucun);
    CHECK(r.ride_facility[forward] == Facility::bande);
    CHECK(r.ride_facility[backward] == Facility::aucun);

    const auto l = eval({{"highway", "residential"}, {"cycleway:left", "lane"}});
    CHECK(l.side_facility[right] == Facility::aucun);
    CHECK(l.side_facility[left] == Facility::bande);
    CHECK(l.ride_facility[backward] == Facility::bande);

    const auto both = eval({{"highway", "residential"}, {"cycleway:both", "lane"}});
    CHECK(both.side_facility[right] == Facility::bande);
    CHECK(both.side_facility[left] == Facility::bande);

    const auto generic = eval({{"highway", "residential"}, {"cycleway", "lane"}});
    CHECK(generic.side_facility[right] == Facility::bande);
    CHECK(generic.side_facility[left] == Facility::bande);
    CHECK(generic.ride_facility[forward] == Facility::bande);
    CHECK(generic.ride_facility[backward] == Facility::bande);
}

TEST_CASE("a side-specific tag wins over cycleway:both and cycleway", "[way_profile][facility]") {
    const auto p = eval({{"highway", "residential"}, {"cycleway:both", "lane"}, {"cycleway:left", "no"}});
    CHECK(p.side_facility[right] == Facility::bande);
    CHECK(p.side_facility[left] == Facility::aucun);
    const auto q = eval({{"highway", "residential"}, {"cycleway", "lane"}, {"cycleway:right", "track"}});
    CHECK(q.side_facility[right] == Facility::piste);
    CHECK(q.side_facility[left] == Facility::bande);
}

TEST_CASE("a lane on the left of a one-way street without its own oneway tag runs with the traffic",
          "[way_profile][facility][oneway]") {
    // Left-hand lanes on one-way streets are common in Paris; without cycleway:left:oneway=-1
    // nothing says it is a contraflow lane.
    const auto p = eval({{"highway", "residential"}, {"oneway", "yes"}, {"cycleway:left", "lane"}});
    CHECK_FALSE(p.contraflow);
    CHECK_FALSE(p.bike[backward]);
    CHECK(p.side_facility[left] == Facility::bande);
    CHECK(p.ride_facility[forward] == Facility::bande);
}

TEST_CASE("cycleway:right=share_busway is a COULOIR BUS+VELO", "[way_profile][facility]") {
    const auto p = eval({{"highway", "primary"}, {"cycleway:right", "share_busway"}});
    CHECK(p.side_facility[right] == Facility::couloir_bus_velo);
    CHECK(p.side_facility[left] == Facility::aucun);
    CHECK(p.ride_facility[forward] == Facility::couloir_bus_velo);
}

TEST_CASE("highway=busway with bicycle=yes is a COULOIR BUS+VELO", "[way_profile][facility]") {
    const auto p = eval({{"highway", "busway"}, {"bicycle", "yes"}});
    CHECK(p.highway == Highway::busway);
    CHECK(p.side_facility[right] == Facility::couloir_bus_velo);
    CHECK(p.ride_facility[forward] == Facility::couloir_bus_velo);
    CHECK(p.ride_facility[backward] == Facility::couloir_bus_velo);
}

TEST_CASE("a one-way busway open to bikes is ridden forward only", "[way_profile][facility][oneway]") {
    const auto p = eval({{"highway", "busway"}, {"bicycle", "yes"}, {"oneway", "yes"}});
    CHECK(p.bike[forward]);
    CHECK_FALSE(p.bike[backward]);
    CHECK(p.ride_facility[forward] == Facility::couloir_bus_velo);
    CHECK(p.ride_facility[backward] == Facility::aucun);
}

TEST_CASE("highway=cycleway with foot=designated and segregated=no is a VOIE VERTE", "[way_profile][facility]") {
    const auto p = eval({{"highway", "cycleway"}, {"foot", "designated"}, {"segregated", "no"}});
    CHECK(bike_both_ways(p));
    CHECK(p.foot);
    CHECK(p.side_facility[right] == Facility::voie_verte);
    CHECK(p.side_facility[left] == Facility::aucun);  // a standalone facility is recorded on droite
    CHECK(p.ride_facility[forward] == Facility::voie_verte);
    CHECK(p.ride_facility[backward] == Facility::voie_verte);
}

TEST_CASE("highway=path with bicycle=designated and foot=designated is a VOIE VERTE", "[way_profile][facility]") {
    const auto p = eval({{"highway", "path"}, {"bicycle", "designated"}, {"foot", "designated"}});
    CHECK(p.side_facility[right] == Facility::voie_verte);
    CHECK(p.ride_facility[backward] == Facility::voie_verte);
}

TEST_CASE("a plain highway=cycleway is a PISTE CYCLABLE ridden both ways", "[way_profile][facility]") {
    const auto p = eval({{"highway", "cycleway"}});
    CHECK(p.side_facility[right] == Facility::piste);
    CHECK(p.ride_facility[forward] == Facility::piste);
    CHECK(p.ride_facility[backward] == Facility::piste);
    CHECK(p.lts[forward] == 1);
}

TEST_CASE("a segregated path (bicycle=designated, foot=designated, segregated=yes) is a PISTE CYCLABLE",
          "[way_profile][facility]") {
    const auto p = eval({{"highway", "path"}, {"bicycle", "designated"}, {"foot", "designated"}, {"segregated", "yes"}});
    CHECK(p.side_facility[right] == Facility::piste);
    const auto q = eval({{"highway", "cycleway"}, {"foot", "designated"}, {"segregated", "yes"}});
    CHECK(q.side_facility[right] == Facility::piste);
}

TEST_CASE("a footway with bicycle=yes is an AMENAGEMENT MIXTE PIETON VELO (trottoir partagé)",
          "[way_profile][facility]") {
    const auto p = eval({{"highway", "footway"}, {"bicycle", "yes"}});
    CHECK(p.side_facility[right] == Facility::mixte_pieton_velo);
    CHECK(p.ride_facility[forward] == Facility::mixte_pieton_velo);
    CHECK(p.ride_facility[backward] == Facility::mixte_pieton_velo);
}

TEST_CASE("a pedestrian street is a regime (AIRE PIETONNE), not a facility", "[way_profile][facility]") {
    const auto p = eval({{"highway", "pedestrian"}});
    CHECK(p.side_facility[right] == Facility::aucun);
    CHECK(p.ride_facility[forward] == Facility::aucun);
}

TEST_CASE("cyclestreet=yes and bicycle_road=yes are a VELO RUE on both sides", "[way_profile][facility]") {
    for (const char* key : {"cyclestreet", "bicycle_road"}) {
        INFO(key);
        const auto p = eval({{"highway", "residential"}, {key, "yes"}});
        CHECK(p.side_facility[right] == Facility::velo_rue);
        CHECK(p.side_facility[left] == Facility::velo_rue);
        CHECK(p.ride_facility[forward] == Facility::velo_rue);
        CHECK(p.ride_facility[backward] == Facility::velo_rue);
    }
}

TEST_CASE("cycleway:right=shoulder is an ACCOTEMENT REVETU HORS CVCB", "[way_profile][facility]") {
    const auto p = eval({{"highway", "secondary"}, {"cycleway:right", "shoulder"}});
    CHECK(p.side_facility[right] == Facility::accotement);
    CHECK(p.ride_facility[forward] == Facility::accotement);
}

TEST_CASE("advisory lanes on both sides are a CHAUSSEE A VOIE CENTRALE BANALISEE", "[way_profile][facility]") {
    const auto both = eval({{"highway", "unclassified"}, {"cycleway:both", "lane"}, {"cycleway:both:lane", "advisory"}});
    CHECK(both.side_facility[right] == Facility::cvcb);
    CHECK(both.side_facility[left] == Facility::cvcb);
    CHECK(both.ride_facility[forward] == Facility::cvcb);
    CHECK(both.ride_facility[backward] == Facility::cvcb);

    const auto per_side = eval({{"highway", "unclassified"},
                                {"cycleway:left", "lane"},
                                {"cycleway:right", "lane"},
                                {"cycleway:left:lane", "advisory"},
                                {"cycleway:right:lane", "advisory"}});
    CHECK(per_side.side_facility[right] == Facility::cvcb);
    CHECK(per_side.side_facility[left] == Facility::cvcb);

    const auto generic = eval({{"highway", "unclassified"}, {"cycleway", "lane"}, {"cycleway:lane", "advisory"}});
    CHECK(generic.side_facility[right] == Facility::cvcb);
    CHECK(generic.side_facility[left] == Facility::cvcb);
}

TEST_CASE("an advisory lane on one side only is a BANDE CYCLABLE, not a CVCB", "[way_profile][facility]") {
    const auto p = eval({{"highway", "unclassified"}, {"cycleway:right", "lane"}, {"cycleway:right:lane", "advisory"}});
    CHECK(p.side_facility[right] == Facility::bande);
    CHECK(p.side_facility[left] == Facility::aucun);
}

TEST_CASE("an unknown cycleway value is AUTRE: something is there, the schema has no name for it",
          "[way_profile][facility]") {
    const auto p = eval({{"highway", "residential"}, {"cycleway:right", "bike_boulevard_thing"}});
    CHECK(p.side_facility[right] == Facility::autre);
    CHECK(p.side_facility[left] == Facility::aucun);
}

TEST_CASE("cycleway=separate, shared_lane, no, asl and construction are AUCUN", "[way_profile][facility]") {
    // separate: mapped as its own way; shared_lane: sharrows, no space of its own; asl: a sas vélo
    // at the lights; construction: not in service.
    for (const char* v : {"separate", "shared_lane", "no", "asl", "construction"}) {
        INFO(v);
        const auto p = eval({{"highway", "residential"}, {"cycleway", v}});
        CHECK(p.side_facility[right] == Facility::aucun);
        CHECK(p.side_facility[left] == Facility::aucun);
        CHECK(p.ride_facility[forward] == Facility::aucun);
    }
    CHECK(eval({{"highway", "residential"}, {"cycleway:right", "separate"}}).side_facility[right] == Facility::aucun);
    CHECK(eval({{"highway", "residential"}, {"cycleway:both", "shared_lane"}}).side_facility[left] == Facility::aucun);
}

// ---- 3. one-way and contraflow ------------------------------------------------------------------

TEST_CASE("oneway=yes alone: bikes go forward only and there is no contraflow", "[way_profile][oneway]") {
    const auto p = eval({{"highway", "residential"}, {"oneway", "yes"}});
    CHECK(p.oneway_motor);
    CHECK_FALSE(p.oneway_reversed);
    CHECK(p.bike[forward]);
    CHECK_FALSE(p.bike[backward]);
    CHECK_FALSE(p.contraflow);
    CHECK(p.side_facility[right] == Facility::aucun);
    CHECK(p.side_facility[left] == Facility::aucun);
    CHECK(p.foot);  // one-way streets are walked both ways
    CHECK(p.lts[backward] == 0);
}

TEST_CASE("oneway=yes + oneway:bicycle=no is a DOUBLE SENS CYCLABLE NON MATERIALISE on the gauche side",
          "[way_profile][oneway]") {
    const auto p = eval({{"highway", "residential"}, {"oneway", "yes"}, {"oneway:bicycle", "no"}});
    CHECK(bike_both_ways(p));
    CHECK(p.oneway_motor);
    CHECK(p.contraflow);
    CHECK(p.side_facility[right] == Facility::aucun);
    CHECK(p.side_facility[left] == Facility::dsc_non_materialise);
    CHECK(p.ride_facility[forward] == Facility::aucun);
    CHECK(p.ride_facility[backward] == Facility::dsc_non_materialise);
}

TEST_CASE("cycleway=opposite on a one-way street is a DOUBLE SENS CYCLABLE NON MATERIALISE", "[way_profile][oneway]") {
    const auto p = eval({{"highway", "residential"}, {"oneway", "yes"}, {"cycleway", "opposite"}});
    CHECK(bike_both_ways(p));
    CHECK(p.contraflow);
    CHECK(p.side_facility[left] == Facility::dsc_non_materialise);
    CHECK(p.side_facility[right] == Facility::aucun);
    CHECK(p.ride_facility[backward] == Facility::dsc_non_materialise);
}

TEST_CASE("cycleway=opposite_lane is a DOUBLE SENS CYCLABLE BANDE ridden against the traffic", "[way_profile][oneway]") {
    const auto p = eval({{"highway", "residential"}, {"oneway", "yes"}, {"cycleway", "opposite_lane"}});
    CHECK(bike_both_ways(p));
    CHECK(p.side_facility[left] == Facility::dsc_bande);
    CHECK(p.side_facility[right] == Facility::aucun);
    CHECK(p.ride_facility[backward] == Facility::dsc_bande);
    CHECK(p.ride_facility[forward] == Facility::aucun);
}

TEST_CASE("cycleway=opposite_track is a DOUBLE SENS CYCLABLE PISTE ridden against the traffic", "[way_profile][oneway]") {
    const auto p = eval({{"highway", "residential"}, {"oneway", "yes"}, {"cycleway", "opposite_track"}});
    CHECK(bike_both_ways(p));
    CHECK(p.side_facility[left] == Facility::dsc_piste);
    CHECK(p.ride_facility[backward] == Facility::dsc_piste);
    CHECK(p.ride_facility[forward] == Facility::aucun);
}

TEST_CASE("cycleway:left=opposite_track with oneway:bicycle=no (Paris tagging) is a DOUBLE SENS CYCLABLE PISTE",
          "[way_profile][oneway]") {
    const auto p = eval({{"highway", "secondary"},
                         {"oneway", "yes"},
                         {"oneway:bicycle", "no"},
                         {"cycleway:left", "opposite_track"}});
    CHECK(p.side_facility[left] == Facility::dsc_piste);
    CHECK(p.side_facility[right] == Facility::aucun);
    CHECK(p.ride_facility[backward] == Facility::dsc_piste);
}

TEST_CASE("a contraflow lane tagged cycleway:left=lane + cycleway:left:oneway=-1 is a DOUBLE SENS CYCLABLE BANDE",
          "[way_profile][oneway]") {
    const auto p = eval({{"highway", "residential"},
                         {"oneway", "yes"},
                         {"cycleway:left", "lane"},
                         {"cycleway:left:oneway", "-1"}});
    CHECK(bike_both_ways(p));
    CHECK(p.contraflow);
    CHECK(p.side_facility[left] == Facility::dsc_bande);
    CHECK(p.side_facility[right] == Facility::aucun);
    CHECK(p.ride_facility[backward] == Facility::dsc_bande);
    CHECK(p.ride_facility[forward] == Facility::aucun);
}

TEST_CASE("a lane with the traffic plus an unmarked contraflow: BANDE on droite, DSC NON MATERIALISE on gauche",
          "[way_profile][oneway]") {
    const auto p = eval({{"highway", "residential"},
                         {"oneway", "yes"},
                         {"oneway:bicycle", "no"},
                         {"cycleway:right", "lane"}});
    CHECK(p.side_facility[right] == Facility::bande);
    CHECK(p.side_facility[left] == Facility::dsc_non_materialise);
    CHECK(p.ride_facility[forward] == Facility::bande);
    CHECK(p.ride_facility[backward] == Facility::dsc_non_materialise);
}

TEST_CASE("lanes on both sides of a contraflow street: BANDE with the traffic, DSC BANDE against it",
          "[way_profile][oneway]") {
    const auto p = eval({{"highway", "residential"},
                         {"oneway", "yes"},
                         {"oneway:bicycle", "no"},
                         {"cycleway:both", "lane"}});
    CHECK(p.side_facility[right] == Facility::bande);
    CHECK(p.side_facility[left] == Facility::dsc_bande);
}

TEST_CASE("oneway=-1 with oneway:bicycle=no puts the contraflow on the droite side (the forward direction)",
          "[way_profile][oneway]") {
    const auto p = eval({{"highway", "residential"}, {"oneway", "-1"}, {"oneway:bicycle", "no"}});
    CHECK(bike_both_ways(p));
    CHECK(p.oneway_motor);
    CHECK(p.oneway_reversed);
    CHECK(p.contraflow);
    CHECK(p.side_facility[right] == Facility::dsc_non_materialise);
    CHECK(p.side_facility[left] == Facility::aucun);
    CHECK(p.ride_facility[forward] == Facility::dsc_non_materialise);
    CHECK(p.ride_facility[backward] == Facility::aucun);
}

TEST_CASE("oneway=-1 alone: bikes go backward only", "[way_profile][oneway]") {
    const auto p = eval({{"highway", "residential"}, {"oneway", "-1"}});
    CHECK_FALSE(p.bike[forward]);
    CHECK(p.bike[backward]);
    CHECK_FALSE(p.contraflow);
}

TEST_CASE("a lane on a oneway=-1 street runs with the (backward) traffic, a contraflow lane on droite is a DSC BANDE",
          "[way_profile][oneway]") {
    const auto with = eval({{"highway", "residential"}, {"oneway", "-1"}, {"cycleway", "lane"}});
    CHECK(with.side_facility[left] == Facility::bande);  // traffic goes backward: its right is gauche
    CHECK(with.side_facility[right] == Facility::aucun);
    CHECK(with.ride_facility[backward] == Facility::bande);

    const auto contra = eval({{"highway", "residential"}, {"oneway", "-1"}, {"cycleway", "opposite_lane"}});
    CHECK(contra.side_facility[right] == Facility::dsc_bande);
    CHECK(contra.ride_facility[forward] == Facility::dsc_bande);
    CHECK(bike_both_ways(contra));
}

TEST_CASE("a roundabout is one-way even without oneway=yes", "[way_profile][oneway]") {
    const auto p = eval({{"highway", "primary"}, {"junction", "roundabout"}});
    CHECK(p.roundabout);
    CHECK(p.oneway_motor);
    CHECK(p.bike[forward]);
    CHECK_FALSE(p.bike[backward]);
    CHECK(eval({{"highway", "tertiary"}, {"junction", "circular"}}).oneway_motor);
}

TEST_CASE("oneway:bicycle=yes on a two-way street makes it one-way for bikes only", "[way_profile][oneway]") {
    const auto p = eval({{"highway", "residential"}, {"oneway:bicycle", "yes"}});
    CHECK_FALSE(p.oneway_motor);
    CHECK(p.bike[forward]);
    CHECK_FALSE(p.bike[backward]);
    CHECK_FALSE(p.contraflow);
}

TEST_CASE("oneway on a cycleway binds the cyclists", "[way_profile][oneway]") {
    const auto p = eval({{"highway", "cycleway"}, {"oneway", "yes"}});
    CHECK_FALSE(p.oneway_motor);  // no motor traffic there
    CHECK(p.bike[forward]);
    CHECK_FALSE(p.bike[backward]);
    CHECK(p.ride_facility[forward] == Facility::piste);
    CHECK(p.ride_facility[backward] == Facility::aucun);
}

TEST_CASE("opposite* values on a two-way street name no contraflow", "[way_profile][oneway]") {
    // There is no double sens cyclable on a street open to motors both ways: a tagging slip.
    const auto p = eval({{"highway", "residential"}, {"cycleway", "opposite_lane"}});
    CHECK_FALSE(p.contraflow);
    CHECK(p.side_facility[left] != Facility::dsc_bande);
    CHECK(p.side_facility[right] != Facility::dsc_bande);
    CHECK(p.side_facility[left] == Facility::bande);
    const auto q = eval({{"highway", "residential"}, {"cycleway", "opposite"}});
    CHECK(q.side_facility[left] == Facility::aucun);
    CHECK(q.side_facility[right] == Facility::aucun);
}

// ---- the facility ridden in each direction -------------------------------------------------------

TEST_CASE("a two-way track on the left (cycleway:left=track + cycleway:left:oneway=no) serves both directions",
          "[way_profile][facility]") {
    const auto p = eval({{"highway", "primary"}, {"cycleway:left", "track"}, {"cycleway:left:oneway", "no"}});
    CHECK(p.side_facility[left] == Facility::piste);
    CHECK(p.side_facility[right] == Facility::aucun);
    CHECK(p.ride_facility[forward] == Facility::piste);
    CHECK(p.ride_facility[backward] == Facility::piste);
    CHECK(p.lts[forward] == 1);
    CHECK(p.lts[backward] == 1);
}

TEST_CASE("when a direction can use facilities on both sides the calmer one is ridden", "[way_profile][facility]") {
    // A two-way track on the left and a painted lane on the right: forward riders use the track.
    const auto p = eval({{"highway", "primary"},
                         {"cycleway:left", "track"},
                         {"cycleway:left:oneway", "no"},
                         {"cycleway:right", "lane"}});
    CHECK(p.ride_facility[forward] == Facility::piste);
    CHECK(p.ride_facility[backward] == Facility::piste);
}

TEST_CASE("a one-way track on the right (cycleway:right:oneway=yes) does not serve the backward direction",
          "[way_profile][facility]") {
    const auto p = eval({{"highway", "primary"}, {"cycleway:right", "track"}, {"cycleway:right:oneway", "yes"}});
    CHECK(p.ride_facility[forward] == Facility::piste);
    CHECK(p.ride_facility[backward] == Facility::aucun);
}

// ---- 4. regimes and 5. speed -------------------------------------------------------------------

TEST_CASE("a living street is a ZONE DE RENCONTRE", "[way_profile][regime]") {
    const auto p = eval({{"highway", "living_street"}});
    CHECK(p.regime == Regime::zone_rencontre);
    CHECK(p.lts[forward] == 1);
}

TEST_CASE("a pedestrian street is an AIRE PIETONNE", "[way_profile][regime]") {
    CHECK(eval({{"highway", "pedestrian"}}).regime == Regime::aire_pietonne);
}

TEST_CASE("zone:maxspeed=FR:30, source:maxspeed=FR:zone30 and maxspeed:type=FR:zone30 mark a ZONE 30",
          "[way_profile][regime]") {
    CHECK(eval({{"highway", "residential"}, {"zone:maxspeed", "FR:30"}}).regime == Regime::zone30);
    CHECK(eval({{"highway", "residential"}, {"source:maxspeed", "FR:zone30"}}).regime == Regime::zone30);
    CHECK(eval({{"highway", "residential"}, {"maxspeed:type", "FR:zone30"}}).regime == Regime::zone30);
}

TEST_CASE("zone:maxspeed=FR:20 is a ZONE DE RENCONTRE", "[way_profile][regime]") {
    CHECK(eval({{"highway", "residential"}, {"zone:maxspeed", "FR:20"}}).regime == Regime::zone_rencontre);
}

TEST_CASE("a 30 km/h limit alone is not a ZONE 30 (no zone signs), and FR:urban is no regime", "[way_profile][regime]") {
    CHECK(eval({{"highway", "residential"}, {"maxspeed", "30"}}).regime == Regime::none);
    CHECK(eval({{"highway", "residential"}, {"source:maxspeed", "FR:urban"}}).regime == Regime::none);
    CHECK(eval({{"highway", "residential"}}).regime == Regime::none);
}

TEST_CASE("maxspeed is read from maxspeed, else the directional limits, else the implicit zone limit",
          "[way_profile][maxspeed]") {
    CHECK(eval({{"highway", "primary"}, {"maxspeed", "50"}}).maxspeed_kmh == 50);
    CHECK(eval({{"highway", "primary"}, {"maxspeed:forward", "50"}, {"maxspeed:backward", "30"}}).maxspeed_kmh == 50);
    CHECK(eval({{"highway", "residential"}, {"zone:maxspeed", "FR:30"}}).maxspeed_kmh == 30);
    CHECK(eval({{"highway", "residential"}, {"source:maxspeed", "FR:urban"}}).maxspeed_kmh == 50);
    CHECK(eval({{"highway", "residential"}, {"maxspeed", "30"}, {"source:maxspeed", "FR:urban"}}).maxspeed_kmh == 30);
    CHECK(eval({{"highway", "residential"}}).maxspeed_kmh == 0);
    CHECK(eval({{"highway", "residential"}, {"maxspeed", "signals"}}).maxspeed_kmh == 0);
}

// ---- 7. attributes -----------------------------------------------------------------------------

TEST_CASE("lanes is read as a number, the first of several values", "[way_profile][attributes]") {
    CHECK(eval({{"highway", "primary"}, {"lanes", "2"}}).lanes == 2);
    CHECK(eval({{"highway", "primary"}, {"lanes", "4"}}).lanes == 4);
    CHECK(eval({{"highway", "primary"}, {"lanes", "2;3"}}).lanes == 2);
    CHECK(eval({{"highway", "primary"}}).lanes == 0);
    CHECK(eval({{"highway", "primary"}, {"lanes", "many"}}).lanes == 0);
}

TEST_CASE("bridge and tunnel are any value but no", "[way_profile][attributes]") {
    CHECK(eval({{"highway", "residential"}, {"bridge", "yes"}}).bridge);
    CHECK(eval({{"highway", "residential"}, {"bridge", "viaduct"}}).bridge);
    CHECK_FALSE(eval({{"highway", "residential"}, {"bridge", "no"}}).bridge);
    CHECK_FALSE(eval({{"highway", "residential"}}).bridge);
    CHECK(eval({{"highway", "residential"}, {"tunnel", "yes"}}).tunnel);
    CHECK(eval({{"highway", "footway"}, {"tunnel", "building_passage"}}).tunnel);
    CHECK_FALSE(eval({{"highway", "residential"}, {"tunnel", "no"}}).tunnel);
}

TEST_CASE("surfaces fall in the schema's classes LISSE, RUGUEUX, MEUBLE", "[way_profile][attributes]") {
    CHECK(eval({{"highway", "cycleway"}, {"surface", "asphalt"}}).surface == Surface::lisse);
    CHECK(eval({{"highway", "cycleway"}, {"surface", "concrete"}}).surface == Surface::lisse);
    CHECK(eval({{"highway", "cycleway"}, {"surface", "paving_stones"}}).surface == Surface::lisse);
    CHECK(eval({{"highway", "residential"}, {"surface", "sett"}}).surface == Surface::rugueux);
    CHECK(eval({{"highway", "residential"}, {"surface", "cobblestone"}}).surface == Surface::rugueux);
    CHECK(eval({{"highway", "path"}, {"surface", "gravel"}}).surface == Surface::meuble);
    CHECK(eval({{"highway", "path"}, {"surface", "ground"}}).surface == Surface::meuble);
    CHECK(eval({{"highway", "path"}, {"surface", "sand"}}).surface == Surface::meuble);
    CHECK(eval({{"highway", "path"}}).surface == Surface::unknown);
    CHECK(eval({{"highway", "path"}, {"surface", "unobtainium"}}).surface == Surface::unknown);
}

TEST_CASE("lit=yes, 24/7 and automatic are lit; lit=no is not", "[way_profile][attributes]") {
    CHECK(eval({{"highway", "residential"}, {"lit", "yes"}}).lit);
    CHECK(eval({{"highway", "residential"}, {"lit", "24/7"}}).lit);
    CHECK(eval({{"highway", "residential"}, {"lit", "automatic"}}).lit);
    CHECK_FALSE(eval({{"highway", "residential"}, {"lit", "no"}}).lit);
    CHECK_FALSE(eval({{"highway", "residential"}}).lit);
}

// ---- 8. stress, as the rules feed it -----------------------------------------------------------

TEST_CASE("the stress of each direction follows the facility ridden in it", "[way_profile][stress]") {
    // A 50 km/h two-lane secondary: mixed traffic is LTS 3, a painted lane LTS 2, a track LTS 1.
    const auto p = eval({{"highway", "secondary"}, {"maxspeed", "50"}, {"lanes", "2"}, {"cycleway:right", "track"},
                         {"cycleway:left", "lane"}});
    CHECK(p.lts[forward] == 1);
    CHECK(p.lts[backward] == 2);
    const auto q = eval({{"highway", "secondary"}, {"maxspeed", "50"}, {"lanes", "2"}});
    CHECK(q.lts[forward] == 3);
    CHECK(q.lts[backward] == 3);
}

TEST_CASE("a road closed to traffic but open to buses and bikes is a couloir bus+vélo", "[way_profile]") {
    // Rue du Renard, Paris (w555199446): highway=service + access=no + psv=yes + bicycle=yes.
    const auto lane = eval({{"highway", "service"}, {"access", "no"}, {"psv", "yes"}, {"bicycle", "yes"}});
    CHECK(lane.side_facility[right] == Facility::couloir_bus_velo);
    CHECK(lane.ride_facility[forward] == Facility::couloir_bus_velo);
    // Without bicycle=yes bikes are kept out with the cars: no facility.
    const auto buses_only = eval({{"highway", "service"}, {"access", "no"}, {"psv", "yes"}});
    CHECK(buses_only.side_facility[right] == Facility::aucun);
    // A service road with no bus: nothing.
    const auto service = eval({{"highway", "service"}, {"bicycle", "yes"}});
    CHECK(service.side_facility[right] == Facility::aucun);
}
