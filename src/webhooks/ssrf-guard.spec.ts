import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isBlockedAddress, parseAllowlist, resolveAndCheck, SsrfError, type SsrfErrorCode, type SsrfPolicy } from './ssrf-guard';

const DEV: SsrfPolicy = { allow: [], production: false };
const PRODUCTION: SsrfPolicy = { allow: [], production: true };

/** The SsrfError a call throws; fails the test when it throws nothing or something else. */
function errorOf(call: () => unknown): SsrfError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(SsrfError);
    return error as SsrfError;
  }
  throw new Error('expected an SsrfError, nothing was thrown');
}

function codeOf(url: string, policy: SsrfPolicy = DEV): SsrfErrorCode {
  return errorOf(() => checkWebhookUrl(url, policy)).code;
}

/** A DNS lookup that answers every name with the given addresses and records what it was asked. */
function fakeLookup(...addresses: string[]) {
  const asked: string[] = [];
  const lookup = async (host: string) => {
    asked.push(host);
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { lookup, asked };
}

const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet);
const dotted = (octets: readonly number[]) => octets.join('.');
const asInteger = (octets: readonly number[]) => octets.reduce((value, part) => value * 256 + part, 0);

describe('checkWebhookUrl: IP literals in every encoding the URL parser accepts', () => {
  it.each([
    'http://127.0.0.1/hook',
    'http://2130706433/hook', // decimal
    'http://0177.0.0.1/hook', // octal
    'http://017700000001/hook', // octal, one part
    'http://0x7f.0.0.1/hook', // hex
    'http://0x7f000001/hook', // hex, one part
    'http://127.1/hook', // short form
    'http://127.0.1/hook',
    'http://%31%32%37.0.0.1/hook', // percent-encoded
    'http://127.0.0.1./hook', // root dot
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::ffff:7f00:1]/hook',
    'http://[0:0:0:0:0:ffff:127.0.0.1]/hook',
    'https://127.0.0.1:8443/hook',
  ])('blocks loopback written as %s', (url) => {
    expect(codeOf(url)).toBe('BLOCKED_ADDRESS');
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://2852039166/latest/meta-data/', // decimal
    'http://0251.0376.0251.0376/latest/meta-data/', // octal
    'http://0xa9.0xfe.0xa9.0xfe/latest/meta-data/', // hex
    'http://0xa9fea9fe/latest/meta-data/', // hex, one part
    'http://169.254.43518/latest/meta-data/', // short form
    'http://169.16689662/latest/meta-data/', // short form
    'http://[::ffff:169.254.169.254]/latest/meta-data/',
    'http://[::ffff:a9fe:a9fe]/latest/meta-data/',
  ])('blocks the cloud metadata address written as %s', (url) => {
    expect(codeOf(url)).toBe('BLOCKED_ADDRESS');
  });

  it.each([
    'http://10.0.0.1/',
    'http://10.255.255.255/',
    'http://172.16.0.1/',
    'http://172.20.10.1/',
    'http://172.31.255.255/',
    'http://192.168.0.1/',
    'http://192.168.255.254/',
    'http://100.64.0.1/',
    'http://100.127.255.255/',
    'http://0.0.0.0/',
    'http://192.0.0.8/',
    'http://192.0.2.1/',
    'http://198.18.0.1/',
    'http://198.19.255.255/',
    'http://198.51.100.7/',
    'http://203.0.113.9/',
    'http://224.0.0.1/',
    'http://239.255.255.250/',
    'http://240.0.0.1/',
    'http://255.255.255.255/',
    'http://[::1]/',
    'http://[::]/',
    'http://[fc00::1]/',
    'http://[fd12::1]/',
    'http://[fe80::1]/',
    'http://[febf::1]/',
    'http://[ff02::1]/',
    'http://[2001:db8::1]/',
    'http://[100::1]/',
    'http://[::ffff:10.0.0.1]/',
    'http://[::ffff:a00:1]/',
    'http://[::ffff:192.168.1.1]/',
    'http://[64:ff9b::7f00:1]/', // NAT64 of 127.0.0.1
    'http://[64:ff9b::10.1.2.3]/',
    'http://[::7f00:1]/', // deprecated IPv4-compatible form of 127.0.0.1
  ])('blocks the non-public address in %s', (url) => {
    expect(codeOf(url)).toBe('BLOCKED_ADDRESS');
  });

  it.each([
    'https://8.8.8.8/',
    'https://1.1.1.1/hook',
    'https://172.15.255.255/',
    'https://172.32.0.1/',
    'https://100.63.255.255/',
    'https://100.128.0.1/',
    'https://169.253.255.255/',
    'https://198.20.0.1/',
    'https://223.255.255.255/',
    'https://[2606:4700::1111]/',
    'https://[::ffff:8.8.8.8]/',
    'https://[64:ff9b::8.8.8.8]/', // NAT64 of a public address is how IPv6-only networks reach it
    'https://[fbff::1]/', // just below fc00::/7
    'https://[fe7f::1]/', // just below fe80::/10
    'https://example.com/hook',
  ])('allows the public address in %s', (url) => {
    expect(checkWebhookUrl(url, DEV).href).toBe(new URL(url).href);
  });

  it('names the URL, the address and the way out in the message', () => {
    expect(errorOf(() => checkWebhookUrl('http://169.254.169.254/latest', DEV)).message).toBe(
      'http://169.254.169.254/latest: 169.254.169.254 is a link-local address (blocked; allow it with CANON_WEBHOOK_ALLOW)',
    );
  });

  it('shows the URL as written and the address it decodes to', () => {
    const message = errorOf(() => checkWebhookUrl('http://0x7f.0.0.1/hook', DEV)).message;
    expect(message).toBe('http://0x7f.0.0.1/hook: 127.0.0.1 is a loopback address (blocked; allow it with CANON_WEBHOOK_ALLOW)');
  });

  it('explains an IPv4-mapped address by the IPv4 address inside it', () => {
    expect(errorOf(() => checkWebhookUrl('http://[::ffff:a00:1]/', DEV)).message).toContain(
      '::ffff:a00:1 is an IPv4-mapped address of 10.0.0.1, a private address',
    );
  });

  it('decides decimal, hex and octal encodings of any IPv4 address like its dotted form', () => {
    fc.assert(
      fc.property(ipv4, (octets) => {
        const expected = isBlockedAddress(dotted(octets));
        const encodings = [
          String(asInteger(octets)),
          `0x${asInteger(octets).toString(16)}`,
          octets.map((part) => `0${part.toString(8)}`).join('.'),
          `[::ffff:${dotted(octets)}]`,
        ];
        for (const host of encodings) {
          const blocked = (() => {
            try {
              checkWebhookUrl(`https://${host}/`, DEV);
              return false;
            } catch (error) {
              return (error as SsrfError).code === 'BLOCKED_ADDRESS';
            }
          })();
          expect(blocked, host).toBe(expected);
        }
      }),
    );
  });
});

