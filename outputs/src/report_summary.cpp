#include "report_summary.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace maillon::outputs {
namespace {

constexpr const char* no_commune = "Commune non renseignée";

void add_gap(SummaryRow& row, const ReportGap& g) {
    ++row.gaps;
    const double km = std::isfinite(g.length_m) ? g.length_m / 1000 : 0;
    row.km_by_class[g.class_key] += km;
    row.km += km;
    row.ranks.push_back(g.rank);
}

void sort_rows(std::vector<SummaryRow>& rows) {
    for (SummaryRow& r : rows) std::sort(r.ranks.begin(), r.ranks.end());
    std::stable_sort(rows.begin(), rows.end(), [](const SummaryRow& a, const SummaryRow& b) {
        const unsigned ra = a.ranks.empty() ? ~0U : a.ranks.front(), rb = b.ranks.empty() ? ~0U : b.ranks.front();
        return ra != rb ? ra < rb : a.name < b.name;
    });
}

/// A run's own table (indicators.json `communes` or `qpv_summary`, docs/data-dictionary.md), when
/// every entry has a gap count; else nothing, and the summary is computed.
bool read_run_table(const json& table, bool qpv, bool residents, std::vector<SummaryRow>& rows) {
    if (!table.is_array() || table.empty()) return false;
    for (const auto& e : table) {
        if (!e.is_object() || !e.contains("gaps") || !e["gaps"].is_number()) return false;
        SummaryRow r;
        r.code = e.value("code", "");
        r.name = e.contains("name") && e["name"].is_string() ? e["name"].get<std::string>() : "";
        if (r.name.empty()) r.name = qpv ? r.code : no_commune;
        r.gaps = e["gaps"].get<std::size_t>();
        r.km = number_or_nan(e.value("metres", json())) / 1000;
        for (const std::string& k : project_class_keys()) {
            const double m = number_or_nan(e.value("metres_" + k, json()));
            if (std::isfinite(m) && m > 0) r.km_by_class[k] = m / 1000;
        }
        r.residents = number_or_nan(e.value(residents ? "qpv_residents_served" : "qpv_weight_served", json()));
        r.residents_all = number_or_nan(e.value(residents ? "residents_served" : "weight_served", json()));
        for (const auto& x : e.value("top_ranks", json::array())) {
            if (x.is_number_integer() && x.get<long>() > 0) r.ranks.push_back(x.get<unsigned>());
        }
        rows.push_back(std::move(r));
    }
    return true;
}

double qpv_residents(const ReportQpv& q) {
    const double r = number_or_nan(q.row.value("residents", json()));
    return std::isfinite(r) ? r : number_or_nan(q.row.value("residents_declared", json()));
}

/// The run's table `key` of indicators.json, when it has one that reads.
bool from_run(const ReportModel& m, const char* key, bool qpv, Summary& s) {
    s.from_run = read_run_table(m.files->indicators.value(key, json()), qpv, m.residents, s.rows);
    if (s.from_run) sort_rows(s.rows);
    else s.rows.clear();
    return s.from_run;
}

}  // namespace

Summary commune_summary(const ReportModel& m) {
    Summary s;
    // The QPV each commune's gaps reach, from the gaps (the run's table does not list them).
    std::map<std::string, std::set<std::string>> reached;
    for (std::size_t i = 0; i < m.ranked; ++i) {
        const ReportGap& g = m.gaps[i];
        reached[g.commune.empty() ? no_commune : g.commune].insert(g.qpv_codes.begin(), g.qpv_codes.end());
    }
    if (from_run(m, "communes", false, s)) {
        for (SummaryRow& row : s.rows) row.qpv_served = reached[row.name].size();
        return s;
    }
    std::map<std::string, SummaryRow> by;
    for (std::size_t i = 0; i < m.ranked; ++i) {
        const ReportGap& g = m.gaps[i];
        const std::string name = g.commune.empty() ? no_commune : g.commune;
        SummaryRow& row = by[name];
        row.name = name;
        add_gap(row, g);
    }
    for (auto& [name, row] : by) {
        // Residents of the QPV the commune's gaps reach: each QPV once, however many gaps reach it.
        row.qpv_served = reached[name].size();
        if (m.residents) {
            double total = 0;
            for (const ReportQpv& q : m.qpv) {
                if (reached[name].count(q.code) && std::isfinite(qpv_residents(q))) total += qpv_residents(q);
            }
            row.residents = total;
        }
        s.rows.push_back(std::move(row));
    }
    sort_rows(s.rows);
    return s;
}

Summary qpv_summary(const ReportModel& m) {
    Summary s;
    if (from_run(m, "qpv_summary", true, s)) {
        // Commune and today's share from the QPV's indicators row.
        for (SummaryRow& row : s.rows) {
            for (const ReportQpv& q : m.qpv) {
                if (q.code != row.code) continue;
                row.commune = q.commune;
                row.share_near_network = q.row.value("share_near_network", json());
            }
        }
        return s;
    }
    for (const ReportQpv& q : m.qpv) {
        SummaryRow row;
        row.name = q.name.empty() ? q.code : q.name;
        row.code = q.code;
        row.commune = q.commune;
        row.residents = qpv_residents(q);
        row.share_near_network = q.row.value("share_near_network", json());
        for (std::size_t i = 0; i < m.ranked; ++i) {
            const auto& codes = m.gaps[i].qpv_codes;
            if (std::find(codes.begin(), codes.end(), q.code) != codes.end()) add_gap(row, m.gaps[i]);
        }
        s.rows.push_back(std::move(row));
    }
    sort_rows(s.rows);
    return s;
}

}  // namespace maillon::outputs
