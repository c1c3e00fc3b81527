package main

import (
	"image"
	"image/color"
	"image/draw"
	"math"
)

// shape reports whether a point lies inside it, in unit coordinates: (0,0) is the
// top-left corner of the icon and (1,1) the bottom-right one. Working in unit space lets
// the same geometry serve any pixel size.
type shape func(x, y float64) bool

type layer struct {
	c color.NRGBA
	s shape
}

// samples per pixel side: 8×8 supersampling gives 64 coverage levels, smooth enough for
// edges at 32 px and cheap at 192 px.
const samples = 8

// render paints the layers in order, each through an anti-aliased coverage mask, over bg
// (nil: the first layer is expected to cover everything).
func render(size int, bg *color.NRGBA, layers []layer) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	if bg != nil {
		draw.Draw(img, img.Bounds(), image.NewUniform(*bg), image.Point{}, draw.Src)
	}
	for _, l := range layers {
		draw.DrawMask(img, img.Bounds(), image.NewUniform(l.c), image.Point{}, mask(size, l.s), image.Point{}, draw.Over)
	}
	whitenTransparent(img)
	return img
}

// mask returns the fraction of each pixel covered by s.
func mask(size int, s shape) *image.Alpha {
	m := image.NewAlpha(image.Rect(0, 0, size, size))
	step := 1 / float64(size*samples)
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			hits := 0
			for sy := 0; sy < samples; sy++ {
				for sx := 0; sx < samples; sx++ {
					x := (float64(px*samples+sx) + 0.5) * step
					y := (float64(py*samples+sy) + 0.5) * step
					if s(x, y) {
						hits++
					}
				}
			}
			m.SetAlpha(px, py, color.Alpha{A: uint8((hits*255 + samples*samples/2) / (samples * samples))})
		}
	}
	return m
}

// whitenTransparent rounds the colour of partly transparent white pixels back to pure
// white: compositing in premultiplied space loses precision at low alpha, and Teams (and
// its checker) expect every visible pixel of the outline icon to be white.
func whitenTransparent(img *image.NRGBA) {
	for i := 0; i < len(img.Pix); i += 4 {
		p := img.Pix[i : i+4 : i+4]
		if p[3] != 0xFF && p[3] != 0 && p[0] >= 0xF0 && p[1] >= 0xF0 && p[2] >= 0xF0 {
			p[0], p[1], p[2] = 0xFF, 0xFF, 0xFF
		}
	}
}

func union(ss ...shape) shape {
	return func(x, y float64) bool {
		for _, s := range ss {
			if s(x, y) {
				return true
			}
		}
		return false
	}
}

func diff(a, b shape) shape {
	return func(x, y float64) bool { return a(x, y) && !b(x, y) }
}

func rect(x0, y0, x1, y1 float64) shape {
	return func(x, y float64) bool { return x >= x0 && x < x1 && y >= y0 && y < y1 }
}

func circle(cx, cy, r float64) shape {
	return func(x, y float64) bool { return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r }
}

func roundRect(x0, y0, x1, y1, r float64) shape {
	return func(x, y float64) bool {
		if x < x0 || x >= x1 || y < y0 || y >= y1 {
			return false
		}
		// distance to the inner rectangle whose corners are the arcs' centres
		dx := math.Max(math.Max(x0+r-x, x-(x1-r)), 0)
		dy := math.Max(math.Max(y0+r-y, y-(y1-r)), 0)
		return dx*dx+dy*dy <= r*r
	}
}

// polygon fills closed contours with the even-odd rule, so a second contour inside the
// first one is a hole (the counter of the A).
func polygon(contours ...[]pt) shape {
	return func(x, y float64) bool {
		in := false
		for _, c := range contours {
			for i, j := 0, len(c)-1; i < len(c); j, i = i, i+1 {
				a, b := c[i], c[j]
				if (a.y > y) != (b.y > y) && x < (b.x-a.x)*(y-a.y)/(b.y-a.y)+a.x {
					in = !in
				}
			}
		}
		return in
	}
}

type pt struct{ x, y float64 }

// capsule is a segment of width w with round ends.
func capsule(a, b pt, w float64) shape {
	return func(x, y float64) bool {
		vx, vy := b.x-a.x, b.y-a.y
		t := ((x-a.x)*vx + (y-a.y)*vy) / (vx*vx + vy*vy)
		t = math.Max(0, math.Min(1, t))
		dx, dy := x-(a.x+t*vx), y-(a.y+t*vy)
		return dx*dx+dy*dy <= w*w/4
	}
}

// bubbleShape is a rounded rectangle with a tail under its left part, pointing down-left.
func bubbleShape(x0, y0, x1, y1, r float64) shape {
	w, h := x1-x0, y1-y0
	tail := polygon([]pt{
		{x0 + 0.18*w, y1 - r},
		{x0 + 0.42*w, y1 - r},
		{x0 + 0.12*w, y1 + 0.30*h},
	})
	return union(roundRect(x0, y0, x1, y1, r), tail)
}

// letterA is a bold sans-serif capital A with a flat apex: centre cx, from top to bottom,
// half-width hw at the baseline, stroke s (measured horizontally).
func letterA(cx, top, bottom, hw, s float64) shape {
	apex := s / 2.5 // half-width of the flat apex
	// x of a leg's inner edge at height y: the outer edge shifted by s
	slope := (hw - apex) / (bottom - top)
	innerL := func(y float64) float64 { return cx - hw + s + (bottom-y)*slope }
	innerR := func(y float64) float64 { return cx + hw - s - (bottom-y)*slope }
	barTop := top + 0.60*(bottom-top)
	barBottom := barTop + 0.8*s
	holeApex := bottom - (hw-s)/slope
	outer := []pt{
		{cx - apex, top}, {cx + apex, top}, {cx + hw, bottom}, {cx + hw - s, bottom},
		{innerR(barBottom), barBottom}, {innerL(barBottom), barBottom},
		{cx - hw + s, bottom}, {cx - hw, bottom},
	}
	hole := []pt{{cx, holeApex}, {innerR(barTop), barTop}, {innerL(barTop), barTop}}
	return polygon(outer, hole)
}

// checkMark fits a check mark of stroke w into a circle of radius r around (cx, cy).
func checkMark(cx, cy, r, w float64) shape {
	a := pt{cx - 0.52*r, cy + 0.02*r}
	b := pt{cx - 0.15*r, cy + 0.40*r}
	c := pt{cx + 0.55*r, cy - 0.35*r}
	return union(capsule(a, b, w), capsule(b, c, w))
}
