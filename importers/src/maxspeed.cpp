#include "maillon/importers/maxspeed.hpp"

#include <array>
#include <cctype>
#include <cmath>
#include <string>

namespace maillon::importers {
namespace {

struct ImplicitSpeed {
    std::string_view value;
    std::uint8_t kmh;
};

// Implicit limits (OSM wiki "Default speed limits", France). FR:rural is 80 km/h since 2018
// on two-way roads without a central separator (the usual case for a "rural" tag).
constexpr std::array<ImplicitSpeed, 14> implicit_speeds{{
    {"FR:urban", 50},       {"FR:rural", 80},         {"FR:zone30", 30},   {"FR:zone20", 20},
    {"FR:30", 30},          {"FR:20", 20},            {"FR:motorway", 130}, {"FR:trunk", 110},
    {"FR:living_street", 20}, {"FR:walk", 6},         {"walk", 6},         {"FR:pedestrian", 6},
    {"FR:zone_rencontre", 20}, {"FR:urban_zone30", 30},
}};

std::string_view trim(std::string_view s) noexcept {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

}  // namespace

std::optional<std::uint8_t> parse_maxspeed(std::string_view value) noexcept {
    value = trim(value);
    // Multiple values ("50;30"): the first one is the main limit.
    if (const auto semi = value.find(';'); semi != std::string_view::npos) {
        value = trim(value.substr(0, semi));
    }
    for (const auto& s : implicit_speeds) {
        if (value == s.value) {
            return s.kmh;
        }
    }
    std::size_t i = 0;
    double number = 0;
    bool digits = false;
    while (i < value.size() && std::isdigit(static_cast<unsigned char>(value[i]))) {
        number = number * 10 + (value[i] - '0');
        digits = true;
        ++i;
    }
    if (i < value.size() && value[i] == '.') {
        double scale = 0.1;
        for (++i; i < value.size() && std::isdigit(static_cast<unsigned char>(value[i])); ++i) {
            number += (value[i] - '0') * scale;
            scale /= 10;
            digits = true;
        }
    }
    if (!digits) {
        return std::nullopt;
    }
    const std::string_view unit = trim(value.substr(i));
    if (unit == "mph") {
        number *= 1.609344;
    } else if (unit == "knots") {
        number *= 1.852;
    } else if (!unit.empty() && unit != "km/h" && unit != "kmh" && unit != "kph") {
        return std::nullopt;
    }
    // Round first: "0.4" is 0 km/h, which means "not tagged" to the rest of the importer.
    const long kmh = std::lround(number);
    if (kmh < 1 || kmh > 250) {
        return std::nullopt;  // no road has such a limit: a typo, not a speed
    }
    return static_cast<std::uint8_t>(kmh);
}

}  // namespace maillon::importers
