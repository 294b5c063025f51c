#!/usr/bin/env node
import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/pend/index.js
var require_pend = __commonJS({
  "node_modules/pend/index.js"(exports, module) {
    module.exports = Pend;
    function Pend() {
      this.pending = 0;
      this.max = Infinity;
      this.listeners = [];
      this.waiting = [];
      this.error = null;
    }
    Pend.prototype.go = function(fn) {
      if (this.pending < this.max) {
        pendGo(this, fn);
      } else {
        this.waiting.push(fn);
      }
    };
    Pend.prototype.wait = function(cb) {
      if (this.pending === 0) {
        cb(this.error);
      } else {
        this.listeners.push(cb);
      }
    };
    Pend.prototype.hold = function() {
      return pendHold(this);
    };
    function pendHold(self) {
      self.pending += 1;
      var called = false;
      return onCb;
      function onCb(err) {
        if (called) throw new Error("callback called twice");
        called = true;
        self.error = self.error || err;
        self.pending -= 1;
        if (self.waiting.length > 0 && self.pending < self.max) {
          pendGo(self, self.waiting.shift());
        } else if (self.pending === 0) {
          var listeners = self.listeners;
          self.listeners = [];
          listeners.forEach(cbListener);
        }
      }
      function cbListener(listener) {
        listener(self.error);
      }
    }
    function pendGo(self, fn) {
      fn(pendHold(self));
    }
  }
});

// node_modules/yauzl/fd-slicer.js
var require_fd_slicer = __commonJS({
  "node_modules/yauzl/fd-slicer.js"(exports) {
    var fs2 = __require("fs");
    var util = __require("util");
    var stream = __require("stream");
    var Readable2 = stream.Readable;
    var PassThrough = stream.PassThrough;
    var Pend = require_pend();
    var EventEmitter2 = __require("events").EventEmitter;
    exports.BufferSlicer = BufferSlicer;
    exports.FdSlicer = FdSlicer;
    util.inherits(FdSlicer, EventEmitter2);
    function FdSlicer(fd) {
      EventEmitter2.call(this);
      this.fd = fd;
      this.pend = new Pend();
      this.pend.max = 1;
      this.refCount = 0;
    }
    FdSlicer.prototype.read = function(buffer, offset, length, position, callback) {
      var self = this;
      self.pend.go(function(cb) {
        fs2.read(self.fd, buffer, offset, length, position, function(err, bytesRead, buffer2) {
          cb();
          callback(err, bytesRead, buffer2);
        });
      });
    };
    FdSlicer.prototype.createReadStream = function(options2) {
      return new ReadStream(this, options2);
    };
    FdSlicer.prototype.ref = function() {
      this.refCount += 1;
    };
    FdSlicer.prototype.unref = function() {
      var self = this;
      self.refCount -= 1;
      if (self.refCount < 0) throw new Error("invalid unref");
      if (self.refCount > 0) return;
      fs2.close(self.fd, onCloseDone);
      function onCloseDone(err) {
        if (err) {
          self.emit("error", err);
        } else {
          self.emit("close");
        }
      }
    };
    util.inherits(ReadStream, Readable2);
    function ReadStream(context, options2) {
      options2 = options2 || {};
      Readable2.call(this, options2);
      this.context = context;
      this.context.ref();
      this.start = options2.start || 0;
      this.endOffset = options2.end;
      this.pos = this.start;
    }
    ReadStream.prototype._read = function(n) {
      var self = this;
      var toRead = Math.min(self._readableState.highWaterMark, n);
      if (self.endOffset != null) {
        toRead = Math.min(toRead, self.endOffset - self.pos);
      }
      if (toRead <= 0) {
        self.push(null);
        this._cleanup();
        return;
      }
      self.context.pend.go(function(cb) {
        var buffer = Buffer.allocUnsafe(toRead);
        fs2.read(self.context.fd, buffer, 0, toRead, self.pos, function(err, bytesRead) {
          if (err) {
            self.destroy(err);
          } else if (bytesRead === 0) {
            self.push(null);
            self._cleanup();
          } else {
            self.pos += bytesRead;
            self.push(buffer.slice(0, bytesRead));
          }
          cb();
        });
      });
    };
    ReadStream.prototype._destroy = function(err, cb) {
      this._cleanup();
      cb(err);
    };
    ReadStream.prototype._cleanup = function() {
      if (this.context != null) {
        this.context.unref();
        this.context = null;
      }
    };
    util.inherits(BufferSlicer, EventEmitter2);
    function BufferSlicer(buffer) {
      EventEmitter2.call(this);
      this.refCount = 0;
      this.buffer = buffer;
    }
    BufferSlicer.prototype.read = function(buffer, offset, length, position, callback) {
      if (!(0 <= offset && offset <= buffer.length)) throw new RangeError("offset outside buffer: 0 <= " + offset + " <= " + buffer.length);
      if (position < 0) throw new RangeError("position is negative: " + position);
      if (offset + length > buffer.length) {
        length = buffer.length - offset;
      }
      if (position + length > this.buffer.length) {
        length = this.buffer.length - position;
      }
      if (length <= 0) {
        setImmediate(function() {
          callback(null, 0);
        });
        return;
      }
      this.buffer.copy(buffer, offset, position, position + length);
      setImmediate(function() {
        callback(null, length);
      });
    };
    BufferSlicer.prototype.createReadStream = function(options2) {
      options2 = options2 || {};
      var readStream = new PassThrough(options2);
      readStream.start = options2.start || 0;
      readStream.endOffset = options2.end;
      readStream.pos = readStream.endOffset || this.buffer.length;
      var entireSlice = this.buffer.slice(readStream.start, readStream.pos);
      var maxChunkSize = 65536;
      var offset = 0;
      while (true) {
        var nextOffset = offset + maxChunkSize;
        if (nextOffset >= entireSlice.length) {
          if (offset < entireSlice.length) {
            readStream.write(entireSlice.slice(offset, entireSlice.length));
          }
          break;
        }
        readStream.write(entireSlice.slice(offset, nextOffset));
        offset = nextOffset;
      }
      readStream.end();
      return readStream;
    };
    BufferSlicer.prototype.ref = function() {
      this.refCount += 1;
    };
    BufferSlicer.prototype.unref = function() {
      this.refCount -= 1;
      if (this.refCount < 0) {
        throw new Error("invalid unref");
      }
    };
  }
});

// node_modules/yauzl/crc32.js
var require_crc32 = __commonJS({
  "node_modules/yauzl/crc32.js"(exports, module) {
    var CRC_TABLE = new Int32Array([
      0,
      1996959894,
      3993919788,
      2567524794,
      124634137,
      1886057615,
      3915621685,
      2657392035,
      249268274,
      2044508324,
      3772115230,
      2547177864,
      162941995,
      2125561021,
      3887607047,
      2428444049,
      498536548,
      1789927666,
      4089016648,
      2227061214,
      450548861,
      1843258603,
      4107580753,
      2211677639,
      325883990,
      1684777152,
      4251122042,
      2321926636,
      335633487,
      1661365465,
      4195302755,
      2366115317,
      997073096,
      1281953886,
      3579855332,
      2724688242,
      1006888145,
      1258607687,
      3524101629,
      2768942443,
      901097722,
      1119000684,
      3686517206,
      2898065728,
      853044451,
      1172266101,
      3705015759,
      2882616665,
      651767980,
      1373503546,
      3369554304,
      3218104598,
      565507253,
      1454621731,
      3485111705,
      3099436303,
      671266974,
      1594198024,
      3322730930,
      2970347812,
      795835527,
      1483230225,
      3244367275,
      3060149565,
      1994146192,
      31158534,
      2563907772,
      4023717930,
      1907459465,
      112637215,
      2680153253,
      3904427059,
      2013776290,
      251722036,
      2517215374,
      3775830040,
      2137656763,
      141376813,
      2439277719,
      3865271297,
      1802195444,
      476864866,
      2238001368,
      4066508878,
      1812370925,
      453092731,
      2181625025,
      4111451223,
      1706088902,
      314042704,
      2344532202,
      4240017532,
      1658658271,
      366619977,
      2362670323,
      4224994405,
      1303535960,
      984961486,
      2747007092,
      3569037538,
      1256170817,
      1037604311,
      2765210733,
      3554079995,
      1131014506,
      879679996,
      2909243462,
      3663771856,
      1141124467,
      855842277,
      2852801631,
      3708648649,
      1342533948,
      654459306,
      3188396048,
      3373015174,
      1466479909,
      544179635,
      3110523913,
      3462522015,
      1591671054,
      702138776,
      2966460450,
      3352799412,
      1504918807,
      783551873,
      3082640443,
      3233442989,
      3988292384,
      2596254646,
      62317068,
      1957810842,
      3939845945,
      2647816111,
      81470997,
      1943803523,
      3814918930,
      2489596804,
      225274430,
      2053790376,
      3826175755,
      2466906013,
      167816743,
      2097651377,
      4027552580,
      2265490386,
      503444072,
      1762050814,
      4150417245,
      2154129355,
      426522225,
      1852507879,
      4275313526,
      2312317920,
      282753626,
      1742555852,
      4189708143,
      2394877945,
      397917763,
      1622183637,
      3604390888,
      2714866558,
      953729732,
      1340076626,
      3518719985,
      2797360999,
      1068828381,
      1219638859,
      3624741850,
      2936675148,
      906185462,
      1090812512,
      3747672003,
      2825379669,
      829329135,
      1181335161,
      3412177804,
      3160834842,
      628085408,
      1382605366,
      3423369109,
      3138078467,
      570562233,
      1426400815,
      3317316542,
      2998733608,
      733239954,
      1555261956,
      3268935591,
      3050360625,
      752459403,
      1541320221,
      2607071920,
      3965973030,
      1969922972,
      40735498,
      2617837225,
      3943577151,
      1913087877,
      83908371,
      2512341634,
      3803740692,
      2075208622,
      213261112,
      2463272603,
      3855990285,
      2094854071,
      198958881,
      2262029012,
      4057260610,
      1759359992,
      534414190,
      2176718541,
      4139329115,
      1873836001,
      414664567,
      2282248934,
      4279200368,
      1711684554,
      285281116,
      2405801727,
      4167216745,
      1634467795,
      376229701,
      2685067896,
      3608007406,
      1308918612,
      956543938,
      2808555105,
      3495958263,
      1231636301,
      1047427035,
      2932959818,
      3654703836,
      1088359270,
      936918e3,
      2847714899,
      3736837829,
      1202900863,
      817233897,
      3183342108,
      3401237130,
      1404277552,
      615818150,
      3134207493,
      3453421203,
      1423857449,
      601450431,
      3009837614,
      3294710456,
      1567103746,
      711928724,
      3020668471,
      3272380065,
      1510334235,
      755167117
    ]);
    function crc322(buf) {
      let crc = -1;
      for (let x of buf) {
        crc = CRC_TABLE[(crc ^ x) & 255] ^ crc >>> 8;
      }
      return (crc ^ -1) >>> 0;
    }
    module.exports = crc322;
  }
});

// node_modules/yauzl/index.js
var require_yauzl = __commonJS({
  "node_modules/yauzl/index.js"(exports) {
    var fs2 = __require("fs");
    var zlib = __require("zlib");
    var fd_slicer = require_fd_slicer();
    var util = __require("util");
    var EventEmitter2 = __require("events").EventEmitter;
    var Transform2 = __require("stream").Transform;
    var PassThrough = __require("stream").PassThrough;
    var Writable2 = __require("stream").Writable;
    var crc322 = typeof zlib.crc32 === "function" ? zlib.crc32 : require_crc32();
    exports.open = open4;
    exports.fromFd = fromFd;
    exports.fromBuffer = fromBuffer;
    exports.fromRandomAccessReader = fromRandomAccessReader;
    exports.openPromise = openPromise;
    exports.fromFdPromise = fromFdPromise;
    exports.fromBufferPromise = fromBufferPromise;
    exports.fromRandomAccessReaderPromise = fromRandomAccessReaderPromise;
    exports.dosDateTimeToDate = dosDateTimeToDate;
    exports.getFileNameLowLevel = getFileNameLowLevel;
    exports.validateFileName = validateFileName;
    exports.parseExtraFields = parseExtraFields;
    exports.ZipFile = ZipFile;
    exports.Entry = Entry;
    exports.LocalFileHeader = LocalFileHeader;
    exports.RandomAccessReader = RandomAccessReader;
    function openPromise(path8, options2) {
      return new Promise((resolve2, reject) => {
        open4(path8, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve2(zipfile);
        });
      });
    }
    function fromFdPromise(fd, options2) {
      return new Promise((resolve2, reject) => {
        fromFd(fd, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve2(zipfile);
        });
      });
    }
    function fromBufferPromise(buffer, options2) {
      return new Promise((resolve2, reject) => {
        fromBuffer(buffer, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve2(zipfile);
        });
      });
    }
    function fromRandomAccessReaderPromise(reader, totalSize, options2) {
      return new Promise((resolve2, reject) => {
        fromRandomAccessReader(reader, totalSize, { ...options2, lazyEntries: true }, function(err, zipfile) {
          if (err) return reject(err);
          resolve2(zipfile);
        });
      });
    }
    function open4(path8, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = true;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      fs2.open(path8, "r", function(err, fd) {
        if (err) return callback(err);
        fromFd(fd, options2, function(err2, zipfile) {
          if (err2) fs2.close(fd, defaultCallback);
          callback(err2, zipfile);
        });
      });
    }
    function fromFd(fd, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = false;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      fs2.fstat(fd, function(err, stats) {
        if (err) return callback(err);
        var reader = new fd_slicer.FdSlicer(fd);
        fromRandomAccessReader(reader, stats.size, options2, callback);
      });
    }
    function fromBuffer(buffer, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      options2.autoClose = false;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      var reader = new fd_slicer.BufferSlicer(buffer);
      fromRandomAccessReader(reader, buffer.length, options2, callback);
    }
    function fromRandomAccessReader(reader, totalSize, options2, callback) {
      if (typeof options2 === "function") {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      if (options2.autoClose == null) options2.autoClose = true;
      if (options2.lazyEntries == null) options2.lazyEntries = false;
      if (options2.decodeStrings == null) options2.decodeStrings = true;
      var decodeStrings = !!options2.decodeStrings;
      if (options2.validateEntrySizes == null) options2.validateEntrySizes = true;
      if (options2.strictFileNames == null) options2.strictFileNames = false;
      if (callback == null) callback = defaultCallback;
      if (typeof totalSize !== "number") throw new Error("expected totalSize parameter to be a number");
      if (totalSize > Number.MAX_SAFE_INTEGER) {
        throw new Error("zip file too large. only file sizes up to 2^52 are supported due to JavaScript's Number type being an IEEE 754 double.");
      }
      reader.ref();
      var eocdrWithoutCommentSize = 22;
      var zip64EocdlSize = 20;
      var maxCommentSize = 65535;
      var bufferSize = Math.min(zip64EocdlSize + eocdrWithoutCommentSize + maxCommentSize, totalSize);
      var buffer = newBuffer(bufferSize);
      var bufferReadStart = totalSize - buffer.length;
      readAndAssertNoEof(reader, buffer, 0, bufferSize, bufferReadStart, function(err) {
        if (err) return callback(err);
        for (var i = bufferSize - eocdrWithoutCommentSize; i >= 0; i -= 1) {
          if (buffer.readUInt32LE(i) !== 101010256) continue;
          var eocdrBuffer = buffer.subarray(i);
          var diskNumber = eocdrBuffer.readUInt16LE(4);
          var entryCount = eocdrBuffer.readUInt16LE(10);
          var centralDirectoryOffset = eocdrBuffer.readUInt32LE(16);
          var commentLength = eocdrBuffer.readUInt16LE(20);
          var expectedCommentLength = eocdrBuffer.length - eocdrWithoutCommentSize;
          if (commentLength !== expectedCommentLength) {
            return callback(new Error("Invalid comment length. Expected: " + expectedCommentLength + ". Found: " + commentLength + ". Are there extra bytes at the end of the file? Or is the end of central dir signature `PK\u263A\u263B` in the comment?"));
          }
          var comment = decodeStrings ? decodeBuffer(eocdrBuffer.subarray(22), false) : eocdrBuffer.subarray(22);
          if (i - zip64EocdlSize >= 0 && buffer.readUInt32LE(i - zip64EocdlSize) === 117853008) {
            var zip64EocdlBuffer = buffer.subarray(i - zip64EocdlSize, i - zip64EocdlSize + zip64EocdlSize);
            var zip64EocdrOffset = readUInt64LE(zip64EocdlBuffer, 8);
            var zip64EocdrBuffer = newBuffer(56);
            return readAndAssertNoEof(reader, zip64EocdrBuffer, 0, zip64EocdrBuffer.length, zip64EocdrOffset, function(err2) {
              if (err2) return callback(err2);
              if (zip64EocdrBuffer.readUInt32LE(0) !== 101075792) {
                return callback(new Error("invalid zip64 end of central directory record signature"));
              }
              diskNumber = zip64EocdrBuffer.readUInt32LE(16);
              if (diskNumber !== 0) {
                return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
              }
              entryCount = readUInt64LE(zip64EocdrBuffer, 32);
              centralDirectoryOffset = readUInt64LE(zip64EocdrBuffer, 48);
              return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options2.autoClose, options2.lazyEntries, decodeStrings, options2.validateEntrySizes, options2.strictFileNames));
            });
          }
          if (diskNumber !== 0) {
            return callback(new Error("multi-disk zip files are not supported: found disk number: " + diskNumber));
          }
          return callback(null, new ZipFile(reader, centralDirectoryOffset, totalSize, entryCount, comment, options2.autoClose, options2.lazyEntries, decodeStrings, options2.validateEntrySizes, options2.strictFileNames));
        }
        callback(new Error("End of central directory record signature not found. Either not a zip file, or file is truncated."));
      });
    }
    util.inherits(ZipFile, EventEmitter2);
    function ZipFile(reader, centralDirectoryOffset, fileSize, entryCount, comment, autoClose, lazyEntries, decodeStrings, validateEntrySizes, strictFileNames) {
      var self = this;
      EventEmitter2.call(self);
      self.reader = reader;
      self.reader.on("error", function(err) {
        emitError(self, err);
      });
      self.reader.once("close", function() {
        self.emit("close");
      });
      self.readEntryCursor = centralDirectoryOffset;
      self.fileSize = fileSize;
      self.entryCount = entryCount;
      self.comment = comment;
      self.entriesRead = 0;
      self.autoClose = !!autoClose;
      self.lazyEntries = !!lazyEntries;
      self.decodeStrings = !!decodeStrings;
      self.validateEntrySizes = !!validateEntrySizes;
      self.strictFileNames = !!strictFileNames;
      self.isOpen = true;
      self.emittedError = false;
      self.hasEachEntryBeenCalled = false;
      if (!self.lazyEntries) self._readEntry();
    }
    ZipFile.prototype.close = function() {
      if (!this.isOpen) return;
      this.isOpen = false;
      this.reader.unref();
    };
    function emitErrorAndAutoClose(self, err) {
      if (self.autoClose) self.close();
      emitError(self, err);
    }
    function emitError(self, err) {
      if (self.emittedError) return;
      self.emittedError = true;
      self.emit("error", err);
    }
    ZipFile.prototype.readEntry = function() {
      if (!this.lazyEntries) throw new Error("readEntry() called without lazyEntries:true");
      this._readEntry();
    };
    ZipFile.prototype._readEntry = function() {
      var self = this;
      if (self.entryCount === self.entriesRead) {
        setImmediate(function() {
          if (self.autoClose) self.close();
          if (self.emittedError) return;
          self.emit("end");
        });
        return;
      }
      if (self.emittedError) return;
      var buffer = newBuffer(46);
      readAndAssertNoEof(self.reader, buffer, 0, buffer.length, self.readEntryCursor, function(err) {
        if (err) return emitErrorAndAutoClose(self, err);
        if (self.emittedError) return;
        var entry = new Entry();
        var signature = buffer.readUInt32LE(0);
        if (signature !== 33639248) return emitErrorAndAutoClose(self, new Error("invalid central directory file header signature: 0x" + signature.toString(16)));
        entry.versionMadeBy = buffer.readUInt16LE(4);
        entry.versionNeededToExtract = buffer.readUInt16LE(6);
        entry.generalPurposeBitFlag = buffer.readUInt16LE(8);
        entry.compressionMethod = buffer.readUInt16LE(10);
        entry.lastModFileTime = buffer.readUInt16LE(12);
        entry.lastModFileDate = buffer.readUInt16LE(14);
        entry.crc32 = buffer.readUInt32LE(16);
        entry.compressedSize = buffer.readUInt32LE(20);
        entry.uncompressedSize = buffer.readUInt32LE(24);
        entry.fileNameLength = buffer.readUInt16LE(28);
        entry.extraFieldLength = buffer.readUInt16LE(30);
        entry.fileCommentLength = buffer.readUInt16LE(32);
        entry.internalFileAttributes = buffer.readUInt16LE(36);
        entry.externalFileAttributes = buffer.readUInt32LE(38);
        entry.relativeOffsetOfLocalHeader = buffer.readUInt32LE(42);
        if (entry.generalPurposeBitFlag & 64) return emitErrorAndAutoClose(self, new Error("strong encryption is not supported"));
        self.readEntryCursor += 46;
        buffer = newBuffer(entry.fileNameLength + entry.extraFieldLength + entry.fileCommentLength);
        readAndAssertNoEof(self.reader, buffer, 0, buffer.length, self.readEntryCursor, function(err2) {
          if (err2) return emitErrorAndAutoClose(self, err2);
          if (self.emittedError) return;
          entry.fileNameRaw = buffer.subarray(0, entry.fileNameLength);
          var fileCommentStart = entry.fileNameLength + entry.extraFieldLength;
          entry.extraFieldRaw = buffer.subarray(entry.fileNameLength, fileCommentStart);
          entry.fileCommentRaw = buffer.subarray(fileCommentStart, fileCommentStart + entry.fileCommentLength);
          try {
            entry.extraFields = parseExtraFields(entry.extraFieldRaw);
          } catch (err3) {
            return emitErrorAndAutoClose(self, err3);
          }
          if (self.decodeStrings) {
            var isUtf8 = (entry.generalPurposeBitFlag & 2048) !== 0;
            entry.fileComment = decodeBuffer(entry.fileCommentRaw, isUtf8);
            entry.fileName = getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, entry.extraFields, self.strictFileNames);
            var errorMessage2 = validateFileName(entry.fileName);
            if (errorMessage2 != null) return emitErrorAndAutoClose(self, new Error(errorMessage2));
          } else {
            entry.fileComment = entry.fileCommentRaw;
            entry.fileName = entry.fileNameRaw;
          }
          entry.comment = entry.fileComment;
          self.readEntryCursor += buffer.length;
          self.entriesRead += 1;
          for (var i = 0; i < entry.extraFields.length; i++) {
            var extraField = entry.extraFields[i];
            if (extraField.id !== 1) continue;
            var zip64EiefBuffer = extraField.data;
            var index = 0;
            if (entry.uncompressedSize === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include uncompressed size"));
              }
              entry.uncompressedSize = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            if (entry.compressedSize === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include compressed size"));
              }
              entry.compressedSize = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            if (entry.relativeOffsetOfLocalHeader === 4294967295) {
              if (index + 8 > zip64EiefBuffer.length) {
                return emitErrorAndAutoClose(self, new Error("zip64 extended information extra field does not include relative header offset"));
              }
              entry.relativeOffsetOfLocalHeader = readUInt64LE(zip64EiefBuffer, index);
              index += 8;
            }
            break;
          }
          if (self.validateEntrySizes && entry.compressionMethod === 0) {
            var expectedCompressedSize = entry.uncompressedSize;
            if (entry.isEncrypted()) {
              expectedCompressedSize += 12;
            }
            if (entry.compressedSize !== expectedCompressedSize) {
              var msg = "compressed/uncompressed size mismatch for stored file: " + entry.compressedSize + " != " + entry.uncompressedSize;
              return emitErrorAndAutoClose(self, new Error(msg));
            }
          }
          self.emit("entry", entry);
          if (!self.lazyEntries) self._readEntry();
        });
      });
    };
    ZipFile.prototype.eachEntry = function() {
      const self = this;
      if (!self.lazyEntries) throw new Error("eachEntry() requires lazyEntries: true");
      if (self.hasEachEntryBeenCalled) throw new Error("eachEntry() must only be called once per ZipFile");
      self.hasEachEntryBeenCalled = true;
      let pendingResolveReject = null;
      self.on("entry", onEntry);
      self.on("end", onEnd);
      self.on("error", onError);
      function cleanup() {
        self.removeListener("entry", onEntry);
        self.removeListener("end", onEnd);
        self.removeListener("error", onError);
        if (self.autoClose) self.close();
      }
      function onEntry(entry) {
        let { resolve: resolve2 } = pendingResolveReject;
        pendingResolveReject = null;
        resolve2({ value: entry });
      }
      function onEnd() {
        let { resolve: resolve2 } = pendingResolveReject;
        pendingResolveReject = null;
        cleanup();
        resolve2({ done: true });
      }
      function onError(err) {
        let { reject } = pendingResolveReject;
        pendingResolveReject = null;
        cleanup();
        reject(err);
      }
      return {
        [Symbol.asyncIterator]() {
          return this;
        },
        next() {
          const promise = new Promise((resolve2, reject) => {
            if (pendingResolveReject != null) throw new Error("next() called before previous Promise was resolved.");
            pendingResolveReject = { resolve: resolve2, reject };
          });
          self.readEntry();
          return promise;
        },
        return(value) {
          cleanup();
          return Promise.resolve({ done: true, value });
        },
        throw(value) {
          cleanup();
          return Promise.reject(value);
        }
      };
    };
    ZipFile.prototype.openReadStream = function(entry, options2, callback) {
      var self = this;
      var relativeStart = 0;
      var relativeEnd = entry.compressedSize;
      if (callback == null) {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) {
        options2 = {};
      } else {
        if (options2.decodeFileData === false) {
          if (options2.decrypt != null) {
            throw new Error("cannot use options.decrypt when options.decodeFileData === false");
          }
          if (options2.decompress != null) {
            throw new Error("cannot use options.decompress when options.decodeFileData === false");
          }
        } else {
          if (options2.decrypt != null) {
            if (!entry.isEncrypted()) {
              throw new Error("options.decrypt can only be specified for encrypted entries. See also option decodeFileData.");
            }
            if (options2.decrypt !== false) throw new Error("invalid options.decrypt value: " + options2.decrypt);
            if (entry.isCompressed()) {
              if (options2.decompress !== false) throw new Error("entry is encrypted and compressed, and options.decompress !== false. See also option decodeFileData.");
            }
          }
          if (options2.decompress != null) {
            if (!entry.isCompressed()) {
              throw new Error("options.decompress can only be specified for compressed entries. See also option decodeFileData.");
            }
            if (!(options2.decompress === false || options2.decompress === true)) {
              throw new Error("invalid options.decompress value: " + options2.decompress);
            }
            decompress = options2.decompress;
          }
        }
        if (options2.start != null) {
          relativeStart = options2.start;
          if (relativeStart < 0) throw new Error("options.start < 0");
          if (relativeStart > entry.compressedSize) throw new Error("options.start > entry.compressedSize");
        }
        if (options2.end != null) {
          relativeEnd = options2.end;
          if (relativeEnd < 0) throw new Error("options.end < 0");
          if (relativeEnd > entry.compressedSize) throw new Error("options.end > entry.compressedSize");
          if (relativeEnd < relativeStart) throw new Error("options.end < options.start");
        }
      }
      var rawMode = options2.decodeFileData === false || // Explicitly requested raw.
      (entry.compressionMethod === 0 || // Naturally without compression.
      entry.compressionMethod === 8 && options2.decompress === false) && (!entry.isEncrypted() || // Naturally without encryption.
      options2.decrypt === false);
      if (options2.start != null || options2.end != null) {
        if (!rawMode) throw new Error("start/end range require options.decodeFileData === false for non-trivial encoded entries.");
      }
      if (!self.isOpen) return callback(new Error("closed"));
      if (entry.isEncrypted() && !rawMode) {
        if (options2.decrypt !== false) return callback(new Error("entry is encrypted, and options.decodeFileData !== false"));
      }
      var decompress;
      if (rawMode) {
        decompress = false;
      } else if (entry.compressionMethod === 8) {
        decompress = options2.decodeFileData !== true;
      } else {
        return callback(new Error("unsupported compression method: " + entry.compressionMethod));
      }
      self.readLocalFileHeader(entry, { minimal: true }, function(err, localFileHeader2) {
        if (err) return callback(err);
        self.openReadStreamLowLevel(
          localFileHeader2.fileDataStart,
          entry.compressedSize,
          relativeStart,
          relativeEnd,
          decompress,
          entry.uncompressedSize,
          callback
        );
      });
    };
    ZipFile.prototype.openReadStreamLowLevel = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, callback) {
      var self = this;
      var fileDataEnd = fileDataStart + compressedSize;
      var readStream = self.reader.createReadStream({
        start: fileDataStart + relativeStart,
        end: fileDataStart + relativeEnd
      });
      var endpointStream = readStream;
      if (decompress) {
        var destroyed = false;
        var inflateFilter = zlib.createInflateRaw();
        readStream.on("error", function(err) {
          setImmediate(function() {
            if (!destroyed) inflateFilter.emit("error", err);
          });
        });
        readStream.pipe(inflateFilter);
        if (self.validateEntrySizes) {
          endpointStream = new AssertByteCountStream(uncompressedSize);
          inflateFilter.on("error", function(err) {
            setImmediate(function() {
              if (!destroyed) endpointStream.emit("error", err);
            });
          });
          inflateFilter.pipe(endpointStream);
        } else {
          endpointStream = inflateFilter;
        }
        installDestroyFn(endpointStream, function() {
          destroyed = true;
          if (inflateFilter !== endpointStream) inflateFilter.unpipe(endpointStream);
          readStream.unpipe(inflateFilter);
          readStream.destroy();
        });
      }
      callback(null, endpointStream);
    };
    ZipFile.prototype.readLocalFileHeader = function(entry, options2, callback) {
      var self = this;
      if (callback == null) {
        callback = options2;
        options2 = null;
      }
      if (options2 == null) options2 = {};
      self.reader.ref();
      var buffer = newBuffer(30);
      readAndAssertNoEof(self.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader, function(err) {
        try {
          if (err) return callback(err);
          var signature = buffer.readUInt32LE(0);
          if (signature !== 67324752) {
            return callback(new Error("invalid local file header signature: 0x" + signature.toString(16)));
          }
          var fileNameLength = buffer.readUInt16LE(26);
          var extraFieldLength = buffer.readUInt16LE(28);
          var fileDataStart = entry.relativeOffsetOfLocalHeader + 30 + fileNameLength + extraFieldLength;
          if (fileDataStart + entry.compressedSize > self.fileSize) {
            return callback(new Error("file data overflows file bounds: " + fileDataStart + " + " + entry.compressedSize + " > " + self.fileSize));
          }
          if (options2.minimal) {
            return callback(null, { fileDataStart });
          }
          var localFileHeader2 = new LocalFileHeader();
          localFileHeader2.fileDataStart = fileDataStart;
          localFileHeader2.versionNeededToExtract = buffer.readUInt16LE(4);
          localFileHeader2.generalPurposeBitFlag = buffer.readUInt16LE(6);
          localFileHeader2.compressionMethod = buffer.readUInt16LE(8);
          localFileHeader2.lastModFileTime = buffer.readUInt16LE(10);
          localFileHeader2.lastModFileDate = buffer.readUInt16LE(12);
          localFileHeader2.crc32 = buffer.readUInt32LE(14);
          localFileHeader2.compressedSize = buffer.readUInt32LE(18);
          localFileHeader2.uncompressedSize = buffer.readUInt32LE(22);
          localFileHeader2.fileNameLength = fileNameLength;
          localFileHeader2.extraFieldLength = extraFieldLength;
          buffer = newBuffer(fileNameLength + extraFieldLength);
          self.reader.ref();
          readAndAssertNoEof(self.reader, buffer, 0, buffer.length, entry.relativeOffsetOfLocalHeader + 30, function(err2) {
            try {
              if (err2) return callback(err2);
              localFileHeader2.fileName = buffer.subarray(0, fileNameLength);
              localFileHeader2.extraField = buffer.subarray(fileNameLength);
              return callback(null, localFileHeader2);
            } finally {
              self.reader.unref();
            }
          });
        } finally {
          self.reader.unref();
        }
      });
    };
    ZipFile.prototype.openReadStreamPromise = function(entry, options2) {
      return new Promise((resolve2, reject) => {
        this.openReadStream(entry, options2, function(err, readStream) {
          if (err) return reject(err);
          resolve2(readStream);
        });
      });
    };
    ZipFile.prototype.openReadStreamLowLevelPromise = function(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize) {
      return new Promise((resolve2, reject) => {
        this.openReadStream(fileDataStart, compressedSize, relativeStart, relativeEnd, decompress, uncompressedSize, function(err, readStream) {
          if (err) return reject(err);
          resolve2(readStream);
        });
      });
    };
    ZipFile.prototype.readLocalFileHeaderPromise = function(entry, options2) {
      return new Promise((resolve2, reject) => {
        this.readLocalFileHeader(entry, options2, function(err, localFileHeader2) {
          if (err) return reject(err);
          resolve2(localFileHeader2);
        });
      });
    };
    function Entry() {
    }
    Entry.prototype.getLastModDate = function(options2) {
      if (options2 == null) options2 = {};
      if (!options2.forceDosFormat) {
        for (var i = 0; i < this.extraFields.length; i++) {
          var extraField = this.extraFields[i];
          if (extraField.id === 21589) {
            var data = extraField.data;
            if (data.length < 5) continue;
            var flags2 = data[0];
            var HAS_MTIME = 1;
            if (!(flags2 & HAS_MTIME)) continue;
            var posixTimestamp = data.readInt32LE(1);
            return new Date(posixTimestamp * 1e3);
          } else if (extraField.id === 10) {
            var data = extraField.data;
            if (data.length !== 32) continue;
            if (data.readUInt16LE(4) !== 1) continue;
            if (data.readUInt16LE(6) !== 24) continue;
            var hundredNanoSecondsSince1601 = data.readUInt32LE(8) + 4294967296 * data.readInt32LE(12);
            var millisecondsSince1970 = hundredNanoSecondsSince1601 / 1e4 - 116444736e5;
            return new Date(millisecondsSince1970);
          }
        }
      }
      return dosDateTimeToDate(this.lastModFileDate, this.lastModFileTime, options2.timezone);
    };
    Entry.prototype.canDecodeFileData = function() {
      return !this.isEncrypted() && (this.compressionMethod === 0 || this.compressionMethod === 8);
    };
    Entry.prototype.isEncrypted = function() {
      return (this.generalPurposeBitFlag & 1) !== 0;
    };
    Entry.prototype.isCompressed = function() {
      return this.compressionMethod === 8;
    };
    function LocalFileHeader() {
    }
    function dosDateTimeToDate(date, time, timezone) {
      var day = date & 31;
      var month = (date >> 5 & 15) - 1;
      var year = (date >> 9 & 127) + 1980;
      var millisecond = 0;
      var second = (time & 31) * 2;
      var minute = time >> 5 & 63;
      var hour = time >> 11 & 31;
      if (timezone == null || timezone === "local") {
        return new Date(year, month, day, hour, minute, second, millisecond);
      } else if (timezone === "UTC") {
        return new Date(Date.UTC(year, month, day, hour, minute, second, millisecond));
      } else {
        throw new Error("unrecognized options.timezone: " + options.timezone);
      }
    }
    function getFileNameLowLevel(generalPurposeBitFlag, fileNameBuffer, extraFields, strictFileNames) {
      var fileName = null;
      for (var i = 0; i < extraFields.length; i++) {
        var extraField = extraFields[i];
        if (extraField.id === 28789) {
          if (extraField.data.length < 6) {
            continue;
          }
          if (extraField.data.readUInt8(0) !== 1) {
            continue;
          }
          var oldNameCrc32 = extraField.data.readUInt32LE(1);
          if (crc322(fileNameBuffer) !== oldNameCrc32) {
            continue;
          }
          fileName = decodeBuffer(extraField.data.subarray(5), true);
          break;
        }
      }
      if (fileName == null) {
        var isUtf8 = (generalPurposeBitFlag & 2048) !== 0;
        fileName = decodeBuffer(fileNameBuffer, isUtf8);
      }
      if (!strictFileNames) {
        fileName = fileName.replace(/\\/g, "/");
      }
      return fileName;
    }
    function validateFileName(fileName) {
      if (fileName.indexOf("\\") !== -1) {
        return "invalid characters in fileName: " + fileName;
      }
      if (/^[a-zA-Z]:/.test(fileName) || /^\//.test(fileName)) {
        return "absolute path: " + fileName;
      }
      if (fileName.split("/").indexOf("..") !== -1) {
        return "invalid relative path: " + fileName;
      }
      return null;
    }
    function parseExtraFields(extraFieldBuffer) {
      var extraFields = [];
      var i = 0;
      while (i < extraFieldBuffer.length - 3) {
        var headerId = extraFieldBuffer.readUInt16LE(i + 0);
        var dataSize = extraFieldBuffer.readUInt16LE(i + 2);
        var dataStart = i + 4;
        var dataEnd = dataStart + dataSize;
        if (dataEnd > extraFieldBuffer.length) throw new Error("extra field length exceeds extra field buffer size");
        var dataBuffer = extraFieldBuffer.subarray(dataStart, dataEnd);
        extraFields.push({
          id: headerId,
          data: dataBuffer
        });
        i = dataEnd;
      }
      return extraFields;
    }
    function readAndAssertNoEof(reader, buffer, offset, length, position, callback) {
      if (length === 0) {
        return setImmediate(function() {
          callback(null, newBuffer(0));
        });
      }
      reader.read(buffer, offset, length, position, function(err, bytesRead) {
        if (err) return callback(err);
        if (bytesRead < length) {
          return callback(new Error("unexpected EOF"));
        }
        callback();
      });
    }
    util.inherits(AssertByteCountStream, Transform2);
    function AssertByteCountStream(byteCount) {
      Transform2.call(this);
      this.actualByteCount = 0;
      this.expectedByteCount = byteCount;
    }
    AssertByteCountStream.prototype._transform = function(chunk, encoding, cb) {
      this.actualByteCount += chunk.length;
      if (this.actualByteCount > this.expectedByteCount) {
        var msg = "too many bytes in the stream. expected " + this.expectedByteCount + ". got at least " + this.actualByteCount;
        return cb(new Error(msg));
      }
      cb(null, chunk);
    };
    AssertByteCountStream.prototype._flush = function(cb) {
      if (this.actualByteCount < this.expectedByteCount) {
        var msg = "not enough bytes in the stream. expected " + this.expectedByteCount + ". got only " + this.actualByteCount;
        return cb(new Error(msg));
      }
      cb();
    };
    util.inherits(RandomAccessReader, EventEmitter2);
    function RandomAccessReader() {
      EventEmitter2.call(this);
      this.refCount = 0;
    }
    RandomAccessReader.prototype.ref = function() {
      this.refCount += 1;
    };
    RandomAccessReader.prototype.unref = function() {
      var self = this;
      self.refCount -= 1;
      if (self.refCount > 0) return;
      if (self.refCount < 0) throw new Error("invalid unref");
      self.close(onCloseDone);
      function onCloseDone(err) {
        if (err) return self.emit("error", err);
        self.emit("close");
      }
    };
    RandomAccessReader.prototype.createReadStream = function(options2) {
      if (options2 == null) options2 = {};
      var start = options2.start;
      var end = options2.end;
      if (start === end) {
        var emptyStream = new PassThrough();
        setImmediate(function() {
          emptyStream.end();
        });
        return emptyStream;
      }
      var stream = this._readStreamForRange(start, end);
      var destroyed = false;
      var refUnrefFilter = new RefUnrefFilter(this);
      stream.on("error", function(err) {
        setImmediate(function() {
          if (!destroyed) refUnrefFilter.emit("error", err);
        });
      });
      installDestroyFn(refUnrefFilter, function() {
        stream.unpipe(refUnrefFilter);
        refUnrefFilter.unref();
        stream.destroy();
      });
      var byteCounter = new AssertByteCountStream(end - start);
      refUnrefFilter.on("error", function(err) {
        setImmediate(function() {
          if (!destroyed) byteCounter.emit("error", err);
        });
      });
      installDestroyFn(byteCounter, function() {
        destroyed = true;
        refUnrefFilter.unpipe(byteCounter);
        refUnrefFilter.destroy();
      });
      return stream.pipe(refUnrefFilter).pipe(byteCounter);
    };
    RandomAccessReader.prototype._readStreamForRange = function(start, end) {
      throw new Error("not implemented");
    };
    RandomAccessReader.prototype.read = function(buffer, offset, length, position, callback) {
      var readStream = this.createReadStream({ start: position, end: position + length });
      var writeStream = new Writable2();
      var written = 0;
      writeStream._write = function(chunk, encoding, cb) {
        chunk.copy(buffer, offset + written, 0, chunk.length);
        written += chunk.length;
        cb();
      };
      writeStream.on("finish", callback);
      readStream.on("error", function(error) {
        callback(error);
      });
      readStream.pipe(writeStream);
    };
    RandomAccessReader.prototype.close = function(callback) {
      setImmediate(callback);
    };
    util.inherits(RefUnrefFilter, PassThrough);
    function RefUnrefFilter(context) {
      PassThrough.call(this);
      this.context = context;
      this.context.ref();
      this.unreffedYet = false;
    }
    RefUnrefFilter.prototype._flush = function(cb) {
      this.unref();
      cb();
    };
    RefUnrefFilter.prototype.unref = function(cb) {
      if (this.unreffedYet) return;
      this.unreffedYet = true;
      this.context.unref();
    };
    var cp437 = "\0\u263A\u263B\u2665\u2666\u2663\u2660\u2022\u25D8\u25CB\u25D9\u2642\u2640\u266A\u266B\u263C\u25BA\u25C4\u2195\u203C\xB6\xA7\u25AC\u21A8\u2191\u2193\u2192\u2190\u221F\u2194\u25B2\u25BC !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u2302\xC7\xFC\xE9\xE2\xE4\xE0\xE5\xE7\xEA\xEB\xE8\xEF\xEE\xEC\xC4\xC5\xC9\xE6\xC6\xF4\xF6\xF2\xFB\xF9\xFF\xD6\xDC\xA2\xA3\xA5\u20A7\u0192\xE1\xED\xF3\xFA\xF1\xD1\xAA\xBA\xBF\u2310\xAC\xBD\xBC\xA1\xAB\xBB\u2591\u2592\u2593\u2502\u2524\u2561\u2562\u2556\u2555\u2563\u2551\u2557\u255D\u255C\u255B\u2510\u2514\u2534\u252C\u251C\u2500\u253C\u255E\u255F\u255A\u2554\u2569\u2566\u2560\u2550\u256C\u2567\u2568\u2564\u2565\u2559\u2558\u2552\u2553\u256B\u256A\u2518\u250C\u2588\u2584\u258C\u2590\u2580\u03B1\xDF\u0393\u03C0\u03A3\u03C3\xB5\u03C4\u03A6\u0398\u03A9\u03B4\u221E\u03C6\u03B5\u2229\u2261\xB1\u2265\u2264\u2320\u2321\xF7\u2248\xB0\u2219\xB7\u221A\u207F\xB2\u25A0\xA0";
    function decodeBuffer(buffer, isUtf8) {
      if (isUtf8) {
        return buffer.toString("utf8");
      } else {
        var result = "";
        for (var i = 0; i < buffer.length; i++) {
          result += cp437[buffer[i]];
        }
        return result;
      }
    }
    function readUInt64LE(buffer, offset) {
      var lower32 = buffer.readUInt32LE(offset);
      var upper32 = buffer.readUInt32LE(offset + 4);
      return upper32 * 4294967296 + lower32;
    }
    var newBuffer;
    if (typeof Buffer.allocUnsafe === "function") {
      newBuffer = function(len) {
        return Buffer.allocUnsafe(len);
      };
    } else {
      newBuffer = function(len) {
        return new Buffer(len);
      };
    }
    function installDestroyFn(stream, fn) {
      if (typeof stream.destroy === "function") {
        stream._destroy = function(err, cb) {
          fn();
          if (cb != null) cb(err);
        };
      } else {
        stream.destroy = fn;
      }
    }
    function defaultCallback(err) {
      if (err) throw err;
    }
  }
});

