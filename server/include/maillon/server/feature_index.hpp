#pragma once
// Which pre-serialised features meet a bbox, without scanning them all: a bulk-loaded R-tree
// (Boost.Geometry) over their boxes. On an Île-de-France-sized graph the network layer holds
// hundreds of thousands of features and the gaps tens of thousands; a map view meets a few.

#include "maillon/geo.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace maillon::server {

class FeatureIndex {
public:
    FeatureIndex();
    /// Indexes boxes[i] as feature i.
    explicit FeatureIndex(const std::vector<BBox>& boxes);
    ~FeatureIndex();
    FeatureIndex(FeatureIndex&&) noexcept;
    FeatureIndex& operator=(FeatureIndex&&) noexcept;

    /// The features whose box meets `box` (edges included), in increasing order: the order of
    /// the feature list (rank order for gaps) is kept.
    std::vector<std::uint32_t> query(const BBox& box) const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace maillon::server
