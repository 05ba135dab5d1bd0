// Level of traffic stress: segment_lts() row by row (the table of docs/traffic-stress.md) and the
// intersection rule compute_crossing_stress() on ASCII-map scenarios through the real importer.
#include "maillon/stress.hpp"
#include "scenario.hpp"

#include <catch2/catch.hpp>

#include <string>

using maillon::Facility;
using maillon::Highway;
using maillon::Regime;
using maillon::StressInput;
using maillon::segment_lts;
using maillon::test::Scenario;
using maillon::test::Tags;

namespace {

int lts(Highway h, Facility f, int maxspeed, int lanes_total, bool oneway = false, Regime r = Regime::none) {
    StressInput in;
    in.highway = h;
    in.facility = f;
    in.regime = r;
    in.maxspeed_kmh = static_cast<std::uint8_t>(maxspeed);
    in.lanes_total = static_cast<std::uint8_t>(lanes_total);
    in.oneway_motor = oneway;
    return segment_lts(in);
}

constexpr Facility painted[] = {Facility::bande, Facility::dsc_bande, Facility::cvcb, Facility::accotement,
                                Facility::autre};
constexpr Facility separated[] = {Facility::piste,     Facility::dsc_piste, Facility::voie_verte,
                                  Facility::mixte_pieton_velo, Facility::rampe, Facility::goulotte,
                                  Facility::velo_rue};

}  // namespace

// ---- segment stress ---------------------------------------------------------------------------

TEST_CASE("ways without motor traffic are LTS 1 whatever their tags", "[stress]") {
    for (const Highway h : {Highway::cycleway, Highway::footway, Highway::path, Highway::pedestrian, Highway::track,
                            Highway::steps, Highway::bridleway, Highway::corridor}) {
        INFO(maillon::key(h));
        CHECK(lts(h, Facility::aucun, 0, 0) == 1);
        CHECK(lts(h, Facility::aucun, 50, 4) == 1);
    }
}

TEST_CASE("separated facilities (piste, DSC piste, voie verte, mixte, rampe, goulotte, vélorue) are LTS 1 "
          "even along a fast arterial",
          "[stress]") {
    for (const Facility f : separated) {
        INFO(maillon::schema_name(f));
        CHECK(lts(Highway::primary, f, 70, 4) == 1);
        CHECK(lts(Highway::trunk, f, 0, 0) == 1);
    }
}

TEST_CASE("zones de rencontre, aires piétonnes and living streets are LTS 1", "[stress]") {
    CHECK(lts(Highway::residential, Facility::aucun, 0, 0, false, Regime::zone_rencontre) == 1);
    CHECK(lts(Highway::residential, Facility::aucun, 0, 0, false, Regime::aire_pietonne) == 1);
    CHECK(lts(Highway::living_street, Facility::aucun, 0, 0) == 1);
    CHECK(lts(Highway::living_street, Facility::aucun, 30, 0) == 1);
}

TEST_CASE("a motorway is LTS 4", "[stress]") {
    CHECK(lts(Highway::motorway, Facility::aucun, 0, 0) == 4);
    CHECK(lts(Highway::motorway, Facility::bande, 30, 2) == 4);
}

TEST_CASE("a bus lane shared with bikes: LTS 2 up to 50 km/h, 3 above", "[stress]") {
    CHECK(lts(Highway::primary, Facility::couloir_bus_velo, 30, 3) == 2);
    CHECK(lts(Highway::primary, Facility::couloir_bus_velo, 50, 4) == 2);
    CHECK(lts(Highway::primary, Facility::couloir_bus_velo, 70, 4) == 3);
    CHECK(lts(Highway::busway, Facility::couloir_bus_velo, 0, 0) == 2);  // busway default 50 km/h
    CHECK(lts(Highway::busway, Facility::couloir_bus_velo, 70, 0) == 3);
}