// action-src/cli.ts
import { readFileSync, realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";

// protocol/canonical.ts
import { createHash } from "node:crypto";

// protocol/headers.ts
var PROTOCOL_VERSION = "1";
var HEADER = {
  version: "x-static-deploy-version",
  operation: "x-static-deploy-operation",
  target: "x-static-deploy-target",
  id: "x-static-deploy-id",
  timestamp: "x-static-deploy-timestamp",
  contentSha256: "x-static-deploy-content-sha256",
  metadata: "x-static-deploy-metadata",
  signature: "x-static-deploy-signature"
};
var OPERATIONS = ["deploy", "stage", "list", "activate"];
var ARCHIVE_FIELD = "archive";
var DEPLOYMENT_ID_PATTERN = /^[0-9a-f]{32}$/;
var TIMESTAMP_PATTERN = /^(0|[1-9][0-9]{0,11})$/;
var SHA256_PATTERN = /^[0-9a-f]{64}$/;
var TARGET_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
var METADATA_PATTERN = /^[A-Za-z0-9_-]{1,8192}$/;
var MAX_SIGNATURES = 8;

// protocol/canonical.ts
function canonicalString(fields) {
  if (!OPERATIONS.includes(fields.operation)) {
    throw new TypeError(`invalid operation: ${String(fields.operation)}`);
  }
  requireMatch("target", fields.target, TARGET_PATTERN);
  requireMatch("deployment id", fields.deploymentId, DEPLOYMENT_ID_PATTERN);
  requireMatch("timestamp", String(fields.timestampSeconds), TIMESTAMP_PATTERN);
  requireMatch("content SHA-256", fields.contentSha256, SHA256_PATTERN);
  if (fields.metadata !== void 0) {
    requireMatch("metadata", fields.metadata, METADATA_PATTERN);
  }
  return [
    `static-deploy/${PROTOCOL_VERSION}`,
    fields.operation,
    fields.target,
    fields.deploymentId,
    String(fields.timestampSeconds),
    fields.contentSha256,
    fields.metadata === void 0 ? "" : sha256Hex(fields.metadata)
  ].join("\n");
}
function sha256Hex(data) {
  return createHash("sha256").update(data).digest("hex");
}
var EMPTY_SHA256 = sha256Hex("");
function requireMatch(name, value, pattern) {
  if (!pattern.test(value)) {
    throw new TypeError(`invalid ${name}: ${JSON.stringify(value)}`);
  }
}

// protocol/metadata.ts
function encodeMetadata(metadata) {
  return Buffer.from(JSON.stringify(metadata), "utf8").toString("base64url");
}

// protocol/sign-request.ts
import { randomBytes } from "node:crypto";

// protocol/signature.ts
import { createHmac, timingSafeEqual } from "node:crypto";
function hmacSha256Hex(secret, message) {
  return createHmac("sha256", secret).update(message).digest("hex");
}
function signatureHeader(secrets, message) {
  if (secrets.length === 0 || secrets.length > MAX_SIGNATURES) {
    throw new TypeError(
      `expected 1 to ${MAX_SIGNATURES} secrets, got ${secrets.length}`
    );
  }
  return secrets.map((secret) => `sha256=${hmacSha256Hex(secret, message)}`).join(",");
}

// protocol/sign-request.ts
function newDeploymentId() {
  return randomBytes(16).toString("hex");
}
function nowSeconds() {
  return Math.floor(Date.now() / 1e3);
}
function signedHeaders(secrets, fields) {
  const headers = {
    [HEADER.version]: PROTOCOL_VERSION,
    [HEADER.operation]: fields.operation,
    [HEADER.target]: fields.target,
    [HEADER.id]: fields.deploymentId,
    [HEADER.timestamp]: String(fields.timestampSeconds),
    [HEADER.contentSha256]: fields.contentSha256,
    [HEADER.signature]: signatureHeader(secrets, canonicalString(fields))
  };
  if (fields.metadata !== void 0) {
    headers[HEADER.metadata] = fields.metadata;
  }
  return headers;
}

// protocol/secrets.ts
var MIN_SECRET_BYTES = 32;
function parseSecrets(value, source) {
  const secrets = value.split(/[,\n]/).map((secret) => secret.trim()).filter((secret) => secret !== "");
  if (secrets.length === 0) {
    throw new Error(
      `${source} is empty: set it to a random secret of at least ${MIN_SECRET_BYTES} bytes`
    );
  }
  secrets.forEach((secret, index) => {
    const bytes = Buffer.byteLength(secret, "utf8");
    if (bytes < MIN_SECRET_BYTES) {
      throw new Error(
        `secret ${index + 1} in ${source} is ${bytes} bytes long; use at least ${MIN_SECRET_BYTES} bytes, for example the output of \`openssl rand -hex 32\``
      );
    }
  });
  return secrets;
}

// action-src/cli-options.ts
import { parseArgs } from "node:util";

// action-src/endpoint.ts
function apiEndpoint(url, path8) {
  let endpoint;
  try {
    endpoint = new URL(url);
  } catch {
    throw new TypeError(
      `invalid url "${url}": expected an absolute URL such as https://example.com/_static-deploy`
    );
  }
  if (endpoint.protocol !== "http:" && endpoint.protocol !== "https:") {
    throw new TypeError(
      `invalid url "${url}": the scheme must be http or https`
    );
  }
  endpoint.pathname = `${endpoint.pathname.replace(/\/+$/, "")}/${path8}`;
  return endpoint;
}
function deployEndpoint(url) {
  return apiEndpoint(url, "deploy");
}

// action-src/error-message.ts
import { types } from "node:util";
function errorMessage(error) {
  if (error instanceof Error || types.isNativeError(error)) {
    return error.message;
  }
  return String(error);
}

// action-src/integer-input.ts
function parseIntegerSetting(name, value, min) {
  const trimmed = value.trim();
  const parsed = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min) {
    const kind = min === 0 ? "a non-negative" : "a positive";
    throw new Error(`${name} must be ${kind} integer, got "${value}"`);
  }
  return parsed;
}

// action-src/send-with-retries.ts
import { types as types2 } from "node:util";