describe('checkWebhookUrl: host names', () => {
  it.each(['http://localhost/', 'http://LOCALHOST:3000/', 'http://localhost./', 'http://api.localhost/', 'http://a.b.LocalHost/'])(
    'blocks %s, which resolves to loopback',
    (url) => {
      expect(codeOf(url)).toBe('BLOCKED_ADDRESS');
    },
  );

  it('does not block names that merely contain localhost', () => {
    expect(() => checkWebhookUrl('http://localhost.example.com/', DEV)).not.toThrow();
    expect(() => checkWebhookUrl('http://mylocalhost/', DEV)).not.toThrow();
  });

  it('leaves other names to the connect-time check', () => {
    expect(checkWebhookUrl('http://hooks.internal/x', DEV).hostname).toBe('hooks.internal');
  });
});

describe('checkWebhookUrl: URL shape', () => {
  it.each(['not a url', '', '/relative/path', 'example.com/hook', 'http://', 'http://[::1/', 'http://1.2.3.4.5/', 'http://256.0.0.1/'])(
    'rejects %j as an invalid URL',
    (url) => {
      expect(codeOf(url)).toBe('INVALID_URL');
    },
  );

  it.each(['ftp://example.com/file', 'file:///etc/passwd', 'gopher://example.com:70/_x', 'ws://example.com/', 'javascript:alert(1)', 'data:text/plain,hi'])(
    'rejects the scheme of %s',
    (url) => {
      expect(codeOf(url)).toBe('UNSUPPORTED_SCHEME');
    },
  );

  it.each(['https://user:pass@example.com/', 'https://user@example.com/', 'https://:pass@example.com/'])('rejects credentials in %s', (url) => {
    expect(codeOf(url)).toBe('CREDENTIALS_IN_URL');
  });

  it('does not repeat the password in the message', () => {
    const message = errorOf(() => checkWebhookUrl('https://user:s3cret@example.com/hook', DEV)).message;
    expect(message).not.toContain('s3cret');
    expect(message).toContain('https://example.com/hook');
  });

  it('returns the parsed URL', () => {
    const url = checkWebhookUrl('https://Example.COM:8443/a/b?c=d', DEV);
    expect(url).toBeInstanceOf(URL);
    expect(url.href).toBe('https://example.com:8443/a/b?c=d');
  });
});

