// Preloaded into supergateway (node --import ./loopback.mjs): it listens on a
// bare port, i.e. on every interface, and has no option for the host. This
// makes a listen(port) without a host bind 127.0.0.1 only.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  return listen.apply(this, args);
};
