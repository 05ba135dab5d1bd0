#pragma once
// A table of QPV populations (INSEE's *population municipale* per QPV code, or any table with a
// QPV code and a population per row), for users without the 200 m grid: CSV with ',' or ';'
// (plain or gzip), the columns detected like the QPV layer's fields (docs/population.md).

#include <cstddef>
#include <string>
#include <vector>

namespace maillon {

struct QpvPopulationRow {
    std::string code;       // as written (trimmed)
    double residents = 0;
    std::size_t row = 0;    // row number in the file (1 = header)
};

struct QpvPopulationTable {
    std::string path;
    std::string code_field;        // as spelled in the file
    std::string population_field;
    std::vector<QpvPopulationRow> rows;
    std::vector<std::string> warnings;  // rows without a value (skipped)
};

/// Reads the table. Throws input_error naming the file (and the row) when it cannot be read, is not a
/// CSV table, has no QPV-code or population column (listing the columns found and the names tried),
/// a population that is negative or not a number, or the same code twice. Empty values are skipped
/// with a warning.
QpvPopulationTable load_qpv_population(const std::string& path);

/// Column names tried, lower case, in order; population also accepts pop_YYYY, pop_mun_YYYY and pYY_pop.
const std::vector<std::string>& qpv_table_code_candidates();
const std::vector<std::string>& qpv_table_population_candidates();

}  // namespace maillon
