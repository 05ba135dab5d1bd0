#include "maillon/importers/qpv_population.hpp"

#include "csv_file.hpp"
#include "text.hpp"
#include "maillon/errors.hpp"
#include "maillon/importers/qpv.hpp"

#include <algorithm>
#include <map>
#include <regex>

namespace maillon {
namespace {

std::vector<std::string> with(std::vector<std::string> base, std::initializer_list<const char*> more) {
    for (const char* m : more) {
        if (std::find(base.begin(), base.end(), m) == base.end()) base.emplace_back(m);
    }
    return base;
}

/// A year-stamped population column (INSEE style: P20_POP, pop_2020, pop_mun_2021), the latest
/// year first; -1 if none.
long year_column(const std::vector<std::string>& header) {
    static const std::regex pattern{R"(^(?:p(\d\d)_pop|pop(?:_mun)?_?(\d{4}))$)"};
    long best = -1;
    int best_year = -1;
    for (std::size_t i = 0; i < header.size(); ++i) {
        std::smatch m;
        const std::string name = text::lower(header[i]);
        if (!std::regex_match(name, m, pattern)) continue;
        const int year = m[1].matched ? 2000 + std::stoi(m[1].str()) : std::stoi(m[2].str());
        if (year > best_year) best_year = year, best = static_cast<long>(i);
    }
    return best;
}

}  // namespace

const std::vector<std::string>& qpv_table_code_candidates() {
    // The QPV layer's code fields, and INSEE's geographic code column.
    static const std::vector<std::string> v = with(qpv_code_field_candidates(), {"codgeo", "code_geo", "cod_geo"});
    return v;
}

const std::vector<std::string>& qpv_table_population_candidates() {
    static const std::vector<std::string> v =
        with(qpv_population_field_candidates(), {"pmun", "population_municipale", "pop_municipale", "ind"});
    return v;
}

QpvPopulationTable load_qpv_population(const std::string& path) {
    QpvPopulationTable table;
    table.path = path;
    const std::string what = "QPV population table '" + path + "'";
    long code_col = -1, pop_col = -1;
    std::map<std::string, std::size_t> seen;
    std::vector<std::string> empty;
    csv::read(path, what, [&](const csv::Record& rec) {
        const std::vector<std::string>& f = *rec.fields;
        if (rec.number == 1) {
            code_col = csv::find_column(f, qpv_table_code_candidates());
            pop_col = csv::find_column(f, qpv_table_population_candidates());
            if (pop_col < 0) pop_col = year_column(f);
            const std::string found = text::join(f);
            if (code_col < 0) {
                throw input_error{what + " has no QPV code column (looked for " + text::join(qpv_table_code_candidates()) +
                                  ", any case); columns found: " + found + ". Rename the code column code_qp"};
            }
            if (pop_col < 0) {
                throw input_error{what + " has no population column (looked for " +
                                  text::join(qpv_table_population_candidates()) +
                                  ", pop_YYYY, pYY_pop, any case); columns found: " + found + ". Rename it population"};
            }
            table.code_field = f[static_cast<std::size_t>(code_col)];
            table.population_field = f[static_cast<std::size_t>(pop_col)];
            return true;
        }
        const std::string row = "row " + std::to_string(rec.number);
        if (f.size() <= static_cast<std::size_t>(std::max(code_col, pop_col))) {
            throw input_error{what + ", " + row + ": " + std::to_string(f.size()) + " fields, fewer than the header's"};
        }
        const std::string& code = f[static_cast<std::size_t>(code_col)];
        const std::string& value = f[static_cast<std::size_t>(pop_col)];
        if (code.empty()) throw input_error{what + ", " + row + ": no QPV code (column " + table.code_field + " is empty)"};
        if (value.empty()) {
            empty.push_back(code);
            return true;
        }
        double residents = 0;
        if (!csv::parse_number(value, residents)) {
            throw input_error{what + ", " + row + ": population '" + value + "' of " + code + " (column " +
                              table.population_field + ") is not a number"};
        }
        if (residents < 0) throw input_error{what + ", " + row + ": population " + value + " of " + code + " is negative"};
        const auto [it, fresh] = seen.emplace(code, rec.number);
        if (!fresh) {
            throw input_error{what + ": QPV " + code + " appears twice (rows " + std::to_string(it->second) + " and " +
                              std::to_string(rec.number) + ")"};
        }
        table.rows.push_back({code, residents, rec.number});
        return true;
    });
    if (table.rows.empty()) throw input_error{what + " has no row with a QPV code and a population"};
    if (!empty.empty()) {
        table.warnings.push_back(what + ": " + std::to_string(empty.size()) + " QPV without a population value, left " +
                                 "unknown: " + text::join(empty));
    }
    return table;
}

}  // namespace maillon
