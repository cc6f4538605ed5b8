package plot

import (
	"image/color"
	"math"
)

// viridis returns the colour of t ∈ [0, 1] (clamped; NaN panics) on the
// viridis colour map of van der Walt & Smith (2015): dark blue-purple at 0
// through teal to yellow at 1, with lightness rising monotonically and
// evenly in CAM02-UCS, so that equal steps in value look like equal steps
// in colour, in greyscale and under the common colour-vision deficiencies.
//
// The anchors are every fifth entry (0, 5, …, 255) of matplotlib's
// 256-entry table (_cm_listed.py), linearly interpolated in sRGB; over the
// 256 table entries this differs from the table by at most 0.62/255 per
// channel, below 8-bit quantisation.
func viridis(t float64) color.NRGBA {
	if math.IsNaN(t) {
		panic("plot: viridis(NaN)")
	}
	t = min(max(t, 0), 1)
	pos := t * float64(len(viridisAnchors)-1)
	i := min(int(pos), len(viridisAnchors)-2)
	f := pos - float64(i)
	a, b := viridisAnchors[i], viridisAnchors[i+1]
	channel := func(k int) uint8 {
		return uint8(math.Round(255 * (a[k] + f*(b[k]-a[k]))))
	}
	return color.NRGBA{R: channel(0), G: channel(1), B: channel(2), A: 0xff}
}

// viridisAnchors are sRGB triples in [0, 1], entries 0, 5, …, 255 of
// matplotlib's _viridis_data (CC0), i.e. the map at t = 0, 1/51, …, 1.
var viridisAnchors = [...][3]float64{
	{0.267004, 0.004874, 0.329415}, // 0
	{0.273809, 0.031497, 0.358853}, // 5
	{0.278791, 0.062145, 0.386592}, // 10
	{0.281924, 0.089666, 0.412415}, // 15
	{0.283197, 0.115680, 0.436115}, // 20
	{0.282623, 0.140926, 0.457517}, // 25
	{0.280255, 0.165693, 0.476498}, // 30
	{0.276194, 0.190074, 0.493001}, // 35
	{0.270595, 0.214069, 0.507052}, // 40
	{0.263663, 0.237631, 0.518762}, // 45
	{0.255645, 0.260703, 0.528312}, // 50
	{0.246811, 0.283237, 0.535941}, // 55
	{0.237441, 0.305202, 0.541921}, // 60
	{0.227802, 0.326594, 0.546532}, // 65
	{0.218130, 0.347432, 0.550038}, // 70
	{0.208623, 0.367752, 0.552675}, // 75
	{0.199430, 0.387607, 0.554642}, // 80
	{0.190631, 0.407061, 0.556089}, // 85
	{0.182256, 0.426184, 0.557120}, // 90
	{0.174274, 0.445044, 0.557792}, // 95
	{0.166617, 0.463708, 0.558119}, // 100
	{0.159194, 0.482237, 0.558073}, // 105
	{0.151918, 0.500685, 0.557587}, // 110
	{0.144759, 0.519093, 0.556572}, // 115
	{0.137770, 0.537492, 0.554906}, // 120
	{0.131172, 0.555899, 0.552459}, // 125
	{0.125394, 0.574318, 0.549086}, // 130
	{0.121148, 0.592739, 0.544641}, // 135
	{0.119423, 0.611141, 0.538982}, // 140
	{0.121380, 0.629492, 0.531973}, // 145
	{0.128087, 0.647749, 0.523491}, // 150
	{0.140210, 0.665859, 0.513427}, // 155
	{0.157851, 0.683765, 0.501686}, // 160
	{0.180653, 0.701402, 0.488189}, // 165
	{0.208030, 0.718701, 0.472873}, // 170
	{0.239374, 0.735588, 0.455688}, // 175
	{0.274149, 0.751988, 0.436601}, // 180
	{0.311925, 0.767822, 0.415586}, // 185
	{0.352360, 0.783011, 0.392636}, // 190
	{0.395174, 0.797475, 0.367757}, // 195
	{0.440137, 0.811138, 0.340967}, // 200
	{0.487026, 0.823929, 0.312321}, // 205
	{0.535621, 0.835785, 0.281908}, // 210
	{0.585678, 0.846661, 0.249897}, // 215
	{0.636902, 0.856542, 0.216620}, // 220
	{0.688944, 0.865448, 0.182725}, // 225
	{0.741388, 0.873449, 0.149561}, // 230
	{0.793760, 0.880678, 0.120005}, // 235
	{0.845561, 0.887322, 0.099702}, // 240
	{0.896320, 0.893616, 0.096335}, // 245
	{0.945636, 0.899815, 0.112838}, // 250
	{0.993248, 0.906157, 0.143936}, // 255
}

// contrastText returns black or white, whichever contrasts more with the
// background bg by the WCAG 2.1 contrast ratio (L₁ + 0.05)/(L₂ + 0.05),
// where L is the relative luminance 0.2126 R + 0.7152 G + 0.0722 B of the
// linearised sRGB channels. Black wins when L > √(1.05 × 0.05) − 0.05 ≈
// 0.179, the luminance at which both ratios are equal.
func contrastText(bg color.Color) color.Color {
	if luminance(bg) > math.Sqrt(1.05*0.05)-0.05 {
		return color.Black
	}
	return color.White
}

// luminance is the WCAG 2.1 relative luminance of an opaque sRGB colour.
func luminance(c color.Color) float64 {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	lin := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(n.R) + 0.7152*lin(n.G) + 0.0722*lin(n.B)
}
