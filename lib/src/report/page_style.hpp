#pragma once
// Internal to the report page: its one stylesheet, inlined into the page's <head> so the page
// loads nothing from anywhere.

#include <string_view>

namespace bb::report::detail {

// Okabe–Ito colours (blue, sky blue, bluish green, orange, vermillion, reddish purple) stay the
// same in the dark version; only paper, ink and lines change.
constexpr std::string_view k_css = R"css(:root {
  color-scheme: light dark;
  --paper: #ffffff; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --panel: #f6f8fa;
  --blue: #0072B2; --sky: #56B4E9; --green: #009E73; --orange: #E69F00;
  --vermillion: #D55E00; --purple: #CC79A7; --grey: #8c959f; --link: #0072B2;
  --band: .28;
}
@media (prefers-color-scheme: dark) {
  :root { --paper: #16191d; --ink: #e6edf3; --muted: #9198a1; --line: #3d444d; --panel: #21262d;
          --grey: #7d8590; --link: #56B4E9; --band: .5; }
}
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); }
body { margin: 0 auto; max-width: 54rem; padding: 1.5rem 1rem 3rem;
       font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
       "Liberation Sans", sans-serif; }
h1 { font-size: 1.9rem; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .5rem; padding-top: .6rem; border-top: 1px solid var(--line); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .3rem; }
p { margin: .4rem 0; }
.range, .note, figcaption, .legend, footer { color: var(--muted); }
.headline { font-size: 1.15rem; }
nav { margin: .8rem 0 0; font-size: .95rem; display: flex; flex-wrap: wrap; gap: .2rem .9rem; }
nav a { color: var(--link); white-space: nowrap; }
code { font: .92em ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace;
       background: var(--panel); padding: .05rem .3rem; border-radius: 4px; }
ol.wins { padding-left: 0; list-style: none; }
ol.wins li { margin: .2rem 0; }
time { color: var(--muted); font-variant-numeric: tabular-nums; margin-right: .6rem; }
figure { margin: .8rem 0 1rem; }
.chart { overflow-x: auto; }
.chart > svg { direction: ltr; }
svg { display: block; max-width: 100%; height: auto; }
svg.wide { width: 100%; min-width: 34rem; max-width: none; }
svg.flow { min-width: 44rem; }
svg text { fill: var(--ink); font-size: 13px; }
svg text.small { font-size: 11px; fill: var(--muted); }
svg.flow text { font-size: 15px; }
svg text.label { paint-order: stroke; stroke: var(--paper); stroke-width: 4px; stroke-linejoin: round; }
svg text.count { font-weight: 600; }
.axis { stroke: var(--line); stroke-width: 1; }
.node-stage, .bar-rejection { fill: var(--blue); }
.node-ended { fill: var(--orange); }
.node-unlogged { fill: var(--grey); }
.band-stage { fill: var(--blue); opacity: var(--band); }
.band-ended { fill: var(--orange); opacity: .45; }
.band-unlogged { fill: var(--grey); opacity: .4; }
.bar-win, .answered, .done, .theme-strength { fill: var(--green); }
.bar-answer { fill: var(--blue); }
.waiting, .rest { fill: var(--sky); }
.theme-improve { fill: var(--orange); }
.median { stroke: var(--vermillion); stroke-width: 2; stroke-dasharray: 5 3; }
svg text.median-label { fill: var(--vermillion); font-weight: 600; }
.mood-line { fill: none; stroke: var(--purple); stroke-width: 2.5; stroke-linejoin: round; }
.mood-point { fill: var(--purple); }
.open { fill: var(--panel); stroke: var(--line); stroke-width: 1; }
.future { fill: none; stroke: var(--line); stroke-width: 1; stroke-dasharray: 2 2; }
.outside { fill: none; }
.missed { fill: none; stroke: var(--grey); stroke-width: 1; }
.running { fill: var(--green); opacity: .45; }
.legend { display: flex; flex-wrap: wrap; gap: .3rem 1.1rem; font-size: .9rem; margin: .3rem 0; }
.legend span { white-space: nowrap; }
.swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px;
          vertical-align: -.05rem; margin-right: .35rem; border: 1px solid transparent; }
.swatch.done, .swatch.win, .swatch.answered { background: var(--green); }
.swatch.rest, .swatch.waiting { background: var(--sky); }
.swatch.open { background: var(--panel); border-color: var(--line); }
.swatch.rejection, .swatch.stage { background: var(--blue); }
.swatch.ended { background: var(--orange); }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .92rem;
        font-variant-numeric: tabular-nums; }
caption { text-align: left; color: var(--muted); padding-bottom: .2rem; caption-side: top; }
th, td { padding: .2rem .8rem .2rem 0; border-bottom: 1px solid var(--line); text-align: left;
         vertical-align: top; }
th { font-weight: 600; }
th, td.n { white-space: nowrap; }
div.table { overflow-x: auto; }
td.n, th.n { text-align: right; }
details { margin: .4rem 0 1rem; }
summary { cursor: pointer; color: var(--muted); }
p.goal { font-style: italic; }
ul.signals { padding-left: 1.2rem; }
ul.signals li { margin: .6rem 0; max-width: 44rem; }
ul.follow-ups { padding-left: 1.2rem; }
.habit-line { color: var(--muted); }
footer { margin-top: 3rem; border-top: 1px solid var(--line); padding-top: .8rem; font-size: .9rem; }
@media (max-width: 36rem) {
  body { padding: 1rem .75rem 2rem; font-size: 15px; }
  h1 { font-size: 1.5rem; }
  /* Charts over time scroll sideways here, starting from the latest weeks. */
  .chart.recent { direction: rtl; }
}
@media print {
  :root { color-scheme: light; --paper: #ffffff; --ink: #000000; --muted: #444c56;
          --line: #b8c0c8; --panel: #eef1f4; --grey: #8c959f; --band: .28; }
  @page { size: A4; margin: 14mm 14mm 16mm; }
  html, body { background: #ffffff; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav, details { display: none; }
  h2 { border-top: none; padding-top: 0; margin-top: 1.2rem; }
  h2, h3 { break-after: avoid; }
  .new-page { break-before: page; }
  .new-page > h2 { margin-top: 0; }
  figure, table, tr, li, .habit { break-inside: avoid; }
  table { font-size: 9pt; margin: .3rem 0 .7rem; }
  th, td { padding: .08rem .7rem .08rem 0; }
  figure { margin: .4rem 0 .6rem; }
  .chart, .chart.recent { overflow: visible; direction: ltr; }
  svg.wide, svg.flow { min-width: 0; }
  svg.calendar { width: auto; height: 7rem; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

} // namespace bb::report::detail
