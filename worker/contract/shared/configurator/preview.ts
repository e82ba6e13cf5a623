import type { Configuration, ProductModel } from './model.ts';

/** A shape of the preview ready to draw: its SVG element, attributes and fill resolved. */
export interface DrawnShape {
  key: string;
  type: 'rect' | 'circle' | 'line';
  at: Record<string, number>;
  fill: string;
  stroke: string;
}

/**
 * The preview of a configuration: the layers whose choice is picked, bottom first, with each
 * shape's fill taken from the swatch picked in its `fillFrom` group and per-unit shapes
 * repeated once per unit. The widget draws these as SVG attributes (never inline styles).
 */
export function previewShapes(model: ProductModel, config: Configuration): DrawnShape[] {
  const out: DrawnShape[] = [];
  const swatchOf = (group: string): string | undefined => {
    const picked = Object.keys(config.picks[group] ?? {});
    const choices = model.groups.find((g) => g.id === group)?.choices ?? [];
    return choices.find((c) => picked.includes(c.id))?.swatch;
  };
  for (const layer of model.preview?.layers ?? []) {
    const units = layer.when ? (config.picks[layer.when.group]?.[layer.when.choice] ?? 0) : 1;
    if (units < 1) continue;
    layer.shapes.forEach((shape, i) => {
      const copies = shape.repeatDy === undefined ? 1 : units;
      for (let copy = 0; copy < copies; copy += 1) {
        const at = { ...shape.at };
        const dy = (shape.repeatDy ?? 0) * copy;
        for (const key of ['y', 'cy', 'y1', 'y2']) {
          const value = at[key];
          if (value !== undefined) at[key] = value + dy;
        }
        out.push({
          key: `${layer.id}.${i}.${copy}`,
          type: shape.type,
          at,
          fill: (shape.fillFrom === undefined ? undefined : swatchOf(shape.fillFrom)) ?? shape.fill ?? 'none',
          stroke: shape.stroke ?? 'none',
        });
      }
    });
  }
  return out;
}
