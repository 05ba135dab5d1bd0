#include "csv_file.hpp"

#include "text.hpp"
#include "maillon/errors.hpp"

#include <csv.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <memory>

namespace maillon::csv {
namespace {

struct GzCloser {
    void operator()(gzFile f) const noexcept { gzclose(f); }
};

/// What a file that is not a delimited text table is, from its first bytes; "" when it may be one.
std::string not_a_table(const std::string& head) {
    const auto starts = [&](const char* magic, std::size_t n) { return head.size() >= n && std::memcmp(head.data(), magic, n) == 0; };
    if (starts("PK\x03\x04", 4)) {
        return "a zip archive (or an Excel/LibreOffice workbook): unzip it and give the CSV inside, or for a workbook save "
               "the sheet as CSV UTF-8";
    }
    if (starts("SQLite format 3", 16)) {
        return "a GeoPackage: convert it to CSV with data-scripts/fetch-population.sh --from FILE.gpkg (or ogr2ogr -f CSV)";
    }
    if (starts("\x00\x00\x27\x0a", 4)) {
        return "an ESRI shapefile (.shp): convert it to CSV with data-scripts/fetch-population.sh --from FILE.shp "
               "(or ogr2ogr -f CSV)";
    }
    if (starts("\xd0\xcf\x11\xe0", 4)) return "an old Excel workbook (.xls): save the sheet as CSV UTF-8";
    if (starts("\xff\xfe", 2) || starts("\xfe\xff", 2)) return "UTF-16 text: save it as CSV UTF-8";
    std::string low = text::lower(head.substr(0, 200));
    low.erase(0, low.find_first_not_of(" \t\r\n\xef\xbb\xbf"));
    if (low.rfind("<!doctype html", 0) == 0 || low.rfind("<html", 0) == 0) {
        return "an HTML page (a download that returned an error page?): download the file again";
    }
    if (low.rfind("{", 0) == 0) return "JSON, not a CSV table";
    return "";
}

/// The delimiter its first line uses most: ';' over ',' on a tie (French spreadsheets), then tab.
char detect_delimiter(const std::string& text) {
    const std::string line = text.substr(0, text.find_first_of("\r\n"));
    char best = '\0';
    std::ptrdiff_t most = 0;
    for (const char d : {';', ',', '\t'}) {
        const std::ptrdiff_t n = std::count(line.begin(), line.end(), d);
        if (n > most) most = n, best = d;
    }
    return best;
}

struct Parse {
    const std::function<bool(const Record&)>* on_record;
    std::vector<std::string> fields;
    std::size_t number = 0;
    bool stop = false;
    std::exception_ptr error;  // thrown by on_record: carried across libcsv's C frames, rethrown after
};

void on_field(void* s, std::size_t len, void* data) {
    auto* p = static_cast<Parse*>(data);
    p->fields.emplace_back(s ? static_cast<const char*>(s) : "", s ? len : 0);
}

void on_end(int, void* data) {
    auto* p = static_cast<Parse*>(data);
    if (p->stop) return p->fields.clear();
    for (std::string& f : p->fields) f = text::trim(f);
    if (p->number == 0 && !p->fields.empty() && p->fields[0].rfind("\xef\xbb\xbf", 0) == 0) p->fields[0].erase(0, 3);
    const bool blank = std::all_of(p->fields.begin(), p->fields.end(), [](const std::string& f) { return f.empty(); });
    if (!blank) {
        ++p->number;
        try {
            p->stop = !(*p->on_record)(Record{p->number, &p->fields});
        } catch (...) {
            p->error = std::current_exception();
            p->stop = true;
        }
    }
    p->fields.clear();
}

}  // namespace

char read(const std::string& path, const std::string& what, const std::function<bool(const Record&)>& on_record) {
    errno = 0;
    std::unique_ptr<gzFile_s, GzCloser> in{gzopen(path.c_str(), "rb")};
    if (!in) throw input_error{"cannot open " + what + ": " + (errno ? std::strerror(errno) : "out of memory")};
    gzbuffer(in.get(), 1 << 17);
    std::string chunk(1 << 17, '\0');
    int n = gzread(in.get(), chunk.data(), static_cast<unsigned>(chunk.size()));
    const auto read_error = [&]() -> std::string {
        int code = Z_OK;
        const char* message = gzerror(in.get(), &code);
        if (code == Z_ERRNO) return std::strerror(errno);
        return code == Z_OK || code == Z_STREAM_END ? "" : std::string{message} + " (a truncated or damaged gzip file?)";
    };
    if (n < 0) throw input_error{"cannot read " + what + ": " + read_error()};
    chunk.resize(static_cast<std::size_t>(n));
    if (chunk.find_first_not_of(" \t\r\n") == std::string::npos) throw input_error{what + " is empty"};
    if (const std::string kind = not_a_table(chunk); !kind.empty()) throw input_error{what + " is not a CSV table: it is " + kind};
    const char delim = detect_delimiter(chunk.substr(std::min(chunk.find_first_not_of("\r\n"), chunk.size())));
    if (delim == '\0') {
        throw input_error{what + " is not a CSV table: its first line has no ',', ';' or tab between column names"};
    }

    csv_parser parser{};
    if (csv_init(&parser, 0) != 0) throw input_error{"cannot read " + what + ": out of memory"};
    const std::unique_ptr<csv_parser, void (*)(csv_parser*)> guard{&parser, [](csv_parser* p) { csv_free(p); }};
    csv_set_delim(&parser, static_cast<unsigned char>(delim));
    Parse state{&on_record, {}, 0, false, nullptr};
    while (!chunk.empty() && !state.stop) {
        const std::size_t parsed = csv_parse(&parser, chunk.data(), chunk.size(), on_field, on_end, &state);
        if (state.error) std::rethrow_exception(state.error);
        if (parsed != chunk.size()) {
            throw input_error{"cannot read " + what + ": " + csv_strerror(csv_error(&parser))};
        }
        chunk.resize(1 << 17);
        n = gzread(in.get(), chunk.data(), static_cast<unsigned>(chunk.size()));
        if (n < 0) throw input_error{"cannot read " + what + " after row " + std::to_string(state.number) + ": " + read_error()};
        chunk.resize(static_cast<std::size_t>(n));
    }
    if (!state.stop) {
        if (const std::string problem = read_error(); !problem.empty()) {
            throw input_error{"cannot read " + what + " after row " + std::to_string(state.number) + ": " + problem};
        }
    }
    csv_fini(&parser, on_field, on_end, &state);
    if (state.error) std::rethrow_exception(state.error);
    return delim;
}

bool parse_number(const std::string& text, double& value) {
    std::string t;
    t.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == ' ') continue;
        if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) { ++i; continue; }
        if (c == 0xE2 && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
            static_cast<unsigned char>(text[i + 2]) == 0xAF) { i += 2; continue; }
        t += static_cast<char>(c);
    }
    if (t.empty()) return false;
    if (std::count(t.begin(), t.end(), ',') == 1 && t.find('.') == std::string::npos) std::replace(t.begin(), t.end(), ',', '.');
    if (t.find_first_not_of("0123456789+-.eE") != std::string::npos) return false;  // no "nan", "inf", hex
    char* end = nullptr;
    errno = 0;
    value = std::strtod(t.c_str(), &end);
    return end == t.c_str() + t.size() && errno != ERANGE && std::isfinite(value);
}

long find_column(const std::vector<std::string>& header, const std::vector<std::string>& candidates) {
    for (const std::string& c : candidates) {
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (text::lower(header[i]) == c) return static_cast<long>(i);
        }
    }
    return -1;
}

}  // namespace maillon::csv
