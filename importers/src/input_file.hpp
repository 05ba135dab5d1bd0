#pragma once
// Reading a file the user named, and the messages that say what is wrong with it: one place for the QPV
// layer and the station readers (gbfs_reader.cpp, planned_stations_reader.cpp), so that a missing file, a
// directory, an unreadable or empty file and a JSON syntax error read the same whichever reader met them.
//
// Every message starts with the reader's description of the file (`InputFile::what`, e.g. "QPV layer 'x.geojson'",
// "planned-stations file 'p.csv'") and ends with the fix.

#include <functional>
#include <string>

#include <nlohmann/json.hpp>

namespace maillon::input {

using json = nlohmann::ordered_json;

/// How a reader names its file in messages, and what it tells the user to do.
struct InputFile {
    std::string path;
    std::string what;           ///< "QPV layer 'x.geojson'": the start of every message
    std::string not_found_fix;  ///< "check the path; data-scripts/fetch-qpv.sh downloads …"
    std::string not_a_file;     ///< what a directory is not: "a file", "a GeoJSON file"
    std::string file_in_it;     ///< "the file", "the .geojson file": given in a directory message
};

/// The whole file. Throws input_error: "<what> not found (<fix>)", "<what> is a directory, not <a file> (give <the
/// file> in it)", "cannot read the <what> (check its permissions)" or "(I/O error)".
std::string read_whole_file(const InputFile& file);

/// Removes a UTF-8 byte-order mark (Excel, Notepad) from the start of `text`.
void strip_utf8_bom(std::string& text);

/// Whether the text starts like an HTML page (a download that returned an error page).
bool looks_like_html(const std::string& text);

/// Parses JSON text (property order kept). Throws input_error "<what> is empty (expected <expected>)" for blank
/// text, and "<what> is not valid JSON: line L, column C: <parser message><hint(text)>" for a syntax error, where
/// `hint` says what the text looks like instead ("; it is an HTML page …"); it is only called on error.
json parse_json(const std::string& text, const std::string& what, const std::string& expected,
                                  const std::function<std::string(const std::string&)>& hint);

/// A JSON value as text, as a property read by a person: strings trimmed, integral numbers without ".0", arrays
/// joined by ", ", booleans "true"/"false", null "".
std::string text_of(const json& v);

}  // namespace maillon::input