// action-src/deploy-error.ts
var DeployFailedError = class extends Error {
  status;
  code;
  receiverMessage;
  retryable;
  retryAfterSeconds;
  constructor(message, details) {
    super(message, { cause: details.cause });
    this.name = "DeployFailedError";
    this.status = details.status;
    this.code = details.code;
    this.receiverMessage = details.receiverMessage;
    this.retryable = details.retryable;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
};

// action-src/http-request.ts
import http from "node:http";
import https from "node:https";
import { pipeline } from "node:stream/promises";
var MAX_RESPONSE_BYTES = 1024 * 1024;
var RequestTimeoutError = class extends Error {
  constructor(timeoutMs) {
    super(`timed out after ${timeoutMs / 1e3} s`);
    this.timeoutMs = timeoutMs;
    this.name = "RequestTimeoutError";
  }
  timeoutMs;
};
async function postStream(url, options2) {
  return withTimeout(
    options2.timeoutMs,
    (signal) => exchange(url, options2, signal)
  );
}
async function sendWithoutBody(url, options2) {
  const headers = options2.method === "POST" ? { ...options2.headers, "content-length": "0" } : options2.headers;
  return withTimeout(
    options2.timeoutMs,
    (signal) => exchangeWithoutBody(url, options2.method, headers, signal)
  );
}
async function withTimeout(timeoutMs, run) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await run(controller.signal);
  } catch (error) {
    if (controller.signal.aborted) {
      throw new RequestTimeoutError(timeoutMs);
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
function exchangeWithoutBody(url, method, headers, signal) {
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve2, reject) => {
    const request = transport.request(url, {
      method,
      headers,
      signal,
      agent: false
    });
    request.on("response", (response) => {
      readResponse(response).then(resolve2, reject);
    });
    request.on("error", reject);
    request.end();
  });
}
var CONTINUE_TIMEOUT_MS = 2e3;
function exchange(url, options2, signal) {
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve2, reject) => {
    const request = transport.request(url, {
      method: "POST",
      headers: { ...options2.headers, expect: "100-continue" },
      signal,
      agent: false
    });
    let responded = false;
    let sending = false;
    const sendBody = () => {
      if (sending || responded) {
        return;
      }
      sending = true;
      clearTimeout(continueTimer);
      pipeline(options2.body, request).catch(() => {
      });
    };
    const continueTimer = setTimeout(sendBody, CONTINUE_TIMEOUT_MS);
    request.on("continue", sendBody);
    request.on("response", (response) => {
      responded = true;
      clearTimeout(continueTimer);
      if (!sending) {
        options2.body.destroy();
        request.end();
      }
      readResponse(response).then(resolve2, reject);
    });
    request.on("error", (error) => {
      clearTimeout(continueTimer);
      if (!responded) {
        reject(error);
      }
    });
    request.flushHeaders();
  });
}
async function readResponse(response) {
  const body = await readBody(response);
  return { status: response.statusCode ?? 0, headers: response.headers, body };
}
async function readBody(response) {
  const chunks = [];
  let bytes = 0;
  for await (const chunk of response) {
    bytes += chunk.length;
    if (bytes > MAX_RESPONSE_BYTES) {
      response.destroy();
      throw new Error(
        `response body is larger than ${MAX_RESPONSE_BYTES} bytes`
      );
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

// action-src/log.ts
var SILENT_LOGGER = {
  info: () => {
  },
  warning: () => {
  }
};

// action-src/retry.ts
var BASE_DELAY_MS = 1e3;
var MAX_DELAY_MS = 3e4;
var MAX_RETRY_AFTER_SECONDS = 60;
function retryDelayMs(attempt, retryAfterSeconds, random) {
  if (retryAfterSeconds !== void 0) {
    return Math.min(retryAfterSeconds, MAX_RETRY_AFTER_SECONDS) * 1e3;
  }
  const ceilingMs = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
  return Math.floor(random() * ceilingMs);
}
function parseRetryAfter(value, nowMs = Date.now()) {
  if (value === void 0) {
    return void 0;
  }
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }
  const dateMs = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(dateMs)) {
    return void 0;
  }
  return Math.max(0, Math.ceil((dateMs - nowMs) / 1e3));
}

// action-src/send-with-retries.ts
var DEFAULT_TIMEOUT_SECONDS = 300;
var DEFAULT_RETRIES = 3;
async function sendWithRetries(request, settings) {
  const retries = settings.retries ?? DEFAULT_RETRIES;
  const timeoutSeconds = settings.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
  checkLimits(timeoutSeconds, retries);
  const log = settings.log ?? SILENT_LOGGER;
  for (let attempt = 1; ; attempt++) {
    try {
      return await request.attempt(timeoutSeconds * 1e3);
    } catch (error) {
      const failure = toRequestFailure(error, request);
      if (!failure.retryable || attempt > retries) {
        throw attempt > 1 ? withAttempts(failure, attempt) : failure;
      }
      const delayMs = retryDelayMs(
        attempt,
        failure.retryAfterSeconds,
        settings.random ?? Math.random
      );
      log.warning(
        `attempt ${attempt} of ${retries + 1} failed: ${failure.message}; retrying in ${(delayMs / 1e3).toFixed(1)} s`
      );
      await (settings.sleep ?? sleep)(delayMs);
    }
  }
}
function toRequestFailure(error, request) {
  if (error instanceof DeployFailedError) {
    return error;
  }
  const where = `${request.endpoint.origin}${request.endpoint.pathname}`;
  if (error instanceof RequestTimeoutError) {
    return new DeployFailedError(`request to ${where} ${error.message}`, {
      code: "timeout",
      retryable: true,
      cause: error
    });
  }
  if (!isSystemError(error)) {
    throw error;
  }
  return new DeployFailedError(
    `could not send ${request.description} to ${where}: ${error.message}`,
    { code: "network_error", retryable: true, cause: error }
  );
}
function isSystemError(error) {
  return types2.isNativeError(error) && typeof error.code === "string";
}
function withAttempts(failure, attempts) {
  return new DeployFailedError(
    `${failure.message} (gave up after ${attempts} attempts)`,
    {
      status: failure.status,
      code: failure.code,
      receiverMessage: failure.receiverMessage,
      retryable: failure.retryable,
      retryAfterSeconds: failure.retryAfterSeconds,
      cause: failure
    }
  );
}
function checkLimits(timeoutSeconds, retries) {
  if (!(timeoutSeconds > 0) || !Number.isFinite(timeoutSeconds)) {
    throw new TypeError(
      `timeoutSeconds must be a positive number, got ${timeoutSeconds}`
    );
  }
  if (!Number.isSafeInteger(retries) || retries < 0) {
    throw new TypeError(
      `retries must be a non-negative integer, got ${retries}`
    );
  }
}
function sleep(ms) {
  return new Promise((resolve2) => setTimeout(resolve2, ms));
}

// action-src/target-names.ts
var DEFAULT_SITE = "default";
function checkSiteName(site) {
  return checkTargetName("site", site);
}
function checkReleaseName(release) {
  return checkTargetName("release", release);
}
function checkTargetName(kind, value) {
  if (!TARGET_PATTERN.test(value)) {
    throw new TypeError(
      `invalid ${kind} "${value}": use 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit`
    );
  }
  return value;
}

// action-src/cli-options.ts
var SECRET_ENV = "STATIC_DEPLOY_SECRET";
var UsageError = class extends Error {
  constructor(message) {
    super(message);
    this.name = "UsageError";
  }
};
var OPTIONS = {
  url: { type: "string" },
  path: { type: "string" },
  archive: { type: "string" },
  site: { type: "string" },
  exclude: { type: "string", multiple: true },
  "timeout-seconds": { type: "string" },
  retries: { type: "string" },
  "dry-run": { type: "boolean" },
  message: { type: "string" },
  // Declared by name because parseArgs only gained allowNegative in Node
  // 20.16 and 22.4, and this package supports Node 20.15.
  "no-activate": { type: "boolean" },
  json: { type: "boolean" },
  to: { type: "string" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" }
};
var COMMAND_NAMES = ["deploy", "releases", "rollback", "activate"];
var RECEIVER_OPTIONS = [
  "url",
  "site",
  "timeout-seconds",
  "retries"
];
var COMMAND_OPTIONS = {
  deploy: ["path", "archive", "exclude", "dry-run", "message", "no-activate"],
  releases: ["json"],
  rollback: ["to", "json"],
  activate: ["json"]
};
function parseCommandLine(argv) {
  rejectSecretOption(argv);
  const { values, positionals } = parseOrExplain(argv);
  if (values.help) {
    return { kind: "help" };
  }
  if (values.version) {
    return { kind: "version" };
  }
  const [name, ...operands] = positionals;
  const command = checkCommandName(name);
  rejectForeignOptions(command, values);
  return COMMAND_BUILDERS[command](operands, values);
}
function parseOrExplain(argv) {
  try {
    return parseArgs({
      args: [...argv],
      options: OPTIONS,
      strict: true,
      allowPositionals: true
    });
  } catch (error) {
    throw new UsageError(explainParseError(error));
  }
}
function explainParseError(error) {
  const message = errorMessage(error);
  const code = error.code;
  const unknown = /^Unknown option '([^']+)'/.exec(message);
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && unknown !== null) {
    return `unknown option ${unknown[1]}`;
  }
  const missing = /^Option '([^ ']+)[^']*' argument missing/.exec(message);
  if (missing !== null) {
    return `option ${missing[1]} needs a value`;
  }
  return message;
}
function rejectSecretOption(argv) {
  if (argv.some((arg) => arg === "--secret" || arg.startsWith("--secret="))) {
    throw new UsageError(
      `there is no --secret option: set the ${SECRET_ENV} environment variable instead, so the secret stays out of the process list and shell history`
    );
  }
}
function checkCommandName(name) {
  const expected = "expected deploy, releases, rollback or activate";
  if (name === void 0) {
    throw new UsageError(`missing command: ${expected}`);
  }
  if (!COMMAND_NAMES.includes(name)) {
    throw new UsageError(`unknown command "${name}": ${expected}`);
  }
  return name;
}
function rejectForeignOptions(command, values) {
  const allowed = [...RECEIVER_OPTIONS, ...COMMAND_OPTIONS[command]];
  for (const option of Object.keys(values)) {
    if (!allowed.includes(option)) {
      throw new UsageError(`--${option} does not apply to ${command}`);
    }
  }
}
var COMMAND_BUILDERS = {
  deploy: (operands, values) => {
    rejectOperands("deploy", operands);
    return { kind: "deploy", deploy: toDeployCommand(values) };
  },
  releases: (operands, values) => {
    rejectOperands("releases", operands);
    const receiver = toReceiverSettings(values);
    return { kind: "releases", receiver, json: values.json ?? false };
  },
  rollback: (operands, values) => {
    rejectOperands("rollback", operands);
    const receiver = toReceiverSettings(values);
    const to = values.to === void 0 ? void 0 : releaseName("--to", values.to);
    return { kind: "rollback", receiver, to, json: values.json ?? false };
  },
  activate: (operands, values) => ({
    kind: "activate",
    receiver: toReceiverSettings(values),
    release: releaseOperand(operands),
    json: values.json ?? false
  })
};
function rejectOperands(command, operands) {
  if (operands.length > 0) {
    throw new UsageError(
      `unexpected argument "${operands[0]}": ${command} takes no arguments`
    );
  }
}
function releaseOperand(operands) {
  if (operands.length === 0) {
    throw new UsageError(
      'missing release: give the release to make live, as in "static-deploy activate RELEASE"; "static-deploy releases" lists them'
    );
  }
  if (operands.length > 1) {
    throw new UsageError(
      `activate takes one release, got ${operands.length} arguments`
    );
  }
  return releaseName("RELEASE", operands[0]);
}
function releaseName(source, value) {
  try {
    return checkReleaseName(value);
  } catch (error) {
    throw new UsageError(`${source}: ${errorMessage(error)}`);
  }
}
function siteName(value) {
  try {
    return checkSiteName(value);
  } catch (error) {
    throw new UsageError(`--site: ${errorMessage(error)}`);
  }
}
function toReceiverSettings(values) {
  if (values.url === void 0) {
    throw new UsageError("missing --url: give the receiver API prefix");
  }
  try {
    deployEndpoint(values.url);
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
  return {
    url: values.url,
    site: siteName(values.site ?? DEFAULT_SITE),
    timeoutSeconds: integerOption(
      values["timeout-seconds"],
      "timeout-seconds",
      DEFAULT_TIMEOUT_SECONDS,
      1
    ),
    retries: integerOption(values.retries, "retries", DEFAULT_RETRIES, 0)
  };
}
function toDeployCommand(values) {
  const receiver = toReceiverSettings(values);
  if (values.path === void 0 === (values.archive === void 0)) {
    throw new UsageError("give exactly one of --path DIR and --archive FILE");
  }
  if (values.archive !== void 0 && values.exclude !== void 0) {
    throw new UsageError("--exclude applies to --path only, not to --archive");
  }
  return {
    ...receiver,
    path: values.path,
    archivePath: values.archive,
    exclude: values.exclude ?? [],
    dryRun: values["dry-run"] ?? false,
    activate: !(values["no-activate"] ?? false),
    message: values.message
  };
}
function integerOption(value, name, fallback, min) {
  if (value === void 0) {
    return fallback;
  }
  try {
    return parseIntegerSetting(`--${name}`, value, min);
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}

// action-src/cli-help.ts
var HELP_TEXT = `Usage:
  static-deploy deploy --url URL (--path DIR | --archive FILE) [options]
  static-deploy releases --url URL [--json] [options]
  static-deploy rollback --url URL [--to RELEASE] [--json] [options]
  static-deploy activate RELEASE --url URL [--json] [options]

Deploys a built static site to a static-deploy receiver and manages the
releases that the receiver keeps. Every request is signed with HMAC-SHA256.

Commands:
  deploy      pack a site folder into a zip archive (or take a prebuilt one),
              upload it as a new release and make that release live
  releases    list the kept releases, newest first, with their state
  rollback    make the newest release older than the live one live again,
              skipping staged releases that never went live
  activate    make the kept release RELEASE live

Options for every command:
  --url URL              receiver API prefix, for example
                         https://example.com/_static-deploy (required)
  --site NAME            site name on the receiver (default: ${DEFAULT_SITE});
                         activate signs the release id instead and ignores it
  --timeout-seconds N    limit for each request attempt, in seconds
                         (default: ${DEFAULT_TIMEOUT_SECONDS})
  --retries N            retries after a failed attempt, with backoff
                         (default: ${DEFAULT_RETRIES})

Options for deploy:
  --path DIR             site folder to pack; .git is always left out
  --archive FILE         send a zip archive built elsewhere instead of --path
  --exclude GLOB         leave out paths matching GLOB, relative to DIR; repeat
                         for several globs; use **/ to match at any depth
  --no-activate          stage the release: upload and unpack it but keep the
                         live release; make it live later with activate
  --dry-run              pack and sign, print the deployment id and archive
                         size, and send nothing
  --message TEXT         note stored with the release, such as a change summary

Options for releases, rollback and activate:
  --json                 print the receiver's JSON response instead of text

Options for rollback:
  --to RELEASE           make RELEASE live instead of the release just older
                         than the live one; it must be in the list that
                         releases prints

Other options:
  -h, --help             print this help and exit
  --version              print the version and exit

Output of releases: one line per release with its state (live, or staged
for a release that never went live), the release id, the creation time (ISO 8601, UTC), the number of files, the
unpacked size in binary units (such as 17.9 MiB), the first 12 characters
of the commit, and the message or Git ref stored with the release.

Environment:
  ${SECRET_ENV}   shared secret of the receiver, at least 32 bytes;
                         several secrets separated by commas while a key is
                         rotated. It is read only from the environment, never
                         from an option, so it stays out of shell history
                         and the process list.

Exit status: 0 on success, 1 when the command failed (the receiver rejected
a request or could not be reached, packing failed, or no release qualifies
for a rollback), 2 for a usage error.
`;

// action-src/cli-io.ts
function stderrLogger(io) {
  return {
    info: (message) => io.stderr(`${message}
`),
    warning: (message) => io.stderr(`warning: ${message}
`)
  };
}

// action-src/single-line.ts
var MAX_QUOTED_CHARS = 300;
function singleLine(text) {
  const line = text.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").trim();
  if (line.length <= MAX_QUOTED_CHARS) {
    return line;
  }
  return `${line.slice(0, MAX_QUOTED_CHARS)}\u2026`;
}

// action-src/release-table.ts
var COMMIT_CHARS = 12;
var MAX_NOTE_CHARS = 72;
var HEADINGS = [
  "STATE",
  "RELEASE",
  "CREATED",
  "FILES",
  "SIZE",
  "COMMIT",
  "MESSAGE"
];
var NUMERIC_COLUMNS = /* @__PURE__ */ new Set([3, 4]);
function formatReleaseTable(list) {
  if (list.releases.length === 0) {
    return `site ${list.site} has no releases
`;
  }
  const rows = [HEADINGS, ...list.releases.map(releaseRow)];
  const widths = HEADINGS.map(
    (_, column) => Math.max(...rows.map((row) => row[column].length))
  );
  return rows.map((row) => `${formatRow(row, widths)}
`).join("");
}
function releaseRow(summary) {
  const note = metadataText(summary, "message") || metadataText(summary, "ref");
  return [
    releaseState(summary),
    summary.release,
    formatTime(summary.createdAt),
    String(summary.files),
    formatBytes(summary.bytes),
    metadataText(summary, "commit").slice(0, COMMIT_CHARS),
    truncate(note, MAX_NOTE_CHARS)
  ];
}
function releaseState(summary) {
  if (summary.live) {
    return "live";
  }
  return summary.lastActivatedAt == null ? "staged" : "";
}
function metadataText(summary, key) {
  const value = summary.metadata[key];
  return typeof value === "string" ? singleLine(value) : "";
}
function formatRow(row, widths) {
  const cells = row.map(
    (cell, column) => NUMERIC_COLUMNS.has(column) ? cell.padStart(widths[column]) : cell.padEnd(widths[column])
  );
  return cells.join("  ").trimEnd();
}
function formatTime(text) {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) {
    return singleLine(text);
  }
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
function formatBytes(bytes) {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}
function truncate(text, maxChars) {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}\u2026`;
}

// action-src/response.ts
function interpretResponse(response, expected) {
  const body = checkResponse(response, "the deploy");
  return checkResult(response.status, body, expected);
}
function checkResponse(response, request) {
  const { status } = response;
  if (status >= 300 && status < 400) {
    const location = singleLine(String(response.headers.location ?? "nowhere"));
    throw new DeployFailedError(
      `receiver redirected ${request} (${status}) to ${location}; set the url to the address it redirects to`,
      { status, code: "redirect", retryable: false }
    );
  }
  if (status < 200 || status >= 300) {
    throw errorFromResponse(response, request);
  }
  return parseJson(response.body);
}
function invalidResponse(status, problem) {
  return new DeployFailedError(
    `receiver returned HTTP ${status} but ${problem}`,
    { status, code: "invalid_response", retryable: false }
  );
}
function describeNonJsonResponse(status, text) {
  if (status === 404 || status === 405) {
    const detail = text === "" ? "" : ` (${text})`;
    return `the url is not the deploy API: the receiver's static site returned HTTP ${status}${detail}; check that the url is the API prefix, such as https://example.com/_static-deploy`;
  }
  if (text === "") return `receiver returned HTTP ${status} with an empty body`;
  return `receiver returned HTTP ${status} without a JSON error body: ${text}`;
}
function errorFromResponse(response, request) {
  const { status } = response;
  const body = parseJson(response.body);
  const retryAfterSeconds = parseRetryAfter(
    headerValue(response, "retry-after")
  );
  if (!isErrorBody(body)) {
    const message = describeNonJsonResponse(status, singleLine(response.body));
    return new DeployFailedError(message, {
      status,
      code: "invalid_response",
      retryable: isRetryableStatus(status),
      retryAfterSeconds
    });
  }
  const retryable = isRetryableStatus(status) || status === 409 && body.code === "deploy_in_progress";
  const code = singleLine(body.code);
  const receiverMessage = singleLine(body.message);
  return new DeployFailedError(
    `receiver rejected ${request} (${status} ${code}): ${receiverMessage}`,
    { status, code, receiverMessage, retryable, retryAfterSeconds }
  );
}
function isRetryableStatus(status) {
  return status === 429 || status >= 500;
}
function checkResult(status, body, expected) {
  if (!isDeployResult(body)) {
    throw invalidResponse(status, "the body is not a deploy result");
  }
  if (body.deploymentId !== expected.deploymentId) {
    throw invalidResponse(
      status,
      `for deployment ${singleLine(body.deploymentId)}, not ${expected.deploymentId}`
    );
  }
  if (body.archiveSha256 !== expected.archiveSha256) {
    throw invalidResponse(
      status,
      `an archive SHA-256 of ${singleLine(body.archiveSha256)}, not ${expected.archiveSha256}`
    );
  }
  return body;
}
function isDeployResult(body) {
  if (typeof body !== "object" || body === null) {
    return false;
  }
  const record = body;
  const strings = ["deploymentId", "release", "archiveSha256"];
  const numbers = ["files", "bytes", "archiveBytes", "durationMs"];
  return strings.every((key) => typeof record[key] === "string") && numbers.every((key) => typeof record[key] === "number") && typeof record.activated === "boolean";
}
function isErrorBody(body) {
  if (typeof body !== "object" || body === null) {
    return false;
  }
  const record = body;
  return typeof record.code === "string" && typeof record.message === "string";
}
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}
function headerValue(response, name) {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

// action-src/release-results.ts
function checkReleaseList(status, body, site) {
  if (!isObject(body) || typeof body.site !== "string" || !isOptionalReleaseName(body.current) || !Array.isArray(body.releases)) {
    throw invalidResponse(status, "the body is not a release list");
  }
  if (body.site !== site) {
    throw invalidResponse(
      status,
      `the release list is for site ${singleLine(body.site)}, not ${site}`
    );
  }
  body.releases.forEach((release, index) => {
    if (!isReleaseSummary(release)) {
      throw invalidResponse(
        status,
        `entry ${index + 1} of the release list is not a release summary`
      );
    }
  });
  return body;
}
function checkActivateResult(status, body, release) {
  if (!isObject(body) || typeof body.release !== "string" || !isOptionalReleaseName(body.previous) || typeof body.activatedAt !== "string") {
    throw invalidResponse(status, "the body is not an activation result");
  }
  if (body.release !== release) {
    throw invalidResponse(
      status,
      `activated release ${singleLine(body.release)}, not ${release}`
    );
  }
  return body;
}
function isReleaseSummary(value) {
  if (!isObject(value)) {
    return false;
  }
  const strings = ["deploymentId", "createdAt", "archiveSha256"];
  const numbers = ["archiveBytes", "files", "bytes"];
  return isReleaseName(value.release) && strings.every((key) => typeof value[key] === "string") && numbers.every((key) => typeof value[key] === "number") && isObject(value.metadata) && typeof value.live === "boolean";
}
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function isReleaseName(value) {
  return typeof value === "string" && TARGET_PATTERN.test(value);
}
function isOptionalReleaseName(value) {
  return value === null || isReleaseName(value);
}

// action-src/signed-request.ts
async function sendSignedRequest(options2, request) {
  const endpoint = apiEndpoint(options2.url, request.path);
  const deploymentId = newDeploymentId();
  const attempt = async (timeoutMs) => {
    const signed = signedHeaders(options2.secrets, {
      operation: request.operation,
      target: request.target,
      deploymentId,
      timestampSeconds: (options2.clock ?? nowSeconds)(),
      contentSha256: EMPTY_SHA256
    });
    const response = await sendWithoutBody(endpoint, {
      method: request.method,
      headers: {
        ...signed,
        accept: "application/json",
        "user-agent": "static-deploy"
      },
      timeoutMs
    });
    const body = checkResponse(response, request.description);
    return request.parse(response.status, body);
  };
  return sendWithRetries(
    { endpoint, description: request.description, attempt },
    options2
  );
}

// action-src/releases-api.ts
async function listReleases(options2) {
  const site = checkSiteName(options2.site ?? DEFAULT_SITE);
  return sendSignedRequest(options2, {
    method: "GET",
    path: "releases",
    operation: "list",
    target: site,
    description: "the release list request",
    parse: (status, body) => checkReleaseList(status, body, site)
  });
}
async function activateRelease(options2, release) {
  checkReleaseName(release);
  return sendSignedRequest(options2, {
    method: "POST",
    path: `releases/${release}/activate`,
    operation: "activate",
    target: release,
    description: `the activation of release ${release}`,
    parse: (status, body) => checkActivateResult(status, body, release)
  });
}
function describeActivation(result) {
  if (result.previous === result.release) {
    return `release ${result.release} was already live and still is`;
  }
  const previous = result.previous === null ? "no release was live before" : `the previous live release was ${result.previous}`;
  return `release ${result.release} is live; ${previous}`;
}

// action-src/rollback.ts
async function rollback(options2) {
  const log = options2.log ?? SILENT_LOGGER;
  const list = await listReleases(options2);
  const target = chooseRollbackTarget(list, options2.to);
  log.info(describeRollback(list, target));
  return activateRelease(options2, target);
}
function describeRollback(list, target) {
  if (list.current === null) {
    return `activating release ${target} of site ${list.site}, which has no live release`;
  }
  if (list.current === target) {
    return `release ${target} of site ${list.site} is already live; activating it again`;
  }
  return `rolling back site ${list.site} from release ${list.current} to release ${target}`;
}
function chooseRollbackTarget(list, to) {
  const names = list.releases.map((summary) => summary.release);
  if (to !== void 0) {
    if (!names.includes(to)) {
      throw new Error(
        `release ${to} is not kept for site ${list.site}; the kept releases are: ${names.join(", ") || "none"}`
      );
    }
    return to;
  }
  const liveIndex = list.releases.findIndex((summary) => summary.live);
  if (liveIndex === -1) {
    throw new Error(
      `no release of site ${list.site} is live, so there is nothing to roll back from; deploy first, or activate a staged release by name`
    );
  }
  const older = list.releases.slice(liveIndex + 1).find((summary) => summary.lastActivatedAt != null)?.release;
  if (older === void 0) {
    throw new Error(
      `no release that was live before ${names[liveIndex]} is kept for site ${list.site}, so there is nothing to roll back to; list the releases and pass one with --to (the release input in the action)`
    );
  }
  return older;
}

// action-src/cli-release-commands.ts
async function runReleaseCommand(command, secrets, io) {
  const options2 = { ...command.receiver, secrets, log: stderrLogger(io) };
  if (command.kind === "releases") {
    const list = await listReleases(options2);
    io.stdout(command.json ? formatJson(list) : formatReleaseTable(list));
    return;
  }
  const result = command.kind === "rollback" ? await rollback({ ...options2, to: command.to }) : await activateRelease(options2, command.release);
  io.stdout(
    command.json ? formatJson(result) : `${describeActivation(result)}
`
  );
}
function formatJson(value) {
  return `${JSON.stringify(value, null, 2)}
`;
}

// action-src/archive-source.ts
var import_yauzl = __toESM(require_yauzl(), 1);

// action-src/hash.ts
import { createHash as createHash2 } from "node:crypto";
import { createReadStream } from "node:fs";
import { Transform, Writable } from "node:stream";
import { pipeline as pipeline2 } from "node:stream/promises";
var HashTap = class extends Transform {
  #hash = createHash2("sha256");
  #bytes = 0;
  _transform(chunk, _encoding, callback) {
    this.#hash.update(chunk);
    this.#bytes += chunk.length;
    callback(null, chunk);
  }
  /** Number of bytes that have passed through so far. */
  get bytes() {
    return this.#bytes;
  }
  /**
   * Finishes the hash and returns it as lowercase hex. Call it once, after the
   * stream ends.
   */
  digest() {
    return this.#hash.digest("hex");
  }
};
async function hashFile(filePath) {
  const tap = new HashTap();
  const discard = new Writable({
    write: (_chunk, _encoding, callback) => callback()
  });
  await pipeline2(createReadStream(filePath), tap, discard);
  return { sha256: tap.digest(), bytes: tap.bytes };
}

// action-src/pack.ts
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path4 from "node:path";

// action-src/site-files.ts
import { lstat, readdir, realpath, stat } from "node:fs/promises";
import path2 from "node:path";

// node_modules/balanced-match/dist/esm/index.js
var range = (a, b, str) => {
  let begs, beg, left, right = void 0, result;
  let ai = str.indexOf(a);
  let bi = str.indexOf(b, ai + 1);
  let i = ai;
  if (ai >= 0 && bi > 0) {
    if (a === b) {
      return [ai, bi];
    }
    begs = [];
    left = str.length;
    while (i >= 0 && !result) {
      if (i === ai) {
        begs.push(i);
        ai = str.indexOf(a, i + 1);
      } else if (begs.length === 1) {
        const r = begs.pop();
        if (r !== void 0)
          result = [r, bi];
      } else {
        beg = begs.pop();
        if (beg !== void 0 && beg < left) {
          left = beg;
          right = bi;
        }
        bi = str.indexOf(b, i + 1);
      }
      i = ai < bi && ai >= 0 ? ai : bi;
    }
    if (begs.length && right !== void 0) {
      result = [left, right];
    }
  }
  return result;
};

// node_modules/brace-expansion/dist/esm/index.js
var escSlash = "\0SLASH" + Math.random().toFixed(16) + "\0";
var escOpen = "\0OPEN" + Math.random().toFixed(16) + "\0";
var escClose = "\0CLOSE" + Math.random().toFixed(16) + "\0";
var escComma = "\0COMMA" + Math.random().toFixed(16) + "\0";
var escPeriod = "\0PERIOD" + Math.random().toFixed(16) + "\0";
var escSlashPattern = new RegExp(escSlash, "g");
var escOpenPattern = new RegExp(escOpen, "g");
var escClosePattern = new RegExp(escClose, "g");
var escCommaPattern = new RegExp(escComma, "g");
var escPeriodPattern = new RegExp(escPeriod, "g");
var slashPattern = /\\\\/g;
var openPattern = /\\{/g;
var closePattern = /\\}/g;
var commaPattern = /\\,/g;
var periodPattern = /\\\./g;
var EXPANSION_MAX = 1e5;
var EXPANSION_MAX_LENGTH = 4e6;
var EXPANSION_MAX_DEPTH = 1e3;
var EXPANSION_MAX_REWRITES = 1e3;
var EXPANSION_MAX_STEPS = 2e7;
var CALL_STEPS = 16;
function numeric(str) {
  return !isNaN(str) ? parseInt(str, 10) : str.charCodeAt(0);
}
function escapeBraces(str) {
  if (str.indexOf("\\") === -1) {
    return str;
  }
  return str.replace(slashPattern, escSlash).replace(openPattern, escOpen).replace(closePattern, escClose).replace(commaPattern, escComma).replace(periodPattern, escPeriod);
}
function unescapeBraces(str) {
  if (str.indexOf("\0") === -1) {
    return str;
  }
  return str.replace(escSlashPattern, "\\").replace(escOpenPattern, "{").replace(escClosePattern, "}").replace(escCommaPattern, ",").replace(escPeriodPattern, ".");
}
function pushAll(target, items) {
  for (let i = 0; i < items.length; i++) {
    target.push(items[i]);
  }
}
function balancedWithBudget(str, masked, budget) {
  if (budget.remaining < 0) {
    return void 0;
  }
  const r = range("{", "}", masked);
  const unmatched = r !== void 0 && masked.indexOf("{") < r[0];
  budget.remaining -= r && !unmatched ? r[1] + 1 : str.length;
  if (!r || budget.remaining < 0) {
    return void 0;
  }
  return {
    end: r[1],
    pre: str.slice(0, r[0]),
    body: str.slice(r[0] + 1, r[1]),
    post: str.slice(r[1] + 1),
    unmatched
  };
}
function maskUnmatchedOpens(masked, budget) {
  budget.remaining -= masked.length;
  const open4 = [];
  for (let i = 0; i < masked.length; i++) {
    const c = masked.charCodeAt(i);
    if (c === 123) {
      open4.push(i);
    } else if (c === 125 && open4.length) {
      open4.pop();
    }
  }
  let out = "";
  let last = 0;
  for (let i = 0; i < open4.length; i++) {
    const at = open4[i];
    out += masked.slice(last, at) + "\0";
    last = at + 1;
  }
  return out + masked.slice(last);
}
function commaSetFollows(str, budget) {
  budget.remaining -= str.length;
  if (budget.remaining < 0) {
    return false;
  }
  let close = false;
  for (let i = str.length - 1; i >= 0; i--) {
    const c = str.charCodeAt(i);
    if (c === 125) {
      close = true;
    } else if (c === 10 || c === 13 || c === 8232 || c === 8233) {
      close = false;
    } else if (c === 44 && close && str.charCodeAt(i + 1) !== 44) {
      return true;
    }
  }
  return false;
}
function parseCommaParts(str, budget) {
  const parts = [];
  let carry = "";
  for (; ; ) {
    const m = balancedWithBudget(str, str, budget);
    if (budget.remaining < 0) {
      return void 0;
    }
    if (!m) {
      const tail = str.split(",");
      tail[0] = carry + tail[0];
      pushAll(parts, tail);
      return parts;
    }
    const { pre, body, post } = m;
    const p = pre.split(",");
    p[0] = carry + p[0];
    p[p.length - 1] += "{" + body + "}";
    if (!post.length) {
      pushAll(parts, p);
      return parts;
    }
    carry = p.pop();
    pushAll(parts, p);
    str = post;
  }
}
function bound(value, fallback) {
  return value === void 0 || isNaN(value) ? fallback : value;
}
function expand(str, options2 = {}) {
  if (!str) {
    return [];
  }
  const max = bound(options2.max, EXPANSION_MAX);
  const maxLength = bound(options2.maxLength, EXPANSION_MAX_LENGTH);
  const maxDepth = bound(options2.maxDepth, EXPANSION_MAX_DEPTH);
  const maxRewrites = bound(options2.maxRewrites, EXPANSION_MAX_REWRITES);
  const maxSteps = bound(options2.maxSteps, EXPANSION_MAX_STEPS);
  if (str.slice(0, 2) === "{}") {
    str = "\\{\\}" + str.slice(2);
  }
  return expand_(escapeBraces(str), max, maxLength, maxDepth, 0, maxRewrites, { remaining: maxSteps }, true).map(unescapeBraces);
}
function embrace(str) {
  return "{" + str + "}";
}
function isPadded(el) {
  return /^-?0\d/.test(el);
}
function lte(i, y) {
  return i <= y;
}
function gte(i, y) {
  return i >= y;
}
function combine(acc, pre, values, max, maxLength, dropEmpties, budget) {
  const out = [];
  let length = 0;
  let nonEmpty;
  outer: for (let a = 0; a < acc.length; a++) {
    const prefix2 = acc[a] + pre;
    let vs = values;
    if (dropEmpties && !prefix2) {
      if (!nonEmpty)
        nonEmpty = values.filter((v) => v);
      vs = nonEmpty;
    }
    for (let v = 0; v < vs.length; v++) {
      if (out.length >= max)
        break outer;
      const expansion = prefix2 + vs[v];
      if (length + expansion.length > maxLength)
        break outer;
      out.push(expansion);
      length += expansion.length;
    }
  }
  budget.remaining -= out.length;
  return out;
}
function expandSequence(body, isAlphaSequence, max, maxLength, budget) {
  const n = body.split(/\.\./);
  const N = [];
  if (n[0] === void 0 || n[1] === void 0) {
    return N;
  }
  const x = numeric(n[0]);
  const y = numeric(n[1]);
  const width = Math.max(n[0].length, n[1].length);
  let incr = n.length === 3 && n[2] !== void 0 ? Math.max(Math.abs(numeric(n[2])), 1) : 1;
  let test = lte;
  const reverse = y < x;
  if (reverse) {
    incr *= -1;
    test = gte;
  }
  const pad = isPadded(n[0]) || isPadded(n[1]);
  const cost = pad ? width : 1;
  let length = 0;
  for (let i = x; test(i, y) && N.length < max; i += incr) {
    budget.remaining -= cost;
    if (budget.remaining < 0) {
      return void 0;
    }
    let c;
    if (isAlphaSequence) {
      c = String.fromCharCode(i);
      if (c === "\\") {
        c = "";
      }
    } else {
      c = String(i);
      if (pad) {
        const need = width - c.length;
        if (need > 0) {
          const z = new Array(need + 1).join("0");
          if (i < 0) {
            c = "-" + z + c.slice(1);
          } else {
            c = z + c;
          }
        }
      }
    }
    if (length + c.length > maxLength)
      break;
    N.push(c);
    length += c.length;
  }
  return N;
}
function expand_(str, max, maxLength, maxDepth, depth, maxRewrites, budget, isTop) {
  budget.remaining -= CALL_STEPS;
  if (depth > maxDepth) {
    return [str];
  }
  let acc = [""];
  let rewrites = 0;
  let dropEmpties = false;
  let firstGroup = true;
  let masked = str;
  for (; ; ) {
    const m = balancedWithBudget(str, masked, budget);
    if (!m) {
      return combine(acc, str, [""], max, maxLength, dropEmpties, budget);
    }
    if (m.unmatched) {
      masked = maskUnmatchedOpens(masked, budget);
    }
    const pre = m.pre;
    const literal2 = () => combine(acc, pre + "{" + m.body + "}" + m.post, [""], max, maxLength, dropEmpties, budget);
    if (/\$$/.test(pre)) {
      acc = combine(acc, pre + "{" + m.body + "}", [""], max, maxLength, dropEmpties && !m.post.length, budget);
      firstGroup = false;
      if (!m.post.length)
        break;
      str = m.post;
      masked = masked.slice(m.end + 1);
      continue;
    }
    const isNumericSequence = /^-?\d+\.\.-?\d+(?:\.\.-?\d+)?$/.test(m.body);
    const isAlphaSequence = /^[a-zA-Z]\.\.[a-zA-Z](?:\.\.-?\d+)?$/.test(m.body);
    const isSequence = isNumericSequence || isAlphaSequence;
    const isOptions = m.body.indexOf(",") >= 0;
    if (!isSequence && !isOptions) {
      if (rewrites < maxRewrites && commaSetFollows(m.post, budget)) {
        rewrites++;
        str = m.pre + "{" + m.body + escClose + m.post;
        masked = masked.slice(0, m.end) + escClose + masked.slice(m.end + 1);
        isTop = true;
        continue;
      }
      return literal2();
    }
    if (firstGroup) {
      dropEmpties = isTop && !isSequence;
      firstGroup = false;
    }
    let values;
    if (isSequence) {
      values = expandSequence(m.body, isAlphaSequence, max, maxLength, budget);
      if (!values) {
        return literal2();
      }
    } else {
      let n = parseCommaParts(m.body, budget);
      if (!n) {
        return literal2();
      }
      if (n.length === 1 && n[0] !== void 0) {
        n = expand_(n[0], max, maxLength, maxDepth, depth + 1, maxRewrites, budget, false).map(embrace);
        if (budget.remaining < 0) {
          return literal2();
        }
        if (n.length === 1) {
          const next2 = combine(acc, pre + n[0], [""], max, maxLength, dropEmpties && !m.post.length, budget);
          if (budget.remaining < 0) {
            return literal2();
          }
          acc = next2;
          if (!m.post.length)
            break;
          str = m.post;
          masked = masked.slice(m.end + 1);
          continue;
        }
      }
      let dropsEmpties = dropEmpties && !m.post.length && !pre;
      for (let d = 0; dropsEmpties && d < acc.length; d++) {
        if (acc[d]) {
          dropsEmpties = false;
        }
      }
      values = [];
      let valuesLength = 0;
      outer: for (let j = 0; j < n.length; j++) {
        const expanded = expand_(n[j], max, maxLength, maxDepth, depth + 1, maxRewrites, budget, false);
        if (budget.remaining < 0) {
          return literal2();
        }
        for (let k = 0; k < expanded.length; k++) {
          const v = expanded[k];
          if (dropsEmpties && !v)
            continue;
          if (values.length >= max || valuesLength + v.length > maxLength) {
            break outer;
          }
          values.push(v);
          valuesLength += v.length;
        }
      }
    }
    const next = combine(acc, pre, values, max, maxLength, dropEmpties && !m.post.length, budget);
    if (budget.remaining < 0) {
      return literal2();
    }
    acc = next;
    if (!m.post.length)
      break;
    str = m.post;
    masked = masked.slice(m.end + 1);
  }
  return acc;
}

// node_modules/@isaacs/nonrecursive-glob-match/dist/esm/numeric-range.js
var digit = (a, b) => a === b ? { t: "lit", ch: String(a) } : { t: "class", re: new RegExp(`^[${a}-${b}]$`) };
var prefix = (d, alts) => alts.map((s) => [digit(d, d), ...s]);
var fixed = (a, b) => {
  if (!a)
    return [[]];
  let lo = +a[0];
  let hi = +b[0];
  const ra = a.slice(1);
  const rb = b.slice(1);
  if (lo === hi)
    return prefix(lo, fixed(ra, rb));
  const zeros = "0".repeat(ra.length);
  const nines = "9".repeat(ra.length);
  const out = [];
  if (ra !== zeros)
    out.push(...prefix(lo++, fixed(ra, nines)));
  const last = rb === nines ? [] : prefix(hi--, fixed(zeros, rb));
  if (lo <= hi) {
    out.push([digit(lo, hi), ...Array.from(ra, () => digit(0, 9))]);
  }
  out.push(...last);
  return out;
};
var nonneg = (a, b, width) => {
  if (width) {
    return fixed(String(a).padStart(width, "0"), String(b).padStart(width, "0"));
  }
  const out = [];
  for (let len = String(a).length; len <= String(b).length; len++) {
    const lo = Math.max(a, len === 1 ? 0 : 10 ** (len - 1));
    const hi = Math.min(b, 10 ** len - 1);
    out.push(...fixed(String(lo), String(hi)));
  }
  return out;
};
var numericRange = (loStr, hiStr) => {
  let lo = Number(loStr);
  let hi = Number(hiStr);
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi))
    return;
  if (lo > hi)
    [lo, hi] = [hi, lo];
  const padded = /^-?0\d/.test(loStr) || /^-?0\d/.test(hiStr);
  const width = padded ? Math.max(loStr.length, hiStr.length) : 0;
  const out = [];
  if (lo < 0) {
    const neg = nonneg(Math.max(-hi, 1), -lo, width && width - 1);
    out.push(...neg.map((s) => [{ t: "lit", ch: "-" }, ...s]));
  }
  if (hi >= 0)
    out.push(...nonneg(Math.max(lo, 0), hi, width));
  return out;
};

