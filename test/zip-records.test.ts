import {
  centralDirectoryHeader,
  dataDescriptor,
  endOfCentralDirectory,
  entryHeader,
  localFileHeader,
  METHOD_DEFLATED,
  METHOD_STORED,
  toDosDateTime,
  type EntryHeader,
} from '../action-src/zip-records.js';

const FOUR_GIB = 2 ** 32;
const MARKER = 0xffffffff;
const STATS = {
  mtime: new Date(Date.UTC(2024, 0, 2, 3, 4, 6)),
  mode: 0o100644,
};

function header(options: Partial<EntryHeader> = {}): EntryHeader {
  return {
    ...entryHeader('dir/file.txt', STATS, {
      method: METHOD_DEFLATED,
      dataDescriptor: false,
      zip64: false,
    }),
    ...options,
  };
}

const SIZES = { crc32: 0x12345678, compressedSize: 100, size: 300 };

describe('toDosDateTime', () => {
  test('packs a UTC date', () => {
    const dos = toDosDateTime(new Date(Date.UTC(2024, 0, 2, 3, 4, 6)));

    expect(dos >>> 16).toBe((44 << 9) | (1 << 5) | 2);
    expect(dos & 0xffff).toBe((3 << 11) | (4 << 5) | 3);
  });

  test('rounds odd seconds down', () => {
    const dos = toDosDateTime(new Date(Date.UTC(2024, 0, 2, 3, 4, 7)));

    expect(dos & 0x1f).toBe(3);
  });

  test('clamps dates before 1980', () => {
    expect(toDosDateTime(new Date(Date.UTC(1970, 0, 1)))).toBe(0x00210000);
  });

  test('clamps dates after 2043 as archiver did', () => {
    const dos = toDosDateTime(new Date(Date.UTC(2050, 5, 1)));

    expect(dos >>> 16).toBe((63 << 9) | (12 << 5) | 31);
    expect(dos & 0xffff).toBe((23 << 11) | (59 << 5) | 29);
  });
});

describe('entryHeader', () => {
  test('keeps only the permission bits', () => {
    const entry = entryHeader(
      'a',
      { mtime: STATS.mtime, mode: 0o104755 },
      {
        method: METHOD_STORED,
        dataDescriptor: false,
        zip64: false,
      },
    );

    expect(entry.mode).toBe(0o4755);
  });

  test('rejects a name over 65,535 bytes', () => {
    const options = {
      method: METHOD_STORED,
      dataDescriptor: false,
      zip64: false,
    } as const;

    expect(() => entryHeader('é'.repeat(40000), STATS, options)).toThrow(
      'entry name is longer than 65,535 bytes',
    );
  });
});

describe('localFileHeader', () => {
  test('contains the sizes without a data descriptor', () => {
    const record = localFileHeader(header(), SIZES);

    expect(record.readUInt32LE(0)).toBe(0x04034b50);
    expect(record.readUInt16LE(4)).toBe(20);
    expect(record.readUInt16LE(6)).toBe(0);
    expect(record.readUInt16LE(8)).toBe(METHOD_DEFLATED);
    expect(record.readUInt32LE(14)).toBe(SIZES.crc32);
    expect(record.readUInt32LE(18)).toBe(SIZES.compressedSize);
    expect(record.readUInt32LE(22)).toBe(SIZES.size);
    expect(record.readUInt16LE(28)).toBe(0);
    expect(record.subarray(30).toString()).toBe('dir/file.txt');
  });

  test('leaves the sizes to a data descriptor', () => {
    const record = localFileHeader(header({ dataDescriptor: true }), SIZES);

    expect(record.readUInt16LE(6)).toBe(0x8);
    expect(record.readUInt32LE(14)).toBe(0);
    expect(record.readUInt32LE(18)).toBe(0);
    expect(record.readUInt32LE(22)).toBe(0);
  });

  test('adds a Zip64 extra field for Zip64 sizes', () => {
    const zip64 = header({ dataDescriptor: true, zip64: true });
    const record = localFileHeader(zip64, undefined);
    const extra = 30 + zip64.name.length;

    expect(record.readUInt16LE(4)).toBe(45);
    expect(record.readUInt32LE(18)).toBe(MARKER);
    expect(record.readUInt32LE(22)).toBe(MARKER);
    expect(record.readUInt16LE(28)).toBe(20);
    expect(record.readUInt16LE(extra)).toBe(0x0001);
    expect(record.readUInt16LE(extra + 2)).toBe(16);
    expect(record.length).toBe(extra + 20);
  });

  test('flags a name outside ASCII as UTF-8', () => {
    const record = localFileHeader(
      entryHeader('ünïcode.txt', STATS, {
        method: METHOD_STORED,
        dataDescriptor: false,
        zip64: false,
      }),
      SIZES,
    );

    expect(record.readUInt16LE(6)).toBe(0x800);
  });
});

