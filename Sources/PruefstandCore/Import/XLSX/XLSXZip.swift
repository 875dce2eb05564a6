import Foundation
import ZIPFoundation

/// The ZIP layer of `XLSXReader`: the central directory, read by hand with every offset checked, and
/// entries inflated through ZIPFoundation's zlib binding with the byte count bounded.
///
/// Why not `Archive.extract`: on Linux, ZIPFoundation 0.9.20 inflates with a loop (`Data.decode`) that
/// sets `avail_in` to the buffer size rather than to the bytes actually read and, once the archive file
/// is exhausted, spins forever on empty chunks; a truncated download would hang the import. Here the
/// provider hands `Data.decompress` exactly the entry's compressed bytes, pads the last chunk to the
/// buffer size once, and throws if more is asked for, so inflating always ends. The central directory
/// is read here because ZIPFoundation does not expose an entry's data offset.
struct XLSXZip {
    struct Entry {
        var name: String
        var flags: UInt16
        var method: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
    }

    let data: Data
    let file: String
    let limits: XLSXLimits
    private(set) var entries: [Entry] = []
    private var byName: [String: Int] = [:]
    private var byLowercasedName: [String: Int] = [:]

    static let bufferSize = 1 << 16

    init(data: Data, file: String, limits: XLSXLimits) throws {
        self.data = data
        self.file = file
        self.limits = limits
        func fail(_ reason: XLSXError.Reason) -> XLSXError { XLSXError(file: file, reason: reason) }
        let count = data.count
        if count == 0 { throw fail(.emptyFile) }
        if Int64(count) > limits.maxFileBytes { throw fail(.fileTooLarge(bytes: Int64(count), limit: limits.maxFileBytes)) }
        if count >= 8, data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { throw fail(.legacyOrEncrypted) }
        guard count >= 22, data.starts(with: [0x50, 0x4B]) else { throw fail(.notAZip) }

        try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = ByteReader(raw)
            // The end-of-central-directory record sits in the last 22 + 65,535 bytes (its comment).
            var eocd = -1
            var position = count - 22
            let lowest = max(0, count - 22 - 0xFFFF)
            while position >= lowest {
                if bytes.u32(position) == 0x0605_4B50 { eocd = position; break }
                position -= 1
            }
            guard eocd >= 0 else { throw fail(.notAZip) }
            var entryCount = UInt64(bytes.u16(eocd + 10))
            var directorySize = UInt64(bytes.u32(eocd + 12))
            var directoryOffset = UInt64(bytes.u32(eocd + 16))
            if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
                // ZIP64: the locator sits just before the classic record.
                let locator = eocd - 20
                guard locator >= 0, bytes.u32(locator) == 0x0706_4B50 else {
                    throw fail(.corruptZip("ZIP64-Verzeichnis fehlt / ZIP64 directory missing"))
                }
                let recordOffset = bytes.u64(locator + 8)
                guard count >= 56, recordOffset <= UInt64(count - 56), bytes.u32(Int(recordOffset)) == 0x0606_4B50 else {
                    throw fail(.corruptZip("ZIP64-Verzeichnis außerhalb der Datei / ZIP64 directory outside the file"))
                }
                let record = Int(recordOffset)
                entryCount = bytes.u64(record + 32)
                directorySize = bytes.u64(record + 40)
                directoryOffset = bytes.u64(record + 48)
            }
            if entryCount > UInt64(limits.maxEntries) {
                throw fail(.tooManyEntries(count: entryCount > UInt64(Int.max) ? Int.max : Int(entryCount), limit: limits.maxEntries))
            }
            guard directoryOffset <= UInt64(count), directorySize <= UInt64(count) - directoryOffset else {
                throw fail(.corruptZip("Zentralverzeichnis außerhalb der Datei / central directory outside the file"))
            }
            var cursor = Int(directoryOffset)
            let directoryEnd = Int(directoryOffset + directorySize)
            var declaredTotal: UInt64 = 0
            for _ in 0..<Int(entryCount) {
                guard cursor + 46 <= directoryEnd, bytes.u32(cursor) == 0x0201_4B50 else {
                    throw fail(.corruptZip("Zentralverzeichnis-Eintrag fehlerhaft / bad central directory entry"))
                }
                let flags = bytes.u16(cursor + 8)
                let method = bytes.u16(cursor + 10)
                let crc = bytes.u32(cursor + 16)
                var compressed = UInt64(bytes.u32(cursor + 20))
                var uncompressed = UInt64(bytes.u32(cursor + 24))
                let nameLength = Int(bytes.u16(cursor + 28))
                let extraLength = Int(bytes.u16(cursor + 30))
                let commentLength = Int(bytes.u16(cursor + 32))
                var localOffset = UInt64(bytes.u32(cursor + 42))
                let nameStart = cursor + 46
                let extraStart = nameStart + nameLength
                let next = extraStart + extraLength + commentLength
                guard next <= directoryEnd else {
                    throw fail(.corruptZip("Zentralverzeichnis-Eintrag fehlerhaft / bad central directory entry"))
                }
                let name = String(decoding: UnsafeRawBufferPointer(rebasing: raw[nameStart..<extraStart]), as: UTF8.self)
                // ZIP64 extended information (header 0x0001) holds the fields that are 0xFFFFFFFF, in order.
                var extra = extraStart
                while extra + 4 <= extraStart + extraLength {
                    let id = bytes.u16(extra), size = Int(bytes.u16(extra + 2))
                    let body = extra + 4
                    guard body + size <= extraStart + extraLength else { break }
                    if id == 0x0001 {
                        var field = body
                        func take() -> UInt64? {
                            guard field + 8 <= body + size else { return nil }
                            defer { field += 8 }
                            return bytes.u64(field)
                        }
                        if uncompressed == 0xFFFF_FFFF, let v = take() { uncompressed = v }
                        if compressed == 0xFFFF_FFFF, let v = take() { compressed = v }
                        if localOffset == 0xFFFF_FFFF, let v = take() { localOffset = v }
                    }
                    extra = body + size
                }
                let entry = Entry(name: name, flags: flags, method: method, crc32: crc, compressedSize: compressed,
                                  uncompressedSize: uncompressed, localHeaderOffset: localOffset)
                if uncompressed > UInt64(limits.maxEntryBytes) {
                    // Refused from the directory alone: nothing of it is ever inflated.
                    throw XLSXError(file: file, entry: name, reason: .entryTooLarge(declared: uncompressed, limit: limits.maxEntryBytes))
                }
                if byName[name] != nil {
                    throw XLSXError(file: file, entry: name, reason: .duplicateEntry)
                }
                byName[name] = entries.count
                byLowercasedName[name.lowercased()] = byLowercasedName[name.lowercased()] ?? entries.count
                entries.append(entry)
                declaredTotal = declaredTotal &+ min(uncompressed, UInt64(Int64.max))
                if declaredTotal > UInt64(limits.maxTotalBytes) {
                    throw fail(.totalTooLarge(limit: limits.maxTotalBytes))
                }
                cursor = next
            }
        }
    }

    /// The entry with this name; an exact match first, then one that differs only in case.
    func entry(named name: String) -> Entry? {
        if let i = byName[name] { return entries[i] }
        if let i = byLowercasedName[name.lowercased()] { return entries[i] }
        return nil
    }

    /// Where an entry's compressed bytes lie in `data` (offsets from its start), after its local header;
    /// checked to lie inside the file.
    func dataRange(of entry: Entry, sheet: String? = nil) throws -> Range<Int> {
        func fail(_ reason: XLSXError.Reason) -> XLSXError { XLSXError(file: file, entry: entry.name, sheet: sheet, reason: reason) }
        if entry.flags & 1 != 0 { throw fail(.encryptedEntry) }
        let count = data.count
        // Local header: signature, then name and extra lengths at 26 and 28.
        guard entry.localHeaderOffset <= UInt64(count), UInt64(count) - entry.localHeaderOffset >= 30 else {
            throw fail(.corruptZip("lokaler Kopf außerhalb der Datei / local header outside the file"))
        }
        let local = Int(entry.localHeaderOffset)
        let (signature, nameLength, extraLength) = data.withUnsafeBytes { raw -> (UInt32, Int, Int) in
            let bytes = ByteReader(raw)
            return (bytes.u32(local), Int(bytes.u16(local + 26)), Int(bytes.u16(local + 28)))
        }
        guard signature == 0x0403_4B50 else { throw fail(.corruptZip("lokaler Kopf fehlerhaft / bad local header")) }
        let start = local + 30 + nameLength + extraLength
        guard start <= count, entry.compressedSize <= UInt64(count - start) else {
            throw fail(.corruptZip("Daten reichen über das Dateiende / data runs past the end of the file"))
        }
        return start..<(start + Int(entry.compressedSize))
    }

    /// Inflates an entry and hands its bytes to `consume` chunk by chunk; `inflatedSoFar` is the running
    /// total over the reader's lifetime, checked against `maxTotalBytes`.
    func read(_ entry: Entry, sheet: String?, inflatedSoFar: inout Int64, consume: (Data) throws -> Void) throws {
        func fail(_ reason: XLSXError.Reason) -> XLSXError { XLSXError(file: file, entry: entry.name, sheet: sheet, reason: reason) }
        if entry.flags & 1 != 0 { throw fail(.encryptedEntry) }
        guard entry.method == 0 || entry.method == 8 else { throw fail(.unsupportedCompression(method: Int(entry.method))) }
        if entry.uncompressedSize > UInt64(limits.maxEntryBytes) {
            throw fail(.entryTooLarge(declared: entry.uncompressedSize, limit: limits.maxEntryBytes))
        }
        let declared = Int64(entry.uncompressedSize)
        let compressed = entry.compressedSize
        if declared > limits.compressionRatioFloorBytes {
            let ratio = compressed == 0 ? Int64.max : declared / Int64(min(compressed, UInt64(Int64.max)))
            if ratio > limits.maxCompressionRatio { throw fail(.compressionRatio(ratio: ratio, limit: limits.maxCompressionRatio)) }
        }
        let dataRange = try self.dataRange(of: entry, sheet: sheet)
        let (start, end) = (dataRange.lowerBound, dataRange.upperBound)
        let base = data.startIndex

        var produced: Int64 = 0
        var total = inflatedSoFar
        let ratioCap: Int64 = {
            let (product, overflow) = Int64(compressed).multipliedReportingOverflow(by: limits.maxCompressionRatio)
            return max(limits.compressionRatioFloorBytes, overflow ? Int64.max : product)
        }()
        func counted(_ chunk: Data) throws {
            produced += Int64(chunk.count)
            total += Int64(chunk.count)
            if produced > declared { throw fail(.entryLargerThanDeclared(declared: entry.uncompressedSize)) }
            if produced > limits.maxEntryBytes { throw fail(.entryInflatesTooLarge(limit: limits.maxEntryBytes)) }
            if produced > ratioCap {
                throw fail(.compressionRatio(ratio: produced / max(1, Int64(compressed)), limit: limits.maxCompressionRatio))
            }
            if total > limits.maxTotalBytes { throw fail(.totalTooLarge(limit: limits.maxTotalBytes)) }
            guard !chunk.isEmpty else { return }
            do { try consume(chunk) }
            catch let error as XLSXError { throw error }
            catch { throw XLSXErrorPassthrough(error: error) }
        }
        defer { inflatedSoFar = total }

        var checksum: UInt32 = 0
        do {
        if entry.method == 0 {
            guard compressed == entry.uncompressedSize else {
                throw fail(.entryCorrupt("gespeicherte Größe ≠ angegebene Größe / stored size differs from declared size"))
            }
            var offset = start
            while offset < end {
                let n = min(XLSXZip.bufferSize, end - offset)
                let chunk = data.subdata(in: (base + offset)..<(base + offset + n))
                checksum = chunk.crc32(checksum: checksum)
                try counted(chunk)
                offset += n
            }
        } else {
            var offset = start
            var padded = false
            let truncated = fail(.entryCorrupt("Deflate-Daten enden vorzeitig / deflate data ends early"))
            do {
                checksum = try Data.decompress(
                    size: Int64(compressed), bufferSize: XLSXZip.bufferSize, skipCRC32: false,
                    provider: { _, size in
                        // Always exactly `size` bytes: ZIPFoundation's Linux loop tells zlib the buffer size
                        // rather than the chunk's length, and never stops on an empty chunk.
                        if offset >= end {
                            if padded { throw truncated }
                            padded = true
                            return Data(count: size)
                        }
                        let n = min(size, end - offset)
                        var chunk = data.subdata(in: (base + offset)..<(base + offset + n))
                        offset += n
                        if n < size { chunk.append(Data(count: size - n)); padded = true }
                        return chunk
                    },
                    consumer: counted)
            } catch let error as XLSXError {
                throw error
            } catch let error as XLSXErrorPassthrough {
                throw error
            } catch {
                // zlib's own errors: a corrupt deflate stream.
                throw fail(.entryCorrupt("Deflate-Daten ungültig / invalid deflate data"))
            }
        }
        } catch let passthrough as XLSXErrorPassthrough {
            throw passthrough.error
        }
        if produced != declared {
            throw fail(.entryCorrupt("\(produced) statt \(declared) Bytes / \(produced) instead of \(declared) bytes"))
        }
        if checksum != entry.crc32 {
            throw fail(.entryCorrupt("Prüfsumme (CRC-32) falsch / wrong checksum (CRC-32)"))
        }
    }
}

/// Carries a non-XLSX error (e.g. thrown by a caller's row handler) through the ZIP layer unchanged.
struct XLSXErrorPassthrough: Error { var error: any Error }

/// Little-endian reads at checked offsets (callers check bounds against the buffer first).
struct ByteReader {
    let raw: UnsafeRawBufferPointer
    init(_ raw: UnsafeRawBufferPointer) { self.raw = raw }
    func u16(_ at: Int) -> UInt16 {
        guard at >= 0, at + 2 <= raw.count else { return 0 }
        return UInt16(raw[at]) | UInt16(raw[at + 1]) << 8
    }
    func u32(_ at: Int) -> UInt32 {
        guard at >= 0, at + 4 <= raw.count else { return 0 }
        return UInt32(u16(at)) | UInt32(u16(at + 2)) << 16
    }
    func u64(_ at: Int) -> UInt64 {
        guard at >= 0, at + 8 <= raw.count else { return 0 }
        return UInt64(u32(at)) | UInt64(u32(at + 4)) << 32
    }
}
