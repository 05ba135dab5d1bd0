// Every numeric parameter of a profile has a range (issue 11: benefit.origins took 10 M).

#include "maillon/analysis/results_json.hpp"
#include "maillon/errors.hpp"

#include <catch2/catch.hpp>

using maillon::AnalysisProfile;
using maillon::analysis::json;
using maillon::analysis::profile_from_json;
using maillon::analysis::profile_to_json;

TEST_CASE("the default profile reads back as itself", "[profile]") {
    const json defaults = profile_to_json(AnalysisProfile{});
    CHECK(profile_to_json(profile_from_json(defaults)) == defaults);
}

TEST_CASE("every numeric profile parameter has a lower and an upper bound", "[profile]") {
    const json defaults = profile_to_json(AnalysisProfile{});
    int checked = 0;
    for (const auto& [section, values] : defaults.items()) {
        for (const auto& [key, value] : values.items()) {
            if (!value.is_number()) continue;
            for (const double v : {1e12, -1e12}) {
                INFO(section << "." << key << " = " << v);
                json p = json::object();
                p[section][key] = v;
                CHECK_THROWS_AS(profile_from_json(p), maillon::argument_error);
                CHECK_THROWS_WITH(profile_from_json(p), Catch::Contains(section + "." + key));
            }
            ++checked;
        }
    }
    CHECK(checked >= 25);
}

TEST_CASE("benefit.origins is bounded, alone and with the trip radius", "[profile]") {
    const auto with = [](json benefit) { return profile_from_json(json{{"benefit", std::move(benefit)}}); };
    CHECK_THROWS_WITH(with({{"origins", 10000000}}), Catch::Contains("benefit.origins must be a whole number from 0 to 100000"));
    CHECK_THROWS_WITH(with({{"origins", 100001}}), Catch::Contains("from 0 to 100000"));
    CHECK_THROWS_WITH(with({{"origins", 2.5}}), Catch::Contains("whole number"));
    CHECK(with({{"origins", 100000}}).benefit.origins == 100000);
    CHECK(with({{"origins", 0}}).benefit.origins == 0);
    // The work is origins × radius²: 10 km trips (16× the default disc) allow 6250 origins.
    CHECK(with({{"origins", 6250}, {"trip_radius_m", 10000}}).benefit.origins == 6250);
    CHECK_THROWS_WITH(with({{"origins", 6300}, {"trip_radius_m", 10000}}),
                      Catch::Contains("sample fewer origins for longer trips"));
    CHECK_THROWS_WITH(with({{"trip_radius_m", 20000}}), Catch::Contains("benefit.trip_radius_m"));
    // The seed is any 32-bit value.
    CHECK(with({{"seed", 4294967295.0}}).benefit.seed == 4294967295U);
    CHECK_THROWS(with({{"seed", 4294967296.0}}));
}