TEST_CASE("painted lanes: 30 km/h is LTS 1 with one lane per direction, 2 with more", "[stress]") {
    for (const Facility f : painted) {
        INFO(maillon::schema_name(f));
        CHECK(lts(Highway::residential, f, 30, 2) == 1);     // 1 lane per direction
        CHECK(lts(Highway::primary, f, 30, 4) == 2);         // 2 lanes per direction
        CHECK(lts(Highway::primary, f, 20, 2, true) == 2);   // one-way, 2 lanes
    }
}

TEST_CASE("painted lanes: 50 km/h is LTS 2 with one lane per direction, 3 with more", "[stress]") {
    for (const Facility f : painted) {
        INFO(maillon::schema_name(f));
        CHECK(lts(Highway::secondary, f, 50, 2) == 2);
        CHECK(lts(Highway::secondary, f, 50, 1, true) == 2);
        CHECK(lts(Highway::secondary, f, 50, 4) == 3);
        CHECK(lts(Highway::secondary, f, 50, 2, true) == 3);
    }
}

TEST_CASE("painted lanes: 70 km/h is LTS 3, above 70 km/h LTS 4", "[stress]") {
    for (const Facility f : painted) {
        INFO(maillon::schema_name(f));
        CHECK(lts(Highway::secondary, f, 70, 2) == 3);
        CHECK(lts(Highway::secondary, f, 80, 2) == 4);
        CHECK(lts(Highway::trunk, f, 0, 0) == 4);  // trunk default 90 km/h
    }
}

TEST_CASE("mixed traffic at 20 km/h or less is LTS 1", "[stress]") {
    CHECK(lts(Highway::primary, Facility::aucun, 20, 2) == 1);
    CHECK(lts(Highway::residential, Facility::aucun, 15, 0) == 1);
}

TEST_CASE("mixed traffic at 30 km/h: LTS 1 on a local street, 2 on a through street, 3 with two lanes per direction",
          "[stress]") {
    for (const Highway h : {Highway::residential, Highway::unclassified, Highway::service, Highway::road}) {
        INFO(maillon::key(h));
        CHECK(lts(h, Facility::aucun, 30, 0) == 1);
        CHECK(lts(h, Facility::aucun, 30, 2) == 1);
    }
    for (const Highway h : {Highway::tertiary, Highway::secondary, Highway::primary}) {
        INFO(maillon::key(h));
        CHECK(lts(h, Facility::aucun, 30, 2) == 2);
    }
    CHECK(lts(Highway::residential, Facility::aucun, 30, 4) == 3);
    CHECK(lts(Highway::primary, Facility::aucun, 30, 4) == 3);
    CHECK(lts(Highway::residential, Facility::aucun, 30, 2, true) == 3);  // one-way with 2 lanes
}

TEST_CASE("mixed traffic at 50 km/h: LTS 2 on a local street, 3 on a through street, 4 with two lanes per direction",
          "[stress]") {
    CHECK(lts(Highway::residential, Facility::aucun, 50, 2) == 2);
    CHECK(lts(Highway::unclassified, Facility::aucun, 50, 0) == 2);
    CHECK(lts(Highway::tertiary, Facility::aucun, 50, 2) == 3);
    CHECK(lts(Highway::primary, Facility::aucun, 50, 2) == 3);
    CHECK(lts(Highway::primary, Facility::aucun, 50, 4) == 4);
    CHECK(lts(Highway::secondary, Facility::aucun, 50, 2, true) == 4);
}

TEST_CASE("mixed traffic above 50 km/h is LTS 4", "[stress]") {
    CHECK(lts(Highway::residential, Facility::aucun, 70, 2) == 4);
    CHECK(lts(Highway::tertiary, Facility::aucun, 80, 2) == 4);
    CHECK(lts(Highway::trunk, Facility::aucun, 0, 0) == 4);
}

TEST_CASE("an unmarked contraflow (DSC NON MATERIALISE) is mixed traffic", "[stress]") {
    CHECK(lts(Highway::residential, Facility::dsc_non_materialise, 30, 1, true) == 1);
    CHECK(lts(Highway::residential, Facility::dsc_non_materialise, 50, 1, true) == 2);
    CHECK(lts(Highway::tertiary, Facility::dsc_non_materialise, 30, 1, true) == 2);
}

