// Package plot draws publication-quality charts of connact simulation
// results with gonum.org/v1/plot: time series and parameter sweeps
// ([Chart]), heatmaps over two swept parameters ([Heatmap]), small
// multiples ([Facets]), and clouds of weighted points ([Cloud]), such as
// the particles of a posterior over a pair of parameters (sim/fit).
//
// A [Chart] holds one or more [Series], typically one per mechanism
// (collective, connective, organisationally enabled connective action) or one
// per scenario or condition. Each series is drawn as
//
//   - a shaded band from Lo to Hi (the caller's confidence interval across
//     replicates), filled with the series colour at 25% opacity and drawn
//     under every line, as the polygon lower edge forward, upper edge
//     backward: (x₀,lo₀) … (xₙ,loₙ), (xₙ,hiₙ) … (x₀,hi₀);
//   - the mean line, 1.5 pt wide, on top of all bands.
//
// Points where Lo or Hi is NaN (for example a step with a single replicate,
// where no interval exists) break the band into separate pieces; a piece of
// a single point has no area and is not drawn, so a series whose Lo and Hi
// are all NaN is drawn as a bare line. How the band is computed (a t-based
// 95% interval, mean ± t₀.₉₇₅,ₙ₋₁·s/√n, quantiles, or anything else) is the
// caller's business: this package only draws it.
//
// # Layout
//
// The default size of a Chart is 6.5 × 4 in, with an 11 pt title, 10 pt axis labels and
// 9 pt tick and legend labels in Liberation Sans (metrically compatible with
// Arial/Helvetica), which stay readable when the figure is scaled to a
// single journal column. The x axis spans the data exactly (padded by 3%
// each side with [Chart.Markers] or [Chart.XTicks]); the y axis is
// either fixed ([Chart.YMin], [Chart.YMax]) or fitted to the lines and bands
// with 5% headroom, starting at exactly 0 when no mean is negative so that
// shares and counts are not visually exaggerated (a symmetric interval that
// dips below 0 is clipped there). Ticks are 1, 2 or 5 times a power of ten,
// about five labelled intervals per axis, with minor ticks halfway, all
// labels of an axis with the same number of decimals. [Chart.XTicks]
// labels x at exactly the design values of a swept parameter instead, with
// the fewest decimals that write them all (1, 3, 5, 7, 9; 0.05, 0.10).
//
// Legends never cover data. As matplotlib's loc="best", the placement
// computes, in canvas coordinates, the segments of every mean line and
// event line, the polygons of every band and the boxes of every marker,
// and takes the first of the data area's corners and edge centres
// (top-right, top-left, bottom-right, bottom-left, right, left, top,
// bottom) where the legend box, grown by 2 pt, meets none of them; a
// corner named by [Chart.Legend] is tried first. When none is free the
// legend goes outside, as ggplot2 puts it: right of the data area,
// which shrinks, or, when wider than 30% of the figure, below the x axis
// label in a grid of rows. A chart of one series has no legend.
//
// [Chart.Events] mark moments such as an intervention: a thin grey dashed
// line across the data area, under the data, and a short 8 pt grey label
// just above the data area, right of its line (left of it near the right
// edge); labels that would overlap go up a row, and the title moves up to
// make room.
//
// The layout is verified by TestLayout and its companions: every kind of
// figure, over rising, falling, flat, crossing, saturating, oscillating
// and full-height-band data, is drawn on a recording canvas and fails if
// a legend box meets a drawn line, band, marker or event line, if a text
// overlaps another (turned labels by their own boxes) or leaves the page;
// TestLayoutOldPlacement checks that the old fixed-corner legend is
// caught. [CheckLayout] runs the same checker on any figure, for the
// tests of packages that draw charts.
//
// # Colours
//
// Each series has a style slot, and slot i is drawn in
// [Palette][i mod 7], with dash pattern (i div 7) mod 4 (solid, dashed,
// dotted, dash-dot) and, with markers, shape i mod 5 (circle, square,
// triangle, diamond, inverted triangle), so that series stay apart past
// seven colours. Palette is the Okabe & Ito (2008) palette without its
// yellow, whose 1.3:1 contrast with white is too faint for a line (WCAG
// 2.1 asks 3:1 of graphics): blue, vermillion, bluish green, reddish
// purple, orange, sky blue, black. These remain distinguishable under the
// common forms of colour-vision deficiency.
//
// Slots follow the series' names, not their order. A series is named by
// [Series.Key], or its Label. The mechanisms always take the first three
// slots: collective action blue, connective action vermillion, hybrid or
// organisationally enabled connective action bluish green (matched
// without regard to case, hyphens or a trailing "action"). Other names
// take the free slots in natural order (numbers by value: k=2 before
// k=10). [Colours] builds that map for a list of names; a caller drawing
// several charts of a folder, or comparing folders, passes every name of
// all of them and sets the map as [Chart.Colours] or [Facets.Colours], so
// that a condition has the same colour in every chart.
//
// # Parameter sweeps
//
// A metric against one swept parameter, with a line and 95% band per value
// of a second parameter, is a [Chart] whose series have the parameter
// values as X. They need not be evenly spaced; [Chart.LogX] puts x on a
// base-10 log scale for parameters swept over orders of magnitude,
// labelled at powers of ten, or at 1, 2 and 5 times them when the axis
// spans too few decades for three labels, with minor ticks at the other
// integer multiples.
//
// A [Heatmap] shows a metric over two swept parameters, one equal-sized
// cell per pair whatever the spacing of the values: its axes are
// categorical, labelled at the cell centres, and column labels turn 45°
// when they do not fit under their cells. Cells are coloured on viridis
// (van der Walt & Smith 2015), a sequential map whose lightness rises
// evenly in the CAM02-UCS colour space, so that equal differences look
// equal, order survives greyscale printing, and the map stays readable
// under the common colour-vision deficiencies; the colour bar on the right
// gives the scale. Missing cells (NaN) are light grey. Annotations, when
// asked for, are black or white, whichever has the higher WCAG contrast
// ratio with the cell, with one number of decimals for the whole map.
//
// [Facets] draws small multiples (Tufte 1983): a grid of Charts, one per
// sweep point, on a common x range and by default a common y range, so
// that panels compare by position alone. Tick labels appear only on the
// outer edges, the axis labels once, and one legend for all panels (each
// series name once) in rows under the title. Panels are aligned with
// plot.Align on draw.Tiles, so that their data areas are the same size
// whatever their tick labels; panels are at least 1.4 in wide (fewer
// columns, more rows, a taller figure), cells after the last panel stay
// empty, and panel titles, given short by the caller, shrink from 9 to
// 8 pt and then wrap (at spaces, else after _ = , / -) so that they never
// overprint or leave their panel. No text is under 8 pt.
// [Facets.Pages] splits many panels into pages that share colours and the
// y range.
//
// [SharedRange] gives heatmaps shown side by side, such as one per
// condition, one colour range: set it as ZMin, ZMax on each.
//
// # Networks
//
// [Network] draws a network as small multiples, the same layout in every
// panel (network.Layout, Fruchterman & Reingold 1991) and the nodes'
// category (an agent's state at a step) changing: discs whose radius grows
// with the square root of the degree and shrinks with the number of nodes,
// ties as thin light-grey lines under them, the legend in a column right
// of the panels, where it covers nothing.
//
// # Output
//
// The Save methods choose the format from the file extension and the Write
// methods take it by name:
//
//   - svg: vector, text naming its fonts (font-family 'Liberation Sans',
//     Arial, Helvetica, sans-serif: metric-compatible fallbacks) rather
//     than embedding 550 kB of base64 TrueType, so files are a few tens
//     of kB; byte-for-byte deterministic for the same input (suitable
//     for golden tests);
//   - png: raster at 300 dpi, the resolution most journals ask for, with a
//     pHYs chunk so that the image opens at its physical size;
//   - pdf: vector, fonts embedded. PDF text uses the cp1252 (Western
//     European) encoding of the PDF backend, so labels should stay within
//     Latin-1; SVG and PNG accept any Unicode the font covers.
//
// Invalid input returns an error wrapping [ErrNoData] (nothing to draw) or
// [ErrBadData] (mismatched lengths, NaN or ±Inf in X or Mean, ±Inf in Lo or
// Hi, Lo > Hi, X ≤ 0 on a log axis, XTicks not finite or not increasing,
// an event X not finite; ragged heatmap rows, ±Inf cells, tick labels that
// do not match the cells) that names the offending series, panel, field,
// row or cell.
//
// # References
//
// Okabe M, Ito K (2008) Color Universal Design (CUD): how to make figures
// and presentations that are friendly to colorblind people.
// https://jfly.uni-koeln.de/color/
//
// Wong B (2011) Points of view: Color blindness. Nature Methods 8:441.
// https://doi.org/10.1038/nmeth.1618
//
// van der Walt S, Smith N (2015) mpl colormaps: viridis, a perceptually
// uniform sequential colour map, released CC0 with Matplotlib 1.5. See
// Smith N, van der Walt S, "A Better Default Colormap for Matplotlib",
// SciPy 2015. https://bids.github.io/colormap/
//
// W3C (2018) Web Content Accessibility Guidelines (WCAG) 2.1, definitions
// of relative luminance and contrast ratio.
// https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio
//
// Tufte ER (1983) The Visual Display of Quantitative Information. Graphics
// Press, Cheshire, CT. (Small multiples.)
package plot
