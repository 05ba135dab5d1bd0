// maillon-tile-extract: build a large synthetic OSM extract by tiling a small
// real one on a grid, so that the importer can be benchmarked at the scale of
// Île-de-France (~280 MB PBF) without shipping a huge file in the repository.
//
//   maillon-tile-extract INPUT.osm.pbf OUTPUT.osm.pbf [--target-mb MB | --tiles NxM]
//
// Each tile is a copy of the input shifted by (bbox width + margin) in
// longitude and (bbox height + margin) in latitude. IDs are offset per tile by
// tile_index * (max_id_of_that_type + 1), and way node refs / relation members
// are rewritten the same way, so IDs stay unique and every tile occupies its
// own ID range. Writing all nodes (tile by tile), then all ways, then all
// relations therefore yields a file sorted by type then ID, like a real
// extract. The input (a few MB) is kept in memory; the output is streamed.

#include <osmium/io/any_input.hpp>
#include <osmium/io/pbf_output.hpp>
#include <osmium/io/writer.hpp>
#include <osmium/memory/buffer.hpp>
#include <osmium/osm.hpp>
#include <osmium/osm/box.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

constexpr int kUsageError = 2;

// Gap between tiles, in fixed-point coordinate units (1e-7 degree): 0.01 deg
// (~1 km), so that tiles never touch and no accidental routing links appear.
constexpr int64_t kMarginUnits = 100000;
constexpr int64_t kLonLimit = 180LL * osmium::detail::coordinate_precision;
constexpr int64_t kLatLimit = 90LL * osmium::detail::coordinate_precision;

// Flush the output buffer to the writer once it holds this many bytes.
constexpr std::size_t kFlushBytes = 8U * 1024U * 1024U;

void usage(const char* prog) {
    std::cerr << "usage: " << prog
              << " INPUT.osm.pbf OUTPUT.osm.pbf [--target-mb MB | --tiles NxM]\n"
                 "  --target-mb MB  choose the tile count so the output is about MB MiB"
                 " (default 280)\n"
                 "  --tiles NxM     write exactly N columns x M rows of tiles\n";
}

struct Options {
    std::string input;
    std::string output;
    double target_mb = 280.0;
    int cols = 0;  // 0: derive the grid from target_mb
    int rows = 0;
};

// Returns false on malformed arguments (caller prints usage, exits 2).
bool parse_args(int argc, char* argv[], Options& opt) {
    std::vector<std::string> positional;
    bool have_target = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if ((arg == "--target-mb" || arg == "--tiles") && i + 1 >= argc) {
            return false;
        }
        try {
            if (arg == "--target-mb") {
                std::size_t used = 0;
                const std::string value = argv[++i];
                opt.target_mb = std::stod(value, &used);
                if (used != value.size() || !(opt.target_mb > 0)) {
                    return false;
                }
                have_target = true;
            } else if (arg == "--tiles") {
                const std::string value = argv[++i];
                const auto x = value.find_first_of("xX");
                if (x == std::string::npos) {
                    return false;
                }
                std::size_t used_c = 0;
                std::size_t used_r = 0;
                opt.cols = std::stoi(value.substr(0, x), &used_c);
                opt.rows = std::stoi(value.substr(x + 1), &used_r);
                if (used_c != x || used_r != value.size() - x - 1 || opt.cols < 1 || opt.rows < 1) {
                    return false;
                }
            } else if (arg.size() > 1 && arg[0] == '-') {
                return false;
            } else {
                positional.push_back(arg);
            }
        } catch (const std::exception&) {  // std::stod/stoi: not a number
            return false;
        }
    }
    if (positional.size() != 2 || (have_target && opt.cols > 0)) {
        return false;
    }
    opt.input = positional[0];
    opt.output = positional[1];
    return true;
}

// The whole input, plus what is needed to place and renumber the copies.
struct Input {
    std::vector<osmium::memory::Buffer> buffers;
    osmium::io::Header header;
    osmium::Box bbox;  // of the node locations, wider than the header box
    osmium::object_id_type max_id[3] = {0, 0, 0};  // node, way, relation
};

int type_index(osmium::item_type type) {
    switch (type) {
        case osmium::item_type::node: return 0;
        case osmium::item_type::way: return 1;
        default: return 2;
    }
}

