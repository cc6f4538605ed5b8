// Package plot draws publication-quality charts of connact simulation
// results with gonum.org/v1/plot: time series and parameter sweeps
// ([Chart]), heatmaps over two swept parameters ([Heatmap]) and small
// multiples ([Facets]).
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
// single journal column. The x axis spans the data exactly; the y axis is
// either fixed ([Chart.YMin], [Chart.YMax]) or fitted to the lines and bands
// with 5% headroom, starting at exactly 0 when no mean is negative so that
// shares and counts are not visually exaggerated (a symmetric interval that
// dips below 0 is clipped there). Ticks are 1, 2 or 5 times a power of ten,
// about five labelled intervals per axis, with minor ticks halfway. The legend sits inside the data
// area in the corner named by [Chart.Legend], on a translucent white box so
// that lines passing under it stay visible.
//
// # Colours
//
// Series i takes [Palette][i mod len(Palette)], the eight colours of Okabe &
// Ito's Color Universal Design palette in their published order (black,
// orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple),
// which remain distinguishable under the common forms of colour-vision
// deficiency and in greyscale print. After the palette wraps, lines also
// differ by dash pattern (solid, dashed, dotted, dash-dot), so no two of the
// first 32 series look alike. The yellow is pale on white; with five or more
// series consider reordering Palette, which callers may replace.
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
// ratio with the cell.
//
// [Facets] draws small multiples (Tufte 1983): a grid of Charts, one per
// sweep point, on a common x range and by default a common y range, so
// that panels compare by position alone. Tick labels appear only on the
// outer edges, the axis labels once, and a legend shared by all panels
// once, in a row under the title. Panels are aligned with plot.Align on
// draw.Tiles, so that their data areas are the same size whatever their
// tick labels; panel titles shrink, then wrap, to fit their panels.
//
// # Output
//
// The Save methods choose the format from the file extension and the Write
// methods take it by name:
//
//   - svg: vector, fonts embedded as base64 TrueType, byte-for-byte
//     deterministic for the same input (suitable for golden tests);
//   - png: raster at 300 dpi, the resolution most journals ask for, with a
//     pHYs chunk so that the image opens at its physical size;
//   - pdf: vector, fonts embedded. PDF text uses the cp1252 (Western
//     European) encoding of the PDF backend, so labels should stay within
//     Latin-1; SVG and PNG accept any Unicode the font covers.
//
// Invalid input returns an error wrapping [ErrNoData] (nothing to draw) or
// [ErrBadData] (mismatched lengths, NaN or ±Inf in X or Mean, ±Inf in Lo or
// Hi, Lo > Hi, X ≤ 0 on a log axis; ragged heatmap rows, ±Inf cells, tick
// labels that do not match the cells) that names the offending series,
// panel, row or cell.
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
