import Foundation

/// One attribute of an XML start tag; `name` is the local name (prefix dropped: `r:id` → `id`).
struct XMLAttribute {
    var name: String
    var value: String
}

/// Receives the events of `XMLStreamParser`. Element names are local names (`x:c` → `c`).
protocol XMLStreamHandler: AnyObject {
    /// Whether text at the current position is needed (text is validated either way, decoded only if so).
    var wantsText: Bool { get }
    func startElement(_ name: String, attributes: [XMLAttribute]) throws
    func endElement(_ name: String) throws
    func text(_ text: String) throws
}

/// A small streaming XML parser over bytes for the SpreadsheetML subset: elements, attributes, text,
/// CDATA, comments and processing instructions, the five predefined entities and character references.
///
/// It is push-based (`feed` chunks as they are inflated, then `finish`), keeps only the unfinished
/// token in memory, and refuses what a workbook never needs and an attacker would use: any `<!DOCTYPE`
/// or `<!ENTITY` (so no internal or external entity expansion at all), undefined entities, nesting deeper
/// than `maxXMLDepth`, tokens longer than `maxXMLTokenBytes`, invalid UTF-8, and mismatched tags.
final class XMLStreamParser {
    private let handler: any XMLStreamHandler
    private let limits: XLSXLimits
    private let makeError: (XLSXError.Reason) -> XLSXError
    private var buffer: [UInt8] = []
    private var position = 0
    private var discarded = 0          // bytes dropped from the front of `buffer` so far
    private var stack: [String] = []
    private var sawRoot = false
    private var atStart = true
    private var scratch: [UInt8] = []
    /// After an unfinished token, parse again only once this many bytes are pending: re-scanning a long
    /// token on every 64 KiB chunk would cost its length squared.
    private var waitUntilPending = 0

    init(handler: any XMLStreamHandler, limits: XLSXLimits, makeError: @escaping (XLSXError.Reason) -> XLSXError) {
        self.handler = handler
        self.limits = limits
        self.makeError = makeError
    }

    /// The nesting depth right now (1 inside the root element).
    var depth: Int { stack.count }

    func feed(_ data: Data) throws {
        if position > 0 {
            buffer.removeSubrange(0..<position)
            discarded += position
            position = 0
        }
        buffer.append(contentsOf: data)
        if buffer.count - position < waitUntilPending { return }   // never more than maxXMLTokenBytes
        waitUntilPending = 0
        try parse(final: false)
    }

    func finish() throws {
        try parse(final: true)
        if !stack.isEmpty { throw malformed("Dokument endet in <\(stack.last!)> / document ends inside <\(stack.last!)>", at: buffer.count) }
        if !sawRoot { throw malformed("kein Wurzelelement / no root element", at: buffer.count) }
    }

    private func malformed(_ why: String, at offset: Int) -> XLSXError {
        makeError(.malformedXML(why, byteOffset: discarded + offset))
    }

    // MARK: - Tokens

