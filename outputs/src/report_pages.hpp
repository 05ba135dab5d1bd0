#pragma once
// The report's A4 pages. Every page is laid out here, not by the browser: a table longer than a
// page is cut into pages of a fixed number of rows (rows have a fixed height, long text is cut at
// two lines), so that the page count is known before printing (the contents list gives page
// numbers, the tests check the PDF against it) and no row is split across two sheets.

#include "report_model.hpp"

#include <string>
#include <vector>

namespace maillon::outputs {

struct Page {
    std::string section;  // running header ("Maillons prioritaires")
    std::vector<std::string> toc;  // entries of the contents list starting on this page
    std::string body;     // HTML inside the page
    double height_mm = 0; // estimated height of the body; 0: a full page (never shared)
};

/// Height a page's body may take, mm: the 268.7 mm between the running header and the footer
/// (measured in Chromium), less a margin for the estimates.
constexpr double page_body_mm = 262;

/// Table rows: how tall they are (report_css.cpp), for page breaks and page sharing.
enum class RowSize { compact, normal, tall };

/// Pages in order, a short section (one page) sharing the previous page when both fit on it; each
/// page keeps its contents entries.
std::vector<Page> stack_short_sections(std::vector<std::vector<Page>> sections);

/// A table cut into pages of as many rows as fit (under the title and `intro` on the first page);
/// `after` follows the last row. Compact rows have one line of text, normal two, tall three.
std::vector<Page> table_pages(const std::string& section, const std::string& title, const std::string& intro,
                              const std::string& colgroup_and_head, const std::vector<std::string>& rows, RowSize size,
                              const std::string& after = "");

// The sections, in the report's order.
Page cover_page(const ReportModel& m, const std::vector<std::pair<std::string, std::size_t>>& contents);
Page overview_page(const ReportModel& m);
std::vector<Page> gap_table_pages(const ReportModel& m);
std::vector<Page> gap_map_pages(const ReportModel& m);
std::vector<Page> indicator_pages(const ReportModel& m);
std::vector<Page> station_pages(const ReportModel& m);
/// The per-commune and per-QPV summaries and the data issues: one section each.
std::vector<std::vector<Page>> summary_sections(const ReportModel& m);
std::vector<Page> method_pages(const ReportModel& m);

/// The stylesheet (screen and A4 print).
const char* report_css();

/// A cell cut at two lines.
std::string clamp_cell(const std::string& html, const char* css_class = "");

}  // namespace maillon::outputs
