import { describe, expect, it } from 'vitest';
import { UNIT_CODES, UNITS, formatQuantity, formatUnitPrice, parseUnit, unitLabel } from '../../lib/kernel/units';

describe('units vocabulary', () => {
  it('parses what a rep types, in either language, to one code', () => {
    expect(parseUnit('箱')).toBe('case');
    expect(parseUnit('case')).toBe('case');
    expect(parseUnit('cases')).toBe('case');
    expect(parseUnit(' Cases ')).toBe('case');
    expect(parseUnit('条')).toBe('carton');
    expect(parseUnit('瓶')).toBe('bottle');
    expect(parseUnit('bottles')).toBe('bottle');
    expect(parseUnit('包')).toBe('pack');
    expect(parseUnit('桶')).toBe('drum');
    expect(parseUnit('件')).toBe('piece');
    expect(parseUnit('pcs.')).toBe('piece');
    expect(parseUnit('个')).toBe('unit');
    expect(parseUnit('盒')).toBe('box');
    expect(parseUnit('boxes')).toBe('box');
    expect(parseUnit('袋')).toBe('bag');
    expect(parseUnit('吨')).toBe('tonne');
    expect(parseUnit('升')).toBe('litre');
    expect(parseUnit('L')).toBe('litre');
    expect(parseUnit('公斤')).toBe('kg');
    expect(parseUnit('千克')).toBe('kg');
    expect(parseUnit('KG')).toBe('kg');
  });

  it("does not claim a company's own units", () => {
    expect(parseUnit('件装')).toBeUndefined();
    expect(parseUnit('6-pack tray')).toBeUndefined();
    expect(parseUnit('')).toBeUndefined();
  });

  it('has one code per spelling, and every unit a Chinese and an English name', () => {
    const spellings = UNIT_CODES.flatMap((code) => {
      const unit: { zh: string; one: string; other: string; aliases?: readonly string[] } = UNITS[code];
      return [...new Set([code, unit.zh, unit.one, unit.other, ...(unit.aliases ?? [])].map((s) => s.toLowerCase()))];
    });
    expect(new Set(spellings).size).toBe(spellings.length);
    for (const code of UNIT_CODES) expect(parseUnit(code)).toBe(code);
  });

  it('names a unit in the UI language, plural-aware in English', () => {
    expect(unitLabel('箱', 'en', 1)).toBe('case');
    expect(unitLabel('箱', 'en', 2)).toBe('cases');
    expect(unitLabel('cases', 'zh-CN', 2)).toBe('箱');
    expect(unitLabel('件装', 'en', 2)).toBe('件装');
  });
});

describe('formatQuantity', () => {
  it('writes the quantity with its unit in either language', () => {
    expect(formatQuantity(25, '箱', 'zh-CN')).toBe('25 箱');
    expect(formatQuantity(25, '箱', 'en')).toBe('25 cases');
    expect(formatQuantity(25, 'case', 'zh-CN')).toBe('25 箱');
    expect(formatQuantity(25, 'cases', 'en')).toBe('25 cases');
  });

  it('uses the English plural: 1 case, 0 and 2 cases, 1.5 litres, and invariable abbreviations', () => {
    expect(formatQuantity(1, '箱', 'en')).toBe('1 case');
    expect(formatQuantity(0, '箱', 'en')).toBe('0 cases');
    expect(formatQuantity(2, '箱', 'en')).toBe('2 cases');
    expect(formatQuantity(1.5, '升', 'en')).toBe('1.5 litres');
    expect(formatQuantity(1, '盒', 'en')).toBe('1 box');
    expect(formatQuantity(3, '盒', 'en')).toBe('3 boxes');
    expect(formatQuantity(25, '公斤', 'en')).toBe('25 kg');
    expect(formatQuantity(1, '吨', 'en')).toBe('1 tonne');
  });

  it('groups large numbers in the UI language', () => {
    expect(formatQuantity(12000, '箱', 'en')).toBe('12,000 cases');
    expect(formatQuantity(12000, '箱', 'zh-CN')).toBe('12,000 箱');
  });

  it("shows a company's own unit as typed, in both languages", () => {
    expect(formatQuantity(25, '件装', 'en')).toBe('25 件装');
    expect(formatQuantity(25, '件装', 'zh-CN')).toBe('25 件装');
    expect(formatQuantity(1, ' tray of 6 ', 'en')).toBe('1 tray of 6');
    expect(formatQuantity(7, '', 'en')).toBe('7');
  });
});

describe('formatUnitPrice', () => {
  it('writes a yuan price per unit the way each language reads it', () => {
    expect(formatUnitPrice(35, 'CNY', '元/瓶', 'zh-CN')).toBe('35 元/瓶');
    expect(formatUnitPrice(35, 'CNY', '元/瓶', 'en')).toBe('¥35/bottle');
    expect(formatUnitPrice(3.5, 'CNY', '元/条', 'en')).toBe('¥3.50/carton');
    expect(formatUnitPrice(1500, 'CNY', '元/箱', 'en')).toBe('¥1,500/case');
    expect(formatUnitPrice(35, 'CNY', 'bottle', 'zh-CN')).toBe('35 元/瓶');
  });

  it('keeps other currencies and units of the company as typed', () => {
    expect(formatUnitPrice(5, 'USD', '元/箱', 'en')).toBe('$5/case');
    expect(formatUnitPrice(35, 'CNY', '元/6瓶装', 'en')).toBe('¥35/6瓶装');
    expect(formatUnitPrice(35, 'CNY', '元', 'en')).toBe('¥35');
    expect(formatUnitPrice(35, 'CNY', '元', 'zh-CN')).toBe('35 元');
    expect(formatUnitPrice(35, 'CNY', '箱/6瓶', 'en')).toBe('¥35 箱/6瓶');
  });
});
