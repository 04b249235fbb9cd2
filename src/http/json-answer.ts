import type { FastifyReply } from 'fastify';

/**
 * Sends a large JSON answer as UTF-8 bytes. Given a string, fastify first measures its UTF-8 length
 * for Content-Length, a pass over the whole answer (2.6 ms for the 2 MB state of a 10,000-event
 * project, bench: as-of); given a Buffer it knows the length.
 */
export function sendJson(reply: FastifyReply, value: unknown): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(Buffer.from(JSON.stringify(value)));
}
