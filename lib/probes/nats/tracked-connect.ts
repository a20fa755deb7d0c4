// Connects with nats.js through transports the caller can reach, so a probe can destroy the socket of a connect
// still waiting on the server. nats.js v2 has no abort, and when its own connect timeout fires before the
// server's INFO it leaves that socket open (NodeTransport.close skips a transport that never connected).
// This leans on nats.js internals (the transport factory, NodeTransport, the connection class); the
// integration tests pin the behaviour.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Socket } from "node:net";
import type { ConnectionOptions, NatsConnection } from "nats";
import { NatsConnectionImpl, setTransportFactory } from "nats/lib/nats-base-client/internal_mod.js";
import { NodeTransport, nodeResolveHost } from "nats/lib/src/node_transport.js";

interface Owner {
  abandoned: boolean;
  transports: Set<NodeTransport>;
}

class OwnedTransport extends NodeTransport {
  constructor(private readonly owner: Owner | undefined) {
    super();
  }

  // A TCP connect that completes after the caller gave up is closed at once, rather than left to wait for INFO.
  override async dial(hp: { hostname: string; port: number }): Promise<Socket> {
    const socket = await super.dial(hp);
    if (this.owner?.abandoned) {
      socket.destroy();
      throw Object.assign(new Error("The connection attempt was abandoned"), { code: "ABANDONED" });
    }
    return socket;
  }
}

// The factory is one global inside nats.js; this tells each transport which connect call it belongs to.
const owners = new AsyncLocalStorage<Owner>();

function ownedFactory(): NodeTransport {
  const owner = owners.getStore();
  const transport = new OwnedTransport(owner);
  owner?.transports.add(transport);
  return transport;
}

export interface TrackedConnect {
  connection: Promise<NatsConnection>;
  /** Destroys every socket this connect opened or will open, whatever state it is in. */
  abandon(): void;
}

export function connectTracked(options: ConnectionOptions): TrackedConnect {
  const owner: Owner = { abandoned: false, transports: new Set() };
  // Installed on every call, as nats.js's own connect() does, in case other code put the plain factory back.
  setTransportFactory({ factory: ownedFactory, dnsResolveFn: nodeResolveHost });
  const connection = owners.run(owner, () => NatsConnectionImpl.connect(options));
  return {
    connection,
    abandon: () => {
      owner.abandoned = true;
      // Typed as always present, but unset until the TCP connect completes and after a close.
      for (const transport of owner.transports) (transport.socket as Socket | undefined)?.destroy();
    },
  };
}
