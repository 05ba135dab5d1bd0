// The report's pages (outputs/src/report_*.cpp) on the République demo analysed in-process: fixed
// A4 sheets whose count is known before printing, a contents list that points at them, the
// sections a planner needs, and the credits.

#include "report/report_fixture.hpp"
#include "report_pages.hpp"

#include "maillon/outputs/report.hpp"

#include <catch2/catch.hpp>

#include <regex>

using namespace maillon;
using namespace maillon::outputs;
using maillon::test::count;

namespace {

std::vector<std::string> rows(std::size_t n) {
    std::vector<std::string> r;
    for (std::size_t i = 0; i < n; ++i) r.push_back("<tr><td>" + std::to_string(i) + "</td></tr>");
    return r;
}

}  // namespace

TEST_CASE("a long table is cut into pages of whole rows, the first under its introduction") {
    const std::string head = "<colgroup><col style=\"width:100%\"></colgroup><thead><tr><th>N</th></tr></thead>";
    const std::string intro = "<p>Intro " + std::string(400, 'x') + "</p>";  // four lines
    const auto pages = table_pages("S", "Titre", intro, head, rows(100), RowSize::normal, "<p>Note</p>");
    REQUIRE(pages.size() == 4);
    std::size_t total = 0;
    for (const Page& p : pages) {
        total += count(p.body, "<tr><td>");
        CHECK(p.height_mm <= page_body_mm);
    }
    CHECK(total == 100);
    CHECK(pages[0].toc == std::vector<std::string>{"Titre"});
    CHECK(pages[1].toc.empty());
    CHECK(pages[1].body.find("Titre (suite)") != std::string::npos);
    CHECK(pages[0].body.find("Intro") != std::string::npos);
    CHECK(count(pages[0].body, "<tr><td>") == 25);
    CHECK(pages[1].body.find("Intro") == std::string::npos);
    CHECK(pages.back().body.find("Note") != std::string::npos);
    CHECK(count(pages[1].body, "<tr><td>") > count(pages[0].body, "<tr><td>"));  // no introduction on the next pages
    CHECK(count(pages[1].body, "<tr><td>") == 27);  // (262 - 9.2 title - 6.5 head) / 8.9 mm
    // Compact rows are shorter: more of them on a page.
    CHECK(table_pages("S", "T", "", head, rows(100), RowSize::compact).size() < pages.size());
}

TEST_CASE("short sections share a page when both fit, never a full page") {
    const std::string head = "<thead><tr><th>N</th></tr></thead>";
    std::vector<std::vector<Page>> sections;
    sections.push_back({Page{"Carte", {"Carte"}, "<svg/>", 0}});
    sections.push_back(table_pages("A", "A", "", head, rows(3), RowSize::normal));
    sections.push_back(table_pages("B", "B", "", head, rows(5), RowSize::normal));
    sections.push_back(table_pages("C", "C", "", head, rows(60), RowSize::normal));
    sections.push_back(table_pages("D", "D", "", head, rows(2), RowSize::normal));
    const auto pages = stack_short_sections(std::move(sections));
    REQUIRE(pages.size() == 5);
    CHECK(pages[0].toc == std::vector<std::string>{"Carte"});           // a map page is never shared
    CHECK(pages[1].toc == std::vector<std::string>{"A", "B"});          // A and B on one page
    CHECK(pages[1].section == "A · B");
    CHECK(pages[2].toc == std::vector<std::string>{"C"});               // C takes three pages...
    CHECK(pages[3].toc.empty());
    CHECK(pages[4].toc == std::vector<std::string>{"D"});               // ...D joins its last one
    CHECK(count(pages[4].body, "<tr><td>") == 60 - count(pages[2].body, "<tr><td>") - count(pages[3].body, "<tr><td>") + 2);
}

TEST_CASE("the demo's report: numbered A4 sheets, a contents list pointing at them, every section, the credits") {
    const auto& f = test::demo_report_fixture();
    ReportOptions options;
    options.created_at = "2025-10-18";
    const std::string html = report_html(f.sources(), options);
    const std::size_t pages = count(html, "<section class=\"page\"");
    REQUIRE(pages >= 8);
    CHECK(count(html, "page " + std::to_string(pages) + " / " + std::to_string(pages)) == 1);
    // Each contents entry names the page its heading is on (the heading may go on: "… 1 à 6").
    const std::regex entry{"<li><span>([^<]*)</span><span>(\\d+)</span></li>"};
    std::size_t entries = 0;
    for (auto it = std::sregex_iterator(html.begin(), html.end(), entry); it != std::sregex_iterator(); ++it, ++entries) {
        const std::string title = (*it)[1], page = (*it)[2];
        INFO(title << " page " << page);
        const std::size_t sheet = html.find("<section class=\"page\" data-page=\"" + page + "\"");
        const std::size_t next = html.find("<section class=\"page\"", sheet + 1);
        REQUIRE(sheet != std::string::npos);
        CHECK(html.substr(sheet, next - sheet).find("<h2>" + title) != std::string::npos);
    }
    CHECK(entries >= 8);
    for (const char* section : {"Carte du territoire", "Maillons prioritaires", "Fiches des maillons 1 à 6", "Indicateurs : QPV et territoire",
                                "Synthèse par commune", "Synthèse par quartier prioritaire", "Méthode", "Paramètres de l’analyse"}) {
        CHECK(html.find(std::string{"<h2>"} + section) != std::string::npos);
    }
    // One card per top gap, and the table's rows.
    std::size_t ranked = 0;
    for (const auto& g : f.files.gaps["features"]) ranked += g["properties"]["rank"].is_null() ? 0 : 1;
    CHECK(count(html, "<div class=\"card\" data-rank=") == std::min<std::size_t>(ranked, 50));
    CHECK(count(html, "<tr data-rank=") == std::min<std::size_t>(ranked, 50));
    CHECK(html.find("© OpenStreetMap contributors") != std::string::npos);
    CHECK(html.find("ANCT") != std::string::npos);
    CHECK(html.find("Insee, Filosofi") != std::string::npos);
    CHECK(html.find("18 octobre 2025") != std::string::npos);
    CHECK(html.find("nan") == std::string::npos);
    CHECK(html.find("http") == html.find("http://www.w3.org/2000/svg"));  // no other address: offline
    // Every parameter of the run is in the method's table.
    for (const auto& [section, values] : f.files.run["parameters"].items()) {
        for (const auto& [k, v] : values.items()) CHECK(html.find("<code>" + section + "." + k + "</code>") != std::string::npos);
    }
}

TEST_CASE("a shorter top shortens the table and the cards, not the summaries") {
    const auto& f = test::demo_report_fixture();
    ReportOptions options;
    options.top = 3;
    const std::string html = report_html(f.sources(), options);
    CHECK(count(html, "<div class=\"card\" data-rank=") == 3);
    CHECK(count(html, "<tr data-rank=") == 3);
    CHECK(count(html, "<g class=\"gap-label\" data-rank=\"3\"") >= 2);  // on the territory's map and its card
    CHECK(count(html, "<g class=\"gap-label\" data-rank=\"4\"") == 0);  // beyond the top: not numbered
}
