#include "report_pages.hpp"

namespace maillon::outputs {

// A4 portrait sheets of fixed size (see report_pages.hpp). On screen the sheets are shown one
// under the other on a grey background, as a PDF viewer shows them.
const char* report_css() {
    return R"css(
@page { size: A4 portrait; margin: 0; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 8.8pt; color: #1f2421; line-height: 1.38; }
.page { width: 210mm; height: 296.8mm; padding: 12mm 14mm 15mm; position: relative; overflow: hidden; background: #fff;
  break-after: page; page-break-after: always; }
.page:last-child { break-after: auto; page-break-after: auto; }
@media screen { body { background: #c9cdca; padding: 4mm 0; } .page { margin: 0 auto 6mm; box-shadow: 0 0.6mm 3mm rgba(0,0,0,.3); } }
.running { display: flex; justify-content: space-between; font-size: 7pt; color: #5d6b63; border-bottom: 0.3mm solid #c5cfc9;
  padding-bottom: 1.2mm; margin-bottom: 4mm; }
.page > footer { position: absolute; left: 14mm; right: 14mm; bottom: 6.5mm; display: flex; justify-content: space-between;
  font-size: 6.6pt; color: #5d6b63; border-top: 0.3mm solid #c5cfc9; padding-top: 1.3mm; }
h1 { font-size: 21pt; line-height: 1.15; margin: 6mm 0 2mm; color: #0e3b2c; }
h2 { font-size: 13.5pt; margin: 0 0 2.5mm; color: #0e3b2c; }
h3 { font-size: 10pt; margin: 3.5mm 0 1.5mm; color: #0e3b2c; }
p { margin: 0 0 2mm; }
.subtitle { font-size: 12pt; color: #33463c; margin: 0 0 1mm; }
.small { font-size: 7.6pt; color: #4a564f; }
.lead { margin-top: 3mm; text-align: justify; }
.figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 2.5mm; margin: 4mm 0 4mm; }
.figure { border: 0.3mm solid #cdd8d1; border-left: 1.6mm solid #1b7837; padding: 2mm 2.6mm; height: 27mm; overflow: hidden; }
.figure .value { font-size: 16pt; font-weight: bold; color: #0e3b2c; line-height: 1.1; }
.figure .what { font-size: 8.2pt; font-weight: bold; }
.figure .more { font-size: 7.2pt; color: #4a564f; }
table { border-collapse: collapse; width: 100%; }
table.facts { font-size: 8pt; margin-bottom: 3mm; }
table.facts th { text-align: left; width: 38mm; vertical-align: top; padding: 1mm 2mm 1mm 0; color: #33463c; }
table.facts td { padding: 1mm 0; vertical-align: top; border-bottom: 0.2mm solid #e1e6e3; }
table.data { table-layout: fixed; font-family: "DejaVu Sans Condensed", "DejaVu Sans", sans-serif; font-size: 7.5pt; line-height: 1.3; }
table.data th { background: #e6eee9; text-align: left; vertical-align: bottom; padding: 1.2mm 1.1mm; border-bottom: 0.45mm solid #6f8f7e;
  font-weight: bold; line-height: 1.2; }
table.data td { height: 8.8mm; padding: 0.7mm 1.1mm; vertical-align: top; border-bottom: 0.2mm solid #d6dcd8; overflow: hidden; }
table.data.compact td { height: 6.2mm; }
table.data tr.total td { font-weight: bold; background: #f3f6f4; }
table.data th.num { text-align: right; }
table.data td.num { text-align: right; white-space: nowrap; }
table.data.tall td { height: 11.6mm; }
.tall .clamp { -webkit-line-clamp: 3; }
.clamp { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.compact .clamp { -webkit-line-clamp: 1; }
.rank { display: inline-block; min-width: 5.2mm; padding: 0 0.8mm; border-radius: 2.6mm; color: #fff; font-weight: bold; text-align: center; }
.terms { font-size: 6.6pt; color: #4a564f; }
.map-box { margin: 0; }
.stack { margin-top: 7mm; }
.map-box svg { display: block; }
.map-overview .street-name, .map-gap .street-name { font-family: "DejaVu Sans Condensed", "DejaVu Sans", sans-serif; font-size: 22px;
  fill: #3f3f3f; stroke: #fff; stroke-width: 6px; paint-order: stroke; stroke-linejoin: round; }
.commune-name { font-family: "DejaVu Sans", sans-serif; font-size: 26px; fill: #6f6f6f; text-anchor: middle; font-style: italic;
  stroke: #fff; stroke-width: 5px; paint-order: stroke; }
.gap-label text { font-family: "DejaVu Sans Condensed", "DejaVu Sans", sans-serif; }
.card-legend { margin: -1mm 0 2mm; }
.legend { display: grid; grid-template-columns: 1.35fr 1fr 1fr; gap: 1mm 5mm; font-size: 7.4pt; margin-top: 3mm; }
.legend h4 { font-size: 7.8pt; margin: 0 0 0.8mm; }
.legend ul { list-style: none; margin: 0; padding: 0; }
.legend li { display: flex; align-items: center; gap: 1.6mm; line-height: 1.5; }
.legend svg { flex: none; }
.cards { display: grid; grid-template-columns: 1fr 1fr; grid-template-rows: repeat(3, 79mm); gap: 3mm 6mm; }
.card { overflow: hidden; }
.card .caption { font-size: 7.4pt; line-height: 1.3; margin-top: 1.2mm; height: 20mm; overflow: hidden; }
.card .caption b { font-size: 8.2pt; }
.card .reason { color: #33463c; font-style: italic; }
.attribution { border: 0.3mm solid #cdd8d1; background: #f4f7f5; padding: 2mm 3mm; font-size: 7.6pt; margin-top: 3mm; }
.toc { font-size: 8.6pt; margin-top: 2mm; }
.toc li { display: flex; justify-content: space-between; border-bottom: 0.2mm dotted #9aa8a0; line-height: 1.6; }
.toc ul { list-style: none; padding: 0; margin: 0; columns: 2; column-gap: 8mm; }
.method p { text-align: justify; hyphens: auto; }
.method .formula { font-family: "DejaVu Sans Mono", monospace; font-size: 7.4pt; background: #f4f7f5; padding: 2mm 3mm; white-space: pre; margin: 1.5mm 0 2.5mm; }
.note { font-size: 7.4pt; color: #4a564f; margin-top: 2mm; }
)css";
}

}  // namespace maillon::outputs
