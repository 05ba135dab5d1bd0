// Population sources (docs/population.md): INSEE's 200 m grid (cell ids, columns, values, gzip,
// projection with PROJ) and QPV population tables, on the real Filosofi 2021 sample of the demo
// (tests/data/filosofi2021-paris-centre-200m.csv) and on made-up files for every refusal.
//
// Reference coordinates are computed independently of the code under test:
//   - the sample's own `lon`,`lat` columns: the cell centres, computed by its author with pyproj
//     3.4.1 (shared/data/population/SOURCE.md), 6 decimals;
//   - PROJ's command line, e.g. `printf "2888400 3763200\n" | cs2cs -f %.9f EPSG:3035 EPSG:4326`
//     (EPSG:3035 takes northing first, EPSG:4326 gives latitude first).

#include "maillon/errors.hpp"
#include "maillon/importers/population_grid.hpp"
#include "maillon/importers/qpv_population.hpp"

#include <catch2/catch.hpp>
#include <zlib.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <unistd.h>
#include <vector>

using maillon::input_error;
using Catch::Matchers::Contains;

namespace {

const std::string data_dir = MAILLON_TEST_DATA;
const std::string sample = data_dir + "/filosofi2021-paris-centre-200m.csv";

/// A file with this text, removed at the end of the test.
struct TempFile {
    std::string path;
    explicit TempFile(const std::string& text, const std::string& suffix = ".csv") {
        static int counter = 0;
        path = "/tmp/maillon-test-population-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + suffix;
        std::ofstream{path, std::ios::binary} << text;
    }
    ~TempFile() { std::remove(path.c_str()); }
};

std::string read_all(const std::string& path) {
    std::ifstream in{path, std::ios::binary};
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

/// The message of the input_error `f` throws; fails the test if it throws nothing.
template <typename F>
std::string error_of(F&& f) {
    try {
        f();
    } catch (const input_error& e) {
        return e.what();
    }
    FAIL("no input_error thrown");
    return "";
}

}  // namespace

TEST_CASE("INSEE cell ids: N then E of the lower-left corner in EPSG:3035, any case, any resolution", "[population]") {
    const auto id = maillon::parse_grid_cell_id("CRS3035RES200mN2888400E3763200");
    REQUIRE(id);
    CHECK(id->north == 2888400);
    CHECK(id->east == 3763200);
    CHECK(id->size_m == 200);
    const auto lower = maillon::parse_grid_cell_id("crs3035res1000mn2029000e4252000");
    REQUIRE(lower);
    CHECK(lower->size_m == 1000);
    CHECK(lower->north == 2029000);
    CHECK(lower->east == 4252000);
    for (const char* bad : {"", "CRS3035RES200m", "CRS2154RES200mN6860000E652000", "CRS3035RES200mE3763200N2888400",
                            "CRS3035RES200mN2888400", "CRS3035RES200mN2888400E3763200x", "CRS3035RES0mN2888400E3763200",
                            "CRS3035RESmN2888400E3763200", "1kmN2888E3763", "CRS3035RES200mN-2888400E3763200",
                            " CRS3035RES200mN2888400E3763200"}) {
        INFO("'" << bad << "'");
        CHECK_FALSE(maillon::parse_grid_cell_id(bad));
    }
}

TEST_CASE("EPSG:3035 corners project to the WGS84 positions PROJ's cs2cs gives", "[population]") {
    // cs2cs -f %.9f EPSG:3035 EPSG:4326 on "N E" lines.
    struct Ref {
        double e, n, lon, lat;
    };
    const std::vector<Ref> refs{
        {3763200, 2888400, 2.386629911, 48.849161216},  // lower-left corner of the first cell of the sample
        {3763400, 2888600, 2.389066956, 48.851134835},  // its upper-right corner
        {4252000, 2029800, 9.178678411, 41.365756897},  // the 2015 documentation's example cell (Corsica)
        {4321000, 3210000, 10.0, 52.0},                 // the projection's centre (false easting/northing)
    };
    std::vector<double> x, y;
    for (const Ref& r : refs) x.push_back(r.e), y.push_back(r.n);
    maillon::laea_to_wgs84(x, y);
    for (std::size_t i = 0; i < refs.size(); ++i) {
        INFO("E " << refs[i].e << " N " << refs[i].n);
        CHECK(x[i] == Approx(refs[i].lon).margin(2e-9));
        CHECK(y[i] == Approx(refs[i].lat).margin(2e-9));
    }
    // And back.
    maillon::wgs84_to_laea(x, y);
    for (std::size_t i = 0; i < refs.size(); ++i) {
        CHECK(x[i] == Approx(refs[i].e).margin(1e-3));
        CHECK(y[i] == Approx(refs[i].n).margin(1e-3));
    }
}

TEST_CASE("the Filosofi 2021 sample reads as 309 cells of 363,605 residents whose centres match pyproj's", "[population]") {
    const maillon::PopulationGrid grid = maillon::load_population_grid(sample);
    CHECK(grid.id_field == "idcar_200m");
    CHECK(grid.population_field == "ind");
    REQUIRE(grid.cells.size() == 309);
    CHECK(grid.residents == Approx(363605.0).margin(1e-6));  // SOURCE.md: Σ ind = 363,605
    CHECK(grid.warnings.empty());

    // Cell centres (E+100, N+100) against the file's lon/lat columns (pyproj, 6 decimals).
    std::vector<double> x, y, lon, lat;
    std::istringstream lines{read_all(sample)};
    std::string line;
    const auto next = [&] {
        if (!std::getline(lines, line)) return false;
        if (!line.empty() && line.back() == '\r') line.pop_back();  // the file has CRLF line ends
        return true;
    };
    REQUIRE(next());
    REQUIRE(line == "idcar_200m,i_est_200,ind,ind_snv,lon,lat");
    while (next()) {
        std::vector<std::string> f;
        std::istringstream fields{line};
        for (std::string v; std::getline(fields, v, ',');) f.push_back(v);
        REQUIRE(f.size() == 6);
        const auto id = maillon::parse_grid_cell_id(f[0]);
        REQUIRE(id);
        x.push_back(static_cast<double>(id->east) + 100);
        y.push_back(static_cast<double>(id->north) + 100);
        lon.push_back(std::stod(f[4]));
        lat.push_back(std::stod(f[5]));
    }
    REQUIRE(x.size() == 309);
    maillon::laea_to_wgs84(x, y);
    for (std::size_t i = 0; i < x.size(); ++i) {
        INFO("cell " << i);
        CHECK(x[i] == Approx(lon[i]).margin(6e-7));
        CHECK(y[i] == Approx(lat[i]).margin(6e-7));
    }
}

TEST_CASE("cells near a box come with counter-clockwise lon/lat corners; the others are counted, not dropped",
          "[population]") {
    const maillon::PopulationGrid grid = maillon::load_population_grid(sample);
    const maillon::BBox republique{2.3515, 48.8576, 2.3807, 48.8700};
    const auto near = maillon::grid_cells_near(grid, republique);
    CHECK(near.cells.size() + near.cells_far == grid.cells.size());
    double residents = near.residents_far;
    for (const auto& c : near.cells) {
        residents += c.residents;
        // Shoelace in degrees: positive for a counter-clockwise ring; a 200 m square is ~ 1.2e-5 deg².
        double twice_area = 0;
        for (std::size_t k = 0; k < 4; ++k) {
            const auto a = c.corners[k], b = c.corners[(k + 1) % 4];
            twice_area += a.lon() * b.lat() - b.lon() * a.lat();
        }
        CHECK(twice_area / 2 == Approx(200.0 * 200.0 / (111195.0 * 111195.0 * std::cos(48.86 * M_PI / 180))).epsilon(0.01));
    }
    CHECK(residents == Approx(grid.residents));
    CHECK(near.cells.size() > 50);
    CHECK(near.cells_far > 100);  // the sample spans lon 2.34-2.395, much wider than the extract
}

TEST_CASE("the 2015/2017 spellings, ';' with decimal commas, and gzip read like the 2021 file", "[population]") {
    const TempFile semicolon{"IdINSPIRE;Ind;Men\r\nCRS3035RES200mN2888400E3763200;1415,5;600\r\n"
                             "CRS3035RES200mN2888400E3763400;\"1 864\";700\r\n\r\n"};
    const auto a = maillon::load_population_grid(semicolon.path);
    CHECK(a.id_field == "IdINSPIRE");
    CHECK(a.population_field == "Ind");
    REQUIRE(a.cells.size() == 2);
    CHECK(a.cells[0].residents == 1415.5);
    CHECK(a.cells[1].residents == 1864.0);

    const TempFile bom{"\xef\xbb\xbfIdcar_200m,IND\nCRS3035RES200mN2888400E3763200,12.5\n"};
    const auto b = maillon::load_population_grid(bom.path);
    CHECK(b.id_field == "Idcar_200m");
    REQUIRE(b.cells.size() == 1);

    // The sample, gzipped with zlib: the same cells.
    const std::string gz_path = "/tmp/maillon-test-population-" + std::to_string(::getpid()) + ".csv.gz";
    {
        gzFile out = gzopen(gz_path.c_str(), "wb");
        REQUIRE(out != nullptr);
        const std::string text = read_all(sample);
        REQUIRE(gzwrite(out, text.data(), static_cast<unsigned>(text.size())) == static_cast<int>(text.size()));
        gzclose(out);
    }
    const auto gz = maillon::load_population_grid(gz_path);
    const auto plain = maillon::load_population_grid(sample);
    REQUIRE(gz.cells.size() == plain.cells.size());
    CHECK(gz.residents == plain.residents);
    CHECK(gz.cells.back().id.east == plain.cells.back().id.east);

    // A gzip file cut in the middle is a clear error, not a silently shorter grid.
    const std::string whole = read_all(gz_path);
    const TempFile cut{whole.substr(0, whole.size() / 2), ".csv.gz"};
    CHECK_THAT(error_of([&] { maillon::load_population_grid(cut.path); }), Contains("truncated or damaged gzip"));
    std::remove(gz_path.c_str());
}

TEST_CASE("bad population grids are refused with the row, the value and the expected form", "[population]") {
    const auto refused = [](const std::string& text) {
        const TempFile f{text};
        return error_of([&] { maillon::load_population_grid(f.path); });
    };
    const std::string header = "idcar_200m,ind\n";
    // Unknown cell-id format.
    const std::string id = refused(header + "CRS3035RES200mN2888400E3763200,10\n1kmN2888E3763,12\n");
    CHECK_THAT(id, Contains("row 3") && Contains("'1kmN2888E3763'") && Contains("CRS3035RES200mN{northing}E{easting}"));
    // Missing population column: the columns found are listed.
    const std::string no_ind = refused("idcar_200m,men,ind_snv\nCRS3035RES200mN2888400E3763200,4,5\n");
    CHECK_THAT(no_ind, Contains("no population column") && Contains("ind") && Contains("columns found: idcar_200m, men, ind_snv"));
    CHECK_THAT(refused("code,ind\nx,1\n"), Contains("no cell-id column") && Contains("idcar_200m"));
    // Negative, non-numeric, empty, not finite.
    CHECK_THAT(refused(header + "CRS3035RES200mN2888400E3763200,-3\n"), Contains("row 2") && Contains("negative"));
    CHECK_THAT(refused(header + "CRS3035RES200mN2888400E3763200,abc\n"), Contains("'abc'") && Contains("not a number"));
    CHECK_THAT(refused(header + "CRS3035RES200mN2888400E3763200,nan\n"), Contains("not a number"));
    CHECK_THAT(refused(header + "CRS3035RES200mN2888400E3763200,\n"), Contains("no population"));
    CHECK_THAT(refused(header + "CRS3035RES200mN2888400E3763200\n"), Contains("1 fields where the header has 2"));
    // The same cell twice would be counted twice.
    CHECK_THAT(refused(header + "CRS3035RES200mN2888400E3763200,1\nCRS3035RES200mN2888400E3763400,2\n"
                                "crs3035res200mn2888400e3763200,3\n"),
               Contains("appears twice") && Contains("rows 2 and 4"));
    CHECK_THAT(refused(header), Contains("no cell"));
    CHECK_THAT(refused(""), Contains("is empty"));
    // Files that are not the CSV: said what they are and how to convert them.
    CHECK_THAT(refused(std::string{"PK\x03\x04", 4} + "zipped"), Contains("zip archive"));
    CHECK_THAT(refused(std::string{"SQLite format 3\0", 16} + "gpkg"), Contains("GeoPackage") && Contains("fetch-population.sh"));
    CHECK_THAT(refused(std::string{"\x00\x00\x27\x0a", 4} + "shp"), Contains("shapefile"));
    CHECK_THAT(refused("<!DOCTYPE html><html>error</html>"), Contains("HTML page"));
    CHECK_THAT(refused("just one column\nand another\n"), Contains("no ',', ';' or tab"));
    CHECK_THAT(error_of([] { maillon::load_population_grid("/nonexistent/grid.csv"); }), Contains("cannot open") && Contains("/nonexistent/grid.csv"));
}

TEST_CASE("QPV population tables: ';' or ',', codes and populations detected like the QPV layer's fields", "[population]") {
    const TempFile insee{"CODGEO;LIBGEO;P20_POP;P19_POP\nQN07519M;Grand Belleville;\"24 532\";24000\nQN07518M;Petit Belleville;;\n"};
    const auto t = maillon::load_qpv_population(insee.path);
    CHECK(t.code_field == "CODGEO");
    CHECK(t.population_field == "P20_POP");  // the latest year
    REQUIRE(t.rows.size() == 1);
    CHECK(t.rows[0].code == "QN07519M");
    CHECK(t.rows[0].residents == 24532);
    REQUIRE(t.warnings.size() == 1);  // Petit Belleville has no value: left unknown, said so
    CHECK_THAT(t.warnings[0], Contains("QN07518M"));

    const TempFile plain{"code_qp,population\nQN07519M,100.5\nQN09401M,2000\n"};
    const auto u = maillon::load_qpv_population(plain.path);
    CHECK(u.population_field == "population");
    REQUIRE(u.rows.size() == 2);
    CHECK(u.rows[0].residents == 100.5);

    const auto refused = [](const std::string& text) {
        const TempFile f{text};
        return error_of([&] { maillon::load_qpv_population(f.path); });
    };
    CHECK_THAT(refused("commune,population\nParis,100\n"), Contains("no QPV code column") && Contains("columns found: commune, population"));
    CHECK_THAT(refused("code_qp,nom\nQN1,x\n"), Contains("no population column") && Contains("pop_YYYY"));
    CHECK_THAT(refused("code_qp;pop\nQN1;-5\n"), Contains("negative"));
    CHECK_THAT(refused("code_qp;pop\nQN1;beaucoup\n"), Contains("'beaucoup'") && Contains("not a number"));
    CHECK_THAT(refused("code_qp;pop\nQN1;5\nQN2;6\nQN1;7\n"), Contains("QN1 appears twice (rows 2 and 4)"));
    CHECK_THAT(refused("code_qp;pop\nQN1;\n"), Contains("no row with a QPV code and a population"));
}
