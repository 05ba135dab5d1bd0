// The HTTP API in-process: a server on a free port over the République demo (with the demo's
// residents, INSEE Filosofi 2021 cells), queried with cpp-httplib's client (docs/api.md).

#include "test_server_fixture.hpp"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cctype>
#include <set>

using nlohmann::json;

namespace {

using maillon::test::test_server;

httplib::Result get(const std::string& path, const httplib::Headers& headers = {}) {
    httplib::Client client{"127.0.0.1", test_server().port};
    client.set_decompress(false);
    return client.Get(path.c_str(), headers);
}

json get_json(const std::string& path, int expected_status = 200) {
    const auto res = get(path);
    REQUIRE(res);
    INFO(path << " -> " << res->body.substr(0, 300));
    REQUIRE(res->status == expected_status);
    return json::parse(res->body);
}

void require_error(const std::string& path, int status, const std::string& code, const std::string& words) {
    const json j = get_json(path, status);
    INFO(path << " -> " << j.dump());
    CHECK(j["error"]["code"] == code);
    CHECK_THAT(j["error"]["message"].get<std::string>(), Catch::Contains(words));
}

}  // namespace

TEST_CASE("meta, indicators and QPV describe the run", "[api]") {
    const json meta = get_json("/api/v1/meta");
    CHECK(meta["bbox"].size() == 4);
    CHECK_THAT(meta["attribution"].get<std::string>(), Catch::Contains("OpenStreetMap contributors"));
    const json ind = get_json("/api/v1/indicators");
    CHECK(ind["population_model"] == "grid");
    CHECK(ind["weight_unit"] == "residents");
    CHECK(ind["qpv_residents_known"] == true);
    CHECK(ind["rows"][0]["scope"] == "territory");
    CHECK(ind["rows"][0]["share_of"] == "residents");
    CHECK(ind["rows"][0]["residents"].get<double>() > 50000);  // central Paris: ~29,000 residents per km²
    const json qpv = get_json("/api/v1/qpv");
    REQUIRE(qpv["features"].size() == 1);
    CHECK(qpv["features"][0]["properties"]["code"] == "QN07519M");
    CHECK(qpv["features"][0]["geometry"]["type"] == "MultiPolygon");
    CHECK(qpv["features"][0]["properties"]["residents"].get<double>() > 0);
}

TEST_CASE("the demo's first gaps are ranked by the QPV residents they serve", "[api]") {
    const json page = get_json("/api/v1/gaps?limit=5");
    REQUIRE(page["features"].size() >= 2);
    const json& top = page["features"][0]["properties"];
    CHECK(top["rank"] == 1);
    CHECK(top["weight_unit"] == "residents");
    REQUIRE(top["qpv_pop"].is_number());
    CHECK(top["qpv_pop"].get<double>() > 0);
    CHECK(top["qpv_codes"] == json::array({"QN07519M"}));
    CHECK(top["all_pop"].get<double>() >= top["qpv_pop"].get<double>());
    for (const auto& f : page["features"]) CHECK(f["properties"]["qpv_pop"].is_number());  // never null with the grid
}

