import { describe, expect, it } from 'vitest';
import { InvalidDefinitionError, migrateDefinition } from '../../../workflows/index';

const v1 = {
  schemaVersion: 1,
  nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, config: {} }],
  edges: [],
};

function thrown(run: () => unknown): InvalidDefinitionError {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidDefinitionError) return error;
    throw error;
  }
  throw new Error('expected an InvalidDefinitionError');
}

describe('migrateDefinition', () => {
  it('accepts a current definition as it is', () => {
    expect(migrateDefinition(v1)).toEqual(v1);
  });

  it('reads a draft without schemaVersion as version 1', () => {
    const { schemaVersion: _version, ...draft } = v1;
    expect(migrateDefinition(draft)).toEqual(v1);
  });

  it('fills in an empty config', () => {
    const { config: _config, ...node } = v1.nodes[0]!;
    expect(migrateDefinition({ ...v1, nodes: [node] }).nodes[0]!.config).toEqual({});
  });

  it('refuses a definition from a newer version, naming the field', () => {
    const error = thrown(() => migrateDefinition({ ...v1, schemaVersion: 2 }));
    expect(error.field).toBe('schemaVersion');
    expect(error.message).toMatch(/newer Switchboard/);
  });

  it('refuses what is not a graph, saying where', () => {
    expect(thrown(() => migrateDefinition('nodes')).message).toMatch(/JSON object/);
    expect(thrown(() => migrateDefinition({ ...v1, schemaVersion: '1' })).field).toBe('schemaVersion');
    const badPosition = { ...v1, nodes: [{ ...v1.nodes[0], position: { x: 'left', y: 0 } }] };
    expect(thrown(() => migrateDefinition(badPosition)).field).toBe('nodes.0.position.x');
    expect(thrown(() => migrateDefinition({ ...v1, nodes: [{ ...v1.nodes[0], id: 'a.b' }] })).field).toBe('nodes.0.id');
    expect(thrown(() => migrateDefinition({ ...v1, extra: true })).issues[0]).toMatchObject({ field: '' });
  });
});
