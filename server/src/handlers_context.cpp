// The map's context: streets under the cycle network, the place search, the candidates layer.

#include "handlers_context.hpp"

#include "feature_collection.hpp"
#include "text_fold.hpp"

#include "maillon/server/api_error.hpp"
#include "maillon/server/query.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace maillon::server {
namespace {

double round6(double v) { return std::round(v * 1e6) / 1e6; }

}  // namespace

void handle_streets(const ContextLayers& c, std::size_t max_features, const httplib::Request& req, httplib::Response& res) {
    const Query q{req.params, {"bbox", "zoom"}};
    const auto box = q.bbox();
    const long zoom = q.integer("zoom", 0, 22).value_or(16);
    const std::size_t band = zoom_band(zoom);
    const StreetLayer& streets = c.streets();
    std::vector<std::uint32_t> lines;
    if (box) {
        lines = streets.in(band, *box);
    } else {
        lines.resize(streets.size(band));
        for (std::uint32_t i = 0; i < lines.size(); ++i) lines[i] = i;
    }
    if (lines.size() > max_features) {
        throw ApiError{ErrorCode::too_large, "more than " + std::to_string(max_features) + " streets in this bbox at zoom " +
                                                 std::to_string(zoom) + ": narrow the bbox or lower the zoom (fewer classes drawn)"};
    }
    std::string body = R"({"type":"FeatureCollection","zoom":)" + std::to_string(zoom) + R"(,"features":[)";
    body.reserve(body.size() + lines.size() * 200);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i) body += ',';
        streets.append_feature(body, band, lines[i]);
    }
    body += "]}";
    res.set_content(body, geojson_type);
}

void handle_search(const ContextLayers& c, const httplib::Request& req, httplib::Response& res) {
    const Query q{req.params, {"q", "limit", "kind"}};
    const auto text = q.text("q");
    if (!text) throw ApiError{ErrorCode::missing_parameter, "search needs q=<part of a street or commune name>"};
    if (text->size() > 100) throw ApiError{ErrorCode::invalid_value, "parameter 'q' is longer than 100 bytes"};
    const std::string folded = fold_for_search(*text);
    if (folded.size() < 2) {
        throw ApiError{ErrorCode::invalid_value, "parameter 'q' needs at least 2 letters or digits, not '" + *text + "'"};
    }
    const long limit = q.integer("limit", 1, 50).value_or(10);
    std::vector<Place::Kind> kinds;
    for (const auto& k : q.list("kind", {"street", "commune"})) kinds.push_back(k == "street" ? Place::Kind::street : Place::Kind::commune);

    const std::vector<PlaceMatch> matches = c.places().find(folded, kinds);
    nlohmann::ordered_json results = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < matches.size() && static_cast<long>(i) < limit; ++i) {
        const Place& p = *matches[i].place;
        results.push_back({{"kind", std::string{key(p.kind)}},
                           {"name", p.name},
                           {"commune", p.commune},
                           {"insee", p.insee},
                           {"bbox", {round6(p.box.min_lon), round6(p.box.min_lat), round6(p.box.max_lon), round6(p.box.max_lat)}},
                           {"center", {round6(p.center.lon()), round6(p.center.lat())}},
                           {"length_m", std::round(p.length_m)}});
    }
    const nlohmann::ordered_json body = {{"query", *text}, {"total", matches.size()}, {"limit", limit}, {"results", results}};
    res.set_content(body.dump(), json_type);
}

void handle_candidates(const ContextLayers& c, std::size_t max_features, const httplib::Request& req, httplib::Response& res) {
    const Query q{req.params, {"bbox", "limit", "offset", "status", "class"}};
    const auto box = q.bbox();
    const long limit = q.integer("limit", 1, static_cast<long>(std::min<std::size_t>(max_features, 5000))).value_or(500);
    const long offset = q.integer("offset", 0, 100000000).value_or(0);
    const auto statuses = q.list("status", {"below_benefit", "easy_junction", "edge"});
    const auto classes = q.list("class", {"street", "crossing", "bridge", "tunnel", "roundabout", "contraflow", "data"});
    std::vector<const ServedFeature*> page;
    long matched = 0;
    const std::vector<std::uint32_t> near = box ? c.candidates_in(*box) : std::vector<std::uint32_t>{};
    for (std::size_t i = 0, n = box ? near.size() : c.candidates().size(); i < n; ++i) {
        const ServedCandidate& f = c.candidates()[box ? near[i] : i];
        if (!statuses.empty() && std::find(statuses.begin(), statuses.end(), f.status) == statuses.end()) continue;
        if (!classes.empty() && std::find(classes.begin(), classes.end(), f.gap_class) == classes.end()) continue;
        if (matched >= offset && matched < offset + limit) page.push_back(&f);
        ++matched;
    }
    const std::string extra = ",\"total\":" + std::to_string(matched) + ",\"offset\":" + std::to_string(offset) +
                              ",\"limit\":" + std::to_string(limit) + ",\"benefit_cut\":" + nlohmann::json(c.benefit_cut()).dump();
    res.set_content(feature_collection(page, extra), geojson_type);
}

}  // namespace maillon::server
