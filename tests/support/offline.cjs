// Loaded with `node --require` into the site build during tests: any connection that would leave
// this machine throws, and is reported, so that a build that needs the network fails the tests.
const net = require('node:net');

const LOCAL = new Set(['localhost', '127.0.0.1', '::1', '0.0.0.0', '']);
const connect = net.Socket.prototype.connect;

net.Socket.prototype.connect = function guardedConnect(...args) {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options =
    typeof first === 'object' && first !== null ? first : { port: first, host: args[1] };
  if (!options.path) {
    const host = String(options.host ?? 'localhost');
    if (!LOCAL.has(host) && !host.startsWith('127.')) {
      process.stderr.write(`[offline] blocked a connection to ${host}:${options.port}\n`);
      throw new Error(`Network access to ${host} is not allowed during the build`);
    }
  }
  return connect.apply(this, args);
};
