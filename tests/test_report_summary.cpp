// The per-commune and per-QPV summaries of the report (outputs/src/report_summary.cpp): computed
// from the gaps when the run has no tables of its own, taken from indicators.json when it has.

#include "base_map.hpp"
#include "report/report_fixture.hpp"
#include "report_summary.hpp"

#include <catch2/catch.hpp>

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

TEST_CASE("a run's own tables (indicators.json communes, qpv_summary) are used when they read") {
    AnalyzeFiles files;
    files.indicators = {{"rows", json::array()},
                        {"communes", {{{"name", "Pantin"}, {"gaps", 4}, {"km_by_class", {{"street", 1.5}, {"crossing", 0.1}}},
                                       {"qpv_residents", 9000}, {"qpv_served", 2}, {"ranks", {5, 2}}}}},
                        {"qpv_summary", {{{"code", "Q9"}, {"name", "Les Courtillières"}, {"gap_count", 3}}}}};
    const ReportModel m = model_of({gap(1, "street", "Montreuil", 300, {"Q1"})}, {qpv("Q1", "Montreuil", 5000)}, files);
    const Summary c = commune_summary(m);
    CHECK(c.from_run);
    REQUIRE(c.rows.size() == 1);
    CHECK(c.rows[0].name == "Pantin");
    CHECK(c.rows[0].gaps == 4);
    CHECK(c.rows[0].km == Approx(1.6));
    CHECK(c.rows[0].residents == Approx(9000));
    CHECK(c.rows[0].ranks == std::vector<unsigned>{2, 5});
    const Summary q = qpv_summary(m);
    CHECK(q.from_run);
    REQUIRE(q.rows.size() == 1);
    CHECK(q.rows[0].name == "Les Courtillières");
    CHECK(q.rows[0].gaps == 3);
    // A table that does not read (no gap count) is not used: the summary is computed.
    files.indicators["communes"] = {{{"name", "Pantin"}}};
    CHECK(!commune_summary(m).from_run);
    CHECK(commune_summary(m).rows.at(0).name == "Montreuil");
}
