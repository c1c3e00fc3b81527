// Command icongen draws the Teams app icons of iagbot (manifest/teams/color.png and
// outline.png) so that they can be regenerated and tweaked as code rather than binary blobs.
//
// Usage, from the repository root:
//
//	go run ./manifest/internal/icongen -out manifest/teams
//
// Output is deterministic: the same source gives the same pixels.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
)

func main() {
	out := flag.String("out", "manifest/teams", "folder that receives color.png and outline.png")
	flag.Parse()
	for name, img := range map[string]image.Image{"color.png": colorIcon(), "outline.png": outlineIcon()} {
		if err := writePNG(filepath.Join(*out, name), img); err != nil {
			fmt.Fprintln(os.Stderr, "icongen:", err)
			os.Exit(1)
		}
	}
}

func writePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// Palette. brand is also the manifest's accentColor and the Slack background_color, so
// the icon blends with the tile Teams draws around it.
var (
	brand = color.NRGBA{0x1E, 0x5A, 0xA8, 0xFF} // #1E5AA8
	green = color.NRGBA{0x2E, 0x9E, 0x5B, 0xFF} // #2E9E5B, "approved"
	white = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
)

// colorIcon is the 192×192 full-colour icon: a white speech bubble saying "IA" on the
// brand colour, with a green approval badge (a check mark) on its lower-right corner.
// Teams crops the tile's corners itself, so the background is a full square.
func colorIcon() *image.NRGBA {
	const size = 192
	bubble := bubbleShape(0.16, 0.19, 0.84, 0.66, 0.10)
	letters := union(
		rect(0.300, 0.280, 0.370, 0.535), // I
		letterA(0.555, 0.280, 0.535, 0.135, 0.072),
	)
	// the badge stays clear of the letters so that the A keeps both feet
	badge := circle(0.755, 0.715, 0.140)
	badgeRing := circle(0.755, 0.715, 0.170) // separates the badge from the bubble
	check := checkMark(0.755, 0.715, 0.140, 0.038)
	return render(size, nil, []layer{
		{brand, func(x, y float64) bool { return true }},
		{white, bubble},
		{brand, letters},
		{brand, badgeRing},
		{green, badge},
		{white, check},
	})
}

// outlineIcon is the 32×32 outline icon Teams shows in its app bar: the same bubble as a
// white stroke with a check mark inside, on a transparent background (Teams tints it).
func outlineIcon() *image.NRGBA {
	const size = 32
	const px = 1.0 / size
	outer := bubbleShape(2*px, 4*px, 30*px, 24*px, 5*px)
	inner := roundRect(4.25*px, 6.25*px, 27.75*px, 21.75*px, 3*px)
	stroke := diff(outer, inner)
	check := checkMark(0.5, 0.44, 0.30, 2.2*px)
	return render(size, &color.NRGBA{}, []layer{{white, union(stroke, check)}})
}