Input load(const std::string& path) {
    Input in;
    osmium::io::Reader reader{path, osmium::osm_entity_bits::nwr};
    in.header = reader.header();
    while (osmium::memory::Buffer buffer = reader.read()) {
        for (const auto& obj : buffer.select<osmium::OSMObject>()) {
            // Negative IDs would sort differently once offset; real extracts have none.
            if (obj.id() <= 0) {
                throw std::runtime_error{"non-positive object ID " + std::to_string(obj.id()) +
                                         " in input: not supported"};
            }
            auto& max = in.max_id[type_index(obj.type())];
            max = std::max(max, obj.id());
            if (obj.type() == osmium::item_type::node) {
                const auto& loc = static_cast<const osmium::Node&>(obj).location();
                if (loc.valid()) {
                    in.bbox.extend(loc);
                }
            }
        }
        in.buffers.push_back(std::move(buffer));
    }
    reader.close();
    if (!in.bbox.valid()) {
        throw std::runtime_error{"input has no node with a valid location"};
    }
    return in;
}

// Grid geometry in fixed-point units: tile (c, r) is shifted by
// (origin + c * step) from the input's own position.
struct Grid {
    int cols = 1;
    int rows = 1;
    int count = 1;  // may be < cols * rows when derived from a size target
    int64_t step_x = 0;
    int64_t step_y = 0;
    int64_t origin_x = 0;
    int64_t origin_y = 0;

    int64_t shift_x(int tile) const { return origin_x + (tile % cols) * step_x; }
    int64_t shift_y(int tile) const { return origin_y + (tile / cols) * step_y; }
};

// Centre the grid on the input, then slide it back inside the valid
// coordinate range if it sticks out (e.g. an input near the antimeridian).
int64_t place_axis(int64_t lo, int64_t hi, int64_t step, int n, int64_t limit, const char* axis) {
    const int64_t span = (n - 1) * step + (hi - lo);
    if (span > 2 * limit) {
        throw std::runtime_error{std::string{"too many tiles: the grid does not fit in the valid "} +
                                 axis + " range"};
    }
    int64_t origin = -(n / 2) * step;
    origin = std::max(origin, -limit - lo);
    origin = std::min(origin, limit - ((n - 1) * step + hi));
    return origin;
}

Grid make_grid(const Options& opt, const Input& in, std::uintmax_t input_bytes) {
    Grid g;
    const auto& bl = in.bbox.bottom_left();
    const auto& tr = in.bbox.top_right();
    g.step_x = int64_t{tr.x()} - bl.x() + kMarginUnits;
    g.step_y = int64_t{tr.y()} - bl.y() + kMarginUnits;
    if (opt.cols > 0) {
        g.cols = opt.cols;
        g.rows = opt.rows;
        g.count = opt.cols * opt.rows;
    } else {
        // Re-encoding a tile costs about as much as the input file, as IDs and
        // coordinates are delta-coded (the offsets vanish inside a block).
        const double target = opt.target_mb * 1024.0 * 1024.0;
        g.count = std::max(1, static_cast<int>(std::lround(target / static_cast<double>(input_bytes))));
        // Roughly square in degrees, like a real region: cols*step_x ~ rows*step_y.
        const double ratio = static_cast<double>(g.step_y) / static_cast<double>(g.step_x);
        g.cols = std::clamp(static_cast<int>(std::lround(std::sqrt(g.count * ratio))), 1, g.count);
        g.rows = (g.count + g.cols - 1) / g.cols;
    }
    g.origin_x = place_axis(bl.x(), tr.x(), g.step_x, g.cols, kLonLimit, "longitude");
    g.origin_y = place_axis(bl.y(), tr.y(), g.step_y, g.rows, kLatLimit, "latitude");
    return g;
}

