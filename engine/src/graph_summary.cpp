#include "maillon/graph_summary.hpp"

#include "maillon/cycle_network.hpp"

namespace maillon {

GraphSummary summarize(const Graph& g) {
    const auto& d = g.data();
    GraphSummary s;
    s.nodes = g.node_count();
    s.edges = g.edge_count();
    s.bbox = g.bbox();
    s.osm_timestamp = d.osm_timestamp;
    s.source_name = d.source_name;

    for (EdgeId e = 0; e < g.edge_count(); ++e) {
        const double km = g.length_m(e) / 1000.0;
        bool bike = false;
        bool foot = false;
        for (const ArcId a : {arc_of(e, false), arc_of(e, true)}) {
            s.arcs += d.arc_access[a] != 0 ? 1 : 0;
            bike = bike || g.allows(a, Mode::bike);
            foot = foot || g.allows(a, Mode::foot);
            const auto side = d.arc_side_facility[a];
            if (is_cycle_facility(side)) {
                s.km_by_facility[static_cast<std::size_t>(side)] += km;
            }
            if (g.allows(a, Mode::bike) && d.arc_lts[a] >= 1 && d.arc_lts[a] <= 4) {
                s.km_by_lts[d.arc_lts[a]] += km;
            }
        }
        s.km_bike += bike ? km : 0.0;
        s.km_foot += foot ? km : 0.0;
    }
    // The cycle network exactly as `maillon analyze` reads it with the default profile.
    const CycleNetwork network{g, NetworkParams{}};
    s.km_cycle_network = network.km();
    s.cycle_network_components = network.components();

    s.buildings = g.building_count();
    for (std::size_t b = 0; b < g.building_count(); ++b) {
        s.floor_m2 += d.building_floor_m2[b];
        s.residential_floor_m2 += d.building_floor_m2[b] * d.building_residential_pct[b] / 100.0;
    }
    s.pois = g.poi_count();
    for (const PoiKind k : d.poi_kind) ++s.pois_by_kind[static_cast<std::size_t>(k)];
    s.communes = g.commune_count();
    return s;
}

}  // namespace maillon
