// Layer endpoints: meta, indicators, gaps, network, QPV, stations.

#include "feature_collection.hpp"
#include "handlers.hpp"
#include "text_fold.hpp"

#include "maillon/server/api_error.hpp"
#include "maillon/server/query.hpp"

#include <cmath>

namespace maillon::server {

void handle_meta(const ServedState& s, const httplib::Request& req, httplib::Response& res) {
    Query q{req.params, {}};
    res.set_content(s.meta_json(), json_type);
}

void handle_indicators(const ServedState& s, const httplib::Request& req, httplib::Response& res) {
    Query q{req.params, {}};
    res.set_content(s.indicators_json(), json_type);
}

void handle_gaps(const ServedState& s, std::size_t max_features, const httplib::Request& req, httplib::Response& res) {
    const Query q{req.params, {"bbox", "limit", "offset", "class", "commune", "qpv", "min_score", "format"}};
    const auto box = q.bbox();
    const long limit = q.integer("limit", 1, static_cast<long>(std::min<std::size_t>(max_features, 5000))).value_or(500);
    const long offset = q.integer("offset", 0, 100000000).value_or(0);
    const auto classes = q.list("class", {"street", "crossing", "bridge", "tunnel", "roundabout", "contraflow", "data"});
    const auto commune = q.text("commune");
    FoldedEquals commune_equals{commune.value_or("")};  // "creteil" finds "Créteil"
    const auto qpv = q.text("qpv");
    const auto min_score = q.number("min_score", -1e9, 1e9);
    const auto formats = q.list("format", {"geojson", "csv"});
    const bool csv = !formats.empty() && formats.front() == "csv";

    std::vector<const ServedFeature*> page;
    std::string csv_body = csv ? s.gaps_csv_header() + "\n" : "";
    long matched = 0;
    // A bbox: only the gaps the index finds there, still in rank order.
    const std::vector<std::uint32_t> near = box ? s.gaps_in(*box) : std::vector<std::uint32_t>{};
    const std::size_t candidates = box ? near.size() : s.gaps().size();
    for (std::size_t i = 0; i < candidates; ++i) {
        const ServedGap& g = s.gaps()[box ? near[i] : i];
        if (!classes.empty() && std::find(classes.begin(), classes.end(), g.gap_class) == classes.end()) continue;
        if (commune && !commune_equals(g.commune)) continue;
        if (qpv && std::find(g.qpv_codes.begin(), g.qpv_codes.end(), *qpv) == g.qpv_codes.end()) continue;
        if (min_score && !(g.score >= *min_score)) continue;
        if (matched >= offset && matched < offset + limit) {
            if (csv) csv_body += g.csv_row + "\n";
            else page.push_back(&g);
        }
        ++matched;
    }
    if (csv) {
        res.set_content(csv_body, "text/csv; charset=utf-8");
        res.set_header("Content-Disposition", "attachment; filename=\"maillon-gaps.csv\"");
        return;
    }
    const std::string extra = ",\"total\":" + std::to_string(matched) + ",\"offset\":" + std::to_string(offset) +
                              ",\"limit\":" + std::to_string(limit) + ",\"population_model\":\"" +
                              std::string{key(s.result().model)} + "\"";
    res.set_content(feature_collection(page, extra), geojson_type);
}

void handle_network(const ServedState& s, std::size_t max_features, const httplib::Request& req, httplib::Response& res) {
    const Query q{req.params, {"bbox", "zoom"}};
    const auto box = q.bbox();
    const long zoom = q.integer("zoom", 0, 22).value_or(16);
    const std::size_t band = zoom_band(zoom);
    std::vector<const ServedFeature*> out;
    const std::vector<ServedFeature>& features = s.network(band);
    const std::vector<std::uint32_t> near = box ? s.network_in(band, *box) : std::vector<std::uint32_t>{};
    const std::size_t candidates = box ? near.size() : features.size();
    for (std::size_t i = 0; i < candidates; ++i) {
        const ServedFeature& f = features[box ? near[i] : i];
        out.push_back(&f);
        if (out.size() > max_features) {
            throw ApiError{ErrorCode::too_large, "more than " + std::to_string(max_features) +
                                                     " network features in this bbox at zoom " + std::to_string(zoom) +
                                                     ": narrow the bbox or lower the zoom (coarser geometry)"};
        }
    }
    res.set_content(feature_collection(out, ",\"zoom\":" + std::to_string(zoom)), geojson_type);
}

void handle_qpv(const ServedState& s, const httplib::Request& req, httplib::Response& res) {
    const Query q{req.params, {"bbox"}};
    const auto box = q.bbox();
    std::vector<const ServedFeature*> out;
    for (const ServedFeature& f : s.qpv_features()) {
        if (!box || intersects(*box, f.box)) out.push_back(&f);
    }
    res.set_content(feature_collection(out, ""), geojson_type);
}

void handle_stations(const ServedState& s, const httplib::Request& req, httplib::Response& res) {
    const Query q{req.params, {"status", "bbox"}};
    std::vector<std::string> statuses = q.list("status", {"existing", "planned", "suggested"});
    if (statuses.empty()) statuses = {"existing", "planned", "suggested"};
    const auto box = q.bbox();
    std::vector<const ServedFeature*> out;
    for (const auto& [name, status] : {std::pair{"existing", StationStatus::existing}, std::pair{"planned", StationStatus::planned},
                                       std::pair{"suggested", StationStatus::suggested}}) {
        if (std::find(statuses.begin(), statuses.end(), name) == statuses.end()) continue;
        for (const ServedFeature& f : s.stations(status)) {
            if (!box || intersects(*box, f.box)) out.push_back(&f);
        }
    }
    res.set_content(feature_collection(out, ",\"stations_analysed\":" + std::string{s.result().has_stations ? "true" : "false"}), geojson_type);
}

}  // namespace maillon::server