// node_modules/@isaacs/nonrecursive-glob-match/dist/esm/parse-class.js
var posixClasses = {
  "[:alnum:]": ["\\p{L}\\p{Nl}\\p{Nd}"],
  "[:alpha:]": ["\\p{L}\\p{Nl}"],
  "[:ascii:]": ["\\x00-\\x7f"],
  "[:blank:]": ["\\p{Zs}\\t"],
  "[:cntrl:]": ["\\p{Cc}"],
  "[:digit:]": ["\\p{Nd}"],
  "[:graph:]": ["\\p{Z}\\p{C}", true],
  "[:lower:]": ["\\p{Ll}"],
  "[:print:]": ["\\p{C}", true],
  "[:punct:]": ["\\p{P}\\p{S}"],
  "[:space:]": ["\\p{Z}\\t\\r\\n\\v\\f"],
  "[:upper:]": ["\\p{Lu}"],
  "[:word:]": ["\\p{L}\\p{Nl}\\p{Nd}\\p{Pc}"],
  "[:xdigit:]": ["A-Fa-f0-9"]
};
var braceEscape = (s) => s.replace(/[[\]\\-]/g, "\\$&");
var noMatch = /$./;
var parseClass = (glob, position, nocase = false, form) => {
  const norm = (c) => {
    const n = form ? c.normalize(form) : c;
    return [...n].length === 1 ? n : c;
  };
  const pos = position;
  if (glob.charAt(pos) !== "[") {
    throw new Error("not in a brace expression");
  }
  const ranges = [];
  const negs = [];
  let i = pos + 1;
  let sawStart = false;
  let escaping = false;
  let negate = false;
  let endPos = pos;
  let rangeStart = "";
  WHILE: while (i < glob.length) {
    const c = String.fromCodePoint(glob.codePointAt(i));
    if ((c === "!" || c === "^") && i === pos + 1) {
      negate = true;
      i++;
      continue;
    }
    if (c === "]" && sawStart && !escaping) {
      endPos = i + 1;
      break;
    }
    sawStart = true;
    if (c === "\\") {
      if (!escaping) {
        escaping = true;
        i++;
        continue;
      }
    }
    if (c === "[" && !escaping) {
      for (const [cls, [unip, neg]] of Object.entries(posixClasses)) {
        if (glob.startsWith(cls, i)) {
          if (rangeStart) {
            return [noMatch, glob.length - pos];
          }
          i += cls.length;
          if (neg)
            negs.push(unip);
          else
            ranges.push(unip);
          continue WHILE;
        }
      }
    }
    escaping = false;
    const n = norm(c);
    if (rangeStart) {
      if (n.codePointAt(0) > rangeStart.codePointAt(0)) {
        ranges.push(braceEscape(rangeStart) + "-" + braceEscape(n));
      } else if (n === rangeStart) {
        ranges.push(braceEscape(n));
      }
      rangeStart = "";
      i += c.length;
      continue;
    }
    if (glob.startsWith("-]", i + c.length)) {
      ranges.push(braceEscape(n + "-"));
      i += c.length + 1;
      continue;
    }
    if (glob.startsWith("-", i + c.length)) {
      rangeStart = n;
      i += c.length + 1;
      continue;
    }
    ranges.push(braceEscape(n));
    i += c.length;
  }
  if (endPos < i) {
    return [noMatch, 0];
  }
  if (!ranges.length && !negs.length) {
    return [noMatch, glob.length - pos];
  }
  const sranges = "[" + (negate ? "^" : "") + ranges.join("") + "]";
  const snegs = "[" + (negate ? "" : "^") + negs.join("") + "]";
  const comb = "^" + (ranges.length && negs.length ? "(" + sranges + "|" + snegs + ")" : ranges.length ? sranges : snegs);
  return [new RegExp(comb, nocase ? "iu" : "u"), endPos - pos];
};

