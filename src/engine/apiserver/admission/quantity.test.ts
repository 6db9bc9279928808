import { describe, expect, it } from 'vitest';
import { compareQuantities, formatQuantity, parseQuantity, quantityString } from './quantity';

describe('resource.Quantity', () => {
  it('prints the canonical form upstream prints', () => {
    expect(quantityString('1000m')).toBe('1');
    expect(quantityString('0.5')).toBe('500m');
    expect(quantityString('2000')).toBe('2k');
    expect(quantityString('1024Mi')).toBe('1Gi');
    expect(quantityString('1.5Gi')).toBe('1536Mi');
    expect(quantityString('512')).toBe('512');
    expect(quantityString('100Mi')).toBe('100Mi');
    expect(quantityString('1e3')).toBe('1e3');
    expect(quantityString(2)).toBe('2');
  });

  it('compares exactly and rejects malformed text', () => {
    expect(compareQuantities(parseQuantity('500m')!, parseQuantity('0.5')!)).toBe(0);
    expect(compareQuantities(parseQuantity('1Gi')!, parseQuantity('1G')!)).toBe(1);
    expect(parseQuantity('abc')).toBeUndefined();
    expect(parseQuantity('1Gb')).toBeUndefined();
    expect(formatQuantity(parseQuantity('-1')!)).toBe('-1');
  });
});
