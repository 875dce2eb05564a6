import CYaml
import Foundation
import Yams

/// The one strict loader of every YAML file Pruefstand reads: mappings, the run manifest, review rules,
/// controlling parameters (audit, projection), relief scenarios, NRW parameter files and city data.
///
/// Before any node is built, libyaml's parse events are read once (linear in the input) and the document
/// is refused, with file and line, when it has
/// - an anchor (`&name`) or an alias (`*name`): no alias expansion ("billion laughs"), whatever the quoting
///   around it on the line (the parser decides what is an anchor, not a text scan),
/// - a key given twice in one mapping, or a key that is not a scalar,
/// - more than one document, nesting deeper than `Limits.maxDepth`, more than `Limits.maxNodes` nodes or a
///   value longer than `Limits.maxScalarBytes`.
/// The file itself must be a regular file of at most `Limits.maxBytes` (a named pipe is refused before it
/// is opened) and UTF-8 text. Only then does Yams compose the nodes, which are then plain trees.
///
///     let node = try YAMLLoader.load(path: "Datasets/musterstadt/rules/review.yaml")
public enum YAMLLoader {
    public struct Limits: Sendable {
        public var maxBytes = 4 << 20
        public var maxDepth = 64
        public var maxNodes = 100_000
        public var maxScalarBytes = 64 << 10
        public init() {}
        public static let standard = Limits()
    }

    /// Reads and checks a file (see the type's documentation).
    public static func load(path: String, limits: Limits = .standard) throws -> Node {
        try parse(try read(path: path, limits: limits), file: path, limits: limits)
    }

