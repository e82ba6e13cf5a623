import { describe, expect, it } from 'vitest';
import { Formatter } from './format.ts';

describe('Formatter', () => {
  it.each([
    { locale: 'en', money: '$12.50', duration: '45 sec', date: 'Nov 23, 2026' },
    { locale: 'zh-CN', money: 'US$12.50', duration: '45秒', date: '2026年11月23日' },
  ])('formats money, dwell and dates in $locale', ({ locale, money, duration, date }) => {
    const format = new Formatter(locale);
    expect(format.money(1250, 'USD')).toBe(money);
    expect(format.duration(45_000)).toBe(duration);
    expect(format.date(Date.UTC(2026, 10, 23, 12))).toBe(date);
  });

  it('rounds long dwell times to minutes and survives an unknown currency', () => {
    const format = new Formatter('en');
    expect(format.duration(150_000)).toBe('3 min');
    expect(format.money(1250, 'XYZ1')).toBe('12.50 XYZ1');
  });
});
