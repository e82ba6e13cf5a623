/** Splits a textarea of origins, one per line (commas and spaces tolerated, trailing slashes dropped). */
export const parseOrigins = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((origin) => origin.trim().replace(/\/+$/, ''))
    .filter(Boolean);
