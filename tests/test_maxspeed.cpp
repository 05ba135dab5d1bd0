// parse_maxspeed(): OSM speed values as mapped in France (OSM wiki Key:maxspeed and
// "Default speed limits", France) to km/h, or nothing when the value is not a usable limit.
#include "maillon/importers/maxspeed.hpp"

#include <catch2/catch.hpp>

#include <optional>
#include <string>

using maillon::importers::parse_maxspeed;

namespace {
/// -1 for nullopt, so that Catch prints something readable on failure.
int kmh(const char* value) {
    const auto v = parse_maxspeed(value);
    return v ? static_cast<int>(*v) : -1;
}
}  // namespace

TEST_CASE("a plain number is a speed in km/h", "[maxspeed]") {
    CHECK(kmh("50") == 50);
    CHECK(kmh("30") == 30);
    CHECK(kmh("130") == 130);
    CHECK(kmh("5") == 5);
}

TEST_CASE("a speed in mph is converted to km/h and rounded (30 mph is 48 km/h)", "[maxspeed]") {
    CHECK(kmh("30 mph") == 48);   // 48.28
    CHECK(kmh("20 mph") == 32);   // 32.19
    CHECK(kmh("20mph") == 32);    // unit glued to the number
}

TEST_CASE("a speed in knots is converted to km/h", "[maxspeed]") {
    CHECK(kmh("10 knots") == 19);  // 18.52
}

TEST_CASE("an explicit km/h unit is accepted", "[maxspeed]") {
    CHECK(kmh("50 km/h") == 50);
    CHECK(kmh("50km/h") == 50);
    CHECK(kmh("70 kmh") == 70);
    CHECK(kmh("70 kph") == 70);
}

TEST_CASE("French implicit limits: FR:urban is 50, FR:rural 80 (since 2018), FR:zone30 30", "[maxspeed]") {
    CHECK(kmh("FR:urban") == 50);
    CHECK(kmh("FR:rural") == 80);
    CHECK(kmh("FR:zone30") == 30);
    CHECK(kmh("FR:30") == 30);  // zone:maxspeed=FR:30, the usual French zone 30 tag
    CHECK(kmh("FR:20") == 20);  // zone de rencontre
    CHECK(kmh("FR:motorway") == 130);
}

TEST_CASE("walking pace (walk, FR:walk) is 6 km/h", "[maxspeed]") {
    CHECK(kmh("walk") == 6);
    CHECK(kmh("FR:walk") == 6);
}

TEST_CASE("with several values separated by ';' the first one is the limit", "[maxspeed]") {
    CHECK(kmh("50;30") == 50);
    CHECK(kmh("30;50") == 30);
    CHECK(kmh("FR:urban;FR:zone30") == 50);
}

TEST_CASE("surrounding blanks are ignored", "[maxspeed]") {
    CHECK(kmh(" 70 ") == 70);
    CHECK(kmh("50 ; 30") == 50);
}

TEST_CASE("values that are not a limit give nothing: none, signals, variable, empty", "[maxspeed]") {
    CHECK_FALSE(parse_maxspeed("none").has_value());
    CHECK_FALSE(parse_maxspeed("signals").has_value());
    CHECK_FALSE(parse_maxspeed("variable").has_value());
    CHECK_FALSE(parse_maxspeed("").has_value());
    CHECK_FALSE(parse_maxspeed("   ").has_value());
    CHECK_FALSE(parse_maxspeed("sign").has_value());
}

TEST_CASE("misspelt or unknown units give nothing rather than a wrong speed", "[maxspeed]") {
    CHECK_FALSE(parse_maxspeed("5O").has_value());  // letter O
    CHECK_FALSE(parse_maxspeed("50 km").has_value());
    CHECK_FALSE(parse_maxspeed("FR:unknown").has_value());
    CHECK_FALSE(parse_maxspeed("-30").has_value());
}

TEST_CASE("0 is not a speed limit (0 means 'not tagged' in the graph)", "[maxspeed]") {
    CHECK_FALSE(parse_maxspeed("0").has_value());
    CHECK_FALSE(parse_maxspeed("0.4").has_value());  // rounds to 0
}

TEST_CASE("implausible limits above 250 km/h are rejected, not capped", "[maxspeed]") {
    CHECK_FALSE(parse_maxspeed("300").has_value());
    CHECK(kmh("250") == 250);
    CHECK_FALSE(parse_maxspeed("251").has_value());
}

TEST_CASE("a decimal speed is rounded to the nearest km/h (12.5 gives 13)", "[maxspeed]") {
    CHECK(kmh("12.5") == 13);
    CHECK(kmh("12.4") == 12);
    CHECK(kmh("29.9") == 30);
}
