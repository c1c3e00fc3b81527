package main

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// TestCommittedIconsAreCurrent fails when the drawing code changed but the PNGs in
// manifest/teams were not regenerated. A small tolerance absorbs floating-point
// differences between architectures (fused multiply-add on arm64).
func TestCommittedIconsAreCurrent(t *testing.T) {
	for name, want := range map[string]image.Image{"color.png": colorIcon(), "outline.png": outlineIcon()} {
		f, err := os.Open(filepath.Join("..", "..", "teams", name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got.Bounds() != want.Bounds() {
			t.Fatalf("%s: bounds %v, drawing code gives %v", name, got.Bounds(), want.Bounds())
		}
		b := want.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r1, g1, b1, a1 := got.At(x, y).RGBA()
				r2, g2, b2, a2 := want.At(x, y).RGBA()
				for _, d := range []int{int(r1) - int(r2), int(g1) - int(g2), int(b1) - int(b2), int(a1) - int(a2)} {
					if d > 0x0400 || d < -0x0400 {
						t.Fatalf("%s differs at (%d,%d); run: go run ./manifest/internal/icongen -out manifest/teams", name, x, y)
					}
				}
			}
		}
	}
}

// TestOutlineIsWhiteOnTransparent checks what Teams requires of the outline icon: every
// visible pixel white, a transparent background.
func TestOutlineIsWhiteOnTransparent(t *testing.T) {
	img := outlineIcon()
	var transparent, visible int
	for i := 0; i < len(img.Pix); i += 4 {
		p := img.Pix[i : i+4]
		if p[3] == 0 {
			transparent++
			continue
		}
		visible++
		if p[0] != 0xFF || p[1] != 0xFF || p[2] != 0xFF {
			t.Fatalf("pixel %d is %v, want white", i/4, p)
		}
	}
	if transparent == 0 || visible == 0 {
		t.Fatalf("transparent=%d visible=%d, want both > 0", transparent, visible)
	}
}

func TestColorIconIsOpaque192(t *testing.T) {
	img := colorIcon()
	if img.Bounds().Dx() != 192 || img.Bounds().Dy() != 192 {
		t.Fatalf("size %v, want 192×192", img.Bounds())
	}
	if !img.Opaque() {
		t.Fatal("colour icon has transparent pixels; Teams shows it on its own tile")
	}
}
