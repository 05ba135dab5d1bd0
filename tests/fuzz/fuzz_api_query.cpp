// The API's query parsing and its handlers: the input is a query string (as after '?' in the
// URL, percent-encoded), decoded by cpp-httplib as the server does, and given to one endpoint
// picked by the first byte, over the République demo analysed once at start.
// Contract: a 200 body (valid JSON unless CSV), or an ApiError whose JSON error body is valid JSON;
// nothing else.

#include "handlers.hpp"
#include "maillon/analysis/analysis.hpp"
#include "maillon/importers/osm_import.hpp"
#include "maillon/server/api_error.hpp"
#include "route_searches.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <memory>

namespace {

struct Demo {
    std::unique_ptr<maillon::server::ServedState> state;
    std::unique_ptr<maillon::server::RouteSearches> searches;
};

Demo& demo() {
    static Demo d = [] {
        Demo x;
        maillon::Graph g = maillon::importers::import_osm(MAILLON_FUZZ_DATA "/paris-republique.osm.pbf");
        maillon::QpvLayer qpv = maillon::load_qpv(MAILLON_FUZZ_DATA "/qpv2024-idf-simplified.geojson");
        const maillon::AnalysisProfile profile;
        auto result = maillon::analysis::run_analysis(g, qpv, profile);
        x.state = std::make_unique<maillon::server::ServedState>(std::move(g), std::move(qpv), std::move(result), profile,
                                                                 maillon::analysis::json::object());
        x.searches = std::make_unique<maillon::server::RouteSearches>(x.state->graph(), 1);
        return x;
    }();
    return d;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    demo();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace s = maillon::server;
    if (size == 0) return 0;
    const Demo& d = demo();
    httplib::Request req;
    httplib::detail::parse_query_text(std::string{reinterpret_cast<const char*>(data) + 1, size - 1}, req.params);
    httplib::Response res;
    try {
        switch (data[0] % 7) {
            case 0: s::handle_gaps(*d.state, 200, req, res); break;
            case 1: s::handle_network(*d.state, 200, req, res); break;
            case 2: s::handle_route(*d.state, *d.searches, req, res); break;
            case 3: s::handle_stations(*d.state, req, res); break;
            case 4: s::handle_qpv(*d.state, req, res); break;
            case 5: s::handle_meta(*d.state, req, res); break;
            default: s::handle_indicators(*d.state, req, res); break;
        }
        // Every JSON body is valid JSON (the route's is written by hand, without nlohmann).
        const std::string type = res.get_header_value("Content-Type");
        if (type.find("json") != std::string::npos && nlohmann::json::parse(res.body, nullptr, false).is_discarded()) std::abort();
    } catch (const s::ApiError& e) {
        const auto body = nlohmann::json::parse(s::error_body(e.code(), e.what()), nullptr, false);
        if (body.is_discarded() || !body.contains("error")) std::abort();
    }
    return 0;
}
