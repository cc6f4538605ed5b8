package plot

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgpdf"
	"gonum.org/v1/plot/vg/vgsvg"
)

// This file holds the output path shared by every figure kind: format by
// name or extension, page size in inches, a white page, and the three
// backends.

// PDF charts are byte-identical for the same data like the other formats:
// the PDF library would stamp each file with the time it was drawn and
// write its font catalogue in map order. The date is SOURCE_DATE_EPOCH
// when set (the reproducible-builds convention), else 2000-01-01 UTC.
func init() {
	date := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	if s, err := strconv.ParseInt(os.Getenv("SOURCE_DATE_EPOCH"), 10, 64); err == nil && s > 0 {
		date = time.Unix(s, 0).UTC()
	}
	fpdf.SetDefaultCreationDate(date)
	fpdf.SetDefaultModificationDate(date)
	fpdf.SetDefaultCatalogSort(true)
}

// saveFile writes a figure to path through write, in the format named by
// the extension of path. Nothing is created when write fails.
func saveFile(path string, write func(w io.Writer, format string) error) error {
	format := strings.TrimPrefix(filepath.Ext(path), ".")
	var buf bytes.Buffer
	if err := write(&buf, format); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// writeFigure writes to w, in format, a figure of width × height inches
// (defW, defH in place of a size ≤ 0) that painter validates and draws.
func writeFigure(w io.Writer, format string, width, height, defW, defH float64, painter func() (func(draw.Canvas), error)) error {
	format, err := parseFormat(format)
	if err != nil {
		return err
	}
	wl, hl, err := pageSize(width, height, defW, defH)
	if err != nil {
		return err
	}
	paint, err := painter()
	if err != nil {
		return err
	}
	return render(w, format, wl, hl, paint)
}

// parseFormat normalises a format name ("svg", ".PNG", …).
func parseFormat(format string) (string, error) {
	format = strings.ToLower(strings.TrimPrefix(format, "."))
	switch format {
	case "svg", "png", "pdf":
		return format, nil
	}
	return "", fmt.Errorf("plot: unsupported format %q (want svg, png or pdf)", format)
}

// pageSize returns the page in points, with defW and defH (inches) in
// place of a width or height ≤ 0.
func pageSize(width, height, defW, defH float64) (w, h vg.Length, err error) {
	if width <= 0 {
		width = defW
	}
	if height <= 0 {
		height = defH
	}
	if math.IsInf(width, 0) || math.IsNaN(width) || math.IsInf(height, 0) || math.IsNaN(height) {
		return 0, 0, fmt.Errorf("plot: bad size %v × %v in", width, height)
	}
	return vg.Length(width) * vg.Inch, vg.Length(height) * vg.Inch, nil
}

// svgFamily is how vgsvg names the font of a text, and svgFamilies the
// list written instead: Liberation Sans, then the fonts it is metrically
// compatible with, so that text keeps its measured width wherever one of
// them is installed.
const (
	svgFamily   = "font-family:Liberation Sans;"
	svgFamilies = "font-family:'Liberation Sans', Arial, Helvetica, sans-serif;"
)

// render paints a white page of w × h and hands it to paint, then writes
// the page to out in format (already parsed): SVG naming its fonts, PDF
// with embedded fonts, PNG at DPI with a pHYs chunk.
func render(out io.Writer, format string, w, h vg.Length, paint func(dc draw.Canvas)) error {
	page := func(cv vg.CanvasSizer) {
		dc := draw.New(cv)
		dc.SetColor(color.White)
		dc.Fill(dc.Rectangle.Path())
		paint(dc)
	}
	switch format {
	case "svg":
		// Text names the font family, with metric-compatible fallbacks,
		// instead of embedding 550 kB of base64 TrueType per file.
		cv := vgsvg.NewWith(vgsvg.UseWH(w, h))
		page(cv)
		var buf bytes.Buffer
		if _, err := cv.WriteTo(&buf); err != nil {
			return err
		}
		_, err := out.Write(bytes.ReplaceAll(buf.Bytes(), []byte(svgFamily), []byte(svgFamilies)))
		return err
	case "png":
		cv := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(DPI))
		page(cv)
		return writePNG(out, cv.Image(), DPI)
	case "pdf":
		cv := vgpdf.New(w, h)
		cv.EmbedFonts(true)
		page(cv)
		_, err := cv.WriteTo(out)
		return err
	}
	panic("plot: unparsed format " + format)
}

// inMargins returns dc less the figure margins.
func inMargins(dc draw.Canvas) draw.Canvas {
	return draw.Crop(dc, vg.Points(marginLeft), -vg.Points(marginRight),
		vg.Points(marginBottom), -vg.Points(marginTop))
}
