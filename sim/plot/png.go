package plot

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/png"
	"io"
	"math"
)

// writePNG encodes img as PNG with a pHYs chunk recording dpi, so that
// word processors and journal systems place the figure at its physical
// size (image/png, and hence vgimg, write no resolution).
//
// The chunk (PNG spec §11.3.5.3) holds pixels per metre in x and y as
// big-endian uint32 and the unit byte 1 (metre); it must precede the first
// IDAT, so it is put right after IHDR, always the first chunk.
func writePNG(w io.Writer, img image.Image, dpi float64) error {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return err
	}
	b := buf.Bytes()
	// 8-byte signature, then IHDR: length (4), type (4), data (13), CRC (4).
	const ihdrEnd = 8 + 4 + 4 + 13 + 4
	if len(b) < ihdrEnd || string(b[12:16]) != "IHDR" {
		return errors.New("plot: unexpected PNG layout")
	}

	ppm := uint32(math.Round(dpi / 0.0254)) // 300 dpi → 11811 px/m
	var chunk [4 + 4 + 9 + 4]byte
	binary.BigEndian.PutUint32(chunk[0:], 9)
	copy(chunk[4:], "pHYs")
	binary.BigEndian.PutUint32(chunk[8:], ppm)
	binary.BigEndian.PutUint32(chunk[12:], ppm)
	chunk[16] = 1
	binary.BigEndian.PutUint32(chunk[17:], crc32.ChecksumIEEE(chunk[4:17]))

	for _, part := range [][]byte{b[:ihdrEnd], chunk[:], b[ihdrEnd:]} {
		if _, err := w.Write(part); err != nil {
			return err
		}
	}
	return nil
}
