import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

import {
  hmacSha256Hex,
  parseSignatureHeader,
  signatureHeader,
  verifySignature,
} from '../protocol/index.js';

const fill = (byte: number, length: number) => Buffer.alloc(length, byte);

// RFC 4231 section 4, HMAC-SHA-256 values. Test case 5 truncates the
// output to 128 bits, so only the prefix is compared.
const RFC_4231_CASES = [
  {
    name: 'test case 1',
    key: fill(0x0b, 20),
    data: Buffer.from('Hi There'),
    hmac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7',
  },
  {
    name: 'test case 2',
    key: Buffer.from('Jefe'),
    data: Buffer.from('what do ya want for nothing?'),
    hmac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
  },
  {
    name: 'test case 3',
    key: fill(0xaa, 20),
    data: fill(0xdd, 50),
    hmac: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe',
  },
  {
    name: 'test case 4',
    key: Buffer.from(Array.from({ length: 25 }, (_, index) => index + 1)),
    data: fill(0xcd, 50),
    hmac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b',
  },
  {
    name: 'test case 5',
    key: fill(0x0c, 20),
    data: Buffer.from('Test With Truncation'),
    hmac: 'a3b6167473100ee06e0c796c2955552b',
  },
  {
    name: 'test case 6',
    key: fill(0xaa, 131),
    data: Buffer.from('Test Using Larger Than Block-Size Key - Hash Key First'),
    hmac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54',
  },
  {
    name: 'test case 7',
    key: fill(0xaa, 131),
    data: Buffer.from(
      'This is a test using a larger than block-size key and a larger than block-size data.' +
        ' The key needs to be hashed before being used by the HMAC algorithm.',
    ),
    hmac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
];

const secret = () => randomBytes(32).toString('hex');

describe('hmacSha256Hex', () => {
  test.each(RFC_4231_CASES)('matches RFC 4231 $name', ({ key, data, hmac }) => {
    expect(hmacSha256Hex(key, data).startsWith(hmac)).toBe(true);
  });

  test('matches openssl dgst for a canonical string', () => {
    const key = secret();
    const message = 'static-deploy/1\ndeploy\ndefault\n' + 'a'.repeat(32);
    const output = execFileSync(
      'openssl',
      ['dgst', '-sha256', '-hmac', key, '-r'],
      { input: message },
    );
    expect(hmacSha256Hex(key, message)).toBe(output.toString().split(' ')[0]);
  });
});

describe('verifySignature', () => {
  const key = secret();
  const message = 'message to sign';
  const digest = hmacSha256Hex(key, message);

  test('accepts the signature made with the secret', () => {
    expect(verifySignature([key], message, `sha256=${digest}`)).toBe(true);
  });

  test('accepts any secret of a rotation list', () => {
    const header = signatureHeader([secret(), key], message);
    expect(verifySignature([key], message, header)).toBe(true);
    expect(verifySignature([secret(), key], message, `sha256=${digest}`)).toBe(
      true,
    );
  });

  test('accepts spaces around commas', () => {
    const other = hmacSha256Hex(secret(), message);
    expect(
      verifySignature([key], message, `sha256=${other} , sha256=${digest}`),
    ).toBe(true);
  });

  test('rejects a signature made with another secret', () => {
    expect(verifySignature([secret()], message, `sha256=${digest}`)).toBe(
      false,
    );
  });

  test('rejects a signature over another message', () => {
    expect(verifySignature([key], `${message}!`, `sha256=${digest}`)).toBe(
      false,
    );
  });

  const malformed: Array<[string, string | undefined]> = [
    ['missing header', undefined],
    ['empty header', ''],
    ['no algorithm', digest],
    ['short digest', `sha256=${digest.slice(0, 63)}`],
    ['long digest', `sha256=${digest}0`],
    ['extra characters appended', `sha256=${digest}zz`],
    ['non-hex digest', `sha256=${'g'.repeat(64)}`],
    ['upper-case hex', `sha256=${digest.toUpperCase()}`],
    ['other algorithm name', `hmac-sha256=${digest}`],
    ['upper-case algorithm name', `SHA256=${digest}`],
    ['empty entry', `sha256=${digest},`],
    ['nine entries', Array(9).fill(`sha256=${digest}`).join(',')],
    ['non-ASCII text', `sha256=${'é'.repeat(64)}`],
  ];

  test.each(malformed)(
    'returns false for %s without throwing',
    (_name, header) => {
      expect(verifySignature([key], message, header)).toBe(false);
    },
  );
});

describe('parseSignatureHeader', () => {
  test('returns every digest in order', () => {
    const first = 'a'.repeat(64);
    const second = 'b'.repeat(64);
    expect(parseSignatureHeader(`sha256=${first},sha256=${second}`)).toEqual([
      first,
      second,
    ]);
  });

  test('returns undefined for a malformed entry', () => {
    expect(parseSignatureHeader('sha256=abc')).toBeUndefined();
  });
});

describe('signatureHeader', () => {
  test('throws TypeError without secrets', () => {
    expect(() => signatureHeader([], 'message')).toThrow(TypeError);
  });
});