TEST_CASE("gaps come in rank order, page by page, and the filters narrow them", "[api]") {
    const json all = get_json("/api/v1/gaps");
    const auto total = all["total"].get<std::size_t>();
    REQUIRE(total > 5);
    REQUIRE(all["features"].size() == total);
    for (std::size_t i = 1; i < all["features"].size(); ++i) {
        const auto& a = all["features"][i - 1]["properties"];
        const auto& b = all["features"][i]["properties"];
        if (!a["rank"].is_null() && !b["rank"].is_null()) CHECK(a["rank"].get<int>() < b["rank"].get<int>());
    }
    SECTION("limit and offset page through the same order") {
        const json page = get_json("/api/v1/gaps?limit=2&offset=2");
        REQUIRE(page["features"].size() == 2);
        CHECK(page["features"][0]["properties"]["rank"] == all["features"][2]["properties"]["rank"]);
        CHECK(page["total"] == total);
    }
    SECTION("class") {
        const json crossings = get_json("/api/v1/gaps?class=crossing");
        REQUIRE(crossings["total"].get<std::size_t>() > 0);
        CHECK(crossings["total"].get<std::size_t>() < total);
        for (const auto& f : crossings["features"]) CHECK(f["properties"]["class"] == "crossing");
    }
    SECTION("qpv and commune") {
        const json near = get_json("/api/v1/gaps?qpv=QN07519M");
        REQUIRE(near["total"].get<std::size_t>() >= 1);
        for (const auto& f : near["features"]) CHECK(f["properties"]["qpv_codes"][0] == "QN07519M");
        CHECK(get_json("/api/v1/gaps?commune=Paris")["total"] == near["total"]);  // commune comes from the QPV reached
        CHECK(get_json("/api/v1/gaps?qpv=QN00000X")["total"] == 0);
    }
    SECTION("min_score") {
        const double s = all["features"][3]["properties"]["score"].get<double>();
        const json top = get_json("/api/v1/gaps?min_score=" + std::to_string(s - 1e-3)  /* properties round scores to 1e-4 */);
        CHECK(top["total"].get<std::size_t>() >= 4);
        for (const auto& f : top["features"]) CHECK(f["properties"]["score"].get<double>() >= s - 1e-6);
    }
    SECTION("bbox keeps the gaps that reach into it") {
        const json box = get_json("/api/v1/gaps?bbox=2.3550,48.8600,2.3750,48.8690");
        CHECK(box["total"].get<std::size_t>() < total);
        CHECK(box["total"].get<std::size_t>() > 0);
        for (const auto& f : box["features"]) {
            double x0 = 180, y0 = 90, x1 = -180, y1 = -90;  // the gap's own bbox must meet the query's
            for (const auto& c : f["geometry"]["coordinates"]) {
                x0 = std::min(x0, c[0].get<double>()), x1 = std::max(x1, c[0].get<double>());
                y0 = std::min(y0, c[1].get<double>()), y1 = std::max(y1, c[1].get<double>());
            }
            CHECK((x0 <= 2.3750 && x1 >= 2.3550 && y0 <= 48.8690 && y1 >= 48.8600));
        }
        const json outside = get_json("/api/v1/gaps?bbox=2.2000,48.8000,2.2100,48.8100");
        CHECK(outside["total"] == 0);
    }
    SECTION("format=csv gives the same rows") {
        const auto res = get("/api/v1/gaps?format=csv&class=crossing");
        REQUIRE(res);
        CHECK(res->get_header_value("Content-Type").find("text/csv") == 0);
        const std::string& body = res->body;
        CHECK(body.rfind("rank,score,class,", 0) == 0);
        const auto lines = static_cast<std::size_t>(std::count(body.begin(), body.end(), '\n'));
        CHECK(lines == 1 + get_json("/api/v1/gaps?class=crossing")["total"].get<std::size_t>());
    }
}

TEST_CASE("the network layer is lighter at small zooms and bounded", "[api]") {
    const json full = get_json("/api/v1/network?zoom=16&bbox=2.3600,48.8640,2.3700,48.8690");
    const json coarse = get_json("/api/v1/network?zoom=10&bbox=2.3600,48.8640,2.3700,48.8690");
    REQUIRE(full["features"].size() > 0);
    CHECK(coarse["features"].size() < full["features"].size());
    CHECK(full["features"][0]["properties"].contains("facility"));
    CHECK(full["features"][0]["properties"].contains("lts"));
    require_error("/api/v1/network?zoom=16", 413, "TooLarge", "narrow the bbox");
    CHECK(get_json("/api/v1/network?zoom=12")["features"].size() <= 200);  // the whole region, chained and simplified
}

