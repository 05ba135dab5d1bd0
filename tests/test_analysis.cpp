// temporary exploration
#include "maillon/analysis/analysis.hpp"
#include "maillon/analysis/results_json.hpp"
#include "maillon/importers/osm_import.hpp"
#include <catch2/catch.hpp>
#include <fstream>
#include <functional>
TEST_CASE("dump", "[.dump]") {
    const std::string d = MAILLON_TEST_DATA;
    const maillon::Graph g = maillon::importers::import_osm(d + "/paris-republique.osm.pbf");
    const maillon::QpvLayer qpv = maillon::load_qpv(d + "/qpv2024-idf-simplified.geojson");
    const auto r = maillon::analysis::run_analysis(g, qpv, {});
    std::ofstream("/tmp/gaps-dump.geojson") << maillon::analysis::gaps_geojson(g, qpv, r).dump(1);
    std::ofstream("/tmp/gaps-ind.json") << maillon::analysis::indicators_json(r, {}).dump(1);
    std::ofstream("/tmp/gaps-dump.csv") << maillon::analysis::gaps_csv(g, qpv, r);
    for (auto& w : r.warnings) WARN(w);
}
#include "maillon/gaps.hpp"
#include "maillon/cycle_network.hpp"
#include <iostream>
TEST_CASE("dump2", "[.dump2]") {
    using namespace maillon;
    const std::string d = MAILLON_TEST_DATA;
    const Graph g = importers::import_osm(d + "/paris-republique.osm.pbf");
    const CycleNetwork net{g, {}};
    GapSearches s{g};
    AnalysisProfile p;
    auto c = detect_gaps(net, p.gaps, s);
    std::cout << "candidates " << c.size() << "\n";
    auto kept = decluster_gaps(g, c, p.gaps);
    // candidates in the cluster of the kept gap from 60913509: compute extent
    const auto& id = g.data().node_osm_id;
    for (auto& k : kept) {
        if (id[k.from] != 60913509 && id[k.to] != 60913509) continue;
        std::cout << "kept " << id[k.from] << "->" << id[k.to] << " merged " << k.merged << "\n";
    }
    // bbox of candidates whose from/to is within... print all candidates lengths that share an edge with any other, sorted
    double minlon=1e9,maxlon=-1e9,minlat=1e9,maxlat=-1e9; int n=0;
    // re-run union to find members of cluster with the 4.4 m gap: naive
    std::vector<int> comp(c.size()); for (size_t i=0;i<c.size();++i) comp[i]=i;
    std::function<int(int)> f=[&](int x){return comp[x]==x?x:comp[x]=f(comp[x]);};
    for (size_t i=0;i<c.size();++i) for (size_t j=i+1;j<c.size();++j) {
        bool share=false;
        for (auto a: c[i].arcs) for (auto b: c[j].arcs) if (edge_of(a)==edge_of(b)) share=true;
        auto close=[&](NodeId x, NodeId y){return haversine_m(g.data().node_coord[x], g.data().node_coord[y]) <= 100;};
        if (!share) share = (close(c[i].from,c[j].from)&&close(c[i].to,c[j].to))||(close(c[i].from,c[j].to)&&close(c[i].to,c[j].from));
        if (share) comp[f(i)]=f(j);
    }
    int root=-1; for (size_t i=0;i<c.size();++i) if (id[c[i].from]==60913509 && id[c[i].to]==669096641) root=f(i);
    for (size_t i=0;i<c.size();++i) if (f(i)==root) { ++n; for (auto nd:{c[i].from,c[i].to}) { auto co=g.data().node_coord[nd]; minlon=std::min(minlon,co.lon()); maxlon=std::max(maxlon,co.lon()); minlat=std::min(minlat,co.lat()); maxlat=std::max(maxlat,co.lat()); } }
    std::cout << "cluster " << n << " extent " << minlon << " " << maxlon << " " << minlat << " " << maxlat << "\n";
}
