import CPruefstandShims
import Foundation

extension XlsxWorkbook {
    /// Checks a written workbook: every part inflates to its declared size and CRC-32, and every XML
    /// part ends with its root element's closing tag.
    ///
    /// libxlsxwriter writes each part to a temporary file first and does not check those writes: on a
    /// full disk (or past a file-size limit) it zips the cut parts and reports success. This check finds
    /// that, so the caller keeps the previous file. The central directory is read by `XLSXZip` (every
    /// offset checked); each part is inflated once by zlib into a small reused buffer
    /// (`pf_zip_check_entry`: no XML parsing, nothing kept but its first 512 and last 64 bytes).
    ///
    /// `followed` are the parts a `pf_zip_follow_start` thread already inflated while the file was being
    /// written (`close()`); such a part is not inflated again when its offsets, sizes and CRC-32 agree with
    /// the finished file's central directory and local header, every other part is.
    static func verifyWritten(_ file: String, reportAs path: String, followed: [pf_zip_followed] = []) throws {
        func broken(_ why: String) -> PruefstandError {
            .file(path: path, message: "the workbook was not written completely (\(why)); is the disk or the temporary folder full? The previous file is unchanged")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file), options: .alwaysMapped) } catch { throw broken("cannot read it back") }
        var limits = XLSXLimits()
        limits.maxFileBytes = .max; limits.maxEntries = .max; limits.maxEntryBytes = .max; limits.maxTotalBytes = .max
        limits.maxCompressionRatio = .max
        let zip: XLSXZip
        do { zip = try XLSXZip(data: data, file: path, limits: limits) } catch { throw broken("\(error)") }
        let byOffset = Dictionary(followed.map { ($0.local_header_offset, $0) }, uniquingKeysWith: { first, _ in first })
        for entry in zip.entries where entry.name.hasSuffix(".xml") || entry.name.hasSuffix(".rels") {
            let range: Range<Int>
            do { range = try zip.dataRange(of: entry) } catch { throw broken("\(entry.name): \(error)") }
            var part: pf_zip_followed
            if let f = byOffset[entry.localHeaderOffset], f.data_offset == UInt64(range.lowerBound), f.compressed == entry.compressedSize,
               f.uncompressed == entry.uncompressedSize, f.crc32 == entry.crc32, entry.method == 8 {
                part = f
            } else {
                part = pf_zip_followed()
                let rc = data.withUnsafeBytes { raw in
                    pf_zip_check_entry(raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + range.lowerBound, range.count,
                                       Int32(entry.method), entry.uncompressedSize, entry.crc32, &part)
                }
                switch Int(rc) {
                case Int(PF_ZIP_OK): break
                case Int(PF_ZIP_BAD_DATA): throw broken("\(entry.name): invalid or cut deflate data")
                case Int(PF_ZIP_WRONG_SIZE): throw broken("\(entry.name): not the declared \(entry.uncompressedSize) bytes")
                case Int(PF_ZIP_WRONG_CRC): throw broken("\(entry.name): wrong checksum (CRC-32)")
                default: throw broken("\(entry.name): compression method \(entry.method) cannot be checked")
                }
            }
            let head = withUnsafeBytes(of: part.head) { Array($0.prefix(part.head_len)) }
            let tail = withUnsafeBytes(of: part.tail) { Array($0.prefix(part.tail_len)) }
            guard let root = rootElement(head), endsWith(tail, "</" + root + ">") || endsWith(tail, "/>") && head.count < 512 else {
                throw broken("\(entry.name) is cut off")
            }
        }
    }

    /// The name of the first element after the XML declaration.
    private static func rootElement(_ head: [UInt8]) -> String? {
        var i = 0
        while i < head.count {
            guard let open = head[i...].firstIndex(of: UInt8(ascii: "<")), open + 1 < head.count else { return nil }
            let next = head[open + 1]
            if next == UInt8(ascii: "?") || next == UInt8(ascii: "!") {
                guard let close = head[open...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                i = close + 1
                continue
            }
            let end = head[(open + 1)...].firstIndex { $0 == 0x20 || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "/") || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 } ?? head.count
            return String(decoding: head[(open + 1)..<end], as: UTF8.self)
        }
        return nil
    }

    private static func endsWith(_ tail: [UInt8], _ text: String) -> Bool {
        var t = tail[...]
        while let last = t.last, last == 0x0A || last == 0x0D || last == 0x20 { t = t.dropLast() }
        return !t.isEmpty && Array(t.suffix(text.utf8.count)) == Array(text.utf8)
    }
}
