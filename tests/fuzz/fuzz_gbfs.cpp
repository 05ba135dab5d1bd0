// GBFS station_information.json (first part of the input) with its station_status.json (the part
// after the first NUL byte, if any) through load_gbfs_stations.
// Contract: stations, or input_error.

#include "fuzz_input_file.hpp"
#include "maillon/errors.hpp"
#include "maillon/importers/stations.hpp"

#include <algorithm>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::uint8_t* split = std::find(data, data + size, std::uint8_t{0});
    const maillon::fuzz::InputFile info{data, static_cast<std::size_t>(split - data), "station_information.json"};
    const bool has_status = split != data + size;
    const std::size_t status_size = has_status ? static_cast<std::size_t>(data + size - split - 1) : 0;
    const maillon::fuzz::InputFile status{has_status ? split + 1 : data, status_size, "station_status.json"};
    try {
        (void)maillon::load_gbfs_stations(info.path(), has_status ? status.path() : "");
    } catch (const maillon::input_error&) {
    }
    return 0;
}
