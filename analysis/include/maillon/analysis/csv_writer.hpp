#pragma once
// The CSV dialects of the outputs (gaps.csv, indicators.csv), in one writer so that every CSV file
// maillon writes follows the same rules:
//   standard  RFC 4180: `,` between fields, `.` in decimals, LF line ends, no byte order mark
//             (what scripts, pandas and QGIS read by default; the API serves it).
//   excel_fr  what a French spreadsheet opens with one double click: UTF-8 byte order mark (so
//             that Excel reads UTF-8 and shows the accents), `;` between fields, decimal comma,
//             CRLF line ends.
// Lists inside a field are joined with `;` in both (quoted in excel_fr, where `;` separates).

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace maillon::analysis {

enum class CsvStyle { standard, excel_fr };

/// "standard" or "excel-fr" (the CLI's --csv-style values), else nothing.
std::optional<CsvStyle> csv_style_from_name(std::string_view name) noexcept;

class CsvWriter {
public:
    explicit CsvWriter(CsvStyle style);
    /// One field from a JSON value: null is empty, strings as they are, numbers in the dialect's
    /// decimal mark, arrays joined with `;`; quoted when the text needs it.
    void field(const nlohmann::ordered_json& value);
    /// A number field (a coordinate): shortest round-trip text, in the dialect's decimal mark.
    void number(double value);
    void end_row();
    /// The text written so far (with the byte order mark first in excel_fr).
    const std::string& text() const noexcept { return m_out; }

private:
    void raw(const std::string& text);

    CsvStyle m_style;
    char m_separator;
    bool m_row_started = false;
    std::string m_out;
};

}  // namespace maillon::analysis
