#pragma once
// Where maillon finds its shared files (the web page, the embedded demo's data): an install
// prefix's share/maillon, found from the executable, as `cmake --install` lays it out:
//   PREFIX/bin/maillon, PREFIX/share/maillon/web/ (index.html, css/, js/, node_modules/leaflet/dist/),
//   PREFIX/share/maillon/demo/ (the demo's extract, QPV layer, INSEE grid, Vélib' feeds, SOURCES.md).
// The build tree has the same layout (build/cli/maillon, build/share/maillon linking to the
// sources), so no source path is compiled into the binary and a moved prefix still works.

#include <string>

namespace maillon::cli {

/// share/maillon of this executable's prefix: $MAILLON_SHARE_DIR when set, else
/// <executable's directory>/../share/maillon; "" when neither exists.
std::string share_dir();

}  // namespace maillon::cli
