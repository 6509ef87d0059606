import { describe, expect, it } from 'vitest';
import { VIEWS, findView, nextView } from '../../src/state/views';
import { PROPERTIES, defaultState } from '../../src/state/schema';
import { encodeState } from '../../src/state/permalink';
import { bindingFor, KEY_BINDINGS } from '../../src/ui/keyBindings';

describe('the view registry', () => {
  it('gives every view a unique id and key, and state keys that exist in the schema', () => {
    expect(new Set(VIEWS.map((v) => v.id)).size).toBe(VIEWS.length);
    expect(new Set(VIEWS.map((v) => v.key)).size).toBe(VIEWS.length);
    const schemaKeys = new Set<string>(PROPERTIES.map((p) => p.key));
    for (const v of VIEWS) for (const key of v.stateKeys) expect(schemaKeys.has(key), `${v.id}: ${key}`).toBe(true);
  });

  it("binds each view's key to showing that view, and the help lists it by the view's label", () => {
    for (const v of VIEWS) {
      const binding = bindingFor({ key: v.key, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false });
      expect(binding?.action).toBe(`view:${v.id}`);
      expect(binding?.description).toBe(v.label);
    }
    expect(KEY_BINDINGS.filter((b) => b.action.startsWith('view:'))).toHaveLength(VIEWS.length);
  });

  it("a link to a view names that view's own state keys, and no other view's", () => {
    for (const v of VIEWS) {
      const params = new URLSearchParams(encodeState({ ...defaultState(), mode: v.id }));
      for (const key of v.stateKeys) expect(params.has(key), `${v.id}: ${key}`).toBe(true);
      for (const other of VIEWS) if (other.id !== v.id) for (const key of other.stateKeys) if (!(v.stateKeys as readonly string[]).includes(key)) expect(params.has(key), `${v.id} names ${key}`).toBe(false);
    }
  });

  it('V cycles through every view in the registry order, and an unknown id falls back to the first view', () => {
    let id: string = VIEWS[0].id;
    const seen: string[] = [];
    for (let i = 0; i < VIEWS.length; i++) {
      seen.push(id);
      id = nextView(id);
    }
    expect(seen).toEqual(VIEWS.map((v) => v.id));
    expect(id).toBe(VIEWS[0].id);
    expect(findView('nope').id).toBe(VIEWS[0].id);
  });
});