describe('checkWebhookUrl: production', () => {
  it('requires https', () => {
    expect(codeOf('http://example.com/hook', PRODUCTION)).toBe('HTTPS_REQUIRED');
    expect(checkWebhookUrl('https://example.com/hook', PRODUCTION).protocol).toBe('https:');
  });

  it('allows http outside production', () => {
    expect(checkWebhookUrl('http://example.com/hook', DEV).protocol).toBe('http:');
  });

  it('allows http to an allowlisted host name', () => {
    const policy: SsrfPolicy = { allow: ['hooks.internal'], production: true };
    expect(checkWebhookUrl('http://HOOKS.internal/hook', policy).hostname).toBe('hooks.internal');
    expect(codeOf('http://other.internal/hook', policy)).toBe('HTTPS_REQUIRED');
  });

  it('allows http to an address in an allowlisted CIDR', () => {
    const policy: SsrfPolicy = { allow: ['10.0.0.0/8'], production: true };
    expect(checkWebhookUrl('http://10.1.2.3:8080/hook', policy).port).toBe('8080');
    expect(codeOf('http://8.8.8.8/hook', policy)).toBe('HTTPS_REQUIRED');
  });

  it('reports a blocked address before the missing https', () => {
    expect(codeOf('http://127.0.0.1/', PRODUCTION)).toBe('BLOCKED_ADDRESS');
  });
});

describe('checkWebhookUrl: allowlist', () => {
  it('allows an address in an allowlisted CIDR', () => {
    const policy: SsrfPolicy = { allow: ['127.0.0.1/32'], production: false };
    expect(checkWebhookUrl('http://127.0.0.1:8080/hook', policy).host).toBe('127.0.0.1:8080');
    expect(checkWebhookUrl('http://2130706433:8080/hook', policy).host).toBe('127.0.0.1:8080');
    expect(codeOf('http://127.0.0.2:8080/hook', policy)).toBe('BLOCKED_ADDRESS');
  });

  it('lets an IPv4 entry cover the IPv4-mapped form of its addresses', () => {
    const policy: SsrfPolicy = { allow: ['127.0.0.1/32'], production: false };
    expect(() => checkWebhookUrl('http://[::ffff:127.0.0.1]/', policy)).not.toThrow();
  });

  it('allows IPv6 CIDRs', () => {
    const policy: SsrfPolicy = { allow: ['::1/128', 'fd00::/8'], production: false };
    expect(() => checkWebhookUrl('http://[::1]:8080/', policy)).not.toThrow();
    expect(() => checkWebhookUrl('http://[fd12::1]/', policy)).not.toThrow();
    expect(codeOf('http://[fc00::1]/', policy)).toBe('BLOCKED_ADDRESS');
  });

  it('allows an allowlisted host name, exactly and case-insensitively', () => {
    const policy: SsrfPolicy = { allow: ['api.localhost', 'Hooks.Internal'], production: false };
    expect(() => checkWebhookUrl('http://api.localhost/', policy)).not.toThrow();
    expect(() => checkWebhookUrl('http://hooks.internal/', policy)).not.toThrow();
    expect(codeOf('http://other.localhost/', policy)).toBe('BLOCKED_ADDRESS');
  });

  it('does not let a host-name entry match a subdomain or an address', () => {
    const policy: SsrfPolicy = { allow: ['localhost'], production: true };
    expect(() => checkWebhookUrl('http://localhost/', policy)).not.toThrow();
    expect(codeOf('http://evil.localhost/', policy)).toBe('BLOCKED_ADDRESS');
    expect(codeOf('http://127.0.0.1/', policy)).toBe('BLOCKED_ADDRESS');
  });
});

