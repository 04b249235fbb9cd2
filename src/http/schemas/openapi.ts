import { jsonSchemaTransform } from 'fastify-type-provider-zod';

/**
 * A request body that a route parses itself (a multipart upload, a raw file) and so cannot validate
 * with a schema: `documentedBody` in the route's schema is written into the document as the body,
 * fastify never sees it.
 */
export type DocumentedBody = { content: Record<string, { schema: object }> };

export const transformRoute: typeof jsonSchemaTransform = (route) => {
  const transformed = jsonSchemaTransform(route);
  const documented = (route.schema as { documentedBody?: DocumentedBody } | undefined)?.documentedBody;
  if (!documented || !transformed.schema) return transformed;
  const { documentedBody: _, ...schema } = transformed.schema as Record<string, unknown>;
  return { ...transformed, schema: { ...schema, body: documented } };
};

/** The document's head: what a client generated from /docs/json needs besides the routes. */
export const OPENAPI = {
  openapi: '3.1.0',
  info: { title: 'jixiao 绩效 API', version: '0.1.0', description: '预算项目绩效：目标、执行、监控、自评与审计回放' },
  // Relative: the server this document was fetched from.
  servers: [{ url: '/', description: '本服务 / the server serving this document' }],
  components: {
    securitySchemes: {
      bearerToken: {
        type: 'http' as const,
        scheme: 'bearer',
        description:
          'Authorization: Bearer <token> when the server runs with JIXIAO_TOKENS_FILE (401 without a known token, 403 when the role or department does not allow it). A server without a tokens file is single-user on loopback and needs none.',
      },
    },
  },
  security: [{ bearerToken: [] }],
};

/**
 * The provider writes every named schema twice, as read (`…Input`) and as written; responses use
 * only the latter. Keeps the components some operation reaches, directly or through another.
 */
export function withoutUnusedSchemas<D extends object>(document: D): D {
  const components = (document as { components?: { schemas?: Record<string, unknown> } }).components;
  const schemas = components?.schemas;
  if (!schemas) return document;
  const refs = (value: unknown) => [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => decodeURIComponent(m[1]!));
  const used = new Set(refs({ ...document, components: { ...components, schemas: {} } }));
  for (const name of used) for (const next of refs(schemas[name])) used.add(next);
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...document, components: { ...components, schemas: kept } };
}
