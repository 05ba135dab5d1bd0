// Identify on a real extract (Paris République): the candidate list must not depend on the
// threads. The searches run on every core and each publishes what it found, so that a later
// search can drop a pair the earlier one already has (gap_detect.cpp, PublishedFinds); whether
// the earlier search has finished depends on timing, the result must not.
#include "maillon/analysis_profile.hpp"
#include "maillon/cycle_network.hpp"
#include "maillon/gaps.hpp"
#include "maillon/importers/osm_import.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
#include <tuple>
#include <vector>

namespace {

using Candidate = std::tuple<int, maillon::NodeId, maillon::NodeId, std::vector<maillon::ArcId>, double>;

std::vector<Candidate> identify(const maillon::CycleNetwork& net, const maillon::GapParams& p) {
    std::vector<Candidate> out;
    for (const maillon::Gap& gap : maillon::detect_gaps(net, p)) {
        out.emplace_back(static_cast<int>(gap.kind), gap.from, gap.to, gap.arcs, gap.length_m);
    }
    return out;
}

}  // namespace

TEST_CASE("Paris République: the candidates are the same on every run, each pair of ends once", "[gaps][real]") {
    const maillon::Graph g = maillon::importers::import_osm(std::string{MAILLON_TEST_DATA} + "/paris-republique.osm.pbf");
    const maillon::AnalysisProfile profile;
    const maillon::CycleNetwork net{g, profile.network};
    const std::vector<Candidate> first = identify(net, profile.gaps);
    REQUIRE(first.size() > 100);  // a real city centre has many
    std::set<std::tuple<int, maillon::NodeId, maillon::NodeId>> pairs;
    for (const auto& [kind, from, to, arcs, length] : first) {
        CHECK(pairs.insert({kind, std::min(from, to), std::max(from, to)}).second);
    }
    for (int run = 0; run < 4; ++run) CHECK(identify(net, profile.gaps) == first);
}
