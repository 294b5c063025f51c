import {
  canonicalString,
  EMPTY_SHA256,
  encodeMetadata,
  sha256Hex,
  type SignedFields,
} from '../protocol/index.js';

const fields: SignedFields = {
  operation: 'deploy',
  target: 'default',
  deploymentId: '0123456789abcdef0123456789abcdef',
  timestampSeconds: 1_760_000_000,
  contentSha256: 'ab'.repeat(32),
};

describe('canonicalString', () => {
  test('joins the fields in the documented order', () => {
    expect(canonicalString(fields)).toBe(
      [
        'static-deploy/1',
        'deploy',
        'default',
        '0123456789abcdef0123456789abcdef',
        '1760000000',
        'ab'.repeat(32),
        '',
      ].join('\n'),
    );
  });

  test('binds the metadata through its SHA-256', () => {
    const metadata = encodeMetadata({ commit: 'abc' });
    const lines = canonicalString({ ...fields, metadata }).split('\n');
    expect(lines[6]).toBe(sha256Hex(metadata));
  });

  test('differs for every changed field', () => {
    const base = canonicalString(fields);
    const variants: SignedFields[] = [
      { ...fields, operation: 'activate' },
      { ...fields, target: 'other' },
      { ...fields, deploymentId: 'f'.repeat(32) },
      { ...fields, timestampSeconds: fields.timestampSeconds + 1 },
      { ...fields, contentSha256: EMPTY_SHA256 },
      { ...fields, metadata: encodeMetadata({}) },
    ];
    for (const variant of variants) {
      expect(canonicalString(variant)).not.toBe(base);
    }
  });

  const invalid: Array<[string, Partial<SignedFields>]> = [
    ['unknown operation', { operation: 'delete' as SignedFields['operation'] }],
    ['target with a newline', { target: 'a\nb' }],
    ['target with a slash', { target: 'a/b' }],
    ['short deployment id', { deploymentId: 'abc' }],
    ['upper-case deployment id', { deploymentId: 'A'.repeat(32) }],
    ['negative timestamp', { timestampSeconds: -1 }],
    ['fractional timestamp', { timestampSeconds: 1.5 }],
    ['upper-case content hash', { contentSha256: 'AB'.repeat(32) }],
    ['metadata with padding', { metadata: 'abc=' }],
  ];

  test.each(invalid)('throws TypeError for %s', (_name, change) => {
    expect(() => canonicalString({ ...fields, ...change })).toThrow(TypeError);
  });
});

describe('EMPTY_SHA256', () => {
  test('is the SHA-256 of no bytes', () => {
    expect(EMPTY_SHA256).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });
});