TEST_CASE("a route gives the low-stress and the shortest way with their lengths", "[api]") {
    const json r = get_json("/api/v1/route?from=2.3636,48.8674&to=2.3700,48.8600");
    REQUIRE(r["shortest"].is_object());
    const double shortest = r["shortest"]["properties"]["length_m"].get<double>();
    CHECK(shortest > 900);   // ~ 960 m in a straight line
    CHECK(shortest < 2500);
    if (r["low_stress"].is_object()) {
        CHECK(r["low_stress"]["properties"]["length_m"].get<double>() >= shortest - 0.5);
        CHECK(r["detour_ratio"].get<double>() >= 1.0);
    }
    CHECK(r["snap"]["from_m"].get<double>() < 100);
    require_error("/api/v1/route?from=2.2000,48.9500&to=2.3700,48.8600", 400, "NoSegment", "start point");
    // lat,lon (the old order) lands in the Indian Ocean: refused, not routed
    require_error("/api/v1/route?from=48.8674,2.3636&to=48.8600,2.3700", 400, "NoSegment", "start point");
}

TEST_CASE("every error of the table answers JSON with its status", "[api]") {
    require_error("/api/v1/gaps?colour=red", 400, "UnknownParameter", "colour");
    require_error("/api/v1/gaps?limit=abc", 400, "InvalidValue", "limit");
    require_error("/api/v1/gaps?limit=0", 400, "InvalidValue", "limit");
    require_error("/api/v1/gaps?limit=10&limit=20", 400, "InvalidValue", "twice");
    require_error("/api/v1/gaps?class=highway", 400, "InvalidValue", "highway");
    require_error("/api/v1/gaps?bbox=2.3,48.8,2.4", 400, "InvalidBbox", "4 numbers");
    require_error("/api/v1/gaps?bbox=2.4,48.8,2.3,48.9", 400, "InvalidBbox", "min > max");
    require_error("/api/v1/gaps?bbox=2,48,200,49", 400, "InvalidBbox", "out of range");
    require_error("/api/v1/stations?status=closed", 400, "InvalidValue", "closed");
    require_error("/api/v1/route?from=2.36,48.86", 400, "MissingParameter", "to=lon,lat");
    require_error("/api/v1/route?from=2.36&to=2.37,48.86", 400, "InvalidValue", "lon,lat");
    require_error("/api/v1/route?from=2.36,91&to=2.37,48.86", 400, "InvalidValue", "lon,lat");
    require_error("/api/v1/route?from=181,48.86&to=2.37,48.86", 400, "InvalidValue", "lon,lat");
    require_error("/api/v1/nothing", 404, "NotFound", "/api/v1/nothing");
    require_error("/api/v1/meta?x=1", 400, "UnknownParameter", "takes none");
    httplib::Client client{"127.0.0.1", test_server().port};
    const auto post = client.Post("/api/v1/gaps", "x", "text/plain");
    REQUIRE(post);
    CHECK(post->status == 405);
    CHECK(json::parse(post->body)["error"]["code"] == "MethodNotAllowed");
    const std::string huge(10000, 'a');
    const auto big = client.Get(("/api/v1/gaps?commune=" + huge).c_str());
    REQUIRE(big);
    CHECK(big->status >= 400);
    CHECK(big->status < 500);
}

TEST_CASE("static files cannot escape the web root", "[api]") {
    REQUIRE(get("/")->status == 200);
    CHECK_THAT(get("/")->body, Catch::Contains("maillon"));
    for (const std::string path : {"/../../../etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd", "/%2e%2e/%2e%2e/etc/passwd",
                                   "/index.html/../../../etc/passwd"}) {
        const auto res = get(path);
        REQUIRE(res);
        INFO(path);
        CHECK(res->status == 404);
        CHECK(res->body.find("root:") == std::string::npos);
    }
}

TEST_CASE("large responses are gzipped when the client accepts it", "[api]") {
    const auto plain = get("/api/v1/network?zoom=16&bbox=2.3600,48.8640,2.3700,48.8690");
    const auto zipped = get("/api/v1/network?zoom=16&bbox=2.3600,48.8640,2.3700,48.8690", {{"Accept-Encoding", "gzip"}});
    REQUIRE(plain);
    REQUIRE(zipped);
    CHECK(zipped->get_header_value("Content-Encoding") == "gzip");
    CHECK(zipped->body.size() * 3 < plain->body.size());
}

// ---------------------------------------------------------------------------------------------
// The map's context (issue 10, issue 8, issue 13): streets, place search, candidates, filters that
// ignore case and accents.