// node_modules/@isaacs/nonrecursive-glob-match/dist/esm/index.js
var MATCH = { t: "match", id: 0 };
var extTypes = "!?+*@";
var lit = (ch) => ({ t: "lit", ch });
var reEscape = (s) => s.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
var newFoldRe = (s) => new RegExp(`^${reEscape(s)}$`, "iu");
var foldCache = /* @__PURE__ */ new Map();
var foldRe = (ch) => {
  let re = foldCache.get(ch);
  if (!re) {
    re = newFoldRe(ch);
    if (foldCache.size >= 1e3)
      foldCache.clear();
    foldCache.set(ch, re);
  }
  return re;
};
var litMatch = (l, c) => {
  if (c === l.ch)
    return true;
  if (!l.re)
    return false;
  const code = c.charCodeAt(0);
  if (code >= 128)
    return l.re.test(c);
  const ascii = l.ascii ??= new Uint8Array(128);
  ascii[code] ||= l.re.test(c) ? 1 : 2;
  return ascii[code] === 1;
};
var tokenize = (p, nocase, noext, form, mark) => {
  const toks = [];
  for (let i = 0; i < p.length; ) {
    const c = String.fromCodePoint(p.codePointAt(i));
    if (mark) {
      const m = c === "\\" && p.startsWith(mark, i + 1) ? 1 : 0;
      if (m || c === mark) {
        const start = i + m + mark.length;
        const end = p.indexOf(mark, start);
        const r = /^(-?\d+)\.\.(-?\d+)$/.exec(p.slice(start, end));
        const alts = end !== -1 && r && numericRange(r[1], r[2]);
        if (alts) {
          toks.push({ t: "ext", type: "@", alts });
          i = end + mark.length;
          continue;
        }
      }
    }
    if (c === "\\") {
      const e = p.codePointAt(i + 1);
      const ch = e === void 0 ? c : String.fromCodePoint(e);
      toks.push(lit(ch));
      i += 1 + ch.length;
      continue;
    }
    if (c === "[") {
      const [re, consumed] = parseClass(p, i, nocase, form);
      if (consumed) {
        toks.push({ t: "class", re });
        i += consumed;
        continue;
      }
    }
    if (!noext && extTypes.includes(c) && p[i + 1] === "(") {
      toks.push({ t: "open", type: c });
      i += 2;
      continue;
    }
    toks.push(!noext && c === "|" ? { t: "bar" } : !noext && c === ")" ? { t: "close" } : c === "*" ? { t: "star" } : c === "?" ? { t: "any" } : lit(c));
    i += c.length;
  }
  return toks;
};
var pair = (toks) => {
  const pairs = /* @__PURE__ */ new Map();
  const stack = [];
  toks.forEach((tok, i) => {
    if (tok.t === "open")
      stack.push(i);
    else if (tok.t === "close" && stack.length)
      pairs.set(stack.pop(), i);
  });
  return pairs;
};
var build = (toks, pairs, start, end, top) => {
  let seq = [];
  const alts = [seq];
  for (let i = start; i < end; i++) {
    const tok = toks[i];
    const close = pairs.get(i);
    if (tok.t === "open" && close !== void 0) {
      const sub = build(toks, pairs, i + 1, close, false);
      seq.push({ t: "ext", type: tok.type, alts: sub });
      i = close;
    } else if (tok.t === "bar" && !top) {
      alts.push(seq = []);
    } else if (tok.t === "open") {
      seq.push(lit(tok.type), lit("("));
    } else if (tok.t === "bar") {
      seq.push(lit("|"));
    } else if (tok.t === "close") {
      seq.push(lit(")"));
    } else {
      seq.push(tok);
    }
  }
  return alts;
};
var normalize = (items, form) => {
  const out = [];
  let run = "";
  const flush = () => {
    for (const ch of run.normalize(form))
      out.push(lit(ch));
    run = "";
  };
  for (const it of items) {
    if (it.t === "lit") {
      run += it.ch;
      continue;
    }
    flush();
    out.push(it.t === "ext" ? { ...it, alts: it.alts.map((a) => normalize(a, form)) } : it);
  }
  flush();
  return out;
};
var compile = (items, nocase) => {
  let id = 1;
  const split = (out) => ({ t: "split", id: id++, out });
  const seq = (items2, next) => items2.reduceRight((next2, it) => item(it, next2), next);
  const item = (it, next) => {
    switch (it.t) {
      case "lit":
        const re = nocase ? foldRe(it.ch) : void 0;
        return { t: "lit", id: id++, ch: it.ch, re, next };
      case "any":
      case "star":
        return { t: it.t, id: id++, next };
      case "class":
        return { t: "class", id: id++, re: it.re, next };
    }
    const alts = (next2) => it.alts.map((a) => seq(a, next2));
    switch (it.type) {
      case "@":
        return split(alts(next));
      case "?":
        return split([next, ...alts(next)]);
      case "!":
        return { t: "neg", id: id++, sub: split(alts(MATCH)), next };
    }
    const after = split([]);
    const entry = split(alts(after));
    after.out.push(next, entry);
    return it.type === "*" ? after : entry;
  };
  const start = seq(items, MATCH);
  return [start, id];
};
var show = (start) => {
  const lines = [];
  const seen = /* @__PURE__ */ new Set();
  const ref = (n) => n.t === "match" ? "match" : String(n.id);
  const walk = (n, indent) => {
    if (n.t === "match" || seen.has(n))
      return;
    seen.add(n);
    const line = (desc) => lines.push(`${indent}${n.id}: ${desc}`);
    switch (n.t) {
      case "split":
        line(`split -> ${n.out.map(ref).join(", ")}`);
        for (const o of n.out)
          walk(o, indent);
        return;
      case "neg":
        line(`!(${ref(n.sub)}) -> ${ref(n.next)}`);
        walk(n.sub, indent + "  ");
        return walk(n.next, indent);
      case "lit":
        line(`${JSON.stringify(n.ch)} -> ${ref(n.next)}`);
        break;
      case "class":
        line(`${n.re} -> ${ref(n.next)}`);
        break;
      default:
        line(`${n.t === "any" ? "?" : "*"} -> ${ref(n.next)}`);
    }
    walk(n.next, indent);
  };
  walk(start, "");
  return [`start -> ${ref(start)}`, ...lines].join("\n");
};
var State = class {
  // set by the Sim, to mark the nodes that this state has
  gen;
  threads = [];
  match = false;
  runs = [];
  // the sorted ids of the threads, with 0 for a match, once the
  // state is done
  ids = [];
  constructor(gen) {
    this.gen = gen;
  }
  // no threads, so nothing more can match
  get dead() {
    return !this.threads.length && !this.match && !this.runs.length;
  }
};
var sameState = (a, b) => {
  if (a.ids.length !== b.ids.length)
    return false;
  if (a.runs.length !== b.runs.length)
    return false;
  if (a.ids.some((id, i) => id !== b.ids[i]))
    return false;
  return a.runs.every((r) => b.runs.some((o) => o.neg === r.neg && sameState(o.state, r.state)));
};
var marks = (size) => ({
  has: new Float64Array(size),
  seen: new Float64Array(size),
  gen: 0
});
var Sim = class {
  // `.` and `..` only match literal dots, even with `dot:true`
  dots;
  // the string starts with `.`, and `dot:true` is not set
  dotStart;
  #marks;
  constructor(dots, dotStart, marks2) {
    this.dots = dots;
    this.dotStart = dotStart;
    this.#marks = marks2;
  }
  state() {
    return new State(++this.#marks.gen);
  }
  // sort the ids of a state, once it has all of its threads
  done(state) {
    state.ids = state.threads.map((n) => n.id).sort((a, b) => a - b);
    if (state.match)
      state.ids.unshift(MATCH.id);
    return state;
  }
  // true the first time that the state walks through the node, so
  // that loops in the graph stop
  #visit(state, node) {
    const { seen } = this.#marks;
    if (seen[node.id] === state.gen)
      return false;
    seen[node.id] = state.gen;
    return true;
  }
  #addThread(state, node) {
    const { has } = this.#marks;
    if (has[node.id] === state.gen)
      return false;
    has[node.id] = state.gen;
    state.threads.push(node);
    return true;
  }
  // wildcards only match a leading dot if `dot:true`. In a negated
  // sub-pattern, this does not apply, because the negation itself
  // can not match a leading dot.
  restricted(i, top) {
    return top && (this.dots || this.dotStart && i === 0);
  }
  add(state, node, i, top) {
    switch (node.t) {
      case "split":
        if (!this.#visit(state, node))
          return;
        for (const o of node.out)
          this.add(state, o, i, top);
        return;
      case "neg":
        if (!this.#visit(state, node))
          return;
        const sub = this.state();
        this.add(sub, node.sub, i, false);
        this.done(sub);
        return this.addRun(state, { t: "run", neg: node, state: sub }, i, top);
      case "star":
        if (this.restricted(i, top))
          return;
        if (this.#addThread(state, node))
          this.add(state, node.next, i, top);
        return;
      case "match":
        state.match = true;
        return;
      default:
        this.#addThread(state, node);
    }
  }
  addRun(state, run, i, top) {
    for (const r of state.runs) {
      if (r.neg === run.neg && sameState(r.state, run.state))
        return;
    }
    state.runs.push(run);
    if (!run.state.match) {
      this.add(state, run.neg.next, i, top);
    }
  }
  // the threads after char `c`, at index `i`
  step(state, c, i, top) {
    const next = this.state();
    for (const th of state.threads) {
      switch (th.t) {
        case "lit":
          if (litMatch(th, c)) {
            this.add(next, th.next, i + 1, top);
          }
          break;
        case "any":
          if (!this.restricted(i, top))
            this.add(next, th.next, i + 1, top);
          break;
        case "class":
          if (!this.restricted(i, top) && th.re.test(c)) {
            this.add(next, th.next, i + 1, top);
          }
          break;
        case "star":
          if (!this.restricted(i, top))
            this.add(next, th, i + 1, top);
      }
    }
    if (!this.restricted(i, top)) {
      for (const run of state.runs) {
        if (run.state.dead) {
          this.addRun(next, run, i + 1, top);
          continue;
        }
        const sub = this.step(run.state, c, i, false);
        this.addRun(next, { t: "run", neg: run.neg, state: sub }, i + 1, top);
      }
    }
    return this.done(next);
  }
};
var stateKey = (state) => {
  const ids = state.ids.join();
  if (!state.runs.length)
    return ids;
  const runs = state.runs.map((r) => `${r.neg.id}(${stateKey(r.state)})`);
  return `${ids}|${runs.sort().join("|")}`;
};
var DFA_BUDGET = 1 << 18;
var Dfa = class {
  #start;
  #states = /* @__PURE__ */ new Map();
  #size = 0;
  #plain;
  #dotStart;
  #sim;
  #dotSim;
  constructor(start, marks2) {
    this.#start = start;
    this.#sim = new Sim(false, false, marks2);
    this.#dotSim = new Sim(false, true, marks2);
  }
  #make(state) {
    return {
      state,
      match: state.match,
      dead: state.dead,
      next: /* @__PURE__ */ new Map()
    };
  }
  #intern(state) {
    const key = stateKey(state);
    const found = this.#states.get(key);
    if (found)
      return found;
    if (this.#size > DFA_BUDGET)
      this.#clear();
    const d = this.#make(state);
    this.#states.set(key, d);
    this.#size += key.length + 1;
    return d;
  }
  #clear() {
    this.#states.clear();
    this.#size = 0;
    this.#plain = void 0;
    this.#dotStart = void 0;
  }
  start(dotStart) {
    if (dotStart) {
      if (this.#dotStart)
        return this.#dotStart;
      const state2 = this.#dotSim.state();
      this.#dotSim.add(state2, this.#start, 0, true);
      return this.#dotStart = this.#make(this.#dotSim.done(state2));
    }
    if (this.#plain)
      return this.#plain;
    const state = this.#sim.state();
    this.#sim.add(state, this.#start, 0, true);
    return this.#plain = this.#intern(this.#sim.done(state));
  }
  // the next state, after a miss in `d.ascii`
  next(d, c) {
    const code = c.charCodeAt(0);
    const found = code < 128 ? void 0 : d.next.get(c);
    if (found)
      return found;
    const n = d === this.#dotStart ? this.#intern(this.#dotSim.step(d.state, c, 0, true)) : this.#intern(this.#sim.step(d.state, c, 1, true));
    if (code < 128) {
      if (!d.ascii) {
        d.ascii = new Array(128);
        this.#size += 128;
      }
      d.ascii[code] = n;
    } else {
      d.next.set(c, n);
    }
    this.#size++;
    return n;
  }
};
var linear = (start) => {
  const nodes = [];
  for (let n = start; n.t !== "match"; n = n.next) {
    if (n.t === "split" || n.t === "neg")
      return void 0;
    nodes.push(n);
  }
  return nodes;
};
var testLinear = (nodes, chars, start, end) => {
  let ni = 0;
  let ci = start;
  let starNi = -1;
  let starCi = 0;
  while (ci < end) {
    const n = nodes[ni];
    if (n?.t === "star") {
      starNi = ni++;
      starCi = ci;
      continue;
    }
    const c = chars[ci];
    if (n && (n.t === "any" || n.t === "lit" && litMatch(n, c) || n.t === "class" && n.re.test(c))) {
      ni++;
      ci++;
      continue;
    }
    if (starNi === -1)
      return false;
    ni = starNi + 1;
    ci = ++starCi;
  }
  while (nodes[ni]?.t === "star")
    ni++;
  return ni === nodes.length;
};
var lengths = (items) => {
  let min = 0;
  let max = 0;
  for (const it of items) {
    const [lo, hi] = itemLengths(it);
    min += lo;
    max += hi;
  }
  return [min, max];
};
var itemLengths = (it) => {
  if (it.t === "star")
    return [0, Infinity];
  if (it.t !== "ext")
    return [1, 1];
  if (it.type === "!")
    return [0, Infinity];
  const alts = it.alts.map(lengths);
  const min = Math.min(...alts.map((a) => a[0]));
  const max = Math.max(...alts.map((a) => a[1]));
  const loop = max === 0 ? 0 : Infinity;
  return it.type === "@" ? [min, max] : it.type === "?" ? [0, max] : it.type === "*" ? [0, loop] : [min, loop];
};
var hasAffix = (lits, chars, start) => {
  for (let j = 0; j < lits.length; j++) {
    if (!litMatch(lits[j], chars[start + j]))
      return false;
  }
  return true;
};
var slashOrSurrogate = /[/\ud800-\udfff]/;
var surrogate = /[\ud800-\udfff]/;
var codePoints = (s) => surrogate.test(s) ? [...s] : s;
var noSlash = (s) => {
  if (s.includes("/")) {
    throw new Error("can only match a single path portion, got: " + s);
  }
};
var Matcher = class {
  pattern;
  options;
  #start;
  // the number of node ids
  #size;
  #marks;
  // the Sim for strings that are only `.` or `..`
  #dotsSim;
  // the string to compare, if the pattern has no magic. With
  // `nocase:true`, the RegExp that folds case is made when it is
  // first used.
  #literal;
  #literalFold = false;
  #literalRe;
  // the nodes between the prefix and suffix, if the graph is a
  // single chain
  #linear;
  // the linear nodes are only `*` and `?`, so the length bounds and
  // the prefix and suffix decide the match
  #wild = false;
  // the least and most chars that a match can have
  #min = 0;
  #max = Infinity;
  // the literals that a match must start and end with. Each one
  // matches exactly one char, and they are distinct items in the
  // pattern, so a string that does not have them can not match.
  #prefix = [];
  #suffix = [];
  // the prefix and suffix as strings, if they do not fold case
  #prefixStr;
  #suffixStr;
  // there is a prefix or suffix to check
  #affix = false;
  #dfa;
  #form;
  constructor(pattern, options2 = {}) {
    if (pattern.includes("/")) {
      throw new Error("can only match a single path portion, got pattern: " + pattern);
    }
    this.pattern = pattern;
    this.options = options2;
    const { nocase = false, noext = false, normalize: n } = options2;
    this.#form = n === true ? "NFC" : n || void 0;
    const literal2 = /^[?*+@]\(\)$/.test(pattern);
    const toks = tokenize(pattern, nocase, noext || literal2, this.#form, options2.rangeMark);
    let [items] = build(toks, pair(toks), 0, toks.length, true);
    if (this.#form)
      items = normalize(items, this.#form);
    const [start, size] = compile(items, nocase);
    this.#start = start;
    this.#size = size;
    if (items.every((it) => it.t === "lit")) {
      this.#literal = items.map((it) => it.ch).join("");
      this.#literalFold = nocase;
    } else {
      const lit2 = (it) => it.t !== "lit" ? void 0 : nocase ? { ch: it.ch, re: foldRe(it.ch) } : { ch: it.ch };
      for (const it of items) {
        const l = lit2(it);
        if (!l)
          break;
        this.#prefix.push(l);
      }
      for (let j = items.length - 1; j >= 0; j--) {
        const l = lit2(items[j]);
        if (!l)
          break;
        this.#suffix.unshift(l);
      }
      this.#affix = !!(this.#prefix.length || this.#suffix.length);
      if (!nocase) {
        this.#prefixStr = this.#prefix.map((l) => l.ch).join("");
        this.#suffixStr = this.#suffix.map((l) => l.ch).join("");
      }
      this.#linear = linear(this.#start)?.slice(this.#prefix.length, -this.#suffix.length || void 0);
      this.#wild = !!this.#linear?.every((n2) => n2.t === "star" || n2.t === "any");
      const [min, max] = lengths(items);
      this.#min = min;
      this.#max = max;
    }
  }
  test(s) {
    if (this.#form) {
      noSlash(s);
      return this.#test(s.normalize(this.#form));
    }
    if (slashOrSurrogate.test(s)) {
      noSlash(s);
      return this.#test(s, [...s]);
    }
    return this.#test(s, s);
  }
  /**
   * The same as {@link Matcher#test}, but the string is not checked
   * for `/` chars, so the result for a string that has one is not
   * defined. Only use it for a string that is known to be one path
   * portion, such as a part of a path that was split on `/`. It can
   * be faster, because some patterns do not need to look at each char
   * of the string.
   */
  testUnchecked(s) {
    return this.#test(this.#form ? s.normalize(this.#form) : s);
  }
  // Test a string that has no `/`. `chars` indexes it by code point.
  // If it is not given, it is only found if a step needs it.
  #test(s, chars) {
    if (this.#literal !== void 0) {
      return this.#literalFold ? (this.#literalRe ??= newFoldRe(this.#literal)).test(s) : s === this.#literal;
    }
    const min = this.#min;
    const max = this.#max;
    if (chars === void 0) {
      const most = s.length;
      const least = most + 1 >> 1;
      if (most < min || least > max)
        return false;
      if (least < min || most > max)
        chars = codePoints(s);
    }
    if (chars !== void 0 && (chars.length < min || chars.length > max)) {
      return false;
    }
    const prefix2 = this.#prefix.length;
    if (this.#affix) {
      if (this.#prefixStr !== void 0 && this.#suffixStr !== void 0) {
        if (!s.startsWith(this.#prefixStr) || !s.endsWith(this.#suffixStr)) {
          return false;
        }
      } else {
        chars ??= codePoints(s);
        const end = chars.length - this.#suffix.length;
        if (!hasAffix(this.#prefix, chars, 0) || !hasAffix(this.#suffix, chars, end)) {
          return false;
        }
      }
    }
    const dotStart = !this.options.dot && s.startsWith(".");
    if (this.#linear) {
      if (s === "." || s === "..")
        return false;
      if (dotStart && !prefix2)
        return false;
      if (this.#wild)
        return true;
      chars ??= codePoints(s);
      const end = chars.length - this.#suffix.length;
      return testLinear(this.#linear, chars, prefix2, end);
    }
    chars ??= codePoints(s);
    if (s === "." || s === "..") {
      this.#marks ??= marks(this.#size);
      const sim = this.#dotsSim ??= new Sim(true, false, this.#marks);
      const start = sim.state();
      sim.add(start, this.#start, 0, true);
      let state = sim.done(start);
      for (let i = 0; i < chars.length; i++) {
        state = sim.step(state, chars[i], i, true);
      }
      return state.match;
    }
    this.#marks ??= marks(this.#size);
    const dfa = this.#dfa ??= new Dfa(this.#start, this.#marks);
    let d = dfa.start(dotStart);
    const str = chars === s;
    for (let i = 0; i < chars.length; i++) {
      if (d.dead)
        return false;
      const code = str ? s.charCodeAt(i) : chars[i].charCodeAt(0);
      d = d.ascii?.[code] ?? dfa.next(d, chars[i]);
    }
    return d.match;
  }
  /** a readable listing of the state machine */
  toString() {
    return show(this.#start);
  }
};

// node_modules/minimatch/dist/esm/assert-valid-pattern.js
var MAX_PATTERN_LENGTH = 1024 * 64;
var assertValidPattern = (pattern) => {
  if (typeof pattern !== "string") {
    throw new TypeError("invalid pattern");
  }
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new TypeError("pattern is too long");
  }
};

// node_modules/minimatch/dist/esm/escape.js
var escape = (s, { windowsPathsNoEscape = false, magicalBraces = false } = {}) => {
  const e = magicalBraces ? windowsPathsNoEscape ? s.replace(/[?*()[\]{}]/g, "[$&]") : s.replace(/[?*()[\]\\{}]/g, "\\$&") : windowsPathsNoEscape ? s.replace(/[?*()[\]]/g, "[$&]") : s.replace(/[?*()[\]\\]/g, "\\$&");
  const c = e.charAt(0);
  if (c === "#") {
    return (windowsPathsNoEscape ? "[#]" : "\\#") + e.slice(1);
  }
  if (c === "!") {
    return (windowsPathsNoEscape ? "@(!)" : "\\!") + e.slice(1);
  }
  return e;
};

// node_modules/minimatch/dist/esm/unescape.js
var unescape = (s, { windowsPathsNoEscape = false, magicalBraces = true } = {}) => {
  if (windowsPathsNoEscape && s.startsWith("@(!)")) {
    return "!" + unescape(s.slice(4), { windowsPathsNoEscape, magicalBraces });
  }
  if (magicalBraces) {
    return windowsPathsNoEscape ? s.replace(/\[([^/\\])\]/g, "$1") : s.replace(/((?!\\).|^)\[([^/\\])\]/g, "$1$2").replace(/\\([^/])/g, "$1");
  }
  return windowsPathsNoEscape ? s.replace(/\[([^/\\{}])\]/g, "$1") : s.replace(/((?!\\).|^)\[([^/\\{}])\]/g, "$1$2").replace(/\\([^/{}])/g, "$1");
};

// node_modules/minimatch/dist/esm/index.js
var DEFAULT_BRACE_EXPAND_MAX = 1e5;
var DEFAULT_GLOB_STAR_RECURSION_MAX = 200;
var AWE_KEY = "allowWindowsEscape";
var minimatch = (p, pattern, options2) => {
  assertValidPattern(pattern);
  if (!options2?.nocomment && pattern.charAt(0) === "#") {
    return false;
  }
  return cachedMinimatch(pattern, options2).match(p);
};
var cache = /* @__PURE__ */ new Map();
var oldCache = /* @__PURE__ */ new Map();
var cacheSize = 0;
var cacheTotalWeight = 0;
var cacheMax = 256;
var cacheMaxWeight = 1 << 15;
var cacheMaxEntryWeight = 1 << 12;
var cacheWeight = (mm) => {
  let w = mm.pattern.length;
  for (const s of mm.globSet) {
    w += s.length + 1;
    if (w > cacheMaxEntryWeight)
      break;
  }
  return w;
};
var tri = (v) => v === void 0 ? 0 : v ? 2 : 1;
var booleanWeights = new Map(Object.keys({
  nobrace: 0,
  nocomment: 0,
  nonegate: 0,
  noglobstar: 0,
  noext: 0,
  nonull: 0,
  partial: 0,
  dot: 0,
  nocase: 0,
  nocaseMagicOnly: 0,
  magicalBraces: 0,
  matchBase: 0,
  flipNegate: 0,
  preserveMultipleSlashes: 0,
  windowsNoMagicRoot: 0
}).map((k, i) => [k, 24 * 3 ** i]));
var optionsKey = (o) => {
  let n = 0;
  let wpe = false;
  for (const k in o) {
    const v = o[k];
    switch (k) {
      // the same test as the Minimatch constructor
      case "windowsPathsNoEscape":
        if (v)
          wpe = true;
        break;
      case AWE_KEY:
        if (v === false)
          wpe = true;
        break;
      case "platform": {
        const p = v || defaultPlatform;
        if (p === defaultPlatform)
          break;
        if (p === "darwin")
          n += 3;
        else if (p === "win32")
          n += 6;
        else if (p === "linux")
          n += 9;
        else
          return JSON.stringify(o);
        break;
      }
      case "optimizationLevel":
        if (v === void 0)
          break;
        n += v >= 2 ? 1 : v >= 1 ? 0 : 2;
        break;
      case "braceExpandMax":
        if (v !== void 0 && v !== DEFAULT_BRACE_EXPAND_MAX) {
          return JSON.stringify(o);
        }
        break;
      case "maxGlobstarRecursion":
        if (v !== void 0 && v !== DEFAULT_GLOB_STAR_RECURSION_MAX) {
          return JSON.stringify(o);
        }
        break;
      case "normalize":
        if (v !== void 0)
          return JSON.stringify(o);
        break;
      default:
        n += (booleanWeights.get(k) ?? 0) * tri(v);
    }
  }
  return wpe ? n + 12 : n;
};
var copyOptions = (o) => {
  const copy = /* @__PURE__ */ Object.create(null);
  for (const k in o)
    copy[k] = o[k];
  return copy;
};
var noOptions = {};
var cachedMinimatch = (pattern, options2) => {
  options2 ||= noOptions;
  const key = optionsKey(options2);
  let mm = cache.get(key)?.get(pattern);
  if (mm)
    return mm;
  mm = oldCache.get(key)?.get(pattern) ?? new Minimatch(pattern, copyOptions(options2));
  const weight = cacheWeight(mm);
  if (weight > cacheMaxEntryWeight)
    return mm;
  if (cacheSize >= cacheMax || cacheTotalWeight + weight > cacheMaxWeight) {
    oldCache = cache;
    cache = /* @__PURE__ */ new Map();
    cacheSize = 0;
    cacheTotalWeight = 0;
  }
  let byPattern = cache.get(key);
  if (!byPattern)
    cache.set(key, byPattern = /* @__PURE__ */ new Map());
  byPattern.set(pattern, mm);
  cacheSize++;
  cacheTotalWeight += weight;
  return mm;
};
var defaultPlatform = typeof process === "object" && process ? process.env?.__MINIMATCH_TESTING_PLATFORM__ || process.platform : "posix";
var path = {
  win32: { sep: "\\" },
  posix: { sep: "/" }
};
var sep = defaultPlatform === "win32" ? path.win32.sep : path.posix.sep;
minimatch.sep = sep;
var GLOBSTAR = /* @__PURE__ */ Symbol("globstar **");
minimatch.GLOBSTAR = GLOBSTAR;
var filter = (pattern, options2) => {
  let mm;
  return (p) => (mm ??= cachedMinimatch(pattern, options2)).match(p);
};
minimatch.filter = filter;
var ext = (a, b = {}) => Object.assign({}, a, b);
var defaults = (def) => {
  if (!def || typeof def !== "object" || !Object.keys(def).length) {
    return minimatch;
  }
  const orig = minimatch;
  const m = (p, pattern, options2 = {}) => orig(p, pattern, ext(def, options2));
  return Object.assign(m, {
    Minimatch: class Minimatch extends orig.Minimatch {
      constructor(pattern, options2 = {}) {
        super(pattern, ext(def, options2));
      }
      static defaults(options2) {
        return orig.defaults(ext(def, options2)).Minimatch;
      }
    },
    unescape: (s, options2 = {}) => orig.unescape(s, ext(def, options2)),
    escape: (s, options2 = {}) => orig.escape(s, ext(def, options2)),
    filter: (pattern, options2 = {}) => orig.filter(pattern, ext(def, options2)),
    defaults: (options2) => orig.defaults(ext(def, options2)),
    braceExpand: (pattern, options2 = {}) => orig.braceExpand(pattern, ext(def, options2)),
    match: (list, pattern, options2 = {}) => orig.match(list, pattern, ext(def, options2)),
    sep: orig.sep,
    GLOBSTAR
  });
};
minimatch.defaults = defaults;
var braceExpand = (pattern, options2 = {}) => {
  assertValidPattern(pattern);
  if (options2.nobrace || !/\{(?:(?!\{).)*\}/.test(pattern)) {
    return [pattern];
  }
  let p = pattern.replace(/\\\\/g, "\\\\\\\\");
  if (options2.windowsPathsNoEscape || options2[AWE_KEY] === false) {
    p = p.replace(/\[([{}])\]/g, "[\\$1]");
  }
  return expand(p, { max: options2.braceExpandMax });
};
minimatch.braceExpand = braceExpand;
var RANGE_MIN = 100;
var rangeRe = /(?<![\\$])\{(-?\d+)\.\.(-?\d+)\}/g;
var inRepeatOrNegExt = (portion, mark) => {
  const stack = [];
  for (let i = 0; i < portion.length; i++) {
    const c = portion.charAt(i);
    if (c === "\\") {
      i++;
    } else if (c === mark) {
      if (stack.some((t) => t !== "@" && t !== "?"))
        return true;
    } else if (portion.charAt(i + 1) === "(" && "!?+*@".includes(c)) {
      stack.push(c);
      i++;
    } else if (c === ")") {
      stack.pop();
    }
  }
  return false;
};
var match = (list, pattern, options2 = {}) => {
  const mm = new Minimatch(pattern, options2);
  list = list.filter((f) => mm.match(f));
  if (mm.options.nonull && !list.length) {
    list.push(pattern);
  }
  return list;
};
minimatch.match = match;
var globMagic = /[?*]|[+@!]\(.*?\)|\[|\]/;
var classEnd = (pattern, start) => {
  let i = start + 1;
  if (pattern.charAt(i) === "!" || pattern.charAt(i) === "^")
    i++;
  let sawStart = false;
  for (; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === "]" && sawStart)
      return i;
    sawStart = true;
    if (c === "\\")
      i++;
  }
  return -1;
};
var literal = (pattern, noext) => {
  if (!noext && (pattern === "+()" || pattern === "@()"))
    return pattern;
  let lit2 = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === "\\") {
      lit2 += pattern.charAt(++i) || c;
    } else if (c === "*" || c === "?") {
      return void 0;
    } else if (c === "[") {
      const close = classEnd(pattern, i);
      if (close === -1) {
        lit2 += c;
        continue;
      }
      let body = pattern.slice(i + 1, close);
      if (body.startsWith("\\"))
        body = body.slice(1);
      if ([...body].length !== 1 || "!^".includes(pattern.charAt(i + 1))) {
        return void 0;
      }
      lit2 += body;
      i = close;
    } else if (!noext && "+@!".includes(c) && pattern.charAt(i + 1) === "(" && pattern.includes(")", i + 2)) {
      return void 0;
    } else {
      lit2 += c;
    }
  }
  return lit2;
};
var MAX_EXTGLOBS = 256;
var extglobCount = (pattern) => {
  let n = 0;
  for (let i = 0; i < pattern.length - 1; i++) {
    const c = pattern.charAt(i);
    if (c === "\\") {
      i++;
    } else if ("+@!?*".includes(c) && pattern.charAt(i + 1) === "(") {
      n++;
      i++;
    }
  }
  return n;
};
var assertValidExtglobs = (pattern) => {
  if (extglobCount(pattern) > MAX_EXTGLOBS) {
    throw new TypeError("pattern has too many extglobs");
  }
};
var extSafe = (pattern) => {
  if (/^[?*+@]\(\)$/.test(pattern) || pattern.includes("[:"))
    return false;
  let depth = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern.charAt(i);
    if (c === "\\") {
      if (++i === pattern.length)
        return false;
    } else if (c === "[") {
      const close = classEnd(pattern, i);
      if (close !== -1)
        i = close;
    } else if ("+@!?*".includes(c) && pattern.charAt(i + 1) === "(") {
      depth++;
      i++;
    } else if (c === ")") {
      if (!depth--)
        return false;
    } else if (c === "|" && !depth) {
      return false;
    }
  }
  return !depth;
};
var lastSplit;
var lastChecked;
var portionMatch = (p, f) => typeof p === "string" ? f === p : f !== "" && p.testUnchecked(f);
var endIndex = (p, last, lastStart, prev, prevStart) => portionMatch(p, last) ? lastStart : prev !== void 0 && portionMatch(p, prev) ? prevStart : -1;
var isDots = (p) => p === "." || p === "..";
var isDrive = (p) => typeof p === "string" && /^[a-z]:$/i.test(p);
var isLongUNC = (p) => typeof p === "string" && /^unc$/i.test(p);
var uncHost = (p) => {
  if (p[0] !== "" || p[1] !== "")
    return -1;
  const h = p[2] !== "?" ? 2 : isLongUNC(p[3]) ? 4 : -1;
  const host = p[h];
  const share = p[h + 1];
  return h !== -1 && host !== void 0 && host !== "" && host !== GLOBSTAR && share !== void 0 && share !== "" && share !== GLOBSTAR ? h : -1;
};
var walkable = (p, dot) => !isDots(p) && (dot || !p.startsWith("."));
var dotPortion = (f, start, end, dot, sep3) => {
  for (let k = start; k < end; ) {
    if (f.charCodeAt(k) === 46) {
      if (!dot)
        return true;
      const n = f.charCodeAt(k + 1) === 46 ? k + 2 : k + 1;
      if (n >= end || isSep(f.charCodeAt(n), sep3))
        return true;
    }
    const s = nextSep(f, k, sep3);
    if (s === -1)
      return false;
    k = s + 1;
    while (k < end && isSep(f.charCodeAt(k), sep3))
      k++;
  }
  return false;
};
var isSep = (c, sep3) => sep3 === "/" ? c === 47 : sep3 === "\\" ? c === 92 : c === 47 || c === 92;
var nextSep = (f, from, sep3) => {
  if (sep3 !== "both")
    return f.indexOf(sep3, from);
  const s = f.indexOf("/", from);
  const b = f.indexOf("\\", from);
  return s === -1 ? b : b === -1 ? s : Math.min(s, b);
};
var lastSep = (f, from, sep3) => sep3 !== "both" ? f.lastIndexOf(sep3, from) : Math.max(f.lastIndexOf("/", from), f.lastIndexOf("\\", from));
var PENDING = {};
var Minimatch = class {
  options;
  set;
  pattern;
  windowsPathsNoEscape;
  nonegate;
  negate;
  comment;
  empty;
  preserveMultipleSlashes;
  partial;
  globSet;
  globParts;
  nocase;
  isWindows;
  platform;
  windowsNoMagicRoot;
  maxGlobstarRecursion;
  // the path can be checked against the last portion, and the string
  // portions, of each row before it is split. See #canMatch.
  #endCheck;
  #literalCheck;
  // level 2 resolves `.` and `..` portions in the path
  #level2;
  // the unicode normalization form, if any
  #form;
  // the string portions of each row in the set
  #literals = [];
  // the rows that #canMatch can match without splitting the path
  #shapes = [];
  // the rows whose last portion can be checked against the path's
  #endRows = [];
  // brace expansion can make the same portion in many rows, so they
  // share one Matcher, and the states that it caches
  #matchers = /* @__PURE__ */ new Map();
  // parse() returns PENDING in place of a Matcher
  #pending = false;
  // the char that marks numeric ranges in globSet, if any
  #rangeMark;
  // the GlobstarParts of each pattern row, by start index and partial
  #globstarParts = /* @__PURE__ */ new WeakMap();
  constructor(pattern, options2 = {}) {
    assertValidPattern(pattern);
    options2 = options2 || {};
    this.options = options2;
    this.maxGlobstarRecursion = options2.maxGlobstarRecursion ?? DEFAULT_GLOB_STAR_RECURSION_MAX;
    this.pattern = pattern;
    this.platform = options2.platform || defaultPlatform;
    this.isWindows = this.platform === "win32";
    this.windowsPathsNoEscape = !!options2.windowsPathsNoEscape || options2[AWE_KEY] === false;
    if (this.windowsPathsNoEscape) {
      this.pattern = this.pattern.replace(/\\/g, "/");
    }
    this.preserveMultipleSlashes = !!options2.preserveMultipleSlashes;
    this.negate = false;
    this.nonegate = !!options2.nonegate;
    this.comment = false;
    this.empty = false;
    this.partial = !!options2.partial;
    this.nocase = !!this.options.nocase;
    this.windowsNoMagicRoot = options2.windowsNoMagicRoot !== void 0 ? options2.windowsNoMagicRoot : !!(this.isWindows && this.nocase);
    this.globSet = [];
    this.globParts = [];
    this.set = [];
    this.#endCheck = !this.preserveMultipleSlashes;
    this.#level2 = (options2.optimizationLevel ?? 1) >= 2;
    const n = options2.normalize;
    this.#form = n === true ? "NFC" : n || void 0;
    this.make();
    const drives = this.set.map((row) => this.#rootIndex(row));
    this.#endRows = this.set.map((row, r) => this.#endCheck && row.length - 1 > drives[r]);
    this.#literals = this.set.map((row, r) => {
      const end = this.#endRows[r] ? row.length - 1 : row.length;
      const lits = row.slice(drives[r] + 1, end).filter((p) => typeof p === "string" && !!p);
      return [...new Set(lits)];
    });
    this.#literalCheck = this.#literals.some((l) => l.length);
    this.#shapes = this.set.map((row, r) => {
      const [p0, p1, p2] = row;
      if (this.#endRows[r] && row.length === 2) {
        if (p0 === GLOBSTAR && p1 !== GLOBSTAR)
          return "tail";
      }
      if (this.#endRows[r] && options2.matchBase && row.length === 1 && p0 !== GLOBSTAR && p0 !== "") {
        return "base";
      }
      if (!this.#endCheck || drives[r] !== -1)
        return void 0;
      if (row.length === 3 && p0 === GLOBSTAR && p2 === GLOBSTAR && p1 !== GLOBSTAR && p1 !== "" && // the portion between is only matched below this limit
      this.maxGlobstarRecursion > 0) {
        return "mid";
      }
      if (row.length === 2 && p1 === GLOBSTAR && p0 !== GLOBSTAR && p0 !== "") {
        return "head";
      }
      return void 0;
    });
  }
  // a string portion of a pattern, normalized if the option is set
  #norm(p) {
    return this.#form ? p.normalize(this.#form) : p;
  }
  // On Windows, the index of the last root portion of a row, as
  // #matchRow finds it: 0 for `c:/...`, 3 for `//?/c:/...` and
  // `//host/share/...`, and 5 for `//?/UNC/host/share/...`. Otherwise
  // -1.
  #rootIndex(row) {
    if (!this.isWindows)
      return -1;
    if (isDrive(row[0]))
      return 0;
    const uncDrive = row[0] === "" && row[1] === "" && row[2] === "?" && isDrive(row[3]);
    if (uncDrive)
      return 3;
    const h = uncHost(row);
    return h === -1 ? -1 : h + 1;
  }
  hasMagic() {
    if (this.options.magicalBraces && this.set.length > 1) {
      return true;
    }
    for (const pattern of this.set) {
      for (const part of pattern) {
        if (typeof part !== "string")
          return true;
      }
    }
    return false;
  }
  make() {
    const pattern = this.pattern;
    const options2 = this.options;
    if (!options2.nocomment && pattern.charAt(0) === "#") {
      this.comment = true;
      return;
    }
    if (!pattern) {
      this.empty = true;
      return;
    }
    this.parseNegate();
    this.globSet = [...new Set(this.#expandBraces())];
    const rawGlobParts = this.globSet.map((s) => this.#slashSplit(s));
    this.globParts = this.preprocess(rawGlobParts);
    this.#pending = true;
    let set = this.globParts.map((s, _, __) => {
      if (this.isWindows && this.windowsNoMagicRoot) {
        const n = s[2] === "?" && isLongUNC(s[3]) ? 6 : 4;
        const isUNC = s[0] === "" && s[1] === "" && (s[2] === "?" || !globMagic.test(s[2])) && s.slice(3, n).every((p) => !globMagic.test(p));
        const isDrive2 = /^[a-z]:/i.test(s[0]);
        if (isUNC) {
          return [
            ...s.slice(0, n).map((p) => this.#norm(p)),
            ...s.slice(n).map((ss) => this.parse(ss))
          ];
        } else if (isDrive2) {
          return [
            this.#norm(s[0]),
            ...s.slice(1).map((ss) => this.parse(ss))
          ];
        }
      }
      return s.map((ss) => this.parse(ss));
    });
    this.set = set.filter((s) => s.indexOf(false) === -1);
    if (this.isWindows) {
      for (let i = 0; i < this.set.length; i++) {
        const p = this.set[i];
        if (p[0] === "" && p[1] === "" && this.globParts[i][2] === "?" && (isDrive(p[3]) || isLongUNC(this.globParts[i][3]))) {
          if (isLongUNC(this.globParts[i][3]))
            p[3] = "UNC";
          p[2] = "?";
        }
      }
    }
    if (!options2.noext)
      this.mergeRows();
    this.#pending = false;
    this.set.forEach((row, i) => {
      for (let k = 0; k < row.length; k++) {
        if (row[k] === PENDING) {
          row[k] = this.parse(this.globParts[i][k]);
        }
      }
    });
  }
  // Merge rows that only differ in one portion, where each of them
  // is a Matcher, into one row that matches any of them with
  // `@(a|b|...)`. Then a path is only walked once for all of them,
  // for example with `**/*.{js,ts}`.
  mergeRows() {
    let merged = true;
    while (merged) {
      merged = false;
      if (this.set.length < 2)
        return;
      let keys = this.#mergeKeys();
      const len = Math.max(0, ...this.set.map((r) => r.length));
      for (let k = 0; k < len; k++) {
        const groups = /* @__PURE__ */ new Map();
        const R = this.set.length + 1;
        this.set.forEach((row, i) => {
          if (!(row[k] instanceof Matcher || row[k] === PENDING) || !extSafe(this.globParts[i][k])) {
            return;
          }
          const { pre, suf } = keys[i];
          const key = pre[k] * R + suf[k + 1];
          const g = groups.get(key);
          if (g)
            g.push(i);
          else
            groups.set(key, [i]);
        });
        const drop = /* @__PURE__ */ new Set();
        for (const g of groups.values()) {
          if (g.length < 2)
            continue;
          const [first, ...rest] = g;
          const alts = g.map((i) => this.globParts[i][k]);
          const glob = `@(${alts.join("|")})`;
          if (extglobCount(glob) > MAX_EXTGLOBS)
            continue;
          this.globParts[first][k] = glob;
          this.set[first][k] = this.parse(glob);
          for (const i of rest)
            drop.add(i);
        }
        if (drop.size) {
          merged = true;
          this.set = this.set.filter((_, i) => !drop.has(i));
          this.globParts = this.globParts.filter((_, i) => !drop.has(i));
          if (this.set.length < 2)
            return;
          keys = this.#mergeKeys();
        }
      }
    }
  }
  // For each row, number ids for its prefixes and suffixes, such that
  // pre[k] identifies parts[0..k) and suf[k] identifies parts[k..n).
  // Two rows are the same other than at portion k exactly when they
  // have the same pre[k] and suf[k + 1]. This is linear in the size of
  // the rows, where joining the whole row for every k was quadratic.
  #mergeKeys() {
    const partIds = /* @__PURE__ */ new Map();
    const ids = this.globParts.map((parts) => parts.map((s) => {
      let id = partIds.get(s);
      if (id === void 0)
        partIds.set(s, id = partIds.size);
      return id;
    }));
    const P = partIds.size;
    const len = Math.max(0, ...ids.map((r) => r.length));
    const keys = ids.map((r) => ({
      pre: [0],
      suf: new Array(r.length + 1).fill(0)
    }));
    for (let k = 0; k < len; k++) {
      const m = /* @__PURE__ */ new Map();
      ids.forEach((r, i) => {
        if (k >= r.length)
          return;
        const { pre } = keys[i];
        const key = pre[k] * P + r[k];
        let id = m.get(key);
        if (id === void 0)
          m.set(key, id = m.size + 1);
        pre.push(id);
      });
    }
    for (let k = len - 1; k >= 0; k--) {
      const m = /* @__PURE__ */ new Map();
      ids.forEach((r, i) => {
        if (k >= r.length)
          return;
        const { suf } = keys[i];
        const key = suf[k + 1] * P + r[k];
        let id = m.get(key);
        if (id === void 0)
          m.set(key, id = m.size + 1);
        suf[k] = id;
      });
    }
    return keys;
  }
  // various transforms to equivalent pattern sets that are
  // faster to process in a filesystem walk.  The goal is to
  // eliminate what we can, and push all ** patterns as far
  // to the right as possible, even if it increases the number
  // of patterns that we have to process.
  preprocess(globParts) {
    if (this.options.noglobstar) {
      for (const partset of globParts) {
        for (let j = 0; j < partset.length; j++) {
          if (partset[j] === "**") {
            partset[j] = "*";
          }
        }
      }
    }
    const { optimizationLevel = 1 } = this.options;
    if (optimizationLevel >= 2) {
      globParts = this.firstPhasePreProcess(globParts);
      globParts = this.secondPhasePreProcess(globParts);
    } else if (optimizationLevel >= 1) {
      globParts = this.levelOneOptimize(globParts);
    } else {
      globParts = this.adjascentGlobstarOptimize(globParts);
    }
    return globParts;
  }
  // just get rid of adjascent ** portions
  adjascentGlobstarOptimize(globParts) {
    return globParts.map((parts) => {
      let gs = -1;
      while (-1 !== (gs = parts.indexOf("**", gs + 1))) {
        let i = gs;
        while (parts[i + 1] === "**") {
          i++;
        }
        if (i !== gs) {
          parts.splice(gs, i - gs);
        }
      }
      return parts;
    });
  }
  // get rid of adjascent ** and resolve .. portions
  levelOneOptimize(globParts) {
    return globParts.map((parts) => {
      const root = this.#rootIndex(parts) + 1;
      parts = parts.reduce((set, part) => {
        const prev = set[set.length - 1];
        if (part === "**" && prev === "**") {
          return set;
        }
        if (part === "..") {
          if (set.length > root && prev && prev !== ".." && prev !== "." && prev !== "**") {
            set.pop();
            return set;
          }
        }
        set.push(part);
        return set;
      }, []);
      return parts.length === 0 ? [""] : parts;
    });
  }
  // Check the path against each row before it is split. 'no' if no
  // row can match, so it does not need to be split. 'yes' if a row of
  // `**` and one more portion matches. 'maybe' if it must be split to
  // know. None of this applies with partial, where the path can end
  // before the row does.
  //
  // On Windows, `\` is a separator in the path too, and the portions of
  // a row up to its drive letter or UNC share are not checked (see
  // #rootIndex).
  //
  // Each string portion of a row must be a portion of the path, so the
  // path must contain it. Level 2 can only take portions out of the
  // path, so this is still true then.
  //
  // The last portion of a row must match the last portion of the path,
  // or the one before a trailing `/` (as a/* and a/**/* match a/b/).
  // This does not apply to rows that end in **, rows that end in a
  // root, or preserveMultipleSlashes (which can leave more
  // than one '' at the end). At level 2, it does not apply if that
  // portion is `.` or `..`, which can be
  // resolved away. Level 2 only takes other portions out of the
  // middle of the path.
  //
  // A row of `**/x` then matches if the ** can walk the portions
  // before the one that x matches, the same as #matchGlobstar. At
  // level 2, this is only known if none of them are `.` or `..`, so
  // that the path does not change when it is resolved.
  #canMatch(f) {
    const sep3 = !this.isWindows || !f.includes("\\") ? "/" : f.includes("/") ? "both" : "\\";
    let ends = this.#endCheck ? 0 : -1;
    let last = "";
    let lastStart = 0;
    let prev;
    let prevStart = 0;
    const dot = !!this.options.dot;
    ROWS: for (let r = 0; r < this.set.length; r++) {
      const row = this.set[r];
      const p = row[row.length - 1];
      let end = ends !== -1 && this.#endRows[r] && p !== GLOBSTAR;
      if (end && ends === 0) {
        const i = lastSep(f, f.length, sep3);
        lastStart = i + 1;
        last = f.slice(lastStart);
        if (last === "" && i >= 0) {
          let j = i;
          while (j > 0 && isSep(f.charCodeAt(j - 1), sep3))
            j--;
          prevStart = j === 0 ? 0 : lastSep(f, j - 1, sep3) + 1;
          prev = f.slice(prevStart, j);
        }
        const resolves = this.#level2 && (isDots(last) || last === "" && prev !== void 0 && isDots(prev));
        ends = resolves ? -1 : 1;
        end = !resolves;
      }
      let tailStart = -1;
      if (end && typeof p === "string") {
        tailStart = endIndex(p, last, lastStart, prev, prevStart);
        if (tailStart === -1)
          continue;
      }
      if (this.#literalCheck) {
        for (const l of this.#literals[r]) {
          if (!f.includes(l))
            continue ROWS;
        }
      }
      if (end && typeof p === "object") {
        tailStart = endIndex(p, last, lastStart, prev, prevStart);
        if (tailStart === -1)
          continue;
      }
      const shape = this.#shapes[r];
      if (shape === "base" && end)
        return "yes";
      if (shape === "tail" && end) {
        if (this.#level2 && dotPortion(f, 0, tailStart, true, sep3)) {
          return "maybe";
        }
        if (!dotPortion(f, 0, tailStart, dot, sep3))
          return "yes";
        continue;
      }
      if (shape === "mid" || shape === "head") {
        const m = this.#walk(f, row, shape === "head", dot, sep3);
        if (m !== "no")
          return m;
        continue;
      }
      return "maybe";
    }
    return "no";
  }
  // Match a row of a known shape against the split path, the same as
  // #matchGlobstar and #matchGlobStarBodySections do. None of these
  // rows have a drive letter, so they start at the first portion.
  #matchShape(file, row, shape) {
    const dot = !!this.options.dot;
    const n = file.length;
    if (shape === "head") {
      if (n < 2 || !portionMatch(row[0], file[0])) {
        return false;
      }
      for (let i = 1; i < n; i++)
        if (!walkable(file[i], dot))
          return false;
      return true;
    }
    const x = row[1];
    if (shape === "tail") {
      let t = n - 1;
      if (!portionMatch(x, file[t])) {
        if (file[t] !== "" || n === 1 || !portionMatch(x, file[--t])) {
          return false;
        }
      }
      for (let i = 0; i < t; i++)
        if (!walkable(file[i], dot))
          return false;
      return true;
    }
    for (let k = 0; k < n; k++) {
      if (portionMatch(x, file[k]) && k + 1 < n) {
        let i = k + 1;
        while (i < n && walkable(file[i], dot))
          i++;
        if (i === n)
          return true;
      }
      if (!walkable(file[k], dot))
        return false;
    }
    return false;
  }
  // Match a row of `**/x/**` or `x/**` against the path, the same as
  // #matchGlobstar and #matchGlobStarBodySections do once it is split.
  // x must match a portion (the first one, for `x/**`), the ** before
  // it must be able to walk the portions before that one, and there
  // must be a portion after it, which the ** after it can walk. At
  // level 2, this is only known if no portion is `.` or `..`.
  #walk(f, row, head, dot, sep3) {
    if (this.#level2 && dotPortion(f, 0, f.length, true, sep3))
      return "maybe";
    const x = row[head ? 0 : 1];
    let s = 0;
    for (let e = nextSep(f, s, sep3); e !== -1; e = nextSep(f, s, sep3)) {
      let next = e + 1;
      while (next < f.length && isSep(f.charCodeAt(next), sep3))
        next++;
      const hit = typeof x === "string" ? e - s === x.length && f.startsWith(x, s) : e > s && x.testUnchecked(f.slice(s, e));
      if (hit && !dotPortion(f, next, f.length, dot, sep3))
        return "yes";
      if (head || dotPortion(f, s, next, dot, sep3))
        return "no";
      s = next;
    }
    return "no";
  }
  // the last split, if it was the same path with the same split
  // settings
  #cachedSplit(f) {
    const last = lastSplit;
    return last?.f === f && last.isWindows === this.isWindows && last.preserveMultipleSlashes === this.preserveMultipleSlashes && last.normalize === this.#form ? last : void 0;
  }
  // split a path for match(), and keep the parts for the next call
  #split(f) {
    const { isWindows, preserveMultipleSlashes } = this;
    let parts = this.#slashSplit(isWindows ? f.split("\\").join("/") : f);
    const normalize2 = this.#form;
    if (normalize2)
      parts = parts.map((p) => p.normalize(normalize2));
    lastSplit = {
      f,
      isWindows,
      preserveMultipleSlashes,
      normalize: normalize2,
      parts
    };
    return lastSplit;
  }
  // resolve `.` and `..` portions of a path, for level 2
  #levelTwoFileOptimize(file) {
    const parts = [...file];
    let didSomething = false;
    do {
      didSomething = false;
      if (!this.preserveMultipleSlashes) {
        for (let i = 1; i < parts.length - 1; i++) {
          const p = parts[i];
          if (i === 1 && p === "" && parts[0] === "")
            continue;
          if (p === "." || p === "") {
            didSomething = true;
            parts.splice(i, 1);
            i--;
          }
        }
        if (parts[0] === "." && parts.length === 2 && (parts[1] === "." || parts[1] === "")) {
          didSomething = true;
          parts.pop();
        }
      }
      const root = this.#rootIndex(parts) + 1;
      let dd = root;
      while (-1 !== (dd = parts.indexOf("..", dd + 1))) {
        const p = parts[dd - 1];
        if (p && p !== "." && p !== ".." && p !== "**") {
          didSomething = true;
          parts.splice(dd - 1, 2);
          dd = Math.max(dd - 2, root);
        }
      }
    } while (didSomething);
    return parts.length === 0 ? [""] : parts;
  }
  // First phase: single-pattern processing
  // <pre> is 1 or more portions
  // <rest> is 1 or more portions
  // <p> is any portion other than ., .., '', or **
  // <e> is . or ''
  //
  // **/.. is *brutal* for filesystem walking performance, because
  // it effectively resets the recursive walk each time it occurs,
  // and ** cannot be reduced out by a .. pattern part like a regexp
  // or most strings (other than .., ., and '') can be.
  //
  // <pre>/**/../<p>/<p>/<rest> -> {<pre>/../<p>/<p>/<rest>,<pre>/**/<p>/<p>/<rest>}
  // <pre>/<e>/<rest> -> <pre>/<rest>
  // <pre>/<p>/../<rest> -> <pre>/<rest>
  // **/**/<rest> -> **/<rest>
  //
  // **/*/<rest> -> */**/<rest> <== not valid because ** doesn't follow
  // this WOULD be allowed if ** did follow symlinks, or * didn't
  firstPhasePreProcess(globParts) {
    const { braceExpandMax = DEFAULT_BRACE_EXPAND_MAX } = this.options;
    let splitCells = 0;
    const maxSplitCells = 1e6;
    let didSomething = false;
    do {
      didSomething = false;
      for (let parts of globParts) {
        let gs = -1;
        while (-1 !== (gs = parts.indexOf("**", gs + 1))) {
          let gss = gs;
          while (parts[gss + 1] === "**") {
            gss++;
          }
          if (gss > gs) {
            parts.splice(gs + 1, gss - gs);
          }
          let next = parts[gs + 1];
          const p = parts[gs + 2];
          const p2 = parts[gs + 3];
          if (next !== "..")
            continue;
          if (!p || p === "." || p === ".." || !p2 || p2 === "." || p2 === "..") {
            continue;
          }
          const addedCells = parts.length - 1;
          if (globParts.length >= braceExpandMax || splitCells + addedCells > maxSplitCells) {
            throw new RangeError(`optimizationLevel 2: too many patterns from '**/..'`);
          }
          didSomething = true;
          parts.splice(gs, 1);
          const other = parts.slice(0);
          other[gs] = "**";
          splitCells += addedCells;
          globParts.push(other);
          gs--;
        }
        if (!this.preserveMultipleSlashes) {
          for (let i = 1; i < parts.length - 1; i++) {
            const p = parts[i];
            if (i === 1 && p === "" && parts[0] === "")
              continue;
            if (p === "." || p === "") {
              didSomething = true;
              parts.splice(i, 1);
              i--;
            }
          }
          if (parts[0] === "." && parts.length === 2 && (parts[1] === "." || parts[1] === "")) {
            didSomething = true;
            parts.pop();
          }
        }
        const root = this.#rootIndex(parts) + 1;
        let dd = root;
        while (-1 !== (dd = parts.indexOf("..", dd + 1))) {
          const p = parts[dd - 1];
          if (p && p !== "." && p !== ".." && p !== "**") {
            didSomething = true;
            const needDot = dd === 1 && parts[dd + 1] === "**";
            const splin = needDot ? ["."] : [];
            parts.splice(dd - 1, 2, ...splin);
            if (parts.length === 0)
              parts.push("");
            dd = Math.max(dd - 2, root);
          }
        }
      }
    } while (didSomething);
    return globParts;
  }
  // second phase: multi-pattern dedupes
  // {<pre>/<rest>,<pre>/<rest>} -> <pre>/<rest>
  // {<pre>/*/<rest>,<pre>/<p>/<rest>} -> <pre>/*/<rest>
  secondPhasePreProcess(globParts) {
    const keys = /* @__PURE__ */ new Set();
    const rows = globParts.filter((parts) => {
      const key = parts.join("/");
      if (keys.has(key))
        return false;
      keys.add(key);
      return true;
    });
    const stars = /* @__PURE__ */ new Map();
    for (const parts of rows) {
      const s = [];
      for (let i = 0; i < parts.length; i++) {
        if (parts[i] === "*")
          s.push(i);
      }
      if (s.length)
        stars.set(s.join(","), s);
    }
    if (!stars.size || rows.length * stars.size > 1e5)
      return rows;
    const { dot } = this.options;
    return rows.filter((parts) => {
      for (const s of stars.values()) {
        if (s[s.length - 1] >= parts.length)
          continue;
        const c = [...parts];
        let ok = true;
        let changed = false;
        for (const i of s) {
          const p = parts[i];
          if (p === "*")
            continue;
          if (!p || p === "**" || !dot && p.startsWith(".")) {
            ok = false;
            break;
          }
          c[i] = "*";
          changed = true;
        }
        if (ok && changed && keys.has(c.join("/")))
          return false;
      }
      return true;
    });
  }
  parseNegate() {
    if (this.nonegate)
      return;
    const pattern = this.pattern;
    let negate = false;
    let negateOffset = 0;
    for (let i = 0; i < pattern.length && pattern.charAt(i) === "!"; i++) {
      negate = !negate;
      negateOffset++;
    }
    if (negateOffset)
      this.pattern = pattern.slice(negateOffset);
    this.negate = negate;
  }
  // Match the parts of a path against one row of the set. `resolved`
  // is the parts after level 2 resolves `.` and `..` in them, or the
  // same parts below level 2. Set partial to true to test if, for
  // example, "/a/b" matches the start of "/*/b/*/d". Partial means, if
  // you run out of file before you run out of pattern, then that's
  // fine, as long as all the parts match.
  #matchRow(file, resolved, pattern, partial) {
    let fileStartIndex = 0;
    let patternStartIndex = 0;
    const fh = this.isWindows ? uncHost(resolved) : -1;
    const ph = fh === -1 ? -1 : uncHost(pattern);
    if (ph !== -1) {
      const host = pattern[ph];
      const share = pattern[ph + 1];
      if (typeof host !== "string" || typeof share !== "string") {
        fileStartIndex = fh;
        patternStartIndex = ph;
      } else if (resolved[fh].toLowerCase() === host.toLowerCase() && resolved[fh + 1].toLowerCase() === share.toLowerCase()) {
        fileStartIndex = fh + 2;
        patternStartIndex = ph + 2;
      }
    } else if (this.isWindows) {
      const fileDrive = typeof file[0] === "string" && /^[a-z]:$/i.test(file[0]);
      const fileUNC = !fileDrive && file[0] === "" && file[1] === "" && file[2] === "?" && /^[a-z]:$/i.test(file[3]);
      const patternDrive = typeof pattern[0] === "string" && /^[a-z]:$/i.test(pattern[0]);
      const patternUNC = !patternDrive && pattern[0] === "" && pattern[1] === "" && pattern[2] === "?" && typeof pattern[3] === "string" && /^[a-z]:$/i.test(pattern[3]);
      const fdi = fileUNC ? 3 : fileDrive ? 0 : void 0;
      const pdi = patternUNC ? 3 : patternDrive ? 0 : void 0;
      if (typeof fdi === "number" && typeof pdi === "number") {
        const [fd, pd] = [
          file[fdi],
          pattern[pdi]
        ];
        if (fd.toLowerCase() === pd.toLowerCase()) {
          patternStartIndex = pdi + 1;
          fileStartIndex = fdi + 1;
        }
      }
    }
    file = resolved;
    if (pattern.includes(GLOBSTAR)) {
      return this.#matchGlobstar(file, pattern, partial, fileStartIndex, patternStartIndex);
    }
    return this.#matchOne(file, pattern, partial, fileStartIndex, patternStartIndex);
  }
  #matchGlobstar(file, pattern, partial, fileIndex, patternIndex) {
    const { head, body, tail, segments } = this.#getGlobstarParts(pattern, partial, patternIndex);
    if (head.length) {
      const headEnd = fileIndex + head.length;
      if (!this.#matchOne(file, head, partial, fileIndex, 0, headEnd)) {
        return false;
      }
      fileIndex += head.length;
      patternIndex += head.length;
    }
    let fileTailMatch = 0;
    if (tail.length) {
      if (tail.length + fileIndex > file.length)
        return false;
      let tailStart = file.length - tail.length;
      if (this.#matchOne(file, tail, partial, tailStart, 0)) {
        fileTailMatch = tail.length;
      } else {
        if (file[file.length - 1] !== "" || fileIndex + tail.length === file.length) {
          return false;
        }
        tailStart--;
        if (!this.#matchOne(file, tail, partial, tailStart, 0)) {
          return false;
        }
        fileTailMatch = tail.length + 1;
      }
    }
    if (!body.length) {
      let sawSome = !!fileTailMatch;
      for (let i = fileIndex; i < file.length - fileTailMatch; i++) {
        const f = String(file[i]);
        sawSome = true;
        if (f === "." || f === ".." || !this.options.dot && f.startsWith(".")) {
          return false;
        }
      }
      return partial || sawSome;
    }
    return !!this.#matchGlobStarBodySections(file, segments, file.length - fileTailMatch, fileIndex, 0, partial, 0, !!fileTailMatch, /* @__PURE__ */ new Set());
  }
  // Split the pattern into head, tail, and middle of ** delimited
  // parts. The tail has to be at the end, and the others just have to
  // be found in order from the head. These only depend on the pattern
  // row, so they are kept for the next path.
  #getGlobstarParts(pattern, partial, patternIndex) {
    let byStart = this.#globstarParts.get(pattern);
    if (!byStart) {
      byStart = [];
      this.#globstarParts.set(pattern, byStart);
    }
    const key = patternIndex * 2 + (partial ? 1 : 0);
    const found = byStart[key];
    if (found)
      return found;
    const firstgs = pattern.indexOf(GLOBSTAR, patternIndex);
    const lastgs = pattern.lastIndexOf(GLOBSTAR);
    const head = pattern.slice(patternIndex, firstgs);
    const body = pattern.slice(firstgs + 1, partial ? void 0 : lastgs);
    const tail = partial ? [] : pattern.slice(lastgs + 1);
    const segments = [[[], 0]];
    let current = segments[0];
    let nonGsParts = 0;
    const nonGsPartsSums = [0];
    for (const b of body) {
      if (b === GLOBSTAR) {
        nonGsPartsSums.push(nonGsParts);
        current = [[], 0];
        segments.push(current);
      } else {
        current[0].push(b);
        nonGsParts++;
      }
    }
    segments.forEach((b, i) => {
      b[1] = nonGsParts - nonGsPartsSums[i];
    });
    const parts = { head, body, tail, segments };
    byStart[key] = parts;
    return parts;
  }
  // return false for "nope, not matching"
  // return null for "not matching, cannot keep trying"
  #matchGlobStarBodySections(file, bodySegments, fileLength, fileIndex, bodyIndex, partial, globStarDepth, sawTail, tried) {
    const bs = bodySegments[bodyIndex];
    if (!bs) {
      if (partial) {
        return fileIndex >= fileLength || fileIndex === fileLength - 1 && file[fileIndex] === "";
      }
      for (let i = fileIndex; i < fileLength; i++) {
        sawTail = true;
        const f = file[i];
        if (f === "." || f === ".." || !this.options.dot && f.startsWith(".")) {
          return false;
        }
      }
      return sawTail;
    }
    const [body, need] = bs;
    const after = partial ? fileLength : fileLength - need;
    while (fileIndex <= after) {
      const key = bodyIndex * (file.length + 1) + fileIndex;
      if (tried.has(key))
        return false;
      tried.add(key);
      const m = this.#matchOne(file, body, partial, fileIndex, 0, fileIndex + body.length);
      if (m && globStarDepth < this.maxGlobstarRecursion) {
        const sub = this.#matchGlobStarBodySections(file, bodySegments, fileLength, fileIndex + body.length, bodyIndex + 1, partial, globStarDepth + 1, sawTail, tried);
        if (sub !== false) {
          return sub;
        }
      }
      if (fileIndex === after)
        break;
      const f = file[fileIndex];
      if (f === "." || f === ".." || !this.options.dot && f.startsWith(".")) {
        return false;
      }
      fileIndex++;
    }
    return partial || null;
  }
  #matchOne(file, pattern, partial, fileIndex, patternIndex, fileEnd = file.length) {
    let fi;
    let pi;
    let pl;
    let fl;
    for (fi = fileIndex, pi = patternIndex, fl = Math.min(fileEnd, file.length), pl = pattern.length; fi < fl && pi < pl; fi++, pi++) {
      let p = pattern[pi];
      let f = file[fi];
      if (p === false || p === GLOBSTAR) {
        return false;
      }
      if (!portionMatch(p, f))
        return false;
    }
    if (fi === fl && pi === pl) {
      return true;
    } else if (fi === fl) {
      return partial;
    } else if (pi === pl) {
      return fi === fl - 1 && file[fi] === "";
    } else {
      throw new Error("wtf?");
    }
  }
  braceExpand() {
    return braceExpand(this.pattern, this.options);
  }
  // Expand braces, except numeric ranges such as {0..999} with at
  // least RANGE_MIN values. Each of those stays in its pattern as
  // `<mark>0..999<mark>`, for the Matcher to test. If a range might
  // be inside a [...] class, expand all of them instead.
  #expandBraces() {
    const { pattern } = this;
    if (this.options.nobrace)
      return this.braceExpand();
    let code = 57344;
    while (pattern.includes(String.fromCharCode(code))) {
      if (++code > 63743)
        return this.braceExpand();
    }
    const mark = String.fromCharCode(code);
    let found = false;
    const marked = pattern.replace(rangeRe, (m, lo, hi) => {
      const a = Number(lo);
      const b = Number(hi);
      if (!Number.isSafeInteger(a) || !Number.isSafeInteger(b) || Math.abs(a - b) + 1 < RANGE_MIN) {
        return m;
      }
      found = true;
      return `${mark}${lo}..${hi}${mark}`;
    });
    if (!found)
      return this.braceExpand();
    const set = braceExpand(marked, this.options);
    for (const p of set) {
      for (const portion of p.split("/")) {
        const c = portion.indexOf("[");
        if (c !== -1 && c < portion.lastIndexOf(mark)) {
          return this.braceExpand();
        }
        if (!this.options.noext && inRepeatOrNegExt(portion, mark)) {
          return this.braceExpand();
        }
      }
    }
    this.#rangeMark = mark;
    return set;
  }
  parse(pattern) {
    assertValidPattern(pattern);
    const options2 = this.options;
    if (pattern === "**")
      return GLOBSTAR;
    if (pattern === "")
      return "";
    const { nocase, nocaseMagicOnly, noext = false, dot, normalize: normalize2 } = options2;
    const rangeMark = this.#rangeMark;
    const lit2 = rangeMark && pattern.includes(rangeMark) ? void 0 : literal(pattern, noext);
    if (lit2 !== void 0 && !(nocase && !nocaseMagicOnly && pattern.toUpperCase() !== pattern.toLowerCase())) {
      return this.#norm(lit2);
    }
    if (this.#pending)
      return PENDING;
    let m = this.#matchers.get(pattern);
    if (!m) {
      if (!noext)
        assertValidExtglobs(pattern);
      m = new Matcher(pattern, {
        nocase,
        noext,
        dot,
        normalize: normalize2,
        ...rangeMark && { rangeMark }
      });
      this.#matchers.set(pattern, m);
    }
    return m;
  }
  #slashSplit(p) {
    if (this.preserveMultipleSlashes) {
      return p.split("/");
    } else if (this.isWindows && /^\/\/[^/]+/.test(p)) {
      return ["", ...p.split(/\/+/)];
    } else {
      return p.split(/\/+/);
    }
  }
  match(f, partial = this.partial) {
    if (this.comment) {
      return false;
    }
    if (this.empty) {
      return f === "";
    }
    if (f === "/" && partial) {
      return true;
    }
    const options2 = this.options;
    let split = this.#cachedSplit(f);
    if (!split) {
      if (!partial && !this.#form && (this.#endCheck || this.#literalCheck) && lastChecked !== f) {
        lastChecked = f;
        const can = this.#canMatch(f);
        if (can === "no")
          return options2.flipNegate ? false : this.negate;
        if (can === "yes")
          return options2.flipNegate ? true : !this.negate;
      }
      split = this.#split(f);
    }
    const ff = split.parts;
    const resolved = this.#level2 ? split.resolved ??= this.#levelTwoFileOptimize(ff) : ff;
    const set = this.set;
    let filename = ff[ff.length - 1];
    if (!filename) {
      for (let i = ff.length - 2; !filename && i >= 0; i--) {
        filename = ff[i];
      }
    }
    for (let r = 0; r < set.length; r++) {
      const pattern = set[r];
      const shape = partial ? void 0 : this.#shapes[r];
      const hit = shape === "base" ? portionMatch(pattern[0], filename) : shape ? this.#matchShape(resolved, pattern, shape) : options2.matchBase && pattern.length === 1 ? this.#matchRow([filename], [filename], pattern, partial) : this.#matchRow(ff, resolved, pattern, partial);
      if (hit) {
        if (options2.flipNegate) {
          return true;
        }
        return !this.negate;
      }
    }
    if (options2.flipNegate) {
      return false;
    }
    return this.negate;
  }
  static defaults(def) {
    return minimatch.defaults(def).Minimatch;
  }
};
minimatch.Minimatch = Minimatch;
minimatch.escape = escape;
minimatch.unescape = unescape;

