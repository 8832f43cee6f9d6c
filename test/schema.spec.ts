import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printApiSchema, SCHEMA_FILE } from '../src/schema-sdl';

describe('schema/schema.graphql', () => {
  it('matches the schema the resolvers generate (run `npm run schema:generate` after changing the API)', async () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(await printApiSchema());
  });
});
