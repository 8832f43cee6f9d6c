/**
 * Canon takes GraphQL documents as source text only. When a document does not parse, Mercurius tries it
 * as a JSON-encoded AST; a "document" such as `0`, `""` or `{}` then reached graphql-js's validator as a
 * non-document and failed with an internal error (500). The HTTP guards refuse a source that is JSON
 * before that, as the syntax error it is (400). No GraphQL document is valid JSON, so nothing valid is
 * turned away. (A Mercurius preParsing hook did this before: it costs an await on every request.)
 */

// What a JSON text can start with. A GraphQL document starts with a keyword or a selection set (`{`
// then a field name), so almost none gets as far as JSON.parse, whose thrown SyntaxError cost ~18 µs a
// request (9 % of the hub's CPU in bench:read).
const JSON_START = /^\s*(?:[["\-0-9]|\{\s*["}]|true|false|null)/;

export function isJson(source: string): boolean {
  if (!JSON_START.test(source)) return false;
  try {
    JSON.parse(source);
    return true;
  } catch {
    return false;
  }
}
