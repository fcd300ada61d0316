/**
 * Whether a host name is this machine or a private network. Two rules rest on it: a picture there
 * cannot be fetched by a server elsewhere (so its bytes are sent), and an API server there may be
 * spoken to over plain http (the key never crosses the internet unencrypted).
 */
/** Hosts a server elsewhere cannot reach: this machine, private networks, link-local, mDNS. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  // "localhost." and "nas.local." are the same hosts written as absolute names: the URL parser keeps
  // the final dot, and without this a redirect to http://localhost./ passed as public.
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  if (name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.local') || name.endsWith('.internal')) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) return isPrivateV4(Number(v4[1]), Number(v4[2]));
  if (host.includes(':')) {
    // An IPv4 address written as IPv6 ([::ffff:127.0.0.1], which the URL parser turns into
    // [::ffff:7f00:1]) is connected to as that IPv4 address, so it is private when that one is.
    const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(host);
    if (mapped) {
      const high = parseInt(mapped[1]!, 16);
      return isPrivateV4(high >> 8, high & 0xff);
    }
    return host === '::1' || host === '::' || /^f[cd][0-9a-f]{2}:/.test(host) || /^fe[89ab][0-9a-f]:/.test(host);
  }
  // Not `name`: a single label with a final dot ("ai.") is a top-level domain, not an intranet host.
  return !host.includes('.');
}

/** 0/8, 10/8, 100.64/10 (carrier-grade NAT), 127/8, 169.254/16, 172.16/12, 192.168/16, from the first two bytes. */
function isPrivateV4(a: number, b: number): boolean {
  return a === 127 || a === 10 || a === 0 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127);
}
