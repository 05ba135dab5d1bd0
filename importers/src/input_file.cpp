#include "input_file.hpp"

#include <algorithm>
#include <cmath>
#include <vector>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "maillon/errors.hpp"
#include "maillon/importers/json_input.hpp"
#include "text.hpp"

namespace maillon::input {

std::string read_whole_file(const InputFile& file) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status st = fs::status(file.path, ec);
    if (ec || !fs::exists(st)) throw input_error(file.what + " not found (" + file.not_found_fix + ")");
    if (fs::is_directory(st))
        throw input_error(file.what + " is a directory, not " + file.not_a_file + " (give " + file.file_in_it + " in it)");
    std::ifstream in(file.path, std::ios::binary);
    if (!in) throw input_error("cannot read the " + file.what + " (check its permissions)");
    std::ostringstream os;
    os << in.rdbuf();
    if (in.bad()) throw input_error("cannot read the " + file.what + " (I/O error)");
    return os.str();
}

void strip_utf8_bom(std::string& text) {
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
}

bool looks_like_html(const std::string& text) {
    const std::string head = maillon::text::lower(maillon::text::trim(text.substr(0, 200)));
    return head.compare(0, 9, "<!doctype") == 0 || head.compare(0, 5, "<html") == 0;
}

nlohmann::ordered_json parse_json(const std::string& text, const std::string& what, const std::string& expected,
                                  const std::function<std::string(const std::string&)>& hint) {
    if (maillon::text::trim(text).empty()) throw input_error(what + " is empty (expected " + expected + ")");
    try {
        // Nesting bounded and number overflow reported (json_input.hpp): both as input_error naming the file.
        return importers::parse_json_bounded(text, what);
    } catch (const nlohmann::ordered_json::parse_error& e) {
        // e.byte: 1-based index of the last byte read. Columns count UTF-8 characters, as an editor shows them.
        const std::size_t upto = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
        std::size_t line = 1, col = 1;
        for (std::size_t i = 0; i < upto; ++i) {
            if (text[i] == '\n') ++line, col = 1;
            else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++col;
        }
        std::string msg = e.what();
        const auto colon = msg.find(": ");
        if (colon != std::string::npos) msg = msg.substr(colon + 2);
        throw input_error(what + " is not valid JSON: line " + std::to_string(line) + ", column " + std::to_string(col) +
                          ": " + msg + hint(text));
    }
}

std::string text_of(const json& v) {
    if (v.is_string()) return maillon::text::trim(v.get<std::string>());
    if (v.is_number_integer()) return std::to_string(v.get<long long>());
    if (v.is_number_unsigned()) return std::to_string(v.get<unsigned long long>());
    if (v.is_number_float()) {
        const double d = v.get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
        return v.dump();
    }
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_array()) {
        std::vector<std::string> parts;
        for (const json& e : v) {
            std::string t = text_of(e);
            if (!t.empty()) parts.push_back(std::move(t));
        }
        return maillon::text::join(parts);
    }
    if (v.is_null()) return "";
    return v.dump();
}

}  // namespace maillon::input
