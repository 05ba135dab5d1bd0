#pragma once
// What the map needs around the analysis (issue 10, issue 8): the street layer, the place search
// and the secondary layer of candidates, built once from the served state when the server starts.

#include "place_search.hpp"
#include "street_layer.hpp"

#include "maillon/server/served_state.hpp"

#include <string>
#include <vector>

namespace maillon::server {

/// A candidate of candidates.geojson: a project found but not in the main list, and why (`status`).
struct ServedCandidate : ServedFeature {
    std::string status;  // below_benefit, easy_junction, edge
    std::string gap_class;
};

class ContextLayers {
public:
    explicit ContextLayers(const ServedState& s);

    const StreetLayer& streets() const noexcept { return m_streets; }
    const PlaceSearch& places() const noexcept { return m_places; }
    const std::vector<ServedCandidate>& candidates() const noexcept { return m_candidates; }
    /// Indices into candidates() of those whose box meets `box`, in list order.
    std::vector<std::uint32_t> candidates_in(const BBox& box) const { return m_candidate_index.query(box); }
    /// run.json → benefit.cut: the benefit a project needs to be listed (popups compare with it).
    double benefit_cut() const noexcept { return m_benefit_cut; }

private:
    StreetLayer m_streets;
    PlaceSearch m_places;
    std::vector<ServedCandidate> m_candidates;
    FeatureIndex m_candidate_index;
    double m_benefit_cut = 0;
};

}  // namespace maillon::server
