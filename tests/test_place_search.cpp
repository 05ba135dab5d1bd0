// The place search of the map (server/src/place_search.cpp, text_fold.cpp): street names per
// commune and OSM communes, found whatever the case, accents and punctuation typed.

#include "place_search.hpp"
#include "support.hpp"
#include "text_fold.hpp"

#include "maillon/importers/osm_import.hpp"

#include <catch2/catch.hpp>

#include <set>

namespace {

using maillon::server::fold_for_search;
using maillon::server::Place;
using maillon::server::PlaceSearch;

// Two communes side by side (0.01° squares), each with its "Rue de la République", and an avenue
// crossing both (split into two ways at its crossing with Rue Pasteur).
const char* const two_communes_osm = R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
  <node id="1" lat="48.780" lon="2.450"/><node id="2" lat="48.780" lon="2.460"/>
  <node id="3" lat="48.790" lon="2.460"/><node id="4" lat="48.790" lon="2.450"/>
  <node id="5" lat="48.780" lon="2.470"/><node id="6" lat="48.790" lon="2.470"/>
  <node id="11" lat="48.784" lon="2.452"/><node id="12" lat="48.784" lon="2.458"/>
  <node id="13" lat="48.786" lon="2.462"/><node id="14" lat="48.786" lon="2.468"/>
  <node id="15" lat="48.785" lon="2.451"/><node id="16" lat="48.785" lon="2.469"/>
  <node id="17" lat="48.785" lon="2.465"/><node id="18" lat="48.789" lon="2.465"/>
  <way id="101"><nd ref="1"/><nd ref="2"/><nd ref="3"/><nd ref="4"/><nd ref="1"/></way>
  <way id="102"><nd ref="2"/><nd ref="5"/><nd ref="6"/><nd ref="3"/><nd ref="2"/></way>
  <way id="201"><nd ref="11"/><nd ref="12"/><tag k="highway" v="residential"/><tag k="name" v="Rue de la République"/></way>
  <way id="202"><nd ref="13"/><nd ref="14"/><tag k="highway" v="residential"/><tag k="name" v="Rue de la République"/></way>
  <way id="203"><nd ref="15"/><nd ref="17"/><nd ref="16"/><tag k="highway" v="primary"/><tag k="name" v="Avenue du Général-de-Gaulle"/></way>
  <way id="204"><nd ref="17"/><nd ref="18"/><tag k="highway" v="residential"/><tag k="name" v="Rue Pasteur"/></way>
  <relation id="301"><member type="way" ref="101" role="outer"/>
    <tag k="type" v="boundary"/><tag k="boundary" v="administrative"/><tag k="admin_level" v="8"/>
    <tag k="name" v="Créteil"/><tag k="ref:INSEE" v="94028"/></relation>
  <relation id="302"><member type="way" ref="102" role="outer"/>
    <tag k="type" v="boundary"/><tag k="boundary" v="administrative"/><tag k="admin_level" v="8"/>
    <tag k="name" v="Saint-Maur-des-Fossés"/><tag k="ref:INSEE" v="94068"/></relation>
</osm>
)";

}  // namespace

TEST_CASE("names are folded the way a planner types them", "[search]") {
    CHECK(fold_for_search("Rue du Faubourg-du-Temple") == "rue du faubourg du temple");
    CHECK(fold_for_search("Boulevard de l’Hôpital") == "boulevard de l hopital");
    CHECK(fold_for_search("  ŒUVRE  Saint-Étienne ") == "oeuvre saint etienne");
    CHECK(fold_for_search("Straße") == "strasse");
    CHECK(fold_for_search("— · —").empty());
}

TEST_CASE("the place search lists a street once per commune, and the communes", "[search]") {
    const maillon::test::TempFile osm{"two-communes.osm", two_communes_osm};
    const maillon::Graph g = maillon::importers::import_osm(osm.path());
    REQUIRE(g.commune_count() == 2);
    const PlaceSearch search{g};

    const auto republique = search.find(fold_for_search("republique"), {});
    REQUIRE(republique.size() == 2);  // one per commune
    std::set<std::string> communes;
    for (const auto& m : republique) {
        CHECK(m.place->kind == Place::Kind::street);
        CHECK(m.place->name == "Rue de la République");
        communes.insert(m.place->commune);
    }
    CHECK(communes == std::set<std::string>{"Créteil", "Saint-Maur-des-Fossés"});

    const auto creteil = search.find(fold_for_search("CRETEIL"), {});
    REQUIRE(creteil.size() == 1);
    CHECK(creteil[0].place->kind == Place::Kind::commune);
    CHECK(creteil[0].place->insee == "94028");
    CHECK(creteil[0].quality == 0);
    CHECK(creteil[0].place->box.min_lon == Approx(2.45));
    CHECK(creteil[0].place->box.max_lon == Approx(2.46));

    // the avenue crosses both communes: listed in each, best match first
    const auto gaulle = search.find(fold_for_search("general de gaulle"), {Place::Kind::street});
    REQUIRE(gaulle.size() == 2);
    CHECK(gaulle[0].quality == 2);  // every word starts a word of the name
    // a commune's name starts the match: communes come before streets of the same quality
    const auto saint = search.find(fold_for_search("saint maur"), {});
    REQUIRE_FALSE(saint.empty());
    CHECK(saint[0].place->name == "Saint-Maur-des-Fossés");
    CHECK(search.find(fold_for_search("saint maur"), {Place::Kind::street}).empty());
    CHECK(search.find(fold_for_search("versailles"), {}).empty());
}