    private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), amp = UInt8(ascii: "&")
    private static let slash = UInt8(ascii: "/"), question = UInt8(ascii: "?"), bang = UInt8(ascii: "!")
    private static let equals = UInt8(ascii: "="), semicolon = UInt8(ascii: ";")

    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
    @inline(__always) private static func isNameByte(_ b: UInt8) -> Bool {
        !(isSpace(b) || b == gt || b == slash || b == equals || b == lt || b == 0x22 || b == 0x27 || b == amp)
    }

    private func parse(final: Bool) throws {
        if atStart {
            if buffer.count < 3 && !final { return }
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
            else if buffer.starts(with: [0xFE, 0xFF]) || buffer.starts(with: [0xFF, 0xFE]) {
                throw malformed("UTF-16 wird nicht unterstützt / UTF-16 is not supported", at: 0)
            }
            atStart = false
        }
        while position < buffer.count {
            let consumed: Int?
            if buffer[position] == XMLStreamParser.lt {
                consumed = try markup(at: position, final: final)
            } else {
                consumed = try textRun(at: position, final: final)
            }
            guard let consumed else {
                if buffer.count - position > limits.maxXMLTokenBytes { throw makeError(.xmlTokenTooLong(limit: limits.maxXMLTokenBytes)) }
                if final { throw malformed("Dokument endet mitten in einem Tag / document ends inside a tag", at: position) }
                waitUntilPending = min(2 * (buffer.count - position), limits.maxXMLTokenBytes)
                return
            }
            if consumed - position > limits.maxXMLTokenBytes { throw makeError(.xmlTokenTooLong(limit: limits.maxXMLTokenBytes)) }
            position = consumed
        }
    }

    /// Text up to the next `<`; returns the position after it, or nil if more bytes are needed.
    private func textRun(at start: Int, final: Bool) throws -> Int? {
        var end = start
        let count = buffer.count
        while end < count && buffer[end] != XMLStreamParser.lt { end += 1 }
        if end == count && !final { return nil }
        let wanted = !stack.isEmpty && handler.wantsText
        if stack.isEmpty {
            // Outside the root only whitespace may stand.
            for i in start..<end where !XMLStreamParser.isSpace(buffer[i]) {
                throw malformed("Text außerhalb des Wurzelelements / text outside the root element", at: i)
            }
            return end
        }
        let text = try decode(start, end, wanted: wanted)
        if wanted, let text { try handler.text(text) }
        return end
    }

    /// Decodes bytes with entity and character references and newline normalisation; validates them
    /// even when the text is not wanted.
    private func decode(_ start: Int, _ end: Int, wanted: Bool) throws -> String? {
        var hasSpecial = false
        for i in start..<end where buffer[i] == XMLStreamParser.amp || buffer[i] == 0x0D { hasSpecial = true; break }
        if !hasSpecial {
            guard wanted else {
                if String(validating: buffer[start..<end], as: UTF8.self) == nil { throw malformed("ungültiges UTF-8 / invalid UTF-8", at: start) }
                return nil
            }
            guard let s = String(validating: buffer[start..<end], as: UTF8.self) else {
                throw malformed("ungültiges UTF-8 / invalid UTF-8", at: start)
            }
            return s
        }
        scratch.removeAll(keepingCapacity: true)
        var i = start
        while i < end {
            let b = buffer[i]
            if b == XMLStreamParser.amp {
                var j = i + 1
                while j < end && buffer[j] != XMLStreamParser.semicolon && j - i < 12 { j += 1 }
                guard j < end, buffer[j] == XMLStreamParser.semicolon else {
                    throw malformed("'&' ohne Entität / '&' without an entity", at: i)
                }
                let name = buffer[(i + 1)..<j]
                try appendEntity(name, at: i)
                i = j + 1
            } else if b == 0x0D {
                scratch.append(0x0A)
                i += (i + 1 < end && buffer[i + 1] == 0x0A) ? 2 : 1
            } else {
                scratch.append(b)
                i += 1
            }
        }
        guard let s = String(validating: scratch, as: UTF8.self) else { throw malformed("ungültiges UTF-8 / invalid UTF-8", at: start) }
        return wanted ? s : nil
    }

    private func appendEntity(_ name: ArraySlice<UInt8>, at offset: Int) throws {
        switch Array(name) {
        case Array("lt".utf8): scratch.append(XMLStreamParser.lt)
        case Array("gt".utf8): scratch.append(XMLStreamParser.gt)
        case Array("amp".utf8): scratch.append(XMLStreamParser.amp)
        case Array("quot".utf8): scratch.append(0x22)
        case Array("apos".utf8): scratch.append(0x27)
        default:
            guard name.first == UInt8(ascii: "#"), name.count >= 2 else {
                throw makeError(.undefinedEntity(String(decoding: name, as: UTF8.self)))
            }
            var digits = name.dropFirst()
            var radix: UInt32 = 10
            if digits.first == UInt8(ascii: "x") { radix = 16; digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.count <= 8 else { throw malformed("ungültige Zeichenreferenz / invalid character reference", at: offset) }
            var value: UInt32 = 0
            for d in digits {
                let v: UInt32
                switch d {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(d - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: v = UInt32(d - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: v = UInt32(d - UInt8(ascii: "A") + 10)
                default: throw malformed("ungültige Zeichenreferenz / invalid character reference", at: offset)
                }
                value = value * radix + v
            }
            guard value != 0, let scalar = Unicode.Scalar(value) else {
                throw malformed("ungültige Zeichenreferenz / invalid character reference", at: offset)
            }
            scratch.append(contentsOf: String(Character(scalar)).utf8)
        }
    }

    /// Markup starting with `<`; returns the position after it, or nil if more bytes are needed.
    private func markup(at start: Int, final: Bool) throws -> Int? {
        let count = buffer.count
        guard start + 1 < count else { return nil }
        let second = buffer[start + 1]
        if second == XMLStreamParser.question {
            guard let close = find([XMLStreamParser.question, XMLStreamParser.gt], from: start + 2) else { return nil }
            return close + 2
        }
        if second == XMLStreamParser.bang {
            if hasPrefix("<!--", at: start) {
                guard let close = find(Array("-->".utf8), from: start + 4) else { return nil }
                return close + 3
            }
            if hasPrefix("<![CDATA[", at: start) {
                guard let close = find(Array("]]>".utf8), from: start + 9) else { return nil }
                if stack.isEmpty { throw malformed("CDATA außerhalb des Wurzelelements / CDATA outside the root element", at: start) }
                if handler.wantsText {
                    guard let s = String(validating: buffer[(start + 9)..<close], as: UTF8.self) else {
                        throw malformed("ungültiges UTF-8 / invalid UTF-8", at: start)
                    }
                    try handler.text(s)
                }
                return close + 3
            }
            // `<!DOCTYPE`, `<!ENTITY`, `<!ELEMENT` … : refused outright, however short the buffer is.
            if count - start < 9 && !final {
                let have = buffer[start..<count]
                if Array("<![CDATA[".utf8).starts(with: have) || Array("<!--".utf8).starts(with: have) { return nil }
            }
            throw makeError(.doctypeForbidden)
        }
        if second == XMLStreamParser.slash {
            guard let close = find([XMLStreamParser.gt], from: start + 2) else { return nil }
            var nameEnd = start + 2
            while nameEnd < close && XMLStreamParser.isNameByte(buffer[nameEnd]) { nameEnd += 1 }
            for i in nameEnd..<close where !XMLStreamParser.isSpace(buffer[i]) {
                throw malformed("fehlerhaftes End-Tag / malformed end tag", at: start)
            }
            let name = localName(start + 2, nameEnd)
            guard let open = stack.last else { throw malformed("End-Tag </\(name)> ohne Start / end tag </\(name)> without start", at: start) }
            guard open == name else { throw malformed("</\(name)> schließt <\(open)> / </\(name)> closes <\(open)>", at: start) }
            stack.removeLast()
            try handler.endElement(name)
            return close + 1
        }
        // Start tag.
        var i = start + 1
        while i < count && XMLStreamParser.isNameByte(buffer[i]) { i += 1 }
        guard i < count else { return nil }
        if i == start + 1 { throw malformed("Tag ohne Namen / tag without a name", at: start) }
        let name = localName(start + 1, i)
        var attributes: [XMLAttribute] = []
        while true {
            while i < count && XMLStreamParser.isSpace(buffer[i]) { i += 1 }
            guard i < count else { return nil }
            let b = buffer[i]
            if b == XMLStreamParser.gt {
                try open(name, attributes, at: start)
                return i + 1
            }
            if b == XMLStreamParser.slash {
                guard i + 1 < count else { return nil }
                guard buffer[i + 1] == XMLStreamParser.gt else { throw malformed("'/' ohne '>' / '/' without '>'", at: i) }
                try open(name, attributes, at: start)
                stack.removeLast()
                try handler.endElement(name)
                return i + 2
            }
            let nameStart = i
            while i < count && XMLStreamParser.isNameByte(buffer[i]) { i += 1 }
            guard i < count else { return nil }
            if i == nameStart { throw malformed("unerwartetes Zeichen im Tag / unexpected character in tag", at: i) }
            let attributeName = localName(nameStart, i)
            while i < count && XMLStreamParser.isSpace(buffer[i]) { i += 1 }
            guard i < count else { return nil }
            guard buffer[i] == XMLStreamParser.equals else { throw malformed("Attribut ohne '=' / attribute without '='", at: i) }
            i += 1
            while i < count && XMLStreamParser.isSpace(buffer[i]) { i += 1 }
            guard i < count else { return nil }
            let quote = buffer[i]
            guard quote == 0x22 || quote == 0x27 else { throw malformed("Attributwert ohne Anführungszeichen / unquoted attribute value", at: i) }
            let valueStart = i + 1
            var valueEnd = valueStart
            while valueEnd < count && buffer[valueEnd] != quote {
                if buffer[valueEnd] == XMLStreamParser.lt { throw malformed("'<' im Attributwert / '<' in attribute value", at: valueEnd) }
                valueEnd += 1
            }
            guard valueEnd < count else { return nil }
            let value = try decode(valueStart, valueEnd, wanted: true) ?? ""
            if attributes.count >= 256 { throw malformed("mehr als 256 Attribute / more than 256 attributes", at: start) }
            attributes.append(XMLAttribute(name: attributeName, value: value))
            i = valueEnd + 1
        }
    }

    private func open(_ name: String, _ attributes: [XMLAttribute], at offset: Int) throws {
        if stack.isEmpty {
            if sawRoot { throw malformed("zweites Wurzelelement / second root element", at: offset) }
            sawRoot = true
        }
        if stack.count >= limits.maxXMLDepth { throw makeError(.xmlTooDeep(limit: limits.maxXMLDepth)) }
        stack.append(name)
        try handler.startElement(name, attributes: attributes)
    }

    private func localName(_ start: Int, _ end: Int) -> String {
        var s = start
        for i in start..<end where buffer[i] == UInt8(ascii: ":") { s = i + 1 }
        return String(decoding: buffer[s..<end], as: UTF8.self)
    }

    private func hasPrefix(_ prefix: String, at start: Int) -> Bool {
        let p = Array(prefix.utf8)
        guard start + p.count <= buffer.count else { return false }
        return buffer[start..<(start + p.count)].elementsEqual(p)
    }

    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        let count = buffer.count
        guard needle.count <= count else { return nil }
        var i = start
        let first = needle[0]
        while i + needle.count <= count {
            if buffer[i] == first {
                var match = true
                for k in 1..<needle.count where buffer[i + k] != needle[k] { match = false; break }
                if match { return i }
            }
            i += 1
        }
        return nil
    }
}