// action-src/exclude.ts
function createExcludeMatcher(patterns) {
  const matchers = patterns.map((pattern) => pattern.trim()).filter((pattern) => pattern !== "").map((pattern) => compilePattern(pattern));
  return (relativePath, isFolder) => matchers.some(
    (matcher) => matcher.match(relativePath) || isFolder && matcher.match(`${relativePath}/`)
  );
}
function compilePattern(pattern) {
  if (pattern.startsWith("!")) {
    throw new Error(
      `invalid exclude pattern "${pattern}": negated patterns are not supported; list only the paths to leave out`
    );
  }
  const relative2 = pattern.replace(/^(\.\/|\/)+/, "");
  return new Minimatch(relative2, { dot: true });
}

// action-src/site-files.ts
async function listSiteFiles(dir, exclude = []) {
  const context = {
    rootRealPath: await resolveRoot(dir),
    isExcluded: createExcludeMatcher(exclude),
    files: []
  };
  const root = context.rootRealPath;
  await walkFolder(context, root, "", /* @__PURE__ */ new Set([root]));
  return context.files;
}
async function resolveRoot(dir) {
  let rootRealPath;
  try {
    rootRealPath = await realpath(dir);
  } catch (error) {
    throw new Error(`site folder not found: ${dir}`, { cause: error });
  }
  if (!(await stat(rootRealPath)).isDirectory()) {
    throw new Error(`site path is not a folder: ${dir}`);
  }
  return rootRealPath;
}
async function walkFolder(context, folderRealPath, prefix2, ancestors) {
  const names = (await readdir(folderRealPath)).sort(compareCodeUnits);
  for (const name of names) {
    const relativePath = prefix2 === "" ? name : `${prefix2}/${name}`;
    if (name === ".git" || context.isExcluded(relativePath, false)) {
      continue;
    }
    const entryPath = path2.join(folderRealPath, name);
    const entry = await resolveEntry(context, entryPath, relativePath);
    await visitEntry(context, entry, relativePath, ancestors);
  }
}
async function visitEntry(context, entry, relativePath, ancestors) {
  if (entry.stats.isFile()) {
    context.files.push({
      name: relativePath,
      sourcePath: entry.realPath,
      stats: entry.stats
    });
    return;
  }
  if (!entry.stats.isDirectory()) {
    throw new Error(
      `unsupported file type in the site folder: ${relativePath} is neither a regular file nor a folder; remove it or add it to exclude`
    );
  }
  if (context.isExcluded(relativePath, true)) {
    return;
  }
  if (ancestors.has(entry.realPath)) {
    throw new Error(
      `symlink loop in the site folder: ${relativePath} points back to ${describeFolder(context, entry.realPath)}`
    );
  }
  const below = new Set(ancestors).add(entry.realPath);
  await walkFolder(context, entry.realPath, relativePath, below);
}
async function resolveEntry(context, entryPath, relativePath) {
  const linkStats = await lstat(entryPath);
  if (!linkStats.isSymbolicLink()) {
    return { realPath: entryPath, stats: linkStats };
  }
  let realPath;
  try {
    realPath = await realpath(entryPath);
  } catch (error) {
    const code = error.code;
    const problem = code === "ELOOP" ? "is a symlink loop" : "is a broken symlink";
    throw new Error(
      `${relativePath} ${problem}; remove it or add it to exclude`,
      {
        cause: error
      }
    );
  }
  checkSymlinkTarget(context, relativePath, realPath);
  return { realPath, stats: await stat(realPath) };
}
function checkSymlinkTarget(context, relativePath, realPath) {
  const fromRoot = path2.relative(context.rootRealPath, realPath);
  const outside = fromRoot === ".." || fromRoot.startsWith(`..${path2.sep}`) || path2.isAbsolute(fromRoot);
  if (outside) {
    throw new Error(
      `${relativePath} is a symlink to ${realPath}, which is outside the site folder; only symlinks within the folder are followed`
    );
  }
  if (fromRoot.split(path2.sep).includes(".git")) {
    throw new Error(
      `${relativePath} is a symlink into a .git folder, which is never deployed`
    );
  }
}
function describeFolder(context, realPath) {
  const fromRoot = path2.relative(context.rootRealPath, realPath);
  return fromRoot === "" ? "the site folder" : fromRoot.split(path2.sep).join("/");
}
function compareCodeUnits(a, b) {
  if (a < b) {
    return -1;
  }
  return a > b ? 1 : 0;
}

