import { describe, expect, it } from 'vitest';
import { KEY_BINDINGS, bindingFor, comboId } from '../../src/ui/keyBindings';

const press = (key: string, shiftKey = false) => ({ key, shiftKey, ctrlKey: false, altKey: false, metaKey: false });

describe('key table', () => {
  it('no key is bound twice within one scope', () => {
    for (const scope of [undefined, 'viewport']) {
      const ids = KEY_BINDINGS.filter((b) => b.scope === scope).flatMap((b) => b.keys.map((c) => comboId(c.key, c.shift ?? false)));
      expect(new Set(ids).size, String(scope)).toBe(ids.length);
    }
  });

  it('the arrows orbit only with the 3D view focused; elsewhere → and ← change the scene', () => {
    expect(bindingFor(press('ArrowLeft'), true)?.action).toBe('orbitLeft');
    expect(bindingFor(press('ArrowUp'), true)?.action).toBe('orbitUp');
    expect(bindingFor(press('ArrowRight'))?.action).toBe('nextScene');
    expect(bindingFor(press('ArrowLeft'))?.action).toBe('prevScene');
    expect(bindingFor(press('ArrowUp'))).toBeNull();
  });

  it('keys without a viewport binding act the same with the 3D view focused', () => {
    for (const [key, shift] of [['PageDown', false], ['ArrowUp', true], ['m', false], ['.', false], [',', false]] as const) {
      expect(bindingFor(press(key, shift), true)?.action, key).toBe(bindingFor(press(key, shift))?.action);
    }
    expect(bindingFor(press('.'))?.action).toBe('zoomIn');
    expect(bindingFor(press(','))?.action).toBe('zoomOut');
  });

  it('Ctrl, Alt and Meta combinations are left to the browser', () => {
    expect(bindingFor({ ...press('ArrowLeft'), altKey: true }, true)).toBeNull();
    expect(bindingFor({ ...press('r'), ctrlKey: true })).toBeNull();
  });
});
