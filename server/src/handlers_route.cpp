// GET /api/v1/route: the low-stress route (LTS <= 2) and the shortest route between two points.

#include "handlers.hpp"

#include "maillon/route.hpp"
#include "maillon/server/api_error.hpp"
#include "maillon/server/query.hpp"

#include <nlohmann/json.hpp>

#include <cmath>

namespace maillon::server {
namespace {

using json = nlohmann::ordered_json;

/// One search object per server thread, reused across requests (its arrays are graph-sized).
BoundedSearch& thread_search(const Graph& g) {
    thread_local std::unique_ptr<BoundedSearch> search;
    thread_local const Graph* graph = nullptr;
    if (!search || graph != &g) {
        search = std::make_unique<BoundedSearch>(g);
        graph = &g;
    }
    return *search;
}

json route_feature(const std::optional<Route>& r, const char* kind) {
    if (!r) return nullptr;
    json coords = json::array();
    for (const Coord c : r->geometry) coords.push_back({std::round(c.lon() * 1e7) / 1e7, std::round(c.lat() * 1e7) / 1e7});
    return {{"type", "Feature"},
            {"geometry", {{"type", "LineString"}, {"coordinates", coords}}},
            {"properties", {{"kind", kind}, {"length_m", std::round(r->length_m * 10) / 10}}}};
}

}  // namespace

void handle_route(const ServedState& s, const httplib::Request& req, httplib::Response& res) {
    const Query q{req.params, {"from", "to", "max_snap_m"}};
    const auto from = q.lon_lat("from");
    const auto to = q.lon_lat("to");
    if (!from || !to) throw ApiError{ErrorCode::missing_parameter, "route needs from=lon,lat and to=lon,lat"};
    const double max_snap = q.number("max_snap_m", 1, 5000).value_or(300);
    const auto snap_from = s.bike_snapper().snap(*from, max_snap);
    const auto snap_to = s.bike_snapper().snap(*to, max_snap);
    if (!snap_from || !snap_to) {
        throw ApiError{ErrorCode::no_segment, std::string{"no way usable by bike within "} + std::to_string(static_cast<int>(max_snap)) +
                                                  " m of the " + (!snap_from ? "start" : "end") + " point"};
    }
    const Graph& g = s.graph();
    BoundedSearch& search = thread_search(g);
    // Routes longer than 4× the straight line (+ 3 km) are not worth showing: that bounds the work.
    const auto budget = static_cast<float>(std::min(4.0 * haversine_m(*from, *to) + 3000.0, 80000.0));
    const auto shortest = route_between(g, search, *snap_from, *snap_to, ModeFilter{&g, Mode::bike}, budget);
    const auto calm = route_between(g, search, *snap_from, *snap_to, LowStressFilter{&g, 2}, budget);
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
