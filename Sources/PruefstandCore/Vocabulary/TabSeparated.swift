import Foundation

/// The lines of a tab-separated resource of the package (`report-columns.tsv`, `labels.tsv`): text for people kept
/// as data, one entry a line. `#` lines and blank lines are skipped; a line ends in \n, \r\n or \r.
enum TabSeparated {
    /// Each entry's fields with its line number (from 1); a line with another number of fields than `names` is an
    /// error naming the file and the line.
    static func rows(_ text: String, path: String, fields names: [String]) throws -> [(line: Int, fields: [String])] {
        var out: [(line: Int, fields: [String])] = []
        // A line ends in \n, \r\n or \r (one Character each in Swift).
        for (i, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count == names.count else {
                throw error(path, i + 1, "expected \(names.count) tab-separated fields (\(names.joined(separator: ", "))), found \(f.count)")
            }
            out.append((i + 1, f))
        }
        return out
    }

    /// An error in the file's line `line`.
    static func error(_ path: String, _ line: Int, _ message: String) -> PruefstandError {
        .config(path: path, line: line, key: nil, message: Phrase(message))
    }
}
