#include "station_files.hpp"

#include "maillon/errors.hpp"
#include "text.hpp"

namespace maillon::stations {

std::string read_station_file(Kind k, const std::string& path) {
    if (path.empty()) throw input_error(std::string(k == Kind::planned ? "planned-stations" : "GBFS") + " file: no path given");
    const std::string fix =
        k == Kind::planned ? "check the path; docs/stations-input.md shows the formats accepted"
                           : "check the path; data-scripts/fetch-velib.sh downloads station_information.json and "
                             "station_status.json to data/velib/";
    std::string text = input::read_whole_file({path, label(k, path), fix, "a file", "the file"});
    input::strip_utf8_bom(text);
    return text;
}

std::string binary_kind(const std::string& text) {
    if (text.compare(0, 2, "\xFF\xFE") == 0 || text.compare(0, 2, "\xFE\xFF") == 0)
        return "it is UTF-16 text (Excel's \"Unicode text\"): save it as \"CSV UTF-8\" instead";
    if (text.compare(0, 4, "PK\x03\x04") == 0) return "it looks like a zip archive or an Excel/LibreOffice workbook";
    if (text.compare(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") == 0) return "it looks like an old Excel workbook (.xls)";
    if (text.compare(0, 15, "SQLite format 3") == 0) return "it looks like a GeoPackage (or another SQLite database)";
    if (text.size() >= 4 && static_cast<unsigned char>(text[0]) == 0x00 && static_cast<unsigned char>(text[1]) == 0x00 &&
        static_cast<unsigned char>(text[2]) == 0x27 && static_cast<unsigned char>(text[3]) == 0x0A)
        return "it looks like an ESRI shapefile";
    if (text.find('\0') != std::string::npos) return "it is binary data, not text";
    return "";
}

input::json parse_station_json(Kind k, const std::string& path, const std::string& text, const char* expected) {
    const auto hint = [&](const std::string& t) -> std::string {
        const std::string bin = binary_kind(t);
        if (!bin.empty()) return "; " + bin;
        if (input::looks_like_html(t)) return "; it is an HTML page (the download returned an error page?): download the file again";
        const std::string first_line = t.substr(0, t.find('\n'));
        if (k == Kind::planned && t.find('\n') != std::string::npos &&
            (first_line.find(',') != std::string::npos || first_line.find(';') != std::string::npos))
            return "; it looks like CSV text: give it a .csv extension";
        return std::string("; expected ") + expected;
    };
    return input::parse_json(text, label(k, path), expected, hint);
}

}  // namespace maillon::stations