// Copies `obj` into `out` for tile `tile`, offsetting its ID, its references
// and (for nodes) its location. Copying the raw item and patching it in place
// keeps tags and all metadata without rebuilding anything.
void add_tile_copy(osmium::memory::Buffer& out, const osmium::OSMObject& obj, int tile,
                   const Grid& grid, const osmium::object_id_type offset[3]) {
    auto& copy = out.add_item(obj);
    copy.set_id(obj.id() + offset[type_index(obj.type())]);
    if (copy.type() == osmium::item_type::node) {
        auto& node = static_cast<osmium::Node&>(copy);
        const auto loc = node.location();
        if (loc.valid()) {
            node.set_location(osmium::Location{static_cast<int32_t>(loc.x() + grid.shift_x(tile)),
                                               static_cast<int32_t>(loc.y() + grid.shift_y(tile))});
        }
    } else if (copy.type() == osmium::item_type::way) {
        for (auto& ref : static_cast<osmium::Way&>(copy).nodes()) {
            ref.set_ref(ref.ref() + offset[0]);
        }
    } else {
        for (auto& member : static_cast<osmium::Relation&>(copy).members()) {
            member.set_ref(member.ref() + offset[type_index(member.type())]);
        }
    }
    out.commit();
}

}  // namespace

int main(int argc, char* argv[]) {
    Options opt;
    if (!parse_args(argc, argv, opt)) {
        usage(argv[0]);
        return kUsageError;
    }
    std::error_code ec;
    const auto input_bytes = std::filesystem::file_size(opt.input, ec);
    if (ec) {
        std::cerr << "maillon-tile-extract: cannot read input '" << opt.input << "': " << ec.message() << "\n";
        return 1;
    }

    // Written under a temporary name and renamed at the end, so an
    // interrupted run never leaves a truncated file that looks complete.
    const std::string tmp = opt.output + ".tmp";
    try {
        const Input in = load(opt.input);
        const Grid grid = make_grid(opt, in, input_bytes);

        osmium::io::Header header = in.header;
        header.boxes().clear();
        const auto& bl = in.bbox.bottom_left();
        const auto& tr = in.bbox.top_right();
        const int last = grid.count - 1;
        const int last_row_start = (last / grid.cols) * grid.cols;
        osmium::Box box;
        box.extend(osmium::Location{static_cast<int32_t>(bl.x() + grid.shift_x(0)),
                                    static_cast<int32_t>(bl.y() + grid.shift_y(0))});
        box.extend(osmium::Location{
            static_cast<int32_t>(tr.x() + grid.shift_x(std::min(grid.cols - 1, last))),
            static_cast<int32_t>(tr.y() + grid.shift_y(last_row_start))});
        header.add_box(box);
        header.set("generator", "maillon-tile-extract");
        header.set("sorting", "Type_then_ID");

        // Explicit format: the ".tmp" suffix would defeat format detection.
        osmium::io::Writer writer{osmium::io::File{tmp, "pbf"}, header, osmium::io::overwrite::allow};
        osmium::memory::Buffer out{kFlushBytes + 1024U * 1024U, osmium::memory::Buffer::auto_grow::yes};
        uint64_t written[3] = {0, 0, 0};

        // Type-major, then tile, then input order: tile k's IDs all lie below
        // tile k+1's, so this order is exactly "sorted by type then ID".
        for (const auto type : {osmium::item_type::node, osmium::item_type::way, osmium::item_type::relation}) {
            for (int tile = 0; tile < grid.count; ++tile) {
                osmium::object_id_type offset[3];
                for (int t = 0; t < 3; ++t) {
                    offset[t] = static_cast<osmium::object_id_type>(tile) * (in.max_id[t] + 1);
                }
                for (const auto& buffer : in.buffers) {
                    for (const auto& obj : buffer.select<osmium::OSMObject>()) {
                        if (obj.type() != type) {
                            continue;
                        }
                        add_tile_copy(out, obj, tile, grid, offset);
                        ++written[type_index(type)];
                        if (out.committed() >= kFlushBytes) {
                            writer(std::move(out));
                            out = osmium::memory::Buffer{kFlushBytes + 1024U * 1024U,
                                                         osmium::memory::Buffer::auto_grow::yes};
                        }
                    }
                }
            }
        }
        writer(std::move(out));
        writer.close();
        std::filesystem::rename(tmp, opt.output);

        const auto out_bytes = std::filesystem::file_size(opt.output);
        std::cout << "tiles: " << grid.count << " (grid " << grid.cols << "x" << grid.rows << ")\n"
                  << "nodes: " << written[0] << "\n"
                  << "ways: " << written[1] << "\n"
                  << "relations: " << written[2] << "\n"
                  << "output: " << opt.output << " (" << out_bytes / (1024 * 1024) << " MB)\n";
    } catch (const std::exception& e) {
        std::filesystem::remove(tmp, ec);
        std::cerr << "maillon-tile-extract: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
