#include "maillon/server/feature_index.hpp"

#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>

#include <algorithm>
#include <iterator>
#include <utility>

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;

namespace maillon::server {

using Point = bg::model::point<double, 2, bg::cs::cartesian>;
using Box = bg::model::box<Point>;
using Entry = std::pair<Box, std::uint32_t>;

struct FeatureIndex::Impl {
    bgi::rtree<Entry, bgi::rstar<16>> tree;
};

namespace {
Box box_of(const BBox& b) { return Box{Point{b.min_lon, b.min_lat}, Point{b.max_lon, b.max_lat}}; }
}  // namespace

FeatureIndex::FeatureIndex() : m_impl(std::make_unique<Impl>()) {}

FeatureIndex::FeatureIndex(const std::vector<BBox>& boxes) {
    std::vector<Entry> entries;
    entries.reserve(boxes.size());
    for (std::uint32_t i = 0; i < boxes.size(); ++i) {
        if (boxes[i].valid()) entries.emplace_back(box_of(boxes[i]), i);
    }
    // The range constructor packs the tree (bulk loading): faster to build and to query.
    m_impl = std::make_unique<Impl>(Impl{{entries.begin(), entries.end()}});
}

FeatureIndex::~FeatureIndex() = default;
FeatureIndex::FeatureIndex(FeatureIndex&&) noexcept = default;
FeatureIndex& FeatureIndex::operator=(FeatureIndex&&) noexcept = default;

std::vector<std::uint32_t> FeatureIndex::query(const BBox& box) const {
    std::vector<Entry> hits;
    m_impl->tree.query(bgi::intersects(box_of(box)), std::back_inserter(hits));
    std::vector<std::uint32_t> out;
    out.reserve(hits.size());
    for (const Entry& e : hits) out.push_back(e.second);
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace maillon::server