describe('resolveAndCheck', () => {
  it('throws when any resolved address is blocked (DNS rebinding)', async () => {
    const { lookup, asked } = fakeLookup('93.184.216.34', '127.0.0.1');
    const url = checkWebhookUrl('https://rebind.example.com/hook', DEV);
    const error = await resolveAndCheck(url, DEV, lookup).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SsrfError);
    expect((error as SsrfError).code).toBe('BLOCKED_ADDRESS');
    expect((error as SsrfError).message).toBe(
      'https://rebind.example.com/hook: rebind.example.com resolves to 127.0.0.1, a loopback address (blocked; allow it with CANON_WEBHOOK_ALLOW)',
    );
    expect(asked).toEqual(['rebind.example.com']);
  });

  it.each(['10.0.0.5', '169.254.169.254', '::1', 'fe80::1%eth0', '::ffff:192.168.0.1', 'not-an-address'])(
    'throws for a name resolving to %s',
    async (address) => {
      const { lookup } = fakeLookup(address);
      await expect(resolveAndCheck(new URL('https://example.com/'), DEV, lookup)).rejects.toMatchObject({ code: 'BLOCKED_ADDRESS' });
    },
  );

  it('returns the addresses when all are public', async () => {
    const { lookup } = fakeLookup('93.184.216.34', '2606:2800:220:1:248:1893:25c8:1946', '::ffff:8.8.8.8');
    await expect(resolveAndCheck(new URL('https://example.com/'), DEV, lookup)).resolves.toEqual([
      '93.184.216.34',
      '2606:2800:220:1:248:1893:25c8:1946',
      '::ffff:8.8.8.8',
    ]);
  });

  it('passes blocked addresses inside an allowlisted CIDR', async () => {
    const policy: SsrfPolicy = { allow: ['10.0.0.0/8'], production: false };
    const { lookup } = fakeLookup('10.1.2.3', '93.184.216.34');
    await expect(resolveAndCheck(new URL('https://hooks.example.com/'), policy, lookup)).resolves.toEqual(['10.1.2.3', '93.184.216.34']);
    const { lookup: leaky } = fakeLookup('10.1.2.3', '192.168.0.1');
    await expect(resolveAndCheck(new URL('https://hooks.example.com/'), policy, leaky)).rejects.toMatchObject({ code: 'BLOCKED_ADDRESS' });
  });

  it('trusts whatever an allowlisted host name resolves to', async () => {
    const policy: SsrfPolicy = { allow: ['hooks.internal'], production: true };
    const { lookup } = fakeLookup('10.0.0.7');
    await expect(resolveAndCheck(new URL('http://hooks.internal/x'), policy, lookup)).resolves.toEqual(['10.0.0.7']);
  });

  it('checks an IP literal without looking it up', async () => {
    const { lookup, asked } = fakeLookup('127.0.0.1');
    await expect(resolveAndCheck(new URL('https://8.8.8.8/'), DEV, lookup)).resolves.toEqual(['8.8.8.8']);
    await expect(resolveAndCheck(new URL('https://[2606:4700::1111]/'), DEV, lookup)).resolves.toEqual(['2606:4700::1111']);
    await expect(resolveAndCheck(new URL('http://0x7f000001/'), DEV, lookup)).rejects.toMatchObject({ code: 'BLOCKED_ADDRESS' });
    expect(asked).toEqual([]);
  });

  it('applies the current policy again, not just the one at registration', async () => {
    const url = checkWebhookUrl('http://example.com/', DEV);
    const { lookup, asked } = fakeLookup('93.184.216.34');
    await expect(resolveAndCheck(url, PRODUCTION, lookup)).rejects.toMatchObject({ code: 'HTTPS_REQUIRED' });
    expect(asked).toEqual([]);
  });
});

