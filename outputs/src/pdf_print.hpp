#pragma once
// PDF printing by Debian's headless Chromium (apt-get install chromium): the report's HTML is
// self-contained, so Chromium needs no network, and it runs with a fresh profile in a temporary
// directory, without sandbox (root in containers), GPU or background services.

#include <string>

namespace maillon::outputs {

struct PdfResult {
    bool written = false;
    std::string message;  // why not, and the fix
};

/// $MAILLON_CHROMIUM when set (an empty or wrong value: none), else `chromium` or
/// `chromium-browser` on the PATH; "" when none is found.
std::string find_chromium();

/// Prints html_path (an absolute or relative file path) to pdf_path. Never throws: a missing
/// Chromium, a failure or a time-out is told in the result, and no partial PDF is left.
PdfResult print_pdf(const std::string& html_path, const std::string& pdf_path, int timeout_s = 180);

}  // namespace maillon::outputs
