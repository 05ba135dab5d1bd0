#pragma once
// Helpers shared by the tests: temporary files, a QPV layer drawn over a scenario map, printers.
// Scenario maps themselves: scenario.hpp.

#include "maillon/gaps.hpp"
#include "maillon/importers/qpv.hpp"

#include <optional>
#include <string>
#include <vector>

namespace maillon::test {

/// A file under /tmp that exists for the object's lifetime (unique per process and call).
class TempFile {
public:
    /// @param name   file name suffix (its extension tells readers the format)
    /// @param content written at once; the file is removed by the destructor.
    TempFile(const std::string& name, const std::string& content);
    ~TempFile();
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
    const std::string& path() const noexcept { return m_path; }

private:
    std::string m_path;
};

/// A unique path under /tmp (not created).
std::string temp_path(const std::string& name);

/// A rectangle in scenario metres (x east, y south of the scenario origin, scenario.cpp).
struct TestQpv {
    std::string code;
    std::string name;
    double x0, y0, x1, y1;
    std::optional<double> population{};
};

/// The QPV as a GeoJSON layer (fields code, nom, commune and, when given, population) read by
/// the real loader.
QpvLayer qpv_layer(const std::vector<TestQpv>& qpvs);

/// Longitude / latitude of scenario metres (the inverse of scenario.cpp's placement).
double scenario_lon(double x_m);
double scenario_lat(double y_m);

/// The label of a scenario node ('?' for other nodes).
char label(const Graph& g, NodeId n);
/// One line per gap, for INFO messages: "B->C detour/street 100.0 m, benefit 4, merged 2, rank 1".
std::string describe(const Graph& g, const std::vector<Gap>& gaps);
/// The gap between two labelled nodes, in either direction; nullptr when absent.
const Gap* find_gap(const Graph& g, const std::vector<Gap>& gaps, char a, char b);

}  // namespace maillon::test
