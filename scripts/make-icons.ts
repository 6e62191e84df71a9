// Draws the two Teams app icons pixel by pixel, so they can be made again exactly:
//   npx tsx scripts/make-icons.ts
// writes manifest/color.png (192×192) and manifest/outline.png (32×32). The package step uses
// the committed PNGs; this script is only run again when the design changes.
//
// The design: a house with a heart in it (a safe home for the child). Edges are smoothed by
// supersampling: each pixel is the share of n×n sample points that fall inside a shape.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

/** The accent colour of the app; manifest.template.json's `accentColor` uses the same value. */
export const ACCENT = '#1F6E7A';

type Point = readonly [number, number];
type Inside = (x: number, y: number) => boolean;
type Rgb = readonly [number, number, number];

interface Layer {
  inside: Inside;
  rgb: Rgb;
}

const WHITE: Rgb = [255, 255, 255];

// Millions of samples pass through the functions below. Jest guards the globals of a test, which
// makes each `Math.…` lookup slow there; functions taken once at load keep a test run quick.
const { abs, max, min, round, sqrt } = Math;
const FAR = Number.POSITIVE_INFINITY;

function hexToRgb(hex: string): Rgb {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  return [parseInt(match[1] ?? '0', 16), parseInt(match[2] ?? '0', 16), parseInt(match[3] ?? '0', 16)];
}

/** Distance from (x, y) to the segment a–b. */
function segmentDistance(x: number, y: number, a: Point, b: Point): number {
  const [ax, ay] = a;
  const [bx, by] = b;
  const dx = bx - ax;
  const dy = by - ay;
  const t = max(0, min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  const ex = x - (ax + t * dx);
  const ey = y - (ay + t * dy);
  return sqrt(ex * ex + ey * ey);
}

/** Signed distance to a closed polygon: negative inside, positive outside (even-odd rule). */
function polygonDistance(x: number, y: number, points: readonly Point[]): number {
  let distance = FAR;
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const a = points[j] as Point;
    const b = points[i] as Point;
    distance = min(distance, segmentDistance(x, y, a, b));
    if (a[1] > y !== b[1] > y && x < ((b[0] - a[0]) * (y - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside;
  }
  return inside ? -distance : distance;
}

/** The polygon grown by `radius`, which rounds its corners. */
function roundedPolygon(points: readonly Point[], radius: number): Inside {
  return (x, y) => polygonDistance(x, y, points) <= radius;
}

/** A line of `width` along the polygon's edges, with round joins. */
function polygonStroke(points: readonly Point[], width: number): Inside {
  return (x, y) => abs(polygonDistance(x, y, points)) <= width / 2;
}

/**
 * A heart from the curve (u² + v² − 1)³ − u²v³ ≤ 0, centred on (cx, cy); `width` is its width in
 * pixels (the curve is about 2.28 units wide). Image y runs down, the curve's v runs up.
 */
function heart(cx: number, cy: number, width: number): Inside {
  const unit = width / 2.28;
  return (x, y) => {
    const u = (x - cx) / unit;
    const v = -(y - cy) / unit + 0.1;
    const r = u * u + v * v - 1;
    return r * r * r - u * u * v * v * v <= 0;
  };
}

function union(...shapes: Inside[]): Inside {
  return (x, y) => shapes.some((inside) => inside(x, y));
}

/**
 * Paints layers over a background (or over transparency when `background` is undefined) and
 * returns RGBA pixels. Each layer covers a pixel by the share of its n×n samples inside it.
 */
function paint(size: number, samples: number, layers: readonly Layer[], background?: Rgb): Buffer {
  const data = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      // Premultiplied colour and alpha, composited "over" layer by layer.
      let [r, g, b] = background ? background : [0, 0, 0];
      let a = background ? 1 : 0;
      for (const layer of layers) {
        let hits = 0;
        for (let sy = 0; sy < samples; sy++) {
          for (let sx = 0; sx < samples; sx++) {
            if (layer.inside(px + (sx + 0.5) / samples, py + (sy + 0.5) / samples)) hits++;
          }
        }
        const coverage = hits / (samples * samples);
        r = layer.rgb[0] * coverage + r * (1 - coverage);
        g = layer.rgb[1] * coverage + g * (1 - coverage);
        b = layer.rgb[2] * coverage + b * (1 - coverage);
        a = coverage + a * (1 - coverage);
      }
      const offset = (py * size + px) * 4;
      data[offset] = a > 0 ? round(r / a) : 255;
      data[offset + 1] = a > 0 ? round(g / a) : 255;
      data[offset + 2] = a > 0 ? round(b / a) : 255;
      data[offset + 3] = round(a * 255);
    }
  }
  return data;
}

function encode(size: number, rgba: Buffer): Buffer {
  const png = new PNG({ width: size, height: size, colorType: 6 });
  rgba.copy(png.data);
  return PNG.sync.write(png, { colorType: 6 });
}

/** The full-colour icon: a white house with an accent-coloured heart on an accent background. */
export function renderColorIcon(): Buffer {
  const size = 192;
  const accent = hexToRgb(ACCENT);
  const house: Point[] = [
    [96, 42],
    [148, 88],
    [148, 148],
    [44, 148],
    [44, 88],
  ];
  const layers: Layer[] = [
    { inside: roundedPolygon(house, 10), rgb: WHITE },
    { inside: heart(96, 119, 54), rgb: accent },
  ];
  return encode(size, paint(size, 8, layers, accent));
}

/** The outline icon: white only, on transparency — the house drawn as a line, the heart filled. */
export function renderOutlineIcon(): Buffer {
  const size = 32;
  const house: Point[] = [
    [16, 5],
    [27, 15],
    [27, 27],
    [5, 27],
    [5, 15],
  ];
  // Straight edges lie on whole pixels, so a 2-pixel line stays sharp at 32×32.
  const shape = union(polygonStroke(house, 2), heart(16, 19.5, 10));
  return encode(size, paint(size, 8, [{ inside: shape, rgb: WHITE }]));
}

if (require.main === module) {
  const dir = path.resolve(__dirname, '..', 'manifest');
  writeFileSync(path.join(dir, 'color.png'), renderColorIcon());
  writeFileSync(path.join(dir, 'outline.png'), renderOutlineIcon());
  console.log(`wrote ${path.join(dir, 'color.png')} and ${path.join(dir, 'outline.png')}`);
}