    /// The bytes of a YAML file: a regular file (never a pipe or a device, which could block), at most
    /// `limits.maxBytes` long.
    public static func read(path: String, limits: Limits = .standard) throws -> Data {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw PruefstandError.file(path: path, message: errno == ENOENT ? Phrase(de: "keine solche Datei", en: "no such file")
                                                : Phrase(de: "nicht lesbar (\(String(cString: strerror(errno))))", en: "cannot read (\(String(cString: strerror(errno))))"))
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw PruefstandError.file(path: path, message: (st.st_mode & S_IFMT) == S_IFDIR ? Phrase(de: "ist ein Ordner, keine YAML-Datei", en: "is a folder, not a YAML file")
                                                : Phrase(de: "keine gewöhnliche Datei (eine Pipe oder ein Gerät wird nicht gelesen)", en: "not a regular file (a pipe or device is not read)"))
        }
        guard st.st_size <= limits.maxBytes else {
            throw PruefstandError.config(path: path, line: nil, key: nil, message: Phrase(de: "Datei größer als \(limits.maxBytes >> 20) MiB (\(Phrase.count(Int(st.st_size)).de) Byte)",
                                                                                 en: "file larger than \(limits.maxBytes >> 20) MiB (\(st.st_size) bytes)"))
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw PruefstandError.file(path: path, message: Phrase(de: "nicht lesbar", en: "cannot read"))
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: limits.maxBytes + 1)) ?? Data()
        guard data.count <= limits.maxBytes else {
            throw PruefstandError.config(path: path, line: nil, key: nil, message: tooLarge(limits))
        }
        return data
    }

    /// Checks and composes YAML bytes; `file` names them in errors.
    public static func parse(_ data: Data, file: String, limits: Limits = .standard) throws -> Node {
        guard data.count <= limits.maxBytes else {
            throw PruefstandError.config(path: file, line: nil, key: nil, message: tooLarge(limits))
        }
        if let bad = firstInvalidUTF8(data) {
            let line = data.prefix(bad).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw PruefstandError.config(path: file, line: line, key: nil, message: Phrase(de: "kein UTF-8-Text (Byte \(Phrase.count(bad + 1).de)); die Datei als UTF-8 speichern",
                                                                                     en: "not UTF-8 text (byte \(bad + 1)); save the file as UTF-8"))
        }
        return try parse(String(decoding: data, as: UTF8.self), file: file, limits: limits)
    }

    /// Checks and composes YAML text; `file` names it in errors.
    public static func parse(_ text: String, file: String, limits: Limits = .standard) throws -> Node {
        guard text.utf8.count <= limits.maxBytes else {
            throw PruefstandError.config(path: file, line: nil, key: nil, message: tooLarge(limits))
        }
        try check(text, file: file, limits: limits)
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PruefstandError.config(path: file, line: nil, key: nil, message: Phrase(de: "die Datei ist leer (kein YAML-Dokument)", en: "the file is empty (no YAML document)"))
            }
            return node
        } catch let error as YamlError {
            throw PruefstandError.config(path: file, line: nil, key: nil, message: Phrase(de: "kein gültiges YAML: \(error)", en: "not valid YAML: \(error)"))
        }
    }

    /// A file over the size limit.
    private static func tooLarge(_ limits: Limits) -> Phrase {
        Phrase(de: "Datei größer als \(limits.maxBytes >> 20) MiB", en: "file larger than \(limits.maxBytes >> 20) MiB")
    }

    // MARK: - The event pass

    private struct Container {
        var isMapping: Bool
        var expectsKey = true
        var keys: Set<String> = []
    }

    /// Reads libyaml's events once and refuses what the type's documentation lists.
    static func check(_ text: String, file: String, limits: Limits) throws {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw PruefstandError.other(Phrase(de: "\(file): YAML-Leser ohne Speicher", en: "\(file): YAML parser out of memory")) }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        if bytes.isEmpty { bytes = [0x0A] }   // libyaml wants a buffer; an empty one is a document-less stream
        try bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var stack: [Container] = []
            var nodes = 0, documents = 0
            func fail(_ line: Int, _ message: Phrase) -> PruefstandError {
                .config(path: file, line: line, key: nil, message: message)
            }
            /// A node (scalar or whole collection) ended: its parent mapping now expects the other half.
            func completed() { if let last = stack.indices.last, stack[last].isMapping { stack[last].expectsKey.toggle() } }
            func anchorText(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String {
                p.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) } ?? ""
            }
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    let line = Int(parser.problem_mark.line) + 1
                    let problem = parser.problem.map { String(cString: $0) } ?? "syntax error"
                    let context = parser.context.map { " " + String(cString: $0) } ?? ""
                    throw fail(line, Phrase(de: "kein gültiges YAML: \(problem)\(context) (Spalte \(parser.problem_mark.column + 1))",
                                           en: "not valid YAML: \(problem)\(context) (column \(parser.problem_mark.column + 1))"))
                }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 { throw fail(line, Phrase(de: "mehr als ein YAML-Dokument in der Datei (ein zweites '---')", en: "more than one YAML document in the file (a second '---')")) }
                case YAML_ALIAS_EVENT:
                    let alias = Phrase.quoted(anchorText(event.data.alias.anchor))
                    throw fail(line, Phrase(de: "YAML-Aliasse (*\(alias)) sind nicht erlaubt: den Wert ausschreiben",
                                            en: "YAML aliases (*\(alias)) are not allowed: write the value out"))
                case YAML_SCALAR_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    let anchor: UnsafeMutablePointer<yaml_char_t>?
                    switch event.type {
                    case YAML_SCALAR_EVENT: anchor = event.data.scalar.anchor
                    case YAML_SEQUENCE_START_EVENT: anchor = event.data.sequence_start.anchor
                    default: anchor = event.data.mapping_start.anchor
                    }
                    if anchor != nil {
                        let name = Phrase.quoted(anchorText(anchor))
                        throw fail(line, Phrase(de: "YAML-Anker (&\(name)) sind nicht erlaubt: den Wert ausschreiben",
                                                en: "YAML anchors (&\(name)) are not allowed: write the value out"))
                    }
                    nodes += 1
                    if nodes > limits.maxNodes { throw fail(line, Phrase(de: "mehr als \(Phrase.count(limits.maxNodes).de) YAML-Knoten", en: "more than \(limits.maxNodes) YAML nodes")) }
                    let isKey = stack.last.map { $0.isMapping && $0.expectsKey } ?? false
                    if event.type == YAML_SCALAR_EVENT {
                        let length = event.data.scalar.length
                        if length > limits.maxScalarBytes { throw fail(line, Phrase(de: "ein Wert länger als \(Phrase.count(limits.maxScalarBytes).de) Byte", en: "a value longer than \(limits.maxScalarBytes) bytes")) }
                        if isKey {
                            let key = event.data.scalar.value.map {
                                String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
                            } ?? ""
                            if !stack[stack.count - 1].keys.insert(key).inserted {
                                let shown = Phrase.quoted(String(key.prefix(60)), limit: 60)
                                throw fail(line, Phrase(de: "Schlüssel '\(shown)' zweimal in derselben Zuordnung angegeben",
                                                        en: "key '\(shown)' given twice in the same mapping"))
                            }
                        }
                        completed()
                    } else {
                        if isKey { throw fail(line, Phrase(de: "ein Schlüssel muss ein einfacher Wert sein, keine Liste und keine Zuordnung", en: "a key must be a plain value, not a list or mapping")) }
                        stack.append(Container(isMapping: event.type == YAML_MAPPING_START_EVENT))
                        if stack.count > limits.maxDepth { throw fail(line, Phrase(de: "tiefer als \(limits.maxDepth) Ebenen verschachtelt", en: "nested deeper than \(limits.maxDepth) levels")) }
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    stack.removeLast()
                    completed()
                default:
                    break
                }
            }
        }
    }

    /// The offset of the first byte that is not part of valid UTF-8, or `nil`.
    static func firstInvalidUTF8(_ data: Data) -> Int? {
        data.withUnsafeBytes { (b: UnsafeRawBufferPointer) -> Int? in
            var i = 0
            let n = b.count
            while i < n {
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                let need: Int, low: UInt8, high: UInt8
                switch c {
                case 0xC2...0xDF: need = 1; low = 0x80; high = 0xBF
                case 0xE0: need = 2; low = 0xA0; high = 0xBF
                case 0xE1...0xEC, 0xEE...0xEF: need = 2; low = 0x80; high = 0xBF
                case 0xED: need = 2; low = 0x80; high = 0x9F
                case 0xF0: need = 3; low = 0x90; high = 0xBF
                case 0xF1...0xF3: need = 3; low = 0x80; high = 0xBF
                case 0xF4: need = 3; low = 0x80; high = 0x8F
                default: return i
                }
                guard i + need < n else { return i }
                guard b[i + 1] >= low && b[i + 1] <= high else { return i }
                var k = 2
                while k <= need {
                    guard b[i + k] >= 0x80 && b[i + k] <= 0xBF else { return i }
                    k += 1
                }
                i += need + 1
            }
            return nil
        }
    }
}