// action-src/zip.ts
import path3 from "node:path";

// action-src/archive-output.ts
import { createHash as createHash3 } from "node:crypto";
import { open } from "node:fs/promises";
var ArchiveOutput = class _ArchiveOutput {
  #handle;
  #hash = createHash3("sha256");
  #chunk;
  #spare;
  #used = 0;
  #flushedBytes = 0;
  #writing = Promise.resolve();
  #writeError;
  #closed = false;
  constructor(handle, chunkBytes) {
    this.#handle = handle;
    this.#chunk = Buffer.allocUnsafe(chunkBytes);
    this.#spare = Buffer.allocUnsafe(chunkBytes);
  }
  /**
   * Creates the file at `filePath`.
   *
   * @throws Error when the file exists already or cannot be created.
   */
  static async create(filePath, chunkBytes) {
    return new _ArchiveOutput(await open(filePath, "wx"), chunkBytes);
  }
  /** Number of bytes appended so far, which is the offset of the next one. */
  get offset() {
    return this.#flushedBytes + this.#used;
  }
  /** Copies `bytes` to the end of the file. */
  async append(bytes) {
    let copied = 0;
    while (copied < bytes.length) {
      if (this.#used === this.#chunk.length) {
        await this.#flush();
      }
      const count = Math.min(
        bytes.length - copied,
        this.#chunk.length - this.#used
      );
      this.#chunk.set(bytes.subarray(copied, copied + count), this.#used);
      copied += count;
      this.#used += count;
    }
  }
  /**
   * Appends bytes that `read` puts straight into the free part of the
   * buffer, which saves a copy. `read` returns how many bytes it wrote at
   * the start of its target, and 0 once it has no more.
   *
   * @returns The number of bytes appended.
   */
  async appendFrom(read) {
    let total = 0;
    for (; ; ) {
      if (this.#used === this.#chunk.length) {
        await this.#flush();
      }
      const count = await read(this.#chunk.subarray(this.#used));
      if (count === 0) {
        return total;
      }
      this.#used += count;
      total += count;
    }
  }
  /**
   * Writes what is left, closes the file and returns the SHA-256 (lowercase
   * hex) and size of everything appended.
   */
  async finish() {
    await this.#flush();
    await this.#settleWrite();
    this.#closed = true;
    await this.#handle.close();
    return { sha256: this.#hash.digest("hex"), bytes: this.#flushedBytes };
  }
  /**
   * Waits for a write in progress and closes the file, without reporting
   * errors. Does nothing after {@link finish} or an earlier call.
   */
  async abort() {
    if (this.#closed) {
      return;
    }
    this.#closed = true;
    await this.#writing;
    await this.#handle.close().catch(() => {
    });
  }
  /** Hands the filled part of the buffer to a write and swaps the buffers. */
  async #flush() {
    await this.#settleWrite();
    const filled = this.#chunk.subarray(0, this.#used);
    this.#hash.update(filled);
    this.#writing = writeFully(this.#handle, filled).catch((error) => {
      this.#writeError = error;
    });
    this.#flushedBytes += this.#used;
    [this.#chunk, this.#spare] = [this.#spare, this.#chunk];
    this.#used = 0;
  }
  async #settleWrite() {
    await this.#writing;
    if (this.#writeError !== void 0) {
      throw this.#writeError;
    }
  }
};
async function writeFully(handle, bytes) {
  let written = 0;
  while (written < bytes.length) {
    const result = await handle.write(bytes, written, bytes.length - written);
    written += result.bytesWritten;
  }
}

// action-src/zip-entry.ts
import { once } from "node:events";
import { closeSync, openSync, readSync } from "node:fs";
import { open as open2 } from "node:fs/promises";
import {
  crc32,
  createDeflateRaw,
  deflateRawSync
} from "node:zlib";

// action-src/zip-records.ts
var METHOD_STORED = 0;
var METHOD_DEFLATED = 8;
var ZIP64_MARKER = 4294967295;
var ZIP64_COUNT_MARKER = 65535;
var VERSION_NEEDED = 20;
var VERSION_NEEDED_ZIP64 = 45;
var VERSION_MADE_BY = 3 << 8 | 45;
var FLAG_DATA_DESCRIPTOR = 1 << 3;
var FLAG_UTF8_NAME = 1 << 11;
var SIGNATURE_LOCAL_HEADER = 67324752;
var SIGNATURE_DATA_DESCRIPTOR = 134695760;
var SIGNATURE_CENTRAL_HEADER = 33639248;
var SIGNATURE_ZIP64_END = 101075792;
var SIGNATURE_ZIP64_LOCATOR = 117853008;
var SIGNATURE_END = 101010256;
var LOCAL_HEADER_BYTES = 30;
var CENTRAL_HEADER_BYTES = 46;
var END_BYTES = 22;
var ZIP64_END_BYTES = 56;
var ZIP64_LOCATOR_BYTES = 20;
var ZIP64_EXTRA_ID = 1;
var ZIP64_CENTRAL_EXTRA_BYTES = 28;
var ZIP64_LOCAL_EXTRA_BYTES = 20;
var S_IFREG = 32768;
var DOS_ARCHIVE = 32;
var DOS_MIN = 2162688;
var DOS_MAX = 2141175677;
function entryHeader(name, stats, options2) {
  const encoded = Buffer.from(name, "utf8");
  if (encoded.length > 65535) {
    throw new Error(`entry name is longer than 65,535 bytes: ${name}`);
  }
  return {
    ...options2,
    name: encoded,
    dosDateTime: toDosDateTime(stats.mtime),
    mode: stats.mode & 4095
  };
}
function toDosDateTime(date) {
  const year = date.getUTCFullYear();
  if (year < 1980) {
    return DOS_MIN;
  }
  if (year >= 2044) {
    return DOS_MAX;
  }
  const dosDate = year - 1980 << 9 | date.getUTCMonth() + 1 << 5 | date.getUTCDate();
  const dosTime = date.getUTCHours() << 11 | date.getUTCMinutes() << 5 | date.getUTCSeconds() >> 1;
  return (dosDate << 16 | dosTime) >>> 0;
}
function localFileHeader(header, sizes) {
  const extraBytes = header.zip64 ? ZIP64_LOCAL_EXTRA_BYTES : 0;
  const record = zeroed(LOCAL_HEADER_BYTES + header.name.length + extraBytes);
  record.writeUInt32LE(SIGNATURE_LOCAL_HEADER, 0);
  record.writeUInt16LE(versionNeeded(header.zip64), 4);
  record.writeUInt16LE(flags(header), 6);
  record.writeUInt16LE(header.method, 8);
  record.writeUInt32LE(header.dosDateTime, 10);
  if (header.zip64) {
    record.writeUInt32LE(ZIP64_MARKER, 18);
    record.writeUInt32LE(ZIP64_MARKER, 22);
  } else if (!header.dataDescriptor && sizes !== void 0) {
    record.writeUInt32LE(sizes.crc32, 14);
    record.writeUInt32LE(sizes.compressedSize, 18);
    record.writeUInt32LE(sizes.size, 22);
  }
  record.writeUInt16LE(header.name.length, 26);
  record.writeUInt16LE(extraBytes, 28);
  header.name.copy(record, LOCAL_HEADER_BYTES);
  if (header.zip64) {
    const extra = LOCAL_HEADER_BYTES + header.name.length;
    record.writeUInt16LE(ZIP64_EXTRA_ID, extra);
    record.writeUInt16LE(ZIP64_LOCAL_EXTRA_BYTES - 4, extra + 2);
  }
  return record;
}
function dataDescriptor(header, sizes) {
  if (!header.zip64 && needsZip64Sizes(sizes)) {
    throw new Error(
      `${header.name.toString("utf8")} grew past 4 GiB while it was being packed; pack the site again once the file stops changing`
    );
  }
  const sizeBytes = header.zip64 ? 8 : 4;
  const record = zeroed(8 + 2 * sizeBytes);
  record.writeUInt32LE(SIGNATURE_DATA_DESCRIPTOR, 0);
  record.writeUInt32LE(sizes.crc32, 4);
  if (header.zip64) {
    record.writeBigUInt64LE(BigInt(sizes.compressedSize), 8);
    record.writeBigUInt64LE(BigInt(sizes.size), 16);
  } else {
    record.writeUInt32LE(sizes.compressedSize, 8);
    record.writeUInt32LE(sizes.size, 12);
  }
  return record;
}
function centralDirectoryHeader(header, sizes, localHeaderOffset) {
  const zip64 = header.zip64 || needsZip64Sizes(sizes) || localHeaderOffset >= ZIP64_MARKER;
  const extraBytes = zip64 ? ZIP64_CENTRAL_EXTRA_BYTES : 0;
  const record = zeroed(CENTRAL_HEADER_BYTES + header.name.length + extraBytes);
  record.writeUInt32LE(SIGNATURE_CENTRAL_HEADER, 0);
  record.writeUInt16LE(VERSION_MADE_BY, 4);
  record.writeUInt16LE(versionNeeded(zip64), 6);
  record.writeUInt16LE(flags(header), 8);
  record.writeUInt16LE(header.method, 10);
  record.writeUInt32LE(header.dosDateTime, 12);
  record.writeUInt32LE(sizes.crc32, 16);
  record.writeUInt32LE(zip64 ? ZIP64_MARKER : sizes.compressedSize, 20);
  record.writeUInt32LE(zip64 ? ZIP64_MARKER : sizes.size, 24);
  record.writeUInt16LE(header.name.length, 28);
  record.writeUInt16LE(extraBytes, 30);
  const externalAttributes = (S_IFREG | header.mode) << 16 | DOS_ARCHIVE;
  record.writeUInt32LE(externalAttributes >>> 0, 38);
  record.writeUInt32LE(zip64 ? ZIP64_MARKER : localHeaderOffset, 42);
  header.name.copy(record, CENTRAL_HEADER_BYTES);
  if (zip64) {
    const extra = CENTRAL_HEADER_BYTES + header.name.length;
    record.writeUInt16LE(ZIP64_EXTRA_ID, extra);
    record.writeUInt16LE(ZIP64_CENTRAL_EXTRA_BYTES - 4, extra + 2);
    record.writeBigUInt64LE(BigInt(sizes.size), extra + 4);
    record.writeBigUInt64LE(BigInt(sizes.compressedSize), extra + 12);
    record.writeBigUInt64LE(BigInt(localHeaderOffset), extra + 20);
  }
  return record;
}
function endOfCentralDirectory(entryCount, directoryBytes, directoryOffset) {
  const zip64 = entryCount >= ZIP64_COUNT_MARKER || directoryBytes >= ZIP64_MARKER || directoryOffset >= ZIP64_MARKER;
  const end = Buffer.alloc(END_BYTES);
  end.writeUInt32LE(SIGNATURE_END, 0);
  const count = zip64 ? ZIP64_COUNT_MARKER : entryCount;
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(zip64 ? ZIP64_MARKER : directoryBytes, 12);
  end.writeUInt32LE(zip64 ? ZIP64_MARKER : directoryOffset, 16);
  if (!zip64) {
    return end;
  }
  const zip64End = Buffer.alloc(ZIP64_END_BYTES + ZIP64_LOCATOR_BYTES);
  zip64End.writeUInt32LE(SIGNATURE_ZIP64_END, 0);
  zip64End.writeBigUInt64LE(BigInt(ZIP64_END_BYTES - 12), 4);
  zip64End.writeUInt16LE(VERSION_MADE_BY, 12);
  zip64End.writeUInt16LE(VERSION_NEEDED_ZIP64, 14);
  zip64End.writeBigUInt64LE(BigInt(entryCount), 24);
  zip64End.writeBigUInt64LE(BigInt(entryCount), 32);
  zip64End.writeBigUInt64LE(BigInt(directoryBytes), 40);
  zip64End.writeBigUInt64LE(BigInt(directoryOffset), 48);
  const locator = ZIP64_END_BYTES;
  zip64End.writeUInt32LE(SIGNATURE_ZIP64_LOCATOR, locator);
  const zip64EndOffset = directoryOffset + directoryBytes;
  zip64End.writeBigUInt64LE(BigInt(zip64EndOffset), locator + 8);
  zip64End.writeUInt32LE(1, locator + 16);
  return Buffer.concat([zip64End, end]);
}
function zeroed(bytes) {
  return Buffer.allocUnsafe(bytes).fill(0);
}
function needsZip64Sizes(sizes) {
  return sizes.size >= ZIP64_MARKER || sizes.compressedSize >= ZIP64_MARKER;
}
function versionNeeded(zip64) {
  return zip64 ? VERSION_NEEDED_ZIP64 : VERSION_NEEDED;
}
function flags(header) {
  const utf8 = header.name.some((byte) => byte >= 128);
  return (header.dataDescriptor ? FLAG_DATA_DESCRIPTOR : 0) | (utf8 ? FLAG_UTF8_NAME : 0);
}

// action-src/zip-entry.ts
var DEFLATE_LEVEL = 6;
var MIB = 1024 * 1024;
var MAX_BUFFERED_FILE_BYTES = MIB;
var STREAM_CHUNK_BYTES = MIB;
var ZIP64_STREAM_MIN_BYTES = 2048 * MIB;
var EntryWriter = class {
  #output;
  #readBuffer;
  #streamBuffer;
  constructor(output) {
    this.#output = output;
  }
  /**
   * Appends the entry for `file`. Files up to 1 MiB are read whole and get
   * their sizes in the local header. Larger files, and files that have
   * grown past 1 MiB since they were listed, are streamed and followed by a
   * data descriptor.
   *
   * @throws Error naming the file when it cannot be opened or read.
   */
  async append(file, method) {
    if (file.stats.size <= MAX_BUFFERED_FILE_BYTES) {
      const written = await this.#appendBuffered(file, method);
      if (written !== void 0) {
        return written;
      }
    }
    return this.#appendStreamed(file, method);
  }
  /**
   * Appends the entry if the file fits the read buffer, and otherwise
   * returns undefined, having appended nothing.
   */
  async #appendBuffered(file, method) {
    this.#readBuffer ??= Buffer.allocUnsafe(MAX_BUFFERED_FILE_BYTES + 1);
    const size = readWhole(file, this.#readBuffer);
    if (size === this.#readBuffer.length) {
      return void 0;
    }
    const content = this.#readBuffer.subarray(0, size);
    const data = method === METHOD_STORED ? content : deflateRawSync(content, { level: DEFLATE_LEVEL });
    const header = entryHeader(file.name, file.stats, {
      method,
      dataDescriptor: false,
      zip64: false
    });
    const sizes = { crc32: crc32(content), compressedSize: data.length, size };
    const offset = this.#output.offset;
    await this.#output.append(localFileHeader(header, sizes));
    await this.#output.append(data);
    return { header, sizes, offset };
  }
  async #appendStreamed(file, method) {
    const header = entryHeader(file.name, file.stats, {
      method,
      dataDescriptor: true,
      zip64: file.stats.size >= ZIP64_STREAM_MIN_BYTES
    });
    const handle = await open2(file.sourcePath, "r").catch((error) => {
      throw readError(file, error);
    });
    try {
      const offset = this.#output.offset;
      await this.#output.append(localFileHeader(header, void 0));
      const sizes = await this.#appendFileData(file, handle, method);
      await this.#output.append(dataDescriptor(header, sizes));
      return { header, sizes, offset };
    } finally {
      await handle.close();
    }
  }
  async #appendFileData(file, handle, method) {
    const sizes = { crc32: 0, compressedSize: 0, size: 0 };
    const readChunk = async (target) => {
      const { bytesRead } = await handle.read(target, 0, target.length).catch((error) => {
        throw readError(file, error);
      });
      sizes.crc32 = crc32(target.subarray(0, bytesRead), sizes.crc32);
      sizes.size += bytesRead;
      return bytesRead;
    };
    if (method === METHOD_STORED) {
      sizes.compressedSize = await this.#output.appendFrom(readChunk);
    } else {
      this.#streamBuffer ??= Buffer.allocUnsafe(STREAM_CHUNK_BYTES);
      sizes.compressedSize = await appendDeflated(
        readChunk,
        this.#streamBuffer,
        this.#output
      );
    }
    return sizes;
  }
};
function readWhole(file, buffer) {
  let fd;
  try {
    fd = openSync(file.sourcePath, "r");
    let total = 0;
    while (total < buffer.length) {
      const count = readSync(fd, buffer, total, buffer.length - total, null);
      if (count === 0) {
        break;
      }
      total += count;
    }
    return total;
  } catch (error) {
    throw readError(file, error);
  } finally {
    if (fd !== void 0) {
      closeSync(fd);
    }
  }
}
async function appendDeflated(readChunk, buffer, output) {
  const deflater = createDeflateRaw({ level: DEFLATE_LEVEL });
  const compressed = [];
  deflater.on("data", (chunk) => compressed.push(chunk));
  const ended = once(deflater, "end");
  ended.catch(() => {
  });
  let compressedSize = 0;
  const appendCompressed = async () => {
    for (const chunk of compressed.splice(0)) {
      compressedSize += chunk.length;
      await output.append(chunk);
    }
  };
  try {
    for (; ; ) {
      const count = await readChunk(buffer);
      if (count === 0) {
        break;
      }
      await deflateChunk(deflater, buffer.subarray(0, count));
      await appendCompressed();
    }
    deflater.end();
    await ended;
    await appendCompressed();
    return compressedSize;
  } finally {
    deflater.destroy();
  }
}
function deflateChunk(deflater, chunk) {
  return new Promise((resolve2, reject) => {
    deflater.write(chunk, (error) => error ? reject(error) : resolve2());
  });
}
function readError(file, error) {
  return new Error(`failed to read ${file.name}: ${errorMessage(error)}`, {
    cause: error
  });
}

