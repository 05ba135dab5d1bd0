// French numbers for the report (outputs/src/french_format.cpp) and the CSV dialects
// (analysis/csv_writer.hpp).

#include "french_format.hpp"
#include "maillon/analysis/csv_writer.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace maillon;
using namespace maillon::outputs;

TEST_CASE("numbers are written the French way: narrow no-break space between thousands, decimal comma") {
    CHECK(fr_number(0.0) == "0");
    CHECK(fr_number(999.4) == "999");
    CHECK(fr_number(1203.0) == "1\u202F203");
    CHECK(fr_number(1234567.891, 2) == "1\u202F234\u202F567,89");
    CHECK(fr_number(-2.5, 1) == "−2,5");
    CHECK(fr_number(-0.01, 1) == "0,0");  // no "−0,0"
    CHECK(fr_number(std::nan("")) == "—");
    CHECK(fr_number(json(nullptr)) == "—");
    CHECK(fr_number(json("12")) == "—");
    CHECK(fr_length(850) == "850 m");
    CHECK(fr_length(1816.3) == "1,82 km");
    CHECK(fr_km(16.42) == "16,4 km");
    CHECK(fr_share(json(0.8435)) == "84,4 %");
    CHECK(fr_share(json(nullptr)) == "—");
    CHECK(fr_points(json(15.6)) == "+15,6 pts");
    CHECK(fr_points(json(-0.3)) == "−0,3 pt");
    CHECK(fr_date("2025-10-18T06:00:00Z") == "18 octobre 2025");
    CHECK(fr_date("2026-12-01") == "1er décembre 2026");
    CHECK(fr_date("hier") == "hier");
    CHECK(html_escape("<a href=\"x\">l'été & co</a>") == "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;");
}

TEST_CASE("standard CSV: comma, decimal point, quotes only where needed, lists joined with ';'") {
    analysis::CsvWriter w{analysis::CsvStyle::standard};
    w.field("rank"), w.field("name"), w.field("codes"), w.end_row();
    w.field(1), w.field("Rue \"A\", B"), w.field(json::array({"QN1", "QN2"})), w.number(2.3654321), w.field(nullptr), w.end_row();
    CHECK(w.text() == "rank,name,codes\n1,\"Rue \"\"A\"\", B\",QN1;QN2,2.3654321,\n");
}

TEST_CASE("excel-fr CSV: byte order mark, ';', decimal comma, CRLF; a list is quoted since ';' separates") {
    analysis::CsvWriter w{analysis::CsvStyle::excel_fr};
    w.field("longueur"), w.field("rue"), w.end_row();
    w.field(131.2), w.field("Rue de l'Été, Paris"), w.field(json::array({"QN1", "QN2"})), w.field(12), w.field(true), w.end_row();
    CHECK(w.text() == "\xEF\xBB\xBFlongueur;rue\r\n131,2;Rue de l'Été, Paris;\"QN1;QN2\";12;true\r\n");
    CHECK(analysis::csv_style_from_name("excel-fr") == analysis::CsvStyle::excel_fr);
    CHECK(analysis::csv_style_from_name("standard") == analysis::CsvStyle::standard);
    CHECK(!analysis::csv_style_from_name("excel"));
}
