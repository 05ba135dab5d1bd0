// GET /api/v1/route: the low-stress route (LTS <= 2) and the shortest route between two points.

#include "handlers.hpp"
#include "route_searches.hpp"

#include "maillon/route.hpp"
#include "maillon/server/api_error.hpp"
#include "maillon/server/query.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace maillon::server {
namespace {

using json = nlohmann::ordered_json;

json route_feature(const std::optional<Route>& r, const char* kind) {
    if (!r) return nullptr;
    json coords = json::array();
    for (const Coord c : r->geometry) coords.push_back({std::round(c.lon() * 1e7) / 1e7, std::round(c.lat() * 1e7) / 1e7});
    return {{"type", "Feature"},
            {"geometry", {{"type", "LineString"}, {"coordinates", coords}}},
            {"properties", {{"kind", kind}, {"length_m", std::round(r->length_m * 10) / 10}}}};
}

}  // namespace

void handle_route(const ServedState& s, RouteSearches& searches, const httplib::Request& req, httplib::Response& res) {
    const Query q{req.params, {"from", "to", "max_snap_m"}};
    const auto from = q.lat_lon("from");
    const auto to = q.lat_lon("to");
    if (!from || !to) throw ApiError{ErrorCode::missing_parameter, "route needs from=lat,lon and to=lat,lon"};
    const double max_snap = q.number("max_snap_m", 1, 5000).value_or(300);
    const auto snap_from = s.bike_snapper().snap(*from, max_snap);
    const auto snap_to = s.bike_snapper().snap(*to, max_snap);
    if (!snap_from || !snap_to) {
        throw ApiError{ErrorCode::no_segment, std::string{"no way usable by bike within "} + std::to_string(static_cast<int>(max_snap)) +
                                                  " m of the " + (!snap_from ? "start" : "end") + " point"};
    }
    const Graph& g = s.graph();
    // Routes longer than 4× the straight line (+ 3 km) are not worth showing: that bounds the work
    // when the points are not connected (the search then explores what the budget allows).
    const auto budget = static_cast<float>(std::min(4.0 * haversine_m(*from, *to) + 3000.0, 80000.0));
    const auto search = searches.acquire();
    const auto shortest = search->route(*snap_from, *snap_to, ModeFilter{&g, Mode::bike}, budget);
    const auto calm = search->route(*snap_from, *snap_to, LowStressFilter{&g, 2}, budget);
    json body;
    body["low_stress"] = route_feature(calm, "low_stress");
    body["shortest"] = route_feature(shortest, "shortest");
    body["detour_ratio"] = (calm && shortest && shortest->length_m > 0)
                               ? json(std::round(calm->length_m / shortest->length_m * 1000) / 1000)
                               : json(nullptr);
    body["snap"] = {{"from_m", std::round(snap_from->distance_m * 10) / 10}, {"to_m", std::round(snap_to->distance_m * 10) / 10}};
    res.set_content(body.dump(), "application/json; charset=utf-8");
}

}  // namespace maillon::server
