// Reading INSEE's gridded population (population_grid.hpp): columns, cell ids, values, checks.
// The projection of the cells is in grid_projection.cpp.

#include "maillon/importers/population_grid.hpp"

#include "csv_file.hpp"
#include "text.hpp"
#include "maillon/errors.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace maillon {
namespace {

/// Reads an unsigned decimal number at `pos`, advancing it; false if there is no digit.
bool read_digits(std::string_view s, std::size_t& pos, std::int64_t& value) {
    const std::size_t start = pos;
    value = 0;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])) && pos - start < 12) {
        value = value * 10 + (s[pos] - '0');
        ++pos;
    }
    return pos > start && (pos == s.size() || !std::isdigit(static_cast<unsigned char>(s[pos])));
}

bool read_letter(std::string_view s, std::size_t& pos, char upper) {
    if (pos >= s.size() || std::toupper(static_cast<unsigned char>(s[pos])) != upper) return false;
    ++pos;
    return true;
}

std::string quoted(const std::string& s) { return "'" + s + "'"; }

constexpr const char* id_form = "CRS3035RES200mN{northing}E{easting}, the lower-left corner in EPSG:3035 metres, "
                                "e.g. CRS3035RES200mN2888400E3763200";

}  // namespace

std::optional<GridCellId> parse_grid_cell_id(std::string_view id) {
    static constexpr std::string_view prefix = "CRS3035RES";
    if (id.size() < prefix.size()) return std::nullopt;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        if (std::toupper(static_cast<unsigned char>(id[i])) != prefix[i]) return std::nullopt;
    }
    std::size_t pos = prefix.size();
    std::int64_t size = 0, north = 0, east = 0;
    if (!read_digits(id, pos, size) || !read_letter(id, pos, 'M') || !read_letter(id, pos, 'N') ||
        !read_digits(id, pos, north) || !read_letter(id, pos, 'E') || !read_digits(id, pos, east) || pos != id.size()) {
        return std::nullopt;
    }
    if (size <= 0 || size > 100000) return std::nullopt;
    return GridCellId{north, east, static_cast<std::int32_t>(size)};
}

const std::vector<std::string>& grid_id_field_candidates() {
    // 2019-2021 idcar_200m; 2015 IdINSPIRE; 2017 Idcar_200m (case-insensitive); INSPIRE-style copies.
    static const std::vector<std::string> v{"idcar_200m", "idinspire", "id_inspire", "idcar", "id_carreau"};
    return v;
}

const std::vector<std::string>& grid_population_field_candidates() {
    // `ind` (2015-2021, `Ind` in 2015/2017); ind_c in the 2010 release.
    static const std::vector<std::string> v{"ind", "ind_c"};
    return v;
}

PopulationGrid load_population_grid(const std::string& path) {
    PopulationGrid grid;
    grid.path = path;
    const std::string what = "population grid " + quoted(path);
    long id_col = -1, pop_col = -1;
    std::size_t width = 0;
    std::vector<std::size_t> rows;  // per cell: its row number, for the duplicate message
    csv::read(path, what, [&](const csv::Record& rec) {
        const std::vector<std::string>& f = *rec.fields;
        if (rec.number == 1) {
            id_col = csv::find_column(f, grid_id_field_candidates());
            pop_col = csv::find_column(f, grid_population_field_candidates());
            const std::string found = text::join(f);
            if (id_col < 0) {
                throw input_error{what + " has no cell-id column (looked for " + text::join(grid_id_field_candidates()) +
                                  ", any case); columns found: " + found +
                                  ". Is it INSEE's 200 m grid (Filosofi, données carroyées)?"};
            }
            if (pop_col < 0) {
                throw input_error{what + " has no population column (looked for " +
                                  text::join(grid_population_field_candidates()) + ", any case); columns found: " + found};
            }
            grid.id_field = f[static_cast<std::size_t>(id_col)];
            grid.population_field = f[static_cast<std::size_t>(pop_col)];
            width = f.size();
            return true;
        }
        const std::string row = "row " + std::to_string(rec.number);
        if (f.size() <= static_cast<std::size_t>(std::max(id_col, pop_col))) {
            throw input_error{what + ", " + row + ": " + std::to_string(f.size()) + " fields where the header has " +
                              std::to_string(width) + " (a cut line or a different separator?)"};
        }
        const std::string& id_text = f[static_cast<std::size_t>(id_col)];
        const auto id = parse_grid_cell_id(id_text);
        if (!id) {
            throw input_error{what + ", " + row + ": cell id " + quoted(id_text) + " in column " + grid.id_field +
                              " is not of the form " + id_form};
        }
        const std::string& value = f[static_cast<std::size_t>(pop_col)];
        double residents = 0;
        if (value.empty()) {
            throw input_error{what + ", " + row + ": cell " + id_text + " has no population (column " +
                              grid.population_field + " is empty)"};
        }
        if (!csv::parse_number(value, residents)) {
            throw input_error{what + ", " + row + ": population " + quoted(value) + " of cell " + id_text + " (column " +
                              grid.population_field + ") is not a number"};
        }
        if (residents < 0) {
            throw input_error{what + ", " + row + ": population " + value + " of cell " + id_text + " is negative"};
        }
        grid.cells.push_back({*id, residents});
        rows.push_back(rec.number);
        grid.residents += residents;
        return true;
    });
    if (grid.cells.empty()) throw input_error{what + " has a header but no cell"};

    // The same cell twice would count its residents twice.
    std::vector<std::size_t> order(grid.cells.size());
    std::iota(order.begin(), order.end(), 0);
    const auto key = [&](std::size_t i) {
        const GridCellId& c = grid.cells[i].id;
        return std::make_tuple(c.north, c.east, c.size_m);
    };
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
    for (std::size_t k = 1; k < order.size(); ++k) {
        if (key(order[k]) == key(order[k - 1])) {
            const GridCellId& c = grid.cells[order[k]].id;
            throw input_error{what + ": cell CRS3035RES" + std::to_string(c.size_m) + "mN" + std::to_string(c.north) + "E" +
                              std::to_string(c.east) + " appears twice (rows " + std::to_string(rows[order[k - 1]]) + " and " +
                              std::to_string(rows[order[k]]) + "): its residents would be counted twice"};
        }
    }
    return grid;
}

}  // namespace maillon
