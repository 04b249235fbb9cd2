import type { FastifyReply } from 'fastify';

/**
 * Sends a large JSON answer as UTF-8 bytes. Given a string, fastify first measures its UTF-8 length
 * for Content-Length in a pass of its own, then the socket encodes it; given a Buffer it knows the
 * length. The 2 MB state of a 10,000-event project reached its last byte 1-3 ms sooner (bench: as-of,
 * runs alternating with and without).
 */
export function sendJson(reply: FastifyReply, value: unknown): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(Buffer.from(JSON.stringify(value)));
}
