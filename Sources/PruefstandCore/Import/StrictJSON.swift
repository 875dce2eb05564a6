import Foundation

/// A strict, small JSON reader for the code trees a mapping reads (`json:`): the whole of RFC 8259 and
/// nothing more, with limits, so a hostile file is refused with its line instead of exhausting memory or
/// the stack. Objects keep their keys in file order; a key given twice in one object is an error (a
/// general JSON reader keeps one of them silently, and a code would be lost).
///
///     let value = try StrictJSON.parse(bytes, path: "produktrahmen.json")
enum StrictJSON {
    indirect enum Value {
        case object([(key: String, line: Int, value: Value)])
        case array([Value])
        case string(String)
        /// The number's text as written (never a Double: no code or amount is rounded).
        case number(String)
        case bool(Bool)
        case null
    }

    /// Files larger than this are refused before they are read.
    static let maxBytes = 64 << 20
    /// Objects and arrays nested deeper than this are refused (the reader recurses once per level).
    static let maxDepth = 64

    static func parse(_ bytes: [UInt8], path: String, maxBytes: Int = StrictJSON.maxBytes) throws -> Value {
        guard bytes.count <= maxBytes else {
            throw PruefstandError.input(path: path, line: nil, message: "the JSON file has \(bytes.count) bytes; at most \(maxBytes) are read")
        }
        var p = Parser(b: bytes, path: path)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { p.i = 3 }
        let v = try p.value(depth: 0)
        p.skipSpace()
        guard p.i == bytes.count else { throw p.fail("text after the JSON value") }
        return v
    }

    private struct Parser {
        let b: [UInt8]
        let path: String
        var i = 0
        var line = 1

        func fail(_ message: String) -> PruefstandError {
            .input(path: path, line: line, message: "not valid JSON: \(message)")
        }

        mutating func skipSpace() {
            while i < b.count {
                switch b[i] {
                case 0x20, 0x09, 0x0D: i += 1
                case 0x0A: i += 1; line += 1
                default: return
                }
            }
        }

        mutating func expect(_ c: UInt8, _ what: String) throws {
            skipSpace()
            guard i < b.count, b[i] == c else { throw fail("expected \(what)") }
            i += 1
        }

        mutating func value(depth: Int) throws -> Value {
            skipSpace()
            guard i < b.count else { throw fail("unexpected end of the file") }
            switch b[i] {
            case UInt8(ascii: "{"):
                guard depth < StrictJSON.maxDepth else { throw fail("nested deeper than \(StrictJSON.maxDepth) levels") }
                i += 1
                var members: [(key: String, line: Int, value: Value)] = []
                var seen = Set<String>()
                skipSpace()
                if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                while true {
                    skipSpace()
                    guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw fail("expected a key in quotes") }
                    let keyLine = line
                    let key = try string()
                    guard seen.insert(key).inserted else { throw fail("the key \"\(key.prefix(80))\" is given twice in one object") }
                    try expect(UInt8(ascii: ":"), "':' after a key")
                    members.append((key, keyLine, try value(depth: depth + 1)))
                    skipSpace()
                    guard i < b.count else { throw fail("unexpected end of the file inside an object") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                    throw fail("expected ',' or '}' in an object")
                }
            case UInt8(ascii: "["):
                guard depth < StrictJSON.maxDepth else { throw fail("nested deeper than \(StrictJSON.maxDepth) levels") }
                i += 1
                var items: [Value] = []
                skipSpace()
                if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                while true {
                    items.append(try value(depth: depth + 1))
                    skipSpace()
                    guard i < b.count else { throw fail("unexpected end of the file inside an array") }
                    if b[i] == UInt8(ascii: ",") { i += 1; continue }
                    if b[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                    throw fail("expected ',' or ']' in an array")
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try word("true"); return .bool(true)
            case UInt8(ascii: "f"): try word("false"); return .bool(false)
            case UInt8(ascii: "n"): try word("null"); return .null
            default: return .number(try number())
            }
        }

        mutating func word(_ w: String) throws {
            let u = Array(w.utf8)
            guard i + u.count <= b.count, Array(b[i ..< i + u.count]) == u else { throw fail("unknown word (true, false or null expected)") }
            i += u.count
        }

        mutating func number() throws -> String {
            let start = i
            func digits() -> Int { let s = i; while i < b.count, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }; return i - s }
            if i < b.count, b[i] == UInt8(ascii: "-") { i += 1 }
            let intStart = i
            guard digits() > 0 else { throw fail("expected a value") }
            if b[intStart] == 0x30, i - intStart > 1 { throw fail("a number with a leading zero") }
            if i < b.count, b[i] == UInt8(ascii: ".") { i += 1; guard digits() > 0 else { throw fail("a number without digits after '.'") } }
            if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
                i += 1
                if i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
                guard digits() > 0 else { throw fail("a number without digits in its exponent") }
            }
            return String(decoding: b[start ..< i], as: UTF8.self)
        }

        /// A string at `i` (on its opening quote): escapes decoded, UTF-8 checked, raw control characters refused.
        mutating func string() throws -> String {
            i += 1
            var out: [UInt8] = []
            while true {
                guard i < b.count else { throw fail("a string is not closed") }
                let c = b[i]
                if c == UInt8(ascii: "\"") { i += 1; break }
                if c < 0x20 { throw fail("a control character inside a string (write it as an escape)") }
                if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
                i += 1
                guard i < b.count else { throw fail("a string is not closed") }
                let e = b[i]; i += 1
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var v = try hex4()
                    if (0xD800...0xDBFF).contains(v) {
                        guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else { throw fail("an unpaired surrogate escape") }
                        i += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("an unpaired surrogate escape") }
                        v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(v) {
                        throw fail("an unpaired surrogate escape")
                    }
                    out.append(contentsOf: Array(String(Character(Unicode.Scalar(v)!)).utf8))
                default: throw fail("an unknown escape \\\(Character(Unicode.Scalar(e)))")
                }
            }
            guard let s = String(bytes: out, encoding: .utf8) else { throw fail("a string that is not valid UTF-8") }
            return s
        }

        mutating func hex4() throws -> UInt32 {
            guard i + 4 <= b.count, b[i ..< i + 4].allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }),
                  let v = UInt32(String(decoding: b[i ..< i + 4], as: UTF8.self), radix: 16) else { throw fail("a \\u escape needs four hex digits") }
            i += 4
            return v
        }
    }
}
