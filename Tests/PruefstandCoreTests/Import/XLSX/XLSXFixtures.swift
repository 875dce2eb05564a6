import CXlsxWriter
import Foundation
import ZIPFoundation
@testable import PruefstandCore

/// Builds test workbooks: real ones through libxlsxwriter, and hand-made ZIP archives whose every
/// header field (declared sizes, CRC, method, flags, ZIP64 extras) the test chooses, for the malicious cases.
enum XLSXFixtures {
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pruefstand-xlsx-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    // MARK: libxlsxwriter

    /// Writes a workbook with libxlsxwriter; `constantMemory` makes it write inline strings instead of
    /// the shared string table.
    static func writeWorkbook(constantMemory: Bool = false, _ build: (UnsafeMutablePointer<lxw_workbook>) -> Void) -> URL {
        let url = temporaryDirectory().appendingPathComponent("fixture.xlsx")
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        let workbook = workbook_new_opt(url.path, &options)!
        build(workbook)
        let status = workbook_close(workbook)
        precondition(status == LXW_NO_ERROR, "libxlsxwriter failed: \(status)")
        return url
    }

    // MARK: Raw ZIP

    struct RawEntry {
        var name: String
        /// The bytes as stored in the archive (already deflated when `method` is 8).
        var payload: Data
        var method: UInt16 = 0
        var crc32: UInt32
        var declaredUncompressed: UInt64
        var flags: UInt16 = 0
        /// Write sizes as 0xFFFFFFFF with a ZIP64 extra field carrying the real (or claimed) values.
        var zip64 = false

        /// A stored entry with honest sizes and checksum.
        static func stored(_ name: String, _ content: Data) -> RawEntry {
            RawEntry(name: name, payload: content, method: 0, crc32: content.crc32(checksum: 0),
                     declaredUncompressed: UInt64(content.count))
        }
        static func stored(_ name: String, _ text: String) -> RawEntry { stored(name, Data(text.utf8)) }

        /// A deflated entry with honest sizes and checksum.
        static func deflated(_ name: String, _ content: Data) -> RawEntry {
            RawEntry(name: name, payload: deflate(content), method: 8, crc32: content.crc32(checksum: 0),
                     declaredUncompressed: UInt64(content.count))
        }
    }

    /// Raw deflate (no zlib header), as ZIP stores it.
    static func deflate(_ content: Data) -> Data {
        var out = Data()
        var offset = 0
        _ = try! Data.compress(size: Int64(content.count), bufferSize: 1 << 16, provider: { _, size in
            let chunk = content.subdata(in: offset..<min(content.count, offset + size))
            offset += chunk.count
            return chunk
        }, consumer: { out.append($0) })
        return out
    }

    /// Assembles a ZIP archive from raw entries, trusting every declared field as given.
    static func zip(_ entries: [RawEntry]) -> Data {
        var out = Data()
        var directory = Data()
        func u16(_ v: UInt16, _ d: inout Data) { d.append(UInt8(v & 0xFF)); d.append(UInt8(v >> 8)) }
        func u32(_ v: UInt32, _ d: inout Data) { u16(UInt16(v & 0xFFFF), &d); u16(UInt16(v >> 16), &d) }
        func u64(_ v: UInt64, _ d: inout Data) { u32(UInt32(v & 0xFFFF_FFFF), &d); u32(UInt32(v >> 32), &d) }
        for entry in entries {
            let offset = UInt32(out.count)
            let name = Data(entry.name.utf8)
            var extra = Data()
            if entry.zip64 {
                u16(0x0001, &extra); u16(16, &extra)
                u64(entry.declaredUncompressed, &extra); u64(UInt64(entry.payload.count), &extra)
            }
            let compressed32 = entry.zip64 ? 0xFFFF_FFFF : UInt32(entry.payload.count)
            let uncompressed32 = entry.zip64 ? 0xFFFF_FFFF : UInt32(truncatingIfNeeded: entry.declaredUncompressed)
            // Local header.
            u32(0x0403_4B50, &out); u16(entry.zip64 ? 45 : 20, &out); u16(entry.flags, &out); u16(entry.method, &out)
            u16(0, &out); u16(0, &out); u32(entry.crc32, &out); u32(compressed32, &out); u32(uncompressed32, &out)
            u16(UInt16(name.count), &out); u16(UInt16(extra.count), &out)
            out.append(name); out.append(extra); out.append(entry.payload)
            // Central directory record.
            u32(0x0201_4B50, &directory); u16(45, &directory); u16(entry.zip64 ? 45 : 20, &directory)
            u16(entry.flags, &directory); u16(entry.method, &directory); u16(0, &directory); u16(0, &directory)
            u32(entry.crc32, &directory); u32(compressed32, &directory); u32(uncompressed32, &directory)
            u16(UInt16(name.count), &directory); u16(UInt16(extra.count), &directory); u16(0, &directory)
            u16(0, &directory); u16(0, &directory); u32(0, &directory); u32(offset, &directory)
            directory.append(name); directory.append(extra)
        }
        let directoryOffset = UInt32(out.count)
        out.append(directory)
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out)
        u16(UInt16(entries.count), &out); u16(UInt16(entries.count), &out)
        u32(UInt32(directory.count), &out); u32(directoryOffset, &out); u16(0, &out)
        return out
    }

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>
        """
    static let rootRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """
    static let workbookXML = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Daten" sheetId="1" r:id="rId1"/></sheets></workbook>
        """
    static let workbookRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
        """

    /// The frame of a one-sheet workbook ("Daten") around the given parts.
    static func workbookEntries(sheet: RawEntry, sharedStrings: RawEntry? = nil) -> [RawEntry] {
        var entries: [RawEntry] = [
            .stored("[Content_Types].xml", contentTypes),
            .stored("_rels/.rels", rootRels),
            .stored("xl/workbook.xml", workbookXML),
            .stored("xl/_rels/workbook.xml.rels", workbookRels),
            sheet,
        ]
        if let sharedStrings { entries.append(sharedStrings) }
        return entries
    }

    /// A one-sheet workbook whose sheet XML is given (stored, honest sizes).
    static func workbook(sheetXML: String, sharedStringsXML: String? = nil) -> Data {
        zip(workbookEntries(sheet: .stored("xl/worksheets/sheet1.xml", sheetXML),
                            sharedStrings: sharedStringsXML.map { .stored("xl/sharedStrings.xml", $0) }))
    }

    static func sheet(_ rows: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>\(rows)</sheetData></worksheet>
        """
    }
}
