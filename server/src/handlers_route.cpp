// GET /api/v1/route: the low-stress route (LTS <= 2) and the shortest route between two points.

#include "handlers.hpp"
#include "route_searches.hpp"

#include "maillon/route.hpp"
#include "maillon/server/api_error.hpp"
#include "maillon/server/query.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

namespace maillon::server {
namespace {

/// A number with at most `decimals` decimals, trailing zeros dropped (what the JSON of a rounded
/// double reads as, without building a JSON value per coordinate: that cost as much as the search).
void append_fixed(std::string& out, double v, int decimals) {
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    if (ec != std::errc{}) {
        out += "null";
        return;
    }
    char* last = end;
    const char* dot = std::find(buf, end, '.');
    if (dot != end) {
        while (last > dot + 1 && last[-1] == '0') --last;
        if (last == dot + 1) --last;  // "12." -> "12"
    }
    if (last - buf == 2 && buf[0] == '-' && buf[1] == '0') {  // "-0"
        out += '0';
        return;
    }
    out.append(buf, last);
}

void append_route(std::string& out, const std::optional<Route>& r, const char* kind) {
    if (!r) {
        out += "null";
        return;
    }
    out += R"({"type":"Feature","geometry":{"type":"LineString","coordinates":[)";
    for (std::size_t i = 0; i < r->geometry.size(); ++i) {
        if (i) out += ',';
        out += '[';
        append_fixed(out, r->geometry[i].lon(), 7);
        out += ',';
        append_fixed(out, r->geometry[i].lat(), 7);
        out += ']';
    }
    out += R"(]},"properties":{"kind":")";
    out += kind;
    out += R"(","length_m":)";
    append_fixed(out, r->length_m, 1);
    out += "}}";
}

}  // namespace

void handle_route(const ServedState& s, RouteSearches& searches, const httplib::Request& req, httplib::Response& res) {
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
    // Routes longer than 4× the straight line (+ 3 km) are not worth showing (a calm route that
    // long is no alternative); the upward searches stop at that length too.
    const auto budget = static_cast<float>(std::min(4.0 * haversine_m(*from, *to) + 3000.0, 80000.0));
    std::optional<Route> shortest, calm;
    const bool bike_connected = searches.bike_components().may_connect(snap_from->edge, snap_to->edge);
    const bool calm_connected = searches.low_stress_components().may_connect(snap_from->edge, snap_to->edge);
    if (bike_connected || calm_connected) {
        const auto search = searches.acquire();
        if (bike_connected) {
            shortest = search->route(searches.bike_hierarchy(), *snap_from, *snap_to, budget, &searches.bike_landmarks());
        }
        if (calm_connected) {
            calm = search->route(searches.low_stress_hierarchy(), *snap_from, *snap_to, budget, &searches.low_stress_landmarks());
        }
    }
    std::string body = R"({"low_stress":)";
    body.reserve(64 + 24 * ((calm ? calm->geometry.size() : 0) + (shortest ? shortest->geometry.size() : 0)));
    append_route(body, calm, "low_stress");
    body += R"(,"shortest":)";
    append_route(body, shortest, "shortest");
    body += R"(,"detour_ratio":)";
    if (calm && shortest && shortest->length_m > 0) append_fixed(body, calm->length_m / shortest->length_m, 3);
    else body += "null";
    body += R"(,"snap":{"from_m":)";
    append_fixed(body, snap_from->distance_m, 1);
    body += R"(,"to_m":)";
    append_fixed(body, snap_to->distance_m, 1);
    body += "}}";
    res.set_content(body, "application/json; charset=utf-8");
}

}  // namespace maillon::server
