import Foundation

/// One hostile file of a data-driven test: its text, the line the error must name (nil: the file as a whole) and
/// a text the message must contain (`ParameterHostileFileTests`, `ProjectionFileHostileTests`).
struct HostileFileCase: Sendable, CustomStringConvertible {
    var name: String
    /// The file's text (or the part a test puts under its head).
    var body: String
    /// The line of the error (nil: the file as a whole).
    var line: Int?
    /// A text the message must contain.
    var says: String
    var description: String { name }
}
