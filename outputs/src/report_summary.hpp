#pragma once
// The per-commune and per-QPV summaries of the ranked gaps: how many, km to build by class, the
// QPV residents they serve, the best ranks. From indicators.json `communes` / `qpv_summary` as the
// analysis writes them (residents within 300 m counted once), else computed here from the gaps
// (their `commune` and `qpv_codes`; residents: those of the QPV reached).

#include "report_model.hpp"

#include <map>
#include <string>
#include <vector>

namespace maillon::outputs {

struct SummaryRow {
    std::string name;          // commune, or QPV name
    std::string code;          // QPV code ("" for communes)
    std::string commune;       // QPV: its commune
    std::size_t gaps = 0;
    std::map<std::string, double> km_by_class;  // class key → km
    double km = 0;
    std::size_t qpv_served = 0;                 // communes: QPV reached by their gaps
    // From the run: QPV residents within 300 m of the gaps, each once (a QPV: its own residents
    // served). Computed: the residents of the QPV reached (communes), the QPV's residents (QPV).
    double residents = nan_value;
    double residents_all = nan_value;           // from the run: all residents within 300 m
    json share_near_network;                    // QPV: today's share within 300 m of the network
    std::vector<unsigned> ranks;                // best first
};

struct Summary {
    std::vector<SummaryRow> rows;
    bool from_run = false;  // read from indicators.json rather than computed
};

Summary commune_summary(const ReportModel& m);
Summary qpv_summary(const ReportModel& m);

}  // namespace maillon::outputs
