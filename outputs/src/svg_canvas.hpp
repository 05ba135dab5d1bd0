#pragma once
// One vector map as SVG: a window of the local metric plane fitted into a box of paper, and the
// pieces every map has. Coordinates are written in tenths of a millimetre of paper, as integers,
// after clipping to the window and a Douglas–Peucker simplification at a tenth of a millimetre:
// what is finer than the printer can draw is not written, so that a region's map stays small.

#include "base_map.hpp"

#include <string>
#include <utility>
#include <vector>

namespace maillon::outputs {

using PlanePoint = std::pair<double, double>;

class SvgCanvas {
public:
    /// Fits `want` (plane metres, grown by `pad` on each side) into width_mm × height_mm, keeping
    /// the proportions: the window shown is `want` centred, widened in one direction.
    SvgCanvas(const PlaneBox& want, double width_mm, double height_mm, double pad_m = 0);

    const PlaneBox& window() const noexcept { return m_window; }
    double m_per_mm() const noexcept { return m_m_per_unit * 10; }
    double width_mm() const noexcept { return m_w / 10; }
    double height_mm() const noexcept { return m_h / 10; }
    /// Paper position, in tenths of a millimetre from the top left.
    PlanePoint to_paper(double x, double y) const noexcept;
    /// Path data ("M… l…") of a polyline, clipped to the window; "" when nothing visible is left
    /// (outside, or shorter than a tenth of a millimetre).
    std::string line_path(const std::vector<PlanePoint>& pts) const;
    /// Path data of a closed ring (not clipped: the SVG's clip path cuts it), "" when it is a dot.
    std::string ring_path(const std::vector<PlanePoint>& pts) const;

    /// The opening tag with its clip path and white background; `id` names the clip path. The
    /// window is recorded in longitudes and latitudes (data-window: west,south,east,north).
    std::string open(const std::string& id, const std::string& css_class, const std::string& title,
                     const LocalProjection& proj) const;
    /// Scale bar (bottom left), north arrow (top right), frame and the closing tag.
    std::string close() const;

private:
    std::string path_of(std::vector<PlanePoint> pts, bool closed) const;

    PlaneBox m_window;
    double m_w, m_h;            // paper size, tenths of mm
    double m_m_per_unit;        // metres of ground per tenth of mm
};

/// Number labels that keep clear of each other: each label is tried at its anchor, then around it
/// at growing distances; a moved label gets a leader line to its anchor.
class LabelPlacer {
public:
    LabelPlacer(double width, double height) : m_w(width), m_h(height) {}
    /// A free centre for a circle of radius r near (x, y) (paper units); the anchor itself when
    /// nothing is free.
    PlanePoint place(double x, double y, double r);
    /// Takes the circle when it is free (and inside the map); false otherwise.
    bool take_if_free(double x, double y, double r);
    /// Keeps labels off a circle (the scale bar, the north arrow).
    void reserve(double x, double y, double r) { m_taken.push_back({{x, y}, r}); }

private:
    bool free(double x, double y, double r) const;
    double m_w, m_h;
    std::vector<std::pair<PlanePoint, double>> m_taken;
};

/// "1,5 km", "200 m": a length for scale bars.
std::string scale_text(double metres);

}  // namespace maillon::outputs