// action-src/zip.ts
var OUTPUT_CHUNK_BYTES = 256 * 1024;
var STORED_EXTENSIONS = /* @__PURE__ */ new Set([
  ".png",
  ".jpg",
  ".jpeg",
  ".gif",
  ".webp",
  ".avif",
  ".woff",
  ".woff2",
  ".zip",
  ".gz",
  ".br",
  ".zst",
  ".mp4",
  ".webm",
  ".mp3",
  ".ogg",
  ".pdf"
]);
function isPrecompressed(name) {
  return STORED_EXTENSIONS.has(path3.posix.extname(name).toLowerCase());
}
async function writeZip(files, archivePath) {
  const output = await ArchiveOutput.create(archivePath, OUTPUT_CHUNK_BYTES);
  try {
    await writeEntries(files, output);
    return await output.finish();
  } finally {
    await output.abort();
  }
}
async function writeEntries(files, output) {
  const entries = new EntryWriter(output);
  const directory = new CentralDirectory();
  for (const file of files) {
    const method = compressionMethod(file.name);
    const { header, sizes, offset } = await entries.append(file, method);
    directory.add(centralDirectoryHeader(header, sizes, offset));
  }
  await directory.appendTo(output);
}
function compressionMethod(name) {
  return isPrecompressed(name) ? METHOD_STORED : METHOD_DEFLATED;
}
var CentralDirectory = class _CentralDirectory {
  static #BLOCK_BYTES = 64 * 1024;
  #blocks = [];
  #block = Buffer.alloc(0);
  #blockUsed = 0;
  #entries = 0;
  add(header) {
    if (this.#block.length - this.#blockUsed < header.length) {
      this.#keepBlock();
      const bytes = Math.max(_CentralDirectory.#BLOCK_BYTES, header.length);
      this.#block = Buffer.allocUnsafe(bytes);
    }
    header.copy(this.#block, this.#blockUsed);
    this.#blockUsed += header.length;
    this.#entries += 1;
  }
  /** Appends the headers, then the end of central directory records. */
  async appendTo(output) {
    this.#keepBlock();
    const directoryOffset = output.offset;
    for (const block of this.#blocks) {
      await output.append(block);
    }
    const directoryBytes = output.offset - directoryOffset;
    await output.append(
      endOfCentralDirectory(this.#entries, directoryBytes, directoryOffset)
    );
  }
  /** Moves the filled part of the current block to the finished blocks. */
  #keepBlock() {
    if (this.#blockUsed > 0) {
      this.#blocks.push(this.#block.subarray(0, this.#blockUsed));
    }
    this.#block = Buffer.alloc(0);
    this.#blockUsed = 0;
  }
};

// action-src/pack.ts
async function packSite(dir, options2 = {}) {
  const files = await listSiteFiles(dir, options2.exclude);
  if (files.length === 0) {
    throw new Error(
      `site folder ${dir} contains no files to deploy after leaving out .git and the exclude patterns`
    );
  }
  const tempDir = await mkdtemp(path4.join(os.tmpdir(), "static-deploy-"));
  const remove = () => rm(tempDir, { recursive: true, force: true });
  const archivePath = path4.join(tempDir, "site.zip");
  try {
    const { sha256, bytes } = await writeZip(files, archivePath);
    return { archivePath, sha256, bytes, files: files.length, remove };
  } catch (error) {
    await remove();
    throw new Error(`failed to pack ${dir}: ${errorMessage(error)}`, {
      cause: error
    });
  }
}

// action-src/archive-source.ts
async function prepareArchive(source, log) {
  if (source.path === void 0 === (source.archivePath === void 0)) {
    throw new TypeError("set either a site folder path or an archivePath");
  }
  if (source.archivePath !== void 0) {
    return inspectPrebuilt(source.archivePath, log);
  }
  const startedMs = performance.now();
  const packed = await packSite(source.path, {
    exclude: source.exclude
  });
  const ms = Math.round(performance.now() - startedMs);
  log.info(
    `packed ${packed.files} files from ${source.path} into a ${packed.bytes}-byte archive in ${ms} ms`
  );
  return packed;
}
async function inspectPrebuilt(archivePath, log) {
  const files = await countZipFiles(archivePath);
  const { sha256, bytes } = await hashFile(archivePath);
  log.info(
    `sending the prebuilt archive ${archivePath}: ${files} files, ${bytes} bytes`
  );
  return { archivePath, sha256, bytes, files, remove: async () => {
  } };
}
async function countZipFiles(archivePath) {
  let zipFile;
  try {
    zipFile = await import_yauzl.default.openPromise(archivePath, { lazyEntries: true });
  } catch (error) {
    throw new Error(`invalid archive ${archivePath}: ${errorMessage(error)}`, {
      cause: error
    });
  }
  return new Promise((resolve2, reject) => {
    let files = 0;
    zipFile.on("entry", (entry) => {
      if (!entry.fileName.endsWith("/")) {
        files += 1;
      }
      zipFile.readEntry();
    });
    zipFile.on("end", () => resolve2(files));
    zipFile.on(
      "error",
      (error) => reject(new Error(`invalid archive ${archivePath}: ${error.message}`))
    );
    zipFile.readEntry();
  });
}

// action-src/multipart.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { createReadStream as createReadStream2 } from "node:fs";
import { Readable } from "node:stream";
var ARCHIVE_FILE_NAME = "site.zip";
function multipartArchiveBody(archivePath, archiveBytes) {
  const boundary = `static-deploy-${randomBytes2(24).toString("hex")}`;
  const preamble = Buffer.from(
    `--${boundary}\r
Content-Disposition: form-data; name="${ARCHIVE_FIELD}"; filename="${ARCHIVE_FILE_NAME}"\r
Content-Type: application/zip\r
\r
`
  );
  const epilogue = Buffer.from(`\r
--${boundary}--\r
`);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    contentLength: preamble.length + archiveBytes + epilogue.length,
    open: () => Readable.from(bodyChunks(archivePath, preamble, epilogue), {
      objectMode: false
    })
  };
}
async function* bodyChunks(archivePath, preamble, epilogue) {
  yield preamble;
  yield* createReadStream2(archivePath);
  yield epilogue;
}

// action-src/upload.ts
async function uploadArchive(options2) {
  const endpoint = deployEndpoint(options2.url);
  const body = multipartArchiveBody(options2.archivePath, options2.archiveBytes);
  return sendWithRetries(
    {
      endpoint,
      description: "the deploy",
      attempt: (timeoutMs) => attemptUpload(options2, endpoint, body, timeoutMs)
    },
    options2
  );
}
async function attemptUpload(options2, endpoint, body, timeoutMs) {
  const signed = signedHeaders(options2.secrets, {
    operation: options2.operation ?? "deploy",
    target: options2.site,
    deploymentId: options2.deploymentId,
    timestampSeconds: (options2.clock ?? nowSeconds)(),
    contentSha256: options2.archiveSha256,
    metadata: options2.metadata
  });
  const response = await postStream(endpoint, {
    headers: {
      ...signed,
      accept: "application/json",
      "content-type": body.contentType,
      "content-length": body.contentLength,
      "user-agent": "static-deploy"
    },
    body: body.open(),
    timeoutMs
  });
  return interpretResponse(response, options2);
}

// action-src/deploy.ts
async function deploy(options2) {
  const startedMs = performance.now();
  const target = checkTarget(options2);
  const log = options2.log ?? SILENT_LOGGER;
  const archive = await prepareArchive(options2, log);
  try {
    const deploymentId = newDeploymentId();
    const sent = options2.dryRun ? signOnly(options2, target, archive, deploymentId) : await send(options2, target, archive, deploymentId);
    return {
      ...sent,
      deploymentId,
      operation: target.operation,
      files: sent.files ?? archive.files,
      archiveBytes: archive.bytes,
      archiveSha256: archive.sha256,
      durationMs: Math.round(performance.now() - startedMs)
    };
  } finally {
    await archive.remove();
  }
}
function signOnly(options2, target, archive, deploymentId) {
  const headers = signedHeaders(options2.secrets, {
    operation: target.operation,
    target: target.site,
    deploymentId,
    timestampSeconds: (options2.clock ?? nowSeconds)(),
    contentSha256: archive.sha256,
    metadata: target.metadata
  });
  const log = options2.log ?? SILENT_LOGGER;
  log.info(`dry run: deployment ${deploymentId} was signed but not sent`);
  return { dryRun: true, request: { url: target.endpoint.href, headers } };
}
async function send(options2, target, archive, deploymentId) {
  const log = options2.log ?? SILENT_LOGGER;
  const { endpoint } = target;
  log.info(
    `uploading deployment ${deploymentId} of site ${target.site} to ${endpoint.origin}${endpoint.pathname}`
  );
  const result = await uploadArchive({
    ...options2,
    site: target.site,
    operation: target.operation,
    metadata: target.metadata,
    deploymentId,
    archivePath: archive.archivePath,
    archiveBytes: archive.bytes,
    archiveSha256: archive.sha256
  });
  const state = result.activated ? "live" : "staged, not live";
  log.info(`receiver created release ${result.release} (${state})`);
  return {
    release: result.release,
    activated: result.activated,
    files: result.files,
    dryRun: false
  };
}
function checkTarget(options2) {
  const site = checkSiteName(options2.site ?? DEFAULT_SITE);
  const endpoint = deployEndpoint(options2.url);
  return {
    site,
    operation: options2.activate === false ? "stage" : "deploy",
    endpoint,
    metadata: encodeOptionalMetadata(options2.metadata)
  };
}
function encodeOptionalMetadata(metadata) {
  if (metadata === void 0 || Object.keys(metadata).length === 0) {
    return void 0;
  }
  const encoded = encodeMetadata(metadata);
  if (!METADATA_PATTERN.test(encoded)) {
    throw new TypeError(
      `deployment metadata is ${encoded.length} characters once encoded, more than the header allows (8192); shorten the message`
    );
  }
  return encoded;
}

// node_modules/@actions/exec/lib/exec.js
import { StringDecoder } from "string_decoder";

// node_modules/@actions/exec/lib/toolrunner.js
import * as os2 from "os";
import * as events from "events";
import * as child from "child_process";
import * as path7 from "path";

// node_modules/@actions/io/lib/io.js
import * as path6 from "path";

// node_modules/@actions/io/lib/io-util.js
import * as fs from "fs";
import * as path5 from "path";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve2) {
      resolve2(value);
    });
  }
  return new (P || (P = Promise))(function(resolve2, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve2(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { chmod, copyFile, lstat: lstat2, mkdir, open: open3, readdir: readdir2, rename, rm: rm2, rmdir, stat: stat2, symlink, unlink } = fs.promises;
var IS_WINDOWS = process.platform === "win32";
var READONLY = fs.constants.O_RDONLY;
function exists(fsPath) {
  return __awaiter(this, void 0, void 0, function* () {
    try {
      yield stat2(fsPath);
    } catch (err) {
      if (err.code === "ENOENT") {
        return false;
      }
      throw err;
    }
    return true;
  });
}
function isRooted(p) {
  p = normalizeSeparators(p);
  if (!p) {
    throw new Error('isRooted() parameter "p" cannot be empty');
  }
  if (IS_WINDOWS) {
    return p.startsWith("\\") || /^[A-Z]:/i.test(p);
  }
  return p.startsWith("/");
}
function tryGetExecutablePath(filePath, extensions) {
  return __awaiter(this, void 0, void 0, function* () {
    let stats = void 0;
    try {
      stats = yield stat2(filePath);
    } catch (err) {
      if (err.code !== "ENOENT") {
        console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
      }
    }
    if (stats && stats.isFile()) {
      if (IS_WINDOWS) {
        const upperExt = path5.extname(filePath).toUpperCase();
        if (extensions.some((validExt) => validExt.toUpperCase() === upperExt)) {
          return filePath;
        }
      } else {
        if (isUnixExecutable(stats)) {
          return filePath;
        }
      }
    }
    const originalFilePath = filePath;
    for (const extension of extensions) {
      filePath = originalFilePath + extension;
      stats = void 0;
      try {
        stats = yield stat2(filePath);
      } catch (err) {
        if (err.code !== "ENOENT") {
          console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
        }
      }
      if (stats && stats.isFile()) {
        if (IS_WINDOWS) {
          try {
            const directory = path5.dirname(filePath);
            const upperName = path5.basename(filePath).toUpperCase();
            for (const actualName of yield readdir2(directory)) {
              if (upperName === actualName.toUpperCase()) {
                filePath = path5.join(directory, actualName);
                break;
              }
            }
          } catch (err) {
            console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
          }
          return filePath;
        } else {
          if (isUnixExecutable(stats)) {
            return filePath;
          }
        }
      }
    }
    return "";
  });
}
function normalizeSeparators(p) {
  p = p || "";
  if (IS_WINDOWS) {
    p = p.replace(/\//g, "\\");
    return p.replace(/\\\\+/g, "\\");
  }
  return p.replace(/\/\/+/g, "/");
}
function isUnixExecutable(stats) {
  return (stats.mode & 1) > 0 || (stats.mode & 8) > 0 && process.getgid !== void 0 && stats.gid === process.getgid() || (stats.mode & 64) > 0 && process.getuid !== void 0 && stats.uid === process.getuid();
}

// node_modules/@actions/io/lib/io.js
var __awaiter2 = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve2) {
      resolve2(value);
    });
  }
  return new (P || (P = Promise))(function(resolve2, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve2(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
function which(tool, check) {
  return __awaiter2(this, void 0, void 0, function* () {
    if (!tool) {
      throw new Error("parameter 'tool' is required");
    }
    if (check) {
      const result = yield which(tool, false);
      if (!result) {
        if (IS_WINDOWS) {
          throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
        } else {
          throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
        }
      }
      return result;
    }
    const matches = yield findInPath(tool);
    if (matches && matches.length > 0) {
      return matches[0];
    }
    return "";
  });
}
function findInPath(tool) {
  return __awaiter2(this, void 0, void 0, function* () {
    if (!tool) {
      throw new Error("parameter 'tool' is required");
    }
    const extensions = [];
    if (IS_WINDOWS && process.env["PATHEXT"]) {
      for (const extension of process.env["PATHEXT"].split(path6.delimiter)) {
        if (extension) {
          extensions.push(extension);
        }
      }
    }
    if (isRooted(tool)) {
      const filePath = yield tryGetExecutablePath(tool, extensions);
      if (filePath) {
        return [filePath];
      }
      return [];
    }
    if (tool.includes(path6.sep)) {
      return [];
    }
    const directories = [];
    if (process.env.PATH) {
      for (const p of process.env.PATH.split(path6.delimiter)) {
        if (p) {
          directories.push(p);
        }
      }
    }
    const matches = [];
    for (const directory of directories) {
      const filePath = yield tryGetExecutablePath(path6.join(directory, tool), extensions);
      if (filePath) {
        matches.push(filePath);
      }
    }
    return matches;
  });
}

// node_modules/@actions/exec/lib/toolrunner.js
import { setTimeout as setTimeout2 } from "timers";
var __awaiter3 = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve2) {
      resolve2(value);
    });
  }
  return new (P || (P = Promise))(function(resolve2, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve2(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var IS_WINDOWS2 = process.platform === "win32";
var ToolRunner = class extends events.EventEmitter {
  constructor(toolPath, args, options2) {
    super();
    if (!toolPath) {
      throw new Error("Parameter 'toolPath' cannot be null or empty.");
    }
    this.toolPath = toolPath;
    this.args = args || [];
    this.options = options2 || {};
  }
  _debug(message) {
    if (this.options.listeners && this.options.listeners.debug) {
      this.options.listeners.debug(message);
    }
  }
  _getCommandString(options2, noPrefix) {
    const toolPath = this._getSpawnFileName();
    const args = this._getSpawnArgs(options2);
    let cmd = noPrefix ? "" : "[command]";
    if (IS_WINDOWS2) {
      if (this._isCmdFile()) {
        cmd += toolPath;
        for (const a of args) {
          cmd += ` ${a}`;
        }
      } else if (options2.windowsVerbatimArguments) {
        cmd += `"${toolPath}"`;
        for (const a of args) {
          cmd += ` ${a}`;
        }
      } else {
        cmd += this._windowsQuoteCmdArg(toolPath);
        for (const a of args) {
          cmd += ` ${this._windowsQuoteCmdArg(a)}`;
        }
      }
    } else {
      cmd += toolPath;
      for (const a of args) {
        cmd += ` ${a}`;
      }
    }
    return cmd;
  }
  _processLineBuffer(data, strBuffer, onLine) {
    try {
      let s = strBuffer + data.toString();
      let n = s.indexOf(os2.EOL);
      while (n > -1) {
        const line = s.substring(0, n);
        onLine(line);
        s = s.substring(n + os2.EOL.length);
        n = s.indexOf(os2.EOL);
      }
      return s;
    } catch (err) {
      this._debug(`error processing line. Failed with error ${err}`);
      return "";
    }
  }
  _getSpawnFileName() {
    if (IS_WINDOWS2) {
      if (this._isCmdFile()) {
        return process.env["COMSPEC"] || "cmd.exe";
      }
    }
    return this.toolPath;
  }
  _getSpawnArgs(options2) {
    if (IS_WINDOWS2) {
      if (this._isCmdFile()) {
        let argline = `/D /S /C "${this._windowsQuoteCmdArg(this.toolPath)}`;
        for (const a of this.args) {
          argline += " ";
          argline += options2.windowsVerbatimArguments ? a : this._windowsQuoteCmdArg(a);
        }
        argline += '"';
        return [argline];
      }
    }
    return this.args;
  }
  _endsWith(str, end) {
    return str.endsWith(end);
  }
  _isCmdFile() {
    const upperToolPath = this.toolPath.toUpperCase();
    return this._endsWith(upperToolPath, ".CMD") || this._endsWith(upperToolPath, ".BAT");
  }
  _windowsQuoteCmdArg(arg) {
    if (!this._isCmdFile()) {
      return this._uvQuoteCmdArg(arg);
    }
    if (!arg) {
      return '""';
    }
    const cmdSpecialChars = [
      " ",
      "	",
      "&",
      "(",
      ")",
      "[",
      "]",
      "{",
      "}",
      "^",
      "=",
      ";",
      "!",
      "'",
      "+",
      ",",
      "`",
      "~",
      "|",
      "<",
      ">",
      '"'
    ];
    let needsQuotes = false;
    for (const char of arg) {
      if (cmdSpecialChars.some((x) => x === char)) {
        needsQuotes = true;
        break;
      }
    }
    if (!needsQuotes) {
      return arg;
    }
    let reverse = '"';
    let quoteHit = true;
    for (let i = arg.length; i > 0; i--) {
      reverse += arg[i - 1];
      if (quoteHit && arg[i - 1] === "\\") {
        reverse += "\\";
      } else if (arg[i - 1] === '"') {
        quoteHit = true;
        reverse += '"';
      } else {
        quoteHit = false;
      }
    }
    reverse += '"';
    return reverse.split("").reverse().join("");
  }
  _uvQuoteCmdArg(arg) {
    if (!arg) {
      return '""';
    }
    if (!arg.includes(" ") && !arg.includes("	") && !arg.includes('"')) {
      return arg;
    }
    if (!arg.includes('"') && !arg.includes("\\")) {
      return `"${arg}"`;
    }
    let reverse = '"';
    let quoteHit = true;
    for (let i = arg.length; i > 0; i--) {
      reverse += arg[i - 1];
      if (quoteHit && arg[i - 1] === "\\") {
        reverse += "\\";
      } else if (arg[i - 1] === '"') {
        quoteHit = true;
        reverse += "\\";
      } else {
        quoteHit = false;
      }
    }
    reverse += '"';
    return reverse.split("").reverse().join("");
  }
  _cloneExecOptions(options2) {
    options2 = options2 || {};
    const result = {
      cwd: options2.cwd || process.cwd(),
      env: options2.env || process.env,
      silent: options2.silent || false,
      windowsVerbatimArguments: options2.windowsVerbatimArguments || false,
      failOnStdErr: options2.failOnStdErr || false,
      ignoreReturnCode: options2.ignoreReturnCode || false,
      delay: options2.delay || 1e4
    };
    result.outStream = options2.outStream || process.stdout;
    result.errStream = options2.errStream || process.stderr;
    return result;
  }
  _getSpawnOptions(options2, toolPath) {
    options2 = options2 || {};
    const result = {};
    result.cwd = options2.cwd;
    result.env = options2.env;
    result["windowsVerbatimArguments"] = options2.windowsVerbatimArguments || this._isCmdFile();
    if (options2.windowsVerbatimArguments) {
      result.argv0 = `"${toolPath}"`;
    }
    return result;
  }
  /**
   * Exec a tool.
   * Output will be streamed to the live console.
   * Returns promise with return code
   *
   * @param     tool     path to tool to exec
   * @param     options  optional exec options.  See ExecOptions
   * @returns   number
   */
  exec() {
    return __awaiter3(this, void 0, void 0, function* () {
      if (!isRooted(this.toolPath) && (this.toolPath.includes("/") || IS_WINDOWS2 && this.toolPath.includes("\\"))) {
        this.toolPath = path7.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
      }
      this.toolPath = yield which(this.toolPath, true);
      return new Promise((resolve2, reject) => __awaiter3(this, void 0, void 0, function* () {
        this._debug(`exec tool: ${this.toolPath}`);
        this._debug("arguments:");
        for (const arg of this.args) {
          this._debug(`   ${arg}`);
        }
        const optionsNonNull = this._cloneExecOptions(this.options);
        if (!optionsNonNull.silent && optionsNonNull.outStream) {
          optionsNonNull.outStream.write(this._getCommandString(optionsNonNull) + os2.EOL);
        }
        const state = new ExecState(optionsNonNull, this.toolPath);
        state.on("debug", (message) => {
          this._debug(message);
        });
        if (this.options.cwd && !(yield exists(this.options.cwd))) {
          return reject(new Error(`The cwd: ${this.options.cwd} does not exist!`));
        }
        const fileName = this._getSpawnFileName();
        const cp = child.spawn(fileName, this._getSpawnArgs(optionsNonNull), this._getSpawnOptions(this.options, fileName));
        let stdbuffer = "";
        if (cp.stdout) {
          cp.stdout.on("data", (data) => {
            if (this.options.listeners && this.options.listeners.stdout) {
              this.options.listeners.stdout(data);
            }
            if (!optionsNonNull.silent && optionsNonNull.outStream) {
              optionsNonNull.outStream.write(data);
            }
            stdbuffer = this._processLineBuffer(data, stdbuffer, (line) => {
              if (this.options.listeners && this.options.listeners.stdline) {
                this.options.listeners.stdline(line);
              }
            });
          });
        }
        let errbuffer = "";
        if (cp.stderr) {
          cp.stderr.on("data", (data) => {
            state.processStderr = true;
            if (this.options.listeners && this.options.listeners.stderr) {
              this.options.listeners.stderr(data);
            }
            if (!optionsNonNull.silent && optionsNonNull.errStream && optionsNonNull.outStream) {
              const s = optionsNonNull.failOnStdErr ? optionsNonNull.errStream : optionsNonNull.outStream;
              s.write(data);
            }
            errbuffer = this._processLineBuffer(data, errbuffer, (line) => {
              if (this.options.listeners && this.options.listeners.errline) {
                this.options.listeners.errline(line);
              }
            });
          });
        }
        cp.on("error", (err) => {
          state.processError = err.message;
          state.processExited = true;
          state.processClosed = true;
          state.CheckComplete();
        });
        cp.on("exit", (code) => {
          state.processExitCode = code;
          state.processExited = true;
          this._debug(`Exit code ${code} received from tool '${this.toolPath}'`);
          state.CheckComplete();
        });
        cp.on("close", (code) => {
          state.processExitCode = code;
          state.processExited = true;
          state.processClosed = true;
          this._debug(`STDIO streams have closed for tool '${this.toolPath}'`);
          state.CheckComplete();
        });
        state.on("done", (error, exitCode) => {
          if (stdbuffer.length > 0) {
            this.emit("stdline", stdbuffer);
          }
          if (errbuffer.length > 0) {
            this.emit("errline", errbuffer);
          }
          cp.removeAllListeners();
          if (error) {
            reject(error);
          } else {
            resolve2(exitCode);
          }
        });
        if (this.options.input) {
          if (!cp.stdin) {
            throw new Error("child process missing stdin");
          }
          cp.stdin.end(this.options.input);
        }
      }));
    });
  }
};
function argStringToArray(argString) {
  const args = [];
  let inQuotes = false;
  let escaped = false;
  let arg = "";
  function append(c) {
    if (escaped && c !== '"') {
      arg += "\\";
    }
    arg += c;
    escaped = false;
  }
  for (let i = 0; i < argString.length; i++) {
    const c = argString.charAt(i);
    if (c === '"') {
      if (!escaped) {
        inQuotes = !inQuotes;
      } else {
        append(c);
      }
      continue;
    }
    if (c === "\\" && escaped) {
      append(c);
      continue;
    }
    if (c === "\\" && inQuotes) {
      escaped = true;
      continue;
    }
    if (c === " " && !inQuotes) {
      if (arg.length > 0) {
        args.push(arg);
        arg = "";
      }
      continue;
    }
    append(c);
  }
  if (arg.length > 0) {
    args.push(arg.trim());
  }
  return args;
}
var ExecState = class _ExecState extends events.EventEmitter {
  constructor(options2, toolPath) {
    super();
    this.processClosed = false;
    this.processError = "";
    this.processExitCode = 0;
    this.processExited = false;
    this.processStderr = false;
    this.delay = 1e4;
    this.done = false;
    this.timeout = null;
    if (!toolPath) {
      throw new Error("toolPath must not be empty");
    }
    this.options = options2;
    this.toolPath = toolPath;
    if (options2.delay) {
      this.delay = options2.delay;
    }
  }
  CheckComplete() {
    if (this.done) {
      return;
    }
    if (this.processClosed) {
      this._setResult();
    } else if (this.processExited) {
      this.timeout = setTimeout2(_ExecState.HandleTimeout, this.delay, this);
    }
  }
  _debug(message) {
    this.emit("debug", message);
  }
  _setResult() {
    let error;
    if (this.processExited) {
      if (this.processError) {
        error = new Error(`There was an error when attempting to execute the process '${this.toolPath}'. This may indicate the process failed to start. Error: ${this.processError}`);
      } else if (this.processExitCode !== 0 && !this.options.ignoreReturnCode) {
        error = new Error(`The process '${this.toolPath}' failed with exit code ${this.processExitCode}`);
      } else if (this.processStderr && this.options.failOnStdErr) {
        error = new Error(`The process '${this.toolPath}' failed because one or more lines were written to the STDERR stream`);
      }
    }
    if (this.timeout) {
      clearTimeout(this.timeout);
      this.timeout = null;
    }
    this.done = true;
    this.emit("done", error, this.processExitCode);
  }
  static HandleTimeout(state) {
    if (state.done) {
      return;
    }
    if (!state.processClosed && state.processExited) {
      const message = `The STDIO streams did not close within ${state.delay / 1e3} seconds of the exit event from process '${state.toolPath}'. This may indicate a child process inherited the STDIO streams and has not yet exited.`;
      state._debug(message);
    }
    state._setResult();
  }
};

// node_modules/@actions/exec/lib/exec.js
var __awaiter4 = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve2) {
      resolve2(value);
    });
  }
  return new (P || (P = Promise))(function(resolve2, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve2(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
function exec(commandLine, args, options2) {
  return __awaiter4(this, void 0, void 0, function* () {
    const commandArgs = argStringToArray(commandLine);
    if (commandArgs.length === 0) {
      throw new Error(`Parameter 'commandLine' cannot be null or empty.`);
    }
    const toolPath = commandArgs[0];
    args = commandArgs.slice(1).concat(args || []);
    const runner = new ToolRunner(toolPath, args, options2);
    return runner.exec();
  });
}
function getExecOutput(commandLine, args, options2) {
  return __awaiter4(this, void 0, void 0, function* () {
    var _a, _b;
    let stdout = "";
    let stderr = "";
    const stdoutDecoder = new StringDecoder("utf8");
    const stderrDecoder = new StringDecoder("utf8");
    const originalStdoutListener = (_a = options2 === null || options2 === void 0 ? void 0 : options2.listeners) === null || _a === void 0 ? void 0 : _a.stdout;
    const originalStdErrListener = (_b = options2 === null || options2 === void 0 ? void 0 : options2.listeners) === null || _b === void 0 ? void 0 : _b.stderr;
    const stdErrListener = (data) => {
      stderr += stderrDecoder.write(data);
      if (originalStdErrListener) {
        originalStdErrListener(data);
      }
    };
    const stdOutListener = (data) => {
      stdout += stdoutDecoder.write(data);
      if (originalStdoutListener) {
        originalStdoutListener(data);
      }
    };
    const listeners = Object.assign(Object.assign({}, options2 === null || options2 === void 0 ? void 0 : options2.listeners), { stdout: stdOutListener, stderr: stdErrListener });
    const exitCode = yield exec(commandLine, args, Object.assign(Object.assign({}, options2), { listeners }));
    stdout += stdoutDecoder.end();
    stderr += stderrDecoder.end();
    return {
      exitCode,
      stdout,
      stderr
    };
  });
}

// action-src/git-commit.ts
async function readGitCommit(dir) {
  try {
    const { exitCode, stdout } = await getExecOutput(
      "git",
      ["-C", dir, "rev-parse", "HEAD"],
      { silent: true, ignoreReturnCode: true }
    );
    const commit = stdout.trim();
    const isObjectId = /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(commit);
    return exitCode === 0 && isObjectId ? commit : void 0;
  } catch {
    return void 0;
  }
}

// action-src/cli.ts
async function main(argv, env, io) {
  let command;
  let secrets = [];
  try {
    command = parseCommandLine(argv);
    if (command.kind !== "help" && command.kind !== "version") {
      secrets = readSecrets(env);
    }
  } catch (error) {
    io.stderr(`static-deploy: ${errorMessage(error)}
`);
    io.stderr('Run "static-deploy --help" for usage.\n');
    return 2;
  }
  if (command.kind === "help") {
    io.stdout(HELP_TEXT);
    return 0;
  }
  if (command.kind === "version") {
    io.stdout(`${readVersion()}
`);
    return 0;
  }
  return runCommand(command, secrets, io);
}
async function runCommand(command, secrets, io) {
  try {
    if (command.kind === "deploy") {
      await runDeploy(command.deploy, secrets, io);
    } else {
      await runReleaseCommand(command, secrets, io);
    }
    return 0;
  } catch (error) {
    io.stderr(`static-deploy: ${errorMessage(error)}
`);
    return 1;
  }
}
async function runDeploy(command, secrets, io) {
  const outcome = await deploy({
    ...command,
    secrets,
    metadata: await collectMetadata(command),
    log: stderrLogger(io)
  });
  io.stdout(`${summarize(command, outcome)}
`);
}
function readSecrets(env) {
  const value = env[SECRET_ENV];
  if (value === void 0 || value.trim() === "") {
    throw new UsageError(
      `missing secret: set the ${SECRET_ENV} environment variable to the receiver's shared secret`
    );
  }
  try {
    return parseSecrets(value, SECRET_ENV);
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}
async function collectMetadata(command) {
  const metadata = {};
  const commit = await readGitCommit(command.path ?? ".");
  if (commit !== void 0) {
    metadata.commit = commit;
  }
  if (command.message !== void 0 && command.message !== "") {
    metadata.message = command.message;
  }
  return metadata;
}
function summarize(command, outcome) {
  const size = `${outcome.files} files, ${outcome.archiveBytes}-byte archive`;
  if (outcome.dryRun) {
    const kind = outcome.operation === "stage" ? "staged deployment" : "deployment";
    return `dry run: ${kind} ${outcome.deploymentId} of site ${command.site} (${size}, sha256 ${outcome.archiveSha256}) was not sent`;
  }
  const details = `${size}, ${outcome.durationMs} ms (deployment ${outcome.deploymentId})`;
  if (!outcome.activated) {
    return `staged release ${outcome.release} of site ${command.site}, which is not live: ${details}; make it live with "static-deploy activate ${outcome.release} --url ${command.url}"`;
  }
  return `deployed release ${outcome.release} of site ${command.site}: ${details}`;
}
function readVersion() {
  if (true) {
    return "0.1.0";
  }
  const packageUrl = new URL("../package.json", import.meta.url);
  const { version } = JSON.parse(readFileSync(packageUrl, "utf8"));
  return version;
}
function isEntryPoint() {
  const script = process.argv[1];
  if (script === void 0) {
    return false;
  }
  try {
    return import.meta.url === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}
if (isEntryPoint()) {
  const io = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text)
  };
  process.exitCode = await main(process.argv.slice(2), process.env, io);
}
export {
  main
};