describe('isBlockedAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['169.254.169.254', true],
    ['10.0.0.1', true],
    ['172.16.0.1', true],
    ['172.31.255.255', true],
    ['172.32.0.1', false],
    ['100.64.0.1', true],
    ['100.128.0.1', false],
    ['8.8.8.8', false],
    ['1.1.1.1', false],
    ['::1', true],
    ['::', true],
    ['fd12::1', true],
    ['fe80::1', true],
    ['ff02::1', true],
    ['::ffff:10.0.0.1', true],
    ['::ffff:a00:1', true],
    ['::ffff:8.8.8.8', false],
    ['2001:db8:1::1', true],
    ['2001:db9::1', false],
    ['100::ffff', true],
    ['100:0:0:1::1', false], // outside 100::/64
    ['2606:4700::1111', false],
    ['', true], // not an address: fail closed
    ['localhost', true],
  ])('%s → %s', (address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });

  it('blocks every address of 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16, and their IPv4-mapped forms', () => {
    const privateAddress = fc.oneof(
      fc.tuple(octet, octet, octet).map(([b, c, d]) => [10, b, c, d]),
      fc.tuple(fc.integer({ min: 16, max: 31 }), octet, octet).map(([b, c, d]) => [172, b, c, d]),
      fc.tuple(octet, octet).map(([c, d]) => [192, 168, c, d]),
    );
    fc.assert(
      fc.property(privateAddress, (octets) => {
        expect(isBlockedAddress(dotted(octets))).toBe(true);
        expect(isBlockedAddress(`::ffff:${dotted(octets)}`)).toBe(true);
      }),
    );
  });

  it('treats an IPv4-mapped address like the IPv4 address inside it', () => {
    fc.assert(
      fc.property(ipv4, (octets) => {
        const hex = `${((octets[0] << 8) | octets[1]).toString(16)}:${((octets[2] << 8) | octets[3]).toString(16)}`;
        expect(isBlockedAddress(`::ffff:${hex}`)).toBe(isBlockedAddress(dotted(octets)));
      }),
    );
  });
});

describe('parseAllowlist', () => {
  it('reads CIDRs and host names separated by commas or whitespace', () => {
    expect(parseAllowlist(' 127.0.0.1/32, 10.0.0.0/8\n::1/128\thooks.internal,,Other.Example.COM ')).toEqual([
      '127.0.0.1/32',
      '10.0.0.0/8',
      '::1/128',
      'hooks.internal',
      'other.example.com',
    ]);
  });

  it('reads a bare address as a single-address CIDR', () => {
    expect(parseAllowlist('192.168.1.10 fd00::1')).toEqual(['192.168.1.10/32', 'fd00::1/128']);
  });

  it('is empty when unset or blank', () => {
    expect(parseAllowlist(undefined)).toEqual([]);
    expect(parseAllowlist('  , ')).toEqual([]);
  });

  it.each(['10.0.0.0/33', '300.1.1.1/8', '::1/129', '10.0.0.0/', '10.0.0.0/x', 'fe80::/10/2', '300.1.1.1', '*.example.com', 'http://hooks.internal', 'a..b'])(
    'rejects %j and names it',
    (entry) => {
      expect(() => parseAllowlist(`hooks.internal, ${entry}`)).toThrow(`"${entry}"`);
    },
  );

  it('explains what a CIDR entry should look like', () => {
    expect(() => parseAllowlist('10.0.0.0/33')).toThrow('CANON_WEBHOOK_ALLOW: "10.0.0.0/33" is not a valid CIDR (expected e.g. 10.0.0.0/8 or fd00::/8)');
  });

  it('produces entries a policy accepts', () => {
    const policy: SsrfPolicy = { allow: parseAllowlist('127.0.0.1/32 hooks.internal'), production: true };
    expect(() => checkWebhookUrl('http://127.0.0.1:8080/hook', policy)).not.toThrow();
    expect(() => checkWebhookUrl('http://hooks.internal/hook', policy)).not.toThrow();
  });
});
