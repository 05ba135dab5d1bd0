// Assembly of the report: the pages of every section, the contents list with their page numbers,
// running headers and footers, the stylesheet; then the files (HTML, and the PDF by Chromium).

#include "pdf_print.hpp"
#include "report_pages.hpp"

#include "maillon/errors.hpp"
#include "maillon/version.hpp"

#include <cmath>
#include <cstdlib>
#include <ctime>
#include <fstream>

namespace maillon::outputs {

std::string clamp_cell(const std::string& html, const char* css_class) {
    return std::string{"<td"} + (*css_class ? std::string{" class=\""} + css_class + "\"" : "") + "><div class=\"clamp\">" +
           html + "</div></td>";
}

namespace {

// Measured in Chromium (report_css.cpp: 6.2, 8.8 and 11.6 mm cells, 12.2 mm with their borders), rounded up.
double row_mm(RowSize size) { return size == RowSize::compact ? 6.3 : size == RowSize::tall ? 12.3 : 8.9; }

/// Characters of the text of some HTML (tags and entities left out), UTF-8 sequences counted once.
std::size_t text_chars(const std::string& html) {
    std::size_t n = 0;
    bool tag = false;
    for (std::size_t i = 0; i < html.size(); ++i) {
        const char c = html[i];
        if (c == '<') tag = true;
        else if (c == '>') tag = false;
        else if (!tag && (static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    }
    return n;
}

/// Height of running text: about 110 characters a line of the page's width at 8.8 pt (measured:
/// 440 characters of French make four lines), half a line more for the last one, 4.3 mm a line,
/// and the paragraph's margin.
double text_mm(const std::string& html) {
    const std::size_t n = text_chars(html);
    return n == 0 ? 0 : (static_cast<double>(n) / 110.0 + 0.5) * 4.3 + 2.2;
}

/// Height of a table head: the tallest heading, wrapped in its column (7.5 pt condensed bold).
double head_mm(const std::string& head) {
    std::vector<double> widths;
    for (std::size_t at = head.find("width:"); at != std::string::npos; at = head.find("width:", at + 1)) {
        widths.push_back(std::atof(head.c_str() + at + 6));
    }
    std::size_t col = 0, lines = 1;
    for (std::size_t at = head.find("<th"); at != std::string::npos; at = head.find("<th", at + 1), ++col) {
        const std::size_t open = head.find('>', at), close = head.find("</th>", at);
        const double width_mm = (col < widths.size() ? widths[col] : 10) / 100 * 182 - 2.2;
        const double per_line = std::max(3.0, width_mm / 1.45);
        lines = std::max(lines, static_cast<std::size_t>(std::ceil(static_cast<double>(text_chars(head.substr(open + 1, close - open - 1))) / per_line)));
    }
    return static_cast<double>(lines) * 3.3 + 3.2;
}

constexpr double title_mm = 9.2;  // h2 and its margin

}  // namespace

std::vector<Page> table_pages(const std::string& section, const std::string& title, const std::string& intro,
                              const std::string& head, const std::vector<std::string>& rows, RowSize size, const std::string& after) {
    const double row = row_mm(size), head_h = head_mm(head), intro_h = text_mm(intro), after_h = text_mm(after);
    const char* css = size == RowSize::compact ? "data compact" : size == RowSize::tall ? "data tall" : "data";
    std::vector<Page> pages;
    std::size_t i = 0;
    do {
        const bool first = pages.empty();
        const double fixed = title_mm + head_h + (first ? intro_h : 0);
        const auto fit = static_cast<std::size_t>(std::max(1.0, std::floor((page_body_mm - fixed) / row)));
        std::size_t n = std::min(rows.size() - i, fit);
        // The note after the table goes with its last rows.
        if (i + n == rows.size() && fixed + static_cast<double>(n) * row + after_h > page_body_mm && n > 1) {
            n -= std::min(n - 1, static_cast<std::size_t>(std::ceil(after_h / row)));
        }
        Page p;
        p.section = section;
        if (first) p.toc.push_back(title);
        p.body = "<h2>" + html_escape(title) + (first ? "" : " (suite)") + "</h2>" + (first ? intro : "");
        p.body += std::string{"<table class=\""} + css + "\">" + head + "<tbody>";
        for (std::size_t k = 0; k < n; ++k) p.body += rows[i + k];
        p.body += "</tbody></table>";
        i += n;
        p.height_mm = fixed + static_cast<double>(n) * row;
        if (i == rows.size()) p.body += after, p.height_mm += after_h;
        pages.push_back(std::move(p));
    } while (i < rows.size());
    return pages;
}

std::vector<Page> stack_short_sections(std::vector<std::vector<Page>> sections) {
    constexpr double gap_mm = 7;  // .stack's margin
    std::vector<Page> out;
    for (auto& s : sections) {
        for (std::size_t k = 0; k < s.size(); ++k) {
            Page& p = s[k];
            const bool short_section = s.size() == 1 && p.height_mm > 0;
            if (short_section && !out.empty() && out.back().height_mm > 0 && out.back().height_mm + gap_mm + p.height_mm <= page_body_mm) {
                Page& prev = out.back();
                prev.body += "<div class=\"stack\">" + p.body + "</div>";
                prev.height_mm += gap_mm + p.height_mm;
                if (prev.section != p.section) prev.section += " · " + p.section;
                prev.toc.insert(prev.toc.end(), p.toc.begin(), p.toc.end());
                continue;
            }
            out.push_back(std::move(p));
        }
    }
    return out;
}

namespace {

/// Today (UTC) as YYYY-MM-DD, the report's date unless the options give one.
std::string today() {
    const std::time_t t = std::time(nullptr);
    const std::tm* utc = std::gmtime(&t);
    return std::to_string(1900 + utc->tm_year) + (utc->tm_mon < 9 ? "-0" : "-") + std::to_string(utc->tm_mon + 1) +
           (utc->tm_mday < 10 ? "-0" : "-") + std::to_string(utc->tm_mday);
}

std::string attribution_line(const ReportModel& m) {
    std::string a = "© OpenStreetMap contributors (ODbL) · QPV : ANCT";
    const json& pop = m.files->run.value("population", json::object());
    if (pop.value("source", "") == "grid") a += " · Population : Insee, Filosofi";
    if (m.stations) a += " · Vélib’ Métropole";
    return a;
}

}  // namespace

std::string report_html(const ReportSources& sources, const ReportOptions& options_in) {
    ReportOptions options = options_in;
    if (options.title.empty()) options.title = "Maillons manquants du réseau cyclable";
    if (options.territory.empty()) {
        std::string name = sources.files.run.value("osm", json::object()).value("source", "");
        for (const char* ext : {".osm.pbf", ".osm.bz2", ".osm.gz", ".osm", ".pbf", ".maillon"}) {
            const std::string e = ext;
            if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) {
                name.erase(name.size() - e.size());
                break;
            }
        }
        options.territory = name.empty() ? "territoire étudié" : name;
    }
    if (options.created_at.empty()) options.created_at = today();
    const BaseMap map{sources.graph, sources.network};
    const ReportModel m = build_model(sources, map, options);

    std::vector<std::vector<Page>> sections;
    sections.push_back({overview_page(m)});
    sections.push_back(gap_table_pages(m));
    sections.push_back(gap_map_pages(m));
    sections.push_back(indicator_pages(m));
    if (m.stations) sections.push_back(station_pages(m));
    for (auto& s : summary_sections(m)) sections.push_back(std::move(s));
    sections.push_back(method_pages(m));
    std::vector<Page> pages = stack_short_sections(std::move(sections));
    std::vector<std::pair<std::string, std::size_t>> contents;
    for (std::size_t i = 0; i < pages.size(); ++i) {
        for (const std::string& t : pages[i].toc) contents.emplace_back(t, i + 2);  // the cover is page 1
    }
    pages.insert(pages.begin(), cover_page(m, contents));

    std::string html = "<!DOCTYPE html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>" +
                       html_escape(options.title + " — " + options.territory) +
                       "</title><meta name=\"generator\" content=\"maillon " + version_string + "\"><style>" + report_css() +
                       "</style></head><body>\n";
    const std::string foot_left = html_escape(options.title + " — " + options.territory);
    const std::string attribution = html_escape(attribution_line(m));
    for (std::size_t i = 0; i < pages.size(); ++i) {
        html += "<section class=\"page\" data-page=\"" + std::to_string(i + 1) + "\">";
        if (i > 0) html += "<div class=\"running\"><span>" + foot_left + "</span><span>" + html_escape(pages[i].section) + "</span></div>";
        html += pages[i].body;
        html += "<footer><span>" + attribution + "</span><span>page " + std::to_string(i + 1) + " / " +
                std::to_string(pages.size()) + "</span></footer></section>\n";
    }
    html += "</body></html>\n";
    return html;
}

ReportOutcome write_report(const std::string& dir, const ReportSources& sources, const ReportOptions& options, bool pdf) {
    const std::string html = report_html(sources, options);
    const std::string html_path = dir + "/report.html";
    {
        std::ofstream out{html_path, std::ios::binary};
        out << html;
        out.flush();
        if (!out) throw input_error{"writing '" + html_path + "' failed (disk full or not writable?)"};
    }
    ReportOutcome outcome;
    for (std::size_t at = html.find("<section class=\"page\""); at != std::string::npos; at = html.find("<section class=\"page\"", at + 1)) {
        ++outcome.pages;
    }
    if (!pdf) return outcome;
    const PdfResult printed = print_pdf(html_path, dir + "/report.pdf");
    outcome.pdf_written = printed.written;
    outcome.pdf_message = printed.message;
    return outcome;
}

}  // namespace maillon::outputs
