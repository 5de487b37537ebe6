// A preload (`node -r out/test/support/noNetwork.js …`) that makes any use of the network an
// error: every way Node offers to open a socket, resolve a name or make a request throws, and is
// written to $HEARD_NO_NETWORK_LOG (a thrown error might be caught and ignored; the log is not).
// Loaded in worker threads too, as they inherit the --require.
import * as fs from 'fs';
import { isMainThread } from 'worker_threads';

const log = process.env.HEARD_NO_NETWORK_LOG;

function record(line: string): void {
  if (log) fs.appendFileSync(log, `${line}\n`);
}

if (process.env.HEARD_NO_NETWORK_TRACE_LOADS) record(`loaded in ${isMainThread ? 'main thread' : 'worker thread'} ${process.pid}`);

function refuse(what: string): never {
  record(`network use: ${what} (pid ${process.pid}, ${isMainThread ? 'main thread' : 'worker thread'})`);
  try {
    fs.writeSync(2, `no-network check: ${what}\n`);
  } catch {
    // Standard error may be closed.
  }
  throw new Error(`network use is not allowed here: ${what}`);
}

function block(moduleName: string, target: Record<string, unknown>, names: string[], label = moduleName): void {
  for (const name of names) {
    if (typeof target[name] !== 'function') continue;
    Object.defineProperty(target, name, {
      configurable: true,
      writable: true,
      value: function blocked() {
        refuse(`${label}.${name}`);
      },
    });
  }
}

/* eslint-disable @typescript-eslint/no-require-imports */
const net = require('net');
block('net', net, ['connect', 'createConnection', 'createServer']);
block('net', net.Socket.prototype, ['connect'], 'net.Socket.prototype');
block('net', net.Server.prototype, ['listen'], 'net.Server.prototype');

const dns = require('dns');
const dnsFunctions = ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'];
block('dns', dns, dnsFunctions);
block('dns', dns.promises, dnsFunctions, 'dns.promises');
block('dns', dns.Resolver.prototype, dnsFunctions, 'dns.Resolver.prototype');
block('dns', dns.promises.Resolver.prototype, dnsFunctions, 'dns.promises.Resolver.prototype');

for (const name of ['http', 'https']) {
  const mod = require(name);
  block(name, mod, ['request', 'get', 'createServer']);
}
block('http2', require('http2'), ['connect', 'createServer', 'createSecureServer']);
block('tls', require('tls'), ['connect', 'createServer']);
block('dgram', require('dgram'), ['createSocket']);
block('globalThis', globalThis as unknown as Record<string, unknown>, ['fetch', 'WebSocket', 'EventSource']);
