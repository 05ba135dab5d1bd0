// Planned stations from any file GDAL/OGR reads but GeoJSON (planned_geojson_reader.cpp): CSV through OGR's CSV
// driver, spreadsheets (XLSX, XLS, ODS), GeoPackages, shapefiles (also zipped), KML … (docs/stations-input.md).
// The rows go to the builder of planned_stations_reader.cpp, which detects the fields and reprojects.
//
// OGR numbers a CSV file's records, not its lines, and drops the fields beyond the header's: to name the line of a
// station and to catch a decimal comma in a comma-separated file (48,85 read as two fields), the CSV is also walked
// record by record with GDAL's own CSV tokenizer (the one its CSV driver reads with), which gives each record's
// first line and field count.

#include "gdal_support.hpp"
#include "maillon/errors.hpp"
#include "planned_table.hpp"
#include "station_checks.hpp"
#include "station_fields.hpp"
#include "station_files.hpp"
#include "text.hpp"

#include <cpl_csv.h>
#include <cpl_string.h>
#include <cpl_vsi.h>

#include <algorithm>
#include <filesystem>

namespace maillon::stations {

namespace {

using text::lower;
using text::trim;

bool is_csv_extension(const std::string& ext) { return ext == ".csv" || ext == ".tsv" || ext == ".txt" || ext.empty(); }

/// What a CSV record map knows of one record.
struct CsvRecord {
    std::size_t line = 0;     // 1-based line where it starts
    std::size_t fields = 0;   // tokens on it
    bool blank = false;       // every token empty (OGR still returns it: the builder drops it)
    bool extra_fields = false;
    bool unclosed_quote = false;
};

/// Line breaks in [begin, end): LF, CRLF or a lone CR (old Mac files), as GDAL's line reader takes them.
std::size_t line_breaks(std::string::const_iterator begin, std::string::const_iterator end, std::string::const_iterator file_end) {
    std::size_t n = 0;
    for (auto it = begin; it != end; ++it) {
        if (*it == '\n') ++n;
        else if (*it == '\r' && (it + 1 == file_end || *(it + 1) != '\n')) ++n;
    }
    return n;
}

/// The records of a CSV file as GDAL's CSV tokenizer reads them, the header first; blank lines (no token) are
/// skipped, as OGR's CSV driver skips them. Lines are counted on the file's bytes (GDAL skips a byte-order mark).
std::vector<CsvRecord> csv_records(const std::string& path, char delimiter) {
    std::vector<CsvRecord> out;
    GByte* data = nullptr;
    vsi_l_offset size = 0;
    if (!VSIIngestFile(nullptr, path.c_str(), &data, &size, -1)) return out;
    const std::string bytes(reinterpret_cast<const char*>(data), static_cast<std::size_t>(size));
    VSIFree(data);
    VSILFILE* fp = VSIFOpenL(path.c_str(), "rb");
    if (!fp) return out;
    const char delim[2] = {delimiter, '\0'};
    std::size_t header_fields = 0;
    std::size_t line = 1;
    std::size_t counted = 0;  // newlines are counted up to this offset
    for (;;) {
        const auto start = std::min<std::size_t>(static_cast<std::size_t>(VSIFTellL(fp)), bytes.size());
        char** tokens = CSVReadParseLine3L(fp, 0, delim, true, false, false, true);
        if (!tokens) break;
        const auto end = std::min<std::size_t>(static_cast<std::size_t>(VSIFTellL(fp)), bytes.size());
        const auto at = [&](std::size_t offset) { return bytes.begin() + static_cast<std::ptrdiff_t>(offset); };
        line += line_breaks(at(counted), at(start), at(bytes.size()));
        counted = start;
        const std::size_t n = static_cast<std::size_t>(CSLCount(tokens));
        if (n > 0) {
            CsvRecord r;
            r.line = line;
            r.fields = n;
            r.blank = true;
            for (std::size_t i = 0; i < n; ++i) r.blank = r.blank && trim(tokens[i]).empty();
            if (out.empty()) {
                header_fields = n;
            } else {
                for (std::size_t i = header_fields; i < n; ++i) r.extra_fields = r.extra_fields || !trim(tokens[i]).empty();
            }
            // An odd number of quotes: a quoted field opened on this record was never closed (it ran to the end).
            r.unclosed_quote = std::count(at(start), at(end), '"') % 2 == 1;
            out.push_back(r);
        }
        CSLDestroy(tokens);
    }
    VSIFCloseL(fp);
    return out;
}

/// The separator of a CSV file, as OGR's CSV driver chooses it: tab for .tsv, else the one of ',' ';' tab that
/// GDAL finds on the header line. '\0' when the header line has none of them.
char csv_delimiter(const std::string& ext, const std::string& first_line) {
    if (ext == ".tsv") return '\t';
    if (first_line.find_first_of(",;\t") == std::string::npos) return '\0';
    return CSVDetectSeperator(first_line.c_str());
}

/// A value of the file in UTF-8: CP1252 bytes (Excel's plain "CSV" on Windows) recoded by GDAL.
std::string utf8(const char* s, bool cp1252) {
    if (!cp1252) return s;
    char* r = CPLRecode(s, "CP1252", CPL_ENC_UTF8);
    std::string out = r ? r : s;
    CPLFree(r);
    return out;
}

/// Opens the file with OGR.
gdal::Dataset open_dataset(const std::string& path, bool as_csv) {
    gdal::register_drivers();
    std::string name = path;
    const std::string ext = lower(std::filesystem::path(path).extension().string());
    if (as_csv) name = "CSV:" + path;  // the CSV driver whatever the extension (.txt, none)
    else if (ext == ".zip") name = "/vsizip/" + path;
    return gdal::Dataset{GDALOpenEx(name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)};
}

[[noreturn]] void unreadable(const std::string& path, const std::string& text, const std::string& gdal_message) {
    const std::string what = label(Kind::planned, path);
    const std::string ext = lower(std::filesystem::path(path).extension().string());
    std::string kind = binary_kind(text);
    std::string fix = "save it again, or export the stations as CSV (File > Save as > CSV UTF-8) or GeoJSON";
    if (kind.empty() && !ext.empty()) kind = "its extension " + squoted(ext) + " names no format GDAL reads";
    throw input_error(what + " cannot be read" + (kind.empty() ? std::string() : " (" + kind + ")") +
                      (gdal_message.empty() ? std::string() : ": GDAL says " + squoted(gdal_message)) + "; " + fix +
                      "; docs/stations-input.md lists the formats accepted");
}

}  // namespace

PlannedTable read_planned_ogr(const std::string& path, const std::string& text) {
    const std::string what = label(Kind::planned, path);
    const std::string ext = lower(std::filesystem::path(path).extension().string());
    const std::string bin = binary_kind(text);
    const bool as_csv = is_csv_extension(ext) && bin.empty();
    PlannedTable table;
    table.path = path;
    std::vector<CsvRecord> records;
    bool cp1252 = false;
    if (as_csv) {
        if (trim(text).empty())
            throw input_error(what + " is empty (expected a CSV file with " + planned_example + ", or a GeoJSON FeatureCollection)");
        if (input::looks_like_html(text))
            throw input_error(what + " is an HTML page, not a CSV file (the download returned an error page?); download "
                              "the file again");
        const std::size_t start = std::min(text.find_first_not_of("\r\n"), text.size());
        const std::string first_line = trim(text.substr(start, text.find_first_of("\r\n", start) - start));
        table.delimiter = csv_delimiter(ext, first_line);
        if (table.delimiter == '\0')
            throw input_error(what + " is not a CSV file: its first line " + squoted(first_line.substr(0, 80)) +
                              " has no ',' ';' or tab separator; expected " + planned_example);
        records = csv_records(path, table.delimiter);
        if (std::all_of(records.begin(), records.end(), [](const CsvRecord& r) { return r.blank; }))
            throw input_error(what + " has no header and no station (only separators and blank lines); expected " +
                              planned_example);
        for (const CsvRecord& r : records)
            if (r.unclosed_quote)
                throw input_error(what + ": line " + std::to_string(r.line) +
                                  ": a quoted field is never closed (a '\"' is missing); fix the quotes or export the CSV again");
        cp1252 = !CPLIsUTF8(text.data(), static_cast<int>(std::min<std::size_t>(text.size(), 0x7FFFFFFF)));
        if (cp1252)
            table.warnings.push_back(squoted(path) + " is not UTF-8; read as Windows-1252 (Excel's \"CSV\" on Windows); "
                                     "save it as \"CSV UTF-8\" to be sure of the accents");
    } else if (bin.find("UTF-16") != std::string::npos) {
        throw input_error(what + " is not a CSV or GeoJSON file: " + bin);
    }

    // Spreadsheets always have a header row, and every cell is read as text. The drivers read these options when
    // they first load a sheet, which may be after opening: they stay set until the rows are read.
    const gdal::ThreadConfig xlsx_headers{"OGR_XLSX_HEADERS", "FORCE"};
    const gdal::ThreadConfig xlsx_types{"OGR_XLSX_FIELD_TYPES", "STRING"};
    const gdal::ThreadConfig ods_headers{"OGR_ODS_HEADERS", "FORCE"};
    const gdal::ThreadConfig ods_types{"OGR_ODS_FIELD_TYPES", "STRING"};
    const gdal::ThreadConfig xls_headers{"OGR_XLS_HEADERS", "FORCE"};
    const gdal::ThreadConfig xls_types{"OGR_XLS_FIELD_TYPES", "STRING"};
    const gdal::QuietErrors quiet;
    const gdal::Dataset ds = open_dataset(path, as_csv);
    if (!ds) unreadable(path, text, gdal::QuietErrors::last_message());
    const int layers = GDALDatasetGetLayerCount(ds.get());
    if (layers < 1) unreadable(path, text, "no layer");
    OGRLayerH layer = GDALDatasetGetLayer(ds.get(), 0);
    const std::string driver = GDALGetDriverShortName(GDALGetDatasetDriver(ds.get()));
    table.source = as_csv ? PlannedTable::Source::csv
                   : (driver == "XLSX" || driver == "XLS" || driver == "ODS") ? PlannedTable::Source::spreadsheet
                                                                               : PlannedTable::Source::gis;
    table.sheet = OGR_L_GetName(layer);
    if (layers > 1)
        table.warnings.push_back(squoted(path) + " has " + std::to_string(layers) + " layers; read the first one, " +
                                 squoted(table.sheet));
    table.has_geometry = OGR_L_GetGeomType(layer) != wkbNone;
    if (OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(layer)) {
        char* wkt = nullptr;
        if (OSRExportToWkt(srs, &wkt) == OGRERR_NONE && wkt) table.crs = wkt;
        CPLFree(wkt);
        table.crs_source = "its layer " + squoted(table.sheet);
    }
    // A CSV file or a spreadsheet has no CRS of its own: a .prj file of the same name may give one.
    if (table.crs.empty() && table.source != PlannedTable::Source::gis) {
        const std::filesystem::path prj = std::filesystem::path(path).replace_extension(".prj");
        std::error_code ec;
        if (std::filesystem::is_regular_file(prj, ec)) {
            table.crs = prj.string();
            table.crs_source = "its .prj file " + squoted(prj.string());
        }
    }
    OGRFeatureDefnH defn = OGR_L_GetLayerDefn(layer);
    const int field_count = OGR_FD_GetFieldCount(defn);
    for (int i = 0; i < field_count; ++i) table.columns.push_back(utf8(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)), cp1252));

    OGR_L_ResetReading(layer);
    std::size_t index = 0;
    while (const gdal::Feature f{OGR_L_GetNextFeature(layer)}) {
        ++index;
        PlannedRow row;
        if (as_csv) {
            // Records after the header, blank lines skipped: feature k is record k.
            if (index < records.size()) {
                row.where = "line " + std::to_string(records[index].line);
                row.fields = records[index].fields;
                row.extra_fields = records[index].extra_fields;
            } else {
                row.where = "record " + std::to_string(index);
            }
        } else if (table.source == PlannedTable::Source::spreadsheet) {
            row.where = "row " + std::to_string(OGR_F_GetFID(f.get()));  // the sheet's row number
        } else {
            row.where = "feature " + std::to_string(index);
        }
        bool blank = true;
        for (int i = 0; i < field_count; ++i) {
            row.cells.push_back(OGR_F_IsFieldSetAndNotNull(f.get(), i) ? trim(utf8(OGR_F_GetFieldAsString(f.get(), i), cp1252)) : "");
            blank = blank && row.cells.back().empty();
        }
        if (OGRGeometryH g = OGR_F_GetGeometryRef(f.get()); g && !OGR_G_IsEmpty(g)) {
            const auto type = wkbFlatten(OGR_G_GetGeometryType(g));
            OGRGeometryH point = type == wkbPoint ? g
                                 : (type == wkbMultiPoint && OGR_G_GetGeometryCount(g) == 1) ? OGR_G_GetGeometryRef(g, 0)
                                                                                              : nullptr;
            if (point) {
                row.geometry = PlannedRow::Geometry::point;
                row.x = OGR_G_GetX(point, 0);
                row.y = OGR_G_GetY(point, 0);
            } else {
                row.geometry = PlannedRow::Geometry::other;
                row.geometry_text = OGR_G_GetGeometryName(g);
            }
            blank = false;
        }
        if (!blank) table.rows.push_back(std::move(row));
    }
    return table;
}

}  // namespace maillon::stations
