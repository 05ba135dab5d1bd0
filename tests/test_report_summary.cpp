// The per-commune and per-QPV summaries of the report (outputs/src/report_summary.cpp): computed
// from the gaps when the run has no tables of its own, taken from indicators.json when it has.

#include "base_map.hpp"
#include "report/report_fixture.hpp"
#include "report_summary.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace maillon;
using namespace maillon::outputs;

namespace {

/// A model with hand-made gaps and QPV (the summaries read nothing else).
ReportModel model_of(const std::vector<ReportGap>& gaps, const std::vector<ReportQpv>& qpv, const AnalyzeFiles& files) {
    ReportModel m;
    m.files = &files;
    m.gaps = gaps;
    m.ranked = gaps.size();
    m.qpv = qpv;
    m.residents = true;
    return m;
}

ReportGap gap(unsigned rank, const std::string& cls, const std::string& commune, double length, std::vector<std::string> qpv) {
    ReportGap g;
    g.rank = rank;
    g.class_key = cls;
    g.commune = commune;
    g.length_m = length;
    g.qpv_codes = std::move(qpv);
    return g;
}

ReportQpv qpv(const std::string& code, const std::string& commune, double residents) {
    ReportQpv q;
    q.code = code;
    q.name = "QPV " + code;
    q.commune = commune;
    q.row = {{"scope", "qpv"}, {"code", code}, {"residents", residents}, {"share_near_network", 0.5}};
    return q;
}

}  // namespace

TEST_CASE("per commune: gaps, km by class, the QPV their gaps reach counted once with their residents") {
    AnalyzeFiles files;
    files.indicators = {{"rows", json::array()}};
    const ReportModel m = model_of({gap(1, "street", "Montreuil", 300, {"Q1"}), gap(2, "crossing", "Bagnolet", 20, {"Q2"}),
                                    gap(3, "street", "Montreuil", 700, {"Q1", "Q3"}), gap(4, "street", "", 100, {})},
                                   {qpv("Q1", "Montreuil", 5000), qpv("Q2", "Bagnolet", 2000), qpv("Q3", "Montreuil", 1000)}, files);
    const Summary s = commune_summary(m);
    CHECK(!s.from_run);
    REQUIRE(s.rows.size() == 3);
    CHECK(s.rows[0].name == "Montreuil");  // by best rank
    CHECK(s.rows[0].gaps == 2);
    CHECK(s.rows[0].km_by_class.at("street") == Approx(1.0));
    CHECK(s.rows[0].km == Approx(1.0));
    CHECK(s.rows[0].qpv_served == 2);
    CHECK(s.rows[0].residents == Approx(6000));  // Q1 once, not twice
    CHECK(s.rows[0].ranks == std::vector<unsigned>{1, 3});
    CHECK(s.rows[1].name == "Bagnolet");
    CHECK(s.rows[1].km_by_class.at("crossing") == Approx(0.02));
    CHECK(s.rows[2].name == "Commune non renseignée");
    CHECK(s.rows[2].qpv_served == 0);
}

TEST_CASE("per QPV: the gaps reaching it, km by class, its residents and today's share; QPV without gaps last") {
    AnalyzeFiles files;
    files.indicators = {{"rows", json::array()}};
    const ReportModel m = model_of({gap(1, "street", "M", 300, {"Q2"}), gap(2, "bridge", "M", 50, {"Q2", "Q1"})},
                                   {qpv("Q1", "M", 5000), qpv("Q2", "M", 2000), qpv("Q3", "M", 1000)}, files);
    const Summary s = qpv_summary(m);
    REQUIRE(s.rows.size() == 3);
    CHECK(s.rows[0].code == "Q2");
    CHECK(s.rows[0].gaps == 2);
    CHECK(s.rows[0].km == Approx(0.35));
    CHECK(s.rows[0].residents == Approx(2000));
    CHECK(s.rows[0].share_near_network == json(0.5));
    CHECK(s.rows[1].code == "Q1");
    CHECK(s.rows[1].km_by_class.at("bridge") == Approx(0.05));
    CHECK(s.rows[2].code == "Q3");
    CHECK(s.rows[2].gaps == 0);
}

TEST_CASE("the run's own tables (indicators.json communes, qpv_summary) are used as the analysis writes them") {
    AnalyzeFiles files;
    files.indicators = {{"rows", json::array()},
                        {"communes", {{{"scope", "commune"}, {"code", "93055"}, {"name", "Pantin"}, {"gaps", 4}, {"metres", 1600.0},
                                       {"metres_street", 1500.0}, {"metres_crossing", 100.0}, {"metres_bridge", 0.0},
                                       {"residents_served", 21000.0}, {"qpv_residents_served", 9000.0}, {"top_ranks", {2, 5}}},
                                      {{"scope", "commune"}, {"code", ""}, {"name", ""}, {"gaps", 1}, {"metres", 100.0},
                                       {"metres_street", 100.0}, {"residents_served", nullptr}, {"qpv_residents_served", nullptr},
                                       {"top_ranks", {1}}}}},
                        {"qpv_summary", {{{"scope", "qpv"}, {"code", "Q1"}, {"name", "Les Courtillières"}, {"gaps", 3}, {"metres", 420.0},
                                          {"metres_bridge", 420.0}, {"qpv_residents_served", 4100.0}, {"top_ranks", {7}}}}}};
    const ReportModel m = model_of({gap(2, "street", "Pantin", 300, {"Q1", "Q2"}), gap(1, "street", "", 100, {})},
                                   {qpv("Q1", "Pantin", 5000)}, files);
    const Summary c = commune_summary(m);
    CHECK(c.from_run);
    REQUIRE(c.rows.size() == 2);
    CHECK(c.rows[0].name == "Commune non renseignée");  // rank 1 first
    CHECK(std::isnan(c.rows[0].residents));
    CHECK(c.rows[1].name == "Pantin");
    CHECK(c.rows[1].gaps == 4);
    CHECK(c.rows[1].km == Approx(1.6));
    CHECK(c.rows[1].km_by_class == std::map<std::string, double>{{"crossing", 0.1}, {"street", 1.5}});  // no 0-km class
    CHECK(c.rows[1].residents == Approx(9000));
    CHECK(c.rows[1].residents_all == Approx(21000));
    CHECK(c.rows[1].qpv_served == 2);  // from the gaps: Q1 and Q2
    CHECK(c.rows[1].ranks == std::vector<unsigned>{2, 5});
    const Summary q = qpv_summary(m);
    CHECK(q.from_run);
    REQUIRE(q.rows.size() == 1);
    CHECK(q.rows[0].name == "Les Courtillières");
    CHECK(q.rows[0].commune == "Pantin");  // from its indicators row
    CHECK(q.rows[0].share_near_network == json(0.5));
    CHECK(q.rows[0].residents == Approx(4100));
    CHECK(q.rows[0].km_by_class.at("bridge") == Approx(0.42));
    // A table that does not read (no gap count) is not used: the summary is computed.
    files.indicators["communes"] = {{{"name", "Pantin"}}};
    CHECK(!commune_summary(m).from_run);
    CHECK(commune_summary(m).rows.at(1).name == "Pantin");
}
