import Foundation

// The handlers of the workbook's small parts, each streamed once by `XLSXReader`: the package relationships,
// the workbook (sheet names and their relationships), the styles (which cell formats are dates) and the shared
// strings. The worksheet's own handler is in `XLSXSheetHandler.swift`.

struct Relationship {
    var id: String, type: String, target: String, external: Bool
}

final class RelationshipsHandler: XMLStreamHandler {
    var relationships: [Relationship] = []
    var wantsText: Bool { false }
    func startElement(_ name: String, attributes: [XMLAttribute]) throws {
        guard name == "Relationship", relationships.count < 100_000 else { return }
        var id = "", type = "", target = "", external = false
        for a in attributes {
            switch a.name {
            case "Id": id = a.value
            case "Type": type = a.value
            case "Target": target = a.value
            case "TargetMode": external = a.value == "External"
            default: break
            }
        }
        relationships.append(Relationship(id: id, type: type, target: target, external: external))
    }
    func endElement(_ name: String) throws {}
    func text(_ text: String) throws {}
}

final class WorkbookHandler: XMLStreamHandler {
    var sheets: [(name: String, relationshipId: String)] = []
    var date1904 = false
    var wantsText: Bool { false }
    func startElement(_ name: String, attributes: [XMLAttribute]) throws {
        switch name {
        case "sheet":
            guard sheets.count < 100_000 else { return }
            let sheetName = attributes.first { $0.name == "name" }?.value ?? "Sheet\(sheets.count + 1)"
            let id = attributes.first { $0.name == "id" }?.value ?? ""
            sheets.append((sheetName, id))
        case "workbookPr":
            if let v = attributes.first(where: { $0.name == "date1904" })?.value { date1904 = v == "1" || v == "true" }
        default: break
        }
    }
    func endElement(_ name: String) throws {}
    func text(_ text: String) throws {}
}

final class StylesHandler: XMLStreamHandler {
    var customFormats: [Int: String] = [:]
    var cellFormats: [Int] = []
    private var inCellXfs = false
    private let limits: XLSXLimits
    init(limits: XLSXLimits) { self.limits = limits }
    var wantsText: Bool { false }
    func startElement(_ name: String, attributes: [XMLAttribute]) throws {
        switch name {
        case "numFmt":
            if customFormats.count < 100_000,
               let id = attributes.first(where: { $0.name == "numFmtId" }).flatMap({ Int($0.value) }),
               let code = attributes.first(where: { $0.name == "formatCode" })?.value {
                customFormats[id] = code
            }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs:
            if cellFormats.count < 1_000_000 {
                cellFormats.append(attributes.first { $0.name == "numFmtId" }.flatMap { Int($0.value) } ?? 0)
            }
        default: break
        }
    }
    func endElement(_ name: String) throws { if name == "cellXfs" { inCellXfs = false } }
    func text(_ text: String) throws {}
}

/// Decodes OOXML's `_xHHHH_` escapes for characters XML cannot carry (e.g. `_x000D_` for a carriage return).
/// Works on Unicode scalars: `_x000D_` followed by a combining mark is one Swift Character ending in `_́`,
/// yet still an escape (found by the workbook writer's round-trip property).
func decodeOOXMLEscapes(_ s: String) -> String {
    guard s.contains("_x") else { return s }
    let scalars = Array(s.unicodeScalars)
    var out = String.UnicodeScalarView()
    var i = 0
    while i < scalars.count {
        if scalars[i] == "_", i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_",
           scalars[(i + 2)...(i + 5)].allSatisfy({ $0.properties.isASCIIHexDigit }),
           let v = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)...(i + 5)])), radix: 16), let scalar = Unicode.Scalar(v) {
            out.append(scalar)
            i += 7
            continue
        }
        out.append(scalars[i])
        i += 1
    }
    return String(out)
}

final class SharedStringsHandler: XMLStreamHandler {
    var strings: [String] = []
    private var current = ""
    private var currentLength = 0   // UTF-16 units, counted per run so many tiny runs stay linear
    private var inItem = false, inText = false, phoneticDepth = 0
    private let file: String, entry: String, limits: XLSXLimits
    init(file: String, entry: String, limits: XLSXLimits) { self.file = file; self.entry = entry; self.limits = limits }
    var wantsText: Bool { inText && phoneticDepth == 0 }
    func startElement(_ name: String, attributes: [XMLAttribute]) throws {
        switch name {
        case "si":
            if strings.count >= limits.maxSharedStrings {
                throw XLSXError(file: file, entry: entry, reason: .tooManySharedStrings(limit: limits.maxSharedStrings))
            }
            inItem = true; current = ""; currentLength = 0
        case "t" where inItem: inText = true
        case "rPh": phoneticDepth += 1
        default: break
        }
    }
    func endElement(_ name: String) throws {
        switch name {
        case "si":
            strings.append(decodeOOXMLEscapes(current))
            inItem = false; current = ""; currentLength = 0
        case "t": inText = false
        case "rPh": phoneticDepth -= 1
        default: break
        }
    }
    func text(_ text: String) throws {
        currentLength += text.utf16.count
        if currentLength > limits.maxStringLength {
            throw XLSXError(file: file, entry: entry,
                            reason: .stringTooLong(cell: nil, length: currentLength, limit: limits.maxStringLength))
        }
        current += text
    }
}