describe('dataDescriptor', () => {
  test('uses 4-byte sizes', () => {
    const record = dataDescriptor(header({ dataDescriptor: true }), SIZES);

    expect(record.length).toBe(16);
    expect(record.readUInt32LE(0)).toBe(0x08074b50);
    expect(record.readUInt32LE(4)).toBe(SIZES.crc32);
    expect(record.readUInt32LE(8)).toBe(SIZES.compressedSize);
    expect(record.readUInt32LE(12)).toBe(SIZES.size);
  });

  test('uses 8-byte sizes for Zip64', () => {
    const sizes = {
      crc32: 1,
      compressedSize: FOUR_GIB + 5,
      size: FOUR_GIB + 9,
    };
    const record = dataDescriptor(
      header({ dataDescriptor: true, zip64: true }),
      sizes,
    );

    expect(record.length).toBe(24);
    expect(record.readBigUInt64LE(8)).toBe(BigInt(FOUR_GIB + 5));
    expect(record.readBigUInt64LE(16)).toBe(BigInt(FOUR_GIB + 9));
  });

  test('rejects 4 GiB without a Zip64 header', () => {
    const sizes = { crc32: 1, compressedSize: 10, size: MARKER };

    expect(() =>
      dataDescriptor(header({ dataDescriptor: true }), sizes),
    ).toThrow('dir/file.txt grew past 4 GiB while it was being packed');
  });
});

describe('centralDirectoryHeader', () => {
  test('contains mode, sizes and offset', () => {
    const record = centralDirectoryHeader(header(), SIZES, 1234);

    expect(record.readUInt32LE(0)).toBe(0x02014b50);
    expect(record.readUInt16LE(4)).toBe((3 << 8) | 45);
    expect(record.readUInt16LE(6)).toBe(20);
    expect(record.readUInt32LE(12)).toBe(toDosDateTime(STATS.mtime));
    expect(record.readUInt32LE(16)).toBe(SIZES.crc32);
    expect(record.readUInt32LE(20)).toBe(SIZES.compressedSize);
    expect(record.readUInt32LE(24)).toBe(SIZES.size);
    expect(record.readUInt16LE(30)).toBe(0);
    expect(record.readUInt32LE(38)).toBe(((0o100644 << 16) | 0x20) >>> 0);
    expect(record.readUInt32LE(42)).toBe(1234);
    expect(record.subarray(46).toString()).toBe('dir/file.txt');
  });

  test('moves an offset past 4 GiB to Zip64', () => {
    const offset = FOUR_GIB + 77;
    const entry = header();
    const record = centralDirectoryHeader(entry, SIZES, offset);
    const extra = 46 + entry.name.length;

    expect(record.readUInt16LE(6)).toBe(45);
    expect(record.readUInt32LE(20)).toBe(MARKER);
    expect(record.readUInt32LE(24)).toBe(MARKER);
    expect(record.readUInt32LE(42)).toBe(MARKER);
    expect(record.readUInt16LE(30)).toBe(28);
    expect(record.readUInt16LE(extra)).toBe(0x0001);
    expect(record.readUInt16LE(extra + 2)).toBe(24);
    expect(record.readBigUInt64LE(extra + 4)).toBe(BigInt(SIZES.size));
    expect(record.readBigUInt64LE(extra + 12)).toBe(
      BigInt(SIZES.compressedSize),
    );
    expect(record.readBigUInt64LE(extra + 20)).toBe(BigInt(offset));
  });

  test('uses Zip64 for a size of 4 GiB', () => {
    const sizes = { crc32: 1, compressedSize: FOUR_GIB, size: FOUR_GIB };
    const entry = header({ dataDescriptor: true, zip64: true });
    const record = centralDirectoryHeader(entry, sizes, 0);
    const extra = 46 + entry.name.length;

    expect(record.readUInt32LE(24)).toBe(MARKER);
    expect(record.readBigUInt64LE(extra + 4)).toBe(BigInt(FOUR_GIB));
  });
});

describe('endOfCentralDirectory', () => {
  test('writes the classic record', () => {
    const record = endOfCentralDirectory(3, 200, 5000);

    expect(record.length).toBe(22);
    expect(record.readUInt32LE(0)).toBe(0x06054b50);
    expect(record.readUInt16LE(8)).toBe(3);
    expect(record.readUInt16LE(10)).toBe(3);
    expect(record.readUInt32LE(12)).toBe(200);
    expect(record.readUInt32LE(16)).toBe(5000);
    expect(record.readUInt16LE(20)).toBe(0);
  });

  test('adds Zip64 records past 4 GiB', () => {
    const offset = FOUR_GIB + 10;
    const record = endOfCentralDirectory(3, 200, offset);
    const end = record.subarray(76);

    expect(record.length).toBe(56 + 20 + 22);
    expect(record.readUInt32LE(0)).toBe(0x06064b50);
    expect(record.readBigUInt64LE(4)).toBe(44n);
    expect(record.readBigUInt64LE(32)).toBe(3n);
    expect(record.readBigUInt64LE(40)).toBe(200n);
    expect(record.readBigUInt64LE(48)).toBe(BigInt(offset));
    expect(record.readUInt32LE(56)).toBe(0x07064b50);
    expect(record.readBigUInt64LE(64)).toBe(BigInt(offset + 200));
    expect(record.readUInt32LE(72)).toBe(1);
    expect(end.readUInt16LE(10)).toBe(0xffff);
    expect(end.readUInt32LE(16)).toBe(MARKER);
  });

  test('adds Zip64 records for 65,535 entries', () => {
    const record = endOfCentralDirectory(0xffff, 200, 5000);

    expect(record.length).toBe(98);
    expect(record.readBigUInt64LE(32)).toBe(0xffffn);
  });
});