TEST_CASE("the street layer draws the ways outside the cycle network, fewer classes as the zoom falls", "[api][context]") {
    const std::string box = "&bbox=2.3650,48.8670,2.3680,48.8685";  // small: the test server bounds a layer to 200 features
    const json near = get_json("/api/v1/streets?zoom=16" + box);
    const json mid = get_json("/api/v1/streets?zoom=13" + box);
    const json far = get_json("/api/v1/streets?zoom=11" + box);
    REQUIRE(near["features"].size() > 5);
    CHECK(mid["features"].size() < near["features"].size());
    CHECK(far["features"].size() < mid["features"].size());
    const auto classes = [](const json& fc) {
        std::set<std::string> out;
        for (const auto& f : fc["features"]) out.insert(f["properties"]["highway"].get<std::string>());
        return out;
    };
    CHECK(classes(near).count("footway") == 1);    // every way at 15+
    CHECK(classes(mid).count("footway") == 0);     // streets only at 13-14
    CHECK(classes(mid).count("residential") == 1);
    CHECK(classes(far).count("residential") == 0);  // tertiary and up at 11-12
    for (const auto& h : classes(get_json("/api/v1/streets?zoom=10"))) {  // the whole region: secondary and up
        CHECK((h == "motorway" || h == "trunk" || h == "primary" || h == "secondary"));
    }
    // none of them is a cycle-network way: the network layer draws those
    const json network = get_json("/api/v1/network?zoom=16" + box);
    std::set<std::string> network_lines, street_lines;
    for (const auto& f : network["features"]) network_lines.insert(f["geometry"]["coordinates"].dump());
    for (const auto& f : near["features"]) street_lines.insert(f["geometry"]["coordinates"].dump());
    for (const auto& l : street_lines) CHECK(network_lines.count(l) == 0);
    bool named = false;
    for (const auto& f : near["features"]) named = named || f["properties"]["name"] == "Rue du Faubourg du Temple";
    CHECK(named);
    require_error("/api/v1/streets?zoom=16", 413, "TooLarge", "narrow the bbox");
    require_error("/api/v1/streets?zoom=23" + box, 400, "InvalidValue", "zoom");
    require_error("/api/v1/streets?zoom=16&bbox=2.37,48.864,2.36,48.869", 400, "InvalidBbox", "min > max");
    require_error("/api/v1/streets?zoom=16&width=3", 400, "UnknownParameter", "width");
}

TEST_CASE("the search finds a street or a commune whatever the case and accents", "[api][context]") {
    const json r = get_json("/api/v1/search?q=faubourg%20du%20temple");
    REQUIRE(r["results"].size() >= 1);
    const json& top = r["results"][0];
    CHECK(top["kind"] == "street");
    CHECK(top["name"] == "Rue du Faubourg du Temple");
    REQUIRE(top["bbox"].size() == 4);
    CHECK(top["bbox"][0].get<double>() < top["bbox"][2].get<double>());
    CHECK(top["center"][0].get<double>() > 2.35);  // lon first, as everywhere in the API
    CHECK(top["center"][1].get<double>() > 48.85);
    // case, accents, hyphens and apostrophes do not matter
    CHECK(get_json("/api/v1/search?q=FAUBOURG-DU-TEMPLE")["results"][0]["name"] == top["name"]);
    CHECK(get_json("/api/v1/search?q=R%C3%A9publique")["total"] == get_json("/api/v1/search?q=republique")["total"]);
    CHECK(get_json("/api/v1/search?q=republique")["total"].get<int>() >= 1);
    // words in any order, each the start of a word of the name
    CHECK(get_json("/api/v1/search?q=temple%20faub")["results"][0]["name"] == top["name"]);
    // bounded
    const json many = get_json("/api/v1/search?q=rue&limit=3");
    CHECK(many["results"].size() == 3);
    CHECK(many["total"].get<int>() > 3);
    CHECK(get_json("/api/v1/search?q=zzzzqqq")["results"].empty());
    // Held in a named value: a range-for over a member of the temporary would read freed memory (ASan).
    const json streets = get_json("/api/v1/search?q=rue&kind=street&limit=50");
    for (const auto& p : streets["results"]) CHECK(p["kind"] == "street");
    require_error("/api/v1/search", 400, "MissingParameter", "q=");
    require_error("/api/v1/search?q=r", 400, "InvalidValue", "2 letters");
    require_error("/api/v1/search?q=%20-%20", 400, "InvalidValue", "2 letters");
    require_error("/api/v1/search?q=" + std::string(101, 'a'), 400, "InvalidValue", "100");
    require_error("/api/v1/search?q=rue&limit=0", 400, "InvalidValue", "limit");
    require_error("/api/v1/search?q=rue&limit=51", 400, "InvalidValue", "limit");
    require_error("/api/v1/search?q=rue&kind=station", 400, "InvalidValue", "station");
    require_error("/api/v1/search?query=rue", 400, "UnknownParameter", "query");
}

