/**
 * The HTTP server the load benchmark measures: a small Express app. Compiled
 * twice with the same options, plainly and with the spanweave transformer.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';

interface User {
  id: string;
  name: string;
  roles: string[];
}

function findUser(id: string): User {
  return { id, name: `user ${id}`, roles: ['reader'] };
}

/** Listens on a free loopback port and resolves with it. */
export function start(): Promise<number> {
  const app = express();
  app.get('/users/:id', (req, res) => {
    res.json(findUser(req.params.id));
  });
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}
