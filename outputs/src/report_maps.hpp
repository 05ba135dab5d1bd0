#pragma once
// The report's maps as SVG: the whole territory (streets faint, the cycle network by facility, QPV,
// commune limits, the top gaps numbered) and one small map per top gap (its surroundings). Every
// drawn feature carries a class (and a data- attribute) so that tests can count them:
//   g.streets[data-group]      one path of all the streets of an importance group
//   path.network[data-facility] one path of all the network edges of a facility
//   path.qpv[data-code]         one path per QPV
//   path.gap[data-rank]         one per gap (data-rank 0: a data issue), casing excluded
//   g.gap-label[data-rank]      one per numbered gap

#include "report_model.hpp"

#include <string>
#include <vector>

namespace maillon::outputs {

struct MapResult {
    std::string svg;
    std::vector<Facility> facilities;  // network facilities drawn (legend)
    bool has_qpv = false;
    bool has_data_issues = false;
    double m_per_mm = 0;
};

/// The territory: every ranked gap of the top numbered, QPV of the area.
MapResult overview_map(const ReportModel& m, double width_mm, double height_mm);
/// The surroundings of one gap (index into m.gaps), with the gaps nearby.
MapResult gap_map(const ReportModel& m, std::size_t gap, double width_mm, double height_mm);

}  // namespace maillon::outputs
