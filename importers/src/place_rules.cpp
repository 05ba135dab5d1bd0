#include "place_rules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace maillon::importers {

using tags::Key;

namespace {

bool needs_met(const tags::TagView& t, tags::Needs needs) noexcept {
    switch (needs) {
        case tags::Needs::nothing: return true;
        case tags::Needs::rail_mode:
            return t.is(Key::train, "yes") || t.is(Key::subway, "yes") || t.is(Key::tram, "yes") || t.is(Key::light_rail, "yes");
        case tags::Needs::bus: return t.is(Key::bus, "yes");
    }
    return false;
}

}  // namespace

BuildingClass building_class(const tags::TagView& t) noexcept {
    BuildingClass b;
    if (!t.present(Key::building)) return b;
    const std::string_view value = t[Key::building];
    if (tags::one_of(value, tags::lifecycle_values) || t.present(Key::abandoned) || t.present(Key::ruins) ||
        t.present(Key::construction)) {
        b.state = BuildingClass::dropped;
        return b;
    }
    b.state = BuildingClass::kept;
    const auto type = std::find_if(tags::building_types.begin(), tags::building_types.end(),
                                   [&](const tags::BuildingType& bt) { return bt.value == value; });
    const tags::BuildingType& bt = type == tags::building_types.end() ? tags::other_building : *type;
    b.levels = bt.levels;
    b.residential_pct = bt.residential_pct;
    if (const char* levels_text = t.c_str(Key::building_levels)) {
        char* end = nullptr;
        const double levels = std::strtod(levels_text, &end);
        if (end != levels_text && std::isfinite(levels)) {
            b.levels = static_cast<float>(std::clamp(levels, 1.0, 100.0));  // 0 (roofs, canopies) counts as 1
        }
    }
    return b;
}

std::optional<PoiKind> poi_kind(const tags::TagView& t) noexcept {
    if (tags::one_of(t[Key::access], tags::private_access_values)) return std::nullopt;
    for (const tags::PoiRule& rule : tags::poi_rules) {
        if (!t.has(rule.key)) continue;
        const std::string_view value = t[rule.key];
        const bool match = !rule.value.empty() ? value == rule.value : value != "no" && value != "vacant";
        if (match && needs_met(t, rule.needs)) return rule.kind;
    }
    return std::nullopt;
}

std::uint8_t relation_use(const tags::TagView& t) noexcept {
    const bool multipolygon = t.is(Key::type, "multipolygon");
    if (!multipolygon && !t.is(Key::type, "boundary")) return 0;
    std::uint8_t use = 0;
    if (t.is(Key::boundary, "administrative") && t.has(Key::admin_level) &&
        tags::one_of(t[Key::admin_level], tags::commune_admin_levels))
        use |= use_commune;
    if (multipolygon && building_class(t).state == BuildingClass::kept) use |= use_building;
    if (multipolygon && poi_kind(t)) use |= use_poi;
    return use;
}

}  // namespace maillon::importers
