#include "maillon/analysis/csv_writer.hpp"

namespace maillon::analysis {

std::optional<CsvStyle> csv_style_from_name(std::string_view name) noexcept {
    if (name == "standard") return CsvStyle::standard;
    if (name == "excel-fr") return CsvStyle::excel_fr;
    return std::nullopt;
}

CsvWriter::CsvWriter(CsvStyle style) : m_style(style), m_separator(style == CsvStyle::excel_fr ? ';' : ',') {
    if (m_style == CsvStyle::excel_fr) m_out = "\xEF\xBB\xBF";
}

namespace {

/// JSON's shortest round-trip text of a number, with a decimal comma when asked ("1e-05" keeps its
/// exponent: spreadsheets read "1,5e-05" in French locales too).
std::string number_text(const nlohmann::ordered_json& v, bool comma) {
    std::string s = v.dump();
    if (comma && v.is_number_float()) {
        for (char& c : s) c = c == '.' ? ',' : c;
    }
    return s;
}

}  // namespace

void CsvWriter::field(const nlohmann::ordered_json& v) {
    const bool comma = m_style == CsvStyle::excel_fr;
    std::string s;
    if (v.is_null()) s.clear();
    else if (v.is_string()) s = v.get<std::string>();
    else if (v.is_array()) {
        for (const auto& x : v) s += (s.empty() ? "" : ";") + (x.is_string() ? x.get<std::string>() : number_text(x, comma));
    } else s = number_text(v, comma);
    raw(s);
}

void CsvWriter::number(double value) { field(nlohmann::ordered_json(value)); }

void CsvWriter::raw(const std::string& s) {
    if (m_row_started) m_out += m_separator;
    m_row_started = true;
    if (s.find_first_of(std::string{m_separator} + "\"\n\r") == std::string::npos) {
        m_out += s;
        return;
    }
    m_out += '"';
    for (const char c : s) m_out += c == '"' ? std::string{"\"\""} : std::string{c};
    m_out += '"';
}

void CsvWriter::end_row() {
    m_out += m_style == CsvStyle::excel_fr ? "\r\n" : "\n";
    m_row_started = false;
}

}  // namespace maillon::analysis
