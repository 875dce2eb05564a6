import Foundation

/// A minimal stored (uncompressed) workbook around fuzzed XML parts.
enum FuzzWorkbook {
    static let rels = Data("""
        <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """.utf8)
    static let workbook = Data("""
        <?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Daten" sheetId="1" r:id="rId1"/></sheets></workbook>
        """.utf8)
    static let workbookRels = Data("""
        <?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
        """.utf8)

    static func wrap(sheetXML: Data, sharedStringsXML: Data?) -> Data {
        var entries: [(String, Data)] = [("_rels/.rels", rels), ("xl/workbook.xml", workbook),
                                         ("xl/_rels/workbook.xml.rels", workbookRels), ("xl/worksheets/sheet1.xml", sheetXML)]
        if let sharedStringsXML { entries.append(("xl/sharedStrings.xml", sharedStringsXML)) }
        return zip(entries)
    }

    static func zip(_ entries: [(String, Data)]) -> Data {
        var out = Data(), directory = Data()
        func u16(_ v: Int, _ d: inout Data) { d.append(UInt8(v & 0xFF)); d.append(UInt8((v >> 8) & 0xFF)) }
        func u32(_ v: UInt32, _ d: inout Data) { u16(Int(v & 0xFFFF), &d); u16(Int(v >> 16), &d) }
        for (name, content) in entries {
            let offset = UInt32(out.count), nameBytes = Data(name.utf8), crc = crc32(content)
            u32(0x0403_4B50, &out); u16(20, &out); u16(0, &out); u16(0, &out); u16(0, &out); u16(0, &out)
            u32(crc, &out); u32(UInt32(content.count), &out); u32(UInt32(content.count), &out)
            u16(nameBytes.count, &out); u16(0, &out); out.append(nameBytes); out.append(content)
            u32(0x0201_4B50, &directory); u16(20, &directory); u16(20, &directory); u16(0, &directory); u16(0, &directory)
            u16(0, &directory); u16(0, &directory); u32(crc, &directory); u32(UInt32(content.count), &directory)
            u32(UInt32(content.count), &directory); u16(nameBytes.count, &directory); u16(0, &directory); u16(0, &directory)
            u16(0, &directory); u16(0, &directory); u32(0, &directory); u32(offset, &directory); directory.append(nameBytes)
        }
        let directoryOffset = UInt32(out.count)
        out.append(directory)
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
        u32(UInt32(directory.count), &out); u32(directoryOffset, &out); u16(0, &out)
        return out
    }

    static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }
}