TEST_CASE("the search lists the OSM communes of the graph", "[api][context]") {
    const json r = get_json("/api/v1/search?q=paris&kind=commune&limit=50");
    INFO(r.dump().substr(0, 400));
    // the demo's extract carries the Paris arrondissements (admin_level 9) when its boundaries were imported
    for (const auto& p : r["results"]) {
        CHECK(p["kind"] == "commune");
        CHECK(p["bbox"][0].get<double>() <= p["bbox"][2].get<double>());
    }
}

TEST_CASE("candidates below the cut come with the same bbox and paging as gaps, and their reason", "[api][context]") {
    const json all = get_json("/api/v1/candidates");
    const auto total = all["total"].get<std::size_t>();
    REQUIRE(total > 0);
    REQUIRE(all["features"].size() == std::min<std::size_t>(total, 500));
    CHECK(all["benefit_cut"].is_number());
    for (const auto& f : all["features"]) {
        const std::string status = f["properties"]["status"].get<std::string>();
        CHECK((status == "below_benefit" || status == "easy_junction" || status == "edge"));
        CHECK(f["geometry"]["type"] == "LineString");
    }
    const json page = get_json("/api/v1/candidates?limit=1&offset=1");
    REQUIRE(page["features"].size() == 1);
    CHECK(page["features"][0]["properties"]["length_m"] == all["features"][1]["properties"]["length_m"]);
    const json below = get_json("/api/v1/candidates?status=below_benefit");
    for (const auto& f : below["features"]) CHECK(f["properties"]["benefit"].get<double>() < all["benefit_cut"].get<double>() + 1);
    CHECK(get_json("/api/v1/candidates?bbox=2.2000,48.8000,2.2100,48.8100")["total"] == 0);
    require_error("/api/v1/candidates?status=rejected", 400, "InvalidValue", "rejected");
    require_error("/api/v1/candidates?limit=0", 400, "InvalidValue", "limit");
    require_error("/api/v1/candidates?bbox=2.4,48.8,2.3,48.9", 400, "InvalidBbox", "min > max");
    require_error("/api/v1/candidates?min_score=1", 400, "UnknownParameter", "min_score");
}

TEST_CASE("the commune filter ignores case and accents", "[api][context]") {
    const json all = get_json("/api/v1/gaps?limit=200");
    std::string commune;
    for (const auto& f : all["features"]) {
        if (!f["properties"]["commune"].get<std::string>().empty()) commune = f["properties"]["commune"].get<std::string>();
    }
    REQUIRE_FALSE(commune.empty());
    const auto exact = get_json("/api/v1/gaps?commune=" + httplib::detail::encode_query_param(commune))["total"];
    REQUIRE(exact.get<int>() > 0);
    std::string shouted = commune;
    for (char& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    CHECK(get_json("/api/v1/gaps?commune=" + httplib::detail::encode_query_param(shouted))["total"] == exact);
    CHECK(get_json("/api/v1/gaps?commune=P%C3%A0ris")["total"] == get_json("/api/v1/gaps?commune=paris")["total"]);
    CHECK(get_json("/api/v1/gaps?commune=Nowhere")["total"] == 0);
}
