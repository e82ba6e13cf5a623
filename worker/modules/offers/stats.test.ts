import { describe, expect, it } from 'vitest';
import { meanDifference, normalCdf, proportionDifference, sampleRatio, wilson } from './stats.ts';

// Expected values were computed by hand from the formulas in the README (in Python with
// math.erfc, independently of this code), and Newcombe's own worked example.

describe('offer report statistics', () => {
  it('normal CDF matches known quantiles', () => {
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(-1)).toBeCloseTo(0.158655254, 6);
  });

  it('Wilson interval of 60/1000', () => {
    const [low, high] = wilson(60, 1000);
    expect(low).toBeCloseTo(0.046896473, 7);
    expect(high).toBeCloseTo(0.076471075, 7);
  });

  it("reproduces Newcombe's example: 56/70 vs 48/80 → 0.2000 (0.0524, 0.3339)", () => {
    const d = proportionDifference(56, 70, 48, 80);
    expect(d.estimate).toBeCloseTo(0.2, 10);
    expect(d.low).toBeCloseTo(0.0524, 4);
    expect(d.high).toBeCloseTo(0.3339, 4);
  });

  it('conversion uplift on a fixed dataset: 60/1000 treatment vs 40/1000 control', () => {
    const d = proportionDifference(60, 1000, 40, 1000);
    expect(d.estimate).toBeCloseTo(0.02, 12);
    expect(d.low).toBeCloseTo(0.000817389, 8);
    expect(d.high).toBeCloseTo(0.039527314, 8);
    expect(d.pValue).toBeCloseTo(0.04017387, 6);
    expect(d.relative).toBeCloseTo(0.5, 12);
    expect(d.relativeLow).toBeCloseTo(0.01522375, 7);
    expect(d.relativeHigh).toBeCloseTo(1.216260209, 7);
  });

  it('revenue per exposed visitor: 60 × 50.00 vs 40 × 50.00 over 1000 each', () => {
    const moments = (k: number, n: number, cents: number) => ({
      n,
      sum: k * cents,
      sumSquares: k * cents * cents,
    });
    const d = meanDifference(moments(60, 1000, 5000), moments(40, 1000, 5000));
    expect(d.estimate).toBeCloseTo(100, 10);
    expect(d.low).toBeCloseTo(4.536023675, 6);
    expect(d.high).toBeCloseTo(195.463976325, 6);
    expect(d.pValue).toBeCloseTo(0.040063582, 6);
    expect(d.relativeLow).toBeCloseTo(0.015025471, 7);
    expect(d.relativeHigh).toBeCloseTo(1.216693141, 7);
  });

  it('no difference, no conversions: estimates 0, p = 1, relative undefined', () => {
    const d = proportionDifference(0, 500, 0, 50);
    expect(d.estimate).toBe(0);
    expect(d.pValue).toBe(1);
    expect(d.relative).toBeNull();
  });

  it.each([
    { treatment: 9000, control: 1000, chi: 0, p: 1, mismatch: false },
    { treatment: 8950, control: 1050, chi: 2.777777778, p: 0.095580705, mismatch: false },
    { treatment: 9300, control: 700, chi: 100, p: 1.524e-23, mismatch: true },
  ])('sample-ratio check $treatment / $control against 10 %', ({ treatment, control, chi, p, mismatch }) => {
    const srm = sampleRatio(treatment, control, 0.1);
    expect(srm.chiSquare).toBeCloseTo(chi, 6);
    if (p > 1e-6) expect(srm.pValue).toBeCloseTo(p, 6);
    else expect(srm.pValue).toBeLessThan(1e-6);
    expect(srm.mismatch).toBe(mismatch);
  });
});
