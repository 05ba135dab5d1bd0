// FeatureIndex (server/feature_index.hpp), the R-tree behind the bbox queries of /api/v1/gaps and
// /api/v1/network: for random feature and query boxes it must return exactly the features a scan
// with intersects() keeps (edges touching included), in list order.

#include "maillon/server/feature_index.hpp"
#include "maillon/server/served_state.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <vector>

using maillon::BBox;
using maillon::Coord;

namespace {

BBox box_at(double lon, double lat, double w, double h) {
    BBox b;
    b.extend(Coord::from_degrees(lon, lat));
    b.extend(Coord::from_degrees(lon + w, lat + h));
    return b;
}

}  // namespace

TEST_CASE("the feature index finds what a scan of the boxes finds, in list order", "[server][index]") {
    std::mt19937 rng{11};
    std::uniform_real_distribution<double> lon{2.0, 2.6}, lat{48.6, 49.0}, size{0.0, 0.02};
    std::vector<BBox> boxes;
    for (int i = 0; i < 5000; ++i) boxes.push_back(box_at(lon(rng), lat(rng), size(rng), size(rng)));
    boxes.push_back(BBox{});  // an empty box (a feature without geometry) is never found
    const maillon::server::FeatureIndex index{boxes};
    std::size_t found = 0;
    for (int q = 0; q < 200; ++q) {
        const BBox query = box_at(lon(rng), lat(rng), 0.01 * (q % 7), 0.007 * (q % 5));
        std::vector<std::uint32_t> expected;
        for (std::uint32_t i = 0; i < boxes.size(); ++i) {
            if (boxes[i].valid() && maillon::server::intersects(query, boxes[i])) expected.push_back(i);
        }
        INFO("query " << q);
        CHECK(index.query(query) == expected);
        found += expected.size();
    }
    CHECK(found > 200);  // the queries did meet features

    SECTION("a query touching a feature's edge finds it") {
        const BBox touching = box_at(boxes[0].max_lon, boxes[0].max_lat, 0.0, 0.0);
        const auto hits = index.query(touching);
        CHECK(std::find(hits.begin(), hits.end(), 0U) != hits.end());
    }
    SECTION("an empty index finds nothing") {
        CHECK(maillon::server::FeatureIndex{}.query(box_at(2.3, 48.8, 1, 1)).empty());
        CHECK(maillon::server::FeatureIndex{std::vector<BBox>{}}.query(box_at(2.3, 48.8, 1, 1)).empty());
    }
}
