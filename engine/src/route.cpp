#include "maillon/route.hpp"

#include <algorithm>

namespace maillon::detail {

std::vector<Coord> edge_piece(const Graph& g, EdgeId e, float from_offset, float to_offset) {
    const std::vector<Coord> shape = g.shape(e);
    // Cumulative lengths along the shape, scaled to the stored edge length.
    std::vector<double> at(shape.size(), 0.0);
    for (std::size_t i = 1; i < shape.size(); ++i) at[i] = at[i - 1] + segment_length_m(shape[i - 1], shape[i]);
    const double scale = at.back() > 0 ? g.length_m(e) / at.back() : 1.0;
    for (double& x : at) x *= scale;
    const auto point_at = [&](double offset) {
        const auto it = std::lower_bound(at.begin(), at.end(), offset);
        if (it == at.begin()) return shape.front();
        if (it == at.end()) return shape.back();
        const std::size_t i = static_cast<std::size_t>(it - at.begin());
        const double t = at[i] > at[i - 1] ? (offset - at[i - 1]) / (at[i] - at[i - 1]) : 0.0;
        return Coord::from_degrees(shape[i - 1].lon() + t * (shape[i].lon() - shape[i - 1].lon()),
                                   shape[i - 1].lat() + t * (shape[i].lat() - shape[i - 1].lat()));
    };
    const double lo = std::min(from_offset, to_offset), hi = std::max(from_offset, to_offset);
    std::vector<Coord> piece{point_at(lo)};
    for (std::size_t i = 0; i < shape.size(); ++i) {
        if (at[i] > lo && at[i] < hi) piece.push_back(shape[i]);
    }
    piece.push_back(point_at(hi));
    if (from_offset > to_offset) std::reverse(piece.begin(), piece.end());
    return piece;
}

}  // namespace maillon::detail
