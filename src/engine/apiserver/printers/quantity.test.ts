import { describe, expect, it } from 'vitest';
import { quantityString } from './quantity';

describe('quantityString (resource.Quantity String)', () => {
  it.each([
    ['1Gi', '1Gi'],
    ['1024Mi', '1Gi'],
    ['1536Mi', '1536Mi'],
    ['2048Ki', '2Mi'],
    ['0.5Gi', '512Mi'],
    ['1.5Gi', '1536Mi'],
    ['512', '512'],
    ['100Ki', '100Ki'],
    ['0.5Ki', '512'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['0.5', '500m'],
    ['100m', '100m'],
    ['1500', '1500'],
    ['15000', '15k'],
    ['1e3', '1e3'],
    ['1000e0', '1e3'],
    ['2G', '2G'],
    ['0', '0'],
    ['-1Gi', '-1Gi'],
    [5, '5'],
    [undefined, '0'],
  ])('%s ⇒ %s', (input, want) => {
    expect(quantityString(input)).toBe(want);
  });
});
