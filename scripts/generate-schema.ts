// Writes schema/schema.graphql from the resolvers. Usage: npm run schema:generate
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { printApiSchema, SCHEMA_FILE } from '../src/schema-sdl';

printApiSchema()
  .then((sdl) => {
    writeFileSync(SCHEMA_FILE, sdl);
    console.log(`wrote ${SCHEMA_FILE}`);
  })
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
