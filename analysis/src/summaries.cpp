#include "summaries.hpp"

#include <map>

namespace maillon::analysis {
namespace {

/// Residents (or the model's weight) within walk_m of any of the gaps, each point once.
void served_by(const Graph& g, const std::vector<const Gap*>& gaps, const PopulationIndex& population, float walk,
               BoundedSearch& search, std::int32_t only_qpv, GapSummary& out) {
    std::vector<SearchSource> sources;
    std::vector<EdgeId> edges;
    for (const Gap* gap : gaps) {
        sources.push_back({gap->from, 0.F});
        sources.push_back({gap->to, 0.F});
        for (const ArcId a : gap->arcs) {
            sources.push_back({g.arc_head(a), 0.F});
            edges.push_back(edge_of(a));
        }
    }
    search.run(sources, walk, ModeFilter{&g, Mode::foot});
    bool residents_known = true;
    double residents = 0, qpv_residents = 0;
    population.for_each_covered(search, walk, [&](std::uint32_t i) {
        const PopulationPoint& p = population.points()[i];
        if (only_qpv >= 0 && p.qpv != only_qpv) return;
        out.weight_served += p.weight;
        if (p.qpv >= 0) out.qpv_weight_served += p.weight;
        if (!p.has_residents()) {
            residents_known = false;
            return;
        }
        residents += p.residents;
        if (p.qpv >= 0) qpv_residents += p.residents;
    }, &edges);
    if (residents_known) {
        out.residents_served = residents;
        out.qpv_residents_served = qpv_residents;
    }
}

void add_gap(GapSummary& s, const Gap& gap) {
    ++s.gaps;
    s.metres += gap.length_m;
    s.metres_by_class[static_cast<std::size_t>(gap.gap_class)] += gap.length_m;
    if (s.top_ranks.size() < 10) s.top_ranks.push_back(gap.rank);
}

}  // namespace

GapCommune gap_commune(const Graph& g, const QpvLayer& qpv, const Gap& gap) {
    const auto& d = g.data();
    if (gap.commune >= 0) {
        const auto c = static_cast<std::size_t>(gap.commune);
        return {d.names[d.commune_name[c]], d.names[d.commune_insee[c]], "osm"};
    }
    for (const std::int32_t q : gap.qpvs) {
        const std::string& name = qpv[static_cast<std::size_t>(q)].commune;
        if (!name.empty()) return {name, "", "qpv"};
    }
    return {};
}

void summarize_gaps(const Graph& g, const QpvLayer& qpv, const PopulationIndex& population, double walk_m,
                    AnalysisResult& result) {
    std::map<std::pair<std::string, std::string>, std::vector<const Gap*>> by_commune;  // (name, insee)
    std::map<std::int32_t, std::vector<const Gap*>> by_qpv;
    for (const Gap& gap : result.gaps) {
        if (gap.rank == 0) continue;
        const GapCommune c = gap_commune(g, qpv, gap);
        by_commune[{c.name, c.insee}].push_back(&gap);
        for (const std::int32_t q : gap.qpvs) by_qpv[q].push_back(&gap);
    }
    BoundedSearch search{g};
    const auto walk = static_cast<float>(walk_m);
    result.commune_summary.clear();
    for (const auto& [key, gaps] : by_commune) {
        GapSummary s;
        s.scope = "commune";
        s.name = key.first;
        s.code = key.second;
        for (const Gap* gap : gaps) add_gap(s, *gap);
        served_by(g, gaps, population, walk, search, -1, s);
        result.commune_summary.push_back(std::move(s));
    }
    result.qpv_summary.clear();
    for (const auto& [q, gaps] : by_qpv) {
        GapSummary s;
        s.scope = "qpv";
        s.code = qpv[static_cast<std::size_t>(q)].code;
        s.name = qpv[static_cast<std::size_t>(q)].name;
        for (const Gap* gap : gaps) add_gap(s, *gap);
        served_by(g, gaps, population, walk, search, q, s);
        result.qpv_summary.push_back(std::move(s));
    }
}

}  // namespace maillon::analysis