TEST_CASE("without maxspeed the regime, then the class, gives the speed", "[stress]") {
    using maillon::default_speed_kmh;
    CHECK(default_speed_kmh(Highway::residential, Regime::zone30) == 30);
    CHECK(default_speed_kmh(Highway::primary, Regime::zone_rencontre) == 20);
    CHECK(default_speed_kmh(Highway::residential, Regime::aire_pietonne) == 6);
    CHECK(default_speed_kmh(Highway::residential, Regime::none) == 50);  // French urban default
    CHECK(default_speed_kmh(Highway::primary, Regime::none) == 50);
    CHECK(default_speed_kmh(Highway::service, Regime::none) == 30);
    CHECK(default_speed_kmh(Highway::living_street, Regime::none) == 20);
    CHECK(default_speed_kmh(Highway::trunk, Regime::none) == 90);
    CHECK(default_speed_kmh(Highway::motorway, Regime::none) == 130);
    // Hence: a zone 30 residential street without maxspeed is LTS 1, without a zone it is LTS 2.
    CHECK(lts(Highway::residential, Facility::aucun, 0, 0, false, Regime::zone30) == 1);
    CHECK(lts(Highway::residential, Facility::aucun, 0, 0) == 2);
    CHECK(lts(Highway::secondary, Facility::aucun, 0, 0, false, Regime::zone30) == 2);
}

TEST_CASE("lanes per direction: half the lanes of a two-way road, all of a one-way road, class default otherwise",
          "[stress]") {
    const auto per_dir = [](Highway h, int lanes, bool oneway) {
        StressInput in;
        in.highway = h;
        in.lanes_total = static_cast<std::uint8_t>(lanes);
        in.oneway_motor = oneway;
        return static_cast<int>(maillon::lanes_per_direction(in));
    };
    CHECK(per_dir(Highway::primary, 4, false) == 2);
    CHECK(per_dir(Highway::primary, 3, false) == 1);
    CHECK(per_dir(Highway::residential, 1, false) == 1);
    CHECK(per_dir(Highway::primary, 2, true) == 2);
    CHECK(per_dir(Highway::primary, 0, false) == 1);
    CHECK(per_dir(Highway::primary, 0, true) == 2);
    CHECK(per_dir(Highway::trunk, 0, false) == 2);
    CHECK(per_dir(Highway::residential, 0, true) == 1);
    // An untagged one-way primary is therefore a multi-lane road: LTS 4 in mixed traffic at 50 km/h.
    CHECK(lts(Highway::primary, Facility::aucun, 50, 0, true) == 4);
}

// ---- crossing stress --------------------------------------------------------------------------

namespace {

// A way C-X-D crossing a road A-X-B at X.
const char* const cross_map = R"(
        C
        |
A-------X-------B
        |
        D
)";

maillon::Graph crossing(const Tags& road, const Tags& crossing_way, const Tags& x_tags = {}) {
    Scenario s{cross_map, {{"AXB", road}, {"CXD", crossing_way}}};
    if (!x_tags.empty()) s.node_tags['X'] = x_tags;
    return s.build();
}

int crossing_lts(const maillon::Graph& g, char label) {
    return g.data().node_crossing_lts[Scenario::node(g, label)];
}

const Tags primary_50_2_lanes{{"highway", "primary"}, {"maxspeed", "50"}, {"lanes", "2"}};
const Tags cycleway{{"highway", "cycleway"}};

}  // namespace

TEST_CASE("a cycleway crossing a primary road at traffic signals is a crossing of stress 1", "[stress][crossing]") {
    const auto g = crossing(primary_50_2_lanes, cycleway, {{"highway", "traffic_signals"}});
    CHECK(crossing_lts(g, 'X') == 1);
    CHECK(crossing_lts(g, 'A') == 0);
    CHECK(crossing_lts(g, 'C') == 0);
}

