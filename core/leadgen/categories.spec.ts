import { describe, expect, it } from 'vitest';
import { CATEGORIES, findCategory, suggestCategories } from './categories.ts';

describe('business categories', () => {
  it('finds what users type, in any case, plural or language', () => {
    expect(findCategory('Dentists')?.id).toBe('dentist');
    expect(findCategory('dental clinic')?.id).toBe('dentist');
    expect(findCategory('जिम')?.id).toBe('gym');
    expect(findCategory('Kirana')?.id).toBe('grocery');
    expect(findCategory('best gyms')?.id).toBe('gym');
    expect(findCategory('spaceships')).toBeNull();
    expect(findCategory('  ')).toBeNull();
  });

  it('suggests by prefix, and every category can be searched in both sources', () => {
    expect(suggestCategories('de').map((c) => c.id)).toContain('dentist');
    expect(suggestCategories('').length).toBe(8);
    for (const category of CATEGORIES) {
      expect(category.osm.length, category.id).toBeGreaterThan(0);
      expect(category.places.length, category.id).toBeGreaterThan(0);
      for (const tag of category.osm) expect(tag, category.id).toMatch(/^[a-z_]+=[a-z_]+$/);
    }
    expect(new Set(CATEGORIES.map((c) => c.id)).size).toBe(CATEGORIES.length);
  });
});
