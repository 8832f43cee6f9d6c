// The floor for bench:read: a bare Fastify route doing the same SQLite lookup as `customer(id)`, no
// NestJS, no GraphQL, no auth. Started as its own process; prints its URL when it listens.
import Database from 'better-sqlite3';
import Fastify from 'fastify';

const db = new Database(process.argv[2], { readonly: true });
const byId = db.prepare('SELECT * FROM golden_record WHERE id = ?');
const app = Fastify({ logger: false });

app.post('/lookup', async (request) => {
  const { id } = request.body as { id: string };
  const row = byId.get(id) as { id: string; attributes: string } | undefined;
  if (!row) return { data: { customer: null } };
  const attributes = JSON.parse(row.attributes) as Record<string, unknown>;
  return {
    data: { customer: { id: row.id, givenName: attributes.givenName, familyName: attributes.familyName, email: attributes.email, city: attributes.city } },
  };
});

app.listen({ port: 0, host: '127.0.0.1' }).then((address) => console.log(address));