TEST_CASE("a marked crossing of a 50 km/h road with one lane per direction is a crossing of stress 2",
          "[stress][crossing]") {
    const auto g = crossing(primary_50_2_lanes, cycleway, {{"highway", "crossing"}, {"crossing", "marked"}});
    CHECK(crossing_lts(g, 'X') == 2);
}

TEST_CASE("an unsignalled crossing without a marked crossing has the crossed road's stress", "[stress][crossing]") {
    // primary, 50 km/h, one lane per direction, mixed traffic: LTS 3.
    const auto g = crossing(primary_50_2_lanes, cycleway);
    CHECK(crossing_lts(g, 'X') == 3);
}

TEST_CASE("a marked crossing gets no discount on a road with two lanes per direction or above 50 km/h",
          "[stress][crossing]") {
    const Tags marked{{"highway", "crossing"}, {"crossing", "marked"}};
    const auto wide = crossing({{"highway", "primary"}, {"maxspeed", "50"}, {"lanes", "4"}}, cycleway, marked);
    CHECK(crossing_lts(wide, 'X') == 4);
    const auto fast = crossing({{"highway", "primary"}, {"maxspeed", "70"}, {"lanes", "2"}}, cycleway, marked);
    CHECK(crossing_lts(fast, 'X') == 4);
    // Traffic signals still make it easy.
    const auto wide_signals = crossing({{"highway", "primary"}, {"maxspeed", "50"}, {"lanes", "4"}}, cycleway,
                                       {{"highway", "traffic_signals"}});
    CHECK(crossing_lts(wide_signals, 'X') == 1);
}

TEST_CASE("a track along the crossed road does not make it easier to cross", "[stress][crossing]") {
    Tags road = primary_50_2_lanes;
    road.emplace_back("cycleway:both", "track");
    const auto g = crossing(road, cycleway);
    CHECK(crossing_lts(g, 'X') == 3);
}

TEST_CASE("a cyclist on a track beside a busy road arrives at low stress: crossing another busy road is a crossing",
          "[stress][crossing]") {
    // C-X-D is a primary with a track each side (busy for cars, LTS 1 for the cyclist); it crosses
    // the primary A-X-B. Without this rule the track counted as a busy road and X looked easy.
    Tags avenue = primary_50_2_lanes;
    avenue.emplace_back("cycleway:both", "track");
    const auto g = crossing(primary_50_2_lanes, avenue);
    CHECK(crossing_lts(g, 'X') == 3);
    const auto signals = crossing(primary_50_2_lanes, avenue, {{"highway", "traffic_signals"}});
    CHECK(crossing_lts(signals, 'X') == 1);
}

TEST_CASE("a plain node along an avenue with a track is no crossing", "[stress][crossing]") {
    // The avenue A-X-B has a track; C-X-D is a footway closed to bikes (no low-stress arrival from
    // it): X only joins two edges of the same busy avenue that the track follows.
    Tags avenue = primary_50_2_lanes;
    avenue.emplace_back("cycleway:both", "track");
    const auto g = crossing(avenue, {{"highway", "footway"}});
    CHECK(crossing_lts(g, 'X') == 0);
}

TEST_CASE("a residential street meeting a residential street is no crossing of a busier road", "[stress][crossing]") {
    const auto g = crossing({{"highway", "residential"}}, {{"highway", "residential"}});
    CHECK(crossing_lts(g, 'X') == 0);
}

TEST_CASE("a footway closed to bikes crossing a primary road is no bike crossing", "[stress][crossing]") {
    const auto g = crossing(primary_50_2_lanes, {{"highway", "footway"}});
    CHECK(crossing_lts(g, 'X') == 0);
}

TEST_CASE("a quiet street crossing a 30 km/h zone 30 road is no crossing of a busier road", "[stress][crossing]") {
    const auto g = crossing({{"highway", "tertiary"}, {"maxspeed", "30"}, {"zone:maxspeed", "FR:30"}}, cycleway);
    CHECK(crossing_lts(g, 'X') == 0);  // tertiary at 30 km/h, one lane per direction: LTS 2
}
