#include "context_layers.hpp"

#include "maillon/analysis/results_json.hpp"
#include "maillon/cycle_network.hpp"

namespace maillon::server {

ContextLayers::ContextLayers(const ServedState& s)
    : m_streets(s.graph(), CycleNetwork{s.graph(), s.profile().network}), m_places(s.graph()),
      m_benefit_cut(s.result().benefit_cut) {
    const analysis::json fc = analysis::candidates_geojson(s.graph(), s.result());
    for (const auto& f : fc["features"]) {
        ServedCandidate c;
        for (const auto& p : f["geometry"]["coordinates"]) c.box.extend(Coord::from_degrees(p[0].get<double>(), p[1].get<double>()));
        c.status = f["properties"]["status"].get<std::string>();
        c.gap_class = f["properties"]["class"].get<std::string>();
        c.json = f.dump();
        m_candidates.push_back(std::move(c));
    }
    std::vector<BBox> boxes;
    for (const ServedCandidate& c : m_candidates) boxes.push_back(c.box);
    m_candidate_index = FeatureIndex{boxes};
}

}  // namespace maillon::server
